/**
 * Table rows in the nn idiom (engine/fast/table-rows.ts, docs/tensor.md §8): the bigram model
 * written with `Linear` and `crossEntropy` (bigram/bigram-model.ts) runs on the tables too —
 * logSoftmax of table rows, nllLoss reading the table, nllLoss's gradient kept as one value per
 * row, logSoftmax's backward on the distinct rows. The promise is the same as for the lecture's
 * chain: every value, gradient and error is the same, bit for bit, with table rows on (threshold
 * 0: every size takes the path) and off. NaNs compare as NaNs (the engine defines no payloads).
 */
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor, oneHot, tidy } from '../../engine/index.js';
import { setTableRows, tableRowsOf } from '../../engine/fast/table-rows.js';
import { oneEntryRowsOf } from '../../engine/fast/one-entry-rows.js';
import { Linear, crossEntropy, logSoftmax, nllLoss } from '../../nn/index.js';
import { tableRowsBothWays as bothWays, tensorBits as bits } from '../support/table-rows-both-ways.js';

afterEach(() => setTableRows(true));

/** A float32 value: ordinary, or one of the edge values. */
const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -8, max: 8, noNaN: true }).map(Math.fround) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1e-40, -1e-40, 88.5, -104, Infinity, -Infinity, NaN, 3.4e38) },
);

/** n examples over C classes: inputs, targets and a C×C weight. */
const problem = fc.integer({ min: 2, max: 9 }).chain((C) => fc.record({
  C: fc.constant(C),
  xs: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: 1, maxLength: 60 }),
  seed: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: 60, maxLength: 60 }),
  W: fc.array(value, { minLength: C * C, maxLength: C * C }),
  reduction: fc.constantFrom<'mean' | 'sum'>('mean', 'sum'),
}));

const ints = (v: readonly number[]) => Tensor.fromArray(Int32Array.from(v), [v.length], 'int32');

describe('table rows in the nn idiom (Linear + crossEntropy) give the same bits as without', () => {
  it('the loss and the weight\'s gradient, mean and sum, with edge values in the weight', () => {
    fc.assert(fc.property(problem, ({ C, xs, seed, W, reduction }) => {
      const ys = xs.map((_, i) => seed[i % seed.length]);
      const o = bothWays(() => {
        const layer = new Linear(C, C, { bias: false });
        layer.weight.data.copy_(Tensor.fromArray(Float32Array.from(W), [C, C]));
        const loss = crossEntropy(layer.forward(oneHot(ints(xs), C).float()), ints(ys), { reduction });
        loss.backward();
        return [loss, layer.weight.grad];
      });
      expect(o.on).toEqual(o.off);
    }), { numRuns: 150 });
  });

  it('logSoftmax then nllLoss by hand, with an intermediate kept (retainGrad) and read afterwards', () => {
    fc.assert(fc.property(problem, ({ C, xs, seed, W, reduction }) => {
      const ys = xs.map((_, i) => seed[(3 * i) % seed.length]);
      const o = bothWays(() => {
        const w = Tensor.fromArray(Float32Array.from(W), [C, C]).requiresGrad_();
        const logits = oneHot(ints(xs), C).float().matmul(w);
        const logProbs = logSoftmax(logits, 1);
        logProbs.retainGrad();
        const loss = nllLoss(logProbs, ints(ys), { reduction });
        loss.backward();
        return [loss, logProbs, logProbs.grad, w.grad];
      });
      expect(o.on).toEqual(o.off);
    }), { numRuns: 100 });
  });

  it('the path is taken (not a vacuous comparison): logProbs is table rows, its gradient one value per row', () => {
    setTableRows(true, 0);
    const w = Tensor.fromArray(Float32Array.from({ length: 9 }, (_, i) => i / 7), [3, 3]).requiresGrad_();
    const logProbs = logSoftmax(oneHot(ints([0, 2, 2, 1, 0]), 3).float().matmul(w), 1);
    expect(tableRowsOf(logProbs)).not.toBeNull();
    logProbs.retainGrad();
    nllLoss(logProbs, ints([1, 1, 0, 2, 2])).backward();
    // retainGrad keeps the gradient that arrived: the one-entry rows, written out when read
    expect(oneEntryRowsOf(logProbs.grad!) !== null || logProbs.grad!.numel() === 15).toBe(true);
    expect(Array.from(logProbs.grad!.toTypedArray()).filter((v) => v !== 0)).toEqual(Array(5).fill(Math.fround(-1 / 5)));
  });

  it('inside tidy on the lecture\'s scale (228,146-like: 20,000 examples, 27 classes, the default threshold)', () => {
    const n = 20_000, C = 27;
    const xs = Array.from({ length: n }, (_, i) => (i * 7) % C), ys = Array.from({ length: n }, (_, i) => (i * 11 + 3) % C);
    const W = Array.from({ length: C * C }, (_, i) => Math.fround(Math.sin(i) * 2));
    const step = () => {
      const w = Tensor.fromArray(Float32Array.from(W), [C, C]).requiresGrad_();
      const loss = tidy(() => crossEntropy(oneHot(ints(xs), C).float().matmul(w), ints(ys)));
      loss.backward();
      return [loss, w.grad];
    };
    setTableRows(false);
    const off = step().map(bits);
    setTableRows(true); // the default: 64 KiB and more
    expect(step().map(bits)).toEqual(off);
  });

  it('an out-of-range target: the same error either way', () => {
    const o = bothWays(() => [crossEntropy(oneHot(ints([0, 1, 2]), 3).float(), ints([0, 3, 1]))]);
    expect(typeof o.off).toBe('string');
    expect(o.on).toEqual(o.off);
  });
});
