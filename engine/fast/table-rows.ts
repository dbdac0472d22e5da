/**
 * Table rows: a tensor whose rows (its slices along dim 0) are rows of a small table, picked by
 * an index: `out[i] = table[index[i]]`, kept as that pair instead of the full-size buffer.
 *
 * The lecture's one-hot encoding is the example: `oneHot(xs, 27)` has 228,146 rows but only 27
 * different ones (the rows of the 27×27 identity). Every op that works row by row (an output row
 * depends only on the same input row: elementwise ops, `.float()`, a sum over dims other than 0,
 * `rows @ W`) gives the same bits whether it runs on the full tensor or on the table and the rows
 * are picked afterwards, so these ops run on the table (27 rows instead of 228,146) and hand on a
 * new table with the same index: `xenc.matmul(W).exp()` computes 729 exponentials, not 6.16
 * million. The rows are written out only when something reads `data` (`Storage.deferred`: the
 * storage's recipe is this `TableRows`), so code that knows nothing of tables sees an ordinary
 * tensor, bit for bit the same.
 *
 * Which ops take the table: `oneHot` (makes it), `toDType`, `mapUnary`/`mapBinary` (elementwise
 * ops; a binary op when both operands are table rows over the same index, or the other one is the
 * same for every row: it broadcasts along dim 0, has stride 0 there, or is a deferred constant,
 * `oneRow`), floating `sum` over dims other than 0, `matmul`
 * (the table times a matrix; and xencᵀ·G in the backward, `one-hot-table-matmul.ts`), advanced
 * indexing (`probs[arange(n), ys]` is table rows of the table's R·W elements over pairs,
 * `pair-gather.ts`; other gathers read the table, `table-rows-gather.ts`), `logSoftmax` over the
 * rows and `nllLoss` (ops/log-softmax-rows.ts), and the softmax's and logSoftmax's backward
 * (`distinct-rows-backward.ts`). Anything else reads `data`, which writes the rows out once.
 */
import { Tensor } from '../tensor.js';
import { Storage } from '../storage.js';
import { noGrad } from '../autograd/grad-mode.js';
import { asBits } from './index-leading.js';
import { MIN_POOLED_BYTES } from '../memory/pool.js';
import { untrack } from '../memory/scope.js';
import { isArenaArray } from '../memory/arena.js';
import { constantRow } from './deferred-constant.js';
import { bytesPerElement, type DType, type TypedArray } from '../dtype.js';

/**
 * The recipe of a table-rows storage: the table (a small contiguous tensor `[R, ...rest]`, no
 * autograd history) and the row each of the `index.length` rows is (values in `[0, R)`).
 * @example new TableRows(eye(3), Int32Array.of(2, 0, 2)) // rows [e2, e0, e2]
 */
export class TableRows {
  /**
   * @param table the distinct rows, contiguous from offset 0
   * @param index for each row of the tensor, its row in `table` (checked by the maker; shared by
   *   every table derived from it, which is how `rowwise2` knows two tensors line up)
   * @param groups when the table's rows were numbered by rows of another index (the softmax's
   *   backward), which row of it each table row came from and how many rows use it
   */
  constructor(readonly table: Tensor, readonly index: Int32Array, readonly groups: RowGroups | null = null) {}

  /** Elements per row (the product of the table's dims after the first). */
  get width(): number {
    return this.table.shape[0] === 0 ? 0 : this.table.numel() / this.table.shape[0];
  }

  /** Write the rows out: `out[i·w + e] = table[index[i]·w + e]`, the bits copied. */
  fill(out: TypedArray): void {
    const w = this.width, o = asBits(out) as { [i: number]: number }, t = asBits(this.table.storage.data), idx = this.index;
    if (w === 1) {
      for (let i = 0; i < idx.length; i++) o[i] = t[idx[i]]; // a 1-D table (pair-gather.ts)
      return;
    }
    for (let i = 0, k = 0; i < idx.length; i++) {
      const base = idx[i] * w;
      for (let e = 0; e < w; e++) o[k++] = t[base + e];
    }
  }
}

/**
 * For table rows whose table rows were made from the rows of another table-rows index (the
 * softmax's backward numbers its distinct rows): table row k came from row `rowOf[k]` of that
 * `index`'s table, and `count[k]` rows use it. `xencᵀ·G` reads its term counts from here.
 */
export interface RowGroups {
  /** The index the rows were numbered from. */
  readonly index: Int32Array;
  /** For each table row, the row of `index`'s table it came from. */
  readonly rowOf: Int32Array;
  /** For each table row, how many rows pick it. */
  readonly count: Int32Array;
}

/** Whether ops defer rows, and from how many elements on (tests lower it; `setTableRows`). */
const config = { enabled: true, minBytes: MIN_POOLED_BYTES };

/**
 * Turn table rows on or off (on by default), and set from how many bytes a result is kept as
 * table rows (default: the memory pool's large size, 64 KiB; smaller tensors are cheap to write
 * out). The same switch and size govern the other deferred results: one-entry rows, pairs
 * (`pair-gather.ts`), ranges (`deferred-range.ts`) and constants (`deferred-constant.ts`). For
 * tests and benchmarks that compare both ways; results are the same bits either way.
 * @example setTableRows(false) // every op writes its full-size result, as before
 */
export function setTableRows(enabled: boolean, minBytes = MIN_POOLED_BYTES): void {
  config.enabled = enabled;
  config.minBytes = minBytes;
}

/**
 * Whether a result of `n` elements of `dtype` in `rows` rows built from `tableRows` distinct rows
 * is worth keeping as table rows: table rows on, large enough, and fewer distinct rows than rows.
 */
export function worthDeferring(dtype: DType, n: number, rows: number, tableRows: number): boolean {
  return deferringRows(dtype, n) && tableRows < rows;
}

/**
 * Whether a result of `n` elements of `dtype` may be kept deferred at all (table rows on, and
 * large enough): for deferred results other than table rows (`one-entry-rows.ts`).
 * @example deferringRows('float32', 228146 * 27) // true
 */
export function deferringRows(dtype: DType, n: number): boolean {
  return config.enabled && n * bytesPerElement(dtype) >= config.minBytes;
}

/**
 * The table rows behind `t` when t is the whole of a table-rows storage in row-major order
 * (offset 0, contiguous, the shape the table gives); null otherwise (a view that starts elsewhere
 * or is transposed, a storage already written out, or any other tensor).
 * @example tableRowsOf(oneHot(xs, 27)) // TableRows { table: 27×27 identity, index: xs }
 */
export function tableRowsOf(t: Tensor): TableRows | null {
  const recipe = t.storage.recipe;
  if (!(recipe instanceof TableRows) || t.offset !== 0 || t.ndim !== recipe.table.ndim) return null;
  if (t.shape[0] !== recipe.index.length) return null;
  for (let d = 1; d < t.ndim; d++) if (t.shape[d] !== recipe.table.shape[d]) return null;
  return t.isContiguous() ? recipe : null;
}

/**
 * A tensor of `index.length` rows, row i being `table[index[i]]`, kept as table rows (the table
 * must be contiguous from offset 0 and have no autograd history).
 * @example deferRows(eye(3), Int32Array.of(2, 0)) // tensor([[0, 0, 1], [1, 0, 0]]), nothing written yet
 */
export function deferRows(table: Tensor, index: Int32Array, groups: RowGroups | null = null): Tensor {
  // the recipe holds the table: no memory scope may give it back while it does. A table in the
  // arena (a large one made inside tidy/backward) is copied out instead, so that the scope gives
  // its block back as usual (kept, it would hold the block until garbage collection)
  const data = table.storage.data;
  if (isArenaArray(data)) table = new Tensor(Storage.wrap(data.slice(0, table.numel())), table.shape);
  else untrack(table.storage);
  const rows = new TableRows(table, index, groups);
  const shape = [index.length, ...table.shape.slice(1)];
  return new Tensor(Storage.deferred(table.dtype, index.length * rows.width, rows), shape);
}

/**
 * `op(x)` for an op that works row by row, computed on x's table when x is table rows and the
 * result is worth keeping so (`worthDeferring`); null otherwise (the caller computes it in full).
 * `op` runs without recording (the caller records the op on x itself) and must keep dim 0: its
 * result on a table of R rows has R rows.
 * @example rowwise(xenc, (t) => toDType(t, 'float32')) // xenc.float() as table rows
 */
export function rowwise(x: Tensor, op: (table: Tensor) => Tensor): Tensor | null {
  const rows = tableRowsOf(x);
  if (rows === null) return null;
  return tableResult(rows, noGrad(() => op(rows.table)));
}

/**
 * `op(a, b)` for an elementwise binary op with broadcasting, on the tables: when a and b are
 * table rows over the same index, or one is table rows and the other is the same for every row
 * (no dim 0 of the result's rank, a size-1 one, a deferred constant or a stride-0 dim 0: `oneRow`).
 * Null otherwise.
 * @example rowwise2(counts, counts.sum(1, true), (p, q) => div(p, q)) // probs as table rows
 */
export function rowwise2(a: Tensor, b: Tensor, outNdim: number, op: (a: Tensor, b: Tensor) => Tensor): Tensor | null {
  if (!config.enabled) return null;
  const ra = a.ndim === outNdim ? tableRowsOf(a) : null, rb = b.ndim === outNdim ? tableRowsOf(b) : null;
  if (ra === null && rb === null) return null;
  if (ra !== null && rb !== null && (ra.index !== rb.index || ra.table.shape[0] !== rb.table.shape[0])) return null;
  const rows = (ra ?? rb)!;
  const n = rows.index.length;
  if (n === 1) return null; // one row: a size-1 dim 0 that other operands broadcast against differently
  const ta = ra === null ? oneRow(a, outNdim, n) : ra.table, tb = rb === null ? oneRow(b, outNdim, n) : rb.table;
  if (ta === null || tb === null) return null;
  return tableResult(rows, noGrad(() => op(ta, tb)));
}

/**
 * An operand that is the same for every row, as the op sees it on a table: one with no dim 0 of
 * the result's rank or a size-1 one (it broadcasts), as it is; a deferred constant (`mean`'s
 * gradient, `deferred-constant.ts`), its value; one whose dim 0 has the rows' size and stride 0
 * (a broadcast view, e.g. `sum`'s gradient), its first row. Null otherwise.
 */
function oneRow(t: Tensor, outNdim: number, n: number): Tensor | null {
  if (t.ndim < outNdim || t.shape[0] === 1) return t;
  if (t.shape[0] !== n) return null;
  const value = constantRow(t); // [1]: seen as one row of t, [1, ...rest], to broadcast as t does
  if (value !== null) return value.expand([1, ...t.shape.slice(1)]);
  return t.strides[0] === 0 ? t.narrow(0, 0, 1) : null;
}

/**
 * The table-rows tensor of `table` (a fresh op result, one row per row of `rows`' table) over
 * `rows`' index, or null if the result (its rows times the index's length) is not worth keeping so.
 */
function tableResult(rows: TableRows, table: Tensor): Tensor | null {
  const r = table.ndim === 0 ? 0 : table.shape[0];
  if (r === 0 || r !== rows.table.shape[0]) return null;
  if (!worthDeferring(table.dtype, (table.numel() / r) * rows.index.length, rows.index.length, r)) return null;
  if (table.offset !== 0 || !table.isContiguous()) table = table.contiguous();
  return deferRows(table, rows.index);
}
