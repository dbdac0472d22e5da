/**
 * Properties of two in-place autograd behaviours added in session 10, each against an
 * out-of-place rewrite (float64 tensors of small integers, so every sum is exact and the
 * comparison is exact):
 * - `fill_` with a 0-d tensor through a view (`y.select(d, i).fill_(v)`) has the values and the
 *   gradients of `y·(1 − m) + v·m`, m the mask of the filled slice: x gets c·(1 − m), v gets Σ c·m.
 * - backward into a leaf whose `.grad` already exists adds in place: a reference held to the old
 *   `.grad` ends up with the first gradient plus the second, each computed on a fresh leaf.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Tensor, tensor } from '../../engine/index.js';

const f64 = (data: number[], shape: number[], requiresGrad = false): Tensor =>
  Tensor.fromArray(Float64Array.from(data), shape, 'float64').requiresGrad_(requiresGrad);

/** The values, −0 read as +0. */
const unsignedZeros = (t: Tensor): number[] => Array.from(t.toTypedArray(), (v) => v + 0);

const ints = (n: number) => fc.array(fc.integer({ min: -9, max: 9 }), { minLength: n, maxLength: n });

describe('fill_ with a 0-d tensor through a view = the masked out-of-place rewrite', () => {
  it('values and gradients, for every dim and index of random shapes', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 1 }), fc.nat(), fc.integer({ min: -9, max: 9 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (r, c, dim, pick, value, seed) => {
        const n = r * c, i = pick % (dim === 0 ? r : c);
        const data = Array.from({ length: n }, (_, k) => ((k * 7 + seed) % 19) - 9);
        const weights = Array.from({ length: n }, (_, k) => ((k * 5 + seed) % 13) - 6);
        const mask = Array.from({ length: n }, (_, k) => (dim === 0 ? Math.floor(k / c) === i : k % c === i) ? 1 : 0);
        // in place
        const x = f64(data, [r, c], true), v = f64([value], [], true);
        const y = x.mul(1);
        y.select(dim, i).fill_(v);
        y.mul(f64(weights, [r, c])).sum().backward();
        // out of place: y' = x·(1 − m) + v·m
        const x2 = f64(data, [r, c], true), v2 = f64([value], [], true);
        const m = f64(mask, [r, c]);
        const y2 = x2.mul(m.neg().add(1)).add(v2.mul(m));
        y2.mul(f64(weights, [r, c])).sum().backward();
        // (the rewrite's x·0 and c·0 may be −0 where the fill writes +0 and its gradient is zeros:
        // the signs of zero are compared with PyTorch in differential-audit.spec.ts instead)
        expect(unsignedZeros(y)).toEqual(unsignedZeros(y2));
        expect(unsignedZeros(x.grad!)).toEqual(unsignedZeros(x2.grad!));
        expect(v.grad!.item()).toBe(v2.grad!.item());
        expect(y.gradFn?.name).toBe('CopySlices');
      },
    ), { numRuns: 150 });
  });
});

describe('backward adds into an existing .grad in place', () => {
  it('a held reference to .grad sees grad₁ + grad₂, each computed on a fresh leaf', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(ints(n), ints(n), ints(n))), ([w0, a, b]) => {
      const n = w0.length;
      const loss1 = (w: Tensor) => w.mul(f64(a, [n])).sum();
      const loss2 = (w: Tensor) => w.mul(w).mul(f64(b, [n])).sum();
      const w = f64(w0, [n], true);
      loss1(w).backward();
      const held = w.grad!;
      loss2(w).backward();
      const fresh1 = f64(w0, [n], true), fresh2 = f64(w0, [n], true);
      loss1(fresh1).backward();
      loss2(fresh2).backward();
      const expected = fresh1.grad!.add(fresh2.grad!).tolist();
      expect(w.grad).toBe(held);
      expect(held.tolist()).toEqual(expected);
      // the closed form: a + 2·w·b
      expect(expected).toEqual(w0.map((x, k) => a[k] + 2 * x * b[k]));
    }), { numRuns: 150 });
  });

  it('float32 too: the sum in place has the bits of the out-of-place sum', () => {
    const w = tensor([0.1, 0.2, 0.3], { dtype: 'float32', requiresGrad: true });
    w.mul(tensor([1.7, -2.3, 0.9], { dtype: 'float32' })).sum().backward();
    const first = w.grad!.clone();
    w.exp().sum().backward();
    const fresh = tensor([0.1, 0.2, 0.3], { dtype: 'float32', requiresGrad: true });
    fresh.exp().sum().backward();
    expect(Array.from(w.grad!.toTypedArray())).toEqual(Array.from(first.add(fresh.grad!).toTypedArray()));
  });
});
