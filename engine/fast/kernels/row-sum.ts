/**
 * `row_sum_f32`: row sums in PyTorch's float32 order (`ops/cascade-sum.ts`) for rows of
 * 8 ≤ n < 32 floats, the case where ATen adds the ⌊n/8⌋ vectors of 8 lanes in order:
 * lanes = (0 + v0 + v1 + v2) + 0 (two f32x4 accumulators; float32 lane adds round as
 * `Math.fround`), then the sum is `((0 + tail…) + lane0) + … + lane7`, left to right. `rows`
 * rows of `n`, contiguous; one float per row to `out`. Driver: `simdRowSums` in `sums.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { F32, I32, V128 } from '../wasm-encoder.js';

export const rowSum = defineKernel({
  name: 'row_sum_f32',
  params: { out: I32, x: I32, rows: I32, n: I32 },
  locals: { r: I32, v: I32, row: I32, nvec: I32, lanes0: V128, lanes1: V128, zero: V128, acc: F32 },
  body: (c, { out, x, rows, n, r, v, row, nvec, lanes0, lanes1, zero, acc }) => {
    c.f32Const0().f32x4Splat().set(zero);
    c.get(n).i32Const(3).i32ShrS().set(nvec);
    c.forRange(r, 0, rows, 1, () => {
      c.elementAddress(x, () => c.get(r).get(n).i32Mul(), 4).set(row);
      c.get(zero).set(lanes0);
      c.get(zero).set(lanes1);
      // the vectors of 8 lanes, in order
      c.forRange(v, 0, nvec, 1, () => {
        c.get(lanes0).elementAddress(row, v, 32).v128Load().f32x4Add().set(lanes0);
        c.get(lanes1).elementAddress(row, v, 32).v128Load(16).f32x4Add().set(lanes1);
      });
      c.get(lanes0).get(zero).f32x4Add().set(lanes0);
      c.get(lanes1).get(zero).f32x4Add().set(lanes1);
      // the tail, then the 8 lanes, one at a time
      c.f32Const0().set(acc);
      c.forRange(v, () => c.get(nvec).i32Const(3).i32Shl(), n, 1, () => {
        c.get(acc).elementAddress(row, v, 4).f32Load().f32Add().set(acc);
      });
      for (let l = 0; l < 4; l++) c.get(acc).get(lanes0).f32x4ExtractLane(l).f32Add().set(acc);
      for (let l = 0; l < 4; l++) c.get(acc).get(lanes1).f32x4ExtractLane(l).f32Add().set(acc);
      c.elementAddress(out, r, 4).get(acc).f32Store();
    });
  },
});
