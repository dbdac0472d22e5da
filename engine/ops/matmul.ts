/**
 * Matrix product with PyTorch's rules:
 * - 1-D · 1-D: dot product (0-d);
 * - 2-D · 2-D: matrix product;
 * - 1-D · 2-D / 2-D · 1-D: the vector is treated as a row / column, then that dim is removed;
 * - ≥3-D: a batch of matrix products; batch dims broadcast (a 1-D operand is promoted as above).
 *
 * The kernel reads both operands through their strides (a transposed view costs nothing) and
 * picks a loop order that streams memory. What each element of C is, bit for bit, depends only
 * on the dtype and the shape, never on which loop (TypeScript or SIMD) computes it:
 * - float32, in general: `acc = fl(acc + fl(a·b))` from +0 in order p = 0 … k−1, each multiply and
 *   add rounded to float32 (no fused multiply-add), as a BLAS sgemm accumulates (PyTorch's
 *   matmul is within float32 rounding of it, in another order);
 * - a long shared dimension and a small C (`k > 4n`, `n·m ≤ 4096`: the lecture's backward
 *   xencᵀ · G with k = 228,146, or a row vector times a matrix of k > 4 rows and m ≤ 4096
 *   columns): the sum is kept in float64 and rounded once, so its error does not grow with k;
 * - float64 and int32: float64 sums (an int32 result is stored modulo 2³²).
 */
import { Tensor } from '../tensor.js';
import { promoteTypes, type DType } from '../dtype.js';
import { broadcastShapesFor, expandStrides, formatShape } from '../shape.js';
import { Storage } from '../storage.js';
import { record } from '../autograd/node.js';
import { noGrad } from '../autograd/grad-mode.js';
import { fastGemm } from '../fast/gemm.js';
import { float32MatmulOrder, sgemmX86 } from './matmul-order.js';
import { rowwise } from '../fast/table-rows.js';
import { oneHotTransposedProduct } from '../fast/one-hot-table-matmul.js';

/**
 * `a @ b` (see the file comment for the rank rules).
 * @example matmul(tensor([[1, 2]]), tensor([[3], [4]])) // tensor([[11]])
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (!(a instanceof Tensor) || !(b instanceof Tensor)) throw new TypeError('matmul: both operands must be Tensors');
  if (a.ndim === 0 || b.ndim === 0) {
    throw new RangeError(`matmul: both arguments need at least 1 dimension, but got ${a.ndim}D and ${b.ndim}D tensors (shapes ${formatShape(a.shape)} and ${formatShape(b.shape)})`);
  }
  if (a.ndim === 1 && b.ndim === 1) {
    if (a.shape[0] !== b.shape[0]) {
      throw new RangeError(`matmul: inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`);
    }
    // DotBackward0 (PyTorch's name): d(a·b)/da = b, d(a·b)/db = a  →  grad_a = g·b, grad_b = g·a
    const res = noGrad(() => batched(a.unsqueeze(0), b.unsqueeze(1)));
    return record(new Tensor(res.storage, []), 'DotBackward0', [a, b], (g) => [
      a.requiresGrad ? g.mul(b) : null,
      b.requiresGrad ? g.mul(a) : null,
    ], [a, b]);
  }
  if (a.ndim === 2 && b.ndim === 1) {
    // MvBackward0: d(A·v)/dA = outer product, d(A·v)/dv = Aᵀ  →  grad_A = g ⊗ v, grad_v = Aᵀ·g
    const res = noGrad(() => batched(a, b.unsqueeze(1)));
    return record(new Tensor(res.storage, [a.shape[0]]), 'MvBackward0', [a, b], (g) => [
      a.requiresGrad ? g.unsqueeze(1).mul(b.unsqueeze(0)) : null,
      b.requiresGrad ? a.transpose(0, 1).matmul(g) : null,
    ], [a, b]);
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
  if (a.dtype !== b.dtype) {
    throw new TypeError(`matmul: expected both operands to have the same dtype, but got ${a.dtype} and ${b.dtype} (convert with .float())`);
  }
  const dtype = promoteTypes(a.dtype, b.dtype);
  const batchA = a.shape.slice(0, -2), batchB = b.shape.slice(0, -2);
  const batch = broadcastShapesFor('matmul (batch dimensions)', [batchA, batchB]);
  const nb = batch.reduce((p, d) => p * d, 1);
  const outShape = [...batch, n, m];
  const f64 = float64Sums(n, k, m);
  const fromTables = a.ndim === 2 && b.ndim === 2 ? tableProduct(a, b, dtype, f64) : null;
  if (fromTables !== null) return recordMm(fromTables, a, b);
  const out = Storage.allocUnfilled(dtype, nb * n * m); // every element is written (also when k = 0: see gemm)
  const sa = expandStrides(batchA, a.strides.slice(0, -2), batch);
  const sb = expandStrides(batchB, b.strides.slice(0, -2), batch);
  const counter = new Array<number>(batch.length).fill(0);
  for (let t = 0; t < nb; t++) {
    let oa = a.offset, ob = b.offset;
    for (let d = 0; d < batch.length; d++) {
      oa += counter[d] * sa[d];
      ob += counter[d] * sb[d];
    }
    gemm(dtype, f64, n, k, m, a.storage.data, oa, a.strides[a.ndim - 2], a.strides[a.ndim - 1], b.storage.data, ob, b.strides[b.ndim - 2], b.strides[b.ndim - 1], out.data, t * n * m);
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++counter[d] < batch[d]) break;
      counter[d] = 0;
    }
  }
  return recordMm(new Tensor(out, outShape), a, b);
}

/**
 * Record `a @ b`'s node on its result. C = A·B, C[i,j] = Σ_p A[i,p]·B[p,j], so
 * ∂C[i,j]/∂A[i,p] = B[p,j] and ∂C[i,j]/∂B[p,j] = A[i,p]  →  grad_A = G·Bᵀ, grad_B = Aᵀ·G (a batch:
 * per matrix, then summed over broadcast batch dims by the engine).
 */
function recordMm(result: Tensor, a: Tensor, b: Tensor): Tensor {
  return record(result, a.ndim === 2 && b.ndim === 2 ? 'MmBackward0' : 'BmmBackward0', [a, b], (g) => [
    a.requiresGrad ? g.matmul(b.transpose(-1, -2)) : null,
    b.requiresGrad ? a.transpose(-1, -2).matmul(g) : null,
  ], [a, b]);
}

/**
 * `a @ b` (2-D) from table rows (fast/table-rows.ts), or null: when a is table rows, the table
 * times b, as table rows (each row of a product depends only on the same row of a, with the
 * sums of the full product's shape, `f64`); when a is the transpose of a one-hot table (`xencᵀ`)
 * and b table rows (the softmax's gradient), the one-hot sums (fast/one-hot-table-matmul.ts).
 * Not with PyTorch's x86 sgemm order, whose sums depend on a row's position.
 */
function tableProduct(a: Tensor, b: Tensor, dtype: DType, f64: boolean): Tensor | null {
  if (float32MatmulOrder() === 'sgemm-x86' && dtype === 'float32') return null;
  const m = b.shape[1], k = a.shape[1];
  const rows = rowwise(a, (t) => {
    const r = t.shape[0], out = Storage.allocUnfilled(dtype, r * m);
    gemm(dtype, f64, r, k, m, t.storage.data, 0, t.strides[0], t.strides[1], b.storage.data, b.offset, b.strides[0], b.strides[1], out.data, 0);
    return new Tensor(out, [r, m]);
  });
  if (rows !== null || dtype !== 'float32') return rows;
  return oneHotTransposedProduct(a, b, f64);
}

/**
 * Whether a float32 matmul keeps its sums in float64 and rounds once (see the file comment): a
 * long shared dimension and a small C (`k > 4n`, `n·m ≤ 4096`), so that the error does not grow
 * with k. (float64 and int32 sums are doubles whatever this says.)
 */
function float64Sums(n: number, k: number, m: number): boolean {
  return n * m <= 4096 && k > 4 * n;
}

/**
 * C[n×m] (contiguous at oc) = A[n×k] · B[k×m], both strided, with the sums of the file comment:
 * a fast path (`fast/gemm.ts`: blocked loops and SIMD kernels, the same bits) or the plain loop.
 */
function gemm(
  dtype: DType, f64: boolean, n: number, k: number, m: number,
  A: ArrayLike<number>, oa: number, as0: number, as1: number,
  B: ArrayLike<number>, ob: number, bs0: number, bs1: number,
  C: { [i: number]: number }, oc: number,
): void {
  if (dtype === 'float32' && float32MatmulOrder() === 'sgemm-x86') return sgemmX86(n, k, m, A, oa, as0, as1, B, ob, bs0, bs1, C, oc); // opt-in (matmul-order.ts)
  fastGemm(dtype, f64, n, k, m, A, oa, as0, as1, B, ob, bs0, bs1, C, oc) || plainGemm(dtype, f64, n, k, m, A, oa, as0, as1, B, ob, bs0, bs1, C, oc);
}

/**
 * The reference loop of matmul: C[i,j] = Σ_p A[i,p]·B[p,j], p = 0 … k−1 from +0. In float32 each
 * product and each partial sum is rounded to float32 (no fused multiply-add), unless `float64Sums`:
 * then the sum is kept in a double and rounded once, when stored. float64 sums need no rounding;
 * int32 results wrap modulo 2³² when stored. Every fast path computes exactly these values.
 * @example plainGemm('float32', false, 1, 2, 1, [1, 2], 0, 2, 1, [3, 4], 0, 1, 1, c, 0) // c[0] = 11
 */
export function plainGemm(
  dtype: DType, float64Sums: boolean, n: number, k: number, m: number,
  A: ArrayLike<number>, oa: number, as0: number, as1: number,
  B: ArrayLike<number>, ob: number, bs0: number, bs1: number,
  C: { [i: number]: number }, oc: number,
): true {
  const round = dtype === 'float32' && !float64Sums ? Math.fround : (x: number) => x;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) acc = round(acc + round(A[oa + i * as0 + p * as1] * B[ob + p * bs0 + j * bs1]));
      C[oc + i * m + j] = acc;
    }
  }
  return true;
}
