/**
 * `demote_rows_f32`: `rows` rows of `cols` doubles (`lds` doubles from row to row) rounded to
 * float32 into consecutive rows of `cols` floats at `dst`, four at a time (`f32x4.demote_f64x2_zero`,
 * round to nearest even, as JavaScript stores a double into a Float32Array). The last group of a
 * row reads up to 3 doubles past `cols` (within the row's `lds` when lds ≥ cols rounded up to 4)
 * and writes up to 3 floats past the row's end: the next row overwrites them, and after the last
 * row they land in the 3 floats past rows·cols. Driver: `simdGemmTiles64` (`gemm-tiles64.ts`), for
 * the float32 C of `gemm_tiles64`.
 */
import { defineKernel } from '../define-kernel.js';
import { I32 } from '../wasm-encoder.js';
import { LOW_HALVES } from './midpoint-band.js';

export const demoteRowsF32 = defineKernel({
  name: 'demote_rows_f32',
  params: { dst: I32, src: I32, rows: I32, cols: I32, lds: I32 },
  locals: { r: I32, j: I32, s: I32, d: I32 },
  body: (c, { dst, src, rows, cols, lds, r, j, s, d }) => {
    c.get(dst).set(d);
    c.forRange(r, 0, rows, 1, () => {
      c.elementAddress(src, () => c.get(r).get(lds).i32Mul(), 8).set(s);
      c.forRange(j, 0, cols, 4, () => {
        c.elementAddress(d, j, 4);
        c.elementAddress(s, j, 8).v128Load().f32x4DemoteF64x2Zero();
        c.elementAddress(s, j, 8).v128Load(16).f32x4DemoteF64x2Zero();
        c.i8x16Shuffle(LOW_HALVES).v128Store();
      });
      c.elementAddress(d, cols, 4).set(d);
    });
  },
});
