/**
 * Adversarial checks of the pair gather (engine/fast/pair-gather.ts): `probs[arange(n), ys]` of
 * table rows kept as table rows of the R·W pairs `index[b]·W + ys[b]`, and its gradient numbered
 * by pair (`pairGatherGradient`, `RowNumbering.byPairs`, `OneEntryRows.byPairs`), with i₀ a
 * deferred `arange(n)` (fast/deferred-range.ts) known without being read.
 *
 * The promise under test: every value, gradient and error is the same, bit for bit, with table
 * rows on (threshold 0, so that small n take the path) as with them off (`tableRowsBothWays`;
 * the engine with table rows off is checked against PyTorch elsewhere), and, where an
 * independent loop is simple, the same as that loop. The inputs go where the shortcut could
 * cut a corner: first indices that are `arange(n)` in every form (deferred, written out, a
 * literal, `arange(-n, 0)`, views with offsets and strides) and ones that are almost it; class
 * indices negative, strided, offset, broadcast; the indices written between forward and backward
 * through ops, through `.data` and through the raw typed array; the gradient reaching the gather
 * from another gather over the same probs or over another tensor of the same rows; NaN, ±inf,
 * ±0 and subnormal tables; unused pairs; sum and mean; retained gradients; retained graphs; tidy.
 */
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor, arange, noGrad, oneHot, tidy } from '../../engine/index.js';
import { deferRows, setTableRows, tableRowsOf } from '../../engine/fast/table-rows.js';
import { OneEntryRows } from '../../engine/fast/one-entry-rows.js';
import { crossEntropy, logSoftmax, softmax } from '../../nn/index.js';
import { tableRowsBothWays, tensorBits } from '../support/table-rows-both-ways.js';
import { bitsOfFloat, floatBitsArb, floatOfBits, floatsFromBits } from '../support/float32-edges.js';

afterEach(() => setTableRows(true));

const ints = (v: readonly number[]) => Tensor.fromArray(Int32Array.from(v), [v.length], 'int32');

/** Fail unless `f` gives the same bits (or the same error) with table rows off and on. */
function expectBothWaysSame(what: string, f: () => (Tensor | null)[]): void {
  const { off, on } = tableRowsBothWays(f);
  expect(on, what).toEqual(off);
}

// ---------------------------------------------------------------- the indices, in every form

/** Forms of a first index whose values are a range (b or b − n at position b): the pair path applies. */
const RANGE_FORMS = ['deferred', 'written', 'literal', 'negative', 'mixed', 'narrow', 'offset', 'strided'] as const;
/** Forms of a first index that is not a range: the general path, with table rows on as off. */
const OTHER_FORMS = ['reversed', 'oneOff', 'shifted', 'outOfRange', 'deferredOffset', 'deferredStrided', 'deferredStart', 'deferredStep', 'deferredLonger'] as const;
type FirstForm = (typeof RANGE_FORMS)[number] | (typeof OTHER_FORMS)[number];

/** The first index, `arange(n)` in the given form (or not quite, for OTHER_FORMS). */
function firstIndex(form: FirstForm, n: number, k: number): Tensor {
  const range = Array.from({ length: n }, (_, b) => b);
  switch (form) {
    case 'deferred': return arange(n);
    case 'written': {
      const a = arange(n);
      void a.storage.data; // written out: the pair path must read and check it
      return a;
    }
    case 'literal': return ints(range);
    case 'negative': return arange(-n, 0);
    case 'mixed': return ints(range.map((b) => (b % 2 === 0 ? b : b - n)));
    case 'narrow': return arange(n + 5).narrow(0, 0, n); // a deferred range's first n values (a view)
    case 'offset': return ints([7, ...range]).narrow(0, 1, n);
    case 'strided': return ints(range.flatMap((b) => [b, -1])).view([n, 2]).select(1, 0);
    case 'reversed': return ints(range.reverse());
    case 'oneOff': return ints(range.map((b) => (b === k % n ? (b + 1) % n : b)));
    case 'shifted': return arange(n + 1).narrow(0, 1, n).sub(1).add(k % 2); // arange(n) + 0 or + 1 (the last out of range then)
    case 'outOfRange': return ints(range.map((b) => (b === k % n ? n : b)));
    // deferred ranges that are not arange(n) (isRange must say no without reading them)
    case 'deferredOffset': return arange(n + 1 + (k % 3)).narrow(0, 1 + (k % 2), n); // 1 … n or 2 … n + 1
    case 'deferredStrided': return arange(2 * n).view([n, 2]).select(1, k % 2); // 0, 2, 4, … or 1, 3, 5, …
    case 'deferredStart': return arange(k % 2 === 0 ? 1 : -1, n + (k % 2 === 0 ? 1 : -1)); // 1 … n or −1 … n − 2
    case 'deferredStep': return arange(0, 2 * n, 2);
    case 'deferredLonger': return arange(n + 1); // n + 1 rows for n: a shape error
  }
}

const Y_FORMS = ['plain', 'negative', 'strided', 'offset', 'broadcast', 'outOfRange', 'outOfRangeNegative'] as const;
type YForm = (typeof Y_FORMS)[number];

/** The class index ys (values in [0, C)) in the given form (`k` picks a position to spoil). */
function classIndex(form: YForm, ys: readonly number[], C: number, k: number): Tensor {
  const n = ys.length;
  switch (form) {
    case 'plain': return ints(ys);
    case 'negative': return ints(ys.map((y, b) => ((b + k) % 3 === 0 ? y - C : y)));
    case 'strided': return ints(ys.flatMap((y) => [y, C + 9])).view([n, 2]).select(1, 0);
    case 'offset': return ints([C + 9, C + 9, ...ys]).narrow(0, 2, n);
    case 'broadcast': return ints([ys[0]]).expand(n);
    case 'outOfRange': return ints(ys.map((y, b) => (b === k % n ? C : y)));
    case 'outOfRangeNegative': return ints(ys.map((y, b) => (b === k % n ? -C - 1 : y)));
  }
}

// ---------------------------------------------------------------- the lecture's chain, with n > C² (the pair path applies)

/** A lecture-shaped case: C classes, n > C² examples (so that the R·W pairs are fewer than the rows). */
const chainCase = fc.integer({ min: 1, max: 4 }).chain((C) => fc.integer({ min: C * C + 1, max: C * C + 40 }).chain((n) => fc.record({
  C: fc.constant(C),
  xs: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: n, maxLength: n }),
  ys: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: n, maxLength: n }),
  W: fc.array(floatBitsArb, { minLength: C * C, maxLength: C * C }),
  k: fc.nat(),
})));

/** `W`, `probs` = softmax of `oneHot(xs) @ W` (the lecture's), and the intermediates. */
function lectureProbs(C: number, xs: readonly number[], Wb: readonly number[]) {
  const W = floatsFromBits(Wb, [C, C]).requiresGrad_();
  const logits = oneHot(ints(xs), C).float().matmul(W);
  const counts = logits.exp();
  const probs = counts.div(counts.sum(1, true));
  return { W, logits, counts, probs };
}

interface LossOptions { reduce: 'mean' | 'sum'; reg: number; retain: boolean; log: boolean }

/** The loss of the lecture (`-probs[i₀, ys].log().mean()` + reg·(W²).mean()) in variants, with what it touched. */
function lectureLoss(probs: Tensor, W: Tensor, i0: Tensor, y: Tensor, o: LossOptions) {
  const picked = probs.index(i0, y);
  const lp = o.log ? picked.log() : picked.mul(picked); // log: the lecture; else p² (its backward is 2·p, over the pairs too)
  if (o.retain) for (const t of [probs, picked, lp]) t.retainGrad();
  let loss = (o.reduce === 'mean' ? lp.mean() : lp.sum()).neg();
  if (o.reg !== 0) loss = loss.add(W.pow(2).mean().mul(o.reg));
  return { picked, lp, loss };
}

const lossOptions = fc.record({
  reduce: fc.constantFrom('mean' as const, 'sum' as const),
  reg: fc.constantFrom(0, 0.01, 3),
  retain: fc.boolean(),
  log: fc.boolean(),
});

describe('the pair gather in the lecture chain: the same bits with table rows on and off', () => {
  it('the path is taken (not a vacuous comparison): the result is table rows over R·W values, its gradient one-entry rows numbered by pair', () => {
    setTableRows(true, 0);
    const C = 3, xs = [0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2, 2], ys = [1, 2, 0, 0, 1, 1, 2, 2, 0, 1, 0, 2, 1], n = xs.length;
    const { probs } = lectureProbs(C, xs, [1, 2, 3, -1, 0.5, 0, 2, -3, 1].map(bitsOfFloat));
    const picked = probs.index(arange(n), ints(ys));
    const rows = tableRowsOf(picked);
    expect(rows).not.toBeNull();
    expect(rows!.table.shape).toEqual([C * C]);
    expect(Array.from(rows!.index)).toEqual(xs.map((x, b) => x * C + ys[b]));
    const lp = picked.log();
    expect(tableRowsOf(lp)?.index).toBe(rows!.index); // log ran on the 9 values
    const m = lp.mean();
    const dlp = noGrad(() => lp.gradFn!.apply(m.gradFn!.apply(Tensor.fromArray(Float32Array.of(1), []))[0]!)[0]!); // (1/n) / p over the pairs
    expect(tableRowsOf(dlp)?.index).toBe(rows!.index);
    const dprobs = noGrad(() => picked.gradFn!.apply(dlp)[0]!);
    const recipe = dprobs.storage.recipe;
    expect(recipe).toBeInstanceOf(OneEntryRows);
    expect((recipe as OneEntryRows).numbering?.key).toBe(rows!.index); // numbered by pair, as the columns were read
  });

  it('not taken when the pairs are not fewer than the rows (n ≤ R·W), nor below the threshold (n < 16384 at the default): the result is written', () => {
    const C = 3, xs = [0, 1, 2, 1, 0, 2, 2, 1, 0], ys = [1, 2, 0, 0, 1, 1, 2, 2, 0]; // n = 9 = C²
    setTableRows(true, 0);
    const { probs } = lectureProbs(C, xs, [1, 2, 3, -1, 0.5, 0, 2, -3, 1].map(bitsOfFloat));
    expect(tableRowsOf(probs.index(arange(9), ints(ys))), 'n = R·W').toBeNull();
    setTableRows(true);
    const n = 16383, bx = Array.from({ length: n }, (_, b) => b % C), by = Array.from({ length: n }, (_, b) => (b * 2) % C);
    const big = lectureProbs(C, bx, [1, 2, 3, -1, 0.5, 0, 2, -3, 1].map(bitsOfFloat)).probs;
    expect(tableRowsOf(big.index(arange(n), ints(by))), '64 KiB − 4 bytes').toBeNull();
  });

  it('loss, W.grad, the gathered values and (retained) gradients: every first-index form that is a range, every class-index form, mean and sum, log and p², reg', () => {
    fc.assert(fc.property(chainCase, fc.constantFrom(...RANGE_FORMS), fc.constantFrom(...Y_FORMS), lossOptions, ({ C, xs, ys, W, k }, form, yForm, o) => {
      expectBothWaysSame(`C=${C} n=${xs.length} i0=${form} ys=${yForm} ${JSON.stringify(o)}`, () => {
        const { W: Wt, probs } = lectureProbs(C, xs, W);
        const { picked, lp, loss } = lectureLoss(probs, Wt, firstIndex(form, xs.length, k), classIndex(yForm, ys, C, k), o);
        loss.backward();
        return [loss, Wt.grad, picked, lp, probs.grad, picked.grad, lp.grad];
      });
    }), { numRuns: 300 });
  });

  it('first indices that are almost arange(n) (reversed, one value off, shifted, out of range; deferred ranges with an offset, a stride, another start or step): the general path\'s bits or error', () => {
    fc.assert(fc.property(chainCase, fc.constantFrom(...OTHER_FORMS), fc.constantFrom(...Y_FORMS), lossOptions, ({ C, xs, ys, W, k }, form, yForm, o) => {
      expectBothWaysSame(`C=${C} n=${xs.length} i0=${form} ys=${yForm}`, () => {
        const { W: Wt, probs } = lectureProbs(C, xs, W);
        const { picked, lp, loss } = lectureLoss(probs, Wt, firstIndex(form, xs.length, k), classIndex(yForm, ys, C, k), o);
        loss.backward();
        return [loss, Wt.grad, picked, lp, probs.grad];
      });
    }), { numRuns: 150 });
  });

  it('tables with zero, infinite and NaN probabilities: log → −inf, gradients ±inf and NaN, unused pairs whose backward is not finite', () => {
    // logits of ±inf, huge and tiny values make probs 0, NaN, 1 and subnormal; ys pick some of them
    const wild = fc.constantFrom(...[Infinity, -Infinity, 88.8, -104, 1e30, -1e30, 0, -0, 1e-40].map(bitsOfFloat), 0x7fc00000, 0xffa00005);
    const wildCase = fc.integer({ min: 2, max: 4 }).chain((C) => fc.integer({ min: C * C + 1, max: C * C + 25 }).chain((n) => fc.record({
      C: fc.constant(C),
      xs: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: n, maxLength: n }),
      ys: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: n, maxLength: n }),
      W: fc.array(fc.oneof(wild, floatBitsArb), { minLength: C * C, maxLength: C * C }),
    })));
    fc.assert(fc.property(wildCase, lossOptions, ({ C, xs, ys, W }, o) => {
      expectBothWaysSame(`wild C=${C} n=${xs.length}`, () => {
        const { W: Wt, probs, logits, counts } = lectureProbs(C, xs, W);
        logits.retainGrad();
        counts.retainGrad();
        const { picked, lp, loss } = lectureLoss(probs, Wt, arange(xs.length), ints(ys), o);
        loss.backward();
        return [loss, Wt.grad, picked, lp, logits.grad, counts.grad, probs.grad];
      });
    }), { numRuns: 200 });
  });

  it('a class that no row picks (unused pairs) next to used ones, with every table row used once only', () => {
    // C = 4, every example of class x picks column 0 or 1: columns 2 and 3 are never used
    const C = 4, n = 40;
    const xs = Array.from({ length: n }, (_, b) => b % C), ys = Array.from({ length: n }, (_, b) => (b >> 2) % 2);
    const W = [1, 2, 300, -300, 0, -0, 1e-40, 88.8, -104, 5, Infinity, 1, 2, 3, 4, 5].map(bitsOfFloat);
    expectBothWaysSame('unused pairs', () => {
      const { W: Wt, probs } = lectureProbs(C, xs, W);
      const { picked, loss } = lectureLoss(probs, Wt, arange(n), ints(ys), { reduce: 'mean', reg: 0.01, retain: true, log: true });
      loss.backward();
      return [loss, Wt.grad, picked, probs.grad];
    });
  });
});

describe('the pair gather after nn\'s logSoftmax and softmax (their one-pass backwards read the numbering)', () => {
  const CHAINS: [string, (logits: Tensor, i0: Tensor, y: Tensor) => Tensor][] = [
    ['−logSoftmax[i₀, ys].mean()', (l, i0, y) => logSoftmax(l, 1).index(i0, y).mean().neg()],
    ['−logSoftmax[i₀, ys].exp().log().sum()', (l, i0, y) => logSoftmax(l, 1).index(i0, y).exp().log().sum().neg()],
    ['(logSoftmax[i₀, ys])².mean()', (l, i0, y) => { const q = logSoftmax(l, -1).index(i0, y); return q.mul(q).mean(); }],
    ['−softmax[i₀, ys].log().mean()', (l, i0, y) => softmax(l, 1).index(i0, y).log().mean().neg()],
    ['crossEntropy (no gather, the reference\'s own path)', (l, _i0, y) => crossEntropy(l, y)],
  ];
  it('loss and W.grad: the same bits with table rows on and off', () => {
    fc.assert(fc.property(chainCase, fc.constantFrom(...CHAINS), fc.constantFrom('deferred', 'negative', 'written') as fc.Arbitrary<FirstForm>, ({ C, xs, ys, W, k }, [name, chain], form) => {
      expectBothWaysSame(`${name} C=${C} n=${xs.length} i0=${form}`, () => {
        const Wt = floatsFromBits(W, [C, C]).requiresGrad_();
        const logits = oneHot(ints(xs), C).float().matmul(Wt);
        const loss = chain(logits, firstIndex(form, xs.length, k), ints(ys));
        loss.backward();
        return [loss, Wt.grad];
      });
    }), { numRuns: 200 });
  });
});

describe('the pair gather on table rows of other dtypes (float64, int32, bool)', () => {
  it('values and (float64) gradients: the same bits as table rows off', () => {
    fc.assert(fc.property(chainCase, ({ C, xs, ys, W, k }) => {
      expectBothWaysSame(`dtypes C=${C} n=${xs.length}`, () => {
        const { W: Wt, probs } = lectureProbs(C, xs, W);
        const i0 = firstIndex(RANGE_FORMS[k % RANGE_FORMS.length], xs.length, k), y = ints(ys);
        const p64 = probs.double();
        const q = p64.index(i0, y);
        const loss = q.log().mean().neg();
        loss.backward();
        const hot = oneHot(ints(xs), C);
        return [q, loss, Wt.grad, hot.index(arange(xs.length), y), hot.bool().index(arange(xs.length), y), hot.index(arange(xs.length), y).sum()];
      });
    }), { numRuns: 120 });
  });
});

// ---------------------------------------------------------------- the indices written between forward and backward

const MODS = [
  'none', 'ysDataSame', 'ysData', 'ysDataOutOfRange', 'ysRaw', 'ysRawNegative', 'ysInplace',
  'i0DataSame', 'i0Data', 'i0DataNegative', 'i0Raw', 'i0RawSame', 'i0Inplace',
  'probsData', 'pickedData', 'lpData',
] as const;
type Mod = (typeof MODS)[number];

/** Write into the indices (or read a deferred tensor) as `mod` says, between forward and backward. */
function modify(mod: Mod, t: { i0: Tensor; y: Tensor; probs: Tensor; picked: Tensor; lp: Tensor }, C: number, k: number): void {
  const n = t.i0.shape[0], b = k % n, other = (b + 1 + (k % (n - 1))) % n;
  const yAt = t.y.offset + b * t.y.strides[0];
  switch (mod) {
    case 'none': return;
    case 'ysDataSame': t.y.data.narrow(0, b, 1).add_(0); return; // a write that changes nothing (the memory's write count moves)
    case 'ysData': t.y.data.narrow(0, b, 1).fill_((k % (2 * C)) - C); return; // any class, negative or not
    case 'ysDataOutOfRange': t.y.data.narrow(0, b, 1).fill_(C + (k % 3)); return;
    case 'ysRaw': (t.y.storage.data as Int32Array)[yAt] = k % C; return; // not seen by versions nor write counts
    case 'ysRawNegative': { const d = t.y.storage.data as Int32Array; d[yAt] = ((d[yAt] % C) + C) % C - C; return; } // the same class, counted from the end
    case 'ysInplace': t.y.add_(0); return; // a saved index modified: the version error
    case 'i0DataSame': t.i0.data.narrow(0, b, 1).add_(0); return;
    case 'i0Data': t.i0.data.narrow(0, b, 1).fill_(other); return;
    case 'i0DataNegative': t.i0.data.narrow(0, b, 1).fill_(b - n); return; // still a range (b − n)
    case 'i0Raw': (t.i0.storage.data as Int32Array)[t.i0.offset + b * t.i0.strides[0]] = other; return;
    case 'i0RawSame': (t.i0.storage.data as Int32Array)[t.i0.offset + b * t.i0.strides[0]] = b; return; // writes out a deferred range
    case 'i0Inplace': t.i0.mul_(1); return;
    case 'probsData': void t.probs.storage.data; return; // probs written out: no longer table rows
    case 'pickedData': void t.picked.storage.data; return;
    case 'lpData': void t.lp.storage.data; return;
  }
}

describe('indices written between forward and backward (through ops, .data and the raw typed array)', () => {
  it('the same gradient or the same error as with table rows off, for every write and index form', () => {
    fc.assert(fc.property(chainCase, fc.constantFrom(...MODS), fc.constantFrom(...RANGE_FORMS), fc.constantFrom('plain', 'negative', 'strided', 'offset') as fc.Arbitrary<YForm>, lossOptions, ({ C, xs, ys, W, k }, mod, form, yForm, o) => {
      expectBothWaysSame(`mod=${mod} i0=${form} ys=${yForm} C=${C} n=${xs.length}`, () => {
        const { W: Wt, probs } = lectureProbs(C, xs, W);
        const i0 = firstIndex(form, xs.length, k), y = classIndex(yForm, ys, C, k);
        const { picked, lp, loss } = lectureLoss(probs, Wt, i0, y, o);
        modify(mod, { i0, y, probs, picked, lp }, C, k);
        loss.backward();
        return [loss, Wt.grad, probs.grad, picked.grad, lp.grad, i0, y];
      });
    }), { numRuns: 400 });
  });

  it('a retained graph: backward, then a write into the indices, then backward again', () => {
    fc.assert(fc.property(chainCase, fc.constantFrom(...MODS.filter((m) => !m.endsWith('Inplace'))), fc.constantFrom(...RANGE_FORMS), ({ C, xs, ys, W, k }, mod, form) => {
      expectBothWaysSame(`twice mod=${mod} i0=${form} C=${C} n=${xs.length}`, () => {
        const { W: Wt, probs } = lectureProbs(C, xs, W);
        const i0 = firstIndex(form, xs.length, k), y = ints(ys);
        const { picked, lp, loss } = lectureLoss(probs, Wt, i0, y, { reduce: 'mean', reg: 0, retain: false, log: true });
        loss.backward({ retainGraph: true });
        const first = Wt.grad!.clone();
        modify(mod, { i0, y, probs, picked, lp }, C, k);
        loss.backward();
        return [first, Wt.grad];
      });
    }), { numRuns: 200 });
  });

  it('a class index changed through .data after the forward: the gradient goes where the new index points, as PyTorch\'s saved index does', () => {
    // independent: d(sum p)/dv is 1 at (b, ys'[b]) for the ys' that backward sees (PyTorch's IndexBackward reads its saved, shared index)
    const R = 2, C = 3, n = 12;
    const index = Int32Array.from({ length: n }, (_, b) => b % R);
    const ys = Array.from({ length: n }, (_, b) => b % C);
    for (const on of [false, true]) {
      setTableRows(on, 0);
      const v = deferRows(floatsFromBits([1, 2, 3, 4, 5, 6].map(bitsOfFloat), [R, C]), index).requiresGrad_();
      const y = ints(ys);
      const p = v.index(arange(n), y);
      const loss = p.mul(p.detach()).sum(); // dloss/dp = p: table rows over the pairs
      y.data.narrow(0, 4, 1).fill_(0); // ys[4]: 1 → 0
      loss.backward();
      const want = new Float32Array(n * C);
      for (let b = 0; b < n; b++) want[b * C + (b === 4 ? 0 : ys[b])] = (b % R) * C + ys[b] + 1; // p[b] = table[index[b], ys[b]] (the forward's)
      expect(Array.from(v.grad!.toTypedArray()), `table rows ${on ? 'on' : 'off'}`).toEqual(Array.from(want));
    }
  });
});

// ---------------------------------------------------------------- the gradient from another gather

/** zs: ys with `changes` positions moved to another class. */
function otherClasses(ys: readonly number[], C: number, changes: readonly number[]): number[] {
  const zs = ys.slice();
  for (const c of changes) zs[c % zs.length] = (zs[c % zs.length] + 1) % C;
  return zs;
}

const COMBOS: [string, (a: Tensor, b: Tensor) => Tensor][] = [
  ['(pa · pb).sum()', (a, b) => a.mul(b).sum()],
  ['pa.log() + pb.log(), mean', (a, b) => a.log().add(b.log()).mean()],
  ['(pa / pb).mean()', (a, b) => a.div(b).mean()],
  ['pa · pb.detach(), sum', (a, b) => a.mul(b.detach()).sum()],
  ['(pa · pa) · pb, mean', (a, b) => a.mul(a).mul(b).mean()],
  ['pa.log().mean() − pb.log().sum()', (a, b) => a.log().mean().sub(b.log().sum())],
];

describe('the gradient reaching a gather from another gather (over the same probs, or another tensor of the same rows)', () => {
  it('two gathers combined in the forward (which writes both out), with the class indices equal or different in a few rows: the same bits as table rows off', () => {
    fc.assert(fc.property(chainCase, fc.array(fc.nat(), { maxLength: 3 }), fc.constantFrom(...COMBOS), fc.constantFrom('probs', 'logits', 'counts'), ({ C, xs, ys, W }, changes, [name, combine], other) => {
      const zs = otherClasses(ys, C, changes);
      expectBothWaysSame(`${name} other=${other} changes=${changes} C=${C} n=${xs.length}`, () => {
        const m = lectureProbs(C, xs, W);
        const second = other === 'probs' ? m.probs : other === 'logits' ? m.logits : m.counts; // table rows over the same index
        m.probs.retainGrad();
        second.retainGrad();
        const pa = m.probs.index(arange(xs.length), ints(ys)), pb = second.index(arange(xs.length), ints(zs));
        pa.retainGrad();
        const loss = combine(pa, pb);
        loss.backward();
        return [loss, m.W.grad, m.probs.grad, second.grad, pa.grad];
      });
    }), { numRuns: 250 });
  });

  it('a gradient given to backward that is table rows over another gather\'s pairs (the only way one reaches a gather unread: a forward op of two gathers writes both out)', () => {
    // pa.backward(G) with G = h(pb), pb = src[arange(n), zs] kept as table rows: dv[b, ys[b]] = 0 + G[b]
    const GRADIENTS: [string, (pb: Tensor) => Tensor][] = [
      ['pb', (pb) => pb], ['pb.log()', (pb) => pb.log()], ['pb · pb', (pb) => pb.mul(pb)], ['−pb', (pb) => pb.neg()],
    ];
    fc.assert(fc.property(chainCase, fc.array(fc.nat(), { maxLength: 3 }), fc.constantFrom(...GRADIENTS), fc.constantFrom('probs', 'logits', 'counts', 'probs of other xs'), fc.boolean(), ({ C, xs, ys, W }, changes, [name, h], other, retain) => {
      const zs = otherClasses(ys, C, changes), n = xs.length;
      expectBothWaysSame(`backward(${name}) other=${other} changes=${changes} retain=${retain} C=${C} n=${n}`, () => {
        const m = lectureProbs(C, xs, W);
        // table rows over the same index, or over another one (other rows of the same table: the pairs name other table rows)
        const second = other === 'probs' ? m.probs : other === 'logits' ? m.logits : other === 'counts' ? m.counts : lectureProbs(C, xs.map((x) => (x + 1) % C), W).probs;
        if (retain) m.probs.retainGrad(); // (its copy writes the gradient out: the softmax's backward then numbers the rows itself)
        const pa = m.probs.index(arange(n), ints(ys));
        const G = noGrad(() => h(second.index(arange(n), ints(zs)))); // over the second gather's pairs, not written out
        pa.backward(G);
        return [m.W.grad, m.probs.grad, G];
      });
    }), { numRuns: 250 });
  });

  it('backward(G) with G over another gather\'s pairs whose classes differ in one row: an independent loop', () => {
    const R = 3, C = 3, n = 20;
    const index = Int32Array.from({ length: n }, (_, b) => (b * 7) % R);
    const ys = Array.from({ length: n }, (_, b) => (b * 5) % C);
    const table = [0.5, 2, 4, 8, 16, 32, 64, 128, 256];
    for (const changed of [[], [6], [0, 19]]) {
      const zs = otherClasses(ys, C, changed);
      for (const on of [false, true]) {
        setTableRows(on, 0);
        const v = deferRows(floatsFromBits(table.map(bitsOfFloat), [R, C]), index).requiresGrad_();
        const pb = noGrad(() => v.index(arange(n), ints(zs)));
        if (on) expect(tableRowsOf(pb), 'G is table rows over pb\'s pairs').not.toBeNull();
        v.index(arange(n), ints(ys)).backward(pb);
        const want = new Float32Array(n * C);
        for (let b = 0; b < n; b++) want[b * C + ys[b]] = table[index[b] * C + zs[b]]; // row b gets G[b] in column ys[b]
        expect(Array.from(v.grad!.toTypedArray()), `changed ${changed}, table rows ${on ? 'on' : 'off'}`).toEqual(Array.from(want));
      }
    }
  });
});

// ---------------------------------------------------------------- against an independent loop

/** Table rows v (a leaf) of an R×C table of arbitrary bits, n rows, and classes: n > R·C. */
const leafCase = fc.record({ R: fc.integer({ min: 1, max: 4 }), C: fc.integer({ min: 1, max: 4 }) }).chain(({ R, C }) => fc.integer({ min: R * C + 1, max: R * C + 30 }).chain((n) => fc.record({
  R: fc.constant(R), C: fc.constant(C),
  index: fc.array(fc.integer({ min: 0, max: R - 1 }), { minLength: n, maxLength: n }),
  ys: fc.array(fc.integer({ min: -C, max: C - 1 }), { minLength: n, maxLength: n }),
  table: fc.array(floatBitsArb, { minLength: R * C, maxLength: R * C }),
})));

/** NaN as one value (the engine defines no NaN payloads); −0 and +0 told apart. */
const canon = (b: number) => ((b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0 ? -1 : b >>> 0);

describe('the pair gather against a plain loop', () => {
  it('v[arange(n), ys] copies table[index[b], ys[b]] bit for bit; the gradient of Σ log is 0 + 1/p at (b, ys[b]) (−0 → +0), +0 elsewhere', () => {
    fc.assert(fc.property(leafCase, fc.constantFrom('log', 'p·p.detach()'), ({ R, C, index, ys, table }, loss) => {
      setTableRows(true, 0);
      const n = index.length;
      const v = deferRows(floatsFromBits(table, [R, C]), Int32Array.from(index)).requiresGrad_();
      const p = v.index(arange(n), ints(ys));
      expect(tableRowsOf(p), 'the pair path').not.toBeNull();
      const col = (b: number) => (ys[b] < 0 ? ys[b] + C : ys[b]);
      const picked = Array.from({ length: n }, (_, b) => table[index[b] * C + col(b)]);
      expect(tensorBits(p)).toEqual(picked.map(canon));
      (loss === 'log' ? p.log().sum() : p.mul(p.detach()).sum()).backward();
      const want = new Float32Array(n * C); // +0
      for (let b = 0; b < n; b++) {
        const x = floatOfBits(picked[b]);
        want[b * C + col(b)] = 0 + (loss === 'log' ? Math.fround(1 / x) : x); // 1·x is x; g/x = 1/x rounded once
      }
      expect(tensorBits(v.grad), `${loss} R=${R} C=${C} n=${n}`).toEqual(Array.from(new Uint32Array(want.buffer), canon));
    }), { numRuns: 300 });
  });

  it('a pair whose gradient is −0 gives +0 in the gradient of probs (0 + g), as with table rows off', () => {
    const R = 2, C = 2, n = 9;
    const index = Int32Array.from({ length: n }, (_, b) => b % R), ys = Array.from({ length: n }, (_, b) => (b >> 1) % C);
    const table = [-0, 1, 0, -2];
    const want = new Float32Array(n * C);
    for (let b = 0; b < n; b++) want[b * C + ys[b]] = 0 + table[index[b] * C + ys[b]]; // 0 + −0 is +0
    for (const on of [false, true]) {
      setTableRows(on, 0);
      const v = deferRows(floatsFromBits(table.map(bitsOfFloat), [R, C]), index).requiresGrad_();
      const p = v.index(arange(n), ints(ys));
      p.mul(p.detach()).sum().backward(); // dp = p: −0 where the table holds −0
      expect(tensorBits(v.grad), `table rows ${on ? 'on' : 'off'}`).toEqual(Array.from(new Uint32Array(want.buffer)));
    }
  });

  it('unused pairs carry the value 0 in the numbered gradient (so the softmax\'s backward on them stays finite), used ones 0 + g', () => {
    setTableRows(true, 0);
    const R = 2, C = 3, n = 8;
    const index = Int32Array.from({ length: n }, (_, b) => b % R), ys = Array.from({ length: n }, () => 1); // columns 0 and 2 unused
    const v = deferRows(floatsFromBits([NaN, 2, Infinity, -Infinity, -0, NaN].map(bitsOfFloat), [R, C]), index).requiresGrad_();
    const p = v.index(arange(n), ints(ys));
    const g = noGrad(() => p.detach().log()); // over the pairs: NaN and ±inf where unused
    expect(tableRowsOf(g)?.index).toBe(tableRowsOf(p)!.index);
    const recipe = noGrad(() => p.gradFn!.apply(g)[0]!).storage.recipe as OneEntryRows;
    expect(recipe).toBeInstanceOf(OneEntryRows);
    const numbering = recipe.numbering!, gBits = tensorBits(g)!;
    expect(numbering.rowOf.length).toBe(R * C);
    for (let q = 0; q < R * C; q++) {
      const used = q % C === 1, b = Math.floor(q / C); // row b has table row b (b < R)
      expect(numbering.count[q], `count of pair ${q}`).toBe(used ? n / R : 0);
      expect(numbering.bitsOf[q] >>> 0, `value of pair ${q}`).toBe(used ? bitsOfFloat(0 + floatOfBits(gBits[b])) : 0);
    }
  });
});

// ---------------------------------------------------------------- reads, tidy, retained graphs, steps

describe('in-place writes into the gathered values or into probs, table rows switched between forward and backward', () => {
  const C = 3, n = 30;
  const xs = Array.from({ length: n }, (_, b) => (b * 7 + 1) % C), ys = Array.from({ length: n }, (_, b) => (b * 5 + 2) % C);
  const W0 = [0.3, -1, 2, 0.5, 0, -0.25, 1.5, -2, 0.75].map(bitsOfFloat);
  const WRITES: [string, (probs: Tensor, picked: Tensor) => void][] = [
    ['picked.data.mul_(2)', (_p, q) => q.data.mul_(2)],
    ['picked.detach().add_(1)', (_p, q) => q.detach().add_(1)],
    ['raw write into picked', (_p, q) => { (q.storage.data as Float32Array)[3] = 42; }],
    ['probs.data.mul_(0)', (p) => p.data.mul_(0)],
    ['probs.detach().add_(1)', (p) => p.detach().add_(1)],
    ['raw write into probs', (p) => { (p.storage.data as Float32Array)[5] = -1; }],
  ];

  it('writes into the gathered values do not reach probs (its table is shared by both), writes into probs do not reach the gathered values: the same bits or error as with table rows off', () => {
    for (const [what, write] of WRITES) {
      expectBothWaysSame(what, () => {
        const { W, probs } = lectureProbs(C, xs, W0);
        const picked = probs.index(arange(n), ints(ys));
        const other = probs.index(arange(n), ints(ys)); // another gather over the same table
        write(probs, picked);
        const lp = picked.log(), lo = other.log();
        const loss = lp.mean().add(lo.mean()).neg();
        loss.backward();
        return [picked, other, probs, lp, lo, loss, W.grad];
      });
    }
  });

  it('forward with table rows on and backward with them off, and the other way round: the bits of table rows off throughout', () => {
    const step = (forward: [boolean, number?], backward: [boolean, number?]) => {
      setTableRows(...forward);
      const { W, probs } = lectureProbs(C, xs, W0);
      probs.retainGrad();
      const picked = probs.index(arange(n), ints(ys));
      const loss = picked.log().mean().neg();
      setTableRows(...backward);
      loss.backward();
      const out = [loss, W.grad, probs.grad, picked].map(tensorBits);
      setTableRows(true);
      return out;
    };
    const off = step([false], [false]);
    expect(step([true, 0], [false]), 'forward on, backward off').toEqual(off);
    expect(step([false], [true, 0]), 'forward off, backward on').toEqual(off);
    expect(step([true, 0], [true]), 'backward at the default threshold').toEqual(off);
  });

  it('indexing, viewing and reducing the gathered values (1-D table rows over pairs): the same bits as table rows off', () => {
    expectBothWaysSame('ops on picked', () => {
      const { probs } = lectureProbs(C, xs, W0);
      const picked = probs.index(arange(n), ints(ys));
      return [
        picked.index(arange(n).flip(0)), picked.index(ints([0, -1, 5])), picked.index(picked.gt(0.3)), picked.view([n / 2, 2]), picked.unsqueeze(1).mul(picked.unsqueeze(0)).sum(1),
        picked.sum(), picked.mean(), picked.max(), picked.cumsum(0), picked.add(ints(ys)), picked.mul(Tensor.fromArray(Float32Array.of(2), [1])), picked.float(), picked.double(), picked.gt(0.5), picked.clone(),
      ];
    });
  });
});

describe('results read, kept out of tidy, retained graphs, several steps', () => {
  const C = 3, n = 30;
  const xs = Array.from({ length: n }, (_, b) => (b * 7 + 1) % C), ys = Array.from({ length: n }, (_, b) => (b * 5 + 2) % C);
  const W0 = [0.3, -1, 2, 0.5, 0, -0.25, 1.5, -2, 0.75].map(bitsOfFloat);

  it('the gathered values read through .data before and after backward', () => {
    expectBothWaysSame('data before/after', () => {
      const { W, probs } = lectureProbs(C, xs, W0);
      const picked = probs.index(arange(n), ints(ys));
      const before = picked.data.clone();
      const loss = picked.log().mean().neg();
      loss.backward();
      return [before, picked.data, loss, W.grad];
    });
  });

  it('the gathered values and the loss returned out of tidy, the backward after it; and the whole step inside tidy', () => {
    expectBothWaysSame('tidy', () => {
      const { W, probs } = lectureProbs(C, xs, W0);
      const ar = arange(n); // made outside, used inside
      const [picked, loss] = tidy(() => {
        const p = probs.index(ar, ints(ys));
        return [p, p.log().mean().neg()];
      });
      loss.backward();
      const W2 = floatsFromBits(W0, [C, C]).requiresGrad_();
      const inside = tidy(() => {
        const pr = oneHot(ints(xs), C).float().matmul(W2).exp();
        const l = pr.div(pr.sum(1, true)).index(arange(n), ints(ys)).log().mean().neg();
        l.backward();
        return l;
      });
      return [picked, loss, W.grad, inside, W2.grad, ar];
    });
  });

  it('the whole forward inside tidy (arange(n) made there, never read by the pair path), the backward after it: n below and above the pool size, default threshold too', () => {
    for (const big of [40, 20000]) {
      const bx = Array.from({ length: big }, (_, b) => (b * 7 + 1) % C), by = Array.from({ length: big }, (_, b) => (b * 5 + 2) % C);
      const run = (mode: [boolean, number?]) => {
        setTableRows(...mode);
        const W = floatsFromBits(W0, [C, C]).requiresGrad_();
        const loss = tidy(() => {
          const c = oneHot(ints(bx), C).float().matmul(W).exp();
          return c.div(c.sum(1, true)).index(arange(big), ints(by)).log().mean().neg();
        });
        loss.backward();
        const out = [loss, W.grad].map(tensorBits);
        setTableRows(true);
        return out;
      };
      const off = run([false]);
      expect(run([true, 0]), `n = ${big}, threshold 0`).toEqual(off);
      expect(run([true]), `n = ${big}, default threshold`).toEqual(off);
    }
  });

  it('backward twice through a retained graph (W.grad accumulates), and three training steps as the lecture writes them', () => {
    expectBothWaysSame('retained graph and steps', () => {
      const { W, probs } = lectureProbs(C, xs, W0);
      const loss = probs.index(arange(n), ints(ys)).log().mean().neg();
      loss.backward({ retainGraph: true });
      const once = W.grad!.clone();
      loss.backward();
      const out: Tensor[] = [once, W.grad!];
      const V = floatsFromBits(W0, [C, C]).requiresGrad_();
      for (let step = 0; step < 3; step++) {
        const pr = oneHot(ints(xs), C).float().matmul(V).exp();
        const l = pr.div(pr.sum(1, true)).index(arange(n), ints(ys)).log().mean().neg().add(V.pow(2).mean().mul(0.01));
        V.grad = null;
        l.backward();
        V.data.add_(V.grad!.mul(-50));
        out.push(l, V.grad!, V.detach().clone());
      }
      return out;
    });
  });

  it('W.grad accumulated over steps without zeroing, and the lecture\'s n (the default threshold, n ≥ 16384)', () => {
    const big = 20000;
    const bx = Array.from({ length: big }, (_, b) => (b * 13 + 5) % 27), by = Array.from({ length: big }, (_, b) => (b * 11 + 3) % 27);
    const run = (enabled: boolean) => {
      setTableRows(enabled); // the default threshold: arange(20000) deferred, the pair path as in the lecture
      const W = floatsFromBits(Array.from({ length: 27 * 27 }, (_, i) => bitsOfFloat(Math.sin(i) * 3)), [27, 27]).requiresGrad_();
      const out: (Tensor | null)[] = [];
      for (let step = 0; step < 2; step++) {
        const pr = oneHot(ints(bx), 27).float().matmul(W).exp();
        const probs = pr.div(pr.sum(1, true));
        const ar = arange(big);
        if (enabled && step === 0) expect(ar.storage.recipe, 'arange(20000) deferred').not.toBeNull();
        const picked = probs.index(ar, ints(by));
        if (enabled && step === 0) expect(tableRowsOf(picked), 'the pair path at the default threshold').not.toBeNull();
        const l = picked.log().mean().neg();
        l.backward();
        out.push(l, W.grad!.clone());
      }
      return out.map(tensorBits);
    };
    try {
      expect(run(true)).toEqual(run(false));
    } finally {
      setTableRows(true);
    }
  });
});

