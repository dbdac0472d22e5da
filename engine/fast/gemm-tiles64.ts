/**
 * The driver of the `gemm_tiles64` kernel (`kernels/gemm-tiles64.ts`): matmul's float64 sums for
 * a moderate k in f64x2 register tiles, the same bits as `gemm.ts` gemmTiles64 and as the plain
 * loop `plainGemm` of `ops/matmul.ts`. A and B are packed as doubles into the copy kernels'
 * scratch regions (`packPanels`, shared with the TypeScript tiles), the kernel writes the padded
 * C there, and the driver stores the n×m part into C (a float32 C rounds each sum once, there: in
 * the `demote_rows_f32` kernel, then one copy).
 */
import { copyKernels, copyView } from './kernels.js';
import { CHUNK, REGION } from './scratch.js';
import { isSimdEnabled } from './elementwise.js';

/** Doubles that fit in one scratch region (each of A's panels, B's panels and C gets one). */
const REGION_DOUBLES = (CHUNK * 4) / 8;

/**
 * Pack the `count` rows of a strided matrix (row stride `s0`, column stride `s1`, `k` columns) into
 * panels of 4 rows from `at`: `P[at + (b·k + p)·4 + r] = X[4b + r, p]` for b < ⌈count/4⌉; the rows
 * past `count` are zeros. B's columns are packed as the rows of Bᵀ (s0 and s1 swapped).
 * @example packPanels(P, 0, 2, 3, a, 0, 3, 1) // P[0 … 11] = a00 a10 0 0  a01 a11 0 0  a02 a12 0 0
 */
export function packPanels(P: Float64Array, at: number, count: number, k: number, X: ArrayLike<number>, ox: number, s0: number, s1: number): void {
  const full = count >> 2;
  let d = at;
  // whole panels: the four rows side by side, p by p (sequential writes)
  for (let b = 0; b < full; b++) {
    for (let p = 0, x = ox + 4 * b * s0; p < k; p++, x += s1, d += 4) {
      P[d] = X[x]; P[d + 1] = X[x + s0]; P[d + 2] = X[x + 2 * s0]; P[d + 3] = X[x + 3 * s0];
    }
  }
  // a last, partial panel: the rows past `count` are zeros
  const left = count - 4 * full;
  if (left > 0) {
    for (let p = 0, x = ox + 4 * full * s0; p < k; p++, x += s1, d += 4) {
      for (let r = 0; r < 4; r++) P[d + r] = r < left ? X[x + r * s0] : 0;
    }
  }
}

/** Where `simdPackPanels` stages the float32 rows it packs: the C region, which the kernel writes only later. */
const STAGE = REGION.out / 4;

/**
 * `packPanels` into the scratch region at byte `at` for a float32 matrix whose rows (s1 = 1) or
 * columns (s0 = 1) are contiguous, in the kernels of `kernels/pack-panels64.ts` (the same doubles
 * in the same places): the contiguous lines are copied into the scratch memory with `set` first.
 * False (nothing written) for another layout or dtype; then `packPanels` runs. The padding rows
 * (past `count`) are zeros when the rows are contiguous; when the columns are, they may hold any
 * values (the floats after the last column's): `gemm_tiles64`'s lanes are independent, and the
 * driver never stores the padding's sums.
 */
function simdPackPanels(at: number, count: number, k: number, X: ArrayLike<number>, ox: number, s0: number, s1: number): boolean {
  if (!(X instanceof Float32Array) || copyKernels === null) return false;
  const f32 = copyView.f32, nb = (count + 3) >> 2;
  if (s1 === 1) {
    // rows of k floats, s0 apart: staged as nb·4 rows of k, the last ones zero
    if (s0 === k) f32.set(X.subarray(ox, ox + count * k), STAGE);
    else for (let r = 0; r < count; r++) f32.set(X.subarray(ox + r * s0, ox + r * s0 + k), STAGE + r * k);
    f32.fill(0, STAGE + count * k, STAGE + 4 * nb * k);
    copyKernels.packPanels64.pack_rows4_f64(at, REGION.out, k, nb, k);
    return true;
  }
  if (s0 === 1) {
    // columns: k lines of count floats, s1 apart (X's transpose, row-major)
    if (s1 === count) f32.set(X.subarray(ox, ox + k * count), STAGE);
    else for (let p = 0; p < k; p++) f32.set(X.subarray(ox + p * s1, ox + p * s1 + count), STAGE + p * count);
    copyKernels.packPanels64.pack_cols4_f64(at, REGION.out, count, nb, k);
    return true;
  }
  return false;
}

/**
 * C[n×m] (contiguous at oc) = A[n×k] · B[k×m] with float64 sums (A and B strided, any dtype:
 * their values are packed as doubles), in the `gemm_tiles64` kernel. Returns false (nothing
 * written) without SIMD or when the panels do not fit the scratch regions.
 */
export function simdGemmTiles64(
  n: number, k: number, m: number, A: ArrayLike<number>, oa: number, as0: number, as1: number,
  B: ArrayLike<number>, ob: number, bs0: number, bs1: number, C: { [i: number]: number }, oc: number,
): boolean {
  if (!isSimdEnabled() || copyKernels === null) return false;
  const nb = (n + 3) >> 2, mb = (m + 3) >> 2;
  if (4 * nb * k > REGION_DOUBLES || 4 * mb * k > REGION_DOUBLES || 16 * nb * mb > REGION_DOUBLES) return false;
  const view = copyView.f64;
  if (!simdPackPanels(REGION.a, n, k, A, oa, as0, as1)) packPanels(view, REGION.a / 8, n, k, A, oa, as0, as1);
  if (!simdPackPanels(REGION.b, m, k, B, ob, bs1, bs0)) packPanels(view, REGION.b / 8, m, k, B, ob, bs1, bs0);
  copyKernels.gemmTiles64(REGION.out, REGION.a, REGION.b, nb, mb, k);
  const out = REGION.out / 8, ldc = 4 * mb;
  if (C instanceof Float32Array) {
    // a float32 C: the sums rounded and the padding dropped by a kernel (into region A, whose
    // panels are no longer needed), then one copy
    copyKernels.demoteRows(REGION.a, REGION.out, n, m, ldc);
    C.set(copyView.f32.subarray(REGION.a / 4, REGION.a / 4 + n * m), oc);
    return true;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0, s = out + i * ldc, d = oc + i * m; j < m; j++) C[d + j] = view[s + j];
  }
  return true;
}
