/**
 * `xencᵀ · G` when xenc is a one-hot encoding kept as table rows and G is table rows too (the
 * lecture's backward of `xenc @ W`: W.grad = xencᵀ · dlogits, with dlogits from the softmax's
 * backward, `distinct-rows-backward.ts`), without writing either out.
 *
 * The product's definition (`plainGemm` in ops/matmul.ts): C[i,j] = Σ_p A[i,p]·G[p,j] from +0,
 * p = 0 … n−1 in order, the sum in float64 rounded once when the shape asks for it (`f64`: a long
 * shared dimension and a small C, the lecture's case) or rounded to float32 after each step. With
 * A = xencᵀ, A[i,p] is 1 where xs[p] = i and +0 or −0 elsewhere. A term 1·G[p,j] is G[p,j]
 * exactly; a term ±0·G[p,j] is ±0 when G[p,j] is finite, and adding ±0 to the sum changes
 * nothing (the sum starts at +0 and can never be −0: +0 + −0 is +0, and x + (−x) is +0). So when
 * every value of G is finite,
 *
 * ```
 *   C[i,j] = Σ over p = 0 … n−1 with xs[p] = i, in order, of G[p,j]
 * ```
 *
 * with the same roundings, the same bits. G[p,:] is row `index[p]` of G's table: each step reads
 * the (cached) table, not a full-size row. A non-finite G (0·inf is NaN), an encoding that is not
 * one-hot, or a G that is not table rows: null, and the caller computes the product in full.
 */
import { Tensor } from '../tensor.js';
import { Storage } from '../storage.js';
import { tableRowsOf, type TableRows } from './table-rows.js';

/**
 * `a @ b` for a = the transpose of one-hot table rows ([K, n]) and b = table rows ([n, m]),
 * float32, with the sums of `f64` (see the file comment); null when the case does not apply.
 * @example oneHotTransposedProduct(xenc.T, dlogits, true) // W.grad's 27×27 values
 */
export function oneHotTransposedProduct(a: Tensor, b: Tensor, f64: boolean): Tensor | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.ndim !== 2 || b.ndim !== 2) return null;
  const gRows = tableRowsOf(b);
  if (gRows === null) return null;
  const aRows = tableRowsOf(a.transpose(0, 1));
  if (aRows === null || aRows.index.length !== gRows.index.length) return null;
  const hot = hotColumns(aRows);
  if (hot === null || !allFinite(gRows.table.storage.data)) return null;
  const K = a.shape[0], m = b.shape[1], n = gRows.index.length, R = gRows.table.shape[0];
  const ia = aRows.index, ig = gRows.index, tg = gRows.table.storage.data as Float32Array;
  // how many terms of each C row i come from each row k of G's table: the non-zero counts, by i
  const { cells, counts } = termCounts(aRows, gRows, hot, K);
  const starts = new Int32Array(K + 1);
  for (let c = 0; c < cells.length; c++) starts[Math.floor(cells[c] / R) + 1]++;
  for (let i = 0; i < K; i++) starts[i + 1] += starts[i];
  const acc = new Float64Array(K * m);
  let lists: { starts: Int32Array; from: Int32Array } | null = null;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < m; j++) {
      const exact = exactSum(cells, counts, starts[i], starts[i + 1], R, tg, m, j, f64 ? 53 : 24);
      if (exact !== null) acc[i * m + j] = exact;
      else {
        lists ??= termLists(hot, ia, ig, K);
        acc[i * m + j] = sequentialSum(tg, m, j, lists.from, lists.starts[i], lists.starts[i + 1], f64);
      }
    }
  }
  const out = Storage.allocUnfilled('float32', K * m);
  out.data.set(acc); // rounded to float32 when stored
  return new Tensor(out, [K, m]);
}

/**
 * The (C row i, G table row k) pairs that have terms, as `cells` (i·R + k, ascending) with their
 * `counts`: from G's groups when it has them for A's index (the softmax's backward counted them
 * while numbering its rows), else counted over the n examples.
 */
function termCounts(aRows: TableRows, gRows: TableRows, hot: Int32Array, K: number): { cells: Int32Array; counts: Int32Array } {
  const R = gRows.table.shape[0], groups = gRows.groups;
  if (groups !== null && groups.index === aRows.index) {
    // (table rows no row uses, count 0, have no terms)
    const order = Array.from({ length: R }, (_, k) => k).filter((k) => groups.count[k] > 0).sort((x, y) => hot[groups.rowOf[x]] - hot[groups.rowOf[y]] || x - y);
    const cells = new Int32Array(order.length), counts = new Int32Array(order.length);
    order.forEach((k, c) => {
      cells[c] = hot[groups.rowOf[k]] * R + k;
      counts[c] = groups.count[k];
    });
    return { cells, counts };
  }
  const count = new Int32Array(K * R), ia = aRows.index, ig = gRows.index;
  for (let p = 0; p < ia.length; p++) count[hot[ia[p]] * R + ig[p]]++;
  const list: number[] = [];
  for (let c = 0; c < count.length; c++) if (count[c] !== 0) list.push(c);
  return { cells: Int32Array.from(list), counts: Int32Array.from(list, (c) => count[c]) };
}

/**
 * `Σ counts[c]·t[k·m + j]` over the cells c = c0 … c1−1 of one C row (k = cells[c] mod R) when
 * that is exactly what summing the terms one by one in any order gives with `bits`-bit sums (53:
 * float64, 24: each partial sum rounded to float32): when every term and every partial sum is a
 * multiple of the smallest term's last place e and stays below 2^(e + bits) in magnitude
 * (bounded by Σ count·|t|, with a margin for its own rounding), no sum is ever rounded, so the
 * order does not matter. Null when that cannot be shown (the caller sums the terms in order). A
 * product count·t is then exact too (a multiple of 2^e below the bound).
 */
function exactSum(cells: Int32Array, counts: Int32Array, c0: number, c1: number, R: number, t: Float32Array, m: number, j: number, bits: number): number | null {
  let sum = 0, bound = 0, e = Infinity;
  for (let c = c0; c < c1; c++) {
    const v = t[(cells[c] % R) * m + j];
    if (v === 0) continue;
    const n = counts[c];
    sum += n * v;
    bound += n * Math.abs(v);
    e = Math.min(e, lastPlace(v));
  }
  if (bound === 0) return 0; // no term, or only zeros: +0, as the sum from +0 gives
  return bound * (1 + 2 ** -30) < 2 ** (e + bits) ? sum : null;
}

/** A float32 and its bits (`lastPlace`). */
const scratch = new Float32Array(1), scratchBits = new Uint32Array(scratch.buffer);

/** The exponent e of the last place of a float32 v: v is a multiple of 2^e (from its exponent field). */
function lastPlace(v: number): number {
  scratch[0] = v;
  const field = (scratchBits[0] >>> 23) & 0xff;
  return field === 0 ? -149 : field - 150;
}

/** For each row i of C, the rows of G's table its terms come from, in order of p (`from[starts[i] …]`). */
function termLists(hot: Int32Array, ia: Int32Array, ig: Int32Array, K: number): { starts: Int32Array; from: Int32Array } {
  const n = ia.length, starts = new Int32Array(K + 1);
  for (let p = 0; p < n; p++) starts[hot[ia[p]] + 1]++;
  for (let i = 0; i < K; i++) starts[i + 1] += starts[i];
  const from = new Int32Array(n), next = starts.slice(0, K);
  for (let p = 0; p < n; p++) from[next[hot[ia[p]]]++] = ig[p];
  return { starts, from };
}

/** `Σ t[rows[q]·m + j]` for q = q0 … q1−1 in order from +0: in float64, or rounded to float32 after each add. */
function sequentialSum(t: Float32Array, m: number, j: number, rows: Int32Array, q0: number, q1: number, f64: boolean): number {
  let acc = 0;
  if (f64) for (let q = q0; q < q1; q++) acc += t[rows[q] * m + j];
  else for (let q = q0; q < q1; q++) acc = Math.fround(acc + t[rows[q] * m + j]);
  return acc;
}

/** For each row of a one-hot table, the column of its 1 (the others ±0); null if a row is not so. */
function hotColumns(rows: TableRows): Int32Array | null {
  const t = rows.table.storage.data, w = rows.width, r = rows.table.shape[0];
  const hot = new Int32Array(r);
  for (let i = 0; i < r; i++) {
    let at = -1;
    for (let j = 0; j < w; j++) {
      const v = t[i * w + j];
      if (v === 1 && at === -1) at = j;
      else if (v !== 0) return null; // (v === 0 holds for −0 too)
    }
    if (at === -1) return null;
    hot[i] = at;
  }
  return hot;
}

/** Whether every value is finite. */
function allFinite(d: ArrayLike<number>): boolean {
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return false;
  return true;
}
