/**
 * `col_sum_f64`: column sums in float64: `acc[j] += x[i, j]` for each of `rows` rows of `cols`
 * float32 (`ld` floats apart: a whole row, or a range of its columns), row after row (the order
 * of the TypeScript loop in `ops/reduce.ts`, so the same sums). `acc` holds `cols` doubles and is
 * not cleared here. Driver: `simdColumnSums` in `sums.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { I32, SWAP_HALVES, V128 } from '../wasm-encoder.js';

export const colSum = defineKernel({
  name: 'col_sum_f64',
  params: { acc: I32, x: I32, rows: I32, cols: I32, ld: I32 },
  locals: { i: I32, j: I32, row: I32, v: V128 },
  body: (c, { acc, x, rows, cols, ld, i, j, row, v }) => {
    /** The address of acc[j]. */
    const accAt = () => c.elementAddress(acc, j, 8);
    c.forRange(i, 0, rows, 1, () => {
      c.elementAddress(x, () => c.get(i).get(ld).i32Mul(), 4).set(row);
      // 4 columns at a time, as two pairs of doubles …
      c.forGroups(j, 0, cols, 4, () => {
        c.elementAddress(row, j, 4).v128Load().set(v);
        accAt();
        accAt().v128Load();
        c.get(v).f64x2PromoteLowF32x4().f64x2Add().v128Store();
        accAt();
        accAt().v128Load(16);
        c.get(v).get(v).i8x16Shuffle(SWAP_HALVES).f64x2PromoteLowF32x4().f64x2Add().v128Store(16);
      });
      // … then one at a time
      c.forRange(j, null, cols, 1, () => {
        accAt();
        accAt().f64Load();
        c.elementAddress(row, j, 4).f32Load().f64PromoteF32().f64Add().f64Store();
      });
    });
  },
});
