/**
 * Creating and converting: `tensor()` dtype inference (ints → int32, this project's int64;
 * fractions → float32; booleans → bool; ragged → error), `arange` variants, `zeros`/`ones`/`full`,
 * dtype conversions (float → int truncates toward zero), and `tolist`, `item`, `toString`.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arange, empty, full, ones, tensor, zeros, type DType } from '../../engine/index.js';
import { arbArrayOf, arbShape, fromFlat, materialize, type Nested } from '../support/naive.js';

describe('tensor() infers the dtype from the data', () => {
  it('all integers give int32; any fraction gives float32; booleans give bool', () => {
    expect(tensor([1, 2, 3]).dtype).toBe('int32');
    expect(tensor([[1, -2], [3, 4]]).dtype).toBe('int32');
    expect(tensor([1, 2.5]).dtype).toBe('float32');
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor([true, 2]).dtype).toBe('int32'); // bool and int mixed: int
    expect(tensor(3).dtype).toBe('int32');
    expect(tensor(3).shape).toEqual([]);
    expect(tensor(0.5).dtype).toBe('float32');
    expect(tensor([]).dtype).toBe('float32'); // like torch.tensor([])
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([[], []]).shape).toEqual([2, 0]);
  });

  it('an explicit dtype wins; requiresGrad without a dtype means float32', () => {
    expect(tensor([1, 2], { dtype: 'float64' }).dtype).toBe('float64');
    expect(tensor([1, 2], { requiresGrad: true }).dtype).toBe('float32');
    expect(tensor([1.7, -1.7], { dtype: 'int32' }).tolist()).toEqual([1, -1]);
  });

  it('the values and shape come back from tolist, for random nested data', () => {
    fc.assert(
      fc.property(arbShape(1, 4, 1, 3).chain((s) => arbArrayOf(s, fc.integer({ min: -1000, max: 1000 }))), (a) => {
        const t = tensor(a.v as Nested);
        expect(t.shape).toEqual(a.shape);
        expect(t.dtype).toBe('int32');
        expect(t.tolist()).toEqual(a.v);
      }),
      { numRuns: 100 },
    );
  });

  it('ragged input is an error naming where', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow('tensor: expected sequence of length 2 at dim 1 (got 1) at [1]');
    expect(() => tensor([[1, 2], 3] as never)).toThrow('tensor: expected a sequence at [1], got number');
    expect(() => tensor([1, [2]] as never)).toThrow('tensor: too many levels of nesting at [1] (expected a number)');
    expect(() => tensor(['a'] as never)).toThrow('tensor: expected a number or boolean at [0], got string');
    expect(() => tensor([2 ** 31])).toThrow(/does not fit in int32/);
  });

  it('a bool tensor holds 0/1 whatever the numbers: non-zero (also 0.5, 2 and NaN) is true', () => {
    const b = tensor([2, 0.5, 0, NaN], { dtype: 'bool' });
    expect(b.tolist()).toEqual([true, true, false, true]);
    expect(b.int().tolist()).toEqual([1, 1, 0, 1]);
    expect(full([2], 2, { dtype: 'bool' }).int().tolist()).toEqual([1, 1]);
    expect(full([2], 0.5, { dtype: 'bool' }).eq(tensor(true)).tolist()).toEqual([true, true]);
    expect(ones([2], { dtype: 'bool' }).sum().item()).toBe(2);
  });

  it('a typed array keeps its dtype (Uint8Array is bool); a Tensor is copied', () => {
    expect(tensor(new Float64Array([1, 2])).dtype).toBe('float64');
    expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(tensor(new Uint8Array([0, 1])).dtype).toBe('bool');
    const src = tensor([1, 2]);
    const copy = tensor(src);
    expect(copy.storage).not.toBe(src.storage);
    expect(copy.tolist()).toEqual([1, 2]);
  });
});

describe('zeros, ones, full, empty, arange', () => {
  it('zeros / ones / full / empty default to float32 and take a number or a shape', () => {
    expect(zeros(3).tolist()).toEqual([0, 0, 0]);
    expect(ones([2, 1]).tolist()).toEqual([[1], [1]]);
    expect(full([2], 0.1).tolist()).toEqual([Math.fround(0.1), Math.fround(0.1)]);
    expect(full([2], 7, { dtype: 'int32' }).tolist()).toEqual([7, 7]);
    for (const t of [zeros(3), ones(3), full(3, 2), empty(3)]) expect(t.dtype).toBe('float32');
    expect(zeros([]).shape).toEqual([]);
    expect(zeros([2, 0, 3]).numel()).toBe(0);
  });

  it('arange(end), arange(start, end), arange(start, end, step): ints give int32, a fraction float32', () => {
    expect(arange(5).tolist()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(5).dtype).toBe('int32');
    expect(arange(2, 5).tolist()).toEqual([2, 3, 4]);
    expect(arange(0, 10, 3).tolist()).toEqual([0, 3, 6, 9]);
    expect(arange(5, 0, -2).tolist()).toEqual([5, 3, 1]);
    expect(arange(0).shape).toEqual([0]);
    const f = arange(0, 1, 0.25);
    expect(f.dtype).toBe('float32');
    expect(f.tolist()).toEqual([0, 0.25, 0.5, 0.75]);
    expect(arange(1, 2.5, 0.5).tolist()).toEqual([1, 1.5, 2]);
    expect(arange(4, { dtype: 'float64' }).dtype).toBe('float64');
    expect(arange(3, { dtype: 'float32' }).tolist()).toEqual([0, 1, 2]);
  });

  it('int32 products wrap around modulo 2^32 exactly, as torch.int32 (also beyond 2^53, in place too)', () => {
    const wrap = (a: number, b: number) => Number(BigInt.asIntN(32, BigInt(a) * BigInt(b))); // independent: BigInt
    const a = [123456789, 2 ** 20, -2147483648, 46341, 7];
    const b = [987654321, 2 ** 20, -1, 46341, -3];
    expect(tensor(a).mul(tensor(b)).tolist()).toEqual(a.map((v, i) => wrap(v, b[i])));
    const t = tensor(a);
    t.mul_(tensor(b));
    expect(t.tolist()).toEqual(a.map((v, i) => wrap(v, b[i])));
    expect(tensor([2147483647]).mul(2147483647).tolist()).toEqual([wrap(2147483647, 2147483647)]);
  });

  it('an int32 arange truncates start, end and step first, as torch.arange(…, dtype=torch.int64)', () => {
    // torch.arange(0, 6, 1.5, dtype=torch.int64) → [0, 1, 2, 3, 4, 5]; (0.5, 3.9, 1) → [0, 1, 2]
    expect(arange(0, 6, 1.5, { dtype: 'int32' }).tolist()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(arange(0.5, 3.9, 1, { dtype: 'int32' }).tolist()).toEqual([0, 1, 2]);
    expect(arange(-2.7, 2, 1, { dtype: 'int32' }).tolist()).toEqual([-2, -1, 0, 1]);
    expect(() => arange(0, 3, 0.5, { dtype: 'int32' })).toThrow(/step must be nonzero \(an int32 arange truncates the step 0.5 to an integer first\)/);
    expect(arange(0, 6, 1.5).tolist()).toEqual([0, 1.5, 3, 4.5]); // float32 by default: not truncated
  });

  it('arange has ceil((end - start) / step) elements, start + i·step (random integer arguments)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 }), fc.integer({ min: -5, max: 5 }).filter((s) => s !== 0), (a, b, s) => {
        if ((b - a) / s < 0) {
          expect(() => arange(a, b, s)).toThrow(/inconsistent with step sign/);
          return;
        }
        const want: number[] = [];
        for (let v = a; s > 0 ? v < b : v > b; v += s) want.push(v);
        expect(arange(a, b, s).tolist()).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });
});

describe('dtype conversions', () => {
  it('float → int truncates toward zero', () => {
    const x = tensor([1.5, -1.5, 2.7, -2.7, 0.4, -0.4], { dtype: 'float32' });
    expect(x.int().tolist()).toEqual([1, -1, 2, -2, 0, 0]);
    expect(x.to('int32').dtype).toBe('int32');
  });

  it('anything → bool is "non-zero" (NaN is true); bool → number is 0/1', () => {
    expect(tensor([0, 2, -0.5, NaN], { dtype: 'float32' }).bool().tolist()).toEqual([false, true, true, true]);
    expect(tensor([true, false]).float().tolist()).toEqual([1, 0]);
    expect(tensor([true, false]).int().tolist()).toEqual([1, 0]);
  });

  it('float64 → float32 rounds to nearest; int → float is exact for small ints', () => {
    expect(tensor([0.1, 1 / 3], { dtype: 'float64' }).float().tolist()).toEqual([Math.fround(0.1), Math.fround(1 / 3)]);
    expect(tensor([0.1], { dtype: 'float32' }).double().tolist()).toEqual([Math.fround(0.1)]);
    expect(tensor([-7, 123456]).float().tolist()).toEqual([-7, 123456]);
  });

  it('to() the same dtype is the tensor itself; another dtype is a copy, on any layout', () => {
    const x = tensor([1, 2]);
    expect(x.to('int32')).toBe(x);
    fc.assert(
      fc.property(
        arbShape(0, 3, 0, 3).chain((s) => arbArrayOf(s, fc.integer({ min: -9, max: 9 }).map((k) => k / 2))),
        fc.constantFrom<'contiguous' | 'permuted' | 'strided' | 'offset'>('contiguous', 'permuted', 'strided', 'offset'),
        fc.constantFrom<DType>('float64', 'int32', 'bool'),
        (a, layout, to) => {
          const t = materialize(a, 'float32', layout, 3);
          const c = t.to(to);
          expect(c.dtype).toBe(to);
          expect(c.shape).toEqual(a.shape);
          const conv = (v: number) => (to === 'int32' ? Math.trunc(v) + 0 : to === 'bool' ? Number(v !== 0) : v);
          expect(Array.from(c.toTypedArray())).toEqual(Array.from(t.toTypedArray(), conv));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('tolist, item, toString', () => {
  it('tolist gives nested arrays (booleans for bool, a number for 0-d), whatever the layout', () => {
    expect(tensor([[1, 2], [3, 4]]).T.tolist()).toEqual([[1, 3], [2, 4]]);
    expect(tensor([true, false]).tolist()).toEqual([true, false]);
    expect(tensor(7).tolist()).toBe(7);
    expect(zeros([2, 0]).tolist()).toEqual([[], []]);
    const a = fromFlat([2, 3], [1, 2, 3, 4, 5, 6]);
    for (const layout of ['contiguous', 'permuted', 'strided', 'offset'] as const) {
      expect(materialize(a, 'int32', layout, 1).tolist()).toEqual(a.v);
    }
  });

  it('item() gives the one value (through views too; bool as 0/1)', () => {
    expect(tensor(2.5).item()).toBe(2.5);
    expect(tensor([[1, 2], [3, 4]]).index(1, 0).item()).toBe(3);
    expect(tensor([[1, 2], [3, 4]]).T.index(1, 0).item()).toBe(2);
    expect(tensor([[5]]).item()).toBe(5);
    expect(tensor([true]).item()).toBe(1);
    expect(tensor([0.1], { dtype: 'float32' }).item()).toBe(Math.fround(0.1));
  });

  it('toString prints like PyTorch str()', () => {
    expect(tensor([1, 2, 3]).toString()).toBe('tensor([1, 2, 3])');
    expect(tensor([0.5, 1.5]).toString()).toBe('tensor([0.5000, 1.5000])');
    expect(tensor([1, 2], { dtype: 'float32' }).toString()).toBe('tensor([1., 2.])');
    expect(tensor([true, false]).toString()).toBe('tensor([ True, False])');
    expect(tensor(3).toString()).toBe('tensor(3)');
    expect(tensor([[1, 2], [3, 4]]).toString()).toBe('tensor([[1, 2],\n        [3, 4]])');
    expect(tensor([1.5], { dtype: 'float64' }).toString()).toBe('tensor([1.5000], dtype=torch.float64)');
    expect(tensor([1, 2], { requiresGrad: true }).toString()).toBe('tensor([1., 2.], requires_grad=True)');
    expect(String(tensor([[1, 2], [3, 4]]).T)).toBe('tensor([[1, 3],\n        [2, 4]])');
  });
});

