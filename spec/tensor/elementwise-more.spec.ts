/**
 * The elementwise ops of issue #15 against naive loops on nested arrays (spec/support/naive.ts):
 * random shapes with 0- and 1-sized dims, inputs laid out contiguously, permuted, with a step or
 * an offset, binary ops on random broadcastable pairs; result dtypes as PyTorch promotes; each
 * error message. Expected values are computed here from the definitions (the exact value in
 * double, rounded once to the result dtype), never by the engine.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Tensor, abs, ceil, clamp, cos, expm1, floor, floorDivide, isfinite, isinf, isnan, log1p, log2, logicalAnd, logicalNot, logicalOr,
  maximum, minimum, reciprocal, remainder, round, rsqrt, sign, sin, square, tensor, trunc, type DType,
} from '../../engine/index.js';
import {
  LAYOUTS, arbArrayOf, arbBroadcastPair, arbF32, arbQuarter, arbShape, arbSmallInt, close, expectTensor, mapN, materialize, sameNumber, zipN,
  type Layout,
} from '../support/naive.js';

const f32 = Math.fround;
const RUNS = { numRuns: 60 } as const;
const arbLayout = fc.constantFrom<Layout>(...LAYOUTS);

/** Values in [-8, 8] with the special ones mixed in: 0, -0, ±∞, NaN, halves. */
const arbSpecial = fc.oneof(
  { weight: 6, arbitrary: arbF32 },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 0.5, -0.5, 1.5, 2.5, -2.5) },
);

/** Round half to even, written from its definition (the sign of zero is not compared here). */
function halfEven(v: number): number {
  if (!Number.isFinite(v)) return v;
  const lo = Math.floor(v), frac = v - lo;
  if (frac !== 0.5) return Math.round(v);
  return lo % 2 === 0 ? lo : lo + 1;
}

interface UnarySpec {
  name: string;
  op: (x: Tensor) => Tensor;
  /** Exact value of the op at v (already in the result dtype's precision for its input). */
  f: (v: number) => number;
  /** Result dtype for each input dtype; 'error' when PyTorch refuses it. */
  out: Partial<Record<DType, DType | 'error'>>;
  /** Relative tolerance (0: exact after rounding). */
  rel: number;
}

const FLOATING = { float32: 'float32', float64: 'float64', int32: 'float32', bool: 'float32' } as const;
const KEEP_NO_BOOL = { float32: 'float32', float64: 'float64', int32: 'int32', bool: 'error' } as const;

const UNARY: UnarySpec[] = [
  { name: 'abs', op: abs, f: Math.abs, out: KEEP_NO_BOOL, rel: 0 },
  { name: 'sign', op: sign, f: (v) => (v > 0 ? 1 : v < 0 ? -1 : 0), out: { float32: 'float32', float64: 'float64', int32: 'int32', bool: 'bool' }, rel: 0 },
  { name: 'log2', op: log2, f: Math.log2, out: FLOATING, rel: 1e-15 },
  { name: 'log1p', op: log1p, f: Math.log1p, out: FLOATING, rel: 1e-15 },
  { name: 'expm1', op: expm1, f: Math.expm1, out: FLOATING, rel: 1e-15 },
  { name: 'sin', op: sin, f: Math.sin, out: FLOATING, rel: 1e-15 },
  { name: 'cos', op: cos, f: Math.cos, out: FLOATING, rel: 1e-15 },
  { name: 'floor', op: floor, f: Math.floor, out: KEEP_NO_BOOL, rel: 0 },
  { name: 'ceil', op: ceil, f: Math.ceil, out: KEEP_NO_BOOL, rel: 0 },
  { name: 'round', op: round, f: halfEven, out: KEEP_NO_BOOL, rel: 0 },
  { name: 'trunc', op: trunc, f: Math.trunc, out: KEEP_NO_BOOL, rel: 0 },
  { name: 'reciprocal', op: reciprocal, f: (v) => 1 / v, out: FLOATING, rel: 0 },
  { name: 'square', op: square, f: (v) => v * v, out: { float32: 'float32', float64: 'float64', int32: 'int32', bool: 'int32' }, rel: 0 },
  { name: 'isnan', op: isnan, f: (v) => Number(Number.isNaN(v)), out: { float32: 'bool', float64: 'bool', int32: 'bool', bool: 'bool' }, rel: 0 },
  { name: 'isinf', op: isinf, f: (v) => Number(v === Infinity || v === -Infinity), out: { float32: 'bool', float64: 'bool', int32: 'bool', bool: 'bool' }, rel: 0 },
  { name: 'isfinite', op: isfinite, f: (v) => Number(Number.isFinite(v)), out: { float32: 'bool', float64: 'bool', int32: 'bool', bool: 'bool' }, rel: 0 },
  { name: 'logicalNot', op: logicalNot, f: (v) => Number(v === 0), out: { float32: 'bool', float64: 'bool', int32: 'bool', bool: 'bool' }, rel: 0 },
];

/** The value as the given dtype holds it. */
function inDtype(v: number, dt: DType): number {
  return dt === 'float32' ? f32(v) : dt === 'int32' ? Math.trunc(v) : dt === 'bool' ? Number(v !== 0) : v;
}

function arbValuesFor(dt: DType): fc.Arbitrary<number> {
  return dt === 'int32' ? arbSmallInt : dt === 'bool' ? fc.constantFrom(0, 1) : arbSpecial;
}

describe('unary ops against naive loops', () => {
  for (const spec of UNARY) {
    it(`${spec.name}: values and dtype for every input dtype and layout`, () => {
      const cases = fc.constantFrom<DType>('float32', 'float64', 'int32', 'bool').chain((dt) =>
        fc.tuple(fc.constant(dt), arbShape(0, 3, 0, 4).chain((s) => arbArrayOf(s, arbValuesFor(dt))), arbLayout, fc.nat()));
      fc.assert(fc.property(cases, ([dt, a, layout, seed]) => {
        const x = materialize(mapN(a, (v) => inDtype(v, dt)), dt, layout, seed);
        const want = spec.out[dt]!;
        if (want === 'error') {
          expect(() => spec.op(x)).toThrow(/not implemented for 'Bool'/);
          return;
        }
        const y = spec.op(x);
        expect(y.dtype).toBe(want);
        // integer and bool inputs are converted to the result's float type first, as PyTorch does
        const expected = mapN(a, (v) => inDtype(spec.f(inDtype(inDtype(v, dt), want === 'bool' ? dt : want)), want));
        const cmp = spec.rel === 0 || want !== 'float32' && want !== 'float64'
          ? sameNumber
          : (g: number, w: number) => sameNumber(g, w) || close(g, w, want === 'float32' ? 0 : spec.rel);
        expectTensor(y, expected, cmp, spec.name);
      }), RUNS);
    });
  }

  it('rsqrt: float32 rounds the square root first, then divides (PyTorch\'s kernel); float64 is 1/√x', () => {
    fc.assert(fc.property(arbShape(0, 3, 0, 4).chain((s) => arbArrayOf(s, fc.float({ min: 0, max: 1e6, noNaN: true }))), arbLayout, (a, layout) => {
      expectTensor(rsqrt(materialize(a, 'float32', layout)), mapN(a, (v) => f32(1 / f32(Math.sqrt(f32(v))))), sameNumber, 'rsqrt f32');
      expectTensor(rsqrt(materialize(a, 'float64', layout)), mapN(a, (v) => 1 / Math.sqrt(v)), sameNumber, 'rsqrt f64');
    }), RUNS);
    expect(rsqrt(tensor([0, -1, Infinity]).float()).tolist()).toEqual([Infinity, NaN, 0]);
  });

  it('square of int32 wraps modulo 2³² (PyTorch\'s int32 arithmetic)', () => {
    expect(square(tensor([46341, -3])).tolist()).toEqual([(46341 * 46341) | 0, 9]);
  });

  it('round keeps the sign of zero and rounds halves to even', () => {
    const r = round(tensor([0.5, 1.5, 2.5, -0.5, -1.5, -0.3, 8388607.5]).float()).toTypedArray();
    expect(Array.from(r)).toEqual([0, 2, 2, -0, -2, -0, 8388608]);
    expect(Object.is(r[3], -0) && Object.is(r[5], -0)).toBe(true);
  });

  it('sign of NaN is 0 (PyTorch 1.13)', () => {
    expect(sign(tensor([NaN, -0, 3]).float()).tolist()).toEqual([0, 0, 1]);
  });
});

// ---------------------------------------------------------------- binary ops

/** Python's `%` for numbers (sign of the divisor), from the definition a − b·⌊a/b⌋. */
const pyMod = (a: number, b: number) => a - b * Math.floor(a / b);

interface BinarySpec {
  name: string;
  op: (a: Tensor, b: Tensor) => Tensor;
  f: (x: number, y: number) => number;
  /** The result dtype from the common dtype. */
  out: (common: DType) => DType;
  /** Divisors must be non-zero for integers. */
  nonZeroB?: boolean;
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };
const CATEGORY: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 2 };
/** PyTorch's result type of two tensors: a 0-d one only counts when its category is higher. */
function common(a: { dtype: DType; ndim: number }, b: { dtype: DType; ndim: number }): DType {
  const wider = RANK[a.dtype] >= RANK[b.dtype] ? a.dtype : b.dtype;
  if ((a.ndim === 0) === (b.ndim === 0)) return wider;
  const [dim, zero] = a.ndim === 0 ? [b, a] : [a, b];
  return CATEGORY[zero.dtype] > CATEGORY[dim.dtype] ? zero.dtype : dim.dtype;
}
const nanOr = (f: (x: number, y: number) => number) => (x: number, y: number) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : f(x, y));

const BINARY: BinarySpec[] = [
  { name: 'maximum', op: maximum, f: nanOr(Math.max), out: (c) => c },
  { name: 'minimum', op: minimum, f: nanOr(Math.min), out: (c) => c },
  { name: 'remainder', op: (a, b) => remainder(a, b), f: pyMod, out: (c) => c, nonZeroB: true },
  { name: 'floorDivide', op: (a, b) => floorDivide(a, b), f: (x, y) => Math.floor(x / y), out: (c) => c, nonZeroB: true },
  { name: 'logicalAnd', op: logicalAnd, f: (x, y) => Number(x !== 0 && y !== 0), out: () => 'bool' },
  { name: 'logicalOr', op: logicalOr, f: (x, y) => Number(x !== 0 || y !== 0), out: () => 'bool' },
];

describe('binary ops against naive loops, with broadcasting', () => {
  for (const spec of BINARY) {
    it(`${spec.name}: values and dtype on broadcast pairs (float32, float64, int32, mixed)`, () => {
      const dts = fc.tuple(fc.constantFrom<DType>('float32', 'float64', 'int32'), fc.constantFrom<DType>('float32', 'float64', 'int32'));
      // quarter-integers: every remainder and quotient is exact in float32 (no rounding to discuss)
      const value = (dt: DType) => (dt === 'int32' ? arbSmallInt : arbQuarter);
      const cases = fc.tuple(dts, arbBroadcastPair(3, 3)).chain(([[da, db], [sa, sb]]) => fc.tuple(
        fc.constant([da, db] as const), arbArrayOf(sa, value(da)),
        arbArrayOf(sb, value(db).filter((v) => !spec.nonZeroB || v !== 0)), arbLayout, arbLayout));
      fc.assert(fc.property(cases, ([[da, db], a, b, la, lb]) => {
        const dt = common({ dtype: da, ndim: a.shape.length }, { dtype: db, ndim: b.shape.length });
        const y = spec.op(materialize(a, da, la, 1), materialize(b, db, lb, 2));
        expect(y.dtype).toBe(spec.out(dt));
        expectTensor(y, zipN(a, b, (u, v) => inDtype(spec.f(u, v), spec.out(dt))), sameNumber, spec.name);
      }), RUNS);
    });
  }

  it('maximum and minimum propagate NaN from either side', () => {
    const a = tensor([NaN, 1, 2]).float(), b = tensor([1, NaN, 3]).float();
    expect(maximum(a, b).tolist()).toEqual([NaN, NaN, 3]);
    expect(minimum(a, b).tolist()).toEqual([NaN, NaN, 2]);
  });

  it('bools: maximum keeps bool; logical ops read NaN as true', () => {
    expect(maximum(tensor([true, false]), tensor([false, false])).tolist()).toEqual([true, false]);
    expect(logicalAnd(tensor([NaN, 0]).float(), tensor([1, 1])).tolist()).toEqual([true, false]);
  });

  it('remainder and floorDivide: PyTorch\'s float semantics at the edges (from torch 1.13.1\'s printed results)', () => {
    const F = { dtype: 'float32' } as const;
    expect(remainder(tensor([-3, 3, -0], F), 2).tolist()).toEqual([1, 1, -0]);
    expect(remainder(tensor([-3, 3, -0, 0], F), -2).tolist()).toEqual([-1, -1, -0, 0]);
    expect(floorDivide(tensor([-3, 3, -0, 1], F), tensor([2, -2, 2, 0], F)).tolist()).toEqual([-2, -2, -0, Infinity]);
    expect(remainder(tensor([1, 2]).float(), 0).tolist()).toEqual([NaN, NaN]);
    expect(remainder(tensor([-3, 0, 2]), 2.5).dtype).toBe('float32');
    expect(remainder(5, tensor([3, -3])).tolist()).toEqual([2, -1]);
  });
});

// ---------------------------------------------------------------- clamp

describe('clamp against a naive loop', () => {
  it('number bounds (either or both), every layout; result dtype as PyTorch', () => {
    const bound = fc.option(fc.integer({ min: -12, max: 12 }).map((k) => k / 4), { nil: undefined });
    fc.assert(fc.property(arbShape(0, 3, 0, 4).chain((s) => arbArrayOf(s, arbQuarter)), bound, bound, arbLayout, (a, lo, hi, layout) => {
      if (lo === undefined && hi === undefined) return;
      const y = clamp(materialize(a, 'float32', layout), lo, hi);
      expectTensor(y, mapN(a, (v) => Math.min(Math.max(v, lo ?? -Infinity), hi ?? Infinity)), sameNumber, 'clamp');
    }), RUNS);
    expect(clamp(tensor([-3, 0, 2]), 0.5).dtype).toBe('float32');
    expect(clamp(tensor([-3, 0, 2]), 0, 1).tolist()).toEqual([0, 0, 1]);
    expect(clamp(tensor([true, false]), 0, 1).dtype).toBe('int32');
    expect(clamp(tensor([-1, 5]).float(), 2, 1).tolist()).toEqual([1, 1]);
  });

  it('tensor bounds broadcast with x', () => {
    const cases = arbBroadcastPair(3, 3).chain(([sa, sb]) => fc.tuple(arbArrayOf(sa, arbQuarter), arbArrayOf(sb, arbQuarter), arbArrayOf(sb, arbQuarter)));
    fc.assert(fc.property(cases, ([a, lo, hi]) => {
      const y = clamp(materialize(a, 'float32'), materialize(lo, 'float32'), materialize(hi, 'float32'));
      // min(max(x, lo), hi) elementwise: also right when lo > hi (the result is hi)
      expectTensor(y, zipN(zipN(a, lo, Math.max), hi, Math.min), sameNumber, 'clamp tensor bounds');
    }), RUNS);
  });

  it('NaN: as PyTorch 1.13 (x NaN stays NaN; a NaN number bound alone is ignored; with both bounds, or a tensor bound, NaN)', () => {
    const x = tensor([NaN, 1, 5, -2]).float();
    expect(clamp(x, NaN).tolist()).toEqual([NaN, 1, 5, -2]);
    expect(clamp(x, null, NaN).tolist()).toEqual([NaN, 1, 5, -2]);
    expect(clamp(x, NaN, 1).tolist()).toEqual([NaN, NaN, NaN, NaN]);
    expect(clamp(x, tensor([0, NaN, 0, 0]).float(), tensor([1, 1, NaN, 1]).float()).tolist()).toEqual([NaN, NaN, NaN, 0]);
  });
});

// ---------------------------------------------------------------- errors

describe('errors name the problem', () => {
  it('bool inputs where PyTorch has no kernel', () => {
    const b = tensor([true, false]);
    expect(() => abs(b)).toThrow(`"abs_cpu" not implemented for 'Bool'`);
    expect(() => floor(b)).toThrow(`"floor_vml_cpu" not implemented for 'Bool'`);
    expect(() => ceil(b)).toThrow(`"ceil_vml_cpu" not implemented for 'Bool'`);
    expect(() => round(b)).toThrow(`"round_vml_cpu" not implemented for 'Bool'`);
    expect(() => trunc(b)).toThrow(`"trunc_vml_cpu" not implemented for 'Bool'`);
    expect(() => remainder(b, b)).toThrow(`"remainder_cpu" not implemented for 'Bool'`);
    expect(() => floorDivide(b, b)).toThrow(`"div_floor_cpu" not implemented for 'Bool'`);
  });

  it('integer division by zero', () => {
    expect(() => remainder(tensor([1, 2]), 0)).toThrow('remainder: ZeroDivisionError (integer division by zero; the divisor of shape [] holds a 0)');
    expect(() => floorDivide(tensor([1, 2]), tensor([1, 0]))).toThrow('floor_divide: ZeroDivisionError (integer division by zero; the divisor of shape [2] holds a 0)');
  });

  it('a number where PyTorch needs a tensor', () => {
    const x = tensor([1, 2]).float();
    expect(() => maximum(x, 2 as unknown as Tensor)).toThrow("maximum(): argument 'other' (position 2) must be Tensor, not int");
    expect(() => minimum(x, 2.5 as unknown as Tensor)).toThrow("minimum(): argument 'other' (position 2) must be Tensor, not float");
    expect(() => logicalAnd(x, 2 as unknown as Tensor)).toThrow("logical_and(): argument 'other' (position 2) must be Tensor, not int");
    expect(() => logicalOr(x, 2 as unknown as Tensor)).toThrow("logical_or(): argument 'other' (position 2) must be Tensor, not int");
  });

  it('shapes that do not broadcast', () => {
    expect(() => maximum(tensor([1, 2, 3]), tensor([1, 2]))).toThrow(/maximum: the size of tensor a \(3\) must match the size of tensor b \(2\) at non-singleton dimension 0/);
    expect(() => clamp(tensor([1, 2, 3]).float(), tensor([1, 2]).float())).toThrow(/clamp: the size of tensor a \(3\) must match the size of tensor b \(2\)/);
  });

  it('clamp without bounds, or with a tensor and a number', () => {
    const x = tensor([1, 2]).float();
    expect(() => clamp(x)).toThrow("torch.clamp: At least one of 'min' or 'max' must not be None");
    expect(() => clamp(x, tensor([0]).float(), 1)).toThrow('clamp: the bounds must both be Tensors or both be numbers');
    expect(() => clamp(x, 'a' as unknown as number)).toThrow("clamp: 'min' must be a number, a Tensor or null, got string");
  });

  it('floorDivide has no derivative; backward through it says so', () => {
    const x = tensor([1, 2], { dtype: 'float32', requiresGrad: true });
    const y = floorDivide(x, 2);
    expect(y.gradFn?.name).toBe('NotImplemented');
    expect(() => y.sum().backward()).toThrow('derivative for aten::floor_divide is not implemented');
    expect(() => remainder(3, x).sum().backward()).toThrow('derivative for aten::remainder is not implemented');
  });
});
