/**
 * `all_finite`: 1 when all `n` floats at `x` (n a multiple of 4) are finite, else 0: x − x is 0
 * exactly for finite x, NaN otherwise. Driver: `simdAllFinite` in `matmul.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { I32, V128 } from '../wasm-encoder.js';

export const allFinite = defineKernel({
  name: 'all_finite',
  params: { x: I32, n: I32 },
  results: [I32],
  locals: { i: I32, v: V128 },
  body: (c, { x, n, i, v }) => {
    c.forRange(i, 0, n, 4, () => {
      c.elementAddress(x, i, 4).v128Load().tee(v);
      c.get(v).f32x4Sub().f32Const0().f32x4Splat().f32x4Eq().i32x4AllTrue().i32Eqz();
      c.ifThen(() => c.i32Const(0).return());
    });
    c.i32Const(1);
  },
});
