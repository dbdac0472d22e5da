/**
 * The pair gather: `probs[arange(n), ys]` when probs is table rows (`table-rows.ts`), kept as table
 * rows itself. Row b of probs is row `index[b]` of a small R×W table, so the element picked for
 * example b is `table[index[b], ys[b]]`: one of R·W values, the *pair* `index[b]·W + ys[b]`. The
 * result (n values) is table rows of a 1-D table, the R·W table seen flat, over the index of pairs,
 * so what the lecture does next runs on R·W values instead of n: `.log()` takes 729 logarithms,
 * not 228,146, and so does the backward's `g / x` (ops/math.ts `log`). Reading `data` writes the n
 * values out, the same bits as the gather (each one is copied from the table).
 *
 * The backward of the gather (`pairGatherGradient`) is one-entry rows (`one-entry-rows.ts`): row
 * b of the gradient holds `0 + g[b]` in column ys[b]. When g is table rows over the same pairs
 * (the gradient of `log` and of `mean` as above), g[b] depends only on the pair, so the rows are
 * numbered by pair (`RowNumbering`: one number per pair that occurs) in the same loop that reads
 * the columns: the softmax's backward then runs on those ~600 rows (`distinct-rows-backward.ts`).
 */
import type { Tensor } from '../tensor.js';
import { deferRows, deferringRows, tableRowsOf, worthDeferring } from './table-rows.js';
import { OneEntryRows, oneEntryTensor } from './one-entry-rows.js';
import { RowNumbering } from './row-numbering.js';
import type { IndexColumn } from './index-leading.js';

/** Where a pair index came from: the table rows' index it was made from, and their width. */
interface PairOrigin {
  readonly index: Int32Array;
  readonly width: number;
}

/**
 * The index arrays `pairGather` made: `pairs[b] = index[b]·width + column` (the column in
 * `[0, width)`). An index array is never written after it is made, and every table derived from
 * the gather's result row by row keeps it (`rowwise`), so a gradient over these pairs is known to
 * pick, for row b, a value that depends only on (index[b], the forward's column b).
 */
const origins = new WeakMap<Int32Array, PairOrigin>();

/**
 * `v[i₀, i₁]` for 2-D table rows v when i₀ is `arange(n)` (`rowIndex` null: known to be, a deferred
 * range, `deferred-range.ts`; else its values are checked: `i₀[b]` is b or b − n, as `arange(n)`
 * or `arange(-n, 0)`) and i₁ (`classIndex`) one int32 value per row: the n picked elements as table
 * rows of v's table seen flat (R·W values) over the pairs `index[b]·W + i₁[b]`. Null when the case
 * does not apply, when the result is not worth keeping so (`worthDeferring`), or when an i₁ value
 * is out of range (the full gather then raises its error).
 * @example pairGather(probs, null, ysColumn, 228146) // probs[arange(n), ys], 729 values and n pairs
 */
export function pairGather(v: Tensor, rowIndex: IndexColumn | null, classIndex: IndexColumn, n: number): Tensor | null {
  const rows = tableRowsOf(v);
  if (rows === null || v.ndim !== 2 || n !== rows.index.length) return null;
  const R = rows.table.shape[0], width = v.shape[1];
  if (!worthDeferring(v.dtype, n, n, R * width)) return null;
  const index = rows.index, pairs = new Int32Array(n);
  if ((rowIndex !== null && !isRangeColumn(rowIndex, n)) || !makePairs(index, classIndex, width, pairs)) return null;
  origins.set(pairs, { index, width });
  return deferRows(rows.table.reshape([R * width]), pairs);
}

/** `pairs[b] = index[b]·width + i₁[b]` (a negative i₁ counting from the end); false when an i₁ is out of range. */
function makePairs(index: Int32Array, classIndex: IndexColumn, width: number, pairs: Int32Array): boolean {
  const { vals, at } = classIndex;
  for (let b = 0; b < pairs.length; b++) {
    const j = vals[at + b];
    if (j < -width || j >= width) return false;
    pairs[b] = index[b] * width + (j < 0 ? j + width : j);
  }
  return true;
}

/** Whether an index column's n values are `arange(n)` or `arange(-n, 0)`: value b is b or b − n. */
function isRangeColumn(column: IndexColumn, n: number): boolean {
  const { vals, at } = column;
  for (let b = 0; b < n; b++) if (vals[at + b] !== b && vals[at + b] !== b - n) return false;
  return true;
}

/**
 * The gradient of `v[i₀, i₁]` (`pairGather`'s case) as one-entry rows: row b holds `0 + g[b]` in
 * column i₁[b], zeros elsewhere, and the rows come numbered by pair for the softmax's backward.
 * It applies when g is float32 table rows over the pairs that a `pairGather` made from v's index
 * (so g[b] is one value per pair) and the indices still are what they were: i₀ is `arange(n)`
 * (as for `pairGather`) and i₁[b] is the column of pair b. Their values are read again, as the
 * general backward reads them (a raw write may have changed them). Null otherwise: the caller
 * takes the general path.
 * @example pairGatherGradient(probs, null, ysColumn, dlogprobs) // the gradient of probs, one value per row
 */
export function pairGatherGradient(v: Tensor, rowIndex: IndexColumn | null, classIndex: IndexColumn, g: Tensor): Tensor | null {
  const vRows = tableRowsOf(v), gRows = g.dtype === 'float32' && g.ndim === 1 ? tableRowsOf(g) : null;
  if (vRows === null || gRows === null || v.ndim !== 2) return null;
  const origin = origins.get(gRows.index), width = v.shape[1], R = vRows.table.shape[0], n = vRows.index.length;
  if (origin === undefined || origin.index !== vRows.index || origin.width !== width || gRows.table.numel() !== R * width) return null;
  if (!deferringRows('float32', n * width)) return null;
  // read the indices again, and count the rows of each pair
  const pairs = gRows.index, counts = new Int32Array(R * width);
  const columnOf = Int32Array.from({ length: R * width }, (_, p) => p % width); // a pair's column
  if (rowIndex !== null && !isRangeColumn(rowIndex, n)) return null; // i₀ changed since the forward
  if (!countPairs(pairs, classIndex, columnOf, width, counts)) return null; // i₁ changed since the forward
  // each pair's value as the gradient stores it (0 + g: −0 becomes +0); an unused pair's is 0
  // (its row is never picked, and the backward on it stays finite)
  const values = new Float32Array(R * width), gt = gRows.table.storage.data;
  for (let p = 0; p < values.length; p++) values[p] = counts[p] === 0 ? 0 : 0 + gt[p];
  const numbering = RowNumbering.byPairs(vRows.index, R, width, pairs, counts, new Int32Array(values.buffer));
  return oneEntryTensor(new OneEntryRows({ pairs, pairValues: values }, width, numbering));
}

/**
 * `counts[pairs[b]]++` for every row b, checking that row b still indexes column
 * `columnOf[pairs[b]]` (i₁[b], a negative one counting from the end); false at the first row
 * that does not.
 */
function countPairs(pairs: Int32Array, classIndex: IndexColumn, columnOf: Int32Array, width: number, counts: Int32Array): boolean {
  const { vals, at } = classIndex;
  for (let b = 0; b < pairs.length; b++) {
    const j = vals[at + b], p = pairs[b];
    if (columnOf[p] !== (j < 0 ? j + width : j)) return false;
    counts[p]++;
  }
  return true;
}
