/**
 * Advanced indexing's common case (engine/fast/index-leading.ts, called by ops/indexing.ts):
 * `x[i₀, …, i_{k−1}]` with index tensors of one shape on x's first k dims, forward and backward,
 * against a naive loop that reads x's storage through its strides (the expected bits are the
 * storage's bits: NaN payloads, ±0, ±inf, subnormals included), on views with offsets, gaps and
 * stride 0, with strided and offset index tensors, plain arrays, duplicates and negative indices;
 * the backward against float32 additions in index order; out-of-range indices give the general
 * path's error and nothing else; and the broadcast form (the general path) gives the same bits.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Storage, Tensor, arange, tidy } from '../../engine/index.js';
import { gatherLeading, scatterAddLeading } from '../../engine/fast/index-leading.js';

/** A float32 of any bit pattern, the special values often. */
const SPECIAL_BITS = [0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00001, 0xffc12345, 1, 0x807fffff, 0x00800000, 0x3f800000, 0x7f7fffff];
const arbBits = fc.oneof(fc.constantFrom(...SPECIAL_BITS), fc.integer({ min: 0, max: 2 ** 32 - 1 }));
const bitsOf = (f: Float32Array) => Array.from(new Uint32Array(f.buffer, f.byteOffset, f.length));
const f32 = Math.fround;

interface Case {
  shape: number[];
  k: number;
  strides: number[];
  offset: number;
  storageBits: number[];
  B: number[];
  /** per index tensor: the values row-major, and how it is laid out */
  idx: { vals: number[]; layout: 'contiguous' | 'strided' | 'array' }[];
  gBits: number[];
}

/** x of rank 1–3 (sizes 0–4), k ≤ rank index tensors of shape B (rank 1–2), valid values, duplicates likely. */
const arbCase: fc.Arbitrary<Case> = fc
  .record({
    shape: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    B: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 2 }),
    k: fc.integer({ min: 1, max: 3 }),
    gaps: fc.array(fc.constantFrom(0, 0, 1, 3, -1), { minLength: 3, maxLength: 3 }), // −1: stride 0
    offset: fc.integer({ min: 0, max: 5 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    layouts: fc.array(fc.constantFrom('contiguous', 'strided', 'array'), { minLength: 3, maxLength: 3 }),
  })
  .chain(({ shape, B, k, gaps, offset, seed, layouts }) => {
    const kk = Math.min(k, shape.length);
    const strides = new Array<number>(shape.length);
    let next = 1;
    for (let d = shape.length - 1; d >= 0; d--) {
      strides[d] = gaps[d] === -1 ? 0 : next + gaps[d] * (d === shape.length - 1 ? 1 : next);
      next = Math.max(1, strides[d]) * shape[d];
    }
    const span = offset + shape.reduce((s, n, d) => s + (n - 1) * strides[d], 0) + 1;
    const nB = B.reduce((a, b) => a * b, 1);
    const m = shape.slice(kk).reduce((a, b) => a * b, 1);
    let s = seed;
    const rnd = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const idx = Array.from({ length: kk }, (_, d) => {
      const size = shape[d];
      const small = rnd(2) === 0; // a few values only: many duplicates
      const vals = Array.from({ length: nB }, () => (small ? [0, -size, size - 1][rnd(3)] : rnd(2 * size) - size));
      const layout = layouts[d] === 'array' && B.length !== 1 ? 'contiguous' : layouts[d];
      return { vals, layout: layout as Case['idx'][number]['layout'] };
    });
    return fc.record({
      storageBits: fc.array(arbBits, { minLength: span, maxLength: span }),
      gBits: fc.array(arbBits, { minLength: nB * m, maxLength: nB * m }),
    }).map(({ storageBits, gBits }) => ({ shape, k: kk, strides, offset, storageBits, B, idx, gBits }));
  });

function floatsOfBits(bits: readonly number[]): Float32Array {
  return new Float32Array(Uint32Array.from(bits).buffer);
}

function xOf(c: Case): Tensor {
  return new Tensor(Storage.wrap(floatsOfBits(c.storageBits)), c.shape, c.strides, c.offset);
}

/** An index tensor (or array) holding `vals` row-major in shape B, laid out as asked. */
function indexOf(vals: readonly number[], B: readonly number[], layout: string): Tensor | number[] {
  if (layout === 'array') return [...vals];
  if (layout === 'contiguous') return Tensor.fromArray(Int32Array.from(vals), B, 'int32');
  // strided, with an offset: every other element of a longer tensor, starting at 3
  const big = new Int32Array(3 + 2 * vals.length).fill(-99999);
  vals.forEach((v, i) => (big[3 + 2 * i] = v));
  return Tensor.fromArray(big, [big.length], 'int32').narrow(0, 3, 2 * vals.length).reshape([vals.length, 2]).select(1, 0).reshape(B);
}

/** The row-major positions of x's elements i₀[b], …, rest (naively, through the strides). */
function naivePositions(c: Case, strides: readonly number[], offset: number): number[] {
  const nB = c.B.reduce((a, b) => a * b, 1);
  const rest = c.shape.slice(c.k), restStrides = strides.slice(c.k);
  const out: number[] = [];
  for (let b = 0; b < nB; b++) {
    let p = offset;
    for (let d = 0; d < c.k; d++) {
      const v = c.idx[d].vals[b];
      p += (v < 0 ? v + c.shape[d] : v) * strides[d];
    }
    const walk = (d: number, q: number) => {
      if (d === rest.length) {
        out.push(q);
        return;
      }
      for (let r = 0; r < rest[d]; r++) walk(d + 1, q + r * restStrides[d]);
    };
    walk(0, p);
  }
  return out;
}

/**
 * The naive backward: zeros, then `want[pos[b]] += g[go + b]` in float32, in order of b; `twoNaNs`
 * marks the elements where a sum had a NaN on both sides (see `expectSums`).
 */
function naiveSums(total: number, pos: readonly number[], g: Float32Array, go: number): { want: Float32Array; twoNaNs: Uint8Array } {
  const want = new Float32Array(total), twoNaNs = new Uint8Array(total);
  pos.forEach((q, b) => {
    if (Number.isNaN(want[q]) && Number.isNaN(g[go + b])) twoNaNs[q] = 1;
    want[q] = f32(want[q] + g[go + b]);
  });
  return { want, twoNaNs };
}

/**
 * `got` has the bits of the naive sums, except where a sum had a NaN on both sides: which NaN's
 * payload survives is not specified (IEEE 754, WebAssembly; x86 keeps the first operand's, and a
 * compiler may swap the operands of a sum), so there any NaN is right.
 */
function expectSums(got: Float32Array, { want, twoNaNs }: { want: Float32Array; twoNaNs: Uint8Array }): void {
  const gb = bitsOf(got), wb = bitsOf(want);
  expect(got.length).toBe(want.length);
  for (let q = 0; q < want.length; q++) {
    if (twoNaNs[q]) expect(Number.isNaN(got[q])).toBe(true);
    else if (gb[q] !== wb[q]) expect.fail(`element ${q}: bits ${gb[q].toString(16)}, expected ${wb[q].toString(16)}`);
  }
}

function contiguousStridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let n = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    s[d] = n;
    n *= shape[d];
  }
  return s;
}

describe('advanced indexing of leading dims (fast/index-leading.ts)', () => {
  it('forward: the bits of x at the indexed positions; backward: g added in index order into zeros', () => {
    fc.assert(fc.property(arbCase, (c) => {
      const x = xOf(c).requiresGrad_(true);
      const args = c.idx.map((t) => indexOf(t.vals, c.B, t.layout));
      const y = x.index(...args);
      expect(y.shape).toEqual([...c.B, ...c.shape.slice(c.k)]);
      // y is a fresh contiguous tensor: its storage holds exactly the gathered bits
      expect(y.isContiguous() && y.offset === 0).toBe(true);
      const want = naivePositions(c, c.strides, c.offset).map((p) => c.storageBits[p] >>> 0);
      expect(bitsOf(y.storage.data as Float32Array)).toEqual(want);

      const g = floatsOfBits(c.gBits);
      const [gx] = y.gradFn!.apply(Tensor.fromArray(g, y.shape));
      const sums = naiveSums(x.numel(), naivePositions(c, contiguousStridesOf(c.shape), 0), g, 0);
      expect(gx!.shape).toEqual(c.shape);
      expectSums(gx!.contiguous().storage.data as Float32Array, sums);
    }), { numRuns: 600 });
  });

  it('the general path (the same index broadcast to [1, …]) gives the same bits, forward and backward', () => {
    fc.assert(fc.property(arbCase.filter((c) => c.k >= 2), (c) => {
      const x = xOf(c).requiresGrad_(true);
      const args = c.idx.map((t) => Tensor.fromArray(Int32Array.from(t.vals), c.B, 'int32'));
      const fast = x.index(...args);
      const general = x.index(args[0].unsqueeze(0), ...args.slice(1)); // shapes [1, …B] and B: broadcast
      expect(general.shape).toEqual([1, ...fast.shape]);
      // both copy the bits (a signalling NaN included)
      expect(bitsOf(general.storage.data as Float32Array)).toEqual(bitsOf(fast.storage.data as Float32Array));
      const g = floatsOfBits(c.gBits);
      const [a] = fast.gradFn!.apply(Tensor.fromArray(g, fast.shape));
      const [b] = general.gradFn!.apply(Tensor.fromArray(g, general.shape));
      // the general path's gradient with the naive loop's record of where two NaNs met (see `expectSums`)
      const { twoNaNs } = naiveSums(x.numel(), naivePositions(c, contiguousStridesOf(c.shape), 0), g, 0);
      expectSums(a!.contiguous().toTypedArray() as Float32Array, { want: b!.contiguous().toTypedArray() as Float32Array, twoNaNs });
    }), { numRuns: 300 });
  });

  it('int32 and float64 tensors, and plain number arrays as indices', () => {
    const xi = Tensor.fromArray(Int32Array.from({ length: 12 }, (_, i) => i * 7 - 40), [4, 3], 'int32');
    // xi[r][c] = (3r + c)·7 − 40
    expect(xi.index([3, -1, 0, 3], [-3, 2, 1, 1]).tolist()).toEqual([23, 37, -33, 30]);
    expect(xi.index([2, -4]).tolist()).toEqual([[2, 9, 16], [-40, -33, -26]]);
    const xd = Tensor.fromArray(Float64Array.of(0.1, -0, Infinity, NaN, 5e-324, 2), [2, 3], 'float64').requiresGrad_(true);
    const y = xd.index(tensor1([1, 1, 0]), tensor1([0, 0, -1]));
    expect(Array.from(y.toTypedArray())).toEqual([NaN, NaN, Infinity]);
    const [gx] = y.gradFn!.apply(Tensor.fromArray(Float64Array.of(0.1, 0.2, -0), [3], 'float64'));
    expect(Array.from(gx!.toTypedArray())).toEqual([0, 0, 0, 0.1 + 0.2, 0, 0]); // 0 + -0 is +0
    expect(Object.is(gx!.toTypedArray()[2], 0)).toBe(true);
  });

  it('the lecture\'s probs[arange(n), ys] inside tidy (arena memory), forward and backward', () => {
    const n = 5000, V = 27;
    let s = 7;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24;
    const P = Float32Array.from({ length: n * V }, () => f32(rnd()));
    const ysv = Int32Array.from({ length: n }, () => Math.floor(rnd() * V));
    const g = Float32Array.from({ length: n }, () => f32(rnd() - 0.5));
    tidy(() => {
      const probs = Tensor.fromArray(P.slice(), [n, V]).mul(1); // a non-leaf in the arena
      const x = probs.detach().requiresGrad_(true);
      const y = x.index(arange(n), Tensor.fromArray(ysv, [n], 'int32'));
      expect(Array.from(y.toTypedArray())).toEqual(Array.from(ysv, (j, i) => P[i * V + j]));
      const [gx] = y.gradFn!.apply(Tensor.fromArray(g, [n]));
      const want = new Float32Array(n * V);
      ysv.forEach((j, i) => (want[i * V + j] = f32(0 + g[i])));
      expect(bitsOf(gx!.toTypedArray() as Float32Array)).toEqual(bitsOf(want));
    });
  });
});

function tensor1(vals: number[]): Tensor {
  return Tensor.fromArray(Int32Array.from(vals), [vals.length], 'int32');
}

describe('out-of-range indices: the general path\'s error, nothing written', () => {
  it('the first bad value in order (index tensor 0 entirely, then 1, …), with its dim, size and the shape', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 1, maxLength: 6 }),
      (rows, cols, iv, jv0) => {
        const jv = jv0.slice(0, iv.length);
        while (jv.length < iv.length) jv.push(0);
        const x = Tensor.fromArray(Float32Array.from({ length: rows * cols }, (_, i) => i), [rows, cols]).requiresGrad_(true);
        const before = Array.from(x.toTypedArray());
        const badI = iv.find((v) => v < -rows || v >= rows), badJ = jv.find((v) => v < -cols || v >= cols);
        const call = () => x.index(tensor1(iv), tensor1(jv));
        if (badI !== undefined) expect(call).toThrow(`index ${badI} is out of bounds for dimension 0 with size ${rows} (tensor of shape [${rows}, ${cols}])`);
        else if (badJ !== undefined) expect(call).toThrow(`index ${badJ} is out of bounds for dimension 1 with size ${cols} (tensor of shape [${rows}, ${cols}])`);
        else expect(call().shape).toEqual([iv.length]);
        expect(Array.from(x.toTypedArray())).toEqual(before);
        expect(x.grad).toBeNull();
      },
    ), { numRuns: 300 });
  });
});

describe('the loops themselves', () => {
  const col = (vals: number[], size: number, stride: number, at = 0) => ({ vals: Int32Array.from(vals), at, size, stride });

  it('gatherLeading: one, two (their own loop) and three index tensors, negatives wrapped, bits copied', () => {
    const x = floatsOfBits([0x7fa00001, 0x80000000, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const out = new Float32Array(4);
    expect(gatherLeading(out, x, 0, [col([0, -2], 2, 1)], 2, 2, 2)).toBe(true); // x[0], x[2]; x[0], x[2]
    expect(bitsOf(out)).toEqual([0x7fa00001, 3, 0x7fa00001, 3]);
    expect(gatherLeading(out, x, 1, [col([1, -2, 0, 0], 2, 6), col([-1, 1, 0, -3], 3, 2)], 4, 1, 1)).toBe(true); // 1 + 6i + 2j
    expect(bitsOf(out)).toEqual([12, 4, 0x80000000, 0x80000000]);
    expect(gatherLeading(out, x, 0, [col([9, 1, 0, -1], 2, 6, 1), col([0, 2, -1], 3, 2), col([-1, 1, 0], 2, 1)], 3, 1, 1)).toBe(true);
    expect(bitsOf(out.subarray(0, 3))).toEqual([8, 6, 11]); // 6i + 2j + k at (1, 0, 1), (0, 2, 1), (1, 2, 0): x[7], x[5], x[10]
  });

  it('gatherLeading returns false at a value out of range, in every loop', () => {
    const x = new Float32Array(12), out = new Float32Array(4);
    for (const bad of [2, -3]) {
      expect(gatherLeading(out, x, 0, [col([0, bad], 2, 6)], 2, 6, 1)).toBe(false);
      expect(gatherLeading(out, x, 0, [col([0, bad], 2, 6), col([0, 0], 3, 2)], 2, 1, 1)).toBe(false);
      expect(gatherLeading(out, x, 0, [col([0, 0], 3, 2), col([0, bad], 2, 6)], 2, 1, 1)).toBe(false);
      expect(gatherLeading(out, x, 0, [col([0, 0], 2, 6), col([0, 0], 3, 2), col([0, bad], 2, 1)], 2, 1, 1)).toBe(false);
    }
  });

  it('scatterAddLeading sums repeats in order, in the two-index loop and the general one', () => {
    const g = Float32Array.of(1e8, 1, -1e8, 0.5);
    const want = [0.5, f32(f32(f32(1e8) + 1) - 1e8), 0, 0, 0, 0];
    const pairs = new Float32Array(6);
    scatterAddLeading(pairs, g, 0, [col([0, 0, -2, 0], 2, 3), col([1, -2, 1, 0], 3, 1)], 4, 1);
    expect(Array.from(pairs)).toEqual(want);
    const one = new Float32Array(6);
    scatterAddLeading(one, Float32Array.of(9, ...g), 1, [col([1, 1, -5, 0], 6, 1)], 4, 1);
    expect(Array.from(one)).toEqual(want);
    const blocks = new Float32Array(6);
    scatterAddLeading(blocks, Float32Array.of(1, 2, 3, 4, 5, 6), 0, [col([1, 1, -1], 2, 3)], 2, 3); // two blocks of 3 into row 1
    expect(Array.from(blocks)).toEqual([0, 0, 0, 1 + 4, 2 + 5, 3 + 6]);
  });
});
