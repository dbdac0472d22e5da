/**
 * Scans along a dim: `cumsum` and `cumprod`. As PyTorch's CPU kernel, the running value is kept
 * in float64 (its `acc_type` for float32) and each output is rounded to the dtype, so float32
 * results have PyTorch's bits. Integers and bools give int32 (PyTorch: int64; a running value
 * beyond int32 is an error here).
 */
import type { Tensor } from '../tensor.js';
import { allocArray, isFloating, type DType, type TypedArray } from '../dtype.js';
import { record } from '../autograd/node.js';
import { rowsAlong, fromRows, type Rows } from './reduce-rows.js';

function checkInt(op: string, v: number, dtype: DType): void {
  if (dtype === 'int32' && !(v >= -2147483648 && v <= 2147483647)) {
    throw new RangeError(`${op}: the running value ${v} does not fit in int32 (this project's integer type); convert with .double() first`);
  }
}

/** Running sums (or products) of each row, forward or from the end, rounded per output. */
function scanRows(op: string, r: Rows, dtype: DType, product: boolean, reverse = false): TypedArray {
  const out = allocArray(dtype, r.rows * r.len);
  for (let row = 0, base = 0; row < r.rows; row++, base += r.len) {
    let acc = product ? 1 : 0;
    for (let k = 0; k < r.len; k++) {
      const j = base + (reverse ? r.len - 1 - k : k);
      acc = product ? acc * r.data[j] : acc + r.data[j];
      checkInt(op, acc, dtype);
      out[j] = acc;
    }
  }
  return out;
}

function scanDtype(x: Tensor): DType {
  return isFloating(x.dtype) ? x.dtype : 'int32';
}

/** Sums from each position to the end of the slice (PyTorch's `reversed_cumsum`). */
function reversedCumsum(g: Tensor, dim: number): Tensor {
  const r = rowsAlong('cumsum', g, dim);
  return fromRows(scanRows('cumsum', r, g.dtype, false, true), g.shape, r.dims, g.dtype);
}

/**
 * Running sum along `dim`.
 * d out_j/dx_i = 1 for i ≤ j  →  grad_i = Σ_{j ≥ i} g_j (a cumsum from the end).
 *
 * @example cumsum(tensor([1, 2, 3]), 0) // tensor([1, 3, 6])
 */
export function cumsum(x: Tensor, dim: number): Tensor {
  const r = rowsAlong('cumsum', x, dim);
  const dtype = scanDtype(x);
  const out = fromRows(scanRows('cumsum', r, dtype, false), x.shape, r.dims, dtype);
  return record(out, 'CumsumBackward0', [x], (g) => [g.numel() <= 1 || r.len === 1 ? g : reversedCumsum(g, r.dims[0])]);
}

/**
 * Running product along `dim`.
 * d out_j/dx_i = out_j / x_i for i ≤ j (when x_i ≠ 0)  →  grad_i = (Σ_{j ≥ i} g_j·out_j) / x_i
 * (PyTorch's order). At the first zero z of a slice: grad_z = Σ_{j ≥ z} g_j · Π_{k ≤ j, k ≠ z} x_k;
 * after it, 0 (every later output holds the zero and another factor).
 *
 * @example cumprod(tensor([1, 2, 3]), 0) // tensor([1, 2, 6])
 */
export function cumprod(x: Tensor, dim: number): Tensor {
  const r = rowsAlong('cumprod', x, dim);
  const dtype = scanDtype(x);
  const out = fromRows(scanRows('cumprod', r, dtype, true), x.shape, r.dims, dtype);
  return record(out, 'CumprodBackward0', [x], (g) => {
    if (x.numel() <= 1 || r.len === 1) return [g];
    const d = r.dims[0];
    if (!r.data.some((v) => v === 0)) return [reversedCumsum(out.mul(g), d).div(x)];
    return [fromRows(cumprodGradWithZeros(r, rowsAlong('cumprod', g, d).data, g.dtype), x.shape, r.dims, g.dtype)];
  }, [x, out]);
}

/** The cumprod gradient of rows that may hold zeros, by the formula in `cumprod`'s comment (float64). */
function cumprodGradWithZeros(r: Rows, g: TypedArray, dtype: DType): TypedArray {
  const out = allocArray(dtype, r.rows * r.len);
  for (let row = 0, base = 0; row < r.rows; row++, base += r.len) {
    const x = (j: number) => r.data[base + j];
    let z = r.len;
    for (let j = 0; j < r.len; j++) if (x(j) === 0) { z = j; break; }
    // before z: (Σ_{j ≥ i} g_j · out_j) / x_i, where out_j = 0 from z on
    let prefix = 1;
    const outs: number[] = [];
    for (let j = 0; j < z; j++) outs.push((prefix *= x(j)));
    let tail = 0;
    for (let i = z - 1; i >= 0; i--) {
      tail += g[base + i] * outs[i];
      out[base + i] = tail / x(i);
    }
    if (z < r.len) {
      // at z: Σ_{j ≥ z} g_j · Π_{k ≤ j, k ≠ z} x_k
      let p = z > 0 ? outs[z - 1] : 1, s = 0;
      for (let j = z; j < r.len; j++) {
        if (j > z) p *= x(j);
        s += g[base + j] * p;
      }
      out[base + z] = s;
    }
  }
  return out;
}
