/**
 * `gather` reads, `scatter` and `scatterAdd` write, along one dim at positions given by an index
 * tensor of the same rank (PyTorch's `Tensor.gather`, `scatter`, `scatter_add`). For dim 1 of a
 * 2-d tensor:
 *
 * ```
 *   gather:      out[i][j] = x[i][index[i][j]]
 *   scatter:     out = x.clone();  out[i][index[i][j]] = src[i][j]
 *   scatterAdd:  out = x.clone();  out[i][index[i][j]] += src[i][j]
 * ```
 *
 * The index may be smaller than x in every dim but `dim` (it picks a box of x) and, for scatter,
 * no larger than src. Each op is one strided walk over the index's shape with three operands
 * (`forEachRow`): the index, the gathered-from or written-to tensor with stride 0 along `dim`
 * (the index value supplies that coordinate), and the output or src. The two are each other's
 * backward: gather's gradient is a scatterAdd of g, scatter's gradient for src is a gather of g.
 */
import { Tensor, type TensorLike } from '../tensor.js';
import { contiguousStrides, formatShape, normalizeDim, sameShape } from '../shape.js';
import { Storage } from '../storage.js';
import { forEachRow } from '../iterate.js';
import { record } from '../autograd/node.js';
import { checkOperand, scalarTensor } from './map.js';
import { copyContiguous } from './views.js';
import { indexTensor, outOfBounds } from './index-tensor.js';
import { assertNoOverlap, runInplace } from './inplace.js';

/** A shape as PyTorch sees it in these ops: a 0-d tensor counts as 1-d of size 1. */
const asRank1 = (shape: readonly number[]) => (shape.length === 0 ? [1] : shape);

/** `t`'s strides for a walk over `shape` (the index's), with stride 0 along `d`. */
function stridesAlong(t: Tensor, shape: readonly number[], d: number): number[] {
  if (t.ndim === 0) return shape.map(() => 0);
  return t.strides.map((s, k) => (k === d ? 0 : s));
}

/**
 * Read x along `dim` at the positions in `index` (PyTorch's `torch.gather(x, dim, index)`): the
 * result has index's shape, `out[i][j] = x[i][index[i][j]]` for dim 1. `index` is int32, of the
 * same rank as x, no larger than x in the other dims; its values lie in `[0, x.size(dim))`.
 *
 * Backward (GatherBackward0): out[i][j] = x[i][index[i][j]], so ∂out[i][j]/∂x[i][k] is 1 when
 * index[i][j] = k: grad_x[i][k] = Σ_j g[i][j]·[index[i][j] = k], i.e. zeros of x's shape with g
 * scatter-added at the index (a repeated index gets the sum).
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2, 3], [4, 5, 6]]);
 * x.gather(1, tensor([[2, 0], [1, 1]])) // tensor([[3, 1], [5, 5]])
 * ```
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = normalizeDim(dim, x.ndim, 'gather');
  const idx = indexTensor('gather', index);
  const xs = asRank1(x.shape), is = asRank1(idx.shape);
  if (is.length !== xs.length) {
    throw new RangeError(`Index tensor must have the same number of dimensions as input tensor (gather: index shape ${formatShape(idx.shape)}, input shape ${formatShape(x.shape)})`);
  }
  for (let k = 0; k < xs.length; k++) {
    if (k !== d && is[k] > xs[k]) {
      throw new RangeError(`Size does not match at dimension ${k} expected index ${formatShape(idx.shape)} to be smaller than self ${formatShape(x.shape)} apart from dimension ${d}`);
    }
  }
  const out = new Tensor(Storage.allocUnfilled(x.dtype, idx.numel()), idx.shape); // every element is written
  const od = out.storage.data, xd = x.storage.data, id = idx.storage.data;
  const size = xs[d], step = x.ndim === 0 ? 0 : x.strides[d];
  forEachRow(idx.shape, [contiguousStrides(idx.shape), idx.strides, stridesAlong(x, idx.shape, d)], [0, idx.offset, x.offset], (n, p0, s0, p1, s1, p2, s2) => {
    for (let i = 0; i < n; i++, p0 += s0, p1 += s1, p2 += s2) {
      const v = id[p1];
      if (v < 0 || v >= size) throw outOfBounds('gather', v, d, size, x.shape);
      od[p0] = xd[p2 + v * step];
    }
  });
  return record(out, 'GatherBackward0', [x], (g) => [scatterAdd(new Tensor(Storage.alloc(g.dtype, x.numel()), x.shape), d, idx, g)], [idx]);
}

/**
 * The gradient of scatter's and scatterAdd's src: grad_src[i][j] = g[i][index[i][j]] on the box
 * the index covers, 0 on the rest of a larger src (whose other elements are never read;
 * PyTorch 1.13 raises "invalid gradient" for such a src instead).
 */
function srcGradient(g: Tensor, d: number, idx: Tensor, src: Tensor): Tensor {
  const picked = gather(g, d, idx);
  if (src.ndim === 0 || sameShape(picked.shape, src.shape)) return picked;
  const z = new Tensor(Storage.alloc(g.dtype, src.numel()), src.shape);
  let box = z;
  picked.shape.forEach((n, k) => (box = box.narrow(k, 0, n)));
  box.copy_(picked);
  return z;
}

/**
 * The checks of scatter and scatterAdd, in PyTorch's order and words, including every index
 * value against the dim's size, so that nothing is written when one fails.
 */
function checkScatter(op: string, x: Tensor, d: number, idx: Tensor, src: Tensor, srcIsValue: boolean): void {
  if (!srcIsValue && src.dtype !== x.dtype) {
    throw new TypeError(`${op}(): Expected self.dtype to be equal to src.dtype (self is ${x.dtype}, src is ${src.dtype}; convert src with .to('${x.dtype}'))`);
  }
  const xs = asRank1(x.shape), is = asRank1(idx.shape), ss = asRank1(src.shape);
  if (is.length !== xs.length) throw new RangeError(`Index tensor must have the same number of dimensions as self tensor (${op}: index shape ${formatShape(idx.shape)}, self shape ${formatShape(x.shape)})`);
  if (!srcIsValue && is.length !== ss.length) throw new RangeError(`Index tensor must have the same number of dimensions as src tensor (${op}: index shape ${formatShape(idx.shape)}, src shape ${formatShape(src.shape)})`);
  for (let k = 0; k < xs.length; k++) {
    if ((k !== d && is[k] > xs[k]) || (!srcIsValue && is[k] > ss[k])) {
      throw new RangeError(
        `Expected index ${formatShape(idx.shape)} to be smaller than self ${formatShape(x.shape)} apart from dimension ${d}` +
          (srcIsValue ? '' : ` and to be smaller size than src ${formatShape(src.shape)}`),
      );
    }
  }
  const size = xs[d];
  for (const v of idx.toTypedArray()) if (v < 0 || v >= size) throw outOfBounds(op, v, d, size, x.shape);
}

/** Write (or add) src into `target` along `d` at the index, through target's strides (checked before). */
function scatterInto(target: Tensor, d: number, idx: Tensor, src: Tensor, srcIsValue: boolean, add: boolean): void {
  const od = target.storage.data, sd = src.storage.data, id = idx.storage.data;
  const step = target.ndim === 0 ? 0 : target.strides[d];
  const srcStrides = srcIsValue || src.ndim === 0 ? idx.shape.map(() => 0) : src.strides;
  const bool = target.dtype === 'bool';
  forEachRow(idx.shape, [idx.strides, srcStrides, stridesAlong(target, idx.shape, d)], [idx.offset, src.offset, target.offset], (n, p0, s0, p1, s1, p2, s2) => {
    for (let i = 0; i < n; i++, p0 += s0, p1 += s1, p2 += s2) {
      const q = p2 + id[p0] * step;
      if (!add) od[q] = sd[p1];
      else od[q] = bool ? Number(od[q] !== 0 || sd[p1] !== 0) : od[q] + sd[p1];
    }
  });
}

/** A copy of x with src written (or added) at the index. */
function scatterCopy(op: string, x: Tensor, d: number, idx: Tensor, src: Tensor, srcIsValue: boolean, add: boolean): Tensor {
  checkScatter(op, x, d, idx, src, srcIsValue);
  const out = copyContiguous(x);
  scatterInto(out, d, idx, src, srcIsValue, add);
  return out;
}

/**
 * A copy of x with `src` written along `dim` at the positions in `index` (PyTorch's
 * `Tensor.scatter(dim, index, src)`): `out[i][index[i][j]] = src[i][j]` for dim 1. `src` is a
 * tensor of x's dtype (at least index's size in every dim) or a number (written everywhere the
 * index points; converted to x's dtype). When an index repeats, which value lands is undefined
 * in PyTorch; here the last one in row-major order of the index wins.
 *
 * Backward (ScatterBackward0 for a tensor src, ScatterBackward1 for a number): the written
 * positions come from src, the others from x, so grad_x = g with the written positions zeroed
 * (g.scatter(dim, index, 0)) and grad_src[i][j] = g[i][index[i][j]] (g.gather(dim, index), zero-padded when src is larger than the index).
 *
 * @example
 * ```ts
 * zeros([2, 3]).scatter(1, tensor([[2], [0]]), tensor([[5], [7]]).float()) // tensor([[0., 0., 5.], [7., 0., 0.]])
 * zeros([2, 3]).scatter(1, tensor([[2], [0]]), 1) // tensor([[0., 0., 1.], [1., 0., 0.]])
 * ```
 */
export function scatter(x: Tensor, dim: number, index: Tensor, src: TensorLike): Tensor {
  const d = normalizeDim(dim, x.ndim, 'scatter');
  const idx = indexTensor('scatter', index);
  checkOperand('scatter', src);
  if (src instanceof Tensor) {
    const out = scatterCopy('scatter', x, d, idx, src, false, false);
    return record(out, 'ScatterBackward0', [x, src], (g) => [scatter(g, d, idx, 0), srcGradient(g, d, idx, src)], [idx]);
  }
  const out = scatterCopy('scatter', x, d, idx, scalarTensor(src, x.dtype), true, false);
  return record(out, 'ScatterBackward1', [x], (g) => [scatter(g, d, idx, 0)], [idx]);
}

/**
 * A copy of x with `src` added along `dim` at the positions in `index` (PyTorch's
 * `Tensor.scatter_add(dim, index, src)`): `out[i][index[i][j]] += src[i][j]` for dim 1; a
 * repeated index adds every contribution. `src` has x's dtype and at least index's size.
 *
 * Backward (ScatterAddBackward0): out = x + (src scattered), so grad_x = g and
 * grad_src[i][j] = g[i][index[i][j]] (g.gather(dim, index), zero-padded when src is larger than the index).
 *
 * @example
 * ```ts
 * zeros([1, 3]).scatterAdd(1, tensor([[0, 0, 2]]), tensor([[1, 2, 3]]).float()) // tensor([[3., 0., 3.]])
 * ```
 */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const d = normalizeDim(dim, x.ndim, 'scatter_add');
  const idx = indexTensor('scatter_add', index);
  if (!(src instanceof Tensor)) throw new TypeError(`scatter_add: src must be a Tensor, got ${src === null ? 'null' : typeof src} (use scatter for a number)`);
  const out = scatterCopy('scatter_add', x, d, idx, src, false, true);
  return record(out, 'ScatterAddBackward0', [x, src], (g) => [g, srcGradient(g, d, idx, src)], [idx]);
}

/**
 * In place: write `src` into x along `dim` at the positions in `index` (PyTorch's
 * `Tensor.scatter_`; see `scatter` for the rules). Every check is made before anything is
 * written (a failing call changes nothing). `zeros([n, V]).scatter_(1, ys.unsqueeze(1), 1)` is
 * a one-hot encoding.
 *
 * Backward (ScatterBackward0 / ScatterBackward1): as `scatter`.
 *
 * @example zeros([2, 3]).scatter_(1, tensor([[2], [0]]), 1) // tensor([[0., 0., 1.], [1., 0., 0.]])
 */
export function scatter_<T extends Tensor>(x: T, dim: number, index: Tensor, src: TensorLike): T {
  const d = normalizeDim(dim, x.ndim, 'scatter_');
  const idx = indexTensor('scatter_', index);
  checkOperand('scatter_', src);
  const s = src instanceof Tensor ? src : scalarTensor(src, x.dtype);
  checkScatter('scatter_', x, d, idx, s, !(src instanceof Tensor));
  // the in-place rules (inplace.ts's runInplace): target checks, version bump, history
  if (src instanceof Tensor) {
    assertNoOverlap('scatter_', x, [src, idx]);
    return runInplace('scatter_', x, [src, idx], () => scatterInto(x, d, idx, s, false, false), () => ({
      name: 'ScatterBackward0',
      backward: (g) => [scatter(g, d, idx, 0), srcGradient(g, d, idx, src), null],
      saved: [idx],
    }));
  }
  assertNoOverlap('scatter_', x, [idx]);
  return runInplace('scatter_', x, [idx], () => scatterInto(x, d, idx, s, true, false), () => ({
    name: 'ScatterBackward1',
    backward: (g) => [scatter(g, d, idx, 0), null],
    saved: [idx],
  }));
}

/**
 * In place: add `src` into x along `dim` at the positions in `index` (PyTorch's
 * `Tensor.scatter_add_`; see `scatterAdd`). Every check is made before anything is written.
 *
 * Backward (ScatterAddBackward0): as `scatterAdd`.
 *
 * @example zeros([3]).scatterAdd_(0, tensor([0, 0, 2]), ones([3])) // tensor([2., 0., 1.])
 */
export function scatterAdd_<T extends Tensor>(x: T, dim: number, index: Tensor, src: Tensor): T {
  const d = normalizeDim(dim, x.ndim, 'scatter_add_');
  const idx = indexTensor('scatter_add_', index);
  if (!(src instanceof Tensor)) throw new TypeError(`scatter_add_: src must be a Tensor, got ${src === null ? 'null' : typeof src} (use scatter_ for a number)`);
  checkScatter('scatter_add_', x, d, idx, src, false);
  // the in-place rules (inplace.ts's runInplace): target checks, version bump, history
  assertNoOverlap('scatter_add_', x, [src, idx]);
  return runInplace('scatter_add_', x, [src, idx], () => scatterInto(x, d, idx, src, false, true), () => ({
    name: 'ScatterAddBackward0',
    backward: (g) => [g, srcGradient(g, d, idx, src), null],
    saved: [idx],
  }));
}
