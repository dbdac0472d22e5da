/**
 * The small-op path of the counting loop `N.index(i, j).add_(1)` (docs/performance.md, W5): an
 * in-place op of a 0-d tensor with a plain number writes the one element directly (no 0-d tensor
 * for the number). It must give what the plain rule gives: the number is first converted to the
 * target's dtype (float32 rounding, as PyTorch's wrapped scalar), the op runs in double and the
 * store rounds (float32) or wraps (int32); every check and message stays; the version counter
 * moves; autograd records the op.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, noGrad, tensor, zeros, type DType } from '../../engine/index.js';
import { sameNumber } from '../support/naive.js';

const f32 = Math.fround;
/** int32 wrap-around (two's complement), as an Int32Array store does. */
const i32 = (x: number) => Number(BigInt.asIntN(32, BigInt(Math.trunc(x))));

type Op = 'add_' | 'sub_' | 'mul_' | 'div_';
const apply: Record<Op, (a: number, b: number) => number> = {
  add_: (a, b) => a + b,
  sub_: (a, b) => a - b,
  mul_: (a, b) => a * b,
  div_: (a, b) => a / b,
};

/** The value an element x holds after `x op= v`, computed without the engine. */
function naive(op: Op, dtype: DType, x: number, v: number): number {
  if (dtype === 'float32') return f32(apply[op](x, f32(v)));
  if (dtype === 'float64') return apply[op](x, v);
  // int32: the exact result wrapped to 32 bits (BigInt: a double product beyond 2^53 has lost its low bits)
  if (op === 'mul_') return Number(BigInt.asIntN(32, BigInt(x) * BigInt(v)));
  return i32(apply[op](x, v));
}

/** A 0-d view at position `k` of a 1-d tensor holding `values` (so the offset is not 0). */
function zeroD(values: number[], dtype: DType, k: number): { base: Tensor; t: Tensor } {
  const base = tensor(values, { dtype });
  return { base, t: base.index(k) };
}

describe('a 0-d target with a number operand', () => {
  const floats = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  it('float32 and float64: the element becomes the naive value; the neighbours are untouched', () => {
    fc.assert(fc.property(fc.constantFrom<Op>('add_', 'sub_', 'mul_', 'div_'), fc.constantFrom<DType>('float32', 'float64'), fc.array(floats, { minLength: 3, maxLength: 3 }), fc.oneof(floats, fc.integer({ min: -9, max: 9 })), fc.integer({ min: 0, max: 2 }),
      (op, dtype, values, v, k) => {
        const { base, t } = zeroD(values, dtype, k);
        const stored = Array.from(base.toTypedArray());
        t[op](v);
        const want = stored.map((x, i) => (i === k ? naive(op, dtype, x, v) : x));
        Array.from(base.toTypedArray()).forEach((got, i) => expect(sameNumber(got, want[i]), `${op} ${dtype} [${i}]: ${got} vs ${want[i]}`).toBe(true));
      }), { numRuns: 500 });
  });

  it('int32: add_, sub_ and mul_ with integers wrap like int32 stores', () => {
    fc.assert(fc.property(fc.constantFrom<Op>('add_', 'sub_', 'mul_'), fc.integer(), fc.integer(), (op, x, v) => {
      const { base, t } = zeroD([7, x, -7], 'int32', 1);
      t[op](v);
      expect(Array.from(base.toTypedArray())).toEqual([7, naive(op, 'int32', x, v), -7]);
    }), { numRuns: 300 });
  });

  it('the number is rounded to float32 before a float32 op (0.1 is not the double 0.1)', () => {
    const t = zeros([], { dtype: 'float32' });
    t.add_(0.1).mul_(3);
    expect(t.item()).toBe(f32(f32(0.1) * f32(3)));
    const d = zeros([], { dtype: 'float64' });
    d.add_(0.1).mul_(3);
    expect(d.item()).toBe(0.1 * 3);
  });

  it('each op bumps the version counter once, shared with the base', () => {
    const N = zeros([3, 3], { dtype: 'int32' });
    const cell = N.index(1, 2);
    cell.add_(1);
    cell.add_(1).sub_(1).mul_(5);
    expect(N.version).toBe(4);
    expect(N.tolist()).toEqual([[0, 0, 0], [0, 0, 5], [0, 0, 0]]);
  });

  it("keeps every check and message, and a failing op writes nothing", () => {
    const N = tensor([[1, 2], [3, 4]]);
    const cell = N.index(0, 1);
    expect(() => cell.add_(0.5)).toThrow("add_: result type float32 can't be cast to the desired output type int32");
    expect(() => cell.div_(2)).toThrow("div_: result type float32 can't be cast to the desired output type int32");
    expect(() => cell.mul_(NaN)).toThrow("mul_: result type float32 can't be cast to the desired output type int32");
    expect(N.tolist()).toEqual([[1, 2], [3, 4]]);
    expect(N.version).toBe(0);

    const w = tensor(2, { dtype: 'float32', requiresGrad: true });
    expect(() => w.add_(1)).toThrow('add_: a leaf Variable that requires grad is being used in an in-place operation');
    expect(w.item()).toBe(2);
    expect(w.version).toBe(0);
    noGrad(() => w.add_(1));
    expect(w.item()).toBe(3);

    const b = tensor(true);
    expect(() => b.add_(1)).toThrow("add_: result type int32 can't be cast to the desired output type bool");
  });

  it('bool targets keep 0/1 (True + True is True) through the general path', () => {
    const b = tensor([false, true]);
    b.index(1).add_(true as unknown as number);
    expect(b.tolist()).toEqual([false, true]);
  });

  it('autograd: a 0-d non-leaf updated in place with numbers gets the chain-rule gradient', () => {
    const x = tensor(1.5, { dtype: 'float64', requiresGrad: true });
    const y = x.mul(2); // dy/dx = 2
    y.add_(3).mul_(4).sub_(1).div_(8); // y = ((2x + 3)·4 - 1) / 8, dy/dx = 2·4/8 = 1
    expect(y.item()).toBe(((2 * 1.5 + 3) * 4 - 1) / 8);
    expect(y.gradFn?.name).toBe('DivBackward0');
    y.backward();
    expect(x.grad?.item()).toBe(1);
  });
});
