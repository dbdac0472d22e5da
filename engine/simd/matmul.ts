/**
 * Drivers of the two matmul kernels of `kernels.ts` that the lecture's step spends its time in:
 * the one-hot forward `xenc · W` (a mostly-zero A) and the backward `xencᵀ · G` (a long shared
 * dimension, a small C). They compute what `ops/matmul.ts` gemmSparseA and gemmKIJ compute, bit
 * for bit: the same float64 products and sums in the same order, rounded once to float32.
 *
 * Each returns false (and the plain loop runs) unless the operands are float32 and laid out as
 * the kernel reads them, and the sizes fit the scratch memory.
 */
import { CHUNK, REGION, kernels, memoryView } from './kernels.js';
import { isSimdEnabled } from './elementwise.js';
import { isArenaArray } from './arena.js';

const { f32, f64 } = memoryView;

/** Doubles that fit in one scratch region. */
const REGION_DOUBLES = (CHUNK * 4) / 8;

/**
 * Whether the `count` floats of `B` from `ob` are all finite, checked in place when B is in the
 * arena; null when the kernel does not apply (the caller checks with a loop).
 */
export function simdAllFinite(B: ArrayLike<number>, ob: number, count: number): boolean | null {
  if (!isSimdEnabled() || kernels === null || !(B instanceof Float32Array) || !isArenaArray(B) || count < 256) return null;
  const n4 = count - (count % 4);
  if (kernels.allFinite(B.byteOffset + 4 * ob, n4) === 0) return false;
  for (let i = n4; i < count; i++) if (B[ob + i] - B[ob + i] !== 0) return false;
  return true;
}

/**
 * C[n×m] (contiguous at oc) = A[n×k] · B[k×m] for a mostly-zero A, with A row-major (`as0 = k`,
 * `as1 = 1`) and B with unit column stride (`brow` per row), B finite (checked by the caller).
 */
export function simdGemmSparseA(
  n: number, k: number, m: number, A: ArrayLike<number>, oa: number, as0: number, as1: number,
  B: ArrayLike<number>, ob: number, brow: number, C: unknown, oc: number,
): boolean {
  if (!isSimdEnabled() || kernels === null || n * k < 256) return false;
  if (!(A instanceof Float32Array) || !(C instanceof Float32Array) || as1 !== 1 || as0 !== k) return false;
  const mp = m + (m & 1), m4 = (m + 3) & ~3;
  if (k * mp > REGION_DOUBLES || k * m4 > CHUNK || k > CHUNK || m + 4 > CHUNK) return false;
  // B in float64, mp per row, and in float32, m4 per row (padding lanes 0)
  const bBase = REGION.b / 8, b32Base = REGION.b32 / 4;
  f64.fill(0, bBase, bBase + k * mp);
  f32.fill(0, b32Base, b32Base + k * m4);
  for (let p = 0; p < k; p++) {
    for (let j = 0; j < m; j++) f64[bBase + p * mp + j] = f32[b32Base + p * m4 + j] = B[ob + p * brow + j];
  }
  const rowsPerChunk = Math.min(Math.floor(CHUNK / k), Math.floor((CHUNK - 4) / m));
  const OUT = REGION.out / 4;
  if (isArenaArray(A) && isArenaArray(C)) {
    // in place: C may take up to three floats past its last row, into the block's spare bytes (arena.ts)
    kernels.gemmSparseA(C.byteOffset + 4 * oc, A.byteOffset + 4 * oa, REGION.b, REGION.list, n, k, m, mp, REGION.b32, m4);
    return true;
  }
  for (let r0 = 0; r0 < n; r0 += rowsPerChunk) {
    const rows = Math.min(rowsPerChunk, n - r0);
    f32.set(A.subarray(oa + r0 * k, oa + (r0 + rows) * k), REGION.a / 4);
    kernels.gemmSparseA(REGION.out, REGION.a, REGION.b, REGION.list, rows, k, m, mp, REGION.b32, m4);
    C.set(f32.subarray(OUT, OUT + rows * m), oc + r0 * m);
  }
  return true;
}

/**
 * C[n×m] (contiguous at oc) = A[n×k] · B[k×m] by k-i-j for a small C and a long k, with A the
 * transpose of a row-major [k×n] (`as0 = 1`, `as1 = n`) and B row-major (`brow = m`), B finite.
 */
export function simdGemmKIJ(
  n: number, k: number, m: number, A: ArrayLike<number>, oa: number, as0: number, as1: number,
  B: ArrayLike<number>, ob: number, brow: number, C: { [i: number]: number }, oc: number,
): boolean {
  if (!isSimdEnabled() || kernels === null || k * n < 256) return false;
  if (!(A instanceof Float32Array) || !(B instanceof Float32Array) || as0 !== 1 || as1 !== n || brow !== m) return false;
  const mp = (m + 3) & ~3;
  if (n * mp > REGION_DOUBLES || n > CHUNK || m + 4 > CHUNK) return false;
  const accBase = REGION.out / 8;
  f64.fill(0, accBase, accBase + n * mp);
  // a chunk of p values: their n values of A and m values of B (the kernel reads up to 3 floats
  // past a row of B: they land in lanes that are never read back)
  const pPerChunk = Math.min(Math.floor(CHUNK / n), Math.floor((CHUNK - 4) / m));
  if (isArenaArray(A) && isArenaArray(B)) {
    // in place (reads past B's last row land in the block's spare bytes)
    kernels.gemmKIJ(REGION.out, A.byteOffset + 4 * oa, B.byteOffset + 4 * ob, k, n, m, mp);
  } else for (let p0 = 0; p0 < k; p0 += pPerChunk) {
    const pc = Math.min(pPerChunk, k - p0);
    f32.set(A.subarray(oa + p0 * n, oa + (p0 + pc) * n), REGION.a / 4);
    f32.set(B.subarray(ob + p0 * m, ob + (p0 + pc) * m), REGION.b / 4);
    kernels.gemmKIJ(REGION.out, REGION.a, REGION.b, pc, n, m, mp);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) C[oc + i * m + j] = f64[accBase + i * mp + j];
  return true;
}
