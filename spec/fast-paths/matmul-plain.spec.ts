/**
 * matmul's plain triple loop (`plainGemm`, the reference implementation in engine/ops/matmul.ts)
 * gives the naive sums of the documented rule (spec/support/naive.ts, written independently), and
 * every fast path (`fastGemm`: k-i-j, float64 register tiles, one-hot i-k-j, register tiles, their SIMD kernels, with SIMD
 * on and off) gives the plain loop's bits: dense, mostly-zero and long-k operands, non-finite B,
 * strided A and B, float32, float64 and int32.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { plainGemm } from '../../engine/ops/matmul.js';
import { fastGemm } from '../../engine/fast/gemm.js';
import { setSimdEnabled } from '../../engine/index.js';
import { Generator } from '../../engine/random/generator.js';
import { naiveMatmulF32 } from '../support/naive.js';

afterEach(() => setSimdEnabled(true));

type DT = 'float32' | 'float64' | 'int32';
const arrayOf = (dtype: DT, n: number) => (dtype === 'float32' ? new Float32Array(n) : dtype === 'float64' ? new Float64Array(n) : new Int32Array(n));

/** A deterministic pseudo-random value stream (a small LCG: independent of the engine). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Case {
  dtype: DT; n: number; k: number; m: number;
  A: ArrayLike<number>; as0: number; as1: number;
  B: ArrayLike<number>; bs0: number; bs1: number;
}

function makeCase(seed: number, n: number, k: number, m: number, dtype: DT, opts: { sparse?: boolean; nonFinite?: boolean; transA?: boolean; transB?: boolean }): Case {
  const r = lcg(seed);
  const value = () => (dtype === 'int32' ? Math.floor(r() * 21) - 10 : (r() - 0.5) * 8);
  const A = arrayOf(dtype, n * k), B = arrayOf(dtype, k * m);
  for (let i = 0; i < A.length; i++) A[i] = opts.sparse && r() < 0.9 ? 0 : value();
  for (let i = 0; i < B.length; i++) B[i] = value();
  if (opts.nonFinite && dtype !== 'int32') B[Math.floor(r() * B.length)] = r() < 0.5 ? Infinity : NaN;
  // a transposed layout stores the same logical matrix column by column
  const [as0, as1] = opts.transA ? [1, n] : [k, 1];
  const [bs0, bs1] = opts.transB ? [1, k] : [m, 1];
  const At = arrayOf(dtype, n * k), Bt = arrayOf(dtype, k * m);
  for (let i = 0; i < n; i++) for (let p = 0; p < k; p++) At[i * as0 + p * as1] = A[i * k + p];
  for (let p = 0; p < k; p++) for (let j = 0; j < m; j++) Bt[p * bs0 + j * bs1] = B[p * m + j];
  return { dtype, n, k, m, A: At, as0, as1, B: Bt, bs0, bs1 };
}

const float64Sums = (c: Case) => c.n * c.m <= 4096 && c.k > 4 * c.n; // the rule of ops/matmul.ts

function runPlain(c: Case): ArrayLike<number> {
  const C = arrayOf(c.dtype, c.n * c.m);
  plainGemm(c.dtype, float64Sums(c), c.n, c.k, c.m, c.A, 0, c.as0, c.as1, c.B, 0, c.bs0, c.bs1, C, 0);
  return C;
}

function runFast(c: Case): ArrayLike<number> | null {
  const C = arrayOf(c.dtype, c.n * c.m);
  return fastGemm(c.dtype, float64Sums(c), c.n, c.k, c.m, c.A, 0, c.as0, c.as1, c.B, 0, c.bs0, c.bs1, C, 0) ? C : null;
}

/** Bit patterns (NaN as NaN, −0 told from +0). */
const bits = (xs: ArrayLike<number>) => Array.from(xs, (x) => (Object.is(x, -0) ? '-0' : String(x)));

const SHAPES: [number, number, number][] = [
  [1, 3, 1], [2, 2, 2], [5, 7, 3], [8, 8, 8], [9, 13, 11], [4, 33, 17], [17, 9, 6],
  [2, 300, 5], [3, 1000, 27], [1, 40, 1], [64, 27, 30], [7, 0, 5],
  // long k with float64 sums: the MLP's 32×200 · 200×30 and 32×200 · 200×27 (register tiles,
  // partial tiles at the edges), and a k long enough for the k-i-j loop (gemm.ts MAX_PACKED_DOUBLES)
  [32, 200, 30], [32, 200, 27], [6, 130, 7], [2, 40000, 3],
  // dense float32 in SIMD with A and B read through their strides (the MLP's 32×30 · 30×200, and
  // sizes that are not multiples of the 4×8 tiles)
  [32, 30, 200], [37, 27, 13],
];

describe('matmul: the plain triple loop is the reference, and every fast path gives its bits', () => {
  it('plainGemm gives the naive float32 rule of spec/support/naive.ts (rounded steps; float64 sums for a long k)', () => {
    for (const [n, k, m] of SHAPES) {
      for (const transA of [false, true]) {
        const c = makeCase(n * 1000 + k * 10 + m, n, k, m, 'float32', { transA });
        const want = naiveMatmulF32(n, k, m, (i, p) => c.A[i * c.as0 + p * c.as1], (p, j) => c.B[p * c.bs0 + j * c.bs1]);
        expect(bits(runPlain(c)), `${n}×${k}·${k}×${m}`).toEqual(bits(want));
      }
    }
  });

  it('plainGemm writes the exact integer sums for int32 and float64 sums for float64', () => {
    const c = makeCase(7, 3, 5, 4, 'int32', {});
    const got = runPlain(c);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 4; j++) {
        let s = 0;
        for (let p = 0; p < 5; p++) s += c.A[i * 5 + p] * c.B[p * 4 + j];
        expect(got[i * 4 + j]).toBe(s);
      }
    }
  });

  for (const simd of [true, false]) {
    it(`fastGemm (SIMD ${simd ? 'on' : 'off'}) equals plainGemm bit for bit: dense, one-hot-like, long k, non-finite B, transposed operands, three dtypes`, () => {
      setSimdEnabled(simd);
      let fastRuns = 0;
      let seed = 1;
      for (const dtype of ['float32', 'float64', 'int32'] as DT[]) {
        for (const [n, k, m] of SHAPES) {
          for (const sparse of [false, true]) {
            for (const nonFinite of [false, true]) {
              for (const [transA, transB] of [[false, false], [true, false], [false, true]]) {
                const c = makeCase(seed++, n, k, m, dtype, { sparse, nonFinite, transA, transB });
                const fast = runFast(c);
                if (fast === null) continue; // below the fast paths' minimum size: the plain loop is the result
                fastRuns++;
                expect(bits(fast), `${dtype} ${n}×${k}·${k}×${m} sparse=${sparse} nonFinite=${nonFinite} transA=${transA} transB=${transB}`).toEqual(bits(runPlain(c)));
              }
            }
          }
        }
      }
      expect(fastRuns).toBe(3 * 14 * 12); // every case of ≥ 64 multiply-adds (14 of the 18 shapes) took a fast path
    });
  }

  it('fastGemm declines tiny products (the plain loop runs) and leaves C untouched', () => {
    const c = makeCase(3, 2, 2, 2, 'float32', {});
    expect(runFast(c)).toBeNull();
  });

  it('the engine\'s matmul gives plainGemm\'s values (a random float32 product through Tensor.matmul)', async () => {
    const { randn } = await import('../../engine/index.js');
    const g = new Generator().manualSeed(17);
    const a = randn([6, 40], { generator: g }), b = randn([40, 9], { generator: g });
    const C = new Float32Array(54);
    plainGemm('float32', 6 * 9 <= 4096 && 40 > 4 * 6, 6, 40, 9, a.toTypedArray(), 0, 40, 1, b.toTypedArray(), 0, 9, 1, C, 0);
    expect(bits(a.matmul(b).toTypedArray())).toEqual(bits(C));
  });
});
