/**
 * Matrix product with PyTorch's rules:
 * - 1-D · 1-D: dot product (0-d);
 * - 2-D · 2-D: matrix product;
 * - 1-D · 2-D / 2-D · 1-D: the vector is treated as a row / column, then that dim is removed;
 * - ≥3-D: a batch of matrix products; batch dims broadcast (a 1-D operand is promoted as above).
 *
 * The kernel reads both operands through their strides (a transposed view costs nothing),
 * accumulates in float64 and picks a loop order that streams memory: i-k-j (row of A times
 * rows of B, added into a row of C) in general, and k-i-j when C is small and the shared
 * dimension is long (the lecture's backward: xencᵀ · G with k = 228,146). Zeros in A are
 * skipped when B holds only finite values (one-hot inputs cost one row of B per row).
 */
import { Tensor } from '../tensor.js';
import { isFloating, promoteTypes } from '../dtype.js';
import { broadcastShapesFor, expandStrides, formatShape } from '../shape.js';
import { Storage } from '../storage.js';
import { record } from '../autograd/node.js';

/** `a @ b` (see the file comment for the rank rules). */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (!(a instanceof Tensor) || !(b instanceof Tensor)) throw new TypeError('matmul: both operands must be Tensors');
  if (a.ndim === 0 || b.ndim === 0) {
    throw new RangeError(`matmul: both arguments need at least 1 dimension, but got ${a.ndim}D and ${b.ndim}D tensors (shapes ${formatShape(a.shape)} and ${formatShape(b.shape)})`);
  }
  if (a.ndim === 1 && b.ndim === 1) {
    if (a.shape[0] !== b.shape[0]) {
      throw new RangeError(`matmul: inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`);
    }
    return batched(a.unsqueeze(0), b.unsqueeze(1)).reshape([]);
  }
  if (a.ndim === 1) return batched(a.unsqueeze(0), b).squeeze(-2);
  if (b.ndim === 1) return batched(a, b.unsqueeze(1)).squeeze(-1);
  return batched(a, b);
}

/**
 * [..., n, k] @ [..., k, m] → [...batch, n, m], batch dims broadcast.
 * dA = G · Bᵀ, dB = Aᵀ · G (each then summed over broadcast batch dims by the engine).
 */
function batched(a: Tensor, b: Tensor): Tensor {
  const n = a.shape[a.ndim - 2], k = a.shape[a.ndim - 1];
  const k2 = b.shape[b.ndim - 2], m = b.shape[b.ndim - 1];
  if (k !== k2) {
    const pa = a.ndim === 2 ? `${n}x${k}` : formatShape(a.shape);
    const pb = b.ndim === 2 ? `${k2}x${m}` : formatShape(b.shape);
    throw new RangeError(`mat1 and mat2 shapes cannot be multiplied (${pa} and ${pb}): the inner sizes ${k} and ${k2} differ`);
  }
  if (a.dtype === 'bool' || b.dtype === 'bool') throw new TypeError('matmul: not implemented for bool tensors');
  if (a.dtype !== b.dtype && !(isFloating(a.dtype) && isFloating(b.dtype) === false) && isFloating(a.dtype) !== isFloating(b.dtype)) {
    throw new TypeError(`matmul: expected both operands to have the same dtype, but got ${a.dtype} and ${b.dtype} (convert with .float())`);
  }
  const dtype = promoteTypes(a.dtype, b.dtype);
  const batchA = a.shape.slice(0, -2), batchB = b.shape.slice(0, -2);
  const batch = broadcastShapesFor('matmul (batch dimensions)', [batchA, batchB]);
  const nb = batch.reduce((p, d) => p * d, 1);
  const outShape = [...batch, n, m];
  const out = Storage.alloc(dtype, nb * n * m);
  const sa = expandStrides(batchA, a.strides.slice(0, -2), batch);
  const sb = expandStrides(batchB, b.strides.slice(0, -2), batch);
  const counter = new Array<number>(batch.length).fill(0);
  for (let t = 0; t < nb; t++) {
    let oa = a.offset, ob = b.offset;
    for (let d = 0; d < batch.length; d++) {
      oa += counter[d] * sa[d];
      ob += counter[d] * sb[d];
    }
    gemm(n, k, m, a.storage.data, oa, a.strides[a.ndim - 2], a.strides[a.ndim - 1], b.storage.data, ob, b.strides[b.ndim - 2], b.strides[b.ndim - 1], out.data, t * n * m);
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++counter[d] < batch[d]) break;
      counter[d] = 0;
    }
  }
  const result = new Tensor(out, outShape);
  return record(result, a.ndim === 2 && b.ndim === 2 ? 'MmBackward0' : 'BmmBackward0', [a, b], (g) => [
    a.requiresGrad ? g.matmul(b.transpose(-1, -2)) : null,
    b.requiresGrad ? a.transpose(-1, -2).matmul(g) : null,
  ], [a, b]);
}

/** True when every element of the strided k×m block is finite. */
function allFinite(B: ArrayLike<number>, ob: number, bs0: number, bs1: number, k: number, m: number): boolean {
  for (let p = 0; p < k; p++) for (let j = 0; j < m; j++) if (!Number.isFinite(B[ob + p * bs0 + j * bs1])) return false;
  return true;
}

/** C[n×m] (contiguous at oc) = A[n×k] · B[k×m], both strided. */
function gemm(
  n: number, k: number, m: number,
  A: ArrayLike<number>, oa: number, as0: number, as1: number,
  B: ArrayLike<number>, ob: number, bs0: number, bs1: number,
  C: { [i: number]: number }, oc: number,
): void {
  if (n === 0 || m === 0) return;
  // B with unit column stride, so the innermost loop streams memory
  let Bc = B, obc = ob, brow = bs0;
  if (bs1 !== 1 && m > 1) {
    const copy = new Float64Array(k * m);
    for (let p = 0; p < k; p++) for (let j = 0; j < m; j++) copy[p * m + j] = B[ob + p * bs0 + j * bs1];
    Bc = copy; obc = 0; brow = m;
  }
  const skipZeros = allFinite(Bc, obc, brow, 1, k, m);
  if (n * m <= 4096 && k > 4 * n) {
    // k-i-j: the whole of C stays in cache while A's columns and B's rows stream past
    const acc = new Float64Array(n * m);
    for (let p = 0; p < k; p++) {
      const bp = obc + p * brow;
      for (let i = 0; i < n; i++) {
        const av = A[oa + i * as0 + p * as1];
        if (av === 0 && skipZeros) continue;
        const ci = i * m;
        for (let j = 0; j < m; j++) acc[ci + j] += av * Bc[bp + j];
      }
    }
    for (let i = 0; i < n * m; i++) C[oc + i] = acc[i];
    return;
  }
  // i-k-j: one row of C accumulates rows of B scaled by A[i, p]
  const row = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    row.fill(0);
    const ai = oa + i * as0;
    for (let p = 0; p < k; p++) {
      const av = A[ai + p * as1];
      if (av === 0 && skipZeros) continue;
      const bp = obc + p * brow;
      for (let j = 0; j < m; j++) row[j] += av * Bc[bp + j];
    }
    const ci = oc + i * m;
    for (let j = 0; j < m; j++) C[ci + j] = row[j];
  }
}
