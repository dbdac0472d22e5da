/**
 * Driver of the `one_hot_i32` kernel (`kernels/one-hot.ts`): the rows of `oneHot` written in one
 * pass (zeros and the one), instead of zero-filling the whole block and then writing the ones
 * row after row (two passes over 24.6 MB for the lecture's 228,146 × 27).
 */
import { CHUNK, REGION, kernels, memoryView } from './kernels.js';
import { isSimdEnabled } from './elementwise.js';
import { isArenaArray } from '../memory/arena.js';

/**
 * Write the `count` rows of `c` int32 of a one-hot encoding into `out` (from element 0): row i is
 * zeros with a 1 at `indices[from + i]`. True when done: every index was in [0, c). False when an
 * index is out of range (`out` is then partly written), or when the kernel does not apply (`out`
 * not in the arena, c < 4 or fewer than 256 elements): the caller then checks the indices and
 * writes the rows itself.
 * @example simdOneHot(out, xs, 0, 228146, 27) // true inside tidy: out holds xs one-hot
 */
export function simdOneHot(out: Int32Array, indices: ArrayLike<number>, from: number, count: number, c: number): boolean {
  if (!isSimdEnabled() || kernels === null || c < 4 || count * c < 256 || !isArenaArray(out)) return false;
  if (indices instanceof Int32Array && isArenaArray(indices)) return kernels.oneHotI32(out.byteOffset, indices.byteOffset + 4 * from, count, c) === 1;
  // the indices through the scratch region, a chunk at a time
  const { i32 } = memoryView, at = REGION.a / 4;
  for (let s = 0; s < count; s += CHUNK) {
    const len = Math.min(CHUNK, count - s);
    if (indices instanceof Int32Array) i32.set(indices.subarray(from + s, from + s + len), at);
    else for (let i = 0; i < len; i++) i32[at + i] = indices[from + s + i];
    if (kernels.oneHotI32(out.byteOffset + 4 * s * c, REGION.a, len, c) === 0) return false;
  }
  return true;
}
