/**
 * `one_hot_i32`: the rows of `oneHot` (`ops/one-hot.ts`) in one pass: for each of `count` indices
 * (int32 at `idx`), a row of `c` int32 (c ≥ 4) at `out`: zeros, with a 1 at the index. Returns 1
 * when every index was in [0, c); it stops at the first one that is not and returns 0 (its row
 * is not written). The row's last four elements are written by a store that may overlap the
 * group before (zeros again), so nothing is written past the `count` rows. Driver: `simdOneHot`
 * in `one-hot-rows.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { I32, V128 } from '../wasm-encoder.js';

export const oneHotI32 = defineKernel({
  name: 'one_hot_i32',
  params: { out: I32, idx: I32, count: I32, c: I32 },
  results: [I32],
  locals: { r: I32, j: I32, row: I32, at: I32, zero: V128 },
  body: (c, { out, idx, count, c: classes, r, j, row, at, zero }) => {
    c.i32Const(0).i32x4Splat().set(zero);
    c.get(out).set(row);
    c.forRange(r, 0, count, 1, () => {
      // the index, in range or the end
      c.elementAddress(idx, r, 4).i32Load().tee(at).i32Const(0).i32LtS().get(at).get(classes).i32GeS().i32Or();
      c.ifThen(() => c.i32Const(0).return());
      c.forGroups(j, 0, classes, 4, () => {
        c.elementAddress(row, j, 4).get(zero).v128Store();
      });
      c.elementAddress(row, () => c.get(classes).i32Const(4).i32Sub(), 4).get(zero).v128Store();
      c.elementAddress(row, at, 4).i32Const(1).i32Store();
      c.elementAddress(row, classes, 4).set(row);
    });
    c.i32Const(1);
  },
});
