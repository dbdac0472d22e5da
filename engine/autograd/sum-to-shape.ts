/**
 * Sum-to-size: THE one place where broadcasting meets autograd.
 *
 * If `b` of shape [27] was broadcast against `a` of shape [5, 27], each element of b was used 5
 * times, so its gradient is the sum of the 5 gradients it received: the output's gradient summed
 * over the broadcast dims. The engine applies this to every gradient an op's backward returns,
 * so no op re-implements it (per-op reductions are a classic source of gradient bugs).
 */
import type { Tensor } from '../tensor.js';
import { formatShape, sameShape, type Shape } from '../shape.js';

/**
 * Reduce `g` (the gradient in the broadcast shape) to `shape` by summing over the leading dims
 * that `shape` lacks and over the dims where `shape` has size 1.
 */
export function sumToShape(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  if (lead < 0) throw new Error(`internal autograd error: gradient of shape ${formatShape(g.shape)} is smaller than its input ${formatShape(shape)}`);
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead) dims.push(i);
    else if (shape[i - lead] === 1 && g.shape[i] !== 1) dims.push(i);
    else if (shape[i - lead] !== g.shape[i]) {
      throw new Error(`internal autograd error: gradient of shape ${formatShape(g.shape)} does not broadcast from input shape ${formatShape(shape)}`);
    }
  }
  const summed = dims.length ? g.sum(dims, true) : g;
  return summed.reshape(shape);
}
