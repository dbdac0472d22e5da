/**
 * tanh's gradient `g · (1 − out²)` in one pass over the elements, instead of the chain of four
 * small ops (`out.mul(out).neg().add(1)`, then `g.mul(…)`, four results allocated) that it
 * replaces: the same bits. Each step is the operation the chain's op performs, in the chain's
 * order, rounded to the dtype as the chain's result is stored:
 *
 *     s = out · out        fl(y · y)
 *     t = −s + 1           fl(1 − s)     (−s + 1 and 1 − s are the same IEEE operation)
 *     grad = g · t         fl(g · t)
 *
 * For float32, JavaScript computes each step in double and `Math.fround` rounds it: a double
 * holds more than twice float32's 24 bits, so the result is the correctly rounded float32
 * operation, as the chain's loops and SIMD kernels compute it. `tanhBackwardOnePass` returns null
 * when the operands are not laid out for it (the caller runs the chain);
 * `spec/fast-paths/tanh-backward.spec.ts` checks it against the chain bit for bit.
 */
import { Tensor } from '../tensor.js';
import { Storage } from '../storage.js';
import { simdTanhBackwardF32 } from '../fast/tanh-backward.js';

/**
 * `g · (1 − out²)`: tanh's gradient for the output `out` and the incoming gradient `g` (the
 * one-pass loop when the operands allow it, else the chain of ops).
 * @example tanhBackward(ones([2]), tensor([0, 0.5])) // tensor([1.0000, 0.7500])
 */
export function tanhBackward(g: Tensor, out: Tensor): Tensor {
  return tanhBackwardOnePass(g, out) ?? g.mul(out.mul(out).neg().add(1));
}

/**
 * `g · (1 − out²)` in one pass for a contiguous float32 or float64 `out` and a `g` of the same
 * shape and dtype that is contiguous or a single value broadcast (the gradient of a `sum()`),
 * as a new contiguous tensor without a graph; null for any other operands.
 * @example tanhBackwardOnePass(ones([2]), tensor([0, 0.5])) // tensor([1.0000, 0.7500])
 */
export function tanhBackwardOnePass(g: Tensor, out: Tensor): Tensor | null {
  const dt = out.dtype;
  if ((dt !== 'float32' && dt !== 'float64') || g.dtype !== dt || g.requiresGrad || !out.isContiguous()) return null;
  const shape = out.shape;
  if (g.ndim !== shape.length) return null;
  for (let d = 0; d < shape.length; d++) if (g.shape[d] !== shape[d]) return null;
  const single = g.strides.every((s) => s === 0);
  if (!single && !g.isContiguous()) return null;
  const n = out.numel();
  const res = Storage.allocUnfilled(dt, n); // every element is written
  const y = out.storage.data, gd = g.storage.data, r = res.data;
  const yo = out.offset, go = g.offset;
  if (dt === 'float32') {
    const f = Math.fround;
    const done = simdTanhBackwardF32(r, y, yo, gd, go, single, n); // the leading elements in SIMD, the same bits
    if (single) {
      const gv = gd[go];
      for (let i = done; i < n; i++) {
        const v = y[yo + i];
        r[i] = gv * f(1 - f(v * v));
      }
    } else {
      for (let i = done; i < n; i++) {
        const v = y[yo + i];
        r[i] = gd[go + i] * f(1 - f(v * v));
      }
    }
  } else if (single) {
    const gv = gd[go];
    for (let i = 0; i < n; i++) {
      const v = y[yo + i];
      r[i] = gv * (1 - v * v);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = y[yo + i];
      r[i] = gd[go + i] * (1 - v * v);
    }
  }
  return new Tensor(res, shape);
}
