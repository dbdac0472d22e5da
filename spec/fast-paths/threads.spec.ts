/**
 * The helper threads (engine/fast/threads.ts): the large SIMD kernels split their work by rows or
 * ranges between this thread and a helper, and the result has the same bits as on one thread and
 * as the plain loop. The operands live in the arena (made inside `tidy`), where the split applies;
 * the sizes are above the split thresholds, and every test checks that the helper ran jobs.
 */
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Generator, Tensor, getNumThreads, randn, setNumThreads, setSimdEnabled, startHelperThreads, tidy } from '../../engine/index.js';
import { helperJobs } from '../../engine/fast/threads.js';
import { startupThreads } from '../../engine/fast/thread-count.js';
import { expF32 } from '../../engine/fast/exp-f32.js';
import { cascadeSumF32 } from '../../engine/ops/cascade-sum.js';
import { rng } from '../support/autograd-helpers.js';
import { naiveMatmulF32 } from '../support/naive.js';

const f32 = Math.fround;

/** float32 values with zeros, infinities, NaN and exp's out-of-range inputs among them. */
function values(n: number, seed: number, scale = 40): Float32Array {
  const r = rng(seed);
  const odd = [0, -0, Infinity, -Infinity, NaN, 88.72283935546875, -104, 3.4e38, 1e-45];
  return new Float32Array(n).map(() => (r() < 0.01 ? odd[Math.floor(r() * odd.length)] : f32((r() - 0.5) * scale)));
}

function expectSameBits(got: ArrayLike<number>, want: (i: number) => number, what: string): void {
  expect(got.length, what).toBeGreaterThan(0);
  for (let i = 0; i < got.length; i++) {
    if (!Object.is(got[i], want(i))) expect.fail(`${what}: element ${i}: got ${got[i]}, expected ${want(i)}`);
  }
}

/** Run `f` inside tidy with arena copies of `inputs`, with `threads` threads; the result's values. */
function run(threads: number, inputs: [Float32Array, number[]][], f: (...t: Tensor[]) => Tensor): { values: Float32Array; jobs: number } {
  setNumThreads(threads);
  const before = helperJobs();
  const values = tidy(() => f(...inputs.map(([d, s]) => Tensor.fromArray(d, s).clone())).toTypedArray()) as Float32Array;
  return { values, jobs: helperJobs() - before };
}

describe('MAKEMORE_THREADS', () => {
  it('a positive integer sets the start-up thread count (at most 8); anything else is ignored with a warning that names it', () => {
    const saved = process.env.MAKEMORE_THREADS;
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      process.env.MAKEMORE_THREADS = '1';
      expect(startupThreads()).toBe(1);
      process.env.MAKEMORE_THREADS = '64';
      expect(startupThreads()).toBe(8);
      expect(warn).not.toHaveBeenCalled();
      for (const bad of ['0', '-2', '1.5', 'two']) {
        process.env.MAKEMORE_THREADS = bad;
        expect(startupThreads()).toBeGreaterThanOrEqual(1);
        expect(String(warn.mock.calls.at(-1)?.[0])).toContain(`MAKEMORE_THREADS="${bad}" is not a positive integer`);
      }
      expect(warn).toHaveBeenCalledTimes(4);
    } finally {
      warn.mockRestore();
      if (saved === undefined) delete process.env.MAKEMORE_THREADS;
      else process.env.MAKEMORE_THREADS = saved;
    }
  });
});

// MAKEMORE_THREADS=1 (or a one-core machine) starts the engine without shared memory: no helpers to test
describe.skipIf(startupThreads() === 1)('the kernels split over helper threads give the bits of one thread and of the plain loop (skipped when the engine starts with one thread)', () => {
  let threads = 1;
  beforeAll(async () => {
    setNumThreads(2);
    threads = await startHelperThreads();
  });
  afterAll(() => setNumThreads(2));

  it('a helper thread starts on this runtime (Node ≥ 20.16: worker_threads and shared WebAssembly memory)', () => {
    expect(threads).toBe(2);
    expect(getNumThreads()).toBe(2);
  });

  it('exp of 300,001 floats (with out-of-range inputs the kernel lists for expF32), parts of ≥ 65,536', () => {
    fc.assert(fc.property(fc.integer({ min: 140_000, max: 300_001 }), fc.nat(), (n, seed) => {
      const x = values(n, seed);
      const two = run(2, [[x, [n]]], (t) => t.exp());
      const one = run(1, [[x, [n]]], (t) => t.exp());
      expect(two.jobs).toBeGreaterThan(0);
      expect(one.jobs).toBe(0);
      expectSameBits(two.values, (i) => one.values[i], `exp of ${n}, 2 threads vs 1`);
      expectSameBits(two.values, (i) => expF32(x[i]), `exp of ${n} vs expF32`);
    }), { numRuns: 6 });
  });

  it('add, sub, mul, div with full, per-row and scalar operands (a small per-row or scalar operand outside the arena too)', () => {
    const plain = { add: (p: number, q: number) => p + q, sub: (p: number, q: number) => p - q, mul: (p: number, q: number) => p * q, div: (p: number, q: number) => p / q };
    fc.assert(fc.property(fc.constantFrom('add', 'sub', 'mul', 'div'), fc.constantFrom('FF', 'FR', 'RF', 'FS', 'SF'), fc.integer({ min: 400, max: 700 }), fc.integer({ min: 400, max: 600 }), fc.nat(), (op, layout, rows, cols, seed) => {
      const a = values(rows * cols, seed), b = values(rows * cols, seed + 1), r = values(rows, seed + 2), s = values(1, seed + 3);
      const operand = (l: string, full: Float32Array): [Float32Array, number[], boolean] => (l === 'F' ? [full, [rows, cols], true] : l === 'R' ? [r, [rows, 1], false] : [s, [], false]);
      const [x, xs, xArena] = operand(layout[0], a), [y, ys, yArena] = operand(layout[1], b);
      const f = plain[op as keyof typeof plain];
      const want = (i: number) => f32(f(layout[0] === 'F' ? a[i] : layout[0] === 'R' ? r[Math.floor(i / cols)] : s[0], layout[1] === 'F' ? b[i] : layout[1] === 'R' ? r[Math.floor(i / cols)] : s[0]));
      for (const threads of [2, 1]) {
        setNumThreads(threads);
        const before = helperJobs();
        const got = tidy(() => {
          // full operands in the arena; a per-row or scalar operand stays an ordinary small array
          const X = xArena ? Tensor.fromArray(x, xs).clone() : Tensor.fromArray(x, xs);
          const Y = yArena ? Tensor.fromArray(y, ys).clone() : Tensor.fromArray(y, ys);
          return (X[op as 'add'](Y)).toTypedArray();
        });
        if (threads === 2) expect(helperJobs() - before, `${op} ${layout}`).toBeGreaterThan(0);
        expectSameBits(got, want, `${op} ${layout} [${rows}, ${cols}], ${threads} thread(s)`);
      }
    }), { numRuns: 20 });
  });

  it('in place (x.mul_(2), x.div_(y)): each part reads and writes its own range', () => {
    const n = 400_000, x = values(n, 7), y = values(n, 8);
    for (const threads of [2, 1]) {
      setNumThreads(threads);
      const before = helperJobs();
      const got = tidy(() => Tensor.fromArray(x, [n]).clone().mul_(2).div_(Tensor.fromArray(y, [n]).clone()).toTypedArray());
      if (threads === 2) expect(helperJobs() - before).toBeGreaterThan(0);
      expectSameBits(got, (i) => f32(f32(x[i] * 2) / y[i]), `in place, ${threads} thread(s)`);
    }
  });

  it('dense float32 matmul: parts of rows (≥ 4 each, an overlapping last tile within a part) equal the naive float32 sums', () => {
    fc.assert(fc.property(fc.integer({ min: 4000, max: 5000 }), fc.integer({ min: 48, max: 64 }), fc.integer({ min: 24, max: 40 }), fc.nat(), (n, k, m, seed) => {
      const a = values(n * k, seed, 2), b = values(k * m, seed + 1, 2);
      const two = run(2, [[a, [n, k]], [b, [k, m]]], (A, B) => A.matmul(B));
      const one = run(1, [[a, [n, k]], [b, [k, m]]], (A, B) => A.matmul(B));
      expect(two.jobs, `${n}×${k}·${k}×${m}`).toBeGreaterThan(0);
      expectSameBits(two.values, (i) => one.values[i], `matmul ${n}×${k}·${k}×${m}, 2 threads vs 1`);
      const want = naiveMatmulF32(n, k, m, (i, p) => a[i * k + p], (p, j) => b[p * m + j]);
      expectSameBits(two.values, (i) => want[i], `matmul ${n}×${k}·${k}×${m} vs the naive loop`);
    }), { numRuns: 5 });
  });

  it('the lecture\'s matmuls: one-hot xenc·W (mostly-zero A, parts of rows) and xencᵀ·G (long k; with more than 32 classes, parts of the rows of C) equal the naive sums', () => {
    fc.assert(fc.property(fc.integer({ min: 20_000, max: 40_000 }), fc.integer({ min: 15, max: 30 }), fc.integer({ min: 15, max: 30 }), fc.nat(), (n, V, m, seed) => {
      const r = rng(seed);
      const xenc = new Float32Array(n * V);
      for (let i = 0; i < n; i++) {
        xenc[i * V + Math.floor(r() * V)] = 1;
        if (r() < 0.1) xenc[i * V + Math.floor(r() * V)] = f32(r() - 0.5); // some rows with two non-zeros
      }
      const W = values(V * m, seed + 1, 2), G = values(n * m, seed + 2, 2e-3).map((v) => (Number.isFinite(v) ? v : 0));
      const fwd2 = run(2, [[xenc, [n, V]], [W.map((v) => (Number.isFinite(v) ? v : 1)), [V, m]]], (X, w) => X.matmul(w));
      const fwd1 = run(1, [[xenc, [n, V]], [W.map((v) => (Number.isFinite(v) ? v : 1)), [V, m]]], (X, w) => X.matmul(w));
      expect(fwd2.jobs, `forward ${n}×${V}·${V}×${m}`).toBeGreaterThan(0);
      const Wf = W.map((v) => (Number.isFinite(v) ? v : 1));
      const wantF = naiveMatmulF32(n, V, m, (i, p) => xenc[i * V + p], (p, j) => Wf[p * m + j]);
      expectSameBits(fwd2.values, (i) => fwd1.values[i], 'forward, 2 threads vs 1');
      expectSameBits(fwd2.values, (i) => wantF[i], 'forward vs the naive loop');
      // the backward of a one-hot of at most 32 classes runs on one thread (gemm_kij_one_hot: parts
      // would each read the whole of A); with more classes, parts of the rows of C on the helpers
      for (const [cols, split] of [[V, false], [V + 18, true]] as const) {
        const X = new Float32Array(n * cols);
        for (let i = 0; i < n; i++) for (let c = 0; c < V; c++) X[i * cols + c + (split ? 9 : 0)] = xenc[i * V + c];
        const bwd2 = run(2, [[X, [n, cols]], [G, [n, m]]], (Xt, g) => Xt.T.matmul(g));
        const bwd1 = run(1, [[X, [n, cols]], [G, [n, m]]], (Xt, g) => Xt.T.matmul(g));
        if (split) expect(bwd2.jobs, `backward ${cols}×${n}·${n}×${m}`).toBeGreaterThan(0);
        const wantB = naiveMatmulF32(cols, n, m, (i, p) => X[p * cols + i], (p, j) => G[p * m + j]);
        expectSameBits(bwd2.values, (i) => bwd1.values[i], `backward ${cols}×${n}·${n}×${m}, 2 threads vs 1`);
        expectSameBits(bwd2.values, (i) => wantB[i], `backward ${cols}×${n}·${n}×${m} vs the naive loop (float64, rounded once)`);
      }
    }), { numRuns: 4 });
  });

  // rows of 8 to 31 floats (counts.sum(1, keepdim)) run the short-row kernel, 32 or more the
  // cascade kernel; parts of rows on two threads must give cascadeSumF32's bits (PyTorch's order)
  const rowSumCases = [
    { what: 'row sums of 8 to 31 floats (counts.sum(1, keepdim))', len: fc.integer({ min: 8, max: 31 }), rows: () => fc.integer({ min: 20_000, max: 30_000 }), numRuns: 5 },
    { what: 'row sums of 32 floats or more (the cascade kernel)', len: fc.integer({ min: 32, max: 1500 }), rows: (len: number) => fc.constant(Math.ceil(1_200_000 / len)), numRuns: 4 },
  ];
  for (const c of rowSumCases) {
    it(`${c.what}: parts of rows give cascadeSumF32's bits (PyTorch's order)`, () => {
      fc.assert(fc.property(c.len.chain((len) => fc.tuple(fc.constant(len), c.rows(len))), fc.nat(), ([len, rows], seed) => {
        const x = values(rows * len, seed, 1e4);
        const two = run(2, [[x, [rows, len]]], (t) => t.sum(1, true));
        const one = run(1, [[x, [rows, len]]], (t) => t.sum(1, true));
        expect(two.jobs, `${rows} rows of ${len}`).toBeGreaterThan(0);
        expectSameBits(two.values, (j) => one.values[j], `row sums of ${len}, 2 threads vs 1`);
        expectSameBits(two.values, (j) => cascadeSumF32(x, j * len, len), `row sums of ${len} vs cascadeSumF32`);
      }), { numRuns: c.numRuns });
    });
  }

  it('randn\'s Box–Muller in parts (2 threads) gives the bits of one thread and of the plain loop', () => {
    for (const n of [131_072 + 16 * 4096 + 5, 400_000]) {
      const draw = (threads: number, simd = true) => {
        setNumThreads(threads);
        setSimdEnabled(simd);
        const before = helperJobs();
        const values = tidy(() => randn([n], { generator: new Generator().manualSeed(n) }).toTypedArray());
        setSimdEnabled(true);
        return { values, jobs: helperJobs() - before };
      };
      const two = draw(2), one = draw(1), plain = draw(1, false);
      expect(two.jobs, `randn(${n})`).toBeGreaterThan(0);
      expectSameBits(two.values, (i) => one.values[i], `randn(${n}), 2 threads vs 1`);
      expectSameBits(two.values, (i) => plain.values[i], `randn(${n}) vs the plain loop`);
    }
  });

  it('column sums (sum(0)): parts of the columns, each over every row in order, equal the float64 sums rounded once', () => {
    fc.assert(fc.property(fc.integer({ min: 3000, max: 4000 }), fc.integer({ min: 400, max: 600 }), fc.nat(), (rows, cols, seed) => {
      const x = values(rows * cols, seed, 1e4);
      const two = run(2, [[x, [rows, cols]]], (t) => t.sum(0, true));
      const one = run(1, [[x, [rows, cols]]], (t) => t.sum(0, true));
      expect(two.jobs, `${rows}×${cols}`).toBeGreaterThan(0);
      expectSameBits(two.values, (j) => one.values[j], `sum(0) of ${rows}×${cols}, 2 threads vs 1`);
      expectSameBits(two.values, (j) => {
        let acc = 0;
        for (let i = 0; i < rows; i++) acc += x[i * cols + j];
        return f32(acc);
      }, `sum(0) of ${rows}×${cols} vs the float64 loop`);
    }), { numRuns: 5 });
  });

  it('setNumThreads takes a positive integer', () => {
    for (const bad of [0, -1, 1.5, NaN]) expect(() => setNumThreads(bad)).toThrow(/positive integer/);
    setNumThreads(1);
    expect(getNumThreads()).toBe(1);
    setNumThreads(2);
    expect(getNumThreads()).toBe(2);
  });
});
