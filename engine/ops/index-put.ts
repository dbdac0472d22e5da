/**
 * `x.indexPut_(indices, values, accumulate)`: PyTorch's `Tensor.index_put_`, the in-place
 * assignment `x[i₀, i₁, …] = values` (or `+= values` with `accumulate`) with integer index
 * tensors. The lecture's counting loop `N[ix1, ix2] += 1` over all bigrams at once is
 *
 * ```ts
 * N.indexPut_([xs, ys], ones([xs.numel()], { dtype: 'int32' }), true)
 * ```
 *
 * The index tensors broadcast together to a shape B; they index the first `indices.length` dims
 * of x, and the remaining dims are taken whole, so the indexed part has shape
 * `[...B, ...x.shape.slice(indices.length)]` (as `x.index(i₀, i₁, …)` does). `values` broadcasts
 * to that shape. Negative index values count from the end.
 *
 * Repeated positions: with `accumulate = true` every value is added (the counts above). With
 * `accumulate = false` PyTorch leaves it undefined which value lands; here the last one in
 * row-major order of B does.
 */
import { Tensor, type TensorLike } from '../tensor.js';
import { torchTypeName } from '../dtype.js';
import { broadcastShapesFor, expandStrides, formatShape, numelOf, sameShape } from '../shape.js';
import { forEachRow } from '../iterate.js';
import { checkOperand, scalarTensor } from './map.js';
import { copyContiguous } from './views.js';
import { assertNoOverlap, runInplace } from './inplace.js';
import { indexTensor, outOfBounds } from './index-tensor.js';

/**
 * In place: `x[indices] = values`, or `x[indices] += values` when `accumulate` (PyTorch's
 * `Tensor.index_put_(indices, values, accumulate=False)`; see the file comment). `indices` is a
 * non-empty list of int32 tensors (or arrays of integers), at most one per dim of x; `values`
 * is a tensor of x's dtype, or a number (converted to x's dtype), broadcast to the indexed
 * shape. Every check is made before anything is written (a failing call changes nothing).
 *
 * Backward (IndexPutBackward0): with accumulate, out = x + (values added at the indices), so
 * grad_x = g; without, the indexed positions are overwritten, so grad_x = g with those
 * positions zeroed. Either way grad_values = g[indices] (each value's position), summed back to
 * values' shape when it was broadcast.
 *
 * @example
 * ```ts
 * const N = zeros([3, 3], { dtype: 'int32' });
 * N.indexPut_([tensor([0, 0, 2]), tensor([1, 1, 0])], tensor(1), true) // tensor([[0, 2, 0], [0, 0, 0], [1, 0, 0]])
 * zeros([2, 3]).indexPut_([tensor([1])], tensor([7, 8, 9]).float()) // tensor([[0., 0., 0.], [7., 8., 9.]])
 * ```
 */
export function indexPut_<T extends Tensor>(x: T, indices: readonly (Tensor | readonly number[])[], values: TensorLike, accumulate = false): T {
  if (!Array.isArray(indices) || indices.length === 0) throw new TypeError('index_put_: indices must be a non-empty list of int32 index tensors (one per indexed dim)');
  if (indices.length > x.ndim) throw new RangeError(`index_put_: too many indices for tensor of dimension ${x.ndim} (got ${indices.length}; shape ${formatShape(x.shape)})`);
  const idx = indices.map((t, k) => indexTensor('index_put_', t, `indices[${k}]`));
  let B: number[];
  try {
    B = broadcastShapesFor('index_put_', idx.map((t) => t.shape));
  } catch {
    throw new RangeError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${idx.map((t) => formatShape(t.shape)).join(', ')}`);
  }
  const m = idx.length;
  const rest = x.shape.slice(m);
  const resultShape = [...B, ...rest];
  checkOperand('index_put_', values);
  if (values instanceof Tensor && values.dtype !== x.dtype) {
    throw new TypeError(`Index put requires the source and destination dtypes match, got ${torchTypeName(x.dtype)} for the destination and ${torchTypeName(values.dtype)} for the source.`);
  }
  const v = values instanceof Tensor ? values : scalarTensor(values, x.dtype);
  let fits: boolean;
  try {
    fits = sameShape(broadcastShapesFor('index_put_', [v.shape, resultShape]), resultShape);
  } catch {
    fits = false;
  }
  if (!fits) throw new RangeError(`shape mismatch: value tensor of shape ${formatShape(v.shape)} cannot be broadcast to indexing result of shape ${formatShape(resultShape)}`);

  // the storage position of x[i₀[b], i₁[b], …, 0, …] for each b of B (checked, negatives wrapped)
  const nB = numelOf(B);
  // (int32 positions when they fit: a typed-array index that is a double is a slow lookup)
  const pos = (x.storage.length < 2 ** 31 ? new Int32Array(nB) : new Float64Array(nB)).fill(x.offset);
  idx.forEach((t, k) => {
    const vals = t.expand(B).toTypedArray();
    const size = x.shape[k], stride = x.strides[k];
    for (let b = 0; b < nB; b++) {
      const i = vals[b];
      if (i < -size || i >= size) throw outOfBounds('index_put_', i, k, size, x.shape);
      pos[b] += (i < 0 ? i + size : i) * stride;
    }
  });
  // the in-place rules (inplace.ts's runInplace): target checks, version bump, history
  const inputs = values instanceof Tensor ? [values, ...idx] : idx;
  assertNoOverlap('index_put_', x, inputs);
  return runInplace('index_put_', x, inputs, () => {
    const vd = copyContiguous(new Tensor(v.storage, resultShape, expandStrides(v.shape, v.strides, resultShape), v.offset)).storage.data;
    const xd = x.storage.data;
    const restStrides = x.strides.slice(m);
    const bool = x.dtype === 'bool';
    let k = 0;
    if (rest.length === 0) {
      // one element per index (the lecture's N[xs, ys] += 1): no inner walk
      if (!accumulate) for (let b = 0; b < nB; b++) xd[pos[b]] = vd[b];
      else if (!bool) for (let b = 0; b < nB; b++) xd[pos[b]] += vd[b];
      else for (let b = 0; b < nB; b++) xd[pos[b]] = Number(xd[pos[b]] !== 0 || vd[b] !== 0);
    } else for (let b = 0; b < nB; b++) {
      forEachRow(rest, [restStrides], [pos[b]], (n, p, s) => {
        for (let i = 0; i < n; i++, p += s, k++) {
          if (!accumulate) xd[p] = vd[k];
          else xd[p] = bool ? Number(xd[p] !== 0 || vd[k] !== 0) : xd[p] + vd[k];
        }
      });
    }
  }, () => ({
    name: 'IndexPutBackward0',
    // d x_new / d x_old: 1 (accumulate) or 1 off the indexed cells; d x_new / d values: 1 at them
    backward: (g) => [accumulate ? g : indexPut_(g.clone(), idx, 0), ...(values instanceof Tensor ? [g.index(...idx)] : []), ...idx.map(() => null)],
    saved: idx,
  }));
}
