/**
 * `tanh_backward_f32`: tanh's gradient `g · (1 − y²)` for float32 in f32x4 lanes, the operations of
 * `tanhBackwardOnePass` (`ops/tanh-backward.ts`) in its order, each rounded to float32 as the
 * chain of ops it replaces rounds them: `s = fl(y·y)`, `t = fl(1 − s)`, `fl(g·t)`. `n` is a
 * multiple of 4; `gstep` is 16 for a gradient of y's shape (4 floats per step) or 0 for a single
 * value (the gradient of `sum()`, read once and splatted). Driver: `simdTanhBackwardF32` in
 * `fast/tanh-backward.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { I32, V128 } from '../wasm-encoder.js';

/** The bits of float32 1.0. */
const ONE_F32 = 0x3f800000;

export const tanhBackwardF32 = defineKernel({
  name: 'tanh_backward_f32',
  params: { out: I32, y: I32, g: I32, n: I32, gstep: I32 },
  locals: { i: I32, one: V128, v: V128, gv: V128 },
  body: (c, { out, y, g, n, gstep, i, one, v, gv }) => {
    c.i32Const(ONE_F32).i32x4Splat().set(one);
    /** out[i … i+3] = gv · (1 − v·v), with `loadG` pushing the four gradients. */
    const loop = (loadG: () => void) => c.forRange(i, 0, n, 4, () => {
      c.elementAddress(y, i, 4).v128Load().set(v);
      c.elementAddress(out, i, 4);
      loadG();
      c.get(one).get(v).get(v).f32x4Mul().f32x4Sub();
      c.f32x4Mul().v128Store();
    });
    c.get(gstep).i32Eqz().ifThen(
      () => {
        c.get(g).v128Load32Splat().set(gv);
        loop(() => c.get(gv));
      },
      () => loop(() => c.elementAddress(g, i, 4).v128Load()),
    );
  },
});
