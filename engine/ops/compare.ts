/**
 * Comparisons: eq, ne, gt, ge, lt, le. Both sides are promoted to a common dtype first (a number
 * is rounded to the tensor's float type, as in PyTorch); the result is a bool tensor with the
 * broadcast shape. Not differentiable.
 */
import type { Tensor, TensorLike } from '../tensor.js';
import { mapBinary, operands, type BinaryKernel } from './map.js';

function compare(op: string, a: TensorLike, b: TensorLike, kernel: BinaryKernel): Tensor {
  const [x, y] = operands(op, a, b);
  return mapBinary(op, x, y, 'bool', kernel);
}

/**
 * Elementwise `a == b` (NaN is unequal to everything).
 * @example eq(tensor([1, 2]), tensor([1, 3])) // tensor([ True, False])
 */
export function eq(a: TensorLike, b: TensorLike): Tensor {
  return compare('eq', a, b, (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] === q[qi] ? 1 : 0;
  });
}
/**
 * Elementwise `a != b`.
 * @example ne(tensor([1, 2]), tensor([1, 3])) // tensor([False,  True])
 */
export function ne(a: TensorLike, b: TensorLike): Tensor {
  return compare('ne', a, b, (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] !== q[qi] ? 1 : 0;
  });
}
/**
 * Elementwise `a > b`.
 * @example gt(tensor([1, 2, 3]), 1) // tensor([False,  True,  True])
 */
export function gt(a: TensorLike, b: TensorLike): Tensor {
  return compare('gt', a, b, (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] > q[qi] ? 1 : 0;
  });
}
/**
 * Elementwise `a >= b`.
 * @example ge(tensor([1, 2, 3]), 2) // tensor([False,  True,  True])
 */
export function ge(a: TensorLike, b: TensorLike): Tensor {
  return compare('ge', a, b, (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] >= q[qi] ? 1 : 0;
  });
}
/**
 * Elementwise `a < b`.
 * @example lt(tensor([1, 2, 3]), 3) // tensor([ True,  True, False])
 */
export function lt(a: TensorLike, b: TensorLike): Tensor {
  return compare('lt', a, b, (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] < q[qi] ? 1 : 0;
  });
}
/**
 * Elementwise `a <= b`.
 * @example le(tensor([1, 2, 3]), 1) // tensor([ True, False, False])
 */
export function le(a: TensorLike, b: TensorLike): Tensor {
  return compare('le', a, b, (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] <= q[qi] ? 1 : 0;
  });
}
