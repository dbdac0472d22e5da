/**
 * `abs` and `sign`: both keep the dtype (PyTorch has no bool `abs`; `sign` of a bool is itself).
 * Forward loop and backward side by side, the derivative in the comment.
 */
import type { Tensor } from '../tensor.js';
import { record } from '../autograd/node.js';
import { mapUnary } from './map.js';
import { rejectBool } from './unary-dtype.js';
import { zeros } from '../creation.js';

/**
 * `|x|` (int32 keeps its dtype; `abs(-2³¹)` wraps to -2³¹ as in PyTorch's int32).
 * d|x|/dx = sign(x), taken as 0 at x = 0 (PyTorch's subgradient)  →  grad = g · sign(x).
 *
 * @example abs(tensor([-1.5, 0, 2])) // tensor([1.5000, 0.0000, 2.0000])
 */
export function abs(x: Tensor): Tensor {
  rejectBool(x, 'abs_cpu');
  const out = mapUnary(x, x.dtype, (o, oi, p, pi, ps, n) => {
    for (let i = 0; i < n; i++, pi += ps) o[oi + i] = Math.abs(p[pi]);
  });
  return record(out, 'AbsBackward0', [x], (g) => [g.mul(sign(x))], [x]);
}

/**
 * The sign of each element: -1, 0 or 1 (NaN gives 0, as PyTorch 1.13's kernel; a bool stays bool).
 * d sign(x)/dx = 0 everywhere it exists  →  grad = zeros.
 *
 * @example sign(tensor([-2, 0, 3])) // tensor([-1,  0,  1])
 */
export function sign(x: Tensor): Tensor {
  const out = mapUnary(x, x.dtype, (o, oi, p, pi, ps, n) => {
    for (let i = 0; i < n; i++, pi += ps) {
      const v = p[pi];
      o[oi + i] = v > 0 ? 1 : v < 0 ? -1 : 0;
    }
  });
  return record(out, 'SignBackward0', [x], (g) => [zeros(g.shape, { dtype: g.dtype })]);
}
