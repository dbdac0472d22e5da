/**
 * Reductions against naive loops: `sum` and `mean` over any dims (a number, a negative number, a
 * list in any order, none), with and without keepdim, on any layout; `max(dim)` (values and the
 * index of the FIRST maximum), `max()` and `argmax` with and without a dim.
 *
 * Values are quarter-integers, so every sum is exact in float32 and the comparison can be exact.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tensor, zeros, type DType } from '../../engine/index.js';
import {
  LAYOUTS, arbArrayOf, arbQuarter, arbShape, at, expectTensor, indices, make, materialize, type Layout, type NArr,
} from '../support/naive.js';

/** The dims a `dim` argument names, as non-negative positions (all dims for undefined or []). */
function namedDims(dim: number | number[] | undefined, ndim: number): number[] {
  if (dim === undefined) return [...Array(ndim).keys()];
  const list = typeof dim === 'number' ? [dim] : dim;
  if (list.length === 0) return [...Array(ndim).keys()];
  return list.map((d) => (d < 0 ? d + Math.max(ndim, 1) : d)).filter((d) => d < ndim); // a 0-d tensor accepts 0 / -1 and has nothing to reduce
}

/** Naive reduction: combine every element whose index agrees outside `dims`. */
function naiveReduce(a: NArr, dims: number[], keepdim: boolean, combine: (vals: number[]) => number): NArr {
  const reduced = new Set(dims);
  const outShape = a.shape.flatMap((d, k) => (reduced.has(k) ? (keepdim ? [1] : []) : [d]));
  const groups = new Map<string, number[]>();
  for (const idx of indices(a.shape)) {
    const key = idx.filter((_, k) => !reduced.has(k)).join(',');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(at(a.v, idx));
  }
  return make(outShape, (idx) => combine(groups.get(idx.filter((_, k) => !(keepdim && reduced.has(k))).join(',')) ?? []));
}

const sumOf = (vs: number[]) => vs.reduce((p, v) => p + v, 0);

/** A `dim` argument for a tensor of rank `ndim`: none, one dim (maybe negative), or a list of distinct dims in any order. */
function arbDimArg(ndim: number): fc.Arbitrary<number | number[] | undefined> {
  const n = Math.max(ndim, 1);
  const one = fc.integer({ min: -n, max: n - 1 });
  const list = ndim === 0 ? fc.constant<number[]>([]) : fc.shuffledSubarray([...Array(ndim).keys()]).chain((ds) =>
    fc.array(fc.boolean(), { minLength: ds.length, maxLength: ds.length }).map((neg) => ds.map((d, i) => (neg[i] ? d - ndim : d))));
  return fc.oneof(fc.constant(undefined), one, list);
}

const arbLayout = fc.constantFrom<Layout>(...LAYOUTS);

const arbCase = (value: fc.Arbitrary<number>, maxDim = 4) =>
  arbShape(0, 4, 0, maxDim).chain((shape) =>
    fc.record({ a: arbArrayOf(shape, value), dim: arbDimArg(shape.length), keepdim: fc.boolean(), layout: arbLayout, seed: fc.nat() }));

describe('sum and mean vs naive loops', () => {
  it('float32 sum over any dims, keepdim or not', () => {
    fc.assert(
      fc.property(arbCase(arbQuarter), ({ a, dim, keepdim, layout, seed }) => {
        const x = materialize(a, 'float32', layout, seed);
        const dims = namedDims(dim, a.shape.length);
        const got = dim === undefined && !keepdim ? x.sum() : x.sum(dim, keepdim);
        expect(got.dtype).toBe('float32');
        expectTensor(got, naiveReduce(a, dims, keepdim, sumOf), undefined, `sum(${JSON.stringify(dim)}, ${keepdim}) of [${a.shape}]`);
      }),
      { numRuns: 300 },
    );
  });

  it('float32 and float64 mean over any dims: the sum divided by the number of elements reduced (NaN when none)', () => {
    fc.assert(
      fc.property(arbCase(arbQuarter), fc.constantFrom<DType>('float32', 'float64'), ({ a, dim, keepdim, layout, seed }, dtype) => {
        const x = materialize(a, dtype, layout, seed);
        const dims = namedDims(dim, a.shape.length);
        const round = dtype === 'float32' ? Math.fround : (v: number) => v;
        const got = x.mean(dim, keepdim);
        expect(got.dtype).toBe(dtype);
        expectTensor(got, naiveReduce(a, dims, keepdim, (vs) => round(sumOf(vs) / vs.length)), undefined, `mean(${JSON.stringify(dim)}, ${keepdim}) of [${a.shape}]`);
      }),
      { numRuns: 300 },
    );
  });

  it('int32 and bool tensors sum to int32 (mean refuses them)', () => {
    fc.assert(
      fc.property(arbCase(fc.integer({ min: -20, max: 20 }), 3), fc.constantFrom<DType>('int32', 'bool'), ({ a, dim, keepdim, layout, seed }, dtype) => {
        const x = materialize(a, dtype, layout, seed);
        const dims = namedDims(dim, a.shape.length);
        const got = x.sum(dim, keepdim);
        expect(got.dtype).toBe('int32');
        const asDtype = dtype === 'bool' ? (vs: number[]) => sumOf(vs.map((v) => (v !== 0 ? 1 : 0))) : sumOf;
        expectTensor(got, naiveReduce(a, dims, keepdim, asDtype));
        expect(() => x.mean(dim, keepdim)).toThrow(/mean\(\): could not infer output dtype/);
      }),
      { numRuns: 150 },
    );
  });

  it('a dim named twice is an error, also when once negative', () => {
    const x = zeros([2, 3]);
    expect(() => x.sum([0, -2])).toThrow(/appears multiple times/);
    expect(() => x.sum([1, 1])).toThrow(/appears multiple times/);
  });
});

/** Naive max along `d`: the value and the index of its FIRST occurrence. */
function naiveMax(a: NArr, d: number, keepdim: boolean): { values: NArr; indices: NArr } {
  const outShape = a.shape.flatMap((s, k) => (k === d ? (keepdim ? [1] : []) : [s]));
  const scan = (idx: number[]) => {
    const full = keepdim ? [...idx] : [...idx.slice(0, d), 0, ...idx.slice(d)];
    let best = -Infinity, bi = -1;
    for (let i = 0; i < a.shape[d]; i++) {
      full[d] = i;
      const v = at(a.v, full);
      if (bi === -1 || v > best) [best, bi] = [v, i];
    }
    return [best, bi];
  };
  return { values: make(outShape, (idx) => scan(idx)[0]), indices: make(outShape, (idx) => scan(idx)[1]) };
}

describe('max and argmax vs naive loops (ties: the first maximum wins)', () => {
  const arbTies = fc.integer({ min: -3, max: 3 });
  const arbMaxCase = arbShape(1, 4, 1, 4).chain((shape) =>
    fc.record({
      a: arbArrayOf(shape, arbTies),
      d: fc.integer({ min: -shape.length, max: shape.length - 1 }),
      keepdim: fc.boolean(),
      layout: arbLayout,
      seed: fc.nat(),
      dtype: fc.constantFrom<DType>('float32', 'int32', 'float64'),
    }));

  it('max(dim) gives values and int32 indices; argmax(dim) gives the same indices', () => {
    fc.assert(
      fc.property(arbMaxCase, ({ a, d, keepdim, layout, seed, dtype }) => {
        const x = materialize(a, dtype, layout, seed);
        const dd = d < 0 ? d + a.shape.length : d;
        const want = naiveMax(a, dd, keepdim);
        const got = x.max(d, keepdim);
        expect(got.values.dtype).toBe(dtype);
        expect(got.indices.dtype).toBe('int32');
        expectTensor(got.values, want.values, undefined, 'values');
        expectTensor(got.indices, want.indices, undefined, 'indices');
        expectTensor(x.argmax(d, keepdim), want.indices, undefined, 'argmax');
      }),
      { numRuns: 250 },
    );
  });

  it('max() and argmax() without a dim: the largest element and the row-major position of its first occurrence', () => {
    fc.assert(
      fc.property(arbMaxCase, ({ a, layout, seed, dtype }) => {
        const x = materialize(a, dtype, layout, seed);
        const vals = indices(a.shape).map((i) => at(a.v, i));
        const best = Math.max(...vals);
        expect(x.max().shape).toEqual([]);
        expect(x.max().item()).toBe(best);
        const am = x.argmax();
        expect(am.shape).toEqual([]);
        expect(am.item()).toBe(vals.indexOf(best));
        expect(x.argmax(undefined, true).shape).toEqual(a.shape.map(() => 1));
      }),
      { numRuns: 200 },
    );
  });

  it('by example: [[1,5,5],[7,7,1]] has row maxima 5 (at 1) and 7 (at 0); the flat argmax is 3', () => {
    const x = tensor([[1, 5, 5], [7, 7, 1]], { dtype: 'float32' });
    const { values, indices: ix } = x.max(1);
    expect(values.tolist()).toEqual([5, 7]);
    expect(ix.tolist()).toEqual([1, 0]);
    expect(x.max(0, true).values.tolist()).toEqual([[7, 7, 5]]);
    expect(x.max(0, true).indices.tolist()).toEqual([[1, 1, 0]]);
    expect(x.argmax().item()).toBe(3);
  });

  it('NaN is the maximum (as in PyTorch), at its first position', () => {
    const x = tensor([1, NaN, 3, NaN], { dtype: 'float32' });
    expect(x.max().item()).toBeNaN();
    expect(x.argmax().item()).toBe(1);
  });

  it('backward of max(dim) reads the incoming gradient row-major, also when it is a view with an offset', () => {
    const x = tensor([[1, 5, 2], [7, 0, 3]], { dtype: 'float32', requiresGrad: true });
    const m = x.max(1).values; // [5, 7] at [0, 1] and [1, 0]
    m.backward(tensor([99, 10, 20], { dtype: 'float32' }).narrow(0, 1, 2)); // [10, 20] at offset 1
    expect(x.grad!.tolist()).toEqual([[0, 10, 0], [20, 0, 0]]);
  });

  it('max over an empty dim is an error', () => {
    expect(() => zeros([2, 0]).max(1)).toThrow(/Expected reduction dim 1 to have non-zero size/);
    expect(() => zeros([0]).max()).toThrow("max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
  });
});
