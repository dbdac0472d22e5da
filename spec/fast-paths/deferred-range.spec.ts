/**
 * Adversarial checks of the deferred range (engine/fast/deferred-range.ts): an int32 `arange` of
 * at least 64 KiB (16,384 values; any size at threshold 0) is kept as its recipe (start, step)
 * until something reads `data`, and `isRange` tells the pair gather that it is `arange(n)`
 * without reading it.
 *
 * The promise under test: such a tensor behaves exactly as the written-out range it stands for
 * (values, dtype, shape, versions, views, writes through ops, through `.data` and through the raw
 * typed array, clones, casts, use as an index, tidy), compared with table rows off and with a
 * plain loop; float ranges are never deferred; and `isRange` says yes only for a tensor whose
 * values are 0 … n−1 without having read them (never after a write).
 */
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor, arange, keep, oneHot, randn, tidy, type TensorOptions } from '../../engine/index.js';
import { setTableRows } from '../../engine/fast/table-rows.js';
import { RangeRecipe, isRange } from '../../engine/fast/deferred-range.js';
import { tableRowsBothWays } from '../support/table-rows-both-ways.js';

afterEach(() => setTableRows(true));

/** Fail unless `f` gives the same bits (or the same error) with table rows off and on (threshold 0). */
function expectBothWaysSame(what: string, f: () => (Tensor | null)[]): void {
  const { off, on } = tableRowsBothWays(f);
  expect(on, what).toEqual(off);
}

/** `arange`'s values by a plain loop: start + i·step for i < ⌈(end − start)/step⌉, truncated to int32. */
function rangeLoop(start: number, end: number, step: number): number[] {
  const n = Math.ceil((end - start) / step);
  return Array.from({ length: n }, (_, i) => (start + i * step) | 0);
}

const LARGE = 16384; // 64 KiB of int32: the default threshold

describe('which aranges are deferred', () => {
  it('int32 arange of ≥ 64 KiB is deferred at the default threshold, smaller ones and float ranges are written at once; none with table rows off', () => {
    const cases: [string, () => Tensor, boolean][] = [
      ['arange(16384)', () => arange(LARGE), true],
      ['arange(16383)', () => arange(LARGE - 1), false],
      ['arange(-5, 16379)', () => arange(-5, LARGE - 5), true],
      ['arange(0, 32768, 2)', () => arange(0, 2 * LARGE, 2), true],
      ['arange(16384, 0, -1)', () => arange(LARGE, 0, -1), true],
      ['arange(16384, float32)', () => arange(LARGE, { dtype: 'float32' }), false],
      ['arange(0.5, 16384.5)', () => arange(0.5, LARGE + 0.5), false],
      ['arange(16384, float64)', () => arange(LARGE, { dtype: 'float64' }), false],
      ['arange(0, 16384.5, 1, int32)', () => arange(0, LARGE + 0.5, 1, { dtype: 'int32' }), true],
    ];
    for (const [what, make, deferred] of cases) {
      expect(make().storage.recipe instanceof RangeRecipe, what).toBe(deferred);
      setTableRows(false);
      expect(make().storage.recipe, `${what}, table rows off`).toBeNull();
      setTableRows(true);
    }
  });

  it('the values, dtype and shape are the plain loop\'s, read through data, toTypedArray, contiguous views and item()', () => {
    fc.assert(fc.property(fc.integer({ min: -40, max: 40 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: -7, max: 7 }).filter((s) => s !== 0), fc.boolean(), (start, len, step, asDtype) => {
      setTableRows(true, 0);
      const end = start + len * step;
      const want = rangeLoop(start, end, step);
      const opts: TensorOptions | undefined = asDtype ? { dtype: 'int32' } : undefined;
      const t = arange(start, end, step, opts);
      expect(t.dtype).toBe('int32');
      expect(t.shape.length).toBe(1);
      expect(t.shape[0] === want.length, `shape [${t.shape}]`).toBe(true); // (an empty descending range has the size −0 either way: not this path's)
      expect(t.storage.recipe instanceof RangeRecipe, 'deferred at threshold 0').toBe(true);
      expect(Array.from(t.toTypedArray())).toEqual(want);
      expect(t.storage.recipe, 'written out once read').toBeNull();
      if (want.length > 0) expect(arange(start, end, step).index(want.length - 1).item()).toBe(want[want.length - 1]);
    }), { numRuns: 200 });
  });

  it('arange(n) with a float dtype or requiresGrad: never deferred, the same values and errors as with table rows off', () => {
    for (const n of [0, 1, 7, LARGE]) {
      expectBothWaysSame(`float aranges of ${n}`, () => [arange(n, { dtype: 'float32' }), arange(n, { dtype: 'float64' }), arange(n, { dtype: 'float32', requiresGrad: true }), arange(0.5, n)]);
      expectBothWaysSame(`int arange(${n}) requiring grad`, () => [arange(n, { requiresGrad: true })]);
    }
  });
});

/** Version counters as a tensor (compared both ways with the values). */
const versions = (...v: number[]) => Tensor.fromArray(Int32Array.from(v), [v.length], 'int32');

describe('a deferred range behaves as the range it stands for', () => {
  const OPS: [string, (a: Tensor) => (Tensor | null)[]][] = [
    ['float()', (a) => [a.float(), a.double(), a.bool()]],
    ['clone, then write the clone', (a) => { const c = a.clone(); c.add_(5); return [a, c]; }],
    ['add_ (in place)', (a) => { const v0 = a.version; a.add_(3); return [a, versions(v0, a.version)]; }],
    ['.data write (a version of its own)', (a) => { const v0 = a.version; a.data.narrow(0, Math.min(2, a.shape[0] - 1), 1).fill_(-9); return [a, versions(v0, a.version)]; }],
    ['raw typed-array write', (a) => { (a.storage.data as Int32Array)[a.shape[0] >> 1] = 123456; return [a, a.add(1)]; }],
    ['a view written', (a) => { const v = a.narrow(0, 1, a.shape[0] - 1); v.mul_(-1); return [a, v]; }],
    ['views: flip, stride, offset', (a) => [a.flip(0), a.view([a.shape[0] / 2, 2]).select(1, 1), a.narrow(0, 3, 5)]],
    ['arithmetic and comparison', (a) => [a.mul(2).sub(a), a.eq(arange(a.shape[0])), a.remainder(27), a.sum(), a.max()]],
    ['as an index', (a) => [arange(a.shape[0] * 3, { dtype: 'float32' }).view([a.shape[0], 3]).index(a, a.remainder(3)), oneHot(a.remainder(27), 27).float().sum(0)]],
    ['an index out of range', (a) => [arange(a.shape[0] - 1, { dtype: 'float32' }).index(a)]],
    ['detach, then write', (a) => { const d = a.detach(); d.sub_(1); return [a, d]; }],
  ];

  it('casts, clones, in-place ops, .data and raw writes, views, arithmetic, indexing: the same values (and versions) as with table rows off', () => {
    for (const n of [16, 20000]) {
      for (const [what, op] of OPS) {
        expectBothWaysSame(`${what}, n = ${n}`, () => op(arange(n)));
      }
    }
  });

  it('values after writes through ops, .data and the raw array: the plain loop with the writes applied', () => {
    setTableRows(true, 0);
    const n = 50;
    const a = arange(n), want = rangeLoop(0, n, 1);
    a.narrow(0, 10, 5).add_(100);
    for (let i = 10; i < 15; i++) want[i] += 100;
    a.data.narrow(0, 0, 1).fill_(-3);
    want[0] = -3;
    (a.storage.data as Int32Array)[49] = 7;
    want[49] = 7;
    expect(Array.from(a.toTypedArray())).toEqual(want);
    expect(a.version).toBe(1); // add_ only: .data and the raw array have no version of a's
  });
});

describe('tidy', () => {
  it('returned from tidy, kept with keep(), or made outside and first read inside: the values survive; later allocations do not overwrite them', () => {
    for (const n of [100, 20000]) {
      expectBothWaysSame(`tidy n = ${n}`, () => {
        const returned = tidy(() => arange(n));
        let kept: Tensor | null = null;
        tidy(() => {
          kept = keep(arange(n));
        });
        const outside = arange(n);
        const sumInside = tidy(() => outside.sum()); // outside written out inside a memory scope
        tidy(() => {
          for (let i = 0; i < 4; i++) randn([n]).mul(2).add(1); // arena and pool memory reused
        });
        return [returned, kept, outside, sumInside, returned.add(0)];
      });
    }
  });

  it('made inside tidy and not returned: the same (error or values) as with table rows off', () => {
    for (const n of [100, 20000]) {
      expectBothWaysSame(`escaped n = ${n}`, () => {
        let escaped: Tensor | null = null;
        tidy(() => {
          escaped = arange(n);
        });
        return [escaped];
      });
    }
  });
});

describe('isRange', () => {
  it('true for arange(n) and only while it is not read or written; never for a range other than 0 … n−1', () => {
    setTableRows(true, 0);
    const n = 40;
    expect(isRange(arange(n), n)).toBe(true);
    expect(isRange(arange(0, n, 1, { dtype: 'int32' }), n)).toBe(true);
    expect(isRange(arange(n), n + 1), 'another n').toBe(false);
    const no: [string, Tensor][] = [
      ['read', (() => { const a = arange(n); void a.storage.data; return a; })()],
      ['written by add_', arange(n).add_(0)],
      ['written through .data', (() => { const a = arange(n); a.data.zero_(); return a; })()],
      ['arange(1, n + 1)', arange(1, n + 1)],
      ['arange(-n, 0)', arange(-n, 0)],
      ['arange(0, 2n, 2)', arange(0, 2 * n, 2)],
      ['arange(n, 0, -1)', arange(n, 0, -1)],
      ['a view from 1', arange(n + 1).narrow(0, 1, n)],
      ['a strided view', arange(2 * n).view([n, 2]).select(1, 0)],
      ['flipped', arange(n).flip(0)],
      ['2-D', arange(n).view([n, 1])],
      ['float32', arange(n, { dtype: 'float32' })],
      ['a literal 0 … n−1 (not deferred: false says nothing)', Tensor.fromArray(Int32Array.from({ length: n }, (_, i) => i), [n], 'int32')],
    ];
    for (const [what, t] of no) expect(isRange(t, t.shape[0]), what).toBe(false);
    // a view of a longer deferred range's first n values: isRange may say yes, and the values must then be 0 … n−1
    const head = arange(n + 7).narrow(0, 0, n);
    if (isRange(head, n)) expect(Array.from(head.toTypedArray())).toEqual(rangeLoop(0, n, 1));
  });
});
