/**
 * Drivers of the reduction kernels (`kernels.ts`, `cascade-sum-kernel.ts`): float32 row sums in
 * PyTorch's order for rows of 8 to 31 elements (the lecture's `counts.sum(1, keepdim=True)` over
 * rows of 27) and of 32 or more (`sum(1)` of 1000×1000, `sum()`), the same bits as
 * `ops/cascade-sum.ts`; and float64 column sums (`sum(0)`), the same sums as the loop in
 * `ops/reduce.ts`. Each returns false (the plain loop runs) when it does not apply.
 */
import { CHUNK, REGION, copyKernels, copyView, kernels, memoryView } from './kernels.js';
import { isSimdEnabled } from './elementwise.js';
import { isArenaArray, scratchFloat32 } from '../memory/arena.js';
import { partBounds, runSplit } from './threads.js';

/** `out[j] = Σ x[xi + j·len … xi + j·len + len − 1]` (PyTorch's float32 order) for j < rows. */
export function simdRowSums(x: ArrayLike<number>, xi: number, rows: number, len: number, out: Float64Array): boolean {
  if (!isSimdEnabled() || kernels === null || !(x instanceof Float32Array) || len < 8 || rows * len < 256) return false;
  if (len >= 32) return longRowSums(x, xi, rows, len, out);
  const sums = isArenaArray(x) ? scratchFloat32(0, rows) : null;
  if (sums !== null) {
    // read in place, in one call or in parts of rows on the helper threads; the sums land in a
    // scratch block of the arena
    const rowsCall = (r0: number, r1: number): [string, number[]] => ['row_sum_f32', [sums.byteOffset + 4 * r0, x.byteOffset + 4 * (xi + r0 * len), r1 - r0, len]];
    if (runSplit(Math.ceil(2 ** 16 / len), rows, (i, count) => rowsCall(...partBounds(rows, i, count))) === null) {
      kernels.rowSum(sums.byteOffset, x.byteOffset + 4 * xi, rows, len);
    }
    for (let j = 0; j < rows; j++) out[j] = sums[j];
    return true;
  }
  const rowsPerChunk = Math.floor(CHUNK / len);
  const OUT = REGION.out / 4;
  for (let r0 = 0; r0 < rows; r0 += rowsPerChunk) {
    const rr = Math.min(rowsPerChunk, rows - r0);
    copyView.f32.set(x.subarray(xi + r0 * len, xi + (r0 + rr) * len), REGION.a / 4);
    copyKernels!.rowSum(REGION.out, REGION.a, rr, len);
    for (let j = 0; j < rr; j++) out[r0 + j] = copyView.f32[OUT + j];
  }
  return true;
}

/**
 * ATen's cascade level power for `size` groups of 32 floats: max(4, ⌊⌈log2 size⌉ / 4⌋).
 * @example levelPowerOf(31) // 4
 */
export function levelPowerOf(size: number): number {
  const ceilLog2 = size <= 1 ? 0 : Math.ceil(Math.log2(size));
  return Math.max(4, Math.floor(ceilLog2 / 4));
}

/** Row sums of 32 floats or more (see `simdRowSums`) with the cascade kernel, in place or through scratch memory. */
function longRowSums(x: Float32Array, xi: number, rows: number, len: number, out: Float64Array): boolean {
  const cascadeRowSum = kernels!.cascadeRowSum, copyCascadeRowSum = copyKernels!.cascadeRowSum;
  const lp = levelPowerOf((len >> 3) >> 2);
  const sums = scratchFloat32(0, rows);
  if (sums === null) return false;
  if (isArenaArray(x)) {
    // in one call, or in parts of the rows on the helper threads (parts of ≥ 2^19 elements: a
    // 1000×1000 sum, ~0.1 ms, gains nothing from a helper)
    const rowsCall = (r0: number, r1: number): [string, number[]] => ['cascade_row_sum_f32', [sums.byteOffset + 4 * r0, x.byteOffset + 4 * (xi + r0 * len), r1 - r0, len, lp]];
    if (runSplit(Math.ceil(2 ** 19 / len), rows, (i, count) => rowsCall(...partBounds(rows, i, count))) === null) {
      cascadeRowSum(sums.byteOffset, x.byteOffset + 4 * xi, rows, len, lp);
    }
  } else if (len <= 2 * CHUNK) {
    // whole rows through the copy kernels' scratch regions a and b (2·CHUNK floats), the sums to `out`
    const rowsPerChunk = Math.floor((2 * CHUNK) / len);
    const OUT = REGION.out / 4;
    for (let r0 = 0; r0 < rows; r0 += rowsPerChunk) {
      const rr = Math.min(rowsPerChunk, rows - r0);
      copyView.f32.set(x.subarray(xi + r0 * len, xi + (r0 + rr) * len), REGION.a / 4);
      copyCascadeRowSum(REGION.out, REGION.a, rr, len, lp);
      for (let j = 0; j < rr; j++) sums[r0 + j] = copyView.f32[OUT + j];
    }
  } else {
    // long rows: one row at a time through a scratch block of the arena
    const row = scratchFloat32(1, len);
    if (row === null) return false;
    for (let r = 0; r < rows; r++) {
      row.set(x.subarray(xi + r * len, xi + (r + 1) * len));
      cascadeRowSum(sums.byteOffset + 4 * r, row.byteOffset, 1, len, lp);
    }
  }
  for (let j = 0; j < rows; j++) out[j] = sums[j];
  return true;
}

/**
 * `acc[j] = Σ_i x[xi + i·cols + j]` in float64, i = 0 … rows−1 in order, for a contiguous float32
 * block of `rows × cols` (a sum over leading dimensions).
 */
export function simdColumnSums(x: ArrayLike<number>, xi: number, rows: number, cols: number, acc: Float64Array): boolean {
  if (!isSimdEnabled() || kernels === null || !(x instanceof Float32Array) || rows * cols < 256 || cols > (CHUNK * 4) / 8 || cols > CHUNK) return false;
  // in place (x in the shared memory), or through the copy kernels' scratch memory
  const inPlace = isArenaArray(x);
  const view = inPlace ? memoryView : copyView;
  const accBase = REGION.out / 8;
  view.f64.fill(0, accBase, accBase + cols);
  if (inPlace) {
    // in one call, or in parts of the columns (each over all rows, in order) on the helper threads;
    // parts of ≥ 2^19 elements: a 1000×1000 sum (~0.17 ms) gains nothing from a helper
    const colsCall = (j0: number, j1: number): [string, number[]] => ['col_sum_f64', [REGION.out + 8 * j0, x.byteOffset + 4 * (xi + j0), rows, j1 - j0, cols]];
    if (runSplit(Math.max(4, Math.ceil(2 ** 19 / rows)), cols, (i, count) => colsCall(...partBounds(cols, i, count, 4))) === null) {
      kernels.colSum(REGION.out, x.byteOffset + 4 * xi, rows, cols, cols);
    }
  } else {
    const rowsPerChunk = Math.floor(CHUNK / cols);
    for (let r0 = 0; r0 < rows; r0 += rowsPerChunk) {
      const rr = Math.min(rowsPerChunk, rows - r0);
      view.f32.set(x.subarray(xi + r0 * cols, xi + (r0 + rr) * cols), REGION.a / 4);
      copyKernels!.colSum(REGION.out, REGION.a, rr, cols, cols);
    }
  }
  acc.set(view.f64.subarray(accBase, accBase + cols));
  return true;
}
