/**
 * `multinomial` on views samples the weights where they sit in the storage (a row of P, a
 * narrowed block) instead of copying them first. Checked against an independent loop written
 * from torch-rng.md §5.3 (float32 running sum, division by the float32 sum, one double uniform
 * per sample, leftmost cum >= u with cum[last] = 1) on a second generator with the same seed:
 * same indices, same generator state afterwards, for every layout; errors only from the rows
 * sampled; the reused CDF buffer never leaks values from an earlier call. `sampleRow`, which
 * draws from a row without making the view, gives what the view would give.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Generator, Tensor, multinomial, sampleRow, tensor, zeros } from '../../engine/index.js';

const f32 = Math.fround;

/** §5.3 for one row of weights, `k` samples, in float32 (or float64) arithmetic. */
function naiveRow(g: Generator, row: readonly number[], k: number, float32: boolean): number[] {
  const r = float32 ? f32 : (x: number) => x;
  const cum: number[] = [];
  let sum = 0;
  for (const v of row) {
    if (!(v >= 0)) throw new Error('invalid multinomial distribution (encountering probability entry < 0)');
    if (v === Infinity) throw new Error('invalid multinomial distribution (encountering probability entry = infinity or NaN)');
    sum = r(sum + v);
    cum.push(sum);
  }
  if (!(sum > 0)) throw new Error('invalid multinomial distribution (sum of probabilities <= 0)');
  const cdf = cum.map((c) => r(c / sum));
  cdf[cdf.length - 1] = 1;
  return Array.from({ length: k }, () => {
    const u = g.nextFloat64Uniform();
    return cdf.findIndex((c) => c >= u);
  });
}

const weight = fc.oneof({ weight: 3, arbitrary: fc.float({ min: 0, max: 10, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(0) });

/** A rows × ncat weight matrix with a positive entry in every row. */
const arbMatrix = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 40 })).chain(([rows, ncat]) =>
  fc.array(fc.array(weight, { minLength: ncat, maxLength: ncat }).map((r) => (r.some((v) => v > 0) ? r : [...r.slice(1), 1])), { minLength: rows, maxLength: rows }),
);

describe('multinomial with replacement on views equals the §5.3 loop on the viewed values', () => {
  it('rows of P (P.index(ix)): float32 and float64, any number of samples; the generator ends in the same state', () => {
    fc.assert(fc.property(arbMatrix, fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 5 }), fc.constantFrom('float32', 'float64'), (rows, seed, k, dtype) => {
      const P = tensor(rows, { dtype: dtype as 'float32' | 'float64' });
      const g = new Generator().manualSeed(seed);
      const h = new Generator().manualSeed(seed);
      rows.forEach((_, ix) => {
        const want = naiveRow(h, Array.from(P.index(ix).toTypedArray()), k, dtype === 'float32');
        expect(Array.from(multinomial(P.index(ix), k, { replacement: true, generator: g }).toTypedArray())).toEqual(want);
      });
      expect(g.getState()).toEqual(h.getState());
    }), { numRuns: 200 });
  });

  it('2-d views: a narrowed block (offset), the transpose and a column (strided), row after row', () => {
    fc.assert(fc.property(arbMatrix, fc.integer({ min: 0, max: 1000 }), (rows, seed) => {
      const P = tensor(rows, { dtype: 'float32' });
      const views: Tensor[] = [P, P.narrow(0, rows.length - 1, 1), P.T, P.index(null, 0).unsqueeze(0)];
      for (const v of views) {
        const values = v.tolist() as number[][];
        if (values.some((r) => !r.some((x) => x > 0))) continue; // a row torch would reject
        const g = new Generator().manualSeed(seed);
        const h = new Generator().manualSeed(seed);
        const want = values.map((r) => naiveRow(h, r, 3, true));
        expect(multinomial(v, 3, { replacement: true, generator: g }).tolist()).toEqual(want);
        expect(g.getState()).toEqual(h.getState());
      }
    }), { numRuns: 150 });
  });

  it('a bad entry in another row of the storage does not matter; one in the sampled row is reported', () => {
    const P = tensor([[1, -1, 2], [0, 3, 1], [Infinity, 1, 1]], { dtype: 'float32' });
    const g = new Generator().manualSeed(5);
    const h = new Generator().manualSeed(5);
    expect(multinomial(P.index(1), 4, { replacement: true, generator: g }).tolist()).toEqual(naiveRow(h, [0, 3, 1], 4, true));
    expect(() => multinomial(P.index(0), 1, { replacement: true, generator: g })).toThrow('invalid multinomial distribution (encountering probability entry < 0)');
    expect(() => multinomial(P.index(2), 1, { replacement: true, generator: g })).toThrow('invalid multinomial distribution (encountering probability entry = infinity or NaN)');
    expect(() => multinomial(P.index(1).mul(0), 1, { replacement: true, generator: g })).toThrow('invalid multinomial distribution (sum of probabilities <= 0)');
    expect(g.getState()).toEqual(h.getState()); // the failing calls drew nothing
  });

  it('the reused CDF buffer: a long row, then a short one, then one after an error, each as if alone', () => {
    const long = Array.from({ length: 300 }, (_, i) => (i % 7) + 1);
    const g = new Generator().manualSeed(11);
    const h = new Generator().manualSeed(11);
    expect(multinomial(tensor(long, { dtype: 'float32' }), 20, { replacement: true, generator: g }).tolist()).toEqual(naiveRow(h, long, 20, true));
    expect(multinomial(tensor([0, 0, 1], { dtype: 'float32' }), 5, { replacement: true, generator: g }).tolist()).toEqual([2, 2, 2, 2, 2]);
    naiveRow(h, [0, 0, 1], 5, true);
    expect(() => multinomial(tensor([5, 5, -1], { dtype: 'float32' }), 1, { replacement: true, generator: g })).toThrow('< 0');
    expect(multinomial(tensor([1, 0, 0, 0], { dtype: 'float32' }), 3, { replacement: true, generator: g }).tolist()).toEqual([0, 0, 0]);
    naiveRow(h, [1, 0, 0, 0], 3, true);
    expect(g.getState()).toEqual(h.getState());
  });
});

describe('multinomial without replacement on views equals the same call on a contiguous copy', () => {
  it('rows, narrowed blocks and transposes (one random64 per element of the viewed rows)', () => {
    fc.assert(fc.property(arbMatrix, fc.integer({ min: 0, max: 1000 }), (rows, seed) => {
      const P = tensor(rows, { dtype: 'float32' });
      const views: Tensor[] = [P.index(rows.length - 1), P.narrow(0, rows.length - 1, 1), P.T];
      for (const v of views) {
        const values = v.tolist() as number[] | number[][];
        const vrows = v.ndim === 1 ? [values as number[]] : (values as number[][]);
        if (vrows.some((r) => r.every((x) => x === 0))) continue; // an all-zero row: torch's error
        const k = Math.min(2, v.shape[v.ndim - 1]);
        const g = new Generator().manualSeed(seed);
        const h = new Generator().manualSeed(seed);
        expect(multinomial(v, k, { generator: g }).tolist()).toEqual(multinomial(tensor(values, { dtype: 'float32' }), k, { generator: h }).tolist());
        expect(g.getState()).toEqual(h.getState());
      }
    }), { numRuns: 150 });
  });
});

describe('sampleRow(P, row) is multinomial(P.index(row), 1, { replacement: true }).item()', () => {
  /** Both results (or both error messages) and whether the generators agree afterwards. */
  function both(P: unknown, row: number, seed: number): { direct: unknown; general: unknown; sameState: boolean } {
    const g = new Generator().manualSeed(seed);
    const h = new Generator().manualSeed(seed);
    const run = (f: () => number) => {
      try {
        return f();
      } catch (e) {
        return `error: ${(e as Error).message}`;
      }
    };
    const direct = run(() => sampleRow(P as Tensor, row, { generator: g }));
    const general = run(() => multinomial((P as Tensor).index(row), 1, { replacement: true, generator: h }).item());
    return { direct, general, sameState: JSON.stringify(g.getState()) === JSON.stringify(h.getState()) };
  }

  it('on every layout (contiguous, offset, transposed), float32 and float64, any row (negative too)', () => {
    fc.assert(fc.property(arbMatrix, fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom('float32', 'float64'), fc.nat(), (rows, seed, dtype, pick) => {
      const P = tensor(rows, { dtype: dtype as 'float32' | 'float64' });
      for (const v of [P, P.narrow(0, rows.length - 1, 1), P.T, P.T.contiguous().T]) {
        const n = v.shape[0];
        const row = (pick % (2 * n)) - n; // in [-n, n)
        const r = both(v, row, seed);
        expect(r.direct).toEqual(r.general);
        expect(r.sameState).toBe(true);
      }
    }), { numRuns: 200 });
  });

  it('the same errors: bad rows, bad entries, wrong rank or dtype, not a tensor', () => {
    const P = tensor([[1, -1, 2], [0, 3, 1], [0, 0, 0]], { dtype: 'float32' });
    for (const [probs, row] of [[P, 3], [P, -4], [P, 1.5], [P, 0], [P, 2], [P.index(1), 0], [tensor([[1, 2]]), 0], [zeros([1, 2, 2]), 0]] as [Tensor, number][]) {
      const r = both(probs, row, 7);
      expect(String(r.direct)).toMatch(/^error: /);
      expect(r.direct).toEqual(r.general);
      expect(r.sameState).toBe(true);
    }
    expect(() => sampleRow([[1]] as unknown as Tensor, 0)).toThrow('sampleRow: probs must be a Tensor');
    expect(() => sampleRow(P, 1, { generator: 3 as unknown as Generator })).toThrow('multinomial: generator must be a Generator, got number');
  });
});
