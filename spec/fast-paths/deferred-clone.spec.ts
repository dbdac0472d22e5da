/**
 * `clone()` of a deferred storage seen whole (engine/ops/views.ts `clone`): another deferred
 * storage with the same recipe, so that a retained gradient (`retainGrad`, whose value backward
 * clones) keeps the pair path and does not write the n-row gradients out. What matters: the copy
 * has the same values as the original (read from either, in either order), the two never share
 * memory (a write into one leaves the other as it was), and the gradients are the same bits as
 * with table rows off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor, arange, oneHot } from '../../engine/index.js';
import { setTableRows } from '../../engine/fast/table-rows.js';
import { tableRowsBothWays, tensorBits } from '../support/table-rows-both-ways.js';

afterEach(() => setTableRows(true));
const ints = (v: readonly number[]) => Tensor.fromArray(Int32Array.from(v), [v.length], 'int32');

/** Deferred tensors of each kind, made fresh (threshold 0: every size is deferred). */
function deferredKinds(): [string, () => Tensor][] {
  const n = 12, xs = ints(Array.from({ length: n }, (_, i) => (i * 5) % 3)), ys = ints(Array.from({ length: n }, (_, i) => (i * 7) % 3));
  return [
    ['table rows (oneHot(xs).float())', () => oneHot(xs, 3).float()],
    ['table rows of pairs (probs[arange(n), ys]; 9 pairs, 12 rows)', () => oneHot(xs, 3).float().mul(2).index(arange(n), ys)],
    ['a range (arange(n))', () => arange(n)],
  ];
}

describe('clone() of a deferred storage', () => {
  it('is deferred too, with the same values as the original, read in either order', () => {
    setTableRows(true, 0);
    for (const [name, make] of deferredKinds()) {
      const a = make();
      expect(a.storage.recipe, name).not.toBeNull();
      const b = a.clone();
      expect(b.storage.recipe, name).not.toBeNull(); // nothing written yet
      expect(b.storage).not.toBe(a.storage);
      const fromCopy = tensorBits(b), fromOriginal = tensorBits(a);
      expect(fromCopy, name).toEqual(fromOriginal);
      const c = make(), d = c.clone();
      expect(tensorBits(c), name).toEqual(tensorBits(d)); // the original read first
      setTableRows(false);
      expect(tensorBits(make()), name).toEqual(fromOriginal); // and what the full path makes
      setTableRows(true, 0);
    }
  });

  it('shares no memory with the original: a write into either leaves the other unchanged', () => {
    setTableRows(true, 0);
    for (const [name, make] of deferredKinds()) {
      const a = make(), b = a.clone();
      const before = tensorBits(a);
      b.add_(1); // b written out, then changed
      expect(tensorBits(a), name).toEqual(before);
      const c = make(), d = c.clone();
      c.add_(1);
      expect(tensorBits(d), name).toEqual(before);
    }
  });

  it('a view (not the whole storage) is copied as before: written, not deferred', () => {
    setTableRows(true, 0);
    const a = oneHot(ints([2, 0, 1, 1]), 3).float();
    const b = a.narrow(0, 1, 2).clone();
    expect(b.storage.recipe).toBeNull();
    expect(Array.from(b.toTypedArray())).toEqual([1, 0, 0, 0, 1, 0]);
  });

  it('the lecture chain with retained gradients: the retained ones stay deferred, every gradient the same bits as with table rows off', () => {
    const C = 4, n = 40; // 16 pairs, 40 rows: the pair path applies
    const xs = Array.from({ length: n }, (_, i) => (i * 3) % C), ys = Array.from({ length: n }, (_, i) => (i * i + 1) % C);
    const deferredGrads: boolean[] = [];
    const { off, on } = tableRowsBothWays(() => {
      const W = Tensor.fromArray(Float32Array.from({ length: C * C }, (_, k) => ((k * 7) % 11) / 4 - 1), [C, C], 'float32').requiresGrad_();
      const counts = oneHot(ints(xs), C).float().matmul(W).exp();
      const probs = counts.div(counts.sum(1, true));
      const picked = probs.index(arange(n), ints(ys));
      const lp = picked.log();
      picked.retainGrad();
      lp.retainGrad();
      const loss = lp.mean().neg();
      loss.backward();
      deferredGrads.push(lp.grad!.storage.recipe !== null, picked.grad!.storage.recipe !== null);
      return [loss, W.grad, picked.grad, lp.grad];
    });
    expect(typeof off).not.toBe('string');
    expect(on).toEqual(off);
    expect(deferredGrads).toEqual([false, false, true, true]); // off: written; on: still deferred
  });
});
