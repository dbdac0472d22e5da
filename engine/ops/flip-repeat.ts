/**
 * `flip` reverses the order along some dims; `repeat` tiles a tensor. Both COPY (as in PyTorch,
 * where neither is a view): the result is a new contiguous tensor.
 *
 * ```
 *   tensor([[1, 2, 3], [4, 5, 6]]).flip(1)  → [[3, 2, 1], [6, 5, 4]]
 *   tensor([1, 2]).repeat(2, 2)             → [[1, 2, 1, 2], [1, 2, 1, 2]]
 * ```
 *
 * Both are written as one strided copy: `flip` reads the input through negative strides
 * (starting at the last element of each flipped dim), `repeat` through a stride-0 view of shape
 * `[r₀, s₀, r₁, s₁, …]` (each repeat count is a dim that reads the same cells again).
 */
import { Tensor } from '../tensor.js';
import { formatShape, normalizeDim, numelOf } from '../shape.js';
import { Storage } from '../storage.js';
import { record } from '../autograd/node.js';
import { copyContiguous } from './views.js';

/**
 * Reverse the order of the elements along each dim in `dims` (PyTorch's `Tensor.flip`; a copy).
 * Negative dims count from the end; a dim may not be listed twice.
 *
 * Backward (FlipBackward0): out[…, i, …] = x[…, n−1−i, …] is a permutation of the elements,
 * so grad_x[…, j, …] = g[…, n−1−j, …]: grad_x = flip(g, dims).
 *
 * @example
 * ```ts
 * tensor([[1, 2, 3], [4, 5, 6]]).flip(1) // tensor([[3, 2, 1], [6, 5, 4]])
 * tensor([[1, 2, 3], [4, 5, 6]]).flip([0, 1]) // tensor([[6, 5, 4], [3, 2, 1]])
 * ```
 */
export function flip(x: Tensor, dims: number | readonly number[]): Tensor {
  const list = typeof dims === 'number' ? [dims] : dims;
  if (!Array.isArray(list)) throw new TypeError(`flip: dims must be a dim or a list of dims, got ${typeof dims}`);
  const ds = list.map((k) => normalizeDim(k, x.ndim, 'flip'));
  ds.forEach((k, i) => {
    if (ds.indexOf(k) !== i) throw new RangeError(`dim ${k} appears multiple times in the list of dims (dims [${list.join(', ')}])`);
  });
  // read x through strides negated on the flipped dims, from the last element of each
  const strides = [...x.strides];
  let offset = x.offset;
  for (const k of ds) {
    if (x.ndim === 0 || x.shape[k] === 0) continue;
    offset += (x.shape[k] - 1) * x.strides[k];
    strides[k] = -strides[k];
  }
  const out = copyContiguous(new Tensor(x.storage, x.shape, strides, offset));
  return record(out, 'FlipBackward0', [x], (g) => [flip(g, ds)]);
}

/**
 * Tile `x`: `sizes[i]` copies along dim i (PyTorch's `Tensor.repeat`; a copy). There must be at
 * least as many sizes as dims; extra leading sizes add new dims. Sizes may be given as
 * arguments or as one list: `x.repeat(2, 3)` or `x.repeat([2, 3])`.
 *
 * Backward (RepeatBackward0): out = x tiled rᵢ times along dim i, so each element of x appears
 * in ∏ rᵢ places and gets the sum of their gradients: view g as [r₀, s₀, r₁, s₁, …] and sum
 * over the r dims.
 *
 * @example
 * ```ts
 * tensor([1, 2]).repeat(2, 2) // tensor([[1, 2, 1, 2], [1, 2, 1, 2]])
 * tensor([[1], [2]]).repeat(1, 3) // tensor([[1, 1, 1], [2, 2, 2]])
 * ```
 */
export function repeat(x: Tensor, sizes: readonly number[]): Tensor {
  if (sizes.length === 0) throw new RangeError(`repeat() missing the repeat counts (one per dim of shape ${formatShape(x.shape)}, or more)`);
  if (sizes.length < x.ndim) {
    throw new RangeError(`Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor (got ${sizes.length} repeat counts [${sizes.join(', ')}] for shape ${formatShape(x.shape)})`);
  }
  if (sizes.some((r) => !Number.isInteger(r))) throw new TypeError(`repeat: repeat counts must be integers, got [${sizes.join(', ')}]`);
  const lead = sizes.length - x.ndim;
  const src = [...new Array<number>(lead).fill(1), ...x.shape]; // x's shape padded with leading 1s
  const srcStrides = [...new Array<number>(lead).fill(0), ...x.strides];
  const shape = sizes.map((r, i) => r * src[i]);
  const bad = shape.findIndex((s) => s < 0);
  if (bad >= 0) throw new RangeError(`Trying to create tensor with negative dimension ${shape[bad]}: ${formatShape(shape)} (repeat counts [${sizes.join(', ')}])`);
  // [r₀, s₀, r₁, s₁, …] with stride 0 on the r dims, copied row-major, is the tiled tensor
  const pairShape = sizes.flatMap((r, i) => [r, src[i]]);
  const pairStrides = sizes.flatMap((_, i) => [0, srcStrides[i]]);
  let out: Tensor;
  if (numelOf(shape) === 0) out = new Tensor(Storage.alloc(x.dtype, 0), shape);
  else out = new Tensor(copyContiguous(new Tensor(x.storage, pairShape, pairStrides, x.offset)).storage, shape);
  const rDims = sizes.map((_, i) => 2 * i);
  return record(out, 'RepeatBackward0', [x], (g) => [g.reshape(pairShape).sum(rDims).reshape(x.shape)]);
}
