/**
 * The reductions, scans and sorts of issue #15 against naive loops on nested arrays
 * (spec/support/naive.ts): random shapes with 0- and 1-sized dims, every layout, dims given as
 * numbers, negative numbers and lists, with and without keepdim; result dtypes; ties and NaN;
 * each error message. Quarter-integer inputs make float32 sums and products of a few values
 * exact, so most comparisons are exact; var/std/logsumexp/norm are compared to 1e-6 relative.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  all, allclose, amax, amin, any, argmin, cumprod, cumsum, equal, logsumexp, max, min, norm, prod, sort, std, tensor, topk,
  variance, zeros, type DType,
} from '../../engine/index.js';
import {
  LAYOUTS, arbArrayOf, arbQuarter, arbShape, arbSmallInt, at, close, expectTensor, flat, indices, make, materialize, sameNumber, type Layout, type NArr,
} from '../support/naive.js';

const RUNS = { numRuns: 60 } as const;
const arbLayout = fc.constantFrom<Layout>(...LAYOUTS);

/** A reduction: for each output position, the values along the reduced dims (row-major). */
function reduceN(a: NArr, dims: readonly number[], keepdim: boolean, f: (vals: number[]) => number): NArr {
  const outShape: number[] = [];
  a.shape.forEach((d, i) => {
    if (!dims.includes(i)) outShape.push(d);
    else if (keepdim) outShape.push(1);
  });
  const kept = a.shape.map((_, i) => i).filter((i) => !dims.includes(i));
  return make(outShape, (idx) => {
    const keptIdx = keepdim ? kept.map((d) => idx[d]) : idx;
    const vals: number[] = [];
    for (const r of indices(dims.map((d) => a.shape[d]))) {
      const full = new Array<number>(a.shape.length);
      kept.forEach((d, i) => (full[d] = keptIdx[i]));
      dims.forEach((d, i) => (full[d] = r[i]));
      vals.push(at(a.v, full));
    }
    return f(vals);
  });
}

/** A scan or sort along one dim: `f` maps the slice to a new slice of `outLen` values. */
function alongN(a: NArr, dim: number, outLen: number, f: (vals: number[]) => number[]): NArr {
  const shape = [...a.shape];
  shape[dim] = outLen;
  const cache = new Map<string, number[]>();
  return make(shape, (idx) => {
    const key = idx.filter((_, d) => d !== dim).join(',');
    let out = cache.get(key);
    if (!out) {
      const vals: number[] = [];
      for (let j = 0; j < a.shape[dim]; j++) vals.push(at(a.v, idx.map((v, d) => (d === dim ? j : v))));
      out = f(vals);
      cache.set(key, out);
    }
    return out[idx[dim]];
  });
}

/** A tensor of quarter-integers with a random shape, plus a dim list drawn from its dims. */
const arbCase = (minSize = 0) => arbShape(0, 3, minSize, 4).chain((shape) => fc.tuple(
  arbArrayOf(shape, arbQuarter),
  fc.subarray(shape.map((_, i) => i)),
  fc.boolean(), // keepdim
  fc.boolean(), // negative dims
  arbLayout,
));

const neg = (dims: number[], rank: number, useNeg: boolean) => (useNeg ? dims.map((d) => d - rank) : dims);
const allDims = (a: NArr, dims: number[]) => (dims.length === 0 ? a.shape.map((_, i) => i) : dims);

const sumOf = (v: number[]) => v.reduce((p, x) => p + x, 0);
const meanOf = (v: number[]) => sumOf(v) / v.length;
const varOf = (v: number[], c: number) => sumOf(v.map((x) => (x - meanOf(v)) ** 2)) / Math.max(0, v.length - c);
const maxOf = (v: number[]) => (v.some(Number.isNaN) ? NaN : Math.max(...v));
const minOf = (v: number[]) => (v.some(Number.isNaN) ? NaN : Math.min(...v));
const rel = (r: number) => (g: number, w: number) => close(g, w, r, 1e-6);

describe('reductions over several dims against naive loops', () => {
  it('amax, amin (non-empty dims), any, all, prod', () => {
    fc.assert(fc.property(arbCase(1), ([a, dims, keepdim, useNeg, layout]) => {
      const x = materialize(a, 'float32', layout, 3);
      const d = neg(dims, a.shape.length, useNeg);
      const red = allDims(a, dims);
      expectTensor(amax(x, d, keepdim), reduceN(a, red, keepdim, maxOf), sameNumber, 'amax');
      expectTensor(amin(x, d, keepdim), reduceN(a, red, keepdim, minOf), sameNumber, 'amin');
      expectTensor(any(x, d, keepdim), reduceN(a, red, keepdim, (v) => Number(v.some((u) => u !== 0))), sameNumber, 'any');
      expectTensor(all(x, d, keepdim), reduceN(a, red, keepdim, (v) => Number(v.every((u) => u !== 0))), sameNumber, 'all');
      expect(any(x, d, keepdim).dtype).toBe('bool');
    }), RUNS);
  });

  it('prod over all and over one dim (float32 and int32); empty products are 1', () => {
    fc.assert(fc.property(arbShape(0, 3, 0, 4).chain((s) => fc.tuple(arbArrayOf(s, arbSmallInt), fc.nat(), fc.boolean(), arbLayout)), ([a, k, keepdim, layout]) => {
      const xi = materialize(a, 'int32', layout, 1), xf = materialize(a, 'float32', layout, 1);
      // up to 24 factors of |u| ≤ 6 can leave int32: the engine refuses that product (it has no
      // int64), so the naive product decides which of the two is expected
      const all = a.shape.map((_, i) => i);
      if (Math.abs(flat(a).reduce((p, u) => p * u, 1)) > 2147483647) expect(() => prod(xi)).toThrow(/does not fit in int32/);
      else {
        expectTensor(prod(xi), reduceN(a, all, false, (v) => v.reduce((p, u) => p * u, 1)), sameNumber, 'prod all int');
        expect(prod(xi).dtype).toBe('int32');
      }
      expect(prod(tensor([true, false])).dtype).toBe('int32');
      if (a.shape.length === 0) return;
      const dim = k % a.shape.length;
      const want = reduceN(a, [dim], keepdim, (v) => v.reduce((p, u) => p * u, 1));
      expectTensor(prod(xf, dim, keepdim), want, sameNumber, 'prod dim float32');
      expectTensor(prod(xi, dim - a.shape.length, keepdim), want, sameNumber, 'prod negative dim int32');
    }), RUNS);
  });

  it('var and std: correction 0, 1, 2, unbiased, keepdim; n ≤ correction gives inf or NaN; empty gives NaN', () => {
    fc.assert(fc.property(arbCase(0), fc.constantFrom(0, 1, 2), ([a, dims, keepdim, useNeg, layout], c) => {
      const x = materialize(a, 'float64', layout, 2);
      const d = dims.length === 0 ? undefined : neg(dims, a.shape.length, useNeg);
      const red = allDims(a, dims);
      const v = (vals: number[]) => (vals.length === 0 ? NaN : varOf(vals, c));
      // with dims omitted the output has no dims (keepdim only applies to given dims)
      const keep = d === undefined ? false : keepdim;
      expectTensor(variance(x, d, { correction: c, keepdim: keep }), reduceN(a, red, keep, v), rel(1e-12), 'var');
      expectTensor(std(x, d, { correction: c, keepdim: keep }), reduceN(a, red, keep, (vals) => Math.sqrt(v(vals))), rel(1e-12), 'std');
      if (c <= 1) expectTensor(variance(x, d, { unbiased: c === 1, keepdim: keep }), reduceN(a, red, keep, v), rel(1e-12), 'var unbiased');
    }), RUNS);
    expect(variance(tensor([1], { dtype: 'float32' })).item()).toBeNaN();
    expect(std(tensor([1], { dtype: 'float32' }), null, { unbiased: false }).item()).toBe(0);
    expect(variance(tensor([1, 2], { dtype: 'float32' }), 0, { correction: 2 }).item()).toBe(Infinity);
    expect(variance(zeros([0])).item()).toBeNaN();
  });

  it('logsumexp and norm against log Σ eˣ and √Σx² in float64', () => {
    fc.assert(fc.property(arbCase(0), ([a, dims, keepdim, useNeg, layout]) => {
      const x = materialize(a, 'float32', layout, 5);
      const red = allDims(a, dims);
      const d = neg(red, a.shape.length, useNeg);
      expectTensor(logsumexp(x, d, keepdim), reduceN(a, red, keepdim, (v) => Math.log(sumOf(v.map(Math.exp)))), rel(1e-6), 'logsumexp');
      expectTensor(norm(x, 2, dims.length ? d : undefined, dims.length ? keepdim : false), reduceN(a, red, dims.length ? keepdim : false, (v) => Math.sqrt(sumOf(v.map((u) => u * u)))), rel(1e-6), 'norm');
    }), RUNS);
    expect(logsumexp(tensor([Infinity, Infinity]).float(), 0).item()).toBe(Infinity);
    expect(logsumexp(tensor([-Infinity, -Infinity]).float(), 0).item()).toBe(-Infinity);
    expect(logsumexp(zeros([0]), 0).item()).toBe(-Infinity);
    expect(logsumexp(tensor([-3, 0, 2]), 0).dtype).toBe('float32');
  });
});

describe('min / max / argmin over one dim, and over everything', () => {
  it('values and first index against a naive scan', () => {
    fc.assert(fc.property(arbCase(1), fc.nat(), ([a, , keepdim, useNeg, layout], k) => {
      const x = materialize(a, 'float32', layout, 4);
      const firstIndex = (v: number[], better: (p: number, q: number) => boolean) => v.reduce((bi, u, i) => (better(u, v[bi]) ? i : bi), 0);
      expectTensor(min(x), make([], () => minOf(flatValues(a))), sameNumber, 'min all');
      expectTensor(max(x), make([], () => maxOf(flatValues(a))), sameNumber, 'max all');
      if (a.shape.length === 0) return;
      const dim = k % a.shape.length, d = useNeg ? dim - a.shape.length : dim;
      const r = min(x, d, keepdim);
      expectTensor(r.values, reduceN(a, [dim], keepdim, minOf), sameNumber, 'min values');
      expectTensor(r.indices, reduceN(a, [dim], keepdim, (v) => firstIndex(v, (p, q) => p < q)), sameNumber, 'min indices');
      expect(r.indices.dtype).toBe('int32');
      expectTensor(argmin(x, d, keepdim), reduceN(a, [dim], keepdim, (v) => firstIndex(v, (p, q) => p < q)), sameNumber, 'argmin');
      expectTensor(argmin(x), make([], () => firstIndex(flatValues(a), (p, q) => p < q)), sameNumber, 'argmin all');
    }), RUNS);
  });

  it('NaN wins, at its first position; bools are allowed; a 0-d tensor is its own minimum', () => {
    const r = min(tensor([3, NaN, 1, NaN]).float(), 0);
    expect(r.values.item()).toBeNaN();
    expect(r.indices.item()).toBe(1);
    expect(min(tensor([true, false])).tolist()).toBe(false);
    expect(min(tensor([[3, 1, 1]]), 1).indices.tolist()).toEqual([1]);
    expect(min(tensor(5), 0).values.item()).toBe(5);
    expect(amax(tensor([true, false])).tolist()).toBe(true);
    expect(min(zeros([0, 3]), 1).values.shape).toEqual([0]);
    expect(amax(zeros([0, 3]), 1).shape).toEqual([0]);
  });
});

function flatValues(a: NArr): number[] {
  return indices(a.shape).map((i) => at(a.v, i));
}

describe('scans and sorting along one dim', () => {
  it('cumsum and cumprod (float32, int32, bool → int32)', () => {
    fc.assert(fc.property(arbShape(0, 3, 0, 4).chain((s) => fc.tuple(arbArrayOf(s, arbSmallInt), fc.nat(), arbLayout, fc.constantFrom<DType>('float32', 'int32'))), ([a, k, layout, dt]) => {
      const x = materialize(a, dt, layout, 6);
      const dim = a.shape.length === 0 ? 0 : k % a.shape.length;
      const len = a.shape[dim] ?? 1;
      const running = (op: (p: number, u: number) => number, init: number) => (v: number[]) => { let s = init; return v.map((u) => (s = op(s, u))); };
      const want = (f: (v: number[]) => number[]) => (a.shape.length === 0 ? a : alongN(a, dim, len, f));
      expectTensor(cumsum(x, dim), want(running((p, u) => p + u, 0)), sameNumber, 'cumsum');
      expectTensor(cumprod(x, -1), a.shape.length === 0 ? a : alongN(a, a.shape.length - 1, a.shape[a.shape.length - 1], running((p, u) => p * u, 1)), sameNumber, 'cumprod');
      expect(cumsum(x, dim).dtype).toBe(dt);
    }), RUNS);
    expect(cumsum(tensor([true, false, true]), 0).tolist()).toEqual([1, 1, 2]);
    expect(cumsum(tensor([true]), 0).dtype).toBe('int32');
  });

  it('sort (stable, both directions, NaN largest) and topk (the first k of that order)', () => {
    const arbVals = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: -3, max: 3 }) }, { weight: 1, arbitrary: fc.constant(NaN) });
    fc.assert(fc.property(arbShape(0, 3, 0, 4).chain((s) => fc.tuple(arbArrayOf(s, arbVals), fc.nat(), fc.nat(), arbLayout, fc.boolean())), ([a, k, kk, layout, desc]) => {
      const x = materialize(a, 'float32', layout, 7);
      const dim = a.shape.length === 0 ? 0 : k % a.shape.length;
      const len = a.shape[dim] ?? 1;
      const key = (u: number) => (Number.isNaN(u) ? Infinity : u);
      // a stable sort written as insertion sort of positions
      const order = (v: number[], descending: boolean) => {
        const pos: number[] = [];
        for (let i = 0; i < v.length; i++) {
          let j = pos.length;
          const before = (p: number) => (descending ? key(v[p]) < key(v[i]) || (Number.isNaN(v[i]) && !Number.isNaN(v[p])) : key(v[p]) > key(v[i]) || (Number.isNaN(v[p]) && !Number.isNaN(v[i])));
          while (j > 0 && before(pos[j - 1])) j--;
          pos.splice(j, 0, i);
        }
        return pos;
      };
      const s = sort(x, dim, desc);
      const shaped = (f: (v: number[]) => number[], n: number) => (a.shape.length === 0 ? make([], () => f([a.v as number])[0]) : alongN(a, dim, n, f));
      expectTensor(s.indices, shaped((v) => order(v, desc), len), sameNumber, 'sort indices');
      expectTensor(s.values, shaped((v) => order(v, desc).map((i) => v[i]), len), sameNumber, 'sort values');
      const kTop = kk % (len + 1);
      const t = topk(x, kTop, dim, !desc);
      if (a.shape.length === 0) {
        // PyTorch: a 0-d tensor is its own top-0 and top-1
        expect([t.values.item(), t.indices.item()]).toEqual([a.v, 0]);
        return;
      }
      expectTensor(t.indices, shaped((v) => order(v, !desc).slice(0, kTop), kTop), sameNumber, 'topk indices');
      expectTensor(t.values, shaped((v) => order(v, !desc).slice(0, kTop).map((i) => v[i]), kTop), sameNumber, 'topk values');
    }), RUNS);
  });
});

describe('allclose and equal', () => {
  it('allclose against |a − b| ≤ atol + rtol·|b| with broadcasting', () => {
    const arb = fc.tuple(arbShape(0, 2, 0, 3), fc.double({ min: -1e-3, max: 1e-3, noNaN: true }), fc.constantFrom(1e-5, 1e-3, 0), fc.constantFrom(1e-8, 1e-4, 0))
      .chain(([s, dlt, rtol, atol]) => fc.tuple(arbArrayOf(s, arbQuarter), fc.constant(dlt), fc.constant(rtol), fc.constant(atol)));
    fc.assert(fc.property(arb, ([a, dlt, rtol, atol]) => {
      const b = make(a.shape, (i) => Math.fround(at(a.v, i) + dlt));
      const want = flatValues(a).every((u, i) => {
        const w = flatValues(b)[i];
        return u === w || Math.abs(Math.fround(u - w)) <= Math.fround(Math.fround(atol) + Math.abs(Math.fround(Math.fround(rtol) * w)));
      });
      expect(allclose(materialize(a, 'float32'), materialize(b, 'float32'), rtol, atol)).toBe(want);
    }), RUNS);
    expect(allclose(tensor([Infinity]).float(), tensor([Infinity]).float())).toBe(true);
    expect(allclose(tensor([NaN]).float(), tensor([NaN]).float())).toBe(false);
    expect(allclose(tensor([NaN]).float(), tensor([NaN]).float(), 1e-5, 1e-8, true)).toBe(true);
    expect(allclose(tensor([1, 1]).float(), tensor([1]).float())).toBe(true);
    expect(allclose(tensor([1, 2]), tensor([1, 2]))).toBe(true);
  });

  it('equal: same shape and values (NaN never equal; dtypes compared as numbers)', () => {
    expect(equal(tensor([1, 2]), tensor([1, 2]).float())).toBe(true);
    expect(equal(tensor([1, 2]), tensor([1]))).toBe(false);
    expect(equal(tensor([[1, 1]]), tensor([1, 1]))).toBe(false);
    expect(equal(tensor([NaN]).float(), tensor([NaN]).float())).toBe(false);
    expect(equal(tensor([[1, 2], [3, 4]]).T, tensor([[1, 3], [2, 4]]))).toBe(true);
  });
});

describe('errors name the problem', () => {
  const x = tensor([[1, 2], [3, 4]]).float();
  it('dims out of range and repeated', () => {
    expect(() => amax(x, 2)).toThrow('amax: dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => cumsum(x, -3)).toThrow('cumsum: dimension out of range (expected to be in range of [-2, 1], but got -3)');
    expect(() => amax(x, [0, -2])).toThrow('amax: dim 0 appears multiple times in the list of dims [0, -2]');
    expect(() => sort(x, 5)).toThrow('sort: dimension out of range');
  });
  it('empty reductions without an identity', () => {
    expect(() => min(zeros([0, 3]))).toThrow("min(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
    expect(() => min(zeros([0, 3]), 0)).toThrow('min(): Expected reduction dim 0 to have non-zero size (input shape [0, 3])');
    expect(() => amax(zeros([0, 3]), 0)).toThrow('amax(): Expected reduction dim 0 to have non-zero size (input shape [0, 3])');
    expect(() => argmin(zeros([0]))).toThrow('argmin(): Expected reduction dim to be specified for input.numel() == 0.');
  });
  it('dtypes PyTorch refuses', () => {
    expect(() => variance(tensor([1, 2]))).toThrow('var: std and var only support floating point and complex dtypes (got int32; convert with .float() first)');
    expect(() => std(tensor([1, 2]))).toThrow('std: std and var only support floating point and complex dtypes');
    expect(() => norm(tensor([1, 2]))).toThrow('norm(): input dtype should be either floating point or complex. Got Int instead.');
    expect(() => topk(tensor([true]), 1)).toThrow(`"topk_cpu" not implemented for 'Bool'`);
    expect(() => allclose(tensor([1]), tensor([1]).float())).toThrow('allclose: Int did not match Float');
  });
  it('bad arguments', () => {
    expect(() => topk(x, 3, 1)).toThrow('topk: selected index k out of range (k = 3, but dim 1 of the tensor of shape [2, 2] has 2 elements)');
    expect(() => topk(x, -1)).toThrow('topk: selected index k out of range');
    expect(() => norm(x, 1)).toThrow("norm: only the 2-norm (p = 2 or 'fro') is implemented, got p = 1");
    expect(() => variance(x, 0, { correction: 1, unbiased: true })).toThrow('var: pass either correction or unbiased, not both (got correction 1, unbiased true)');
    expect(() => variance(x, 0, { correction: 0.5 })).toThrow('var: correction must be an integer, got 0.5');
    expect(() => allclose(tensor([1, 2, 3]).float(), tensor([1, 2]).float())).toThrow(/allclose: the size of tensor a \(3\) must match the size of tensor b \(2\)/);
    expect(() => prod(tensor([65536, 65536]))).toThrow('prod: the result 4294967296 does not fit in int32');
  });
  it('an op that fails leaves its input untouched', () => {
    const y = tensor([[3, 1], [2, 4]]).float();
    expect(() => topk(y, 5)).toThrow();
    expect(y.tolist()).toEqual([[3, 1], [2, 4]]);
    expect(y.version).toBe(0);
  });
});
