/**
 * `flatten` merges a run of dims into one; `unflatten` splits one dim into several. Both are
 * reshapes, with PyTorch's rules for when they are views:
 *
 * ```
 *   x [2, 3, 4].flatten(1)          → [2, 12]     a view when dims 1..2 are laid out one after the other
 *   x [2, 12].unflatten(1, [3, -1]) → [2, 3, 4]   always a view (splitting a dim never needs a copy)
 * ```
 *
 * `flatten` is PyTorch's `reshape` of the merged shape: a view when the layout allows one,
 * otherwise a copy (so `x.T.flatten()` copies), and `x` itself when there is nothing to merge.
 * `unflatten` is a `view`. Their gradients are those of `reshape` and `view` (`views.ts`).
 */
import type { Tensor } from '../tensor.js';
import { formatShape, normalizeDim } from '../shape.js';
import { reshape, view } from './views.js';

/**
 * Merge dims `startDim` … `endDim` (inclusive, negative counts from the end) into one
 * (PyTorch's `Tensor.flatten`). A 0-d tensor becomes shape `[1]`; `startDim === endDim`
 * returns `x` itself, as in PyTorch. A view when the layout allows it (see `reshape`), else a
 * copy.
 *
 * Backward: that of `reshape` (ViewBackward0, or UnsafeViewBackward0 for a copy): the gradient
 * is reshaped back to x's shape.
 *
 * @example
 * ```ts
 * zeros([2, 3, 4]).flatten().shape // [24]
 * zeros([2, 3, 4]).flatten(1).shape // [2, 12]
 * zeros([2, 3, 4]).flatten(0, -2).shape // [6, 4]
 * ```
 */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  const s = normalizeDim(startDim, x.ndim, 'flatten');
  const e = normalizeDim(endDim, x.ndim, 'flatten');
  if (s > e) throw new RangeError(`flatten() has invalid args: start_dim cannot come after end_dim (start_dim ${startDim}, end_dim ${endDim} for shape ${formatShape(x.shape)})`);
  if (x.ndim === 0) return reshape(x, [1]);
  if (s === e) return x;
  const merged = x.shape.slice(s, e + 1).reduce((a, b) => a * b, 1);
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

/**
 * Split dim `dim` into `sizes` (PyTorch's `Tensor.unflatten`): their product must be the dim's
 * size; one of them may be -1 (inferred). Always a view.
 *
 * Backward: that of `view` (ViewBackward0): the gradient is reshaped back to x's shape.
 *
 * @example
 * ```ts
 * arange(6).unflatten(0, [2, 3]) // tensor([[0, 1, 2], [3, 4, 5]])
 * zeros([2, 12]).unflatten(1, [3, -1]).shape // [2, 3, 4]
 * ```
 */
export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = normalizeDim(dim, x.ndim, 'unflatten');
  if (!Array.isArray(sizes)) throw new TypeError(`unflatten: sizes must be a list of integers, got ${typeof sizes}`);
  if (sizes.length === 0) throw new RangeError('unflatten: sizes must be non-empty');
  const size = x.ndim === 0 ? 1 : x.shape[d];
  const inferred = sizes.filter((s) => s === -1).length;
  if (inferred > 1) throw new RangeError(`unflatten: only one dimension can be inferred (-1), got sizes [${sizes.join(', ')}]`);
  if (sizes.some((s) => !Number.isInteger(s) || s < -1)) throw new RangeError(`unflatten: invalid size in [${sizes.join(', ')}]: sizes must be non-negative integers or -1`);
  const known = sizes.reduce((p, s) => (s === -1 ? p : p * s), 1);
  const mismatch = () =>
    new RangeError(`unflatten: Provided sizes [${sizes.join(', ')}] don't multiply up to the size of dim ${d} (${size}) in the input tensor (shape ${formatShape(x.shape)})`);
  let resolved = [...sizes];
  if (inferred === 1) {
    if (known === 0 || size % known !== 0) throw mismatch();
    resolved = sizes.map((s) => (s === -1 ? size / known : s));
  } else if (known !== size) throw mismatch();
  return view(x, [...x.shape.slice(0, d), ...resolved, ...x.shape.slice(d + 1)]);
}
