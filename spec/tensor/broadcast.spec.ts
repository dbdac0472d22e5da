/**
 * Broadcasting (notes N10–N12): `broadcastShapes` against the rule stated independently in
 * `naive.ts` (`broadcastRule`), on random shapes of rank 0–5 with sizes 0–4, on both the legal
 * and the illegal side; and `explainBroadcast`'s text for the keepdim bug.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { broadcastShapes, explainBroadcast, ones, tensor } from '../../engine/index.js';
import { arbShape, broadcastRule } from '../support/naive.js';

/** The rightmost position (counted from the left of the result) where two shapes clash, or -1. */
function rightmostConflict(a: readonly number[], b: readonly number[]): number {
  const rank = Math.max(a.length, b.length);
  for (let pos = rank - 1; pos >= 0; pos--) {
    const da = a[pos - (rank - a.length)];
    const db = b[pos - (rank - b.length)];
    if (da !== undefined && db !== undefined && da !== db && da !== 1 && db !== 1) return pos;
  }
  return -1;
}

/** Two shapes of rank 0–5, sizes 0–4, that DO broadcast (suffixes of one shape, some sizes 1). */
const arbLegalPair = arbShape(0, 5, 0, 4).chain((out) => {
  const operand = fc
    .tuple(fc.integer({ min: 0, max: out.length }), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }))
    .map(([r, ones]) => out.slice(out.length - r).map((d, i) => (ones[out.length - r + i] ? 1 : d)));
  return fc.tuple(operand, operand);
});

/**
 * Two shapes that do NOT broadcast: a legal pair with one or two shared positions given two
 * different sizes that are not 1 (≥ 2 vs ≥ 2, or 0 vs ≥ 2).
 */
const arbClash = fc.constantFrom<[number, number]>([2, 3], [3, 2], [0, 2], [4, 0], [2, 4], [3, 4]);
const arbIllegalPair = fc
  .tuple(arbLegalPair, fc.array(fc.tuple(fc.nat(), arbClash), { minLength: 1, maxLength: 2 }))
  .filter(([[a, b]]) => Math.min(a.length, b.length) > 0)
  .map(([[a, b], clashes]) => {
    const shared = Math.min(a.length, b.length);
    const a2 = [...a], b2 = [...b];
    for (const [k, [x, y]] of clashes) {
      const back = 1 + (k % shared); // position counted from the right, present in both
      a2[a2.length - back] = x;
      b2[b2.length - back] = y;
    }
    return [a2, b2] as [number[], number[]];
  });

describe('broadcastShapes vs the rule of N10', () => {
  it('N10: agrees with the rule on arbitrary pairs of shapes (rank 0–5, sizes 0–4), legal or not', () => {
    let legal = 0, illegal = 0;
    fc.assert(
      fc.property(arbShape(0, 5, 0, 4), arbShape(0, 5, 0, 4), (a, b) => {
        const want = broadcastRule(a, b);
        if (want === null) {
          illegal++;
          expect(() => broadcastShapes(a, b)).toThrow(RangeError);
        } else {
          legal++;
          expect(broadcastShapes(a, b)).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
    // both sides of the rule were exercised
    expect(legal).toBeGreaterThan(10);
    expect(illegal).toBeGreaterThan(10);
  });

  it('N10: legal pairs give the size that is not 1 at every position, in either order', () => {
    fc.assert(
      fc.property(arbLegalPair, ([a, b]) => {
        const want = broadcastRule(a, b);
        expect(want).not.toBeNull();
        expect(broadcastShapes(a, b)).toEqual(want);
        expect(broadcastShapes(b, a)).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it('N10: illegal pairs throw, naming the rightmost clashing dimension and both sizes', () => {
    fc.assert(
      fc.property(arbIllegalPair, ([a, b]) => {
        expect(broadcastRule(a, b)).toBeNull();
        const pos = rightmostConflict(a, b);
        const rank = Math.max(a.length, b.length);
        const da = a[pos - (rank - a.length)], db = b[pos - (rank - b.length)];
        let message = '';
        try {
          broadcastShapes(a, b);
        } catch (e) {
          expect(e).toBeInstanceOf(RangeError);
          message = (e as Error).message;
        }
        expect(message).toContain(`the size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${pos}`);
      }),
      { numRuns: 200 },
    );
  });

  it('N10: three shapes at once agree with the rule', () => {
    fc.assert(
      fc.property(arbShape(0, 4, 0, 3), arbShape(0, 4, 0, 3), arbShape(0, 4, 0, 3), (a, b, c) => {
        const want = broadcastRule(a, b, c);
        if (want === null) expect(() => broadcastShapes(a, b, c)).toThrow(RangeError);
        else expect(broadcastShapes(a, b, c)).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it('N10: "one of them does not exist" — the missing dims count as 1 ([2,1,3] with [4,1] is [2,4,3])', () => {
    expect(broadcastShapes([2, 1, 3], [4, 1])).toEqual([2, 4, 3]);
    expect(broadcastShapes([], [3, 2])).toEqual([3, 2]);
    expect(broadcastShapes([0], [1])).toEqual([0]); // 1 stretches to 0
    expect(() => broadcastShapes([0], [2])).toThrow(RangeError); // 0 is not 1
  });

  it('PyTorch reports the rightmost clash first: [3,2] vs [2,3] is "a (2) … b (3) at non-singleton dimension 1"', () => {
    expect(() => ones([3, 2]).add(ones([2, 3]))).toThrow(
      'the size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1',
    );
  });

  it('N11: [27,27] / [27] is legal ([27] becomes [1,27]); [3,2] / [3] is not (2 vs 3)', () => {
    expect(broadcastShapes([27, 27], [27])).toEqual([27, 27]);
    expect(() => broadcastShapes([3, 2], [3])).toThrow('the size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1');
  });
});

describe('explainBroadcast', () => {
  it('N12: for a square P and P.sum(1) it says the [3] is a row copied down the missing dim 0', () => {
    const P = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]], { dtype: 'float32' });
    const text = explainBroadcast(P, P.sum(1));
    // the table aligns [3] under the LAST dim of [3, 3]
    expect(text).toContain('a:      [3  3]');
    expect(text).toContain('b:      [   3]');
    expect(text).toContain('result: [3  3]');
    // the stretched dim is b's missing dim 0; nothing of a is stretched
    expect(text).toMatch(/b has no dimension 0: it is treated as size 1 and copied 3 times along it/);
    expect(text).not.toMatch(/^ {2}a /m);
    // and it points at the fix
    expect(text).toMatch(/keep the reduced dimension \(sum\(dim, true\)\)/);
  });

  it('N12: with keepdim the stretched dim is b\'s size-1 dim 1 (a column copied across)', () => {
    const P = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]], { dtype: 'float32' });
    const text = explainBroadcast(P, P.sum(1, true));
    expect(text).toContain('b:      [3  1]');
    expect(text).toMatch(/b's dimension 1 has size 1: it is stretched \(copied\) to 3/);
    expect(text).not.toMatch(/no dimension/);
  });

  it('N11: an illegal pair is explained, not thrown', () => {
    const text = explainBroadcast([3, 2], [3]);
    expect(text).toMatch(/not broadcastable/);
    expect(text).toMatch(/\(2\).*\(3\).*dimension 1/);
  });
});
