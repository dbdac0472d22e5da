/**
 * The division's backward for a per-row divisor (`counts / counts.sum(1, keepdim)`), fused into
 * one pass (engine/ops/arithmetic.ts `divBackwardRows`, its SIMD kernel
 * engine/fast/kernels/div-backward-rows.ts): the same bits as the unfused chain it replaces,
 * grad_a = g / b and grad_b = sum(((a / b) / (−b)) · g, -1, keepdim), run op by op with the
 * engine's separately tested ops. Properties over shapes (rows of 1 to 40: below, inside and
 * above the kernel's 8 ≤ n < 32) and float32 values with NaN, ±∞ and ±0 among them; on the
 * kernel in the arena (inside `tidy`), on one and two threads, on the plain loop (SIMD off, and
 * memory outside the arena).
 */
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tensor, getNumThreads, noGrad, setNumThreads, setSimdEnabled, startHelperThreads, tidy } from '../../engine/index.js';
import { helperJobs } from '../../engine/fast/threads.js';
import { isArenaArray } from '../../engine/memory/arena.js';
import { expectSameBits } from '../support/same-bits.js';

const f32 = Math.fround;
const SPECIAL = [0, -0, Infinity, -Infinity, NaN, 1e-45, -3.4e38, 3.4e38, 1, -1];

/** A seeded generator of uniform numbers in [0, 1) (mulberry32). */
function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` float32 values: mostly ordinary (of either sign, over many magnitudes), a fraction `special` of them special. */
function values(count: number, r: () => number, special: number): number[] {
  return Array.from({ length: count }, () => (r() < special ? SPECIAL[Math.floor(r() * SPECIAL.length)] : f32((r() - 0.5) * 2 ** (40 * r() - 20))));
}

/**
 * A case: a shape [rows, n] or [2, rows, n] (rows of `minRows` to `minRows + 40`), the values of
 * g, a (that shape) and b (one per row) from a seed, with NaN, ±∞, ±0 and extremes among them.
 */
const caseOf = (minRows: number) => fc.record({ lead: fc.constantFrom(1, 2), rows: fc.integer({ min: minRows, max: minRows + 40 }), n: fc.integer({ min: 2, max: 40 }), seed: fc.integer(), special: fc.constantFrom(0, 0.01, 0.2) })
  .map(({ lead, rows, n, seed, special }): Case => {
    const r = rng(seed), size = lead * rows * n;
    return { shape: lead === 1 ? [rows, n] : [lead, rows, n], g: values(size, r, special), a: values(size, r, special), b: values(lead * rows, r, special) };
  });

type Case = { shape: number[]; g: number[]; a: number[]; b: number[] };

/** Both gradients through autograd (the fused backward) and through the unfused chain, op by op. */
function gradients(c: Case, inArena: boolean): { fused: [Float32Array, Float32Array]; chain: [Float32Array, Float32Array] } {
  const bShape = [...c.shape.slice(0, -1), 1];
  const make = (v: number[], s: number[]) => (inArena ? Tensor.fromArray(new Float32Array(v), s).clone() : Tensor.fromArray(new Float32Array(v), s));
  const body = () => {
    const g = make(c.g, c.shape);
    const a = make(c.a, c.shape).requiresGrad_();
    const b = make(c.b, bShape).requiresGrad_();
    // the kernel's condition: full-size operands in the arena (asked of large tensors only)
    if (inArena && 4 * a.numel() >= 65536) expect(isArenaArray(a.storage.data) && isArenaArray(g.storage.data)).toBe(true);
    a.div(b).backward(g);
    const chain = noGrad(() => [g.div(b), a.div(b).div_(b.neg()).mul_(g).sum(-1, true)]);
    return {
      fused: [a.grad!.toTypedArray(), b.grad!.toTypedArray()] as [Float32Array, Float32Array],
      chain: [chain[0].toTypedArray(), chain[1].toTypedArray()] as [Float32Array, Float32Array],
    };
  };
  return inArena ? tidy(body) : body();
}

function check(c: Case, inArena: boolean): void {
  const { fused, chain } = gradients(c, inArena);
  expectSameBits(fused[0], chain[0], `grad_a, shape [${c.shape}]`);
  expectSameBits(fused[1], chain[1], `grad_b, shape [${c.shape}]`);
}

describe('the fused division backward (per-row divisor) = the unfused chain, bit for bit', () => {
  let threads = 1;
  beforeAll(async () => {
    threads = getNumThreads();
    await startHelperThreads();
  });
  afterAll(() => {
    setNumThreads(threads);
    setSimdEnabled(true);
  });

  it('the SIMD kernel, in place in the arena (operands of 64 KiB or more), one thread', () => {
    setNumThreads(1);
    fc.assert(fc.property(caseOf(2100), (c) => check(c, true)), { numRuns: 25 });
  });

  it('the plain loop: small tensors, operands outside the arena, SIMD off', () => {
    setNumThreads(1);
    fc.assert(fc.property(caseOf(1), (c) => check(c, true)), { numRuns: 100 });
    fc.assert(fc.property(caseOf(1), (c) => check(c, false)), { numRuns: 50 });
    fc.assert(fc.property(caseOf(2100), (c) => check(c, false)), { numRuns: 5 });
    setSimdEnabled(false);
    try {
        fc.assert(fc.property(caseOf(1), (c) => check(c, true)), { numRuns: 50 });
      fc.assert(fc.property(caseOf(2100), (c) => check(c, true)), { numRuns: 5 });
    } finally {
      setSimdEnabled(true);
    }
  });

  it('edge cases: every special value as divisor, gradient and dividend; the lecture\'s rows of 27', () => {
    setNumThreads(1);
    for (const n of [3, 8, 27, 31, 32]) {
      const rows = SPECIAL.length;
      const c: Case = { shape: [rows * rows, n], g: [], a: [], b: [] };
      for (let i = 0; i < rows * rows; i++) {
        c.b.push(SPECIAL[i % rows]);
        for (let j = 0; j < n; j++) {
          c.g.push(j === 5 ? SPECIAL[Math.floor(i / rows)] : f32(0.25 * j - 1));
          c.a.push(j === 7 ? SPECIAL[(i + j) % rows] : f32(1.5 + j));
        }
      }
      check(c, true);
      check(c, false);
    }
  });

  it('the quotient read from the forward\'s output only while it is unchanged: modified in place, x / y is computed again', () => {
    setNumThreads(1);
    const r = rng(11);
    for (const rows of [3, 3000]) { // the plain loop and the kernel (in the arena)
      const n = 27, shape = [rows, n];
      const c: Case = { shape, g: values(rows * n, r, 0.01), a: values(rows * n, r, 0.01), b: values(rows, r, 0.01) };
      tidy(() => {
        const make = (v: number[], s: number[]) => Tensor.fromArray(new Float32Array(v), s).clone();
        const g = make(c.g, shape), a = make(c.a, shape).requiresGrad_(), b = make(c.b, [rows, 1]).requiresGrad_();
        const q = a.div(b);
        q.mul_(3); // q's values change: its backward multiplies g by 3, then the division's must divide a by b again
        q.backward(g);
        const g3 = noGrad(() => g.mul(3));
        const chain = noGrad(() => [g3.div(b), a.div(b).div_(b.neg()).mul_(g3).sum(-1, true)]);
        expectSameBits(a.grad!.toTypedArray() as Float32Array, chain[0].toTypedArray() as Float32Array, `grad_a, ${rows} rows`);
        expectSameBits(b.grad!.toTypedArray() as Float32Array, chain[1].toTypedArray() as Float32Array, `grad_b, ${rows} rows`);
      });
    }
  });

  it('split by rows between two threads: the same bits (the helper ran)', () => {
    setNumThreads(2);
    const r = rng(27);
    const rows = 10_000, n = 27;
    const c: Case = { shape: [rows, n], g: values(rows * n, r, 0.001), a: values(rows * n, r, 0.001), b: values(rows, r, 0.001) };
    const before = helperJobs();
    check(c, true);
    expect(helperJobs() - before).toBeGreaterThan(0);
  });
});
