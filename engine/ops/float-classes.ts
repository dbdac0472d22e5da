/**
 * `isnan`, `isinf`, `isfinite`: bool results of the input's shape. Integers and bools are
 * never NaN or infinite. Not differentiable (a bool result).
 */
import type { Tensor } from '../tensor.js';
import { mapUnary } from './map.js';

function classify(x: Tensor, test: (v: number) => boolean): Tensor {
  return mapUnary(x, 'bool', (o, oi, p, pi, ps, n) => {
    for (let i = 0; i < n; i++, pi += ps) o[oi + i] = test(p[pi]) ? 1 : 0;
  });
}

/**
 * True where x is NaN.
 * @example isnan(tensor([1, NaN])) // tensor([False,  True])
 */
export function isnan(x: Tensor): Tensor {
  return classify(x, (v) => v !== v);
}

/**
 * True where x is +∞ or −∞.
 * @example isinf(tensor([1, Infinity, -Infinity, NaN])) // tensor([False,  True,  True, False])
 */
export function isinf(x: Tensor): Tensor {
  return classify(x, (v) => v === Infinity || v === -Infinity);
}

/**
 * True where x is neither NaN nor infinite.
 * @example isfinite(tensor([1, Infinity, NaN])) // tensor([ True, False, False])
 */
export function isfinite(x: Tensor): Tensor {
  return classify(x, (v) => Number.isFinite(v));
}
