/**
 * `sin` and `cos` (radians). Integers and bools compute in float32; a float32 result is
 * `Math.fround` of the float64 value (see `log-exp.ts`).
 */
import type { Tensor } from '../tensor.js';
import { record } from '../autograd/node.js';
import { floatUnary } from './log-exp.js';

/**
 * Sine.
 * d sin(x)/dx = cos(x)  →  grad = g · cos(x).
 *
 * @example sin(tensor([0, 1])) // tensor([0.0000, 0.8415])
 */
export function sin(x: Tensor): Tensor {
  const out = floatUnary(x, Math.sin);
  return record(out, 'SinBackward0', [x], (g) => [g.mul(cos(x))], [x]);
}

/**
 * Cosine.
 * d cos(x)/dx = −sin(x)  →  grad = g · (−sin(x)).
 *
 * @example cos(tensor([0, 1])) // tensor([1.0000, 0.5403])
 */
export function cos(x: Tensor): Tensor {
  const out = floatUnary(x, Math.cos);
  return record(out, 'CosBackward0', [x], (g) => [g.mul(sin(x).neg())], [x]);
}
