/**
 * oneHot's values against a naive loop (its errors: one-hot.spec.ts): contiguous index tensors
 * (read in place), views with an offset or strides (copied first), sizes above the pooled
 * threshold (zero-filled reused memory), inside tidy (the arena).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Tensor, oneHot, tidy } from '../../engine/index.js';

function naive(vals: ArrayLike<number>, c: number): Int32Array {
  const out = new Int32Array(vals.length * c);
  for (let i = 0; i < vals.length; i++) for (let j = 0; j < c; j++) out[i * c + j] = vals[i] === j ? 1 : 0;
  return out;
}

/** Element-wise equality reporting the first difference (vitest's diff of large arrays is very slow). */
function expectSame(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) if (actual[i] !== expected[i]) expect.fail(`element ${i}: ${actual[i]} !== ${expected[i]}`);
}

describe('oneHot values', () => {
  it('equals the naive loop for contiguous indices, views with offsets and strides, and a 2-d shape', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 60 }), fc.integer({ min: 10, max: 12 }), (vals, c) => {
      const t = Tensor.fromArray(Int32Array.from(vals), [vals.length], 'int32');
      expect(oneHot(t, c).toTypedArray()).toEqual(naive(vals, c));
      const tail = t.narrow(0, 1, vals.length - 1); // offset 1
      expect(oneHot(tail, c).toTypedArray()).toEqual(naive(vals.slice(1), c));
      if (vals.length % 2 === 0) {
        const h = vals.length / 2;
        const m = oneHot(t.view(2, h), c);
        expect(m.shape).toEqual([2, h, c]);
        expect(m.toTypedArray()).toEqual(naive(vals, c));
        // the transpose (strides [1, h]): row-major it reads vals[0], vals[h], vals[1], vals[h + 1], …
        const transposed = Array.from({ length: vals.length }, (_, k) => vals[(k % 2) * h + (k >> 1)]);
        expect(oneHot(t.view(2, h).T, c).toTypedArray()).toEqual(naive(transposed, c));
      }
    }));
  });

  it('large outputs in reused memory (pool and arena) are zero everywhere but the ones', () => {
    const n = 5_000, c = 27; // 540 KB: pooled
    const vals = Int32Array.from({ length: n }, (_, i) => (i * 7919) % c);
    const t = Tensor.fromArray(vals, [n], 'int32');
    const expected = naive(vals, c);
    for (let k = 0; k < 3; k++) {
      // dirty the memory the next oneHot will reuse
      tidy(() => { Tensor.fromArray(new Int32Array(n * c).fill(7), [n * c], 'int32').clone(); });
      expectSame(tidy(() => oneHot(t, c).toTypedArray()), expected);
      Tensor.fromArray(new Int32Array(n * c).fill(7), [n * c], 'int32').clone().storage.release();
      expectSame(oneHot(t, c).toTypedArray(), expected);
    }
  });
});
