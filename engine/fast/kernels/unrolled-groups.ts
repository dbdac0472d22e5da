/**
 * `unrolledGroups`: the column loops of the one-hot matmul kernels (`gemm-one-hot-rows.ts`,
 * `gemm-kij-one-hot.ts`), unrolled for rows of at most 32 floats: a row of 27 is 7 groups of 4,
 * too short a loop for its counter and branch to be cheap.
 */
import type { Code, Local } from '../wasm-encoder.js';

/**
 * Emit `for (j = 0; j + 4 ≤ end + slack; j += 4) body()` (slack 0: whole groups only; slack 3: a
 * last partial group too), unrolled when end ≤ 32: `j = 4g; body()` for each group g the row has
 * (the tests on `end` go the same way for every row of a call, and j is a constant the compiler
 * folds into the addresses); a loop otherwise. j is left at the first group not run.
 */
export function unrolledGroups(c: Code, j: Local, end: Local, slack: 0 | 3, body: () => void): void {
  c.get(end).i32Const(32).i32GtS();
  c.ifThen(() => {
    c.i32Const(0).set(j);
    c.loopUntil(() => c.get(j).i32Const(4 - slack).i32Add().get(end).i32GtS(), () => {
      body();
      c.get(j).i32Const(4).i32Add().set(j);
    });
  }, () => {
    c.i32Const(0).set(j);
    for (let g = 0; g < 8; g++) {
      c.get(end).i32Const(4 * g + 4 - slack).i32GeS();
      c.ifThen(() => {
        c.i32Const(4 * g).set(j);
        body();
        c.i32Const(4 * g + 4).set(j);
      });
    }
  });
}
