/**
 * `scanNonZero`: the loop of the two sparse matmul kernels (`gemm-sparse-a.ts`, `gemm-kij.ts`)
 * over the elements of A, skipping four zeros at once.
 */
import type { Code, Local } from '../wasm-encoder.js';

/**
 * Emit `for (idx = 0; idx < end;) step()` where `step` handles element idx (and advances idx),
 * skipping four elements at once while all four are zero: `addr` pushes the byte address of
 * element idx. The order of the steps is unchanged: zeros are skipped, nothing is reordered.
 */
export function scanNonZero(c: Code, addr: () => void, idx: Local, end: Local, step: () => void): void {
  c.i32Const(0).set(idx);
  // four at a time while four remain …
  c.loopUntil(() => c.get(idx).i32Const(4).i32Add().get(end).i32GtS(), () => {
    addr();
    c.v128Load().f32Const0().f32x4Splat().f32x4Ne().v128AnyTrue();
    c.ifThen(() => {
      for (let q = 0; q < 4; q++) step();
    }, () => {
      c.get(idx).i32Const(4).i32Add().set(idx);
    });
  });
  // … then one at a time
  c.loopUntil(() => c.get(idx).get(end).i32GeS(), step);
}
