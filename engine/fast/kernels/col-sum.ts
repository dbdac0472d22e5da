/**
 * `col_sum_f64`: column sums in float64: `acc[j] += x[i, j]` for each of `rows` rows of `cols`
 * float32 (`ld` floats apart: a whole row, or a range of its columns), rows in order for every
 * column (the order of the TypeScript loop in `ops/reduce.ts`, so the same sums). `acc` holds
 * `cols` doubles and is not cleared here. Driver: `simdColumnSums` in `sums.ts`.
 *
 * The columns go in strips of 16 (a cache line of each row): the strip's 16 sums stay in 8
 * registers (pairs of doubles) while the rows are added, then are stored once; the last
 * cols mod 16 columns go in strips of 4, then one at a time. Each column still takes its rows
 * one after the other, so every sum is the same as the row-after-row loop's.
 */
import { defineKernel } from '../define-kernel.js';
import { I32, SWAP_HALVES, V128, type Local } from '../wasm-encoder.js';

export const colSum = defineKernel({
  name: 'col_sum_f64',
  params: { acc: I32, x: I32, rows: I32, cols: I32, ld: I32 },
  locals: { i: I32, j: I32, p: I32, stride: I32, v: V128 },
  body: (c, { acc, x, rows, cols, ld, i, j, p, stride, v }) => {
    const sums: Local[] = Array.from({ length: 8 }, (_, q) => c.local(`s${q}`, V128));
    c.get(ld).i32Const(2).i32Shl().set(stride);
    /** A strip of `width` (16 or 4) columns from column j: sums in registers over all rows. */
    const strip = (width: 16 | 4) => {
      const pairs = width / 2;
      for (let q = 0; q < pairs; q++) c.elementAddress(acc, j, 8).v128Load(16 * q).set(sums[q]);
      c.elementAddress(x, j, 4).set(p);
      c.forRange(i, 0, rows, 1, () => {
        for (let g = 0; g < width / 4; g++) {
          c.get(p).v128Load(16 * g).set(v);
          c.get(sums[2 * g]).get(v).f64x2PromoteLowF32x4().f64x2Add().set(sums[2 * g]);
          c.get(sums[2 * g + 1]).get(v).get(v).i8x16Shuffle(SWAP_HALVES).f64x2PromoteLowF32x4().f64x2Add().set(sums[2 * g + 1]);
        }
        c.get(p).get(stride).i32Add().set(p);
      });
      for (let q = 0; q < pairs; q++) c.elementAddress(acc, j, 8).get(sums[q]).v128Store(16 * q);
    };
    c.forGroups(j, 0, cols, 16, () => strip(16));
    c.forGroups(j, null, cols, 4, () => strip(4));
    // the last columns one at a time (a double in lane 0 of a pair)
    c.forRange(j, null, cols, 1, () => {
      c.elementAddress(acc, j, 8).f64Load().f64x2Splat().set(sums[0]);
      c.elementAddress(x, j, 4).set(p);
      c.forRange(i, 0, rows, 1, () => {
        c.get(sums[0]).get(p).v128Load32Splat().f64x2PromoteLowF32x4().f64x2Add().set(sums[0]);
        c.get(p).get(stride).i32Add().set(p);
      });
      c.elementAddress(acc, j, 8).get(sums[0]).f64x2ExtractLane(0).f64Store();
    });
  },
});
