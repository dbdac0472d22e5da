/**
 * One-entry rows: a 2-D tensor with one value per row, in a given column, and zeros elsewhere,
 * kept as those two vectors instead of the full-size buffer. The gradient of
 * `probs[arange(n), ys]` is one: zeros of probs' shape with g[i] added at (i, ys[i]). The
 * softmax's backward reads the vectors (`distinct-rows-backward.ts`); anything else reads
 * `data`, which writes the rows out (zeros, then each value) once (`Storage.deferred`).
 */
import { Tensor } from '../tensor.js';
import { Storage } from '../storage.js';
import type { TypedArray } from '../dtype.js';
import { isArenaArray, zeroArenaArray } from '../memory/arena.js';

/**
 * The recipe of a one-entry-rows storage: row i holds `values[i]` in column `cols[i]` (in
 * `[0, width)`), +0 elsewhere.
 * @example new OneEntryRows(Int32Array.of(2, 0), Float32Array.of(5, 6), 3) // [[0, 0, 5], [6, 0, 0]]
 */
export class OneEntryRows {
  /**
   * @param cols each row's column
   * @param values each row's value
   * @param width the number of columns
   * @param numbering the rows numbered by (table row, column, value), when made from table rows
   *   (`RowNumbering`: the softmax's backward reads it instead of numbering them again)
   */
  constructor(readonly cols: Int32Array, readonly values: Float32Array, readonly width: number, readonly numbering: RowNumbering | null = null) {}

  /** Write the rows out: zeros, then `out[i·width + cols[i]] = values[i]`. */
  fill(out: TypedArray): void {
    if (isArenaArray(out)) zeroArenaArray(out);
    else out.fill(0);
    const { cols, values, width } = this;
    for (let i = 0; i < cols.length; i++) out[i * width + cols[i]] = values[i];
  }
}

/**
 * A float32 `[cols.length, width]` tensor kept as one-entry rows.
 * @example oneEntryRows(Int32Array.of(1), Float32Array.of(2), 3) // tensor([[0., 2., 0.]])
 */
export function oneEntryRows(cols: Int32Array, values: Float32Array, width: number, numbering: RowNumbering | null = null): Tensor {
  const n = cols.length;
  return new Tensor(Storage.deferred('float32', n * width, new OneEntryRows(cols, values, width, numbering)), [n, width]);
}

/**
 * The rows of a one-entry gradient of table rows, numbered by what decides a row of the softmax's
 * backward (`distinct-rows-backward.ts`): its row of the table (`index[r]`), its column and
 * the bits of its value. Row r gets `key[r]`; distinct row k came first at row `valueOf[k]`, with
 * table row `rowOf[k]` and column `colOf[k]`, and `count[k]` rows have it. A slot per (table row,
 * column) remembers the latest value's bits and number, so the lecture (one value per pair) costs
 * one comparison per row.
 * @example const rn = new RowNumbering(index, 27, 27); rn.add(0, ys[0], bits[0]) // true
 */
export class RowNumbering {
  /** Each row's number. */
  readonly key: Int32Array;
  /** How many rows have each number (the first `rowOf.length` entries; grown as needed). */
  count: Int32Array;
  /** Each number's table row, column, and first row. */
  readonly rowOf: number[] = [];
  /** (see `rowOf`) */
  readonly colOf: number[] = [];
  /** (see `rowOf`) */
  readonly valueOf: number[] = [];
  readonly #slotRow: Int32Array;
  readonly #slotBits: Int32Array;

  /**
   * @param index each row's table row (the table rows' index)
   * @param tableRows the number of table rows
   * @param width the number of columns
   */
  constructor(readonly index: Int32Array, tableRows: number, readonly width: number) {
    this.key = new Int32Array(index.length);
    this.count = new Int32Array(Math.min(index.length, tableRows * width));
    this.#slotRow = new Int32Array(tableRows * width).fill(-1);
    this.#slotBits = new Int32Array(tableRows * width);
  }

  /**
   * Number row r, whose column is c and whose value has the float32 bits `bits`. False when the
   * distinct rows would be as many as the rows (nothing to gain: the caller gives up).
   */
  add(r: number, c: number, bits: number): boolean {
    const t = this.index[r], s = t * this.width + c, k = this.#slotRow[s];
    if (k >= 0 && this.#slotBits[s] === bits) {
      this.key[r] = k;
      this.count[k]++;
      return true;
    }
    const fresh = this.rowOf.length;
    if (fresh >= this.index.length - 1) return false;
    if (fresh === this.count.length) {
      const grown = new Int32Array(Math.min(this.index.length, Math.max(16, 2 * fresh)));
      grown.set(this.count);
      this.count = grown;
    }
    this.rowOf.push(t);
    this.colOf.push(c);
    this.valueOf.push(r);
    this.#slotRow[s] = fresh;
    this.#slotBits[s] = bits;
    this.key[r] = fresh;
    this.count[fresh]++;
    return true;
  }
}

/**
 * The one-entry rows behind `t` when t is the whole of such a storage, row-major; else null.
 * @example oneEntryRowsOf(g) // OneEntryRows { cols: ys, values: … } for the gradient of probs[arange(n), ys]
 */
export function oneEntryRowsOf(t: Tensor): OneEntryRows | null {
  const recipe = t.storage.recipe;
  if (!(recipe instanceof OneEntryRows) || t.offset !== 0 || t.ndim !== 2) return null;
  return t.shape[0] === recipe.cols.length && t.shape[1] === recipe.width && t.isContiguous() ? recipe : null;
}
