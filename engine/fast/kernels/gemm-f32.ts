/**
 * `gemm_f32`: dense C = A·B in float32 (`gemm.ts` gemmBlocked for float32; `plainGemm` in
 * ops/matmul.ts is the reference): every element is `acc = fl(acc + fl(a·b))` from acc = +0, in
 * order p = 0 … k−1 (a multiply and an add, each rounded to float32: no fused multiply-add), as
 * the plain loop computes it. Driver: `simdGemmF32` in `matmul.ts`.
 *
 * Blocks of 4 rows × 8 columns of C are held in eight f32x4 accumulators while p runs over the
 * whole of k (no k blocking, so an element's sum is never split or reordered):
 * - A: `rows` (≥ 4) rows of k floats, `lda` floats apart. When rows is not a multiple of 4, the last
 *   block is rows rows−4 … rows−1, overlapping the block before it: it rewrites equal values.
 * - B: packed by the driver into panels of 8 columns, 32 bytes per p: panel jb holds
 *   B[p, c0 … c0+7] with c0 = min(8·jb, m − 8) (m ≥ 8), so the last panel, too, may overlap the
 *   one before it.
 * - C: `ldc` floats per row; the block of panel jb is written at column c0.
 */
import { defineKernel } from '../define-kernel.js';
import { I32, V128 } from '../wasm-encoder.js';

export const gemmF32 = defineKernel({
  name: 'gemm_f32',
  params: { c: I32, ldc: I32, a: I32, lda: I32, bp: I32, rows: I32, m: I32, k: I32 },
  locals: { r: I32, r0: I32, jb: I32, nbj: I32, c0: I32, p: I32 },
  body: (code, { c, ldc, a, lda, bp, rows, m, k, r, r0, jb, nbj, c0, p }) => {
    // the addresses of A[r0 + q, p] for the block's four rows q, advanced with p
    const aq = [0, 1, 2, 3].map((q) => code.local(`a${q}`, I32));
    const pb = code.local('pb', I32), cBlock = code.local('cblk', I32);
    const b0 = code.local('b0', V128), b1 = code.local('b1', V128), av = code.local('av', V128);
    // acc[2q + v]: row q of the block, lanes 4v … 4v+3
    const acc = [0, 1, 2, 3, 4, 5, 6, 7].map((s) => code.local(`acc${s >> 1}_${s & 1}`, V128));
    /** min(x, y) of two values pushed by the callbacks. */
    const min = (x: () => void, y: () => void) => { x(); y(); x(); y(); code.i32LtS().select(); };
    code.get(m).i32Const(7).i32Add().i32Const(3).i32ShrS().set(nbj);
    code.forRange(r, 0, rows, 4, () => {
      min(() => code.get(r), () => code.get(rows).i32Const(4).i32Sub());
      code.set(r0);
      code.forRange(jb, 0, nbj, 1, () => {
        min(() => code.get(jb).i32Const(3).i32Shl(), () => code.get(m).i32Const(8).i32Sub());
        code.set(c0);
        code.elementAddress(c, () => code.get(r0).get(ldc).i32Mul().get(c0).i32Add(), 4).set(cBlock);
        code.elementAddress(a, () => code.get(r0).get(lda).i32Mul(), 4).set(aq[0]);
        for (let q = 1; q < 4; q++) code.elementAddress(aq[q - 1], lda, 4).set(aq[q]);
        code.elementAddress(bp, () => code.get(jb).get(k).i32Mul(), 32).set(pb);
        for (const s of acc) code.f32Const0().f32x4Splat().set(s);
        code.forRange(p, 0, k, 1, () => {
          code.get(pb).v128Load().set(b0);
          code.get(pb).v128Load(16).set(b1);
          for (let q = 0; q < 4; q++) {
            code.get(aq[q]).v128Load32Splat().set(av);
            code.get(acc[2 * q]).get(av).get(b0).f32x4Mul().f32x4Add().set(acc[2 * q]);
            code.get(acc[2 * q + 1]).get(av).get(b1).f32x4Mul().f32x4Add().set(acc[2 * q + 1]);
            code.get(aq[q]).i32Const(4).i32Add().set(aq[q]);
          }
          code.get(pb).i32Const(32).i32Add().set(pb);
        });
        for (let q = 0; q < 4; q++) {
          code.get(cBlock).get(acc[2 * q]).v128Store();
          code.get(cBlock).get(acc[2 * q + 1]).v128Store(16);
          if (q < 3) code.elementAddress(cBlock, ldc, 4).set(cBlock);
        }
      });
    });
  },
});
