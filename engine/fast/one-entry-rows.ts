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
import type { RowNumbering } from './row-numbering.js';

/**
 * The recipe of a one-entry-rows storage: row i holds `values[i]` in column `cols[i]` (in
 * `[0, width)`), +0 elsewhere. Made from the two vectors, or from pairs (`byPairs`), when the
 * vectors are written only if something asks for them.
 * @example new OneEntryRows(Int32Array.of(2, 0), Float32Array.of(5, 6), 3) // [[0, 0, 5], [6, 0, 0]]
 */
export class OneEntryRows {
  #cols: Int32Array | null;
  #values: Float32Array | null;
  #pairs: { pairs: Int32Array; values: Float32Array } | null = null;

  /**
   * @param cols each row's column
   * @param values each row's value
   * @param width the number of columns
   * @param numbering the rows numbered by (table row, column, value), when made from table rows
   *   (`RowNumbering`: the softmax's backward reads it instead of numbering them again)
   */
  constructor(cols: Int32Array, values: Float32Array, readonly width: number, readonly numbering: RowNumbering | null = null) {
    this.#cols = cols;
    this.#values = values;
  }

  /** The number of rows. */
  get rows(): number {
    return this.#pairs !== null ? this.#pairs.pairs.length : this.#cols!.length;
  }

  /**
   * One-entry rows given by pairs (`pair-gather.ts`): row i holds `values[pairs[i]]` in column
   * `pairs[i] mod width`.
   * @example OneEntryRows.byPairs(Int32Array.of(5, 0), Float32Array.of(1, 2, 3, 4, 5, 6), 3, null) // [[0, 0, 6], [1, 0, 0]]
   */
  static byPairs(pairs: Int32Array, values: Float32Array, width: number, numbering: RowNumbering | null): OneEntryRows {
    const rows = new OneEntryRows(new Int32Array(0), new Float32Array(0), width, numbering);
    rows.#cols = rows.#values = null;
    rows.#pairs = { pairs, values };
    return rows;
  }

  /** Each row's column. */
  get cols(): Int32Array {
    if (this.#cols === null) this.#expand();
    return this.#cols!;
  }

  /** Each row's value. */
  get values(): Float32Array {
    if (this.#values === null) this.#expand();
    return this.#values!;
  }

  /** The two vectors from the pairs (the values' bits copied). */
  #expand(): void {
    const { pairs, values } = this.#pairs!, w = this.width, n = pairs.length;
    const cols = new Int32Array(n), out = new Float32Array(n), outBits = new Int32Array(out.buffer), bits = new Int32Array(values.buffer, values.byteOffset, values.length);
    for (let i = 0; i < n; i++) {
      cols[i] = pairs[i] % w;
      outBits[i] = bits[pairs[i]];
    }
    this.#cols = cols;
    this.#values = out;
  }

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
  return oneEntryTensor(new OneEntryRows(cols, values, width, numbering));
}

/**
 * The float32 `[rows, width]` tensor kept as the given one-entry rows.
 * @example oneEntryTensor(OneEntryRows.byPairs(pairs, values, 27, numbering)) // probs' gradient, nothing written
 */
export function oneEntryTensor(recipe: OneEntryRows): Tensor {
  return new Tensor(Storage.deferred('float32', recipe.rows * recipe.width, recipe), [recipe.rows, recipe.width]);
}

/**
 * The one-entry rows behind `t` when t is the whole of such a storage, row-major; else null.
 * @example oneEntryRowsOf(g) // OneEntryRows { cols: ys, values: … } for the gradient of probs[arange(n), ys]
 */
export function oneEntryRowsOf(t: Tensor): OneEntryRows | null {
  const recipe = t.storage.recipe;
  if (!(recipe instanceof OneEntryRows) || t.offset !== 0 || t.ndim !== 2) return null;
  return t.shape[0] === recipe.rows && t.shape[1] === recipe.width && t.isContiguous() ? recipe : null;
}
