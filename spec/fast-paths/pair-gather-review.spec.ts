/**
 * A review's checks of the session-9 table-rows changes (fast/pair-gather.ts, deferred-range.ts,
 * deferred-constant.ts, table-rows.ts `rowwise2`/`oneRow`), for what the other specs of these
 * paths (pair-gather*.spec.ts, deferred-range.spec.ts, mean-backward-*.spec.ts) do not reach:
 *
 * - mean's deferred-constant gradient meeting table rows whose dims are size 1 where it has
 *   extent (`oneRow` hands the op the constant's one value; the result must keep the broadcast
 *   shape), for every binary op whose backward takes that road (`mul` followed by a mean over
 *   every dim failed when this was written: the table op gave [R, 1] where [R, W] was due;
 *   fixed since, spec/fast-paths/rowwise2-constant-trailing.spec.ts);
 * - the lecture's chain with a float64 gradient given to `backward`, with several gradient
 *   contributions meeting at the gather (added in place), with retained gradients (whose clone
 *   writes the deferred gradients out), SIMD off and two threads;
 * - printing the deferred results, `Storage.wrap` of their data and a raw write through it;
 * - `arange` too large for a typed array: the error at `arange`, with table rows on as off.
 *
 * The reference is the engine with table rows off (checked against PyTorch elsewhere), bit for
 * bit (`tableRowsBothWays`, threshold 0 so that small sizes take the paths), and a plain loop
 * where one is short.
 */
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Storage, Tensor, arange, getNumThreads, maximum, oneHot, setNumThreads, setSimdEnabled, tidy } from '../../engine/index.js';
import { setTableRows, tableRowsOf } from '../../engine/fast/table-rows.js';
import { tableRowsBothWays, tensorBits } from '../support/table-rows-both-ways.js';
import { floatBitsArb, floatsFromBits } from '../support/float32-edges.js';

afterEach(() => setTableRows(true));

const ints = (v: readonly number[]) => Tensor.fromArray(Int32Array.from(v), [v.length], 'int32');

/** Fail unless `f` gives the same bits (or the same error) with table rows off and on, and no error. */
function expectSameBothWays(what: string, f: () => (Tensor | null)[]): void {
  const { off, on } = tableRowsBothWays(f);
  expect(typeof off, `${what}: table rows off raised ${String(off)}`).not.toBe('string');
  expect(on, what).toEqual(off);
}

// ---------------------------------------------------------------- mean's constant against size-1 dims

/** Binary ops whose backward meets mean's constant gradient and a table-rows operand ([n, 1] or [n, m]). */
const OPS: [string, (a: Tensor, b: Tensor) => Tensor][] = [
  ['add', (a, b) => a.add(b)], ['sub', (a, b) => a.sub(b)], ['rsub', (a, b) => b.sub(a)],
  ['div', (a, b) => a.div(b)], ['rdiv', (a, b) => b.div(a)], ['pow', (a, b) => a.exp().pow(b.div(8))],
  ['maximum', (a, b) => maximum(a, b)], ['mul', (a, b) => a.mul(b)], ['rmul', (a, b) => b.mul(a)],
];

/** The reduction to a scalar: mean over every dim (mean's gradient is a deferred constant) or sum. */
const REDUCE: [string, (t: Tensor) => Tensor][] = [
  ['mean()', (t) => t.mean()], ['mean([0, 1])', (t) => t.mean([0, 1])], ['sum()', (t) => t.sum()],
];

describe('mean\'s deferred-constant gradient meeting table rows with size-1 dims (rowwise2, oneRow)', () => {
  it('l ∘ s with s = rows of [n, 1] or [n, m] (table rows over the same index), reduced: loss and W.grad the same bits with table rows on and off', () => {
    const caseArb = fc.record({ C: fc.integer({ min: 1, max: 4 }), m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 2, max: 24 }) }).chain(({ C, m, n }) => fc.record({
      C: fc.constant(C), m: fc.constant(m),
      xs: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: n, maxLength: n }),
      M: fc.array(floatBitsArb, { minLength: C * m, maxLength: C * m }),
      keepdimRows: fc.boolean(),
    }));
    const combos = OPS.flatMap((op) => REDUCE.map((r) => [op, r] as const));
    fc.assert(fc.property(caseArb, fc.constantFrom(...combos), ({ C, m, xs, M, keepdimRows }, [[name, op], [rname, reduce]]) => {
      expectSameBothWays(`${name} then ${rname}, s ${keepdimRows ? '[n, 1]' : '[n, m]'}, C=${C} m=${m} n=${xs.length}`, () => {
        const W = floatsFromBits(M, [C, m]).requiresGrad_();
        const l = oneHot(ints(xs), C).float().matmul(W);
        const s = keepdimRows ? l.exp().sum(1, true) : l.exp();
        const loss = reduce(op(l, s));
        loss.backward();
        return [loss, W.grad];
      });
    }), { numRuns: 300 });
  });

  it('the path is taken: with table rows on (threshold 0) the operands are table rows over one index, the [n, 1] one with table [R, 1]', () => {
    setTableRows(true, 0);
    const xs = ints([0, 1, 2, 1, 0, 2, 2]);
    const l = oneHot(xs, 3).float().matmul(Tensor.fromArray(Float32Array.from({ length: 12 }, (_, k) => k / 4 - 1), [3, 4]));
    const s = l.exp().sum(1, true);
    expect(tableRowsOf(s)?.index).toBe(tableRowsOf(l)!.index);
    expect(tableRowsOf(s)!.table.shape).toEqual([3, 1]);
  });

  it('(a [n, 1] table rows) · x[1, W], summed: x.grad[j] = Σ_b a[b], a plain loop (every partial sum exact)', () => {
    setTableRows(true, 0);
    const n = 40, W = 3, a = Array.from({ length: n }, (_, b) => (b % 3) + 1);
    const xs = ints(a.map((v) => v - 1));
    const x = Tensor.fromArray(Float32Array.of(0.5, -1, 2), [1, W], 'float32').requiresGrad_();
    const at = oneHot(xs, 3).float().matmul(Tensor.fromArray(Float32Array.of(1, 2, 3), [3, 1])); // [n, 1]: a[b]
    expect(tableRowsOf(at)).not.toBeNull();
    at.mul(x).sum().backward();
    const want = a.reduce((p, v) => p + v, 0);
    expect(Array.from(x.grad!.toTypedArray())).toEqual([want, want, want]);
  });
});

// ---------------------------------------------------------------- the lecture chain, other ways to run it

/** The lecture's probs over C classes and the gathered values, with W. */
function lecture(C: number, xs: readonly number[], ys: readonly number[], M: readonly number[]) {
  const W = Tensor.fromArray(Float32Array.from(M), [C, C], 'float32').requiresGrad_();
  const counts = oneHot(ints(xs), C).float().matmul(W).exp();
  const probs = counts.div(counts.sum(1, true));
  const picked = probs.index(arange(xs.length), ints(ys));
  return { W, probs, picked };
}

const lectureCase = fc.integer({ min: 1, max: 3 }).chain((C) => fc.integer({ min: C * C + 1, max: C * C + 30 }).chain((n) => fc.record({
  C: fc.constant(C),
  xs: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: n, maxLength: n }),
  ys: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: n, maxLength: n }),
  M: fc.array(fc.integer({ min: -40, max: 40 }).map((k) => k / 8), { minLength: C * C, maxLength: C * C }),
})));

describe('the pair gather\'s chain run other ways: the same bits with table rows on and off', () => {
  it('a float64 gradient given to backward, reaching mean directly (its constant float64, cast to float32 for the log) or through neg (cast before)', () => {
    fc.assert(fc.property(lectureCase, fc.double({ min: -4, max: 4, noNaN: true }), fc.boolean(), ({ C, xs, ys, M }, g, neg) => {
      expectSameBothWays(`g=${g} neg=${neg}`, () => {
        const { W, picked } = lecture(C, xs, ys, M);
        const loss = neg ? picked.log().mean().neg() : picked.log().mean(); // without neg, mean gets the float64 g itself
        loss.backward(Tensor.fromArray(Float64Array.of(g), [], 'float64'));
        expect(W.grad!.dtype).toBe('float32');
        return [loss, W.grad];
      });
    }), { numRuns: 60 });
  });

  it('several gradient contributions meeting at the gather (log·mean, mean, p², 0.3·Σ log): added there, in place', () => {
    fc.assert(fc.property(lectureCase, ({ C, xs, ys, M }) => {
      expectSameBothWays('contributions', () => {
        const { W, picked } = lecture(C, xs, ys, M);
        const loss = picked.log().mean().neg().add(picked.mean()).add(picked.mul(picked).mean()).add(picked.log().sum().mul(0.3));
        loss.backward();
        return [loss, W.grad];
      });
    }), { numRuns: 60 });
  });

  it('retained gradients of probs, the gathered values and the log (their clones write the deferred gradients out before the walk reads them)', () => {
    fc.assert(fc.property(lectureCase, ({ C, xs, ys, M }) => {
      expectSameBothWays('retained', () => {
        const { W, probs, picked } = lecture(C, xs, ys, M);
        const lp = picked.log();
        for (const t of [probs, picked, lp]) t.retainGrad();
        const loss = lp.mean().neg();
        loss.backward();
        return [loss, W.grad, probs.grad, picked.grad, lp.grad];
      });
    }), { numRuns: 60 });
  });

  it('probs retained alone (the pair path still runs: nothing between it and the gather writes the gradient out), its gradient the clone of the pair gradient', () => {
    fc.assert(fc.property(lectureCase, ({ C, xs, ys, M }) => {
      expectSameBothWays('probs retained', () => {
        const { W, probs, picked } = lecture(C, xs, ys, M);
        probs.retainGrad();
        const loss = picked.log().mean().neg();
        loss.backward();
        return [loss, W.grad, probs.grad];
      });
    }), { numRuns: 60 });
  });

  it('the retained gradient of mean\'s input is −1/n in every element (a plain loop), with table rows on', () => {
    setTableRows(true, 0);
    const n = 41, xs = Array.from({ length: n }, (_, b) => b % 3), ys = Array.from({ length: n }, (_, b) => (b * 2) % 3);
    const { picked } = lecture(3, xs, ys, Array.from({ length: 9 }, (_, k) => k / 8));
    const lp = picked.log();
    lp.retainGrad();
    lp.mean().neg().backward();
    expect(Array.from(lp.grad!.toTypedArray())).toEqual(new Array(n).fill(Math.fround(-1 / n)));
  });

  it('SIMD kernels off, and two threads, in tidy: the same bits as table rows off (n = 20,000, the default threshold applies)', () => {
    const n = 20000, C = 27;
    const xs = Array.from({ length: n }, (_, b) => (b * 7 + (b >> 5)) % C), ys = Array.from({ length: n }, (_, b) => (b * 11 + (b >> 3)) % C);
    const M = Array.from({ length: C * C }, (_, k) => ((k * 37) % 61) / 16 - 2);
    const step = () => tidy(() => {
      const { W, picked } = lecture(C, xs, ys, M);
      const loss = picked.log().mean().neg();
      loss.backward();
      return [loss, W.grad];
    });
    const threads = getNumThreads();
    try {
      for (const [simd, t] of [[false, 1], [true, 2]] as const) {
        setSimdEnabled(simd);
        setNumThreads(t);
        setTableRows(false);
        const off = step().map(tensorBits);
        setTableRows(true);
        const on = step().map(tensorBits);
        expect(on, `simd ${simd}, ${t} threads`).toEqual(off);
      }
    } finally {
      setSimdEnabled(true);
      setNumThreads(threads);
    }
  });
});

// ---------------------------------------------------------------- printing, Storage.wrap, raw writes

describe('the deferred results printed, wrapped and written through the raw array', () => {
  it('toString of the gathered values, of arange(n) and of the log: the same text with table rows on and off', () => {
    const n = 30, xs = Array.from({ length: n }, (_, b) => b % 3), ys = Array.from({ length: n }, (_, b) => (b + 1) % 3);
    const text = (on: boolean) => {
      setTableRows(on, 0);
      const { picked } = lecture(3, xs, ys, [0, 0.5, 1, -1, 2, 0.25, 3, -2, 1]);
      return [picked.toString(), arange(n).toString(), picked.log().toString()];
    };
    const off = text(false);
    expect(text(true)).toEqual(off);
  });

  it('Storage.wrap of the gathered values\' data shares it: a raw write through the wrapper is what the next forward op and the backward see', () => {
    const n = 30, xs = Array.from({ length: n }, (_, b) => b % 3), ys = Array.from({ length: n }, (_, b) => (b * 2) % 3);
    expectSameBothWays('wrap', () => {
      const { W, picked } = lecture(3, xs, ys, [0, 0.5, 1, -1, 2, 0.25, 3, -2, 1]);
      const shared = new Tensor(Storage.wrap(picked.storage.data), [n]);
      (shared.storage.data as Float32Array)[4] = 0.125; // no version counter sees it, as a .data write in PyTorch
      const loss = picked.log().mean().neg();
      loss.backward();
      return [loss, W.grad, shared];
    });
  });

  it('Storage.wrap of arange(n)\'s data, a raw write, then the gather: the written value is the row it picks', () => {
    const n = 30, xs = Array.from({ length: n }, (_, b) => b % 3), ys = Array.from({ length: n }, (_, b) => (b * 2) % 3);
    expectSameBothWays('wrap arange', () => {
      const W = Tensor.fromArray(Float32Array.from({ length: 9 }, (_, k) => k / 8), [3, 3], 'float32').requiresGrad_();
      const counts = oneHot(ints(xs), 3).float().matmul(W).exp();
      const probs = counts.div(counts.sum(1, true));
      const r = arange(n);
      (Storage.wrap(r.storage.data).data as Int32Array)[3] = 5;
      const picked = probs.index(r, ints(ys));
      const loss = picked.log().mean().neg();
      loss.backward();
      return [picked, W.grad];
    });
  });
});

// ---------------------------------------------------------------- arange beyond a typed array

describe('arange beyond what a typed array holds', () => {
  it('arange(2³²) and arange(0, 2³³, 2): an error at arange, with table rows on as off (int32 cannot hold the values; float64: can\'t allocate)', () => {
    for (const make of [() => arange(2 ** 32), () => arange(0, 2 ** 33, 2)]) {
      const { off, on } = tableRowsBothWays(() => [make()]);
      expect(off).toMatch(/^RangeError: arange: the values from 0 to \d+ do not fit in int32/);
      expect(on).toEqual(off);
    }
    for (const make of [() => arange(2 ** 32, { dtype: 'float64' }), () => arange(0, 2 ** 33, 2, { dtype: 'float64' })]) {
      const { off, on } = tableRowsBothWays(() => [make()]);
      expect(off).toMatch(/^RangeError: can't allocate memory: you tried to allocate 34359738368 bytes \(4294967296 elements of float64\)/);
      expect(on).toEqual(off);
    }
  });
});
