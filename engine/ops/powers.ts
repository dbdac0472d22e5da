/**
 * `reciprocal`, `rsqrt`, `square`: powers −1, −1/2 and 2, computed as PyTorch's kernels do so
 * that float32 results have its bits (`1/x`; `1/√x` with the square root rounded first; `x·x`).
 */
import type { Tensor } from '../tensor.js';
import { isFloating } from '../dtype.js';
import { record } from '../autograd/node.js';
import { mapUnary } from './map.js';
import { floatUnary } from './log-exp.js';
import { toDType } from './cast.js';

/**
 * `1 / x` (integers give float32).
 * d(1/x)/dx = −1/x² = −out²  →  grad = −g · (out · out) (PyTorch's order).
 *
 * @example reciprocal(tensor([2, 0])) // tensor([0.5000, inf])
 */
export function reciprocal(x: Tensor): Tensor {
  const out = floatUnary(x, (v) => 1 / v);
  return record(out, 'ReciprocalBackward0', [x], (g) => [g.neg().mul(out.mul(out))], [out]);
}

/**
 * `1 / √x` (float32: the square root is rounded to float32 before the division, as PyTorch).
 * d x^(−1/2)/dx = −½ x^(−3/2) = −½ out³  →  grad = (−0.5 · g) · (out · out · out).
 *
 * @example rsqrt(tensor([4, 0])) // tensor([0.5000, inf])
 */
export function rsqrt(x: Tensor): Tensor {
  const f32 = !isFloating(x.dtype) || x.dtype === 'float32';
  const out = floatUnary(x, f32 ? (v) => 1 / Math.fround(Math.sqrt(v)) : (v) => 1 / Math.sqrt(v));
  return record(out, 'RsqrtBackward0', [x], (g) => [g.mul(-0.5).mul(out.mul(out).mul(out))], [out]);
}

/**
 * `x · x` (keeps int32; a bool becomes int32, as PyTorch's `pow(2)` gives int64).
 * d x²/dx = 2x  →  grad = g · (2 · x) (PowBackward0, as PyTorch records it).
 *
 * @example square(tensor([-3, 2])) // tensor([9, 4])
 */
export function square(x: Tensor): Tensor {
  const input = x.dtype === 'bool' ? toDType(x, 'int32') : x;
  const out = mapUnary(input, input.dtype, input.dtype === 'int32'
    ? (o, oi, p, pi, ps, n) => { for (let i = 0; i < n; i++, pi += ps) o[oi + i] = Math.imul(p[pi], p[pi]); }
    : (o, oi, p, pi, ps, n) => { for (let i = 0; i < n; i++, pi += ps) o[oi + i] = p[pi] * p[pi]; });
  return record(out, 'PowBackward0', [x], (g) => [g.mul(x.mul(2))], [x]);
}
