/**
 * The backward of `x / x.sum(-1, keepdim=True)` in one step of the walk
 * (engine/autograd/row-normalise.ts; `divBackwardRowSum` in engine/ops/arithmetic.ts; the
 * `addRowSum` part of the kernel engine/fast/kernels/div-backward-rows.ts): x's gradient, the
 * division's and the sum's contributions added in the same pass, has the bits of the walk's
 * separate steps. The reference is the same graph with `s.retainGrad()` on the sum (which keeps
 * the walk from absorbing it: the division's backward, the sum's, then the accumulation, each as
 * before), and the chain run op by op in `noGrad` with the engine's separately tested ops:
 * `g/s + sum(((x/s)/(−s))·g, -1, keepdim)`. Properties over shapes (rows of 1 to 40: below,
 * inside and above the kernel's 8 ≤ n < 32) and float32 values with NaN, ±∞, ±0, extremes and
 * subnormals; on the kernel in the arena, on two threads, on the plain loop; and the cases where
 * the walk must not absorb the sum (a third consumer of x, a second consumer of the sum). The
 * softmax, x = z.exp(): z's gradient with the exp's backward absorbed too, against the walk step
 * by step, the sum absorbed alone, and the chain op by op.
 */
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tensor, arange, getNumThreads, noGrad, oneHot, setNumThreads, setSimdEnabled, startHelperThreads, tidy } from '../../engine/index.js';
import { helperJobs } from '../../engine/fast/threads.js';
import { isArenaArray } from '../../engine/memory/arena.js';
import { rng } from '../support/autograd-helpers.js';
import { expectSameBits } from '../support/same-bits.js';

const f32 = Math.fround;
const SPECIAL = [0, -0, Infinity, -Infinity, NaN, 1e-45, -1e-40, -3.4e38, 3.4e38, 1, -1];

/** `count` float32 values: mostly ordinary (of either sign, over many magnitudes), a fraction `special` of them special. */
function values(count: number, r: () => number, special: number, positive: boolean): number[] {
  return Array.from({ length: count }, () => {
    if (r() < special) return SPECIAL[Math.floor(r() * SPECIAL.length)];
    const v = f32(r() * 2 ** (24 * r() - 12));
    return positive || r() < 0.5 ? v : -v;
  });
}

/**
 * `prop` on every path: the SIMD kernel (rows of 2,100 or more, in the arena), the plain loop
 * (small tensors in the arena, and memory outside the arena), and with SIMD off.
 */
function onEveryPath(caseArb: (minRows: number) => fc.Arbitrary<Case>, prop: (c: Case, inArena: boolean) => void): void {
  setNumThreads(1);
  fc.assert(fc.property(caseArb(2100), (c) => prop(c, true)), { numRuns: 20 });
  fc.assert(fc.property(caseArb(1), (c) => prop(c, true)), { numRuns: 60 });
  fc.assert(fc.property(caseArb(1), (c) => prop(c, false)), { numRuns: 30 });
  fc.assert(fc.property(caseArb(2100), (c) => prop(c, false)), { numRuns: 5 });
  setSimdEnabled(false);
  try {
    fc.assert(fc.property(caseArb(1), (c) => prop(c, true)), { numRuns: 30 });
    fc.assert(fc.property(caseArb(2100), (c) => prop(c, true)), { numRuns: 5 });
  } finally {
    setSimdEnabled(true);
  }
}

/**
 * Rows of n where one x and one gradient per row take each special value in turn (every pair
 * of them across the rows), the other elements ordinary (`xAt(j)`).
 */
function specialRows(n: number, xAt: (j: number) => number): Case {
  const k = SPECIAL.length, rows = k * k * 30;
  const c: Case = { shape: [rows, n], g: [], x: [] };
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < n; j++) {
      c.g.push(j === (i % n) ? SPECIAL[Math.floor(i / k) % k] : f32(0.25 * j - 1));
      c.x.push(j === ((i + 3) % n) ? SPECIAL[i % k] : xAt(j));
    }
  }
  return c;
}

/** Watch the backward node of `s` (a sum): the returned function tells whether it ran. */
function watchApply(s: Tensor): () => boolean {
  const node = s.gradFn!;
  let ran = false;
  const apply = node.apply.bind(node);
  node.apply = (g) => ((ran = true), apply(g));
  return () => ran;
}

type Case = { shape: number[]; g: number[]; x: number[] };

/** A case: shape [rows, n] or [2, rows, n], the values of g and x, positive x or of both signs. */
const caseOf = (minRows: number) => fc.record({ lead: fc.constantFrom(1, 2), rows: fc.integer({ min: minRows, max: minRows + 40 }), n: fc.integer({ min: 2, max: 40 }), seed: fc.integer(), special: fc.constantFrom(0, 0.01, 0.2), positive: fc.boolean() })
  .map(({ lead, rows, n, seed, special, positive }): Case => {
    const r = rng(seed), size = lead * rows * n;
    return { shape: lead === 1 ? [rows, n] : [lead, rows, n], g: values(size, r, special, false), x: values(size, r, special, positive) };
  });

/**
 * x's gradient through the walk, x = p·1 a non-leaf (its node receives the two contributions),
 * with the sum absorbed (`absorb`) or not (`s.retainGrad()`); and the chain op by op.
 */
function gradientOfX(c: Case, inArena: boolean, absorb: boolean): { walk: Float32Array; chain: Float32Array } {
  const make = (v: number[]) => (inArena ? Tensor.fromArray(new Float32Array(v), c.shape).clone() : Tensor.fromArray(new Float32Array(v), c.shape));
  const body = () => {
    const g = make(c.g);
    const p = make(c.x).requiresGrad_();
    const x = p.mul(1);
    x.retainGrad();
    const s = x.sum(-1, true);
    if (!absorb) s.retainGrad();
    const applied = watchApply(s);
    if (inArena && 4 * x.numel() >= 65536) expect(isArenaArray(x.storage.data) && isArenaArray(g.storage.data)).toBe(true);
    x.div(s).backward(g);
    expect(applied(), 'the sum\'s node ran').toBe(!absorb);
    const chain = noGrad(() => g.div(s).add(x.div(s).div_(s.neg()).mul_(g).sum(-1, true)));
    return { walk: x.grad!.toTypedArray() as Float32Array, chain: chain.toTypedArray() as Float32Array };
  };
  return inArena ? tidy(body) : body();
}

function check(c: Case, inArena: boolean): void {
  const absorbed = gradientOfX(c, inArena, true), stepwise = gradientOfX(c, inArena, false);
  expectSameBits(absorbed.walk, stepwise.walk, `absorbed vs step by step, shape [${c.shape}]`);
  expectSameBits(absorbed.walk, absorbed.chain, `absorbed vs the chain op by op, shape [${c.shape}]`);
}

/**
 * The softmax, `x = z.exp(); x / x.sum(-1, keepdim)`: z's gradient through the walk with the sum
 * and the exp absorbed (`mode` 'both'), the sum only (`x.retainGrad()` keeps the exp's node), or
 * neither (`s.retainGrad()`); and op by op: `(g/s + sum(((x/s)/(−s))·g, -1, keepdim)) · x`.
 */
function gradientOfZ(c: Case, inArena: boolean, mode: 'both' | 'sum' | 'neither'): { walk: Float32Array; chain: Float32Array } {
  const make = (v: number[]) => (inArena ? Tensor.fromArray(new Float32Array(v), c.shape).clone() : Tensor.fromArray(new Float32Array(v), c.shape));
  const body = () => {
    const g = make(c.g);
    const p = make(c.x).requiresGrad_();
    const z = p.mul(1);
    z.retainGrad();
    const x = z.exp();
    if (mode === 'sum') x.retainGrad();
    const s = x.sum(-1, true);
    if (mode === 'neither') s.retainGrad();
    const sumRan = watchApply(s), expRan = watchApply(x);
    x.div(s).backward(g);
    expect([sumRan(), expRan()], 'the sum\'s and the exp\'s nodes ran').toEqual([mode === 'neither', mode !== 'both']);
    const chain = noGrad(() => g.div(s).add(x.div(s).div_(s.neg()).mul_(g).sum(-1, true)).mul(x));
    return { walk: z.grad!.toTypedArray() as Float32Array, chain: chain.toTypedArray() as Float32Array };
  };
  return inArena ? tidy(body) : body();
}

/** A softmax case: z of moderate size (exp neither 0 nor ∞ for most), with specials. */
const expCaseOf = (minRows: number) => caseOf(minRows).map((c) => ({ ...c, x: c.x.map((v) => (Number.isFinite(v) && Math.abs(v) > 1e-30 ? f32(Math.sign(v) * Math.log2(Math.abs(v) + 1)) : v)) }));

function checkSoftmax(c: Case, inArena: boolean): void {
  const both = gradientOfZ(c, inArena, 'both');
  expectSameBits(both.walk, gradientOfZ(c, inArena, 'neither').walk, `exp and sum absorbed vs step by step, shape [${c.shape}]`);
  expectSameBits(both.walk, gradientOfZ(c, inArena, 'sum').walk, `exp and sum absorbed vs the sum only, shape [${c.shape}]`);
  expectSameBits(both.walk, both.chain, `exp and sum absorbed vs the chain op by op, shape [${c.shape}]`);
}

describe('the softmax x = z.exp(), x / x.sum(-1, keepdim): the exp\'s backward absorbed too = the walk step by step, bit for bit', () => {
  let threads = 1;
  beforeAll(() => {
    threads = getNumThreads();
  });
  afterAll(() => {
    setNumThreads(threads);
    setSimdEnabled(true);
  });

  it('the SIMD kernel in the arena, the plain loop, SIMD off', () => onEveryPath(expCaseOf, checkSoftmax));

  it('edge cases: every special value as z and as gradient, rows of 3 to 32', () => {
    setNumThreads(1);
    for (const n of [3, 9, 27, 32]) {
      const c = specialRows(n, (j) => f32(0.1 * j - 1));
      checkSoftmax(c, true);
      checkSoftmax(c, false);
    }
  });

  it('the lecture\'s step: the same W.grad with the exp and the sum absorbed as step by step', () => {
    const r = rng(3);
    const rows = 5000, V = 27;
    const xs = Tensor.fromArray(new Int32Array(Array.from({ length: rows }, () => Math.floor(r() * V))), [rows], 'int32');
    const ys = Tensor.fromArray(new Int32Array(Array.from({ length: rows }, () => Math.floor(r() * V))), [rows], 'int32');
    const w = new Float32Array(values(V * V, r, 0, false).map((v) => f32(v / 4096)));
    const run = (stepwise: boolean) => tidy(() => {
      const W = Tensor.fromArray(w, [V, V]).requiresGrad_();
      const counts = oneHot(xs, V).float().matmul(W).exp();
      const s = counts.sum(1, true);
      if (stepwise) s.retainGrad();
      const probs = counts.div(s);
      probs.index(arange(rows), ys).log().mean().neg().add(W.pow(2).mean().mul(0.01)).backward();
      return W.grad!.toTypedArray() as Float32Array;
    });
    expectSameBits(run(false), run(true), 'W.grad');
  });
});

describe('x / x.sum(-1, keepdim): the sum absorbed into the division\'s backward = the walk step by step, bit for bit', () => {
  let threads = 1;
  beforeAll(async () => {
    threads = getNumThreads();
    await startHelperThreads();
  });
  afterAll(() => {
    setNumThreads(threads);
    setSimdEnabled(true);
  });

  it('the walk absorbs the sum: its node gets no gradient (and does when it cannot)', () => {
    const run = (extra: (x: Tensor, s: Tensor) => Tensor | null) => {
      const p = Tensor.fromArray(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]).requiresGrad_();
      const x = p.mul(1);
      const s = x.sum(-1, true);
      const applied = watchApply(s);
      const y = x.div(s).mul(Tensor.fromArray(new Float32Array([1, -2, 3, 0.5, 4, 7]), [2, 3])); // a contiguous gradient for the division
      const more = extra(x, s);
      (more === null ? y.sum() : y.sum().add(more)).backward();
      return applied();
    };
    expect(run(() => null)).toBe(false);
    expect(run((x) => x.sum())).toBe(true); // a third consumer of x
    expect(run((_x, s) => s.sum())).toBe(true); // a second consumer of the sum
  });

  it('a third consumer of x or a second of the sum, in either order of the walk: the same bits as the walk step by step', () => {
    const r = rng(5);
    const rows = 3000, n = 27; // the kernel's rows (in the arena, inside tidy)
    const xv = values(rows * n, r, 0, true), wv = values(rows * n, r, 0.01, false);
    const extras: ((x: Tensor, s: Tensor) => Tensor)[] = [(x) => x.mul(3).sum(), (x) => x.mul(x).sum(), (_x, s) => s.mul(s).sum(), (x) => x.sum(0).mul(-2.5).sum()];
    for (const extra of extras) {
      for (const first of [true, false]) {
        const run = (retain: boolean) => tidy(() => {
          const p = Tensor.fromArray(new Float32Array(xv), [rows, n]).clone().requiresGrad_();
          const x = p.mul(1);
          x.retainGrad();
          const s = x.sum(-1, true);
          if (retain) s.retainGrad();
          const y = x.div(s).mul(Tensor.fromArray(new Float32Array(wv), [rows, n]).clone()).sum();
          const e = extra(x, s);
          (first ? e.add(y) : y.add(e)).backward();
          return x.grad!.toTypedArray() as Float32Array;
        });
        expectSameBits(run(false), run(true), `extra consumer ${extra}, ${first ? 'first' : 'last'}`);
      }
    }
  });

  it('the SIMD kernel in the arena, the plain loop, SIMD off', () => onEveryPath(caseOf, check));

  it('edge cases: every special value as x and as gradient, in rows of 3 to 32 (the lecture\'s 27)', () => {
    setNumThreads(1);
    for (const n of [3, 8, 9, 12, 27, 31, 32]) {
      const c = specialRows(n, (j) => f32(1.5 + j));
      check(c, true);
      check(c, false);
    }
  });

  it('split by rows between two threads: the same bits (the helper ran)', () => {
    setNumThreads(2);
    const r = rng(27);
    const rows = 10_000, n = 27;
    const c: Case = { shape: [rows, n], g: values(rows * n, r, 0.001, false), x: values(rows * n, r, 0.001, true) };
    const before = helperJobs();
    check(c, true);
    expect(helperJobs() - before).toBeGreaterThan(0);
  });
});
