/**
 * Elementwise ops against naive loops on nested arrays: every binary op on random broadcastable
 * pairs (and tensor-with-number, on either side), every unary op, inputs laid out contiguously,
 * permuted, with a step or with an offset; and PyTorch's type promotion.
 *
 * The expected value of `x op y` is computed the way PyTorch defines it: both operands are
 * converted to the common dtype (a float32 result rounds a plain number to float32 first), the
 * op is applied exactly (in double), and the result is rounded to the output dtype. For
 * float32 that makes + - * / sqrt exact (`Math.fround` of the double result is the correctly
 * rounded float32 result); exp, log, tanh and pow are allowed a relative 1e-6.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Tensor, add, div, eq, ge, gt, le, lt, mul, ne, pow, sub, tensor, zeros, type DType, type TensorLike,
} from '../../engine/index.js';
import {
  LAYOUTS, arbArrayOf, arbBroadcastPair, arbF32, arbShape, arbSmallInt, close, expectTensor, mapN, materialize, sameNumber, zipN,
  type Layout, type NArr,
} from '../support/naive.js';

// ---------------------------------------------------------------- the independent promotion rules

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };
const CATEGORY: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 2 };
const higher = (a: DType, b: DType): DType => (RANK[a] >= RANK[b] ? a : b);
const isFloat = (d: DType) => d === 'float32' || d === 'float64';

/**
 * PyTorch's result type: tensors of the same kind (both dimensioned or both 0-d) take the wider
 * dtype; a 0-d tensor or a plain number next to a dimensioned tensor only counts if its category
 * (bool < integer < floating) is higher, and then a plain number brings the DEFAULT dtype
 * (float32 for a fractional number, int32 — this project's int64 — for an integer).
 */
function commonDtype(a: { dtype: DType; ndim: number } | number, b: { dtype: DType; ndim: number } | number): DType {
  if (typeof a === 'number') return commonDtype(b, a);
  if (typeof b === 'number') {
    const s: DType = Number.isInteger(b) ? 'int32' : 'float32';
    return CATEGORY[s] > CATEGORY[a.dtype] ? s : a.dtype;
  }
  if ((a.ndim === 0) === (b.ndim === 0)) return higher(a.dtype, b.dtype);
  const [dim, zero] = a.ndim === 0 ? [b, a] : [a, b];
  return CATEGORY[zero.dtype] > CATEGORY[dim.dtype] ? zero.dtype : dim.dtype;
}

/** A value converted to `dtype` (float → int truncates; anything → bool is "non-zero"). */
function castTo(v: number, dtype: DType): number {
  switch (dtype) {
    case 'float32': return Math.fround(v);
    case 'float64': return v;
    case 'int32': return Math.trunc(v);
    case 'bool': return v !== 0 ? 1 : 0;
  }
}

/** Integer power as PyTorch's integer kernel defines it (negative exponents: 1, ±1 or 0). */
function powInt(a: number, b: number): number {
  if (b < 0) return a === 1 ? 1 : a === -1 ? (-b % 2 === 1 ? -1 : 1) : 0;
  let r = 1;
  for (let i = 0; i < b; i++) r *= a;
  return r;
}

interface BinarySpec {
  name: string;
  op: (a: TensorLike, b: TensorLike) => Tensor;
  /** The exact result on values already converted to the common dtype `dt`. */
  f: (x: number, y: number, dt: DType) => number;
  kind: 'arith' | 'div' | 'cmp';
  /** Relative tolerance for float results (0: exact). */
  rel: number;
}

const BINARY: BinarySpec[] = [
  { name: 'add', op: add, f: (x, y, dt) => (dt === 'bool' ? Number(x !== 0 || y !== 0) : x + y), kind: 'arith', rel: 0 },
  { name: 'sub', op: sub, f: (x, y) => x - y, kind: 'arith', rel: 0 },
  { name: 'mul', op: mul, f: (x, y) => x * y, kind: 'arith', rel: 0 },
  { name: 'div', op: div, f: (x, y) => x / y, kind: 'div', rel: 0 },
  { name: 'pow', op: pow, f: (x, y, dt) => (dt === 'int32' ? powInt(x, y) : Math.pow(x, y)), kind: 'arith', rel: 1e-6 },
  { name: 'eq', op: eq, f: (x, y) => Number(x === y), kind: 'cmp', rel: 0 },
  { name: 'ne', op: ne, f: (x, y) => Number(x !== y), kind: 'cmp', rel: 0 },
  { name: 'gt', op: gt, f: (x, y) => Number(x > y), kind: 'cmp', rel: 0 },
  { name: 'ge', op: ge, f: (x, y) => Number(x >= y), kind: 'cmp', rel: 0 },
  { name: 'lt', op: lt, f: (x, y) => Number(x < y), kind: 'cmp', rel: 0 },
  { name: 'le', op: le, f: (x, y) => Number(x <= y), kind: 'cmp', rel: 0 },
];

/** The dtype of `x op y` given the common dtype. */
function outDtype(spec: BinarySpec, dt: DType): DType {
  if (spec.kind === 'cmp') return 'bool';
  if (spec.kind === 'div' && !isFloat(dt)) return 'float32';
  return dt;
}

/** Whether PyTorch refuses the combination (and so must the engine). */
function refuses(spec: BinarySpec, dt: DType, b: NArr | number, x: Tensor | number, y: Tensor | number): boolean {
  // PyTorch: "Subtraction, the `-` operator, with a bool tensor is not supported" (any bool operand)
  if (spec.name === 'sub' && [x, y].some((t) => typeof t !== 'number' && t.dtype === 'bool')) return true;
  if (spec.name === 'pow' && dt === 'bool') return true; // "pow" not implemented for 'Bool'
  if (spec.name === 'pow' && dt === 'int32' && typeof b === 'number' && b < 0) return true; // int ** negative int
  return false;
}

/** The naive result of `a op b` (either may be a plain number). */
function naiveBinary(spec: BinarySpec, a: NArr | number, b: NArr | number, dt: DType): NArr {
  const out = outDtype(spec, dt);
  const compute = spec.kind === 'div' && !isFloat(dt) ? 'float32' : dt; // true division works in float
  const A: NArr = typeof a === 'number' ? { shape: [], v: a } : a;
  const B: NArr = typeof b === 'number' ? { shape: [], v: b } : b;
  return zipN(A, B, (x, y) => castTo(spec.f(castTo(x, compute), castTo(y, compute), compute), out));
}

// ---------------------------------------------------------------- arbitraries

const VALUE: Record<DType, fc.Arbitrary<number>> = {
  float32: arbF32,
  float64: fc.double({ min: -8, max: 8, noNaN: true, noDefaultInfinity: true }),
  int32: arbSmallInt,
  bool: fc.integer({ min: 0, max: 1 }),
};

const DTYPE_PAIRS: [DType, DType][] = [
  ['float32', 'float32'], ['int32', 'int32'], ['int32', 'float32'], ['float32', 'int32'], ['bool', 'int32'],
  ['bool', 'bool'], ['float64', 'float32'], ['float32', 'float64'], ['int32', 'float64'], ['bool', 'float32'],
];

const arbLayout = fc.constantFrom<Layout>(...LAYOUTS);

/** An operand: its values, dtype and memory layout. */
interface Operand {
  a: NArr;
  dtype: DType;
  layout: Layout;
  seed: number;
}

function arbOperand(shape: number[], dtype: DType): fc.Arbitrary<Operand> {
  return fc.record({ a: arbArrayOf(shape, VALUE[dtype]), dtype: fc.constant(dtype), layout: arbLayout, seed: fc.nat() });
}

const arbBinaryCase = fc
  .tuple(fc.constantFrom(...BINARY), fc.constantFrom(...DTYPE_PAIRS), arbBroadcastPair(4, 3))
  .chain(([spec, [da, db], [sa, sb]]) => fc.tuple(fc.constant(spec), arbOperand(sa, da), arbOperand(sb, db)));

/** Plain numbers: small integers, fractions, and values that are not float32 (0.1). */
const arbScalar = fc.oneof(arbSmallInt, fc.double({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0.1, -2.5, 0.3, 1e-3));

const arbScalarCase = fc
  .tuple(fc.constantFrom(...BINARY), fc.constantFrom<DType>('float32', 'float64', 'int32', 'bool'), arbShape(0, 3, 0, 3), fc.boolean())
  .chain(([spec, dtype, shape, scalarFirst]) => fc.tuple(fc.constant(spec), arbOperand(shape, dtype), arbScalar, fc.constant(scalarFirst)));

const tensorOf = (o: Operand) => materialize(o.a, o.dtype, o.layout, o.seed);

function checkBinary(spec: BinarySpec, x: Tensor | number, y: Tensor | number, a: NArr | number, b: NArr | number): void {
  const dt = commonDtype(x, y);
  const what = `${spec.name}(${typeof x === 'number' ? x : `${x.dtype}[${x.shape}]`}, ${typeof y === 'number' ? y : `${y.dtype}[${y.shape}]`})`;
  if (refuses(spec, dt, b, x, y)) {
    expect(() => spec.op(x, y), what).toThrow();
    return;
  }
  const got = spec.op(x, y);
  expect(got.dtype, `${what} dtype`).toBe(outDtype(spec, dt));
  const want = naiveBinary(spec, a, b, dt);
  expectTensor(got, want, (g, w) => close(g, w, spec.rel), what);
  expect(got.isContiguous(), `${what} result is contiguous`).toBe(true);
}

// ---------------------------------------------------------------- binary ops

describe('binary elementwise ops vs naive loops', () => {
  it('tensor op tensor, random broadcastable shapes, dtypes and layouts', () => {
    fc.assert(
      fc.property(arbBinaryCase, ([spec, A, B]) => {
        const x = tensorOf(A), y = tensorOf(B);
        const before = [x.toTypedArray(), y.toTypedArray()];
        checkBinary(spec, x, y, A.a, B.a);
        // the inputs are untouched
        expect(x.toTypedArray()).toEqual(before[0]);
        expect(y.toTypedArray()).toEqual(before[1]);
      }),
      { numRuns: 400 },
    );
  });

  it('tensor op number and number op tensor (the number is a "wrapped" scalar)', () => {
    fc.assert(
      fc.property(arbScalarCase, ([spec, A, s, scalarFirst]) => {
        const x = tensorOf(A);
        if (scalarFirst) checkBinary(spec, s, x, s, A.a);
        else checkBinary(spec, x, s, A.a, s);
      }),
      { numRuns: 300 },
    );
  });

  it('a method call is the same op: x.add(y) … x.le(y)', () => {
    const x = tensor([[1.5, -2], [0, 4]], { dtype: 'float32' });
    const y = tensor([0.5, 4], { dtype: 'float32' });
    const methods: Record<string, (a: Tensor, b: TensorLike) => Tensor> = {
      add: (a, b) => a.add(b), sub: (a, b) => a.sub(b), mul: (a, b) => a.mul(b), div: (a, b) => a.div(b), pow: (a, b) => a.pow(b),
      eq: (a, b) => a.eq(b), ne: (a, b) => a.ne(b), gt: (a, b) => a.gt(b), ge: (a, b) => a.ge(b), lt: (a, b) => a.lt(b), le: (a, b) => a.le(b),
    };
    for (const spec of BINARY) {
      const want = naiveBinary(spec, { shape: [2, 2], v: [[1.5, -2], [0, 4]] }, { shape: [2], v: [0.5, 4] }, 'float32');
      expectTensor(methods[spec.name](x, y), want, (g, w) => close(g, w, spec.rel), spec.name);
    }
  });

  it('division by zero and NaN follow IEEE: 1/0 = inf, -1/0 = -inf, 0/0 = NaN; NaN compares unequal', () => {
    const x = tensor([1, -1, 0], { dtype: 'float32' });
    expect(x.div(0).tolist()).toEqual([Infinity, -Infinity, NaN]);
    const n = tensor([NaN, 1], { dtype: 'float32' });
    expect(n.eq(n).tolist()).toEqual([false, true]);
    expect(n.ne(n).tolist()).toEqual([true, false]);
    expect(tensor([1, 0]).div(tensor([0, 0])).tolist()).toEqual([Infinity, NaN]); // int / int is float
  });
});

// ---------------------------------------------------------------- unary ops

interface UnarySpec {
  name: string;
  op: (x: Tensor) => Tensor;
  f: (x: number) => number;
  /** Output dtype for an input dtype, or null when PyTorch refuses it. */
  out: (d: DType) => DType | null;
  rel: number;
}

const floatOut = (d: DType): DType => (isFloat(d) ? d : 'float32');

const UNARY: UnarySpec[] = [
  { name: 'neg', op: (x) => x.neg(), f: (x) => -x, out: (d) => (d === 'bool' ? null : d), rel: 0 },
  { name: 'exp', op: (x) => x.exp(), f: Math.exp, out: floatOut, rel: 1e-6 },
  { name: 'log', op: (x) => x.log(), f: Math.log, out: floatOut, rel: 1e-6 },
  { name: 'sqrt', op: (x) => x.sqrt(), f: Math.sqrt, out: floatOut, rel: 0 },
  { name: 'tanh', op: (x) => x.tanh(), f: Math.tanh, out: floatOut, rel: 1e-6 },
  { name: 'relu', op: (x) => x.relu(), f: (x) => (x > 0 ? x : 0), out: (d) => (d === 'bool' ? null : d), rel: 0 },
];

describe('unary elementwise ops vs naive loops', () => {
  it('neg, exp, log, sqrt, tanh, relu on random shapes, dtypes and layouts', () => {
    const arbCase = fc
      .tuple(fc.constantFrom(...UNARY), fc.constantFrom<DType>('float32', 'float64', 'int32', 'bool'), arbShape(0, 4, 0, 3))
      .chain(([spec, dtype, shape]) => fc.tuple(fc.constant(spec), arbOperand(shape, dtype)));
    fc.assert(
      fc.property(arbCase, ([spec, A]) => {
        const x = tensorOf(A);
        const out = spec.out(A.dtype);
        if (out === null) {
          expect(() => spec.op(x)).toThrow();
          return;
        }
        const got = spec.op(x);
        expect(got.dtype).toBe(out);
        // int and bool inputs are converted to float32 before the function (PyTorch's promotion)
        const want = mapN(A.a, (v) => castTo(spec.f(castTo(v, out)), out));
        expectTensor(got, want, (g, w) => close(g, w, spec.rel), `${spec.name} ${A.dtype} ${A.layout}`);
      }),
      { numRuns: 300 },
    );
  });

  it('log(0) = -inf, log(-1) = NaN, sqrt(-1) = NaN, relu keeps NaN, exp overflows to inf in float32', () => {
    const x = tensor([0, -1, NaN, 100], { dtype: 'float32' });
    expect(x.log().tolist()).toEqual([-Infinity, NaN, NaN, Math.fround(Math.log(100))]);
    expect(x.sqrt().tolist()).toEqual([0, NaN, NaN, 10]);
    expect(x.relu().tolist()).toEqual([0, 0, NaN, 100]);
    expect(x.exp().toTypedArray()[3]).toBe(Infinity); // e^100 > float32 max
    expect(x.double().exp().tolist()).toEqual([1, Math.exp(-1), NaN, Math.exp(100)]);
  });
});

// ---------------------------------------------------------------- type promotion, by example

describe('type promotion', () => {
  it('int32 / int32 is true division giving float32', () => {
    const q = tensor([7, -7, 1]).div(tensor([2, 2, 3]));
    expect(q.dtype).toBe('float32');
    expect(q.tolist()).toEqual([3.5, -3.5, Math.fround(1 / 3)]);
  });

  it('int32 + float32 is float32', () => {
    const r = tensor([1, 2]).add(tensor([0.5, 0.25]));
    expect(r.dtype).toBe('float32');
    expect(r.tolist()).toEqual([1.5, 2.25]);
  });

  it('float32 tensor * 0.1 stays float32, and 0.1 is rounded to float32 BEFORE multiplying', () => {
    const f01 = Math.fround(0.1);
    // find values where rounding 0.1 first gives a different float32 product than not rounding it
    const ks = Array.from({ length: 200 }, (_, i) => Math.fround(1 + i * 0.37));
    const telling = ks.filter((k) => Math.fround(k * f01) !== Math.fround(k * 0.1));
    expect(telling.length).toBeGreaterThan(0); // so this test can tell the two apart
    const r = tensor(ks, { dtype: 'float32' }).mul(0.1);
    expect(r.dtype).toBe('float32');
    expect(r.tolist()).toEqual(ks.map((k) => Math.fround(k * f01)));
    // the same for comparisons: fround(0.1) == 0.1 in float32
    expect(tensor([f01], { dtype: 'float32' }).eq(0.1).tolist()).toEqual([true]);
    expect(tensor([f01], { dtype: 'float64' }).eq(0.1).tolist()).toEqual([false]);
  });

  it('float64 tensor * 0.1 stays float64 and uses 0.1 unrounded', () => {
    const r = tensor([3], { dtype: 'float64' }).mul(0.1);
    expect(r.dtype).toBe('float64');
    expect(r.tolist()).toEqual([3 * 0.1]);
  });

  it('int32 * 0.5 is float32 (the default float type); int32 * 2 stays int32', () => {
    expect(tensor([3]).mul(0.5).dtype).toBe('float32');
    expect(tensor([3]).mul(0.5).tolist()).toEqual([1.5]);
    expect(tensor([3]).mul(2).dtype).toBe('int32');
  });

  it('bool + 1 is int32; bool + true stays bool and is a logical or (True + True is True)', () => {
    const b = tensor([true, false]);
    const r = b.add(1);
    expect(r.dtype).toBe('int32');
    expect(r.tolist()).toEqual([2, 1]);
    const o = tensor([true, true, false]).add(tensor([true, false, false]));
    expect(o.dtype).toBe('bool');
    expect(o.tolist()).toEqual([true, true, false]);
    // a bool tensor holds 0 and 1 only: True + True must still equal True and count as 1
    expect(o.eq(tensor(true)).tolist()).toEqual([true, true, false]);
    expect(o.int().tolist()).toEqual([1, 1, 0]);
    expect(o.sum().item()).toBe(2);
  });

  it('in place into a bool tensor stores 0/1 only: fill_(2), fill_(0.5) and add_(True) are True', () => {
    const b = zeros([3], { dtype: 'bool' }).fill_(2);
    expect(b.eq(tensor(true)).tolist()).toEqual([true, true, true]);
    expect(b.sum().item()).toBe(3);
    expect(zeros([1], { dtype: 'bool' }).fill_(0.5).int().tolist()).toEqual([1]);
    const c = tensor([true, false]).add_(tensor([true, true]));
    expect(c.int().tolist()).toEqual([1, 1]);
  });

  it('comparisons give bool, whatever the operand dtypes', () => {
    expect(tensor([1, 2]).gt(1).dtype).toBe('bool');
    expect(tensor([1.5, 2.5]).le(tensor([2, 2])).tolist()).toEqual([true, false]);
    expect(tensor([1, 2]).eq(tensor([1.0, 2.5], { dtype: 'float64' })).tolist()).toEqual([true, false]);
    expect(tensor([1, 2]).gt(1.5).tolist()).toEqual([false, true]); // int vs fractional number compares as float
  });

  it('operands are converted to the common dtype first: a float64 0-d tensor next to float32 is rounded like a number', () => {
    const ks = Array.from({ length: 200 }, (_, i) => Math.fround(1 + i * 0.37));
    const v = tensor(ks, { dtype: 'float32' });
    const r = v.mul(tensor(0.1, { dtype: 'float64' }));
    expect(r.dtype).toBe('float32');
    expect(r.tolist()).toEqual(v.mul(0.1).tolist());
    expect(r.tolist()).toEqual(ks.map((k) => Math.fround(k * Math.fround(0.1))));
    // a tiny float64 exponent is 0 in float32: x ** 0 = 1 (computing in double gave 0 ** -1e-50 = inf)
    expect(tensor([0, 2], { dtype: 'float32' }).pow(tensor(-1e-50, { dtype: 'float64' })).tolist()).toEqual([1, 1]);
  });

  it('int32 + float32 converts the int to float32 first: 16777217 becomes 16777216, + 0.5 rounds to even', () => {
    expect(Math.fround(16777217)).toBe(16777216);
    expect(tensor([16777217]).add(tensor([0.5])).tolist()).toEqual([16777216]);
    expect(tensor([16777217]).gt(tensor([16777216], { dtype: 'float32' })).tolist()).toEqual([false]);
  });

  it('0-d tensors count only when their category is higher (float32[3] + float64 0-d is float32)', () => {
    const v = tensor([1, 2, 3], { dtype: 'float32' });
    expect(v.add(tensor(1, { dtype: 'float64' })).dtype).toBe('float32');
    expect(v.add(tensor([1], { dtype: 'float64' })).dtype).toBe('float64'); // [1] is dimensioned
    expect(tensor([1, 2]).add(tensor(0.5, { dtype: 'float32' })).dtype).toBe('float32');
    expect(tensor([1, 2]).add(tensor(0.5, { dtype: 'float64' })).dtype).toBe('float64');
    expect(tensor(1).add(tensor(0.5, { dtype: 'float64' })).dtype).toBe('float64'); // both 0-d
  });
});
