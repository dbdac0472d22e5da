/**
 * `prod`: the product over all elements or over one dim. Integers and bools give int32 (PyTorch
 * gives int64; a product beyond int32 is an error here). Floats multiply in float64 and round
 * once, so a float32 product can differ from PyTorch's (which multiplies in float32 lanes) in
 * the last bit.
 */
import { Tensor } from '../tensor.js';
import { allocArray, isFloating, type DType, type TypedArray } from '../dtype.js';
import { record } from '../autograd/node.js';
import { reductionRows, rowsAlong, fromRows, type Rows } from './reduce-rows.js';

function rowProducts(r: Rows, dtype: DType, op: string): Tensor {
  const out = allocArray(dtype, r.rows);
  for (let row = 0, base = 0; row < r.rows; row++, base += r.len) {
    let p = 1;
    for (let j = 0; j < r.len; j++) p *= r.data[base + j];
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
  const out = rowProducts(r, dtype, 'prod');
  return record(out, all ? 'ProdBackward0' : 'ProdBackward1', [x], (g) => {
    if (x.ndim === 0) return [g];
    const hasZero = r.data.some((v) => v === 0);
    if (!hasZero) return [g.reshape(r.keepShape).mul(out.reshape(r.keepShape).div(x))];
    const gx = safeZerosGrad(r, g.reshape(r.keepShape).toTypedArray(), g.dtype);
    return [fromRows(gx, x.shape, r.dims, g.dtype)];
  }, [x, out]);
}
