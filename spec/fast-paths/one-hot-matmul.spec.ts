/**
 * The lecture's one-hot matmuls and one-hot encoding, on their SIMD kernels (#18, session 7):
 * - `gemm_one_hot_rows` (forward `xenc · W`, rows of A of at most 32 elements): a row's non-zeros
 *   found by a bit mask, a one-hot row of C written straight;
 * - `gemm_kij_one_hot` (backward `xencᵀ · G`, columns of A of at most 32 elements): B's
 *   finiteness checked by the kernel as it reads B, the product thrown away and redone without
 *   skipping zero terms when B holds an inf or NaN;
 * - `one_hot_i32` (`oneHot`): the rows written in one pass.
 * Each gives the bits of the plain loop (`plainGemm`, the reference of ops/matmul.ts; a naive loop
 * for oneHot), for one-hot and not-quite-one-hot A (rows of zeros, two or three non-zeros, −0,
 * NaN, ±inf, subnormal and huge entries), B with ±0, subnormals, huge values and sometimes an inf
 * or NaN, views with offsets, operands in the arena (in place) or not (through the scratch
 * memory), on 1 and 2 threads. Spies check that the kernels ran.
 */
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setTableRows } from '../../engine/fast/table-rows.js';
import { Tensor, oneHot, setNumThreads, startHelperThreads, tidy } from '../../engine/index.js';
import { copyKernels, kernels } from '../../engine/fast/kernels.js';
import { helperJobs } from '../../engine/fast/threads.js';
import { plainGemm } from '../../engine/ops/matmul.js';
import { rng } from '../support/autograd-helpers.js';

const f32 = Math.fround;
afterAll(() => setNumThreads(1));

/** Entries of A that are neither 0 nor 1: subnormal, huge, negative. */
const ODD_A = [1e-45, -1e-45, 1e-40, f32(3e38), -2.5, f32(0.1)];
/** Non-finite entries of A (rare: each makes its whole row of C, or of Aᵀ·G, inf or NaN). */
const NON_FINITE = [NaN, Infinity, -Infinity];
/** Entries of B: signed zeros, subnormals, huge values (products that overflow or underflow). */
const ODD_B = [0, -0, 1e-45, -1e-45, -1e-40, f32(3e38), f32(-3e38), 1e-30, f32(-7.5)];

/**
 * A mostly-one-hot n×k matrix (row-major): one-hot rows of 1, one-hot rows of an odd value, rows
 * of zeros, rows with two or three non-zeros, −0 (a zero) here and there, and a rare inf or NaN.
 */
function mostlyOneHot(n: number, k: number, seed: number): Float32Array {
  const r = rng(seed);
  const a = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const u = r(), row = i * k;
    if (u < 0.05) continue; // a row of zeros
    a[row + Math.floor(r() * k)] = u < 0.75 ? 1 : ODD_A[Math.floor(r() * ODD_A.length)];
    if (u > 0.88) a[row + Math.floor(r() * k)] = f32(r() * 4 - 2); // two non-zeros (or one, overwritten)
    if (u > 0.96) a[row + Math.floor(r() * k)] = ODD_A[Math.floor(r() * ODD_A.length)]; // three
    if (r() < 0.05) a[row + Math.floor(r() * k)] = -0;
    if (r() < 2e-4) a[row + Math.floor(r() * k)] = NON_FINITE[Math.floor(r() * 3)];
  }
  return a;
}

/** A k×m matrix of ordinary and odd finite values; one inf or NaN when `nonFinite`. */
function denseB(k: number, m: number, seed: number, nonFinite: boolean): Float32Array {
  const r = rng(seed);
  const b = new Float32Array(k * m).map(() => (r() < 0.1 ? ODD_B[Math.floor(r() * ODD_B.length)] : f32((r() - 0.5) * 6)));
  if (nonFinite) b[Math.floor(r() * b.length)] = [Infinity, -Infinity, NaN][Math.floor(r() * 3)];
  return b;
}

/** The plain loop's C = A·B for row-major A (n×k) and B (k×m), with matmul's summation rule. */
function plain(a: Float32Array, b: Float32Array, n: number, k: number, m: number): Float32Array {
  const c = new Float32Array(n * m);
  plainGemm('float32', n * m <= 4096 && k > 4 * n, n, k, m, a, 0, k, 1, b, 0, m, 1, c, 0);
  return c;
}

function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(a.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}

/** Same float32 value, −0 told from +0 (every NaN counts as the same). */
function expectSameBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < got.length; i++) {
    if (!Object.is(got[i], want[i])) expect.fail(`${what}: element ${i}: got ${Object.is(got[i], -0) ? '-0' : got[i]}, expected ${Object.is(want[i], -0) ? '-0' : want[i]}`);
  }
}

/**
 * `data` (row-major, `shape`) as a tensor that is a view with an offset: rows 2 … of a larger
 * tensor, made inside the current tidy when `arena` (large enough to live in the arena: used in
 * place), outside any scope otherwise (copied through the scratch memory).
 */
function offsetView(data: Float32Array, shape: [number, number], arena: boolean): Tensor {
  const [rows, cols] = shape;
  const padded = new Float32Array((rows + 3) * cols).fill(NaN); // the rows around the view: NaN, never read
  padded.set(data, 2 * cols);
  const t = Tensor.fromArray(padded, [rows + 3, cols]);
  return (arena ? t.clone() : t).narrow(0, 2, rows);
}

/**
 * Inside a tidy: leave `n` elements of garbage (`value`) in a block of the arena that the next
 * storage of n elements of that dtype reuses, so that an element a kernel fails to write shows.
 */
function dirtyArena(n: number, dtype: 'float32' | 'int32', value: number): void {
  tidy(() => {
    Tensor.fromArray(dtype === 'float32' ? new Float32Array(n).fill(value) : new Int32Array(n).fill(value), [n], dtype).clone();
  });
}

/**
 * Run `f` with the kernel `name` spied on (calls on this thread, on the arena's memory or on the
 * scratch memory's copy of the module): its result and the spies' call count.
 */
function withSpy<T>(name: 'gemmOneHotRows' | 'gemmKIJOneHot' | 'oneHotI32', f: () => T): [T, number] {
  const spies = [kernels, copyKernels].map((ks) => vi.spyOn(ks as unknown as Record<string, (...args: number[]) => number>, name));
  try {
    const out = f();
    return [out, spies.reduce((s, spy) => s + spy.mock.calls.length, 0)];
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe('one-hot matmul kernels give the plain loop\'s bits', () => {
  it('are built (otherwise this file would test nothing)', () => {
    expect(kernels).not.toBeNull();
  });

  for (const arena of [true, false]) {
    it(`forward A·B, A mostly one-hot with rows of 1 to 32 (and some of 33 to 40, another kernel), ${arena ? 'in the arena (in place)' : 'through the scratch memory'}`, () => {
      let kernelRuns = 0;
      fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 3000 }), fc.nat(), fc.boolean(), (k, m, extra, seed, nonFinite) => {
        const n = Math.ceil(16384 / k) + extra; // A large enough for the arena
        const a = mostlyOneHot(n, k, seed), b = denseB(k, m, seed + 1, nonFinite && seed % 4 === 0);
        const [got, calls] = withSpy('gemmOneHotRows', () => tidy(() => {
          const A = offsetView(a, [n, k], arena), B = offsetView(b, [k, m], false);
          dirtyArena(n * m, 'float32', 12345); // C's block, unless C is small
          return A.matmul(B).toTypedArray();
        }));
        kernelRuns += calls;
        expectSameBits(got, plain(a, b, n, k, m), `${n}×${k}·${k}×${m}`);
      }), { numRuns: 30, seed: arena ? 181 : 182 });
      expect(kernelRuns).toBeGreaterThan(5); // the new kernel ran (k ≤ 32, m ≥ 4, B finite) in many of the cases
    });

    it(`backward Aᵀ·G with a long k, A mostly one-hot with rows of 1 to 32, G with an inf or NaN in some cases, ${arena ? 'in the arena (in place)' : 'through the scratch memory'}`, () => {
      let kernelRuns = 0, declined = 0;
      fc.assert(fc.property(fc.integer({ min: 1, max: 32 }), fc.integer({ min: 4, max: 40 }), fc.integer({ min: 5000, max: 12000 }), fc.nat(), fc.boolean(), (V, m, n, seed, nonFinite) => {
        const xenc = mostlyOneHot(n, V, seed), g = denseB(n, m, seed + 1, nonFinite);
        const [got, calls] = withSpy('gemmKIJOneHot', () => tidy(() => offsetView(xenc, [n, V], arena).T.matmul(offsetView(g, [n, m], arena)).toTypedArray()));
        kernelRuns += calls;
        if (nonFinite && calls > 0) declined++;
        expectSameBits(got, plain(transpose(xenc, n, V), g, V, n, m), `${V}×${n}·${n}×${m}${nonFinite ? ' (G not finite)' : ''}`);
      }), { numRuns: 16, seed: arena ? 183 : 184 });
      expect(kernelRuns).toBeGreaterThan(5);
      expect(declined).toBeGreaterThan(0); // a G with an inf or NaN went through the kernel, which found it
    });
  }

  it('backward: an inf or NaN in G is found wherever it is (a row of G that a zero row of A skips, a whole group of four, the last columns, the last row)', () => {
    const n = 9000, V = 27, m = 27;
    const xenc = new Float32Array(n * V);
    for (let i = 0; i < n; i++) if (i % 10 !== 3) xenc[i * V + (i % V)] = 1; // rows 3, 13, … of zeros
    for (const [row, col, bad] of [[13, 5, Infinity], [14, 2, NaN], [14, 25, -Infinity], [n - 1, 26, NaN], [n - 1, 0, Infinity]]) {
      const G = denseB(n, m, row * 31 + col, false);
      G[row * m + col] = bad;
      for (const arena of [true, false]) {
        const [got, calls] = withSpy('gemmKIJOneHot', () => tidy(() => offsetView(xenc, [n, V], arena).T.matmul(offsetView(G, [n, m], arena)).toTypedArray()));
        expect(calls).toBeGreaterThan(0);
        expectSameBits(got, plain(transpose(xenc, n, V), G, V, n, m), `G[${row}, ${col}] = ${bad}${arena ? '' : ' (scratch memory)'}`);
      }
    }
  });

  it('a one-hot row of C is fl(+0 + fl(a·b)): −0 entries of B give +0, tiny products that underflow give +0, an empty row gives +0', () => {
    const k = 8, m = 5, n = 4096;
    const a = new Float32Array(n * k);
    for (let i = 0; i < n; i++) if (i % 4 !== 3) a[i * k + (i % k)] = [1, -1e-30, 1e-45][i % 4];
    const b = new Float32Array(k * m).map((_, j) => [-0, 0, 1e-30, -1e-20, 2][j % 5]);
    const got = tidy(() => offsetView(a, [n, k], true).matmul(Tensor.fromArray(b, [k, m])).toTypedArray());
    const want = plain(a, b, n, k, m);
    expectSameBits(got, want, 'signed zeros');
    expect(Array.from(want).some((v) => Object.is(v, -0))).toBe(false); // the plain loop never gives −0 here …
    expect(Object.is(f32(1 * -0), -0) && Object.is(f32(-1e-30 * 1e-20), -0)).toBe(true); // … though products are −0
  });
});

describe('one-hot matmul kernels on 2 threads give the bits of 1 thread and of the plain loop', () => {
  it('forward (parts of the rows on a helper) and backward, lecture-like shapes', async () => {
    setNumThreads(2);
    expect(await startHelperThreads()).toBe(2);
    fc.assert(fc.property(fc.integer({ min: 10, max: 32 }), fc.integer({ min: 10, max: 32 }), fc.integer({ min: 12_000, max: 30_000 }), fc.nat(), (V, m, n, seed) => {
      const xenc = mostlyOneHot(n, V, seed), W = denseB(V, m, seed + 1, false), G = denseB(n, m, seed + 2, false);
      const run = (threads: number) => {
        setNumThreads(threads);
        const before = helperJobs();
        const out = tidy(() => {
          const X = offsetView(xenc, [n, V], true);
          return [X.matmul(Tensor.fromArray(W, [V, m])).toTypedArray(), X.T.matmul(offsetView(G, [n, m], true)).toTypedArray()];
        });
        return { out, jobs: helperJobs() - before };
      };
      const two = run(2), one = run(1);
      expect(two.jobs).toBeGreaterThan(0);
      expectSameBits(two.out[0], one.out[0], 'forward, 2 threads vs 1');
      expectSameBits(two.out[0], plain(xenc, W, n, V, m), 'forward vs the plain loop');
      expectSameBits(two.out[1], one.out[1], 'backward, 2 threads vs 1');
      expectSameBits(two.out[1], plain(transpose(xenc, n, V), G, V, n, m), 'backward vs the plain loop');
    }), { numRuns: 4, seed: 185 });
  });
});

describe('oneHot on its kernel (one_hot_i32) gives the naive encoding', () => {
  /** The naive one-hot: count rows of c zeros with a 1 at each index. */
  const naive = (idx: ArrayLike<number>, c: number) => {
    const out = new Int32Array(idx.length * c);
    for (let i = 0; i < idx.length; i++) out[i * c + idx[i]] = 1;
    return out;
  };

  // the kernel writes full-size encodings: table rows (fast/table-rows.ts, which keep a 1-D encoding as
  // the identity and the indices) are turned off here; table-rows.spec.ts checks that path
  beforeAll(() => setTableRows(false));
  afterAll(() => setTableRows(true));

  it('for 1 to 40 classes, in a scope (the kernel) and outside, contiguous indices with an offset and strided ones, numClasses given or -1', () => {
    let kernelRuns = 0;
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 30_000 }), fc.boolean(), fc.constantFrom('offset', 'strided'), fc.boolean(), fc.nat(), (c, count, inScope, layout, infer, seed) => {
      const r = rng(seed);
      const idx = Int32Array.from({ length: count }, () => Math.floor(r() * c));
      const wide = new Int32Array(2 * count + 3).fill(-7); // the elements around the view: never read
      if (layout === 'offset') wide.set(idx, 3);
      else idx.forEach((v, i) => { wide[3 + 2 * i] = v; });
      const numClasses = infer ? -1 : c;
      const cols = infer ? Math.max(...idx) + 1 : c;
      const encode = () => {
        const t = Tensor.fromArray(wide, [wide.length], 'int32');
        const xs = layout === 'offset' ? t.narrow(0, 3, count) : t.narrow(0, 3, 2 * count).reshape([count, 2]).select(1, 0);
        return oneHot(xs, numClasses);
      };
      const [got, calls] = withSpy('oneHotI32', () => (inScope ? tidy(() => {
        dirtyArena(count * cols, 'int32', 7); // the encoding's block, unless it is small
        return encode().toTypedArray();
      }) : encode().toTypedArray()));
      kernelRuns += calls;
      const want = naive(idx, cols);
      expect(got.length).toBe(want.length);
      for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) expect.fail(`${count}×${cols}: element ${i}: got ${got[i]}, expected ${want[i]}`);
    }), { numRuns: 80, seed: 186 });
    expect(kernelRuns).toBeGreaterThan(10);
  });

  it('rejects an index out of range found by the kernel (in any chunk of indices) with oneHot\'s errors', () => {
    for (const [count, at, value] of [[5000, 4321, 27], [40_000, 35_000, 27], [40_000, 0, 1000], [40_000, 39_999, 2 ** 31 - 1]]) {
      const bad = Tensor.fromArray(Int32Array.from({ length: count }, (_, i) => (i === at ? value : i % 27)), [count], 'int32');
      const [thrown, calls] = withSpy('oneHotI32', () => tidy(() => {
        try {
          oneHot(bad, 27);
          return null;
        } catch (e) {
          return (e as Error).message;
        }
      }));
      expect(calls, `${count} indices`).toBeGreaterThan(0);
      expect(thrown).toBe(`one_hot: class values must be smaller than num_classes (27), got ${value}`);
    }
    const neg = Tensor.fromArray(Int32Array.from({ length: 40_000 }, (_, i) => (i === 17_017 ? -1 : i % 27)), [40_000], 'int32');
    expect(() => tidy(() => oneHot(neg, 27))).toThrow('one_hot: class values must be non-negative, got -1 at position 17017');
  });
});
