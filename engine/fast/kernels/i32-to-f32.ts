/** `i32_to_f32`: int32 → float32 of `n` elements (n a multiple of 4), rounding to nearest even as `Math.fround`. Driver: `simdInt32ToFloat32` in `elementwise.ts`. */
import { defineKernel } from '../define-kernel.js';
import { I32 } from '../wasm-encoder.js';

export const i32ToF32 = defineKernel({
  name: 'i32_to_f32',
  params: { out: I32, x: I32, n: I32 },
  locals: { i: I32 },
  body: (c, { out, x, n, i }) => {
    c.forRange(i, 0, n, 4, () => {
      c.elementAddress(out, i, 4);
      c.elementAddress(x, i, 4).v128Load();
      c.f32x4ConvertI32x4S().v128Store();
    });
  },
});
