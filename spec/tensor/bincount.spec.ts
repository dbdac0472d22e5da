/**
 * bincount (engine/ops/bincount.ts) against a naive loop: `out[v] += 1` (or `+= w[i]`, in the
 * weights' precision) for every element, bins sized `max(max + 1, minlength)`, on every layout;
 * torch.bincount's dtypes and its error messages in its order.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, bincount, noGrad, tensor, zeros } from '../../engine/index.js';
import { LAYOUTS, fromFlat, materialize } from '../support/naive.js';

const f32 = Math.fround;

/** The naive count: one bin per value up to the largest (at least `minlength` bins). */
function naiveBincount(xs: readonly number[], minlength = 0, weights?: readonly number[], float32 = false): number[] {
  const nbins = Math.max(minlength, ...xs.map((x) => x + 1));
  const out = new Array<number>(nbins).fill(0);
  xs.forEach((x, i) => {
    const w = weights ? weights[i] : 1;
    out[x] = float32 ? f32(out[x] + w) : out[x] + w;
  });
  return out;
}

const arbValues = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 60 });

describe('bincount equals the naive count', () => {
  it('int32 counts for any 1-d layout (contiguous, strided, offset) and minlength', () => {
    fc.assert(fc.property(arbValues, fc.integer({ min: 0, max: 50 }), fc.constantFrom(...LAYOUTS), (xs, minlength, layout) => {
      const x = materialize(fromFlat([xs.length], xs), 'int32', layout);
      const got = bincount(x, { minlength });
      expect(got.dtype).toBe('int32');
      expect(got.shape).toEqual([Math.max(minlength, Math.max(...xs) + 1)]);
      expect(Array.from(got.toTypedArray())).toEqual(naiveBincount(xs, minlength));
    }), { numRuns: 300 });
  });

  it('without weights the count is one pass whose bins grow: values far above minlength, in any order', () => {
    // the bins start at minlength and grow (at least doubling) when a larger value turns up
    const arbSpread = fc.array(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 5000 })), { minLength: 1, maxLength: 80 });
    fc.assert(fc.property(arbSpread, fc.integer({ min: 0, max: 700 }), fc.constantFrom(...LAYOUTS), (xs, minlength, layout) => {
      const x = materialize(fromFlat([xs.length], xs), 'int32', layout);
      expect(Array.from(bincount(x, { minlength }).toTypedArray())).toEqual(naiveBincount(xs, minlength));
    }), { numRuns: 200 });
    const rising = Array.from({ length: 3000 }, (_, i) => i);
    expect(Array.from(bincount(tensor(rising)).toTypedArray())).toEqual(naiveBincount(rising));
    expect(Array.from(bincount(tensor([7, 0, 7])).toTypedArray())).toEqual([1, 0, 0, 0, 0, 0, 0, 2]);
    expect(Array.from(bincount(tensor([0])).toTypedArray())).toEqual([1]);
  });

  it('float32 weights: float32 bins summed in float32, in input order', () => {
    const arb = arbValues.chain((xs) => fc.tuple(fc.constant(xs), fc.array(fc.float({ min: -1e6, max: 1e6, noNaN: true }), { minLength: xs.length, maxLength: xs.length })));
    fc.assert(fc.property(arb, fc.constantFrom(...LAYOUTS), fc.constantFrom(...LAYOUTS), ([xs, ws], lx, lw) => {
      const x = materialize(fromFlat([xs.length], xs), 'int32', lx);
      const w = materialize(fromFlat([ws.length], ws.map(f32)), 'float32', lw);
      const got = bincount(x, { weights: w });
      expect(got.dtype).toBe('float32');
      expect(Array.from(got.toTypedArray())).toEqual(naiveBincount(xs, 0, ws.map(f32), true));
    }), { numRuns: 300 });
  });

  it('float64, int32 and bool weights: float64 bins', () => {
    fc.assert(fc.property(arbValues, fc.integer({ min: 0, max: 50 }), (xs, minlength) => {
      const x = tensor(xs);
      const doubles = xs.map((v, i) => Math.sin(v * 7 + i) * 1e3);
      const ints = xs.map((v, i) => (v * 31 + i) % 17 - 8);
      const bools = xs.map((v, i) => (v + i) % 3 === 0);
      const cases: [Tensor, number[]][] = [
        [tensor(doubles, { dtype: 'float64' }), doubles],
        [tensor(ints), ints],
        [tensor(bools), bools.map(Number)],
      ];
      for (const [w, values] of cases) {
        const got = bincount(x, { weights: w, minlength });
        expect(got.dtype).toBe('float64');
        expect(Array.from(got.toTypedArray())).toEqual(naiveBincount(xs, minlength, values));
      }
    }), { numRuns: 200 });
  });

  it('float32 accumulation rounds at every step (1 + 2^-24 + 2^-24 stays 1 in float32)', () => {
    const x = tensor([0, 0, 0]);
    const w = tensor([1, 2 ** -24, 2 ** -24], { dtype: 'float32' });
    expect(bincount(x, { weights: w }).tolist()).toEqual([1]);
    expect(bincount(x, { weights: w.double() }).tolist()).toEqual([1 + 2 ** -23]);
  });

  it('the examples, the Tensor method, and the result is a new tensor', () => {
    expect(bincount(tensor([1, 1, 3])).tolist()).toEqual([0, 2, 0, 1]);
    expect(bincount(tensor([1, 1, 3]), { minlength: 6 }).tolist()).toEqual([0, 2, 0, 1, 0, 0]);
    expect(bincount(tensor([1, 1, 3]), { minlength: 2 }).tolist()).toEqual([0, 2, 0, 1]);
    expect(bincount(tensor([1, 1, 3]), { weights: tensor([0.5, 0.25, 2]) }).tolist()).toEqual([0, 0.75, 0, 2]);
    const x = tensor([0, 2, 2]);
    const counts = x.bincount({ minlength: 4 });
    expect(counts.tolist()).toEqual([1, 0, 2, 0]);
    expect(counts.storage).not.toBe(x.storage);
    expect(counts.isContiguous()).toBe(true);
  });

  it('an empty input gives minlength int32 zeros, even with weights (as torch gives int64 zeros)', () => {
    const empty = zeros([0], { dtype: 'int32' });
    expect(bincount(empty).tolist()).toEqual([]);
    expect(bincount(empty, { minlength: 3 }).tolist()).toEqual([0, 0, 0]);
    const w = bincount(empty, { minlength: 2, weights: zeros([0]) });
    expect(w.dtype).toBe('int32');
    expect(w.tolist()).toEqual([0, 0]);
  });

  it('the counting of the lecture: bincount(xs * V + ys, V*V).view(V, V) is the loop N[x, y] += 1', () => {
    const V = 5;
    const arbPairs = fc.array(fc.tuple(fc.integer({ min: 0, max: V - 1 }), fc.integer({ min: 0, max: V - 1 })), { maxLength: 80 });
    fc.assert(fc.property(arbPairs, (pairs) => {
      const N = Array.from({ length: V }, () => new Array<number>(V).fill(0));
      for (const [x, y] of pairs) N[x][y] += 1;
      const xs = tensor(pairs.map(([x]) => x), { dtype: 'int32' });
      const ys = tensor(pairs.map(([, y]) => y), { dtype: 'int32' });
      expect(bincount(xs.mul(V).add(ys), { minlength: V * V }).view(V, V).tolist()).toEqual(N);
    }), { numRuns: 200 });
  });
});

describe("bincount's errors: torch's messages, in torch's order", () => {
  it('a non-integer input dtype first (torch dispatches on it), then minlength', () => {
    expect(() => bincount(tensor([1, 2], { dtype: 'float32' }))).toThrow(`"bincount_cpu" not implemented for 'Float'`);
    expect(() => bincount(tensor([1, 2], { dtype: 'float64' }), { minlength: -1 })).toThrow(`"bincount_cpu" not implemented for 'Double'`);
    expect(() => bincount(tensor([true, false]))).toThrow(`"bincount_cpu" not implemented for 'Bool'`);
    expect(() => bincount(tensor([1, 2]), { minlength: -1 })).toThrow('minlength should be >= 0');
    expect(() => bincount(zeros([0], { dtype: 'int32' }), { minlength: -1 })).toThrow('minlength should be >= 0');
  });

  it('an input that is not 1-d or has a negative value', () => {
    const msg = 'bincount only supports 1-d non-negative integral inputs.';
    expect(() => bincount(tensor(3))).toThrow(msg);
    expect(() => bincount(tensor([[1, 2]]))).toThrow(msg);
    expect(() => bincount(zeros([0, 2], { dtype: 'int32' }))).toThrow(msg);
    expect(() => bincount(tensor([1, -1, 2]))).toThrow(msg);
    // also after the bins have grown, or below minlength
    expect(() => bincount(tensor([1, 5000, -1]))).toThrow(msg);
    expect(() => bincount(tensor([1, -(2 ** 31)]), { minlength: 729 })).toThrow(msg);
    // the value check comes before the weights check
    expect(() => bincount(tensor([-1]), { weights: tensor([1, 2], { dtype: 'float32' }) })).toThrow(msg);
  });

  it('weights of another length or rank', () => {
    const msg = 'weights should be 1-d and have the same length as input';
    expect(() => bincount(tensor([1, 2]), { weights: tensor([1, 2, 3], { dtype: 'float32' }) })).toThrow(msg);
    expect(() => bincount(tensor([1, 2]), { weights: tensor([[1, 2]], { dtype: 'float32' }) })).toThrow(msg);
  });

  it('arguments of the wrong type', () => {
    expect(() => bincount([1, 2] as unknown as Tensor)).toThrow('bincount: input must be a Tensor, got object');
    expect(() => bincount(tensor([1]), { minlength: 1.5 })).toThrow('bincount: minlength must be an integer, got 1.5');
    expect(() => bincount(tensor([1]), { weights: [1] as unknown as Tensor })).toThrow('bincount: weights must be a Tensor or null, got object');
  });

  it('weights that require grad: an error while grad mode is on (bincount is not differentiable), fine under noGrad', () => {
    const w = tensor([0.5, 1], { dtype: 'float32', requiresGrad: true });
    expect(() => bincount(tensor([0, 0]), { weights: w })).toThrow("bincount: the derivative for 'weights' is not implemented");
    const out = noGrad(() => bincount(tensor([0, 0]), { weights: w }));
    expect(out.tolist()).toEqual([1.5]);
    expect(out.requiresGrad).toBe(false);
  });
});
