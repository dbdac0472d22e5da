/**
 * `prod`: the product over all elements or over one dim. Integers and bools give int32 (PyTorch
 * gives int64; a product beyond int32 is an error here).
 * Floats multiply in PyTorch 1.13's order, every product rounded to the dtype, so float32
 * results have its bits (spec/tensor/torch-fixtures-more.spec.ts): over the trailing dims of a
 * contiguous tensor, ATen's `vectorized_inner_reduction` (4 vectors of 8 float32 lanes, or 4
 * float64 lanes, multiplied block by block, combined, then the tail one by one); elsewhere one
 * product after the other.
 */
import { Tensor } from '../tensor.js';
import { allocArray, isFloating, type DType, type TypedArray } from '../dtype.js';
import { record } from '../autograd/node.js';
import { reductionRows, rowsAlong, fromRows, type Rows } from './reduce-rows.js';

/**
 * ATen's `vectorized_inner_reduction` for a product: ⌊n/4V⌋ blocks of 4 vectors of V lanes are
 * multiplied lane by lane into 4 accumulators (the first block initialises them), the
 * accumulators are combined as (a0·a1)·(a2·a3), the V lanes multiplied left to right, then the
 * remaining elements one by one. Every product is rounded with `round`.
 */
function vectorProduct(d: ArrayLike<number>, base: number, n: number, lanes: number, round: (v: number) => number): number {
  const width = 4 * lanes;
  const count = Math.floor(n / width);
  let p = 1;
  if (count > 0) {
    const acc = new Float64Array(width);
    for (let l = 0; l < width; l++) acc[l] = d[base + l];
    for (let b = 1; b < count; b++) for (let l = 0; l < width; l++) acc[l] = round(acc[l] * d[base + b * width + l]);
    const lane = new Float64Array(lanes);
    for (let l = 0; l < lanes; l++) lane[l] = round(round(acc[l] * acc[lanes + l]) * round(acc[2 * lanes + l] * acc[3 * lanes + l]));
    p = lane[0];
    for (let l = 1; l < lanes; l++) p = round(p * lane[l]);
  }
  for (let j = count * width; j < n; j++) p = round(p * d[base + j]);
  return p;
}

function rowProducts(x: Tensor, r: Rows, dtype: DType, op: string): Tensor {
  const out = allocArray(dtype, r.rows);
  const round = dtype === 'float32' ? Math.fround : (v: number) => v;
  const vectorised = isFloating(dtype) && x.isContiguous() && r.dims.every((d, i) => d === x.ndim - r.dims.length + i);
  for (let row = 0, base = 0; row < r.rows; row++, base += r.len) {
    let p = 1;
    if (vectorised) p = vectorProduct(r.data, base, r.len, dtype === 'float32' ? 8 : 4, round);
    else for (let j = 0; j < r.len; j++) p = round(p * r.data[base + j]);
    if (dtype === 'int32' && !(p >= -2147483648 && p <= 2147483647)) {
      throw new RangeError(`${op}: the result ${p} does not fit in int32 (this project's integer type); convert with .double() first`);
    }
    out[row] = p;
  }
  return Tensor.fromArray(out, r.outShape, dtype);
}

/**
 * The gradient of each row's product when the row may hold zeros: element i gets
 * g · (x₀·…·x_{i−1}) · (x_{i+1}·…·x_{n−1}), the exclusive products from the left and from the
 * right, each a running product in float64 rounded to the dtype at every step (PyTorch's
 * `prod_safe_zeros_backward`, which uses two cumprods).
 */
function safeZerosGrad(r: Rows, g: Float64Array | ArrayLike<number>, dtype: DType): TypedArray {
  const out = allocArray(dtype, r.rows * r.len);
  const left = allocArray(dtype, r.len), right = allocArray(dtype, r.len);
  const tmp = allocArray(dtype, 1);
  for (let row = 0, base = 0; row < r.rows; row++, base += r.len) {
    let acc = 1;
    for (let j = 0; j < r.len; j++) { left[j] = acc; acc *= r.data[base + j]; }
    acc = 1;
    for (let j = r.len - 1; j >= 0; j--) { right[j] = acc; acc *= r.data[base + j]; }
    for (let j = 0; j < r.len; j++) {
      tmp[0] = left[j] * right[j];
      out[base + j] = g[row] * tmp[0];
    }
  }
  return out;
}

/**
 * Product over `dim` (all elements when omitted).
 * d(Πx)/dx_i = Π_{j≠i} x_j  →  grad = g · (out / x) when x has no zero (PyTorch's order);
 * with zeros, g times the product of the other elements of the slice (one zero: only that
 * element gets a non-zero gradient; two or more: all zero).
 *
 * @example prod(tensor([[1, 2], [3, 4]]), 1) // tensor([ 2, 12])
 */
export function prod(x: Tensor, dim?: number, keepdim = false): Tensor {
  const all = dim === undefined || dim === null;
  const r = all ? reductionRows('prod', x, null, false) : rowsAlong('prod', x, dim, keepdim);
  const dtype: DType = isFloating(x.dtype) ? x.dtype : 'int32';
  const out = rowProducts(x, r, dtype, 'prod');
  return record(out, all ? 'ProdBackward0' : 'ProdBackward1', [x], (g) => {
    if (x.ndim === 0) return [g];
    const hasZero = r.data.some((v) => v === 0);
    if (!hasZero) return [g.reshape(r.keepShape).mul(out.reshape(r.keepShape).div(x))];
    const gx = safeZerosGrad(r, g.reshape(r.keepShape).toTypedArray(), g.dtype);
    return [fromRows(gx, x.shape, r.dims, g.dtype)];
  }, [x, out]);
}
