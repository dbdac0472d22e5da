/**
 * Rounding: `floor`, `ceil`, `round` (half to even), `trunc`. Integers are returned unchanged
 * (a copy, same dtype); bools are refused, as in PyTorch. The derivative is 0 wherever it exists,
 * so every backward returns zeros (not `g·0`, which would turn an infinite `g` into NaN).
 */
import type { Tensor } from '../tensor.js';
import { isFloating } from '../dtype.js';
import { record } from '../autograd/node.js';
import { mapUnary } from './map.js';
import { rejectBool } from './unary-dtype.js';
import { zeros } from '../creation.js';

/** Round half to even (`nearbyint`), keeping the sign of zero: `round(-0.3)` is -0. */
export function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  const r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  return r === 0 && (v < 0 || Object.is(v, -0)) ? -0 : r;
}

function rounding(x: Tensor, kernel: string, name: string, f: (v: number) => number): Tensor {
  rejectBool(x, kernel);
  const out = mapUnary(x, x.dtype, isFloating(x.dtype)
    ? (o, oi, p, pi, ps, n) => { for (let i = 0; i < n; i++, pi += ps) o[oi + i] = f(p[pi]); }
    : (o, oi, p, pi, ps, n) => { for (let i = 0; i < n; i++, pi += ps) o[oi + i] = p[pi]; });
  // d round(x)/dx = 0 (almost everywhere)  →  grad = zeros
  return record(out, name, [x], (g) => [zeros(g.shape, { dtype: g.dtype })]);
}

/**
 * Largest integer ≤ x. Derivative 0 → grad = zeros.
 * @example floor(tensor([-1.5, 1.5])) // tensor([-2.,  1.])
 */
export function floor(x: Tensor): Tensor {
  return rounding(x, 'floor_vml_cpu', 'FloorBackward0', Math.floor);
}

/**
 * Smallest integer ≥ x. Derivative 0 → grad = zeros.
 * @example ceil(tensor([-1.5, 1.5])) // tensor([-1.,  2.])
 */
export function ceil(x: Tensor): Tensor {
  return rounding(x, 'ceil_vml_cpu', 'CeilBackward0', Math.ceil);
}

/**
 * Nearest integer, halves to the even neighbour (`round(2.5)` is 2, as PyTorch and NumPy).
 * Derivative 0 → grad = zeros.
 * @example round(tensor([0.5, 1.5, 2.5, -0.5])) // tensor([0., 2., 2., -0.])
 */
export function round(x: Tensor): Tensor {
  return rounding(x, 'round_vml_cpu', 'RoundBackward0', roundHalfEven);
}

/**
 * Integer part (toward zero). Derivative 0 → grad = zeros.
 * @example trunc(tensor([-1.5, 1.5])) // tensor([-1.,  1.])
 */
export function trunc(x: Tensor): Tensor {
  return rounding(x, 'trunc_vml_cpu', 'TruncBackward0', Math.trunc);
}
