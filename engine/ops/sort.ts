/**
 * `sort` and `topk` along a dim, returning values and int32 indices. The sort is stable (equal
 * elements keep their order, also when descending), NaN counts as larger than every number (last
 * ascending, first descending), as in PyTorch. `topk` takes the first k of that order (so ties
 * go to the lower index; PyTorch leaves the order of ties unspecified).
 */
import { Tensor } from '../tensor.js';
import { allocArray } from '../dtype.js';
import { record } from '../autograd/node.js';
import { rowsAlong, fromRows, type Rows } from './reduce-rows.js';
import { scatterToIndices } from './minmax.js';
import { rejectBool } from './unary-dtype.js';
import { formatShape } from '../shape.js';

/** What `sort` and `topk` return. */
export interface SortResult {
  /** The sorted (or top k) values. */
  values: Tensor;
  /** Where each value was along the dim (int32). */
  indices: Tensor;
}

/** Ascending order with NaN last; ties keep their order (Array.prototype.sort is stable). */
function compareAsc(a: number, b: number): number {
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first `k` positions of each row in sorted order. */
function orderRows(r: Rows, k: number, descending: boolean): Int32Array {
  const out = new Int32Array(r.rows * k);
  const idx = Array.from({ length: r.len }, (_, i) => i);
  for (let row = 0, base = 0; row < r.rows; row++, base += r.len) {
    for (let i = 0; i < r.len; i++) idx[i] = i;
    const d = r.data;
    idx.sort(descending ? (i, j) => compareAsc(d[base + j], d[base + i]) : (i, j) => compareAsc(d[base + i], d[base + j]));
    for (let i = 0; i < k; i++) out[row * k + i] = idx[i];
  }
  return out;
}

function pick(x: Tensor, r: Rows, order: Int32Array, k: number, name: string): SortResult {
  const vals = allocArray(x.dtype, r.rows * k);
  for (let row = 0; row < r.rows; row++) {
    for (let i = 0; i < k; i++) vals[row * k + i] = r.data[row * r.len + order[row * k + i]];
  }
  const outShape = x.shape.map((s, i) => (r.dims.includes(i) ? k : s));
  const values = fromRows(vals, outShape, r.dims, x.dtype);
  const indices = fromRows(order, outShape, r.dims, 'int32');
  // d out_j/dx_i = 1 where i = indices_j  →  grad = g scattered to the indices
  record(values, name, [x], (g) => [x.ndim === 0 ? g : scatterToIndices(g, x, r.dims[0], indices)], [indices]);
  return { values, indices };
}

/**
 * Sort along `dim` (default the last), ascending unless `descending`; stable.
 * @example sort(tensor([3, 1, 2])).indices // tensor([1, 2, 0])
 */
export function sort(x: Tensor, dim = -1, descending = false): SortResult {
  const r = rowsAlong('sort', x, dim);
  return pick(x, r, orderRows(r, r.len, descending), r.len, 'SortBackward0');
}

/**
 * The `k` largest (or, with `largest = false`, smallest) elements along `dim`, in order.
 * @example topk(tensor([1, 5, 3]), 2).values // tensor([5, 3])
 */
export function topk(x: Tensor, k: number, dim = -1, largest = true): SortResult {
  rejectBool(x, 'topk_cpu');
  const r = rowsAlong('topk', x, dim);
  if (!Number.isInteger(k) || k < 0 || k > r.len) {
    throw new RangeError(`topk: selected index k out of range (k = ${k}, but dim ${dim} of the tensor of shape ${formatShape(x.shape)} has ${r.len} elements)`);
  }
  // a 0-d tensor gives itself for k = 0 or 1 (PyTorch's quirk: topk(tensor(3.), 0) is tensor(3.))
  const kept = x.ndim === 0 ? 1 : k;
  return pick(x, r, orderRows(r, kept, largest), kept, 'TopkBackward0');
}
