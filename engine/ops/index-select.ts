/**
 * Whole slices picked or added by a list of positions along one dim:
 *
 * ```
 *   x.indexSelect(0, tensor([2, 0, 2]))   → [x[2], x[0], x[2]]            (a new tensor)
 *   x.indexAdd_(0, tensor([2, 0, 2]), s)  → x[2] += s[0]; x[0] += s[1]; x[2] += s[2]   (in place)
 * ```
 *
 * PyTorch's `index_select` and `index_add_`. They are each other's backward: indexSelect's
 * gradient adds g's slices back at the positions (a repeated position gets the sum), and
 * indexAdd_'s gradient for the source picks g's slices at the positions.
 */
import { Tensor } from '../tensor.js';
import { contiguousStrides, formatShape, normalizeDim, numelOf } from '../shape.js';
import { Storage } from '../storage.js';
import { forEachRow } from '../iterate.js';
import { torchTypeName } from '../dtype.js';
import { record } from '../autograd/node.js';
import { assertNoOverlap, runInplace } from './inplace.js';
import { indexTensor, outOfBounds } from './index-tensor.js';

/** A 0-d tensor seen as shape [1] (these ops treat a scalar as a one-element vector). */
function asVector(t: Tensor): Tensor {
  return t.ndim === 0 ? new Tensor(t.storage, [1], [1], t.offset) : t;
}

/** The index as a vector of values checked against `size` (0 ≤ v < size; negatives refused, as in PyTorch). */
function positions(op: string, index: unknown, d: number, x: Tensor): Int32Array {
  const idx = indexTensor(op, index);
  if (idx.ndim > 1) throw new RangeError(`${op}(): Index is supposed to be a vector, but got dim: ${idx.ndim} with type: ${torchTypeName(idx.dtype)} and size: ${formatShape(idx.shape)}`);
  const vals = idx.toTypedArray() as Int32Array;
  const size = x.ndim === 0 ? 1 : x.shape[d];
  for (const v of vals) if (v < 0 || v >= size) throw outOfBounds(op, v, d, size, x.shape);
  return vals;
}

/** Run `row` over slice k of `a` along d and slice j of `b` along d, both with a's other dims. */
function eachSlicePair(a: Tensor, k: number, b: Tensor, j: number, d: number, row: (n: number, p0: number, s0: number, p1: number, s1: number) => void): void {
  const shape = a.shape.filter((_, i) => i !== d);
  const as = a.strides.filter((_, i) => i !== d), bs = b.strides.filter((_, i) => i !== d);
  forEachRow(shape, [as, bs], [a.offset + k * a.strides[d], b.offset + j * b.strides[d]], row);
}

/**
 * The slices of x along `dim` at the positions of `index`, in that order (PyTorch's
 * `torch.index_select(x, dim, index)`): `index` is a 1-d (or 0-d) int32 tensor of values in
 * `[0, x.size(dim))`; the result is x's shape with `dim` resized to `index.numel()`. A copy.
 *
 * Backward (IndexSelectBackward0): out.select(dim, k) = x.select(dim, index[k]), so
 * grad_x.select(dim, j) = Σ_k [index[k] = j]·g.select(dim, k): zeros of x's shape with g's
 * slices added at the index (`indexAdd_`).
 *
 * @example
 * ```ts
 * tensor([[1, 2], [3, 4], [5, 6]]).indexSelect(0, tensor([2, 0, 2])) // tensor([[5, 6], [1, 2], [5, 6]])
 * ```
 */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = normalizeDim(dim, x.ndim, 'index_select');
  const idx = indexTensor('index_select', index);
  const vals = positions('index_select', idx, d, x);
  if (x.ndim === 0 && vals.length !== 1) throw new RangeError(`index_select(): a 0-d tensor takes exactly one index (0), got ${vals.length}`);
  const shape = x.ndim === 0 ? [] : x.shape.map((s, i) => (i === d ? vals.length : s));
  const out = new Tensor(Storage.allocUnfilled(x.dtype, numelOf(shape)), shape); // every element is written
  const o1 = asVector(out), x1 = asVector(x);
  const od = out.storage.data, xd = x.storage.data;
  vals.forEach((v, k) => eachSlicePair(o1, k, x1, v, d, (n, p0, s0, p1, s1) => {
    for (let i = 0; i < n; i++, p0 += s0, p1 += s1) od[p0] = xd[p1];
  }));
  return record(out, 'IndexSelectBackward0', [x], (g) => [indexAdd_(new Tensor(Storage.alloc(g.dtype, x.numel()), x.shape), d, idx, g)], [idx]);
}

/** Options of `indexAdd_`. */
export interface IndexAddOptions {
  /** The source is multiplied by `alpha` before it is added (default 1; an integer for an int32 tensor). */
  alpha?: number;
}

/**
 * In place: add the slices of `source` along `dim` into x at the positions of `index`
 * (PyTorch's `Tensor.index_add_(dim, index, source, alpha=1)`):
 * `x.select(dim, index[k]) += alpha · source.select(dim, k)`; a repeated position adds every
 * slice. `source` has x's dtype and shape except along `dim`, where it has `index.numel()`
 * slices. Every check is made before anything is written (a failing call changes nothing).
 *
 * Backward (IndexAddBackward0): out = x + alpha·(source's slices added at the index), so
 * grad_x = g and grad_source.select(dim, k) = alpha·g.select(dim, index[k])
 * (alpha·g.indexSelect(dim, index)).
 *
 * @example
 * ```ts
 * zeros([3, 2]).indexAdd_(0, tensor([2, 0, 2]), ones([3, 2])) // tensor([[1., 1.], [0., 0.], [2., 2.]])
 * ```
 */
export function indexAdd_<T extends Tensor>(x: T, dim: number, index: Tensor, source: Tensor, opts: IndexAddOptions = {}): T {
  const d = normalizeDim(dim, x.ndim, 'index_add_');
  const idx = indexTensor('index_add_', index);
  const alpha = opts.alpha ?? 1;
  if (!(source instanceof Tensor)) throw new TypeError(`index_add_(): source must be a Tensor, got ${source === null ? 'null' : typeof source}`);
  if (source.dtype !== x.dtype) {
    throw new TypeError(`index_add_(): self (${torchTypeName(x.dtype)}) and source (${torchTypeName(source.dtype)}) must have the same scalar type`);
  }
  if (typeof alpha !== 'number' || (x.dtype !== 'float32' && x.dtype !== 'float64' && !Number.isInteger(alpha))) {
    throw new TypeError(`index_add_(): alpha must be ${x.dtype === 'float32' || x.dtype === 'float64' ? 'a number' : `an integer for a ${x.dtype} tensor`}, got ${String(alpha)}`);
  }
  const x1 = asVector(x), s1 = asVector(source);
  if (s1.ndim !== x1.ndim) {
    throw new RangeError(`index_add_(): source must have as many dimensions as self (source shape ${formatShape(source.shape)}, self shape ${formatShape(x.shape)})`);
  }
  if (idx.ndim > 1) throw new RangeError(`index_add_(): Index is supposed to be a vector, but got dim: ${idx.ndim} with type: ${torchTypeName(idx.dtype)} and size: ${formatShape(idx.shape)}`);
  if (idx.numel() !== s1.shape[d]) {
    throw new RangeError(`index_add_(): Number of indices (${idx.numel()}) should be equal to source.size(dim): (${s1.shape[d]}), for dim: ${d}`);
  }
  for (let k = 0; k < x1.ndim; k++) {
    if (k !== d && s1.shape[k] !== x1.shape[k]) {
      throw new RangeError(`index_add_(): source of shape ${formatShape(source.shape)} must match self of shape ${formatShape(x.shape)} in every dimension but dim ${d} (dimension ${k}: ${s1.shape[k]} vs ${x1.shape[k]})`);
    }
  }
  const vals = positions('index_add_', idx, d, x);
  // the in-place rules (inplace.ts's runInplace): target checks, version bump, history
  assertNoOverlap('index_add_', x, [source, idx]);
  return runInplace('index_add_', x, [source, idx], () => {
    const xd = x.storage.data, sd = source.storage.data;
    const bool = x.dtype === 'bool';
    vals.forEach((v, k) => eachSlicePair(x1, v, s1, k, d, (n, p0, s0, p1, s1_) => {
      for (let i = 0; i < n; i++, p0 += s0, p1 += s1_) xd[p0] = bool ? Number(xd[p0] !== 0 || (alpha !== 0 && sd[p1] !== 0)) : xd[p0] + alpha * sd[p1];
    }));
  }, () => ({
    name: 'IndexAddBackward0',
    backward: (g) => [g, alpha === 1 ? indexSelect(g, d, idx) : indexSelect(g, d, idx).mul(alpha), null],
    saved: [idx],
  }));
}
