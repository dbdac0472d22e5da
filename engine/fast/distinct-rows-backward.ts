/**
 * A row-wise backward on its distinct rows: when the incoming gradient is one-entry rows (one
 * value per row, `one-entry-rows.ts`) and the other operands are table rows over one index
 * (`table-rows.ts`), row r of the result depends only on the table row `index[r]`, the gradient's
 * column in that row and its value (the rest of its row is zeros). Rows with the same (table row,
 * column, value bits) give the same result row, bit for bit. So the rows are numbered by those
 * (`RowNumbering`; in the lecture the value is −1/(n·probs[t, c]), so one number per pair, ~600
 * instead of 228,146), the backward runs on the distinct rows only (the same function, on small
 * dense operands), and the result is table rows: that table, picked by the numbers.
 *
 * Two backwards use it: the softmax's one-pass backward (`divBackwardRowSum` in
 * ops/arithmetic.ts, the lecture's `counts / counts.sum(1, keepdim)`), and logSoftmax's
 * (`logSoftmaxRowsBackward` in ops/log-softmax-rows.ts, `crossEntropy` in nn).
 */
import { Tensor } from '../tensor.js';
import { Storage } from '../storage.js';
import { deferRows, tableRowsOf, type TableRows } from './table-rows.js';
import { oneEntryRowsOf } from './one-entry-rows.js';
import { RowNumbering } from './row-numbering.js';

/**
 * `backward(g, ...operands)` computed on the distinct rows and returned as table rows, when g is
 * one-entry rows and every operand is table rows over one index whose rows are g's rows; null
 * otherwise, or when the distinct rows are not fewer than the rows (the caller runs it in full).
 * `backward` gets small dense operands of the same layout (`[K, ...]`) and returns `[K, ...]`.
 * @example distinctRowsBackward(dprobs, [counts, sums, probs, counts], (g, x, y, q, f) => divBackwardRows(g, x, y, q, true, f)[0])
 */
export function distinctRowsBackward(g: Tensor, operands: readonly Tensor[], backward: (g: Tensor, ...operands: Tensor[]) => Tensor): Tensor | null {
  const entries = oneEntryRowsOf(g);
  if (entries === null || operands.length === 0) return null;
  const rows = operands.map(tableRowsOf);
  const first = rows[0];
  if (first === null || rows.some((r) => r === null || r.index !== first.index)) return null;
  const index = first.index, n = index.length, width = entries.width;
  if (n !== g.shape[0]) return null;
  // number the distinct (table row, column, value bits), unless the gradient's maker did (it read the same index)
  let numbering = entries.numbering;
  if (numbering === null || numbering.index !== index) {
    numbering = new RowNumbering(index, first.table.shape[0], width);
    if (!numbering.addAll(entries.cols, new Int32Array(entries.values.buffer, entries.values.byteOffset, n))) return null; // as many distinct rows as rows
  }
  const { key, count, rowOf, colOf, bitsOf } = numbering;
  // the distinct rows as small dense operands (each value's bits copied), and the backward on them
  const K = rowOf.length;
  const gs = Storage.alloc('float32', K * width), gsBits = new Int32Array(gs.data.buffer, gs.data.byteOffset, K * width);
  for (let k = 0; k < K; k++) gsBits[k * width + colOf[k]] = bitsOf[k];
  const table = backward(new Tensor(gs, [K, width]), ...rows.map((r) => picked(r!, rowOf)));
  return deferRows(table, key, { index, rowOf: Int32Array.from(rowOf), count: count.slice(0, K) });
}

/** The rows `rowOf[k]` of a table, as a dense tensor `[K, ...]` (the bits copied). */
function picked(rows: TableRows, rowOf: readonly number[]): Tensor {
  const w = rows.width, t = rows.table.storage.data;
  const out = Storage.allocUnfilled(rows.table.dtype, rowOf.length * w);
  const od = out.data;
  for (let k = 0; k < rowOf.length; k++) od.set(t.subarray(rowOf[k] * w, rowOf[k] * w + w), k * w);
  return new Tensor(out, [rowOf.length, ...rows.table.shape.slice(1)]);
}
