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
 * What a one-entry-rows storage is made from: each row's column and value, or each row's pair
 * (`pair-gather.ts`): row i holds `pairValues[pairs[i]]` in column `pairs[i] mod width`.
 */
export type OneEntries = { readonly cols: Int32Array; readonly values: Float32Array } | { readonly pairs: Int32Array; readonly pairValues: Float32Array };

/**
 * The recipe of a one-entry-rows storage: row i holds `values[i]` in column `cols[i]` (in
 * `[0, width)`), +0 elsewhere. Made from the two vectors, or from pairs, whose two vectors are
 * written only if something asks for them.
 * @example new OneEntryRows({ cols: Int32Array.of(2, 0), values: Float32Array.of(5, 6) }, 3) // [[0, 0, 5], [6, 0, 0]]
 */
export class OneEntryRows {
  #entries: OneEntries;

  /**
   * @param entries each row's column and value, or each row's pair
   * @param width the number of columns
   * @param numbering the rows numbered by (table row, column, value), when made from table rows
   *   (`RowNumbering`: the softmax's backward reads it instead of numbering them again)
   */
  constructor(entries: OneEntries, readonly width: number, readonly numbering: RowNumbering | null = null) {
    this.#entries = entries;
  }

  /** The number of rows. */
  get rows(): number {
    const e = this.#entries;
    return 'cols' in e ? e.cols.length : e.pairs.length;
  }

  /** Each row's column. */
  get cols(): Int32Array {
    return this.#vectors().cols;
  }

  /** Each row's value. */
  get values(): Float32Array {
    return this.#vectors().values;
  }

  /** The two vectors, written from the pairs the first time they are asked for (the values' bits copied). */
  #vectors(): { cols: Int32Array; values: Float32Array } {
    const e = this.#entries;
    if ('cols' in e) return e;
    const { pairs, pairValues } = e, w = this.width, n = pairs.length;
    const cols = new Int32Array(n), values = new Float32Array(n), outBits = new Int32Array(values.buffer);
    const bits = new Int32Array(pairValues.buffer, pairValues.byteOffset, pairValues.length);
    for (let i = 0; i < n; i++) {
      cols[i] = pairs[i] % w;
      outBits[i] = bits[pairs[i]];
    }
    this.#entries = { cols, values };
    return this.#entries;
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
  return oneEntryTensor(new OneEntryRows({ cols, values }, width, numbering));
}

/**
 * The float32 `[rows, width]` tensor kept as the given one-entry rows.
 * @example oneEntryTensor(new OneEntryRows({ pairs, pairValues }, 27, numbering)) // probs' gradient, nothing written
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
