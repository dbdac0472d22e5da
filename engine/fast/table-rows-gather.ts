/**
 * Advanced indexing's gather (`ops/indexing.ts`, `leadingIndex`) from table rows
 * (`table-rows.ts`): `probs[arange(n), ys]` reads the 27-row table through the index instead of
 * writing the 228,146 rows out first. The same bits as `gatherLeading` on the full tensor: each
 * indexed element is copied from the table row its row is.
 */
import type { Tensor } from '../tensor.js';
import { tableRowsOf } from './table-rows.js';
import { asBits, gatherLeading, type IndexColumn } from './index-leading.js';

/**
 * `gatherLeading` when v is table rows (fast/table-rows.ts): from v's table, the first index
 * column replaced by the table row each indexed row is (`index[i₀[b]]`), the other columns
 * unchanged (the table has v's dims after the first, and v's strides there); for two index
 * tensors and one element each (`probs[arange(n), ys]`) in one loop. Null when v is not table
 * rows; false when an index is out of range (the full gather then makes the error).
 * @example tableGather(out, probs, cols, n, 1, 1) // probs[arange(n), ys] from probs' table
 */
export function tableGather(out: ArrayLike<number>, v: Tensor, cols: readonly IndexColumn[], count: number, m: number, runStride: number): boolean | null {
  const rows = tableRowsOf(v);
  if (rows === null) return null;
  const { vals, at, size } = cols[0], index = rows.index, rowStride = rows.table.strides[0], t = rows.table.storage.data;
  if (cols.length === 2 && m === 1) {
    const o = asBits(out) as { [i: number]: number }, src = asBits(t);
    const { vals: v1, at: a1, size: n1, stride: s1 } = cols[1];
    for (let b = 0; b < count; b++) {
      const i = vals[at + b], j = v1[a1 + b];
      if (i < -size || i >= size || j < -n1 || j >= n1) return false;
      o[b] = src[index[i < 0 ? i + size : i] * rowStride + (j < 0 ? j + n1 : j) * s1];
    }
    return true;
  }
  const picked = new Int32Array(count);
  for (let b = 0; b < count; b++) {
    const i = vals[at + b];
    if (i < -size || i >= size) return false;
    picked[b] = index[i < 0 ? i + size : i];
  }
  return gatherLeading(out, t, 0, [{ vals: picked, at: 0, size: rows.table.shape[0], stride: rowStride }, ...cols.slice(1)], count, m, runStride);
}
