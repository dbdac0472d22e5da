/**
 * Reductions and scans seen as rows: move the reduced dims to the end (in their order) and copy
 * to a row-major buffer, so every output position owns one contiguous row of `len` values, read
 * in PyTorch's order (row-major over the reduced dims). The many small ops of `minmax.ts`,
 * `statistics.ts`, `scan.ts`, `sort.ts`, … then only loop over plain rows.
 */
import { Tensor } from '../tensor.js';
import type { DType, TypedArray } from '../dtype.js';
import { normalizeDim } from '../shape.js';
import { copyContiguous } from './views.js';
import { reductionDims } from './reduce.js';

/** A tensor's values as rows along the reduced dims. */
export interface Rows {
  /** Row-major values: row r is `data[r*len … r*len + len - 1]`. */
  data: TypedArray;
  /** Number of rows (output positions). */
  rows: number;
  /** Length of each row (product of the reduced sizes). */
  len: number;
  /** The reduced dims (normalised, sorted). */
  dims: number[];
  /** The output shape with the reduced dims kept as size 1. */
  keepShape: number[];
  /** The output shape as asked (`keepdim` or not). */
  outShape: number[];
}

/** `x`'s shape with `dims` set to 1 (keep) or removed. */
export function shapeWithout(shape: readonly number[], dims: readonly number[], keepdim: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!dims.includes(i)) out.push(d);
    else if (keepdim) out.push(1);
  });
  return out;
}

/** The permutation that moves `dims` (sorted) to the end, the other dims keeping their order. */
function lastOrder(ndim: number, dims: readonly number[]): number[] {
  const order: number[] = [];
  for (let i = 0; i < ndim; i++) if (!dims.includes(i)) order.push(i);
  return order.concat(dims);
}

/** A row-major copy of `x` with `dims` moved to the end (never recorded by autograd). */
function valuesWithDimsLast(x: Tensor, dims: readonly number[]): TypedArray {
  const moved = x.detach().permute(lastOrder(x.ndim, dims));
  return copyContiguous(moved).storage.data;
}

/**
 * Rows of `x` along `dim` (a dim, a list, or all dims when null/undefined/[]).
 * @param op the op's name, for errors
 */
export function reductionRows(op: string, x: Tensor, dim: number | readonly number[] | null | undefined, keepdim: boolean): Rows {
  const dims = reductionDims(op, x, dim);
  const len = dims.reduce((p, d) => p * x.shape[d], 1);
  const keepShape = shapeWithout(x.shape, dims, true);
  const rows = keepShape.reduce((p, d) => p * d, 1);
  return { data: valuesWithDimsLast(x, dims), rows, len, dims, keepShape, outShape: shapeWithout(x.shape, dims, keepdim) };
}

/** Rows of `x` along one dim `dim` (negative counts from the end; a 0-d tensor is one row of one). */
export function rowsAlong(op: string, x: Tensor, dim: number, keepdim = true): Rows {
  const d = normalizeDim(dim, x.ndim, op);
  return reductionRows(op, x, x.ndim === 0 ? [] : [d], keepdim);
}

/**
 * A tensor of `shape` from values laid out as rows along `dims` (the inverse of
 * `reductionRows` for ops whose output has the input's shape: scans, sort).
 */
export function fromRows(data: TypedArray, shape: readonly number[], dims: readonly number[], dtype: DType): Tensor {
  const order = lastOrder(shape.length, dims);
  const permShape = order.map((d) => shape[d]);
  const inv = new Array<number>(order.length);
  order.forEach((d, i) => (inv[d] = i));
  return copyContiguous(Tensor.fromArray(data, permShape, dtype).permute(inv));
}
