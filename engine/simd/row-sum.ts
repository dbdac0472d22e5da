/**
 * Driver of the row-sum kernel (`kernels.ts` rowSumKernel): float32 row sums in PyTorch's order
 * for rows of 8 to 31 elements (the lecture's `counts.sum(1, keepdim=True)` over rows of 27),
 * the same bits as `ops/cascade-sum.ts`. Returns false (the plain loop runs) otherwise.
 */
import { CHUNK, REGION, kernels } from './kernels.js';
import { isSimdEnabled } from './elementwise.js';
import { isArenaArray } from './arena.js';

const f32 = kernels ? new Float32Array(kernels.memory.buffer) : new Float32Array(0);

/** `out[j] = Σ x[xi + j·len … xi + j·len + len − 1]` (PyTorch's float32 order) for j < rows. */
export function simdRowSums(x: ArrayLike<number>, xi: number, rows: number, len: number, out: Float64Array): boolean {
  if (!isSimdEnabled() || kernels === null || !(x instanceof Float32Array) || len < 8 || len >= 32 || rows * len < 256) return false;
  const rowsPerChunk = Math.floor(CHUNK / len);
  const OUT = REGION.out / 4;
  for (let r0 = 0; r0 < rows; r0 += rowsPerChunk) {
    const rr = Math.min(rowsPerChunk, rows - r0);
    if (isArenaArray(x)) kernels.rowSum(REGION.out, x.byteOffset + 4 * (xi + r0 * len), rr, len); // read in place
    else {
      f32.set(x.subarray(xi + r0 * len, xi + (r0 + rr) * len), REGION.a / 4);
      kernels.rowSum(REGION.out, REGION.a, rr, len);
    }
    for (let j = 0; j < rr; j++) out[r0 + j] = f32[OUT + j];
  }
  return true;
}
