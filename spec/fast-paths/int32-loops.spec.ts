/**
 * The int32 kernels of add, sub and mul (engine/fast/int32-loops.ts; docs/performance.md, W5)
 * against the plain rule: each element is the exact result wrapped to 32 bits, for every layout
 * (contiguous, a scalar, a row broadcast, strided and offset views), every length (the four-wide
 * loops and their remainder), out of place and in place, and the plain loop's element order when
 * the output overlaps an input.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '../../engine/index.js';
import { LAYOUTS, fromFlat, materialize } from '../support/naive.js';

/** int32 wrap-around (two's complement) of an exact integer. */
const wrap = (x: bigint) => Number(BigInt.asIntN(32, x));

type Op = 'add' | 'sub' | 'mul';
const exact: Record<Op, (a: number, b: number) => number> = {
  add: (a, b) => wrap(BigInt(a) + BigInt(b)),
  sub: (a, b) => wrap(BigInt(a) - BigInt(b)),
  mul: (a, b) => wrap(BigInt(a) * BigInt(b)),
};

const arbInt32 = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -30, max: 30 }));
const arbOp = fc.constantFrom<Op>('add', 'sub', 'mul');

describe('int32 add, sub, mul give the wrapped exact result', () => {
  it('tensor op tensor, any layout of either operand, lengths 0–13', () => {
    fc.assert(fc.property(
      arbOp, fc.integer({ min: 0, max: 13 }), fc.constantFrom(...LAYOUTS), fc.constantFrom(...LAYOUTS), fc.array(arbInt32, { minLength: 26, maxLength: 26 }),
      (op, n, la, lb, vals) => {
        const a = vals.slice(0, n), b = vals.slice(13, 13 + n);
        const x = materialize(fromFlat([n], a), 'int32', la), y = materialize(fromFlat([n], b), 'int32', lb);
        const want = a.map((v, i) => exact[op](v, b[i]));
        expect(Array.from(x[op](y).toTypedArray())).toEqual(want);
        const target = materialize(fromFlat([n], a), 'int32', la);
        target[`${op}_`](y);
        expect(Array.from(target.toTypedArray())).toEqual(want);
      },
    ), { numRuns: 400 });
  });

  it('tensor op number (the scalar loops), out of place and in place', () => {
    fc.assert(fc.property(arbOp, fc.array(arbInt32, { maxLength: 13 }), arbInt32, fc.constantFrom(...LAYOUTS), (op, a, v, layout) => {
      const x = materialize(fromFlat([a.length], a), 'int32', layout);
      expect(Array.from(x[op](v).toTypedArray())).toEqual(a.map((e) => exact[op](e, v)));
      const target = materialize(fromFlat([a.length], a), 'int32', layout);
      target[`${op}_`](v);
      expect(Array.from(target.toTypedArray())).toEqual(a.map((e) => exact[op](e, v)));
    }), { numRuns: 400 });
  });

  it('2-d with broadcasting: a row, a column, a 0-d tensor', () => {
    fc.assert(fc.property(arbOp, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 9 }), fc.array(arbInt32, { minLength: 50, maxLength: 50 }), (op, r, c, vals) => {
      const a = vals.slice(0, r * c), row = vals.slice(36, 36 + c), col = vals.slice(45, 45 + r);
      const x = tensor(Array.from({ length: r }, (_, i) => a.slice(i * c, (i + 1) * c)));
      const forRow = a.map((v, k) => exact[op](v, row[k % c]));
      const forCol = a.map((v, k) => exact[op](v, col[Math.floor(k / c)]));
      expect(Array.from(x[op](tensor(row)).toTypedArray())).toEqual(forRow);
      expect(Array.from(x[op](tensor(col.map((v) => [v]))).toTypedArray())).toEqual(forCol);
      expect(Array.from(x[op](tensor(vals[49])).toTypedArray())).toEqual(a.map((v) => exact[op](v, vals[49])));
      expect(Array.from(x.T[op](tensor(col)).T.contiguous().toTypedArray())).toEqual(forCol);
    }), { numRuns: 300 });
  });
});

describe('int32 in-place ops whose output overlaps an input keep the plain loop\'s order', () => {
  /** The plain loop: element i reads the other operand's cell after the writes to 0…i-1. */
  function sequential(op: Op, a: number[], otherAt: (cells: number[], i: number) => number): number[] {
    const cells = [...a];
    for (let i = 0; i < cells.length; i++) cells[i] = exact[op](cells[i], otherAt(cells, i));
    return cells;
  }

  it('x op= x (the same cells)', () => {
    fc.assert(fc.property(arbOp, fc.array(arbInt32, { maxLength: 13 }), (op, a) => {
      const x = tensor(a, { dtype: 'int32' });
      x[`${op}_`](x);
      expect(Array.from(x.toTypedArray())).toEqual(sequential(op, a, (cells, i) => cells[i]));
    }), { numRuns: 200 });
  });

  it('x op= x[j] (a 0-d view of one of the cells written) is refused before any write, as PyTorch (#13.1)', () => {
    fc.assert(fc.property(arbOp, fc.array(arbInt32, { minLength: 1, maxLength: 13 }), fc.nat(), (op, a, jj) => {
      const j = jj % a.length;
      const x = tensor(a, { dtype: 'int32' });
      expect(() => x[`${op}_`](x.index(j))).toThrow(/some elements of the input tensor and the written-to tensor refer to a single memory location/);
      expect(Array.from(x.toTypedArray())).toEqual(a);
    }), { numRuns: 200 });
  });

  it('the result dtype stays int32', () => {
    const x: Tensor = tensor([2 ** 31 - 1, -(2 ** 31)], { dtype: 'int32' });
    expect(x.add(1).dtype).toBe('int32');
    expect(Array.from(x.add(1).toTypedArray())).toEqual([-(2 ** 31), -(2 ** 31) + 1]);
    expect(Array.from(x.mul(x).toTypedArray())).toEqual([1, 0]);
    expect(Array.from(x.sub(1).toTypedArray())).toEqual([2 ** 31 - 2, 2 ** 31 - 1]);
  });
});
