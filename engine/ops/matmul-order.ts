/**
 * The float32 summation order of PyTorch 1.13.1's `mm` on x86, bit for bit: an opt-in building
 * block for reproducing PyTorch's MLP run (docs/mlp.md, "Why they drift"). The engine's
 * `matmul` (`matmul.ts`) keeps its own rule unless `setFloat32MatmulOrder('sgemm-x86')` selects
 * this one (then every float32 matmul, the backward's included, sums this way).
 *
 * Debian's PyTorch calls OpenBLAS `sgemm` (0.3.21, DYNAMIC_ARCH; on AVX2 + FMA AMD cores the
 * "Zen" kernel `sgemm_kernel_8x4_haswell_2.c`). PyTorch passes the row-major product as the
 * column-major `Cᵀ = Bᵀ·Aᵀ`, so the kernel's M runs along C's columns and its N along C's rows.
 * Every element of C is a float32 fused multiply-add chain from +0:
 *
 *     acc = fma(A[i,p], B[p,j], acc)   for p = 0 … k−1
 *
 * except in the tiles whose loop is unrolled by two into two register sets. There the even and the
 * odd p of the first 8·⌊k/8⌋ accumulate separately, the remaining p continue the even chain, and
 * the result is `fl(even + odd)`. Which elements those are follows from how the driver and the
 * kernel tile C ({@link sgemmX86TwoChains}). `beta = 0` zeroes C first, and the kernel stores
 * `fma(1, acc, 0) = acc`.
 *
 * A shared dimension longer than 320 is summed in passes ({@link depthPasses}), each added to C.
 *
 * Proved against torch.mm on this machine for the step's six products and other shapes up to
 * 100×256 · 256×300 (`scripts/x86_float32_ops.py`); the spec replays PyTorch's recorded results
 * (`spec/fixtures/mlp/sgemm-x86.json`); longer shared dimensions (k up to 20,000, 27×k · k×27)
 * in spec/tensor/differential-audit.spec.ts. Products with more than 300 columns may be blocked
 * differently by the driver and are not covered.
 *
 * @module
 */
import { Tensor } from '../tensor.js';
import { Storage } from '../storage.js';
import { formatShape } from '../shape.js';
import { fma32 } from '../random/fma32.js';

/** How float32 matmul sums: the engine's rule (`matmul.ts`, the default) or PyTorch 1.13.1's on x86. */
export type Float32MatmulOrder = 'engine' | 'sgemm-x86';

let current: Float32MatmulOrder = 'engine';

/**
 * Select how every float32 matmul sums from now on: `'engine'` (the default: see `matmul.ts`) or
 * `'sgemm-x86'` (PyTorch 1.13.1's order on x86, this file). Returns the previous setting, so a
 * caller can restore it.
 *
 * @example
 * ```ts
 * const previous = setFloat32MatmulOrder('sgemm-x86');
 * try { trainStep(p, data.train, 32, 0.1, g); } finally { setFloat32MatmulOrder(previous); }
 * ```
 */
export function setFloat32MatmulOrder(order: Float32MatmulOrder): Float32MatmulOrder {
  if (order !== 'engine' && order !== 'sgemm-x86') {
    throw new RangeError(`setFloat32MatmulOrder: order must be 'engine' or 'sgemm-x86', got ${String(order)}`);
  }
  const previous = current;
  current = order;
  return previous;
}

/**
 * The float32 matmul order in effect ({@link setFloat32MatmulOrder}).
 * @example float32MatmulOrder() // 'engine'
 */
export function float32MatmulOrder(): Float32MatmulOrder {
  return current;
}

/**
 * The driver's split of C's rows (BLAS N) into kernel calls: 12 while at least 12 remain, then 4
 * while more than 4 remain, then the rest (OpenBLAS level3.c with GEMM_UNROLL_N = 4).
 */
function rowChunks(rows: number): [start: number, size: number][] {
  const out: [number, number][] = [];
  for (let j = 0; j < rows;) {
    const r = rows - j;
    const c = r >= 12 ? 12 : r > 4 ? 4 : r;
    out.push([j, c]);
    j += c;
  }
  return out;
}

/**
 * Which elements of an `n × m` float32 product OpenBLAS's Zen kernel sums in two chains (even and
 * odd p), as a row-major `n·m` mask (1 = two chains). C's columns are the kernel's M, in tiles of
 * 8 (16 for the paired tiles); C's rows come in chunks of 12, 4 or fewer:
 * - a chunk of 4 rows: the m8n4 tiles (every full group of 8 columns) use two chains;
 * - a chunk of 12 rows with m ≥ 16: the kernel walks the 8-column groups with m8n6 tiles at both
 *   ends (two chains) and leapfrogging m16n6 tiles (one chain) between them: columns 0–7 of the
 *   first 6 rows, and the last group's other half (see the loop);
 * - everything else (12 rows with m < 16, chunks of 1–3 rows, the column tails of 4, 2, 1): one chain.
 *
 * @example sgemmX86TwoChains(4, 8) // all ones: one m8n4 tile
 */
export function sgemmX86TwoChains(n: number, m: number): Uint8Array {
  const mask = new Uint8Array(n * m);
  const mark = (r0: number, r1: number, c0: number, c1: number) => {
    for (let r = r0; r < r1; r++) mask.fill(1, r * m + c0, r * m + c1);
  };
  for (const [j0, size] of rowChunks(n)) {
    if (size === 12 && m >= 16) {
      mark(j0, j0 + 6, 0, 8); // COMPUTE_H_m8n6: columns 0–7, left half of the chunk
      // m16n6 tiles alternate halves (R at p, L at p + 8, …) until fewer than 16 columns remain;
      // the last 8 columns then get the missing half from a COMPUTE_T_m8n6 tile (two chains)
      let p = 0, left = m;
      for (let right = true; ; right = !right) {
        p += 8;
        left -= 8;
        if (left < 16) {
          if (right) mark(j0, j0 + 6, p, p + 8); // T_m8n6(L)
          else mark(j0 + 6, j0 + 12, p, p + 8); // T_m8n6(R)
          break;
        }
      }
    } else if (size === 4) {
      mark(j0, j0 + 4, 0, Math.floor(m / 8) * 8); // COMPUTE_m8n4
    }
  }
  return mask;
}

/**
 * C[n×m] (contiguous at `oc`) = A[n×k] · B[k×m], both read through their strides, with the sums of
 * PyTorch 1.13.1's float32 `mm` on x86 (see the module comment). Operands must be float32 values.
 *
 * @example sgemmX86(1, 2, 1, [1, 2], 0, 2, 1, [3, 4], 0, 1, 1, c, 0) // c[0] = fma(2, 4, fma(1, 3, 0)) = 11
 */
export function sgemmX86(
  n: number, k: number, m: number,
  A: ArrayLike<number>, oa: number, as0: number, as1: number,
  B: ArrayLike<number>, ob: number, bs0: number, bs1: number,
  C: { [i: number]: number }, oc: number,
): void {
  const twoChains = sgemmX86TwoChains(n, m);
  const passes = depthPasses(k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const a0 = oa + i * as0, b0 = ob + j * bs1, two = twoChains[i * m + j] === 1;
      let c = 0;
      for (let q = 0; q < passes.length; q++) {
        const [p0, kc] = passes[q];
        const pass = kernelSum(A, a0 + p0 * as1, as1, B, b0 + p0 * bs0, bs0, kc, two);
        c = q === 0 ? pass : Math.fround(c + pass); // the kernel adds each pass to C
      }
      C[oc + i * m + j] = c;
    }
  }
}

/**
 * The driver's split of the shared dimension into passes of the kernel (OpenBLAS level3.c with
 * the Zen GEMM_Q = 320 and GEMM_UNROLL_M = 8): 320 while at least 640 remain, then half of the
 * rest rounded up to a multiple of 8 while more than 320 remain, then the rest. Each pass sums
 * from +0 and the kernel adds it to C (`C = fl(C + pass)`). Checked against torch.mm for
 * 27×k · k×27 with k up to 20,000 (spec/fixtures/differential-audit.json, `views.matmulLongK*`).
 *
 * @example depthPasses(1000) // [[0, 320], [320, 320], [640, 184], [824, 176]]
 */
export function depthPasses(k: number): [start: number, size: number][] {
  const Q = 320, UNROLL_M = 8, out: [number, number][] = [];
  for (let p = 0; p < k;) {
    let size = k - p;
    if (size >= 2 * Q) size = Q;
    else if (size > Q) size = Math.ceil(Math.floor(size / 2) / UNROLL_M) * UNROLL_M;
    out.push([p, size]);
    p += size;
  }
  return out;
}

/**
 * One pass of the kernel for one element of C: Σ A[a0 + p·as]·B[b0 + p·bs] over p < k as float32
 * fused multiply-adds from +0, in one chain or (`two`) even and odd p of the first 8·⌊k/8⌋ apart,
 * the rest continuing the even chain, then `fl(even + odd)` (see {@link sgemmX86TwoChains}).
 */
function kernelSum(A: ArrayLike<number>, a0: number, as: number, B: ArrayLike<number>, b0: number, bs: number, k: number, two: boolean): number {
  let even = 0;
  if (two) {
    const k8 = Math.floor(k / 8) * 8;
    let odd = 0;
    for (let p = 0; p < k8; p += 2) {
      even = fma32(A[a0 + p * as], B[b0 + p * bs], even);
      odd = fma32(A[a0 + (p + 1) * as], B[b0 + (p + 1) * bs], odd);
    }
    for (let p = k8; p < k; p++) even = fma32(A[a0 + p * as], B[b0 + p * bs], even);
    return Math.fround(even + odd);
  }
  for (let p = 0; p < k; p++) even = fma32(A[a0 + p * as], B[b0 + p * bs], even);
  return even;
}

/**
 * `a @ b` of two 2-D float32 tensors (any strides) with PyTorch 1.13.1's x86 summation order
 * ({@link sgemmX86}). Forward only: no gradient is recorded.
 *
 * @example mmSgemmX86(tensor([[1, 2]], { dtype: 'float32' }), tensor([[3], [4]], { dtype: 'float32' })) // tensor([[11.]])
 */
export function mmSgemmX86(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 2 || b.ndim !== 2 || a.dtype !== 'float32' || b.dtype !== 'float32') {
    throw new TypeError(`mmSgemmX86: expected two 2-D float32 tensors, got ${a.dtype} ${formatShape(a.shape)} and ${b.dtype} ${formatShape(b.shape)}`);
  }
  const [n, k] = a.shape, [k2, m] = b.shape;
  if (k !== k2) throw new RangeError(`mmSgemmX86: mat1 and mat2 shapes cannot be multiplied (${n}x${k} and ${k2}x${m})`);
  const out = Storage.allocUnfilled('float32', n * m);
  sgemmX86(n, k, m, a.storage.data, a.offset, a.strides[0], a.strides[1], b.storage.data, b.offset, b.strides[0], b.strides[1], out.data, 0);
  return new Tensor(out, [n, m]);
}
