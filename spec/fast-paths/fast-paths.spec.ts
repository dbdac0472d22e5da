/**
 * Every fast path added for speed (docs/performance.md) gives exactly the values of a plain
 * path: a naive loop over indices (spec/support/naive.ts) or the plain JS function it replaces.
 * Layouts cover the contiguous fast path, strided and offset views, and broadcast stride-0
 * operands.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, arange, noGrad, setSimdEnabled, tensor, zeros } from '../../engine/index.js';
import { expF32 } from '../../engine/fast/exp-f32.js';
import { forEachRow } from '../../engine/iterate.js';
import {
  LAYOUTS, arbArrayOf, arbBroadcastPair, arbF32, arbShape, broadcastIndex, expectTensor, fromFlat, indices, make, at, materialize, naiveMatmulF32, sameNumber,
  type NArr,
} from '../support/naive.js';

const f32 = Math.fround;

describe('exp for float32 (exp-f32.ts) has Math.exp\'s exact bits', () => {
  it('on random float32 inputs of every magnitude', () => {
    fc.assert(fc.property(fc.float({ noNaN: false }), (x) => {
      expect(sameNumber(expF32(x), f32(Math.exp(x)))).toBe(true);
    }), { numRuns: 20000 });
  });

  it('on the edges: overflow, underflow to subnormals and zero, ±0, ±inf, NaN, integers', () => {
    const xs = [0, -0, 1, -1, 88.72283935546875, 88.7228, 88.7, 88.75, 89, -87.33654, -103.97, -104, -105, -150, 1e-30, -1e-30,
      Infinity, -Infinity, NaN, ...Array.from({ length: 400 }, (_, i) => i - 200)];
    for (const x of xs) expect(sameNumber(expF32(x), f32(Math.exp(x))), `exp(${x})`).toBe(true);
  });

  it('the exp op, any layout (contiguous, permuted, strided, offset; int32 input), equals the naive loop', () => {
    fc.assert(fc.property(arbShape(0, 4, 0, 5).chain((s) => arbArrayOf(s, fc.float({ min: -110, max: 95, noNaN: true }))), fc.constantFrom(...LAYOUTS), fc.nat(), (a, layout, seed) => {
      const x = materialize(a, 'float32', layout, seed);
      expectTensor(x.exp(), make(a.shape, (i) => f32(Math.exp(at(a.v, i)))), sameNumber, `exp ${layout}`);
    }), { numRuns: 300 });
    const ints = tensor([[-3, 0, 5], [100, -200, 7]]);
    expect(ints.exp().tolist()).toEqual([[-3, 0, 5], [100, -200, 7]].map((r) => r.map((v) => f32(Math.exp(v)))));
  });
});

describe('forEachRow (iterate.ts): the all-contiguous and 0-d fast paths visit what a naive index walk visits', () => {
  it('positions of up to three operands, in order, for any strides (including 0 and size-1 dims)', () => {
    const arbCase = arbShape(0, 4, 0, 4).chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        fc.array(fc.tuple(fc.array(fc.integer({ min: -1, max: 30 }), { minLength: shape.length, maxLength: shape.length }), fc.nat(20), fc.boolean()), { minLength: 1, maxLength: 3 }),
      ),
    );
    fc.assert(fc.property(arbCase, ([shape, ops]) => {
      // operand o: contiguous strides when its flag is set, else the random ones
      const strides = ops.map(([st, , contig]) => {
        if (!contig) return st.map((s) => Math.max(s, 0));
        const out = new Array<number>(shape.length);
        let s = 1;
        for (let d = shape.length - 1; d >= 0; d--) { out[d] = s; s *= Math.max(shape[d], 1); }
        return out;
      });
      const offsets = ops.map(([, off]) => off);
      const got: number[][] = ops.map(() => []);
      forEachRow(shape, strides, offsets, (n, p0, s0, p1, s1, p2, s2) => {
        const ps = [p0, p1, p2], ss = [s0, s1, s2];
        for (let i = 0; i < n; i++) for (let o = 0; o < ops.length; o++) got[o].push(ps[o] + i * ss[o]);
      });
      const want: number[][] = ops.map(() => []);
      for (const idx of indices(shape)) {
        for (let o = 0; o < ops.length; o++) want[o].push(offsets[o] + idx.reduce((p, v, d) => p + v * strides[o][d], 0));
      }
      expect(got).toEqual(want);
    }), { numRuns: 500 });
  });

  it('binary ops with broadcasting (stride 0) and any layout equal the naive loop', () => {
    const arb = arbBroadcastPair(4, 4).chain(([sa, sb]) => fc.tuple(arbArrayOf(sa, arbF32), arbArrayOf(sb, arbF32.filter((v) => v !== 0))));
    fc.assert(fc.property(arb, fc.constantFrom(...LAYOUTS), fc.constantFrom(...LAYOUTS), fc.nat(), ([a, b], la, lb, seed) => {
      const x = materialize(a, 'float32', la, seed), y = materialize(b, 'float32', lb, seed + 1);
      const shape = broadcastShape(a.shape, b.shape);
      const naive = (f: (p: number, q: number) => number): NArr => make(shape, (i) => f32(f(at(a.v, broadcastIndex(i, a.shape)), at(b.v, broadcastIndex(i, b.shape)))));
      expectTensor(x.add(y), naive((p, q) => p + q), sameNumber, 'add');
      expectTensor(x.mul(y), naive((p, q) => p * q), sameNumber, 'mul');
      expectTensor(x.div(y), naive((p, q) => p / q), sameNumber, 'div');
    }), { numRuns: 300 });
  });
});

function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const r = Math.max(a.length, b.length);
  return Array.from({ length: r }, (_, i) => {
    const x = a[i - (r - a.length)] ?? 1, y = b[i - (r - b.length)] ?? 1;
    return x === 1 ? y : x;
  });
}

describe('matmul kernels (one-hot i-k-j, k-i-j, register tiles with tails, SIMD 4×8 tiles) give the naive sums of the documented rule', () => {
  /** The float32 rule (naiveMatmulF32): float32 sums in order p, or float64 rounded once for a small C and a long k. */
  function naiveMatmul(a: NArr, b: NArr): NArr {
    const [n, k] = a.shape, m = b.shape[1];
    return fromFlat([n, m], Array.from(naiveMatmulF32(n, k, m, (i, p) => at(a.v, [i, p]), (p, j) => at(b.v, [p, j]))));
  }
  const value = fc.oneof({ weight: 6, arbitrary: arbF32 }, { weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, Infinity, NaN) });
  const oneHotish = fc.oneof({ weight: 1, arbitrary: fc.constant(1) }, { weight: 6, arbitrary: fc.constant(0) });

  it('random shapes (n, m up to 11 cover the tile tails; long k picks k-i-j), layouts and zero/non-finite mixes', () => {
    const dims = fc.tuple(fc.integer({ min: 0, max: 11 }), fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant(70)), fc.integer({ min: 0, max: 11 }));
    const arb = dims.chain(([n, k, m]) => fc.tuple(arbArrayOf([n, k], fc.oneof(value, oneHotish)), arbArrayOf([k, m], fc.oneof({ weight: 9, arbitrary: arbF32 }, { weight: 1, arbitrary: value }))));
    fc.assert(fc.property(arb, fc.constantFrom(...LAYOUTS), fc.constantFrom(...LAYOUTS), fc.nat(), ([a, b], la, lb, seed) => {
      const got = materialize(a, 'float32', la, seed).matmul(materialize(b, 'float32', lb, seed + 1));
      expectTensor(got, naiveMatmul(a, b), sameNumber, `matmul ${a.shape}·${b.shape} ${la}/${lb}`);
    }), { numRuns: 300 });
  });

  it('float32: each product is rounded to float32 before it is added (no fused multiply-add), in the TypeScript tiles and the SIMD kernel', () => {
    // found by search: fl(c + x·y) ≠ fl(c + fl(x·y)) for these floats
    const x = f32(1.4724115133285522), y = f32(1.9171661138534546), c = f32(2.4642961025238037);
    const want = f32(c + f32(x * y));
    expect(want).not.toBe(f32(c + x * y));
    for (const [n, k, m] of [[4, 2, 8], [16, 64, 8], [9, 30, 13]]) { // k ≤ 4n: not the long-k (float64) case
      // A = [1, x, 1, 1, …], B = [c; y; 0; 0; …]: every element is fl(fl(c) + fl(x·y)) plus zeros
      const A = make([n, k], ([, p]) => (p === 1 ? x : 1)), B = make([k, m], ([p]) => (p === 0 ? c : p === 1 ? y : 0));
      for (const simd of [true, false]) {
        setSimdEnabled(simd);
        try {
          expectTensor(materialize(A, 'float32').matmul(materialize(B, 'float32')), make([n, m], () => want), sameNumber, `${n}×${k}·${k}×${m} simd=${simd}`);
        } finally {
          setSimdEnabled(true);
        }
      }
    }
  });

  it('the lecture\'s shapes: one-hot (n×27)·(27×27) forward and the transposed (27×n)·(n×27) backward', () => {
    const n = 300, V = 27;
    const xs = Array.from({ length: n }, (_, i) => (i * 7) % V);
    const a = make([n, V], ([i, j]) => (xs[i] === j ? 1 : 0));
    const w = make([V, V], ([i, j]) => f32(Math.sin(i * V + j)));
    const g = make([n, V], ([i, j]) => f32(Math.cos(i + 3 * j) / n));
    expectTensor(materialize(a, 'float32').matmul(materialize(w, 'float32')), naiveMatmul(a, w), sameNumber, 'forward');
    const aT = make([V, n], ([i, j]) => at(a.v, [j, i]));
    expectTensor(materialize(a, 'float32').T.matmul(materialize(g, 'float32')), naiveMatmul(aT, g), sameNumber, 'backward');
  });
});

describe('indexing fast paths', () => {
  it('N.index(i, j, …) with integers is the same view as the chain of selects (values, storage, writes)', () => {
    fc.assert(fc.property(arbShape(1, 4, 1, 4).chain((s) => fc.tuple(fc.constant(s), fc.array(fc.nat(), { minLength: 1, maxLength: s.length }), fc.boolean())), ([shape, raw, neg]) => {
      const x = noGrad(() => arange(shape.reduce((p, d) => p * d, 1)).reshape(shape).clone());
      const args = raw.map((r, d) => (neg ? (r % shape[d]) - shape[d] : r % shape[d]));
      const fast = x.index(...args);
      let slow: Tensor = x;
      for (const a of args) slow = slow.select(0, a);
      expect(fast.shape).toEqual(slow.shape);
      expect(fast.strides).toEqual(slow.strides);
      expect(fast.offset).toBe(slow.offset);
      expect(fast.storage).toBe(x.storage);
      expect(fast.tolist()).toEqual(slow.tolist());
    }), { numRuns: 300 });
  });

  it('the counting loop N.index(i, j).add_(1) equals a naive count, for int32, float32 and float64 N', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(4), fc.nat(4)), { maxLength: 60 }), (pairs) => {
      for (const dtype of ['int32', 'float32', 'float64'] as const) {
        const N = zeros([5, 5], { dtype });
        for (const [i, j] of pairs) N.index(i, j).add_(1);
        const want = make([5, 5], ([i, j]) => pairs.filter(([p, q]) => p === i && q === j).length);
        expectTensor(N, want, sameNumber, dtype);
      }
    }), { numRuns: 100 });
  });

  it('probs[arange(n), ys] and its scatter-add backward equal the naive gather and count', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }).chain((c) => fc.tuple(fc.constant(c), fc.array(fc.nat(c - 1), { minLength: 1, maxLength: 12 }))), (_, [c, ys]) => {
      const n = ys.length;
      const p = make([n, c], ([i, j]) => f32((i * c + j + 1) / 7));
      const P = materialize(p, 'float32').requiresGrad_(true);
      const picked = P.index(arange(n), Tensor.fromArray(Int32Array.from(ys), [n], 'int32'));
      expect(picked.tolist()).toEqual(ys.map((y, i) => at(p.v, [i, y])));
      picked.mul(tensor([...Array(n).keys()].map((i) => i + 1), { dtype: 'float32' })).sum().backward();
      expectTensor(P.grad!, make([n, c], ([i, j]) => (ys[i] === j ? i + 1 : 0)), sameNumber, 'grad');
    }), { numRuns: 200 });
  });
});
