/**
 * Driver of the `div_backward_rows_f32` kernel (`kernels/div-backward-rows.ts`): both gradients
 * of `a / b`, b one value per row, in one pass over the rows, given the quotient q = a / b: the
 * same bits as the unfused chain `g / b`, `((a / b) / (−b)) · g` summed over each row. Returns false (the caller runs its plain
 * loop) when it does not apply: SIMD off, rows outside 8 ≤ n < 32, or a full-size operand
 * outside the arena (the kernel reads and writes the full-size arrays in place).
 */
import { kernels } from './kernels.js';
import { isSimdEnabled } from './elementwise.js';
import { isArenaArray, scratchFloat32 } from '../memory/arena.js';
import { partBounds, runSplit } from './threads.js';

/** Elements of the smallest part given to a helper thread (its hand-off costs ~40 µs). */
const MIN_PART = 1 << 16;

/**
 * For r < rows, j < n: `ga[gaOff + r·n + j] = g/b`, `gb[gbOff + r] = Σ_j (q/(−b))·g` with
 * `g = g[gi + r·n + j]`, `q = q[qi + r·n + j]` (= a/b), `b = b[bi + r]` (float32, rows contiguous);
 * with `addRowSum`, then `ga[gaOff + r·n + j] += gb[gbOff + r]` (float32) for each row, and with
 * `factor` too, `ga[gaOff + r·n + j] *= factor.data[factor.offset + r·n + j]` (float32).
 */
export function simdDivBackwardRows(
  ga: ArrayLike<number>, gaOff: number, gb: ArrayLike<number>, gbOff: number,
  g: ArrayLike<number>, gi: number, q: ArrayLike<number>, qi: number, b: ArrayLike<number>, bi: number,
  rows: number, n: number, addRowSum = false, factor: { data: ArrayLike<number>; offset: number } | null = null,
): boolean {
  if (!isSimdEnabled() || kernels === null || n < 8 || n >= 32 || rows * n < 256) return false;
  if (!(ga instanceof Float32Array) || !(gb instanceof Float32Array) || !(g instanceof Float32Array) || !(q instanceof Float32Array) || !(b instanceof Float32Array)) return false;
  if (!isArenaArray(ga) || !isArenaArray(g) || !isArenaArray(q)) return false;
  if (factor !== null && !(factor.data instanceof Float32Array && isArenaArray(factor.data))) return false;
  const f0 = factor === null ? 0 : (factor.data as Float32Array).byteOffset + 4 * factor.offset;
  const mode = factor !== null ? 2 : addRowSum ? 1 : 0;
  // the per-row operands: in place in the arena, or through a scratch slot
  let bAt: number, gbScratch: Float32Array | null = null;
  if (isArenaArray(b)) bAt = b.byteOffset + 4 * bi;
  else {
    const scratch = scratchFloat32(0, rows);
    if (scratch === null) return false;
    scratch.set(b.subarray(bi, bi + rows));
    bAt = scratch.byteOffset;
  }
  let gbAt: number;
  if (isArenaArray(gb)) gbAt = gb.byteOffset + 4 * gbOff;
  else {
    gbScratch = scratchFloat32(1, rows);
    if (gbScratch === null) return false;
    gbAt = gbScratch.byteOffset;
  }
  const ga0 = ga.byteOffset + 4 * gaOff, g0 = g.byteOffset + 4 * gi, q0 = q.byteOffset + 4 * qi;
  const part = (r0: number, r1: number): [string, number[]] => {
    const full = 4 * r0 * n, one = 4 * r0;
    return ['div_backward_rows_f32', [ga0 + full, gbAt + one, g0 + full, q0 + full, bAt + one, r1 - r0, n, mode, factor === null ? 0 : f0 + full]];
  };
  if (runSplit(Math.ceil(MIN_PART / n), rows, (i, count) => part(...partBounds(rows, i, count))) === null) {
    kernels.divBackwardRows(ga0, gbAt, g0, q0, bAt, rows, n, mode, f0);
  }
  if (gbScratch !== null) gb.set(gbScratch, gbOff);
  return true;
}
