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
 * The one-entry rows behind `t` when t is the whole of such a storage, row-major; else null.
 * @example oneEntryRowsOf(g) // OneEntryRows { cols: ys, values: … } for the gradient of probs[arange(n), ys]
 */
export function oneEntryRowsOf(t: Tensor): OneEntryRows | null {
  const recipe = t.storage.recipe;
  if (!(recipe instanceof OneEntryRows) || t.offset !== 0 || t.ndim !== 2) return null;
  return t.shape[0] === recipe.cols.length && t.shape[1] === recipe.width && t.isContiguous() ? recipe : null;
}
