/**
 * The one-element road of `mapUnary` and `mapBinary` (engine/ops/map.ts, #18 session 9): an
 * elementwise op on 0-d tensors (`P.index(i, j).log()`, `logLikelihood.add(logprob)` in the
 * counts model's evaluation loop) runs its kernel once, without the fast-path attempts and the
 * strided walk. Property: for every dtype and values with NaN, ±inf, ±0, subnormals and huge
 * ones, each op on 0-d operands (views of a larger tensor at an offset, as `index` gives) has
 * the bits of the same op on one-element 1-d tensors (the strided road), and the expected dtype.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, tensor, type DType } from '../../engine/index.js';

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1e-45, -1e-40, 3.4e38, -3.4e38, 1e300, 5e-324, 2 ** 24 + 1, -7];
const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(...SPECIAL), fc.integer({ min: -50, max: 50 }));
const dtype = fc.constantFrom<DType>('float32', 'float64', 'int32', 'bool');

/** `v` at position `at` of a 1-d tensor of `dt`, as a 0-d view (offset `at`) and as a 1-element 1-d view. */
function both(v: number, dt: DType, at: number): [Tensor, Tensor] {
  const values = Array.from({ length: at + 2 }, (_, i) => (i === at ? v : i + 0.5));
  const t = tensor(dt === 'int32' ? values.map((x) => (Number.isFinite(x) ? Math.trunc(x) | 0 : 0)) : dt === 'bool' ? values.map((x) => x !== 0) : values, { dtype: dt });
  return [t.index(at), t.narrow(0, at, 1)];
}

const bits = (t: Tensor) => Array.from(t.toTypedArray(), (x) => (Object.is(x, -0) ? '-0' : String(x)));

const UNARY: Record<string, (t: Tensor) => Tensor> = {
  log: (t) => t.log(), exp: (t) => t.exp(), tanh: (t) => t.tanh(), sqrt: (t) => t.sqrt(), neg: (t) => t.neg(),
  abs: (t) => t.abs(), sign: (t) => t.sign(), sigmoid: (t) => t.sigmoid(), isnan: (t) => t.isnan(), logicalNot: (t) => t.logicalNot(),
  floor: (t) => t.floor(), log2: (t) => t.log2(), sin: (t) => t.sin(), relu: (t) => t.relu(),
};
const BINARY: Record<string, (a: Tensor, b: Tensor) => Tensor> = {
  add: (a, b) => a.add(b), sub: (a, b) => a.sub(b), mul: (a, b) => a.mul(b), div: (a, b) => a.div(b),
  maximum: (a, b) => a.maximum(b), eq: (a, b) => a.eq(b), lt: (a, b) => a.lt(b), logicalAnd: (a, b) => a.logicalAnd(b),
  remainder: (a, b) => a.remainder(b), pow: (a, b) => a.pow(b),
};

/** The op's result (dtype and bits) or its error message (a shape [1] named as [], the 0-d operand's). */
function outcome(f: () => Tensor): string[] {
  try {
    const r = f();
    return [r.dtype, r.shape.length === 0 ? '0-d' : String(r.shape), ...bits(r)];
  } catch (e) {
    return ['error', (e as Error).message.replace(/\[1\]/g, '[]')];
  }
}

describe('elementwise ops on 0-d tensors take the one-element road with the strided road\'s bits', () => {
  it('unary ops, every dtype, special values, views at an offset', () => {
    fc.assert(fc.property(value, dtype, fc.integer({ min: 0, max: 5 }), fc.constantFrom(...Object.keys(UNARY)), (v, dt, at, name) => {
      const [scalar, vector] = both(v, dt, at);
      const got = outcome(() => UNARY[name](scalar)), want = outcome(() => UNARY[name](vector));
      if (want[0] !== 'error') want[1] = '0-d';
      expect(got).toEqual(want);
    }), { numRuns: 600, seed: 918 });
  });

  it('binary ops, every pair of dtypes, special values, views at an offset', () => {
    fc.assert(fc.property(value, value, dtype, dtype, fc.integer({ min: 0, max: 5 }), fc.constantFrom(...Object.keys(BINARY)), (v, w, da, db, at, name) => {
      const [a0, a1] = both(v, da, at), [b0, b1] = both(w, db, at + 1);
      const got = outcome(() => BINARY[name](a0, b0)), want = outcome(() => BINARY[name](a1, b1));
      if (want[0] !== 'error') want[1] = '0-d';
      expect(got).toEqual(want);
    }), { numRuns: 600, seed: 919 });
  });

  it('the counts model\'s loop: the sum of logs of 0-d entries equals the sum over 1-element views', () => {
    const P = tensor(Array.from({ length: 27 * 27 }, (_, i) => Math.fround(((i * 7919) % 1000) / 1000 + 1e-3)), { dtype: 'float32' }).view(27, 27);
    let s0 = tensor(0, { dtype: 'float32' }), s1 = tensor([0], { dtype: 'float32' });
    for (let k = 0; k < 500; k++) {
      const i = (k * 13) % 27, j = (k * 5) % 27;
      s0 = s0.add(P.index(i, j).log());
      s1 = s1.add(P.index(i).narrow(0, j, 1).log());
    }
    expect(bits(s0)).toEqual(bits(s1));
  });
});
