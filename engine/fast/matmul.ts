/**
 * Drivers of the matmul kernels of `kernels.ts`: the dense float32 product (`simdGemmF32`), a
 * mostly-zero A (the one-hot forward `xenc · W`: `gemm_sparse_a`, or `gemm_one_hot_rows` for rows
 * of at most 32) and a long shared dimension with a small C (the backward `xencᵀ · G`:
 * `gemm_kij`, or `gemm_kij_one_hot` for columns of at most 32, checking B as it reads it). Each
 * computes what its twin in `gemm.ts` (gemmBlocked with float32 rounding, gemmSparseA, gemmKIJ)
 * computes, bit for bit: the same sums in the same order as the plain loop `plainGemm` of
 * `ops/matmul.ts`.
 *
 * Each returns false (and the TypeScript loop of `gemm.ts` runs) unless the operands are float32 and laid out as
 * the kernel reads them, and the sizes fit the scratch memory.
 */
import { CHUNK, REGION, copyKernels, copyView, kernels, memoryView } from './kernels.js';
import { isSimdEnabled } from './elementwise.js';
import { isArenaArray, scratchFloat32 } from '../memory/arena.js';
import { partBounds, runSplit } from './threads.js';

const { f32 } = memoryView;

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
 * C[n×m] (contiguous at oc) = A[n×k] · B[k×m] in float32 for a mostly-zero A, with A row-major
 * (`as0 = k`, `as1 = 1`) and B with unit column stride (`brow` per row), B finite (checked by the
 * caller).
 */
export function simdGemmSparseA(
  n: number, k: number, m: number, A: ArrayLike<number>, oa: number, as0: number, as1: number,
  B: ArrayLike<number>, ob: number, brow: number, C: unknown, oc: number,
): boolean {
  if (!isSimdEnabled() || kernels === null || n * k < 256) return false;
  if (!(A instanceof Float32Array) || !(C instanceof Float32Array) || as1 !== 1 || as0 !== k) return false;
  const m4 = (m + 3) & ~3;
  if (k * m4 > CHUNK || k > CHUNK || m + 4 > CHUNK) return false;
  // in place (A and C in the shared memory), or through the copy kernels' scratch memory
  const inPlace = isArenaArray(A) && isArenaArray(C);
  const view = inPlace ? f32 : copyView.f32;
  // B in float32, m4 per row
  const b32Base = REGION.b32 / 4;
  for (let p = 0; p < k; p++) {
    for (let j = 0; j < m; j++) view[b32Base + p * m4 + j] = B[ob + p * brow + j];
  }
  // rows of at most 32 elements (the one-hot xenc of the lecture: 27): the kernel that finds a
  // row's non-zeros at once and writes a one-hot row straight (same arguments, same bits)
  const oneHot = k <= 32 && m >= 4;
  const kernel = oneHot ? kernels.gemmOneHotRows : kernels.gemmSparseA, copyKernel = oneHot ? copyKernels?.gemmOneHotRows : copyKernels?.gemmSparseA;
  if (inPlace) {
    // in place, in one call or in parts of rows on the helper threads
    const rowsCall = (r0: number, r1: number): [string, number[]] => [oneHot ? 'gemm_one_hot_rows' : 'gemm_sparse_a', [C.byteOffset + 4 * (oc + r0 * m), A.byteOffset + 4 * (oa + r0 * k), REGION.b32, r1 - r0, k, m, m4]];
    if (runSplit(Math.ceil(2 ** 17 / (k + m)), n, (i, count) => rowsCall(...partBounds(n, i, count))) === null) {
      kernel(C.byteOffset + 4 * oc, A.byteOffset + 4 * oa, REGION.b32, n, k, m, m4);
    }
    return true;
  }
  const rowsPerChunk = Math.min(Math.floor(CHUNK / k), Math.floor((CHUNK - 4) / m));
  const OUT = REGION.out / 4;
  for (let r0 = 0; r0 < n; r0 += rowsPerChunk) {
    const rows = Math.min(rowsPerChunk, n - r0);
    view.set(A.subarray(oa + r0 * k, oa + (r0 + rows) * k), REGION.a / 4);
    copyKernel!(REGION.out, REGION.a, REGION.b32, rows, k, m, m4);
    C.set(view.subarray(OUT, OUT + rows * m), oc + r0 * m);
  }
  return true;
}

/** Floats of one staging chunk of the dense driver (rows of A and of C): 128 KiB, so they stay in the L2 cache with the packed B. */
const STAGE_FLOATS = 2 * CHUNK;

/**
 * `simdGemmF32`'s packing of B into `packed` in the kernels of `kernels/pack-panels8.ts` (the same
 * floats in the same places as its loops) for a float32 B that is row-major (`bcol = 1`) or a
 * transposed row-major matrix (`brow = 1`): read in place when B is in the arena, else first
 * copied into the scratch region A (its lines side by side). False (nothing written) for another
 * layout or dtype, or a B larger than the region; then the loops run.
 */
function simdPackPanels8(packed: Float32Array, k: number, m: number, nbJ: number, B: ArrayLike<number>, ob: number, brow: number, bcol: number): boolean {
  const cols = bcol === 1;
  if (!(B instanceof Float32Array) || kernels === null || !(cols || brow === 1)) return false;
  // B's lines: k rows of m floats (row-major) or m rows of k floats (the transposed matrix's)
  const lines = cols ? k : m, len = cols ? m : k, stride = cols ? brow : bcol;
  let src: number, ld: number;
  if (isArenaArray(B)) {
    src = B.byteOffset + 4 * ob;
    ld = stride;
  } else {
    if (lines * len > CHUNK) return false;
    const at = REGION.a / 4;
    if (stride === len) f32.set(B.subarray(ob, ob + lines * len), at);
    else for (let l = 0; l < lines; l++) f32.set(B.subarray(ob + l * stride, ob + l * stride + len), at + l * len);
    src = REGION.a;
    ld = len;
  }
  const pack = cols ? kernels.packPanels8.pack_cols8_f32 : kernels.packPanels8.pack_rows8_f32;
  pack(packed.byteOffset, src, ld, nbJ, m, k);
  return true;
}

/**
 * `simdGemmF32`'s staging of `rows` rows of a transposed float32 A (A[i, p] at `a0 + i + p·as1`)
 * as rows of k floats in `stage`, by the `transpose_f32` kernel: A read in place in the arena, or
 * first copied into the scratch region A when its k lines of `rows` floats lie side by side
 * (`as1 = rows`). False (nothing written) otherwise.
 */
function simdStageTransposed(stage: Float32Array, A: Float32Array, a0: number, as1: number, rows: number, k: number): boolean {
  if (kernels === null) return false;
  let src: number, lds: number;
  if (isArenaArray(A)) {
    src = A.byteOffset + 4 * a0;
    lds = as1;
  } else {
    if (as1 !== rows || k * rows > CHUNK) return false;
    f32.set(A.subarray(a0, a0 + k * rows), REGION.a / 4);
    src = REGION.a;
    lds = rows;
  }
  kernels.transpose(stage.byteOffset, k, src, lds, k, rows);
  return true;
}

/**
 * C[n×m] (contiguous at oc) = A[n×k] · B[k×m] in float32 (the `gemm_f32` kernel), A and B strided
 * (`brow` per row of B, `bcol` per column: B is read once, when packed), for n ≥ 4 and m ≥ 8.
 *
 * B is packed into panels of 8 columns in a temporary arena block. A is read in place when it is
 * in the arena with contiguous rows (any row stride), C written in place when it is in the arena;
 * otherwise chunks of rows pass through a temporary staging block.
 */
export function simdGemmF32(
  n: number, k: number, m: number, A: ArrayLike<number>, oa: number, as0: number, as1: number,
  B: ArrayLike<number>, ob: number, brow: number, bcol: number, C: unknown, oc: number,
): boolean {
  if (!isSimdEnabled() || kernels === null || n < 4 || m < 8 || k < 1 || n * m * k < 4096) return false;
  if (!(A instanceof Float32Array) || !(C instanceof Float32Array)) return false;
  const nbJ = (m + 7) >> 3;
  const packed = scratchFloat32(0, nbJ * k * 8);
  if (packed === null) return false;
  const aInPlace = isArenaArray(A) && as1 === 1, cInPlace = isArenaArray(C);
  const rowsPerChunk = aInPlace && cInPlace ? n : Math.max(4, Math.floor(STAGE_FLOATS / ((aInPlace ? 0 : k) + (cInPlace ? 0 : m))));
  const stage = aInPlace && cInPlace ? null : scratchFloat32(1, rowsPerChunk * ((aInPlace ? 0 : k) + (cInPlace ? 0 : m)));
  if (stage === null && !(aInPlace && cInPlace)) return false;
  // panel jb: B[p, c0 … c0+7] for each p, c0 = min(8·jb, m − 8) (the last panel may overlap)
  if (simdPackPanels8(packed, k, m, nbJ, B, ob, brow, bcol)) {
    // packed by a kernel (row-major or transposed B)
  } else if (bcol === 1) {
    for (let jb = 0, d = 0; jb < nbJ; jb++) {
      const c0 = Math.min(8 * jb, m - 8);
      for (let p = 0; p < k; p++, d += 8) {
        const s = ob + p * brow + c0;
        packed[d] = B[s]; packed[d + 1] = B[s + 1]; packed[d + 2] = B[s + 2]; packed[d + 3] = B[s + 3];
        packed[d + 4] = B[s + 4]; packed[d + 5] = B[s + 5]; packed[d + 6] = B[s + 6]; packed[d + 7] = B[s + 7];
      }
    }
  } else {
    // a transposed B (`W.T` in a backward): each column j of B is read where it lies, p by p
    for (let jb = 0, d = 0; jb < nbJ; jb++, d += 8 * k) {
      const c0 = Math.min(8 * jb, m - 8);
      for (let c = 0; c < 8; c++) {
        for (let p = 0, s = ob + (c0 + c) * bcol, q = d + c; p < k; p++, s += brow, q += 8) packed[q] = B[s];
      }
    }
  }
  if (aInPlace && cInPlace) {
    // one call, or parts of at least 4 rows (and ~4 MFLOP) on the helper threads
    const aBase = A.byteOffset + 4 * oa, cBase = C.byteOffset + 4 * oc;
    const rowsCall = (r0: number, r1: number): [string, number[]] => ['gemm_f32', [cBase + 4 * r0 * m, m, aBase + 4 * r0 * as0, as0, packed.byteOffset, r1 - r0, m, k]];
    const minRows = Math.max(4, Math.ceil(2 ** 21 / (m * k)));
    if (runSplit(minRows, n, (i, count) => rowsCall(...partBounds(n, i, count))) === null) kernels.gemmF32(cBase, m, aBase, as0, packed.byteOffset, n, m, k);
    return true;
  }
  const cStage = aInPlace ? 0 : rowsPerChunk * k; // where C's rows start in the staging block
  for (let r0 = 0; r0 < n; r0 += rowsPerChunk) {
    const end = Math.min(n, r0 + rowsPerChunk);
    const start = Math.min(r0, end - 4); // a last chunk of fewer than 4 rows overlaps the one before
    const rows = end - start;
    let aPtr = 0, lda = k;
    if (aInPlace) {
      aPtr = A.byteOffset + 4 * (oa + start * as0);
      lda = as0;
    } else {
      const s = stage!;
      const a0 = oa + start * as0;
      if (as1 === 1 && as0 === k) s.set(A.subarray(a0, a0 + rows * k)); // contiguous rows: one copy
      else if (as1 === 1) for (let i = 0; i < rows; i++) s.set(A.subarray(a0 + i * as0, a0 + i * as0 + k), i * k);
      else if (as0 === 1) {
        // a transposed A (`h.T` in a backward): transposed by a kernel, or read in its storage order, p by p
        if (!simdStageTransposed(s, A, a0, as1, rows, k)) for (let p = 0; p < k; p++) for (let i = 0, a = a0 + p * as1; i < rows; i++) s[i * k + p] = A[a + i];
      } else for (let i = 0; i < rows; i++) for (let p = 0, a = a0 + i * as0; p < k; p++, a += as1) s[i * k + p] = A[a];
      aPtr = s.byteOffset;
    }
    const cPtr = cInPlace ? C.byteOffset + 4 * (oc + start * m) : stage!.byteOffset + 4 * cStage;
    kernels.gemmF32(cPtr, m, aPtr, lda, packed.byteOffset, rows, m, k);
    if (!cInPlace) C.set(stage!.subarray(cStage, cStage + rows * m), oc + start * m);
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
  // in place (A and B in the shared memory), or through the copy kernels' scratch memory
  const inPlace = isArenaArray(A) && isArenaArray(B);
  const view = inPlace ? memoryView : copyView;
  const accBase = REGION.out / 8;
  view.f64.fill(0, accBase, accBase + n * mp);
  // a chunk of p values: their n values of A and m values of B (the kernel reads up to 3 floats
  // past a row of B: they land in lanes that are never read back)
  const pPerChunk = Math.min(Math.floor(CHUNK / n), Math.floor((CHUNK - 4) / m));
  if (inPlace) {
    // in place (reads past B's last row land in the block's spare bytes), in one call or in parts
    // of the rows i of C on the helper threads: each part runs p = 0 … k−1 for its rows, so every
    // sum keeps its order
    const rowsCall = (i0: number, i1: number): [string, number[]] => ['gemm_kij', [REGION.out + 8 * i0 * mp, A.byteOffset + 4 * (oa + i0), B.byteOffset + 4 * ob, k, i1 - i0, m, mp, n]];
    if (runSplit(Math.ceil(2 ** 17 / k), n, (i, count) => rowsCall(...partBounds(n, i, count))) === null) {
      kernels.gemmKIJ(REGION.out, A.byteOffset + 4 * oa, B.byteOffset + 4 * ob, k, n, m, mp, n);
    }
  } else for (let p0 = 0; p0 < k; p0 += pPerChunk) {
    const pc = Math.min(pPerChunk, k - p0);
    view.f32.set(A.subarray(oa + p0 * n, oa + (p0 + pc) * n), REGION.a / 4);
    view.f32.set(B.subarray(ob + p0 * m, ob + (p0 + pc) * m), REGION.b / 4);
    copyKernels!.gemmKIJ(REGION.out, REGION.a, REGION.b, pc, n, m, mp, n);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) C[oc + i * m + j] = view.f64[accBase + i * mp + j];
  return true;
}

/**
 * `simdGemmKIJ` for columns of A of at most 32 elements (n ≤ 32: the lecture's backward
 * xencᵀ · G, n = 27) and m ≥ 4, with B's finiteness checked by the kernel as it reads B
 * (`gemm_kij_one_hot`) instead of by a pass of its own over B before. Returns false, with C
 * untouched, when it does not apply or when B holds an inf or NaN (the caller then takes the
 * path that checks B first and skips no term).
 */
export function simdGemmKIJOneHot(
  n: number, k: number, m: number, A: ArrayLike<number>, oa: number, as0: number, as1: number,
  B: ArrayLike<number>, ob: number, brow: number, C: { [i: number]: number }, oc: number,
): boolean {
  if (!isSimdEnabled() || kernels === null || k * n < 256 || n > 32 || m < 4) return false;
  if (!(A instanceof Float32Array) || !(B instanceof Float32Array) || as0 !== 1 || as1 !== n || brow !== m) return false;
  const mp = (m + 3) & ~3;
  if (n * mp > REGION_DOUBLES || m + 4 > CHUNK) return false;
  const inPlace = isArenaArray(A) && isArenaArray(B);
  const view = inPlace ? memoryView : copyView;
  const accBase = REGION.out / 8;
  view.f64.fill(0, accBase, accBase + n * mp);
  let finite = true;
  if (inPlace) {
    // in one call: parts of the rows of C on helper threads would each read the whole of A (and
    // most of B) to find their rows' terms, twice the memory traffic of a kernel bound by it
    // (measured: slower on 2 threads than on 1)
    finite = kernels.gemmKIJOneHot(REGION.out, A.byteOffset + 4 * oa, B.byteOffset + 4 * ob, k, n, m, mp, n) === 1;
  } else {
    // chunks of p values through the scratch memory (the kernel reads up to 3 floats past a row of
    // A or B: they land in bits and lanes that are never used)
    const pPerChunk = Math.min(Math.floor((CHUNK - 4) / n), Math.floor((CHUNK - 4) / m));
    for (let p0 = 0; p0 < k && finite; p0 += pPerChunk) {
      const pc = Math.min(pPerChunk, k - p0);
      view.f32.set(A.subarray(oa + p0 * n, oa + (p0 + pc) * n), REGION.a / 4);
      view.f32.set(B.subarray(ob + p0 * m, ob + (p0 + pc) * m), REGION.b / 4);
      finite = copyKernels!.gemmKIJOneHot(REGION.out, REGION.a, REGION.b, pc, n, m, mp, n) === 1;
    }
  }
  if (!finite) return false;
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) C[oc + i * m + j] = view.f64[accBase + i * mp + j];
  return true;
}
