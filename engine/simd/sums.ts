/**
 * Drivers of the reduction kernels (`kernels.ts`): float32 row sums in PyTorch's order for rows
 * of 8 to 31 elements (the lecture's `counts.sum(1, keepdim=True)` over rows of 27), the same
 * bits as `ops/cascade-sum.ts`; and float64 column sums (`sum(0)`), the same sums as the loop in
 * `ops/reduce.ts`. Each returns false (the plain loop runs) when it does not apply.
 */
import { CHUNK, REGION, kernels, memoryView } from './kernels.js';
import { isSimdEnabled } from './elementwise.js';
import { isArenaArray } from './arena.js';

const { f32, f64 } = memoryView;

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

/**
 * `acc[j] = Σ_i x[xi + i·cols + j]` in float64, i = 0 … rows−1 in order, for a contiguous float32
 * block of `rows × cols` (a sum over leading dimensions).
 */
export function simdColumnSums(x: ArrayLike<number>, xi: number, rows: number, cols: number, acc: Float64Array): boolean {
  if (!isSimdEnabled() || kernels === null || !(x instanceof Float32Array) || rows * cols < 256 || cols > (CHUNK * 4) / 8 || cols > CHUNK) return false;
  const accBase = REGION.out / 8;
  f64.fill(0, accBase, accBase + cols);
  if (isArenaArray(x)) kernels.colSum(REGION.out, x.byteOffset + 4 * xi, rows, cols);
  else {
    const rowsPerChunk = Math.floor(CHUNK / cols);
    for (let r0 = 0; r0 < rows; r0 += rowsPerChunk) {
      const rr = Math.min(rowsPerChunk, rows - r0);
      f32.set(x.subarray(xi + r0 * cols, xi + (r0 + rr) * cols), REGION.a / 4);
      kernels.colSum(REGION.out, REGION.a, rr, cols);
    }
  }
  for (let j = 0; j < cols; j++) acc[j] = f64[accBase + j];
  return true;
}
