/**
 * `log2`, `log1p`, `expm1`. Integers and bools compute in float32, as PyTorch promotes them.
 * A float32 result is `Math.fround` of the float64 libm value of the float32 input (the engine's
 * rule for transcendental functions, as `exp` and `log`): correctly rounded in almost every case;
 * PyTorch's SLEEF kernels may differ in the last bit (docs/pytorch.md).
 */
import type { Tensor } from '../tensor.js';
import { record } from '../autograd/node.js';
import { mapUnary, type UnaryKernel } from './map.js';
import { floatResult } from './unary-dtype.js';

/** A kernel applying `f` to each input rounded to float32 first when the result is float32. */
export function libmKernel(f: (v: number) => number, float32: boolean): UnaryKernel {
  const fr = Math.fround;
  return float32
    ? (o, oi, p, pi, ps, n) => { for (let i = 0; i < n; i++, pi += ps) o[oi + i] = f(fr(p[pi])); }
    : (o, oi, p, pi, ps, n) => { for (let i = 0; i < n; i++, pi += ps) o[oi + i] = f(p[pi]); };
}

/** `f` elementwise into a float tensor (float32 for integer and bool inputs). */
export function floatUnary(x: Tensor, f: (v: number) => number): Tensor {
  const dt = floatResult(x);
  return mapUnary(x, dt, libmKernel(f, dt === 'float32'));
}

/**
 * Base-2 logarithm.
 * d log₂(x)/dx = 1/(x·ln 2)  →  grad = g / (x · ln 2) (PyTorch's order).
 *
 * @example log2(tensor([1, 8, 0])) // tensor([0., 3., -inf])
 */
export function log2(x: Tensor): Tensor {
  const out = floatUnary(x, Math.log2);
  return record(out, 'Log2Backward0', [x], (g) => [g.div(x.mul(Math.LN2))], [x]);
}

/**
 * `log(1 + x)`, accurate for small x.
 * d log(1+x)/dx = 1/(1+x)  →  grad = g / (x + 1).
 *
 * @example log1p(tensor([0, 1e-8])) // tensor([0.0000e+00, 1.0000e-08])
 */
export function log1p(x: Tensor): Tensor {
  const out = floatUnary(x, Math.log1p);
  return record(out, 'Log1PBackward0', [x], (g) => [g.div(x.add(1))], [x]);
}

/**
 * `exp(x) - 1`, accurate for small x.
 * d (eˣ − 1)/dx = eˣ = out + 1  →  grad = g · (out + 1) (the output is saved).
 *
 * @example expm1(tensor([0, 1])) // tensor([0.0000, 1.7183])
 */
export function expm1(x: Tensor): Tensor {
  const out = floatUnary(x, Math.expm1);
  return record(out, 'Expm1Backward0', [x], (g) => [g.mul(out.add(1))], [out]);
}
