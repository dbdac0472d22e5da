/**
 * The `[N, C]` float32 matrices that the one-pass row loops (`log-softmax-rows.ts` and its
 * PyTorch-x86 twin `x86/log-softmax-rows.ts`) read in place: a contiguous float32 matrix with at
 * least one element, as its rows, columns, data and offset.
 */
import type { Tensor } from '../tensor.js';
import type { TypedArray } from '../dtype.js';
import { empty } from '../creation.js';

/** A contiguous float32 `[N, C]` matrix seen as rows, or null when `x` is not one. */
export interface Float32Rows {
  n: number;
  c: number;
  d: TypedArray;
  o: number;
}

/**
 * `x` as rows, or null when it is not a contiguous float32 matrix with at least one element.
 * @example float32Rows(zeros([2, 3]))!.c // 3
 */
export function float32Rows(x: Tensor): Float32Rows | null {
  if (x.dtype !== 'float32' || x.ndim !== 2 || !x.isContiguous() || x.numel() === 0) return null;
  return { n: x.shape[0], c: x.shape[1], d: x.storage.data, o: x.offset };
}

/**
 * For a row-wise gradient from `g` and a saved `out` of the same `[N, C]` shape: both as rows and
 * a fresh `[N, C]` gradient to write, or null when they are not laid out for the row loops.
 * @example gradientRows(ones([1, 2]), zeros([1, 2]))!.grad.shape // [1, 2]
 */
export function gradientRows(g: Tensor, out: Tensor): { g: Float32Rows; out: Float32Rows; grad: Tensor } | null {
  const rg = float32Rows(g), ro = float32Rows(out);
  if (rg === null || ro === null || rg.n !== ro.n || rg.c !== ro.c) return null;
  return { g: rg, out: ro, grad: empty([rg.n, rg.c]) };
}
