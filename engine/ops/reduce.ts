/**
 * Reductions: sum, mean, max, argmax. `dim` is a number (negative counts from the end), a list
 * of numbers, or omitted for all dims; `keepdim` keeps reduced dims with size 1 (notes N8, N9).
 *
 * A float32 sum over the trailing dims of a contiguous tensor (rows: `sum(-1)`, or everything)
 * follows PyTorch's own summation order (`cascade-sum.ts`), so it gives PyTorch's bits. Other
 * sums accumulate in float64 and round once at the end: at least as accurate as PyTorch's, though
 * not always the same last bit.
 */
import { Tensor, type MaxResult } from '../tensor.js';
import { isFloating, type DType } from '../dtype.js';
import { formatShape, normalizeDim, type Shape } from '../shape.js';
import { Storage } from '../storage.js';
import { forEachRow } from '../iterate.js';
import { record } from '../autograd/node.js';
import { cascadeSumF32, outerSumF32 } from './cascade-sum.js';
import { pytorchX86 } from './float32-arithmetic.js';
import { simdColumnSums, simdRowSums } from '../fast/sums.js';
import { deferringRows, rowwise } from '../fast/table-rows.js';
import { constantTensor } from '../fast/deferred-constant.js';

/** Normalised, sorted, de-duplicated reduction dims; all dims when `dim` is undefined/null. */
export function reductionDims(op: string, x: Tensor, dim: number | readonly number[] | null | undefined): number[] {
  if (dim === undefined || dim === null) return x.shape.map((_, i) => i);
  const list = typeof dim === 'number' ? [dim] : [...dim];
  if (list.length === 0) return x.shape.map((_, i) => i);
  const dims = list.map((d) => normalizeDim(d, x.ndim, op));
  if (new Set(dims).size !== dims.length) throw new RangeError(`${op}: dim ${dims[0]} appears multiple times in the list of dims ${formatShape(list)}`);
  return x.ndim === 0 ? [] : dims.sort((a, b) => a - b);
}

/** The shape after reducing `dims`, with (keep) or without (drop) the size-1 dims. */
function reducedShape(shape: Shape, dims: number[], keepdim: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!dims.includes(i)) out.push(d);
    else if (keepdim) out.push(1);
  });
  return out;
}

/** Sum over `dims` into a float64 buffer laid out with the keepdim shape. */
function sumInto(x: Tensor, dims: number[]): { acc: Float64Array; keepShape: number[] } {
  const keepShape = reducedShape(x.shape, dims, true);
  const n = keepShape.reduce((p, d) => p * d, 1);
  const acc = new Float64Array(n);
  const trailing = dims.every((d, i) => d === x.ndim - dims.length + i);
  if (x.dtype === 'float32' && trailing && x.isContiguous() && n > 0) {
    // PyTorch's order for float32 rows (bit-exact)
    const len = x.numel() / n;
    if (!simdRowSums(x.storage.data, x.offset, n, len, acc)) {
      for (let j = 0; j < n; j++) acc[j] = cascadeSumF32(x.storage.data, x.offset + j * len, len);
    }
    return { acc, keepShape };
  }
  const leading = dims.every((d, i) => d === i);
  if (x.dtype === 'float32' && leading && x.isContiguous() && n > 0 && pytorchX86()) {
    outerSumF32(x.storage.data, x.offset, x.numel() / n, n, acc); // opt-in: PyTorch's x86 order (float32-arithmetic.ts)
    return { acc, keepShape };
  }
  if (x.dtype === 'float32' && leading && x.isContiguous() && n > 0) {
    // a sum over leading dims (sum(0)): float64 column sums, row after row, as the loop below
    if (simdColumnSums(x.storage.data, x.offset, x.numel() / n, n, acc)) return { acc, keepShape };
  }
  // the accumulator seen with x's shape: stride 0 along reduced dims
  const accStrides: number[] = new Array(x.ndim);
  let s = 1;
  for (let i = x.ndim - 1; i >= 0; i--) {
    accStrides[i] = dims.includes(i) ? 0 : s;
    s *= keepShape[i];
  }
  const xd = x.storage.data;
  forEachRow(x.shape, [accStrides, x.strides], [0, x.offset], (len, p0, s0, p1, s1) => {
    if (s0 === 0) {
      let t = 0;
      for (let i = 0; i < len; i++, p1 += s1) t += xd[p1];
      acc[p0] += t;
    } else for (let i = 0; i < len; i++, p0 += s0, p1 += s1) acc[p0] += xd[p1];
  });
  return { acc, keepShape };
}

function fromAcc(acc: Float64Array, shape: Shape, dtype: DType, scale = 1): Tensor {
  if (dtype === 'int32') {
    // PyTorch sums integers in int64; our integer type is int32, so a sum that does not fit is
    // an error rather than a silent wrap-around
    for (let i = 0; i < acc.length; i++) {
      if (acc[i] > 2147483647 || acc[i] < -2147483648) {
        throw new RangeError(`sum: the result ${acc[i]} does not fit in int32 (this project's integer type); convert with .double() before summing`);
      }
    }
  }
  const out = Storage.alloc(dtype, acc.length);
  const od = out.data;
  if (scale === 1) od.set(acc);
  else for (let i = 0; i < acc.length; i++) od[i] = acc[i] / scale;
  return new Tensor(out, shape);
}

/** The gradient of a reduction's output, broadcast back (as a stride-0 view) to the input's shape. */
function expandBack(g: Tensor, keepShape: Shape, x: Tensor): Tensor {
  return g.reshape(keepShape).expand(x.shape);
}

/**
 * Sum over `dim` (all dims when omitted). Integers and bools sum to int32.
 * d sum/dx_i = 1  →  grad = g broadcast back over the summed dims.
 *
 * @example sum(tensor([[1, 2], [3, 4]]), 1) // tensor([3, 7])
 */
export function sum(x: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  const dims = reductionDims('sum', x, dim);
  // table rows, floating, dim 0 kept: the table's sums (fast/table-rows.ts; not integers, whose sums
  // may overflow: an error must name a row that is used, and only if one is)
  const rows = dims.length > 0 && !dims.includes(0) && isFloating(x.dtype) ? rowwise(x, (t) => sum(t, dims, keepdim)) : null;
  if (rows !== null) return record(rows, 'SumBackward1', [x], (g) => [expandBack(g, reducedShape(x.shape, dims, true), x)]);
  const { acc, keepShape } = sumInto(x, dims);
  const outDtype: DType = isFloating(x.dtype) ? x.dtype : 'int32';
  const out = fromAcc(acc, reducedShape(x.shape, dims, keepdim), outDtype);
  return record(out, 'SumBackward' + (dim === undefined || dim === null ? '0' : '1'), [x], (g) => [expandBack(g, keepShape, x)]);
}

/**
 * Mean over `dim` (all dims when omitted). Floating tensors only, as in PyTorch.
 * d mean/dx_i = 1/n  →  grad = g/n broadcast back over the reduced dims.
 *
 * @example mean(tensor([1, 2, 3, 4]).float()) // tensor(2.5000)
 */
export function mean(x: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  if (!isFloating(x.dtype)) {
    throw new TypeError(`mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${x.dtype} (convert with .float() first)`);
  }
  const dims = reductionDims('mean', x, dim);
  const count = dims.reduce((p, d) => p * x.shape[d], 1);
  const { acc, keepShape } = sumInto(x, dims);
  const out = fromAcc(acc, reducedShape(x.shape, dims, keepdim), x.dtype, count);
  // PyTorch: `grad.expand(sizes) / numel`, a fresh contiguous tensor. Over every dim that is n
  // copies of one value, g/n, kept as that value until read (fast/deferred-constant.ts)
  const all = dims.length === x.ndim;
  return record(out, 'MeanBackward' + (dim === undefined || dim === null ? '0' : '1'), [x], (g) => [all ? constantTensor(g.div(count), x.shape, deferringRows(x.dtype, x.numel())) : expandBack(g, keepShape, x).div(count)]);
}

/**
 * For every position of the other dims, scan `dim` for the maximum (the first one wins; NaN
 * wins over everything, as in PyTorch). Returns values and int32 indices in the keepdim shape.
 */
function scanMax(x: Tensor, d: number): { values: Tensor; indices: Tensor; keepShape: number[] } {
  const keepShape = reducedShape(x.shape, [d], true);
  const len = x.shape[d];
  const step = x.strides[d];
  const n = x.numel() / len;
  const vals = Storage.alloc(x.dtype, n);
  const idx = Storage.alloc('int32', n);
  const xd = x.storage.data;
  const outerShape = x.shape.filter((_, i) => i !== d);
  const outerStrides = x.strides.filter((_, i) => i !== d);
  let k = 0;
  forEachRow(outerShape, [outerStrides], [x.offset], (cnt, p, s) => {
    for (let c = 0; c < cnt; c++, p += s) {
      let best = xd[p];
      let bi = 0;
      if (best === best) {
        for (let j = 1, q = p + step; j < len; j++, q += step) {
          const v = xd[q];
          if (v !== v) { best = v; bi = j; break; }
          if (v > best) { best = v; bi = j; }
        }
      }
      vals.data[k] = best;
      idx.data[k++] = bi;
    }
  });
  return { values: new Tensor(vals, keepShape), indices: new Tensor(idx, keepShape), keepShape };
}

function checkNonEmpty(op: string, x: Tensor, d: number | null): void {
  if (d === null && x.numel() === 0) {
    // PyTorch's message: over all elements there is no dim to name
    const hint = op === 'max' ? " Specify the reduction dim with the 'dim' argument." : '';
    throw new RangeError(`${op}(): Expected reduction dim to be specified for input.numel() == 0.${hint} (tensor of shape ${formatShape(x.shape)}; the maximum of nothing is undefined)`);
  }
  if (d !== null && x.shape[d] === 0) {
    throw new RangeError(`${op}(): Expected reduction dim ${d} to have non-zero size (tensor of shape ${formatShape(x.shape)}); the maximum of nothing is undefined`);
  }
}

/**
 * Maximum over `dim`: `{ values, indices }` (indices int32, first maximum).
 * d max/dx = 1 at the chosen index, 0 elsewhere  →  grad scattered to `indices`.
 */
export function maxDim(x: Tensor, dim: number, keepdim = false): MaxResult {
  const d = normalizeDim(dim, x.ndim, 'max');
  if (x.ndim === 0) return { values: x.clone(), indices: Tensor.fromArray(new Int32Array(1), []) };
  checkNonEmpty('max', x, d);
  const { values, indices, keepShape } = scanMax(x, d);
  const outShape = reducedShape(x.shape, [d], keepdim);
  const v = new Tensor(values.storage, outShape);
  const i = new Tensor(indices.storage, outShape);
  record(v, 'MaxBackward0', [x], (g) => {
    // grad_x = zeros with g placed at the argmax of each slice
    const gx = new Tensor(Storage.alloc(g.dtype, x.numel()), x.shape);
    const gc = g.reshape(keepShape).toTypedArray(); // row-major, whatever g's offset
    const gs = gx.strides;
    const outerStrides = gs.filter((_, k) => k !== d);
    const outerShape = x.shape.filter((_, k) => k !== d);
    let k = 0;
    forEachRow(outerShape, [outerStrides], [0], (cnt, p, s) => {
      for (let c = 0; c < cnt; c++, p += s, k++) gx.storage.data[p + indices.storage.data[k] * gs[d]] = gc[k];
    });
    return [gx];
  }, [indices]);
  return { values: v, indices: i };
}

/**
 * Maximum of all elements (0-d).
 * Gradient: g shared evenly among the elements equal to the maximum (PyTorch's rule for ties,
 * `evenly_distribute_backward`); when the maximum is NaN, among the NaNs. Saves its input and
 * its output: an in-place write on the result makes backward fail (as PyTorch), instead of
 * comparing with the changed value.
 */
export function maxAll(x: Tensor): Tensor {
  checkNonEmpty('max', x, null);
  const { values } = scanMax(x.reshape(-1), 0);
  const out = new Tensor(values.storage, []);
  return record(out, 'MaxBackward1', [x], (g) => {
    const m = out.item();
    const mask = m !== m ? x.ne(x) : x.eq(out); // NaN ≠ NaN: the NaNs are where NaN is
    return [mask.to(g.dtype).mul(g.div(mask.sum()))];
  }, [x, out]);
}

/**
 * Index of the maximum along `dim`, or of the flattened tensor when `dim` is omitted (int32).
 * @example argmax(tensor([[3, 9], [4, 1]]), 1) // tensor([1, 0])
 */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  if (x.dtype === 'bool') throw new TypeError(`argmax: not implemented for bool tensors (PyTorch: "argmax_cpu" not implemented for 'Bool'); convert with .int() first`);
  if (dim === undefined) {
    checkNonEmpty('argmax', x, null);
    const { indices } = scanMax(x.reshape(-1), 0);
    return keepdim ? new Tensor(indices.storage, x.shape.map(() => 1)) : new Tensor(indices.storage, []);
  }
  const d = normalizeDim(dim, x.ndim, 'argmax');
  if (x.ndim === 0) return Tensor.fromArray(new Int32Array(1), []);
  checkNonEmpty('argmax', x, d);
  const { indices } = scanMax(x, d);
  return new Tensor(indices.storage, reducedShape(x.shape, [d], keepdim));
}
