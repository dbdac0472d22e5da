/**
 * A deferred range: `arange(n)` kept as its recipe (start, step) until something reads `data`
 * (`Storage.deferred`). The lecture makes `arange(228146)` at every step only to index
 * `probs[arange(n), ys]`; the pair gather (`pair-gather.ts`) asks `isRange` instead of reading
 * 228,146 values to learn that row b picks row b. Reading `data` writes the values out, the same
 * ones `arange` always wrote.
 */
import type { Tensor } from '../tensor.js';
import { Storage } from '../storage.js';
import type { DType, TypedArray } from '../dtype.js';
import { deferringRows } from './table-rows.js';

/**
 * The recipe of a deferred range: element i is `start + i·step`, rounded to the storage's type.
 * @example new RangeRecipe(0, 1).fill(new Int32Array(3)) // [0, 1, 2]
 */
export class RangeRecipe {
  /**
   * @param start the first value
   * @param step the difference between neighbours
   */
  constructor(readonly start: number, readonly step: number) {}

  /** Write `out[i] = start + i·step`. */
  fill(out: TypedArray): void {
    if (out instanceof Int32Array) fillInt32(out, this.start, this.step);
    else for (let i = 0; i < out.length; i++) out[i] = this.start + i * this.step;
  }
}

/**
 * `fill` for an Int32Array: one array type per loop keeps the JIT's element stores fast (every
 * integer arange, `arange(n)` of the lecture's loss, is int32).
 */
function fillInt32(out: Int32Array, start: number, step: number): void {
  for (let i = 0; i < out.length; i++) out[i] = start + i * step;
}

/**
 * The storage of `arange`'s n values: deferred (nothing written) when large enough to be worth it
 * and ranges are kept (`setTableRows`), else written now.
 * @example rangeStorage('int32', 228146, 0, 1).recipe // RangeRecipe { start: 0, step: 1 }
 */
export function rangeStorage(dtype: DType, n: number, start: number, step: number): Storage {
  const recipe = new RangeRecipe(start, step);
  if (dtype === 'int32' && deferringRows(dtype, n)) return Storage.deferred(dtype, n, recipe);
  const out = Storage.allocUnfilled(dtype, n); // every element is written (inside tidy: arena memory, reused)
  recipe.fill(out.data);
  return out;
}

/**
 * Whether `t` is `arange(n)` not yet written out: the whole of a deferred int32 range with start
 * 0 and step 1, 1-D, n elements. (False says nothing: the values may still be 0 … n−1.)
 * @example isRange(arange(228146), 228146) // true
 */
export function isRange(t: Tensor, n: number): boolean {
  const recipe = t.storage.recipe;
  return recipe instanceof RangeRecipe && recipe.start === 0 && recipe.step === 1 && t.dtype === 'int32' &&
    t.ndim === 1 && t.shape[0] === n && t.offset === 0 && t.strides[0] === 1;
}
