/**
 * The packing of `gemm_tiles64`'s operands (`kernels/gemm-tiles64.ts`) from float32 rows, in
 * WebAssembly instead of element by element in TypeScript: the same doubles in the same places as
 * `packPanels` (`gemm-tiles64.ts`), each float32 promoted to a double (exact). Driver:
 * `simdGemmTiles64` in `gemm-tiles64.ts`, which first copies the float32 rows into the scratch
 * memory (one `set` per block of rows).
 *
 * - `pack_rows4_f64`: `nb` panels of 4 rows of k floats each (`lds` floats from row to row): panel
 *   b gets `P[(b·k + p)·4 + r] = X[4b + r, p]`. It packs A (its rows) and a transposed B (the rows
 *   of Bᵀ, `W` in `h @ W.T`). Four p at a time: one f32x4 load per row, then pairs of rows (r, r+1)
 *   at the same p moved to the low lanes by a shuffle and promoted; the last k % 4 p one by one.
 * - `pack_cols4_f64`: row-major B (k rows of `ld` floats): panel jb gets
 *   `P[(jb·k + p)·4 + c] = B[p, 4jb + c]`, one f32x4 load per p promoted in two halves. The
 *   last panel of an m that is not a multiple of 4 reads up to 3 floats past its row (the next
 *   row's, or past the last row): they fill padding columns, whose sums the driver never stores.
 */
import { defineKernel } from '../define-kernel.js';
import { I32, V128 } from '../wasm-encoder.js';

/** Shuffle lanes putting float `q` of the first operand and float `q` of the second in lanes 0 and 1. */
const pairAt = (q: number) => [4 * q, 4 * q + 1, 4 * q + 2, 4 * q + 3, 16 + 4 * q, 17 + 4 * q, 18 + 4 * q, 19 + 4 * q, 0, 1, 2, 3, 4, 5, 6, 7];

export const packRows4F64 = defineKernel({
  name: 'pack_rows4_f64',
  params: { dst: I32, src: I32, lds: I32, nb: I32, k: I32 },
  locals: { b: I32, p: I32, d: I32, rowBytes: I32 },
  body: (code, { dst, src, lds, nb, k, b, p, d, rowBytes }) => {
    const s = [0, 1, 2, 3].map((r) => code.local(`s${r}`, I32)); // the byte address of X[4b + r, p]
    const v = [0, 1, 2, 3].map((r) => code.local(`v${r}`, V128)); // X[4b + r, p … p+3]
    code.get(lds).i32Const(2).i32Shl().set(rowBytes);
    code.get(dst).set(d);
    code.forRange(b, 0, nb, 1, () => {
      code.get(b).get(rowBytes).i32Mul().i32Const(2).i32Shl().get(src).i32Add().set(s[0]); // src + 4b rows
      for (let r = 1; r < 4; r++) code.get(s[r - 1]).get(rowBytes).i32Add().set(s[r]);
      code.forGroups(p, 0, k, 4, () => {
        for (let r = 0; r < 4; r++) code.get(s[r]).v128Load().set(v[r]);
        for (let q = 0; q < 4; q++) {
          // rows 0–1, then rows 2–3, of column p + q
          code.get(d).get(v[0]).get(v[1]).i8x16Shuffle(pairAt(q)).f64x2PromoteLowF32x4().v128Store(32 * q);
          code.get(d).get(v[2]).get(v[3]).i8x16Shuffle(pairAt(q)).f64x2PromoteLowF32x4().v128Store(32 * q + 16);
        }
        code.get(d).i32Const(128).i32Add().set(d);
        for (let r = 0; r < 4; r++) code.get(s[r]).i32Const(16).i32Add().set(s[r]);
      });
      code.forRange(p, null, k, 1, () => {
        for (let r = 0; r < 4; r++) {
          code.get(d).get(s[r]).f32Load().f64PromoteF32().f64Store(8 * r);
          code.get(s[r]).i32Const(4).i32Add().set(s[r]);
        }
        code.get(d).i32Const(32).i32Add().set(d);
      });
    });
  },
});

export const packCols4F64 = defineKernel({
  name: 'pack_cols4_f64',
  params: { dst: I32, src: I32, ld: I32, mb: I32, k: I32 },
  locals: { jb: I32, p: I32, d: I32, s: I32, rowBytes: I32, v: V128 },
  body: (code, { dst, src, ld, mb, k, jb, p, d, s, rowBytes, v }) => {
    code.get(ld).i32Const(2).i32Shl().set(rowBytes);
    code.get(dst).set(d);
    code.forRange(jb, 0, mb, 1, () => {
      code.elementAddress(src, jb, 16).set(s); // B[0, 4jb]
      code.forRange(p, 0, k, 1, () => {
        code.get(s).v128Load().set(v);
        code.get(d).get(v).f64x2PromoteLowF32x4().v128Store();
        code.get(d).get(v).get(v).i8x16Shuffle([8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15]).f64x2PromoteLowF32x4().v128Store(16);
        code.get(d).i32Const(32).i32Add().set(d);
        code.get(s).get(rowBytes).i32Add().set(s);
      });
    });
  },
});

/** Both packing kernels, by export name. */
export const packPanels64Kernels = { pack_rows4_f64: packRows4F64, pack_cols4_f64: packCols4F64 } as const;
