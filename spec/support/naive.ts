/**
 * The independent side of the tensor-core tests: n-dimensional arrays as nested JS arrays with
 * their shape carried beside them (a nested array cannot show the inner sizes of an empty dim),
 * and every operation written as the most direct loop over indices. Nothing here calls the
 * engine's shape, broadcasting, view or reduction code; the engine is only used to turn values
 * into a tensor (`materialize`) and back (`tolist`).
 */
import * as fc from 'fast-check';
import { expect } from 'vitest';
import { Tensor, slice, type DType } from '../../engine/index.js';

/** Nested arrays of numbers. */
export type Nested = number | Nested[];

/** A naive n-d array: its shape and its values as nested arrays (a number when 0-d). */
export interface NArr {
  shape: number[];
  v: Nested;
}

/** Product of the sizes (1 for `[]`). */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Nested arrays of `shape` with `f(index)` at every position. */
export function build(shape: readonly number[], f: (idx: number[]) => number): Nested {
  const rec = (prefix: number[]): Nested => {
    if (prefix.length === shape.length) return f(prefix);
    const out: Nested[] = [];
    for (let i = 0; i < shape[prefix.length]; i++) out.push(rec([...prefix, i]));
    return out;
  };
  return rec([]);
}

/** An NArr of `shape` with `f(index)` at every position. */
export function make(shape: readonly number[], f: (idx: number[]) => number): NArr {
  return { shape: [...shape], v: build(shape, f) };
}

/** The element at `idx`. */
export function at(v: Nested, idx: readonly number[]): number {
  let cur: Nested = v;
  for (const i of idx) {
    if (!Array.isArray(cur) || i < 0 || i >= cur.length) throw new Error(`naive: bad index [${idx.join(', ')}]`);
    cur = cur[i];
  }
  if (typeof cur !== 'number') throw new Error(`naive: index [${idx.join(', ')}] is not an element`);
  return cur;
}

/** Every index of `shape`, row-major (last index fastest). */
export function indices(shape: readonly number[]): number[][] {
  const out: number[][] = [];
  const rec = (prefix: number[]) => {
    if (prefix.length === shape.length) {
      out.push(prefix);
      return;
    }
    for (let i = 0; i < shape[prefix.length]; i++) rec([...prefix, i]);
  };
  rec([]);
  return out;
}

/** The values row-major. */
export function flat(a: NArr): number[] {
  return indices(a.shape).map((i) => at(a.v, i));
}

/** Row-major values into nested arrays of `shape`. */
export function fromFlat(shape: readonly number[], values: readonly number[]): NArr {
  if (values.length !== numel(shape)) throw new Error('naive: fromFlat size mismatch');
  const strides = shape.map((_, d) => numel(shape.slice(d + 1)));
  return make(shape, (idx) => values[idx.reduce((p, i, d) => p + i * strides[d], 0)]);
}

/** Apply `f` to every element. */
export function mapN(a: NArr, f: (x: number) => number): NArr {
  return make(a.shape, (i) => f(at(a.v, i)));
}

// ---------------------------------------------------------------- broadcasting (notes N10)

/**
 * N10 stated directly: align the shapes from the right; walking right to left each pair of sizes
 * must be equal, or one is 1, or one is missing. The result takes the size that is not 1
 * (or 1). Returns null when the shapes are not broadcastable.
 */
export function broadcastRule(...shapes: (readonly number[])[]): number[] | null {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let fromRight = 1; fromRight <= rank; fromRight++) {
    const sizes = shapes.map((s) => (s.length - fromRight >= 0 ? s[s.length - fromRight] : undefined)); // undefined: missing
    const present = sizes.filter((d): d is number => d !== undefined);
    const notOne = [...new Set(present.filter((d) => d !== 1))];
    if (notOne.length > 1) return null;
    out.unshift(notOne.length === 1 ? notOne[0] : 1);
  }
  return out;
}

/** The index into an operand of shape `shape` for the element `idx` of the broadcast result. */
export function broadcastIndex(idx: readonly number[], shape: readonly number[]): number[] {
  const lead = idx.length - shape.length;
  return shape.map((d, i) => (d === 1 ? 0 : idx[lead + i]));
}

/** `f(a, b)` elementwise with broadcasting (throws if not broadcastable). */
export function zipN(a: NArr, b: NArr, f: (x: number, y: number) => number): NArr {
  const shape = broadcastRule(a.shape, b.shape);
  if (!shape) throw new Error(`naive: [${a.shape}] and [${b.shape}] do not broadcast`);
  return make(shape, (i) => f(at(a.v, broadcastIndex(i, a.shape)), at(b.v, broadcastIndex(i, b.shape))));
}

// ---------------------------------------------------------------- views, naively

/** Output dim i is input dim `dims[i]`. */
export function permuteN(a: NArr, dims: readonly number[]): NArr {
  return make(dims.map((d) => a.shape[d]), (idx) => {
    const src = new Array<number>(a.shape.length);
    dims.forEach((d, i) => (src[d] = idx[i]));
    return at(a.v, src);
  });
}

/** Swap two dims. */
export function transposeN(a: NArr, d0: number, d1: number): NArr {
  const dims = a.shape.map((_, i) => i);
  [dims[d0], dims[d1]] = [dims[d1], dims[d0]];
  return permuteN(a, dims);
}

/** Python's `range(*slice(start, end, step).indices(size))` for a positive step. */
export function pySliceIndices(size: number, start: number | null, end: number | null, step: number): number[] {
  const norm = (v: number | null, dflt: number) => {
    if (v === null) return dflt;
    if (v < 0) return Math.max(v + size, 0);
    return Math.min(v, size);
  };
  const out: number[] = [];
  for (let i = norm(start, 0); i < norm(end, size); i += step) out.push(i);
  return out;
}

/** Keep the positions `keep` along `dim`. */
export function takeN(a: NArr, dim: number, keep: readonly number[]): NArr {
  const shape = [...a.shape];
  shape[dim] = keep.length;
  return make(shape, (idx) => {
    const src = [...idx];
    src[dim] = keep[idx[dim]];
    return at(a.v, src);
  });
}

/** `length` elements along `dim` from `start`. */
export function narrowN(a: NArr, dim: number, start: number, length: number): NArr {
  return takeN(a, dim, Array.from({ length }, (_, i) => start + i));
}

/** Index `i` along `dim` (negative counts from the end); the dim disappears. */
export function selectN(a: NArr, dim: number, i: number): NArr {
  const k = i < 0 ? i + a.shape[dim] : i;
  return make(a.shape.filter((_, d) => d !== dim), (idx) => at(a.v, [...idx.slice(0, dim), k, ...idx.slice(dim)]));
}

/** Broadcast to `shape` (sizes given explicitly, no -1). */
export function expandN(a: NArr, shape: readonly number[]): NArr {
  return make(shape, (idx) => at(a.v, broadcastIndex(idx, a.shape)));
}

/** Insert a size-1 dim at `dim` (0 ≤ dim ≤ ndim). */
export function unsqueezeN(a: NArr, dim: number): NArr {
  const shape = [...a.shape];
  shape.splice(dim, 0, 1);
  return make(shape, (idx) => at(a.v, idx.filter((_, d) => d !== dim)));
}

/** Drop size-1 dims (all, or only `dim` when it has size 1). */
export function squeezeN(a: NArr, dim?: number): NArr {
  const drop = (d: number) => a.shape[d] === 1 && (dim === undefined || d === dim);
  const kept = a.shape.map((_, d) => d).filter((d) => !drop(d));
  return make(kept.map((d) => a.shape[d]), (idx) => {
    const src = a.shape.map(() => 0);
    kept.forEach((d, i) => (src[d] = idx[i]));
    return at(a.v, src);
  });
}

/** Same values row-major, new shape. */
export function reshapeN(a: NArr, shape: readonly number[]): NArr {
  return fromFlat(shape, flat(a));
}

// ---------------------------------------------------------------- float32 / comparisons

/** True when two numbers are equal, NaN equal to NaN (and 0 to -0). */
export function sameNumber(x: number, y: number): boolean {
  return x === y || (Number.isNaN(x) && Number.isNaN(y));
}

/** Within relative tolerance `rel` (and absolute `abs`), or both the same non-finite value. */
export function close(x: number, y: number, rel: number, abs = 0): boolean {
  if (sameNumber(x, y)) return true;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  return Math.abs(x - y) <= abs + rel * Math.max(Math.abs(x), Math.abs(y));
}

/** Assert shape and values (exactly, or with `cmp`) of a tensor against a naive array. */
export function expectTensor(t: Tensor, want: NArr, cmp: (got: number, want: number) => boolean = sameNumber, what = ''): void {
  expect(t.shape, `${what} shape`).toEqual(want.shape);
  const got = t.toTypedArray();
  const exp = flat(want);
  expect(got.length, `${what} numel`).toBe(exp.length);
  for (let i = 0; i < exp.length; i++) {
    if (!cmp(got[i], exp[i])) {
      throw new Error(`${what} element ${i} (row-major) of shape [${want.shape}]: got ${got[i]}, want ${exp[i]}\n got  ${JSON.stringify(Array.from(got))}\n want ${JSON.stringify(exp)}`);
    }
  }
}

// ---------------------------------------------------------------- building tensors with a chosen layout

/** The typed array for `dtype`, holding `values`. */
export function typed(dtype: DType, values: readonly number[]) {
  switch (dtype) {
    case 'float32': return Float32Array.from(values);
    case 'float64': return Float64Array.from(values);
    case 'int32': return Int32Array.from(values);
    case 'bool': return Uint8Array.from(values, (v) => (v ? 1 : 0));
  }
}

/** How the elements of a test tensor are laid out in memory. */
export type Layout = 'contiguous' | 'permuted' | 'strided' | 'offset';
export const LAYOUTS: readonly Layout[] = ['contiguous', 'permuted', 'strided', 'offset'];

/** A permutation of 0..n-1 chosen by `seed`. */
export function permutationFromSeed(n: number, seed: number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  let s = (seed >>> 0) || 1;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

const JUNK = -777;

/**
 * A tensor holding `a`'s values (in `dtype`) laid out as asked:
 * - contiguous: row-major;
 * - permuted: a row-major tensor of the permuted shape seen through `permute` (non-contiguous
 *   for most permutations);
 * - strided: every dim twice as long with junk at the odd positions, seen through step-2 slices;
 * - offset: one extra junk slice in front of dim 0, seen through `narrow` (or `select` when 0-d).
 */
export function materialize(a: NArr, dtype: DType, layout: Layout = 'contiguous', seed = 0): Tensor {
  const values = flat(a);
  const rank = a.shape.length;
  const junk = dtype === 'bool' ? 1 : JUNK;
  if (layout === 'permuted' && rank >= 2) {
    const p = permutationFromSeed(rank, seed);
    const inv = new Array<number>(rank);
    p.forEach((d, i) => (inv[d] = i));
    const stored = permuteN(a, inv); // stored.permute(p) is a again
    return Tensor.fromArray(typed(dtype, flat(stored)), stored.shape, dtype).permute(p);
  }
  if (layout === 'strided' && rank >= 1) {
    const big = make(a.shape.map((d) => 2 * d), (idx) => (idx.every((i) => i % 2 === 0) ? at(a.v, idx.map((i) => i / 2)) : junk));
    const base = Tensor.fromArray(typed(dtype, flat(big)), big.shape, dtype);
    return base.index(...a.shape.map(() => slice(null, null, 2)));
  }
  if (layout === 'offset') {
    if (rank === 0) return Tensor.fromArray(typed(dtype, [junk, values[0]]), [2], dtype).select(0, 1);
    const big = make([a.shape[0] + 1, ...a.shape.slice(1)], (idx) => (idx[0] === 0 ? junk : at(a.v, [idx[0] - 1, ...idx.slice(1)])));
    return Tensor.fromArray(typed(dtype, flat(big)), big.shape, dtype).narrow(0, 1, a.shape[0]);
  }
  return Tensor.fromArray(typed(dtype, values), a.shape, dtype);
}

// ---------------------------------------------------------------- arbitraries

/** A shape of rank in [minRank, maxRank] with sizes in [minDim, maxDim]. */
export function arbShape(minRank: number, maxRank: number, minDim = 0, maxDim = 4): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: minDim, max: maxDim }), { minLength: minRank, maxLength: maxRank });
}

/** An NArr of the given shape with values from `value`. */
export function arbArrayOf(shape: readonly number[], value: fc.Arbitrary<number>): fc.Arbitrary<NArr> {
  const n = numel(shape);
  return fc.array(value, { minLength: n, maxLength: n }).map((vs) => fromFlat(shape, vs));
}

/** Two shapes that broadcast: the result shape, then each operand keeps a suffix with some sizes set to 1. */
export function arbBroadcastPair(maxRank = 4, maxDim = 3): fc.Arbitrary<[number[], number[]]> {
  const operand = (out: number[]) =>
    fc.tuple(fc.integer({ min: 0, max: out.length }), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length })).map(
      ([r, ones]) => out.slice(out.length - r).map((d, i) => (ones[out.length - r + i] ? 1 : d)),
    );
  return arbShape(0, maxRank, 0, maxDim).chain((out) => fc.tuple(operand(out), operand(out)));
}

/** float32 values in [-8, 8] (exactly representable, no NaN). */
export const arbF32 = fc.float({ min: -8, max: 8, noNaN: true, noDefaultInfinity: true });
/** Small integers. */
export const arbSmallInt = fc.integer({ min: -6, max: 6 });
/** Quarter-integers in [-10, 10]: sums of a few hundred of them are exact in float32. */
export const arbQuarter = fc.integer({ min: -40, max: 40 }).map((k) => k / 4);

/**
 * The float32 matmul rule of engine/ops/matmul.ts as a naive loop, element by element: the k
 * products in order p = 0 … k−1, each product and each partial sum rounded to float32, from +0;
 * or, when C is small and k long (`n·m ≤ 4096` and `k > 4n`), the float64 sum rounded once.
 * `a(i, p)` and `b(p, j)` read the operands; returns C row-major.
 */
export function naiveMatmulF32(n: number, k: number, m: number, a: (i: number, p: number) => number, b: (p: number, j: number) => number): Float32Array {
  const float64Sum = n * m <= 4096 && k > 4 * n;
  const f32 = Math.fround;
  const c = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s = float64Sum ? s + a(i, p) * b(p, j) : f32(s + f32(a(i, p) * b(p, j)));
      c[i * m + j] = s;
    }
  }
  return c;
}
