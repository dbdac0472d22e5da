/**
 * The softmax's backward (`x / x.sum(-1, keepdim)` with `x = exp(z)`, done in one row pass by
 * `divBackwardRowSum` in ops/arithmetic.ts) when its operands are table rows over one index and
 * the incoming gradient is one-entry rows: the lecture's backward, where probs, counts and the
 * row sums are rows of 27-row tables and the gradient of `probs[arange(n), ys]` has one value per
 * row.
 *
 * Row r of the result depends only on row r of each operand: the table row t = index[r], the
 * gradient's column c = ys[r] and value γ (the rest of its row is zeros). Rows with the same
 * (t, c, γ) give the same result row, bit for bit. So the rows are numbered by their distinct
 * (t, c, γ) (at most one per example; in the lecture γ = −1/(n·probs[t, c]), so one per pair,
 * ~600 instead of 228,146), the one-pass backward runs on those distinct rows only (the same
 * function, on small operands), and the result is table rows: that table, picked by the numbers.
 */
import { Tensor } from '../tensor.js';
import { Storage } from '../storage.js';
import { deferRows, tableRowsOf, type TableRows } from './table-rows.js';
import { RowNumbering, oneEntryRowsOf } from './one-entry-rows.js';

/** The one-pass backward on dense operands (`g`, `x`, `y`, the quotient `q` or null, `factor` or null). */
export type RowSumBackward = (g: Tensor, x: Tensor, y: Tensor, q: Tensor | null, factor: Tensor | null) => Tensor;

/**
 * `backward(g, x, y, q, factor)` computed on the distinct rows and returned as table rows, when g
 * is one-entry rows and x, y (and q, factor when given) are table rows over one index; null
 * otherwise, or when the rows are not fewer than the examples (the caller then runs it in full).
 * @example tableRowSumBackward(dprobs, counts, sums, probs, counts, backward) // dlogits as table rows
 */
export function tableRowSumBackward(g: Tensor, x: Tensor, y: Tensor, q: Tensor | null, factor: Tensor | null, backward: RowSumBackward): Tensor | null {
  const entries = oneEntryRowsOf(g), rx = tableRowsOf(x), ry = tableRowsOf(y);
  if (entries === null || rx === null || ry === null || ry.index !== rx.index || x.ndim !== 2 || x.shape[1] !== entries.width) return null;
  const rq = q === null ? null : tableRowsOf(q), rf = factor === null ? null : tableRowsOf(factor);
  if ((q !== null && (rq === null || rq.index !== rx.index)) || (factor !== null && (rf === null || rf.index !== rx.index))) return null;
  const index = rx.index, n = index.length, width = entries.width;
  // number the distinct (table row, column, value bits), unless the gradient's maker did (oneEntryGradient)
  let numbering = entries.numbering;
  if (numbering === null || numbering.index !== index) {
    numbering = new RowNumbering(index, rx.table.shape[0], width);
    const bits = new Int32Array(entries.values.buffer, entries.values.byteOffset, n), cols = entries.cols;
    for (let r = 0; r < n; r++) if (!numbering.add(r, cols[r], bits[r])) return null; // as many distinct rows as examples
  }
  const { key, count, rowOf, colOf, valueOf } = numbering;
  // the distinct rows as small dense operands, and the backward on them
  const K = rowOf.length;
  const gs = Storage.alloc('float32', K * width);
  for (let k = 0; k < K; k++) gs.data[k * width + colOf[k]] = entries.values[valueOf[k]];
  const pick = (rows: TableRows) => picked(rows, rowOf);
  const table = backward(new Tensor(gs, [K, width]), pick(rx), pick(ry), rq === null ? null : pick(rq), rf === null ? null : pick(rf));
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
