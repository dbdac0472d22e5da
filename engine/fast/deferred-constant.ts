/**
 * A deferred constant: a contiguous tensor whose every element is one value, kept as that value
 * until something reads `data` (`Storage.deferred`). `mean()`'s gradient is one: PyTorch computes
 * `grad.expand(sizes) / numel`, a fresh contiguous tensor of n equal elements. The engine keeps it
 * as the value g/n (computed once: each element of the division is that same value) and writes
 * the n copies out only if something reads them; an elementwise op with table rows reads the one
 * value instead (`constantRow`, used by `rowwise2` in `table-rows.ts`): the lecture's `log`
 * backward, `g / x`, then runs on 729 values. Being contiguous, it is summed (e.g. back over a
 * broadcast) in the same order as the written-out tensor: the same bits.
 */
import { Tensor } from '../tensor.js';
import { Storage } from '../storage.js';
import type { TypedArray } from '../dtype.js';

/**
 * The recipe of a deferred constant: every element is the one element of `value` (a 1-element
 * array of the storage's type; its bits are copied, a NaN keeps its payload).
 * @example new ConstantRecipe(Float32Array.of(0.5)).fill(new Float32Array(3)) // [0.5, 0.5, 0.5]
 */
export class ConstantRecipe {
  /** @param value the value, as a 1-element typed array of the storage's type */
  constructor(readonly value: TypedArray) {}

  /** Write the value into every element of `out`, bit for bit. */
  fill(out: TypedArray): void {
    if (out instanceof Float32Array) new Int32Array(out.buffer, out.byteOffset, out.length).fill(new Int32Array(this.value.buffer, this.value.byteOffset, 1)[0]);
    else if (out instanceof Float64Array) new BigInt64Array(out.buffer, out.byteOffset, out.length).fill(new BigInt64Array(this.value.buffer, this.value.byteOffset, 1)[0]);
    else out.fill(this.value[0]);
  }
}

/**
 * A contiguous tensor of `shape` whose every element is the value of the 1-element tensor
 * `value` (its dtype): deferred when `defer` says it is worth it (the caller asks
 * `deferringRows`, table-rows.ts), else written.
 * @example constantTensor(tensor(0.25), [228146], true) // 228,146 × 0.25, nothing written yet
 */
export function constantTensor(value: Tensor, shape: readonly number[], defer: boolean): Tensor {
  const v = value.storage.data.slice(value.offset, value.offset + 1);
  const n = shape.reduce((p, d) => p * d, 1), recipe = new ConstantRecipe(v);
  if (defer) return new Tensor(Storage.deferred(value.dtype, n, recipe), [...shape]);
  const out = Storage.allocUnfilled(value.dtype, n); // every element is written
  recipe.fill(out.data);
  return new Tensor(out, [...shape]);
}

/**
 * When `t` is the whole of a deferred constant (not written out yet), its value as a 1-element
 * 1-D tensor; else null. (`rowwise2` expands it to one row of t, `[1, ...rest]`.)
 * @example constantRow(g) // tensor([2.1908e-06]) for mean's gradient g inside the lecture's backward
 */
export function constantRow(t: Tensor): Tensor | null {
  const recipe = t.storage.recipe;
  if (!(recipe instanceof ConstantRecipe) || t.ndim === 0 || t.offset !== 0 || !t.isContiguous() || t.numel() !== t.storage.length) return null;
  return new Tensor(Storage.wrap(recipe.value.slice()), [1]);
}
