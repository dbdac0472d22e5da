/**
 * `sqrt_f32`: √x of `n` floats at `x` (n a multiple of 4) into `out`, with `f32x4.sqrt`. IEEE
 * square root is correctly rounded, and so is `Math.fround(Math.sqrt(x))` for a float32 x (the
 * double square root keeps more than twice float32's 24 bits, so rounding it again to float32
 * gives the correctly rounded float32 result): the same value for every input, ±0 and +∞
 * included (checked exhaustively, spec/fast-paths/math-f32.spec.ts). Only NaN results (negative
 * inputs, NaN) may carry other bits than the plain loop's: each group of 4 holding one is listed
 * at `list` (its first element's index) for the driver to redo with `Math.sqrt`. Returns how many
 * groups it listed. Driver: `simdSqrtF32` in `math-f32.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { I32, V128 } from '../wasm-encoder.js';

export const sqrtF32 = defineKernel({
  name: 'sqrt_f32',
  params: { out: I32, x: I32, n: I32, list: I32 },
  results: [I32],
  locals: { i: I32, count: I32, r: V128 },
  body: (c, { out, x, n, list, i, count, r }) => {
    c.i32Const(0).set(count);
    c.forRange(i, 0, n, 4, () => {
      c.elementAddress(out, i, 4);
      c.elementAddress(x, i, 4).v128Load().f32x4Sqrt().tee(r);
      c.v128Store();
      // NaN ≠ NaN: list the group when a lane is NaN
      c.get(r).get(r).f32x4Ne().v128AnyTrue().ifThen(() => {
        c.elementAddress(list, count, 4).get(i).i32Store();
        c.get(count).i32Const(1).i32Add().set(count);
      });
    });
    c.get(count);
  },
});
