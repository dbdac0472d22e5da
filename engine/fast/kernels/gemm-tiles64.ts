/**
 * `gemm_tiles64`: C = A·B with float64 sums, for matmul's long-k rule at a moderate k (`gemm.ts`
 * gemmTiles64 computes the same sums, term by term): every element is `acc = acc + a·b` in a
 * double from acc = +0, in order p = 0 … k−1, a multiply and an add each rounded to double (no
 * fused multiply-add; for float32 operands the product is exact anyway). Driver:
 * `simdGemmTiles64` in `gemm-tiles64.ts`.
 *
 * The driver packs A and B as doubles into panels of 4 (`packPanels`): panel ib of A holds
 * A[4ib … 4ib+3, p] for each p (32 bytes per p), panel jb of B holds B[p, 4jb … 4jb+3]. Each 4×4
 * tile of C is held in eight f64x2 accumulators (row r: columns 0–1 and 2–3) while p runs over the
 * whole of k. C is written as `nb·4` rows of `mb·4` doubles (the padding rows and columns included).
 */
import { defineKernel } from '../define-kernel.js';
import { I32, V128 } from '../wasm-encoder.js';

export const gemmTiles64 = defineKernel({
  name: 'gemm_tiles64',
  params: { c: I32, ap: I32, bp: I32, nb: I32, mb: I32, k: I32 },
  locals: { ib: I32, jb: I32, p: I32, pa: I32, pb: I32, row: I32, av: V128, b0: V128, b1: V128 },
  body: (code, { c, ap, bp, nb, mb, k, ib, jb, p, pa, pb, row, av, b0, b1 }) => {
    // acc[2r + h]: row r of the tile, columns 2h and 2h+1
    const acc = [0, 1, 2, 3, 4, 5, 6, 7].map((s) => code.local(`acc${s >> 1}_${s & 1}`, V128));
    code.forRange(ib, 0, nb, 1, () => {
      code.forRange(jb, 0, mb, 1, () => {
        code.elementAddress(ap, () => code.get(ib).get(k).i32Mul(), 32).set(pa);
        code.elementAddress(bp, () => code.get(jb).get(k).i32Mul(), 32).set(pb);
        for (const s of acc) code.f32Const0().f32x4Splat().set(s); // +0 in both lanes
        code.forRange(p, 0, k, 1, () => {
          code.get(pb).v128Load().set(b0);
          code.get(pb).v128Load(16).set(b1);
          for (let r = 0; r < 4; r++) {
            code.get(pa).v128Load64Splat(8 * r).set(av);
            code.get(acc[2 * r]).get(av).get(b0).f64x2Mul().f64x2Add().set(acc[2 * r]);
            code.get(acc[2 * r + 1]).get(av).get(b1).f64x2Mul().f64x2Add().set(acc[2 * r + 1]);
          }
          code.get(pa).i32Const(32).i32Add().set(pa);
          code.get(pb).i32Const(32).i32Add().set(pb);
        });
        // row 4ib of the tile starts at double (4ib · 4mb + 4jb) = 32-byte unit ib·4mb + jb
        code.elementAddress(c, () => code.get(ib).get(mb).i32Mul().i32Const(2).i32Shl().get(jb).i32Add(), 32).set(row);
        for (let r = 0; r < 4; r++) {
          code.get(row).get(acc[2 * r]).v128Store();
          code.get(row).get(acc[2 * r + 1]).v128Store(16);
          if (r < 3) code.elementAddress(row, mb, 32).set(row); // the next row: 4mb doubles on
        }
      });
    });
  },
});
