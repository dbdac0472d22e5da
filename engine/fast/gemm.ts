/**
 * The fast paths of matmul's inner product `C = A·B` (one matrix of a batch), same bits as the
 * plain triple loop `plainGemm` of `ops/matmul.ts`: the same sums in the same order, only the loop
 * order, the blocking and the SIMD kernels differ. The loop is chosen for speed:
 * - small C and a long shared dimension (`float64Sums`): for a moderate k (the MLP's
 *   32×200 · 200×30), 4×4 register tiles of double sums over A and B packed into panels
 *   (`gemmTiles64`); for a very long k (the lecture's xencᵀ·G), k-i-j in float64, the whole of C
 *   in cache while A's columns and B's rows stream past (SIMD: `simdGemmKIJ`; for columns of A
 *   of at most 32 elements, `simdGemmKIJOneHot`, which checks B's finiteness as it reads B);
 * - mostly-zero A (a one-hot input) and B finite: i-k-j, skipping the zero terms, so a one-hot
 *   row costs one row of B (SIMD: `simdGemmSparseA`, a one-hot row written straight when rows
 *   of A have at most 32 elements);
 * - otherwise: register tiles of C held while p runs over the whole of k (SIMD: `simdGemmF32`,
 *   4×8 tiles; TypeScript: 4×4 tiles in 16 local variables).
 *
 * Skipping a term A[i,p] = 0 changes nothing when B is finite: the product is ±0, the running sum
 * starts at +0 and is never −0 (+0 + −0 = +0), and adding ±0 to it leaves it as it is.
 */
import type { DType } from '../dtype.js';
import { simdAllFinite, simdGemmF32, simdGemmKIJ, simdGemmKIJOneHot, simdGemmSparseA } from './matmul.js';
import { packPanels, simdGemmTiles64 } from './gemm-tiles64.js';

/** Rounds a product or a partial sum to the precision of the output dtype. */
type Round = (x: number) => number;
/** float64 and int32 sums: a double needs no rounding (int32 results wrap when stored). */
const unrounded: Round = (x) => x;

/** Below this many multiply-adds the plain triple loop is as fast: `fastGemm` declines. */
const MIN_WORK = 64;

/**
 * C[n×m] (contiguous at oc) = A[n×k] · B[k×m], both strided, with matmul's summation rule:
 * `float64Sums` (float64 sums rounded once) or, for float32, every product and partial sum
 * rounded to float32 in order p = 0 … k−1. Returns false (nothing written) when no fast path
 * applies: the caller then runs the plain loop.
 * @example fastGemm('float32', false, 8, 8, 8, a, 0, 8, 1, b, 0, 8, 1, c, 0) // true: c = a·b
 */
export function fastGemm(
  dtype: DType, float64Sums: boolean, n: number, k: number, m: number,
  A: ArrayLike<number>, oa: number, as0: number, as1: number,
  B: ArrayLike<number>, ob: number, bs0: number, bs1: number,
  C: { [i: number]: number }, oc: number,
): boolean {
  if (n * m * k < MIN_WORK) return false;
  if (float64Sums && packedDoubles(n, k, m) <= MAX_PACKED_DOUBLES) {
    if (!simdGemmTiles64(n, k, m, A, oa, as0, as1, B, ob, bs0, bs1, C, oc)) gemmTiles64(n, k, m, A, oa, as0, as1, B, ob, bs0, bs1, C, oc);
    return true;
  }
  const long = float64Sums;
  const sparse = !long && mostlyZero(A, oa, as0, as1, n, k);
  // a dense float32 product in SIMD reads B through its strides (packed once)
  if (!long && !sparse && dtype === 'float32' && simdGemmF32(n, k, m, A, oa, as0, as1, B, ob, bs0, bs1, C, oc)) return true;
  // B with unit column stride, so the innermost loops stream memory (a copy only when needed)
  let Bc = B, obc = ob, brow = bs0;
  if (bs1 !== 1 && m > 1) {
    if (bCopy.length < k * m) bCopy = new Float64Array(Math.max(k * m, 2 * bCopy.length));
    const copy = bCopy;
    for (let p = 0; p < k; p++) for (let j = 0; j < m; j++) copy[p * m + j] = B[ob + p * bs0 + j * bs1];
    Bc = copy; obc = 0; brow = m;
  }
  // the lecture's backward xencᵀ · G: B checked by the kernel as it reads it (false when B is not finite)
  if (long && simdGemmKIJOneHot(n, k, m, A, oa, as0, as1, Bc, obc, brow, C, oc)) return true;
  // zero terms may be skipped only when B is finite (0·inf is NaN); a dense product needs no check
  const finite = (long || sparse) && allFinite(k, m, Bc, obc, brow);
  if (long) {
    if (!(finite && simdGemmKIJ(n, k, m, A, oa, as0, as1, Bc, obc, brow, C, oc))) gemmKIJ(n, k, m, A, oa, as0, as1, Bc, obc, brow, C, oc, finite);
    return true;
  }
  const round = dtype === 'float32' ? Math.fround : unrounded;
  if (sparse && finite) {
    if (!(dtype === 'float32' && simdGemmSparseA(n, k, m, A, oa, as0, as1, Bc, obc, brow, C, oc))) gemmSparseA(n, k, m, A, oa, as0, as1, Bc, obc, brow, C, oc, round);
    return true;
  }
  gemmBlocked(n, k, m, A, oa, as0, as1, Bc, obc, brow, C, oc, round); // (the SIMD kernel declined above)
  return true;
}

/** fastGemm's copy of a strided B, reused from call to call (grown when needed): only the call that fills it reads it. */
let bCopy = new Float64Array(0);

/** Whether the k×m block of B (unit column stride, `brow` per row) holds no inf or NaN: checked in SIMD when B is in the arena. */
function allFinite(k: number, m: number, B: ArrayLike<number>, ob: number, brow: number): boolean {
  const simd = brow === m ? simdAllFinite(B, ob, k * m) : null;
  if (simd !== null) return simd;
  for (let p = 0; p < k; p++) {
    for (let j = 0, b = ob + p * brow; j < m; j++, b++) if (B[b] - B[b] !== 0) return false; // inf or NaN
  }
  return true;
}

/**
 * True when more than half of the n×k strided block is zero (sampled: at most ~1024 elements; the
 * answer only picks a loop, every loop gives the same bits). The count stops as soon as the
 * samples' non-zeros reach half of them (a dense A: about half the samples read), with the answer
 * the whole count would give.
 */
function mostlyZero(A: ArrayLike<number>, oa: number, as0: number, as1: number, n: number, k: number): boolean {
  const stepI = Math.max(1, Math.floor(n / 32)), stepP = Math.max(1, Math.floor(k / 32));
  const total = Math.ceil(n / stepI) * Math.ceil(k / stepP);
  let nonZeros = 0;
  for (let i = 0; i < n; i += stepI) {
    for (let p = 0; p < k; p += stepP) if (A[oa + i * as0 + p * as1] !== 0 && ++nonZeros * 2 >= total) return false;
  }
  return nonZeros * 2 < total;
}

/** The most doubles `gemmTiles64` packs (A's and B's panels): 2 MiB; a longer k takes the k-i-j loop. */
const MAX_PACKED_DOUBLES = 1 << 18;

/** Doubles of `gemmTiles64`'s packed panels: n and m rounded up to multiples of 4, times k. */
function packedDoubles(n: number, k: number, m: number): number {
  return (((n + 3) & ~3) + ((m + 3) & ~3)) * k;
}

/** The panels of `gemmTiles64`, reused from call to call (grown when needed; nothing else holds them). */
let panels = new Float64Array(0);

/**
 * float64 sums for a moderate k, in 4×4 register tiles (SIMD: `simdGemmTiles64`): each C[i,j] is `acc = acc + A[i,p]·B[p,j]`
 * in a double from +0, p = 0 … k−1, rounded once when stored: gemmKIJ's sums, term by term. A is
 * packed into panels of 4 rows and B into panels of 4 columns (`Ap[(ib·k + p)·4 + r] = A[4ib + r, p]`,
 * `Bp[(jb·k + p)·4 + c] = B[p, 4jb + c]`), both strided on input; rows and columns past n and m
 * are padded with zeros, their sums computed and never stored, so a partial tile needs no other loop.
 */
function gemmTiles64(n: number, k: number, m: number, A: ArrayLike<number>, oa: number, as0: number, as1: number, B: ArrayLike<number>, ob: number, bs0: number, bs1: number, C: { [i: number]: number }, oc: number): void {
  const nb = (n + 3) >> 2, mb = (m + 3) >> 2;
  const size = (nb + mb) * 4 * k;
  if (panels.length < size) panels = new Float64Array(Math.max(size, 2 * panels.length));
  const P = panels, bBase = nb * 4 * k;
  packPanels(P, 0, n, k, A, oa, as0, as1);
  packPanels(P, bBase, m, k, B, ob, bs1, bs0);
  for (let ib = 0; ib < nb; ib++) {
    const pa = ib * 4 * k, i = 4 * ib;
    for (let jb = 0; jb < mb; jb++) {
      const j = 4 * jb;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0, qa = pa, qb = bBase + jb * 4 * k; p < k; p++, qa += 4, qb += 4) {
        const x0 = P[qa], x1 = P[qa + 1], x2 = P[qa + 2], x3 = P[qa + 3];
        const b0 = P[qb], b1 = P[qb + 1], b2 = P[qb + 2], b3 = P[qb + 3];
        c00 += x0 * b0; c01 += x0 * b1; c02 += x0 * b2; c03 += x0 * b3;
        c10 += x1 * b0; c11 += x1 * b1; c12 += x1 * b2; c13 += x1 * b3;
        c20 += x2 * b0; c21 += x2 * b1; c22 += x2 * b2; c23 += x2 * b3;
        c30 += x3 * b0; c31 += x3 * b1; c32 += x3 * b2; c33 += x3 * b3;
      }
      storeTile(C, oc + i * m + j, m, n - i, m - j, c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33);
    }
  }
}

/** Store the part of a 4×4 tile that lies inside C (`rows`, `cols` ≥ 1 left from its corner `c`). */
function storeTile(C: { [i: number]: number }, c: number, m: number, rows: number, cols: number,
  c00: number, c01: number, c02: number, c03: number, c10: number, c11: number, c12: number, c13: number,
  c20: number, c21: number, c22: number, c23: number, c30: number, c31: number, c32: number, c33: number): void {
  if (rows >= 4 && cols >= 4) {
    C[c] = c00; C[c + 1] = c01; C[c + 2] = c02; C[c + 3] = c03; c += m;
    C[c] = c10; C[c + 1] = c11; C[c + 2] = c12; C[c + 3] = c13; c += m;
    C[c] = c20; C[c + 1] = c21; C[c + 2] = c22; C[c + 3] = c23; c += m;
    C[c] = c30; C[c + 1] = c31; C[c + 2] = c32; C[c + 3] = c33;
    return;
  }
  const t = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let r = 0; r < Math.min(rows, 4); r++) for (let q = 0; q < Math.min(cols, 4); q++) C[c + r * m + q] = t[4 * r + q];
}

/** k-i-j in float64, C small and k long; zero terms of A are skipped when B is finite. */
function gemmKIJ(n: number, k: number, m: number, A: ArrayLike<number>, oa: number, as0: number, as1: number, Bc: ArrayLike<number>, ob: number, brow: number, C: { [i: number]: number }, oc: number, skipZeros: boolean): void {
  const acc = new Float64Array(n * m);
  for (let p = 0; p < k; p++) {
    const bp = ob + p * brow;
    for (let i = 0, a = oa + p * as1; i < n; i++, a += as0) {
      const av = A[a];
      if (av === 0 && skipZeros) continue;
      const ci = i * m;
      for (let j = 0; j < m; j++) acc[ci + j] += av * Bc[bp + j];
    }
  }
  for (let i = 0; i < n * m; i++) C[oc + i] = acc[i];
}

/** i-k-j skipping zeros (B finite): one row of C accumulates the rows of B that A selects. */
function gemmSparseA(n: number, k: number, m: number, A: ArrayLike<number>, oa: number, as0: number, as1: number, Bc: ArrayLike<number>, ob: number, brow: number, C: { [i: number]: number }, oc: number, round: Round): void {
  const row = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    row.fill(0);
    for (let p = 0, a = oa + i * as0; p < k; p++, a += as1) {
      const av = A[a];
      if (av === 0) continue;
      for (let j = 0, bp = ob + p * brow; j < m; j++) row[j] = round(row[j] + round(av * Bc[bp + j]));
    }
    const ci = oc + i * m;
    for (let j = 0; j < m; j++) C[ci + j] = row[j];
  }
}

/** Register-blocked: 4×4 tiles of C accumulated in locals over p; B packed in 4-column panels. */
function gemmBlocked(n: number, k: number, m: number, A: ArrayLike<number>, oa: number, as0: number, as1: number, Bc: ArrayLike<number>, ob: number, brow: number, C: { [i: number]: number }, oc: number, round: Round): void {
  const m4 = m - (m % 4), n4 = n - (n % 4);
  // panel jb holds columns 4jb … 4jb+3, row by row: Bp[(jb·k + p)·4 + c] = B[p, 4jb + c]
  const Bp = new Float64Array(m4 * k);
  for (let jb = 0; jb < m4 / 4; jb++) {
    for (let p = 0; p < k; p++) {
      const d = (jb * k + p) * 4, s = ob + p * brow + jb * 4;
      Bp[d] = Bc[s]; Bp[d + 1] = Bc[s + 1]; Bp[d + 2] = Bc[s + 2]; Bp[d + 3] = Bc[s + 3];
    }
  }
  const r = round;
  for (let i = 0; i < n4; i += 4) {
    const a0 = oa + i * as0, a1 = a0 + as0, a2 = a1 + as0, a3 = a2 + as0;
    for (let j = 0; j < m4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0, q = j * k, ap = 0; p < k; p++, q += 4, ap += as1) {
        const b0 = Bp[q], b1 = Bp[q + 1], b2 = Bp[q + 2], b3 = Bp[q + 3];
        const x0 = A[a0 + ap], x1 = A[a1 + ap], x2 = A[a2 + ap], x3 = A[a3 + ap];
        c00 = r(c00 + r(x0 * b0)); c01 = r(c01 + r(x0 * b1)); c02 = r(c02 + r(x0 * b2)); c03 = r(c03 + r(x0 * b3));
        c10 = r(c10 + r(x1 * b0)); c11 = r(c11 + r(x1 * b1)); c12 = r(c12 + r(x1 * b2)); c13 = r(c13 + r(x1 * b3));
        c20 = r(c20 + r(x2 * b0)); c21 = r(c21 + r(x2 * b1)); c22 = r(c22 + r(x2 * b2)); c23 = r(c23 + r(x2 * b3));
        c30 = r(c30 + r(x3 * b0)); c31 = r(c31 + r(x3 * b1)); c32 = r(c32 + r(x3 * b2)); c33 = r(c33 + r(x3 * b3));
      }
      let c = oc + i * m + j;
      C[c] = c00; C[c + 1] = c01; C[c + 2] = c02; C[c + 3] = c03; c += m;
      C[c] = c10; C[c + 1] = c11; C[c + 2] = c12; C[c + 3] = c13; c += m;
      C[c] = c20; C[c + 1] = c21; C[c + 2] = c22; C[c + 3] = c23; c += m;
      C[c] = c30; C[c + 1] = c31; C[c + 2] = c32; C[c + 3] = c33;
    }
    if (m4 < m) dotRange(i, i + 4, m4, m, k, m, A, oa, as0, as1, Bc, ob, brow, C, oc, round);
  }
  if (n4 < n) dotRange(n4, n, 0, m, k, m, A, oa, as0, as1, Bc, ob, brow, C, oc, round);
}

/** The leftover rows/columns of the blocked kernel, one element at a time (same p order). */
function dotRange(i0: number, i1: number, j0: number, j1: number, k: number, m: number, A: ArrayLike<number>, oa: number, as0: number, as1: number, Bc: ArrayLike<number>, ob: number, brow: number, C: { [i: number]: number }, oc: number, round: Round): void {
  for (let i = i0; i < i1; i++) {
    for (let j = j0; j < j1; j++) {
      let acc = 0;
      for (let p = 0, a = oa + i * as0; p < k; p++, a += as1) acc = round(acc + round(A[a] * Bc[ob + p * brow + j]));
      C[oc + i * m + j] = acc;
    }
  }
}
