/**
 * `where(w == 0, 0, g · w)` for backward functions: a gradient passed through (w = 1), halved
 * (w = ½, PyTorch's rule for ties) or blocked (w = 0). Blocked positions get an exact 0 even when
 * `g` is infinite or NaN, as PyTorch's `where`/`masked_fill` give (`g · 0` would be NaN).
 */
import type { Tensor } from '../tensor.js';
import { mapBinary } from './map.js';

/** `g` weighted by `w` (broadcast together; the result has g's dtype). */
export function weightedGrad(g: Tensor, w: Tensor): Tensor {
  return mapBinary('weightedGrad', g, w, g.dtype, (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) {
      const wi = q[qi];
      o[oi + i] = wi === 0 ? 0 : wi === 1 ? p[pi] : p[pi] * wi;
    }
  });
}
