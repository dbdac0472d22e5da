/**
 * Every differentiable op, on random shapes, broadcast pairs and non-contiguous (transposed)
 * inputs: `gradcheck` passes in float64 (autograd's Jacobian equals central finite differences),
 * and the same op in float32 gives gradients within a float32 tolerance of the float64 ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, div, gradcheck, mul, pow, slice, sub, Tensor } from '../../engine/index.js';
import {
  broadcastPairArb, checkOp, fromValues, numel, presented, rng, RUNS, seedArb, shapeArb, values, type InputSpec,
} from '../support/autograd-helpers.js';

/** An input spec from a shape, a seed and a transposition flag. */
function spec(shape: readonly number[], seed: number, transposed = false, domain: InputSpec['domain'] = 'any'): InputSpec {
  return { shape, seed, transposed, domain };
}

describe('elementwise binary ops with broadcasting (float64 gradcheck, float32 agreement)', () => {
  const pairArb = fc.tuple(broadcastPairArb, seedArb, seedArb, fc.boolean(), fc.boolean());

  it.each([
    ['add', (a: Tensor, b: Tensor) => a.add(b), 'any'],
    ['sub', (a: Tensor, b: Tensor) => a.sub(b), 'any'],
    ['mul', (a: Tensor, b: Tensor) => a.mul(b), 'any'],
    ['div', (a: Tensor, b: Tensor) => a.div(b), 'awayFromZero'],
  ] as const)('%s', (_name, op, bDomain) => {
    fc.assert(
      fc.property(pairArb, ([[sa, sb], s1, s2, ta, tb]) => {
        checkOp(op, [spec(sa, s1, ta), spec(sb, s2, tb, bDomain)]);
      }),
      RUNS,
    );
  });

  it('the same tensor on both sides (x·x, x/x, x−x, x+x) accumulates both contributions', () => {
    fc.assert(
      fc.property(shapeArb(0, 3), seedArb, fc.boolean(), (shape, seed, t) => {
        checkOp((x) => x.mul(x), [spec(shape, seed, t)]);
        checkOp((x) => x.add(x), [spec(shape, seed, t)]);
        checkOp((x) => x.sub(x), [spec(shape, seed, t)]);
        checkOp((x) => x.div(x), [spec(shape, seed, t, 'awayFromZero')]);
      }),
      RUNS,
    );
  });

  it('with a plain number on either side', () => {
    fc.assert(
      fc.property(shapeArb(0, 3), seedArb, fc.boolean(), fc.double({ min: 0.5, max: 3, noNaN: true }), (shape, seed, t, c) => {
        const k = Math.fround(c);
        checkOp((x) => x.add(k), [spec(shape, seed, t)]);
        checkOp((x) => add(k, x), [spec(shape, seed, t)]);
        checkOp((x) => x.sub(k), [spec(shape, seed, t)]);
        checkOp((x) => sub(k, x), [spec(shape, seed, t)]);
        checkOp((x) => x.mul(k), [spec(shape, seed, t)]);
        checkOp((x) => mul(k, x), [spec(shape, seed, t)]);
        checkOp((x) => x.div(k), [spec(shape, seed, t)]);
        checkOp((x) => div(k, x), [spec(shape, seed, t, 'awayFromZero')]);
      }),
      { numRuns: 30 },
    );
  });

  it('neg', () => {
    fc.assert(fc.property(shapeArb(0, 3), seedArb, fc.boolean(), (shape, seed, t) => checkOp((x) => x.neg(), [spec(shape, seed, t)])), RUNS);
  });
});

describe('pow (float64 gradcheck, float32 agreement)', () => {
  it('tensor ** number, for integer, fractional, zero and negative exponents', () => {
    const expArb = fc.constantFrom(-2, -1, 0, 0.5, 1, 1.5, 2, 3);
    fc.assert(
      fc.property(shapeArb(0, 3), seedArb, fc.boolean(), expArb, (shape, seed, t, k) => {
        // fractional powers need positive bases, negative powers need bases away from 0
        const domain = Number.isInteger(k) ? (k < 0 ? 'awayFromZero' : 'any') : 'positive';
        checkOp((x) => x.pow(k), [spec(shape, seed, t, domain)]);
      }),
      RUNS,
    );
  });

  it('number ** tensor', () => {
    const baseArb = fc.constantFrom(0.5, 2, Math.fround(Math.E), 3.5);
    fc.assert(
      fc.property(shapeArb(0, 3), seedArb, fc.boolean(), baseArb, (shape, seed, t, b) => {
        const y = pow(b, fromValues([1], [], 'float64'));
        expect(y.gradFn).toBeNull(); // nothing requires grad: nothing recorded
        checkOp((x) => pow(b, x), [spec(shape, seed, t, 'exponent')]);
      }),
      RUNS,
    );
  });

  it('tensor ** tensor with positive bases, broadcast', () => {
    fc.assert(
      fc.property(broadcastPairArb, seedArb, seedArb, fc.boolean(), fc.boolean(), ([sa, sb], s1, s2, ta, tb) => {
        checkOp((a, b) => a.pow(b), [spec(sa, s1, ta, 'positive'), spec(sb, s2, tb, 'exponent')]);
      }),
      RUNS,
    );
  });
});

describe('elementwise math (float64 gradcheck, float32 agreement)', () => {
  it.each([
    ['exp', (x: Tensor) => x.exp(), 'any'],
    ['log (positive inputs)', (x: Tensor) => x.log(), 'positive'],
    ['sqrt (positive inputs)', (x: Tensor) => x.sqrt(), 'positive'],
    ['tanh', (x: Tensor) => x.tanh(), 'any'],
    ['relu (inputs away from 0)', (x: Tensor) => x.relu(), 'awayFromZero'],
  ] as const)('%s', (_name, op, domain) => {
    fc.assert(fc.property(shapeArb(0, 3), seedArb, fc.boolean(), (shape, seed, t) => checkOp(op, [spec(shape, seed, t, domain)])), RUNS);
  });
});

describe('matmul (float64 gradcheck, float32 agreement)', () => {
  const dim = fc.integer({ min: 1, max: 3 });
  const mm = (a: Tensor, b: Tensor) => a.matmul(b);

  it('1-D · 1-D (dot product)', () => {
    fc.assert(fc.property(dim, seedArb, seedArb, (k, s1, s2) => checkOp(mm, [spec([k], s1), spec([k], s2)])), RUNS);
  });

  it('2-D · 1-D (matrix times vector)', () => {
    fc.assert(
      fc.property(dim, dim, seedArb, seedArb, fc.boolean(), (n, k, s1, s2, t) => checkOp(mm, [spec([n, k], s1, t), spec([k], s2)])),
      RUNS,
    );
  });

  it('1-D · 2-D (vector times matrix)', () => {
    fc.assert(
      fc.property(dim, dim, seedArb, seedArb, fc.boolean(), (k, m, s1, s2, t) => checkOp(mm, [spec([k], s1), spec([k, m], s2, t)])),
      RUNS,
    );
  });

  it('2-D · 2-D, including transposed (non-contiguous) operands', () => {
    fc.assert(
      fc.property(dim, dim, dim, seedArb, seedArb, fc.boolean(), fc.boolean(), (n, k, m, s1, s2, ta, tb) =>
        checkOp(mm, [spec([n, k], s1, ta), spec([k, m], s2, tb)])),
      RUNS,
    );
  });

  it('batched, with broadcast batch dims (and a 1-D or 2-D operand against a batch)', () => {
    const batchArb = fc.record({
      out: shapeArb(1, 2, 3),
      dropA: fc.integer({ min: 0, max: 2 }),
      dropB: fc.integer({ min: 0, max: 2 }),
      onesA: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
      onesB: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
      vecA: fc.boolean(),
      vecB: fc.boolean(),
    });
    fc.assert(
      fc.property(batchArb, dim, dim, dim, seedArb, seedArb, fc.boolean(), fc.boolean(), (b, n, k, m, s1, s2, ta, tb) => {
        const bA = b.out.slice(Math.min(b.dropA, b.out.length)).map((d, i) => (b.onesA[i] ? 1 : d));
        const bB = b.out.slice(Math.min(b.dropB, b.out.length)).map((d, i) => (b.onesB[i] ? 1 : d));
        // at least one operand is batched (≥ 3-D); the other may be 1-D
        const shapeA = b.vecA && !b.vecB ? [k] : [...bA, n, k];
        const shapeB = b.vecB && shapeA.length > 1 ? [k] : [...bB, k, m];
        if (shapeA.length < 3 && shapeB.length < 3) shapeA.unshift(2);
        checkOp(mm, [spec(shapeA, s1, ta), spec(shapeB, s2, tb)]);
      }),
      RUNS,
    );
  });
});

describe('reductions (float64 gradcheck, float32 agreement)', () => {
  /** A subset of the dims of `nd`, some written negatively, or undefined for "all". */
  const dimsArb = (nd: number) =>
    fc.tuple(fc.subarray(Array.from({ length: nd }, (_, i) => i)), fc.array(fc.boolean(), { minLength: nd, maxLength: nd })).map(
      ([ds, neg]) => (ds.length === 0 ? undefined : ds.map((d) => (neg[d] ? d - nd : d))),
    );
  const reduceCase = shapeArb(0, 3).chain((shape) => fc.tuple(fc.constant(shape), dimsArb(shape.length), fc.boolean(), seedArb, fc.boolean()));

  it('sum over any dims, keepdim or not', () => {
    fc.assert(
      fc.property(reduceCase, ([shape, dims, keepdim, seed, t]) => {
        checkOp((x) => (dims === undefined ? x.sum() : x.sum(dims, keepdim)), [spec(shape, seed, t)]);
        if (dims?.length === 1) checkOp((x) => x.sum(dims[0], keepdim), [spec(shape, seed, t)]);
      }),
      RUNS,
    );
  });

  it('mean over any dims, keepdim or not', () => {
    fc.assert(
      fc.property(reduceCase, ([shape, dims, keepdim, seed, t]) => {
        checkOp((x) => (dims === undefined ? x.mean() : x.mean(dims, keepdim)), [spec(shape, seed, t)]);
        if (dims?.length === 1) checkOp((x) => x.mean(dims[0], keepdim), [spec(shape, seed, t)]);
      }),
      RUNS,
    );
  });

  it('max over a dim (distinct values), keepdim or not', () => {
    const maxCase = shapeArb(1, 3).chain((shape) =>
      fc.tuple(fc.constant(shape), fc.integer({ min: -shape.length, max: shape.length - 1 }), fc.boolean(), seedArb, fc.boolean()));
    fc.assert(
      fc.property(maxCase, ([shape, dim, keepdim, seed, t]) => {
        checkOp((x) => x.max(dim, keepdim).values, [spec(shape, seed, t, 'distinct')]);
      }),
      RUNS,
    );
  });

  it('max of all elements (distinct values)', () => {
    fc.assert(fc.property(shapeArb(0, 3), seedArb, fc.boolean(), (shape, seed, t) => checkOp((x) => x.max(), [spec(shape, seed, t, 'distinct')])), RUNS);
  });
});

describe('views (float64 gradcheck, float32 agreement)', () => {
  const caseArb = (minDims: number, maxDims = 3) => fc.tuple(shapeArb(minDims, maxDims), seedArb, fc.boolean(), seedArb);

  it('view (contiguous input) and reshape (any input: a view or a copy)', () => {
    fc.assert(
      fc.property(caseArb(0), ([shape, seed, t]) => {
        const reversed = [...shape].reverse();
        checkOp((x) => x.view(-1), [spec(shape, seed, false)]);
        checkOp((x) => x.view(reversed), [spec(shape, seed, false)]);
        checkOp((x) => x.reshape(-1), [spec(shape, seed, t)]);
        checkOp((x) => x.reshape([1, ...reversed]), [spec(shape, seed, t)]);
      }),
      RUNS,
    );
  });

  it('transpose (0-d included)', () => {
    fc.assert(
      fc.property(caseArb(0), ([shape, seed, t, pseed]) => {
        const r = rng(pseed);
        const nd = shape.length;
        const d0 = Math.floor(r() * nd) - (r() < 0.5 ? nd : 0);
        const d1 = Math.floor(r() * nd);
        checkOp((x) => x.transpose(d0, d1), [spec(shape, seed, t)]);
      }),
      RUNS,
    );
  });

  it('permute (any permutation, 0-d to 4-d; cyclic ones need the inverse in backward)', () => {
    const permCase = shapeArb(0, 4).chain((shape) => {
      const dims = Array.from({ length: shape.length }, (_, i) => i);
      return fc.tuple(fc.constant(shape), fc.shuffledSubarray(dims, { minLength: dims.length, maxLength: dims.length }), seedArb, fc.boolean());
    });
    fc.assert(
      fc.property(permCase, ([shape, perm, seed, t]) => {
        checkOp((x) => x.permute(perm), [spec(shape, seed, t)]);
        checkOp((x) => x.permute(perm.map((d) => d - shape.length)), [spec(shape, seed, t)]); // negative dims
      }),
      RUNS,
    );
  });

  it('expand (new leading dims and stretched size-1 dims)', () => {
    fc.assert(
      fc.property(caseArb(0), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 2 }), ([shape, seed, t], ones, lead) => {
        const src = shape.map((d, i) => (ones[i] ? 1 : d));
        const target = [...Array<number>(lead).fill(2), ...src.map((d, i) => (d === 1 ? 3 : i % 2 ? -1 : d))];
        checkOp((x) => x.expand(target), [spec(src, seed, t)]);
      }),
      RUNS,
    );
  });

  it('unsqueeze and squeeze', () => {
    fc.assert(
      fc.property(caseArb(0), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), ([shape, seed, t, dseed], ones) => {
        const r = rng(dseed);
        const nd = shape.length;
        const u = Math.floor(r() * (2 * nd + 2)) - (nd + 1); // in [-(nd+1), nd]
        checkOp((x) => x.unsqueeze(u), [spec(shape, seed, t)]);
        const withOnes = shape.map((d, i) => (ones[i] ? 1 : d));
        checkOp((x) => x.squeeze(), [spec(withOnes, seed, t)]);
        if (nd > 0) {
          const d = Math.floor(r() * nd);
          checkOp((x) => x.squeeze(d), [spec(withOnes, seed, t)]);
        }
      }),
      RUNS,
    );
  });

  it('select and narrow (negative dims, indices and starts)', () => {
    fc.assert(
      fc.property(caseArb(1), ([shape, seed, t, dseed]) => {
        const r = rng(dseed);
        const nd = shape.length;
        const d = Math.floor(r() * nd) - (r() < 0.5 ? nd : 0);
        const size = shape[d < 0 ? d + nd : d];
        const i = Math.floor(r() * 2 * size) - size; // in [-size, size)
        checkOp((x) => x.select(d, i), [spec(shape, seed, t)]);
        const start = Math.floor(r() * size);
        const length = 1 + Math.floor(r() * (size - start));
        checkOp((x) => x.narrow(d, start, length), [spec(shape, seed, t)]);
        checkOp((x) => x.narrow(d, start - size, length), [spec(shape, seed, t)]);
      }),
      RUNS,
    );
  });

  it('index with integers, null and slice(start, end, step)', () => {
    const bound = fc.option(fc.integer({ min: -5, max: 5 }), { nil: null });
    fc.assert(
      fc.property(caseArb(1), bound, bound, fc.integer({ min: 1, max: 3 }), ([shape, seed, t, dseed], start, end, step) => {
        const r = rng(dseed);
        checkOp((x) => x.index(slice(start, end, step)), [spec(shape, seed, t)]);
        if (shape.length >= 2) {
          const i = Math.floor(r() * shape[0]);
          checkOp((x) => x.index(i, slice(start, end, step)), [spec(shape, seed, t)]);
          checkOp((x) => x.index(null, slice(start, end, step)), [spec(shape, seed, t)]);
          checkOp((x) => x.index('...', slice(end, null, step)), [spec(shape, seed, t)]);
        }
      }),
      RUNS,
    );
  });

  it('contiguous and clone', () => {
    fc.assert(
      fc.property(caseArb(0), ([shape, seed, t]) => {
        checkOp((x) => x.contiguous(), [spec(shape, seed, t)]);
        checkOp((x) => x.clone(), [spec(shape, seed, t)]);
        checkOp((x) => x.contiguous().mul(x), [spec(shape, seed, t)]);
      }),
      RUNS,
    );
  });
});

describe('advanced indexing with integer tensors (float64 gradcheck, float32 agreement)', () => {
  /** `len` indices into a dim of `size`, some negative, with index 0's value repeated. */
  function indices(size: number, len: number, seed: number): number[] {
    const r = rng(seed);
    const out = Array.from({ length: len }, () => Math.floor(r() * 2 * size) - size);
    out.push(out[0], out[0]); // repeated indices: their gradients must accumulate
    return out;
  }
  const idx = (xs: number[], shape: number[] = [xs.length]) => fromValues(xs, shape, 'int32');
  const caseArb = fc.tuple(shapeArb(1, 3), seedArb, fc.boolean(), seedArb, fc.integer({ min: 1, max: 4 }));

  it('one index tensor on the first dim, on a later dim, and as a plain array', () => {
    fc.assert(
      fc.property(caseArb, ([shape, seed, t, iseed, len]) => {
        const i0 = indices(shape[0], len, iseed);
        checkOp((x) => x.index(idx(i0)), [spec(shape, seed, t)]);
        checkOp((x) => x.index(i0), [spec(shape, seed, t)]);
        if (shape.length >= 2) {
          const i1 = indices(shape[1], len, iseed + 1);
          checkOp((x) => x.index(null, idx(i1)), [spec(shape, seed, t)]);
          checkOp((x) => x.index(slice(null, null, 2), idx(i1)), [spec(shape, seed, t)]);
        }
      }),
      RUNS,
    );
  });

  it('two index tensors: adjacent (probs[arange(n), ys]), separated, and broadcast against each other', () => {
    fc.assert(
      fc.property(caseArb, ([shape, seed, t, iseed, len]) => {
        if (shape.length < 2) shape = [...shape, 2];
        const i0 = indices(shape[0], len, iseed);
        const i1 = indices(shape[1], len, iseed + 7);
        checkOp((x) => x.index(idx(i0), idx(i1)), [spec(shape, seed, t)]);
        // [k, 1] against [k']: a 2-D block of gathered elements
        checkOp((x) => x.index(idx(i0, [i0.length, 1]), idx(i1.slice(0, 3))), [spec(shape, seed, t)]);
        if (shape.length === 3) {
          const i2 = indices(shape[2], len, iseed + 13);
          checkOp((x) => x.index(idx(i0), null, idx(i2)), [spec(shape, seed, t)]); // separated: B goes first
          checkOp((x) => x.index(null, idx(i1), idx(i2)), [spec(shape, seed, t)]); // adjacent, not first
        }
      }),
      RUNS,
    );
  });

  it('a 2-D index tensor', () => {
    fc.assert(
      fc.property(caseArb, ([shape, seed, t, iseed]) => {
        const i0 = indices(shape[0], 4, iseed); // 6 indices
        checkOp((x) => x.index(idx(i0, [2, 3])), [spec(shape, seed, t)]);
      }),
      RUNS,
    );
  });
});

describe('dtype casts float32 ↔ float64', () => {
  it('float64 → float32 → float64 passes gradcheck (also on a transposed view); the leaf gets a float64 gradient', () => {
    // Values on a 2^-10 grid and eps = 2^-10: x ± eps and 2·(x ± eps) are exact in float32, so
    // the finite differences through the float32 round trip are exact.
    fc.assert(
      fc.property(shapeArb(0, 3), seedArb, fc.boolean(), (shape, seed, t) => {
        const s = spec(shape, seed, t);
        const stored = t && shape.length >= 2 ? [...shape.slice(0, -2), shape[shape.length - 1], shape[shape.length - 2]] : shape;
        const x = fromValues(values(numel(shape), seed).map((v) => Math.round(v * 1024) / 1024), stored, 'float64', true);
        const G = fromValues(values(numel(shape), 99), shape, 'float64');
        const f = (l: Tensor) => {
          const h = presented(l, s).float();
          expect(h.dtype).toBe('float32');
          return h.mul(2).double().mul(G);
        };
        gradcheck(f, [x], { eps: 2 ** -10 });
        f(x).sum().backward();
        expect(x.grad!.dtype).toBe('float64');
      }),
      RUNS,
    );
  });

  it('float32 → float64 → float32: the float32 leaf gets a float32 gradient matching the closed form', () => {
    fc.assert(
      fc.property(shapeArb(0, 3), seedArb, (shape, seed) => {
        const v = values(numel(shape), seed);
        const G = values(numel(shape), 7);
        const x32 = fromValues(v, shape, 'float32', true);
        const y = x32.double();
        expect(y.dtype).toBe('float64');
        expect(y.gradFn?.name).toBe('ToCopyBackward0');
        y.exp().mul(fromValues(G, shape, 'float64')).float().sum().backward();
        expect(x32.grad!.dtype).toBe('float32');
        const got = Array.from(x32.grad!.toTypedArray());
        v.forEach((vi, i) => expect(got[i]).toBeCloseTo(Math.exp(vi) * G[i], 5));
      }),
      RUNS,
    );
  });

  it('the cast ops in float32 agree with float64 (checkOp on x.double().exp().float() and x.float().tanh().double())', () => {
    fc.assert(
      fc.property(shapeArb(0, 3), seedArb, fc.boolean(), (shape, seed, t) => {
        // gradcheck runs these in float64, where the first cast is a no-op and the second a real
        // round trip; the float32 run crosses dtypes the other way
        checkOp((x) => (x.dtype === 'float32' ? x.double().exp().float() : x.exp()), [spec(shape, seed, t)]);
      }),
      RUNS,
    );
  });

  it('to() the same dtype is the tensor itself (nothing recorded)', () => {
    const x = fromValues([1, 2], [2], 'float64', true);
    expect(x.double()).toBe(x);
    expect(x.to('float64').gradFn).toBeNull();
  });
});
