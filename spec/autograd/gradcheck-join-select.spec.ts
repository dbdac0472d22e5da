/**
 * The joining, splitting and selection ops under `checkOp` (helpers.ts): the full Jacobian
 * against central finite differences in float64 (`gradcheck`), and float32 gradients within a
 * float32 tolerance of the float64 ones, on random shapes, negative dims, transposed
 * (non-contiguous) inputs, broadcasting (where, maskedFill), and through views (the pieces of
 * split/chunk, flatten/unflatten views, ops applied to narrowed inputs).
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  cat, chunk, flatten, flip, gather, indexSelect, maskedFill, repeat, scatter, scatterAdd, split, stack, tril, triu, unflatten, where,
  Tensor,
} from '../../engine/index.js';
import { broadcastPairArb, checkOp, numel, rng, seedArb, shapeArb, type InputSpec } from '../support/autograd-helpers.js';

const RUNS = { numRuns: 30 } as const;

function spec(shape: readonly number[], seed: number, transposed = false): InputSpec {
  return { shape, seed, transposed, domain: 'any' };
}

/** An int32 tensor of `shape` with values in [0, size) from `seed`. */
function randomIndex(shape: readonly number[], size: number, seed: number): Tensor {
  const r = rng(seed);
  return Tensor.fromArray(Int32Array.from({ length: numel(shape) }, () => Math.floor(r() * size)), shape, 'int32');
}

/** A bool tensor of `shape` from `seed`. */
function randomMask(shape: readonly number[], seed: number): Tensor {
  const r = rng(seed);
  return Tensor.fromArray(Uint8Array.from({ length: numel(shape) }, () => (r() < 0.5 ? 1 : 0)), shape, 'bool');
}

/** A shape of rank ≥ 1 and a dim of it (negative half the time). */
const shapeDimArb = fc.tuple(shapeArb(1, 3), fc.nat(), fc.boolean()).map(([shape, d, neg]) => ({ shape, d: d % shape.length, dn: neg ? (d % shape.length) - shape.length : d % shape.length }));

describe('joining and splitting (float64 gradcheck, float32 agreement)', () => {
  it('cat of 1-3 inputs, some transposed', () => {
    fc.assert(fc.property(shapeDimArb, fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }), seedArb, fc.boolean(), ({ shape, d, dn }, sizes, seed, t) => {
      const specs = sizes.map((s, i) => spec(shape.map((b, k) => (k === d ? s : b)), seed + i, t && i === 0));
      checkOp((...xs) => cat(xs, dn), specs);
    }), RUNS);
  });

  it('stack of 1-3 inputs', () => {
    fc.assert(fc.property(shapeArb(0, 3), fc.integer({ min: 1, max: 3 }), fc.nat(), seedArb, fc.boolean(), (shape, n, dRaw, seed, t) => {
      checkOp((...xs) => stack(xs, dRaw % (shape.length + 1)), Array.from({ length: n }, (_, i) => spec(shape, seed + i, t)));
    }), RUNS);
  });

  it('split and chunk: every piece (a view) used with its own weight', () => {
    fc.assert(fc.property(shapeDimArb, fc.integer({ min: 1, max: 3 }), seedArb, fc.boolean(), ({ shape, dn }, size, seed, t) => {
      const weighted = (pieces: Tensor[]) => cat(pieces.map((p, k) => p.mul(k + 1)), dn);
      checkOp((x) => weighted(split(x, size, dn)), [spec(shape, seed, t)]);
      checkOp((x) => weighted(chunk(x, size, dn)), [spec(shape, seed, t)]);
      checkOp((x) => split(x, size, dn)[0].exp(), [spec(shape, seed, t)]); // one piece only: zeros elsewhere
    }), RUNS);
  });

  it('flatten, unflatten (views of views), flip, repeat', () => {
    fc.assert(fc.property(shapeArb(1, 3), seedArb, fc.boolean(), fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 3, maxLength: 4 }), (shape, seed, t, reps) => {
      checkOp((x) => flatten(x, 0, -1).mul(2), [spec(shape, seed, t)]);
      checkOp((x) => unflatten(flatten(x), 0, [1, -1]).mul(3), [spec(shape, seed, t)]);
      checkOp((x) => flip(x, shape.map((_, k) => -1 - k).filter((_, k) => k % 2 === 0)), [spec(shape, seed, t)]);
      checkOp((x) => repeat(x, reps.slice(0, Math.max(shape.length, reps.length - 1))).mul(1.5), [spec(shape, seed, t)]);
    }), RUNS);
  });

  it('tril and triu, batched, on narrowed (view) inputs', () => {
    fc.assert(fc.property(shapeArb(2, 3), fc.integer({ min: -2, max: 2 }), seedArb, fc.boolean(), (shape, k, seed, t) => {
      checkOp((x) => tril(x, k), [spec(shape, seed, t)]);
      checkOp((x) => triu(x.narrow(-1, 0, x.size(-1)), k).mul(2), [spec(shape, seed, t)]);
    }), RUNS);
  });
});

describe('selection (float64 gradcheck, float32 agreement)', () => {
  it('where with broadcasting, and with a number on either side', () => {
    fc.assert(fc.property(broadcastPairArb, seedArb, fc.boolean(), ([sa, sb], seed, t) => {
      const cond = randomMask(sa.length >= sb.length ? sa : sb, seed + 7);
      checkOp((a, b) => where(cond, a, b), [spec(sa, seed, t), spec(sb, seed + 1, t)]);
      checkOp((a) => where(cond, a, 0.5), [spec(sa, seed, t)]);
      checkOp((b) => where(cond, -1, b), [spec(sb, seed, t)]);
    }), RUNS);
  });

  it('maskedFill with a broadcast mask, a number and a 0-d tensor value', () => {
    fc.assert(fc.property(broadcastPairArb, seedArb, fc.boolean(), ([sx, sm], seed, t) => {
      const mask = randomMask(sm, seed + 3);
      checkOp((x) => maskedFill(x, mask, 2), [spec(sx, seed, t)]);
      checkOp((x, v) => maskedFill(x, mask, v), [spec(sx, seed, t), spec([], seed + 1)]);
    }), RUNS);
  });

  it('gather, scatter (tensor and number), scatterAdd with repeated indices, and the in-place forms', () => {
    fc.assert(fc.property(shapeDimArb, fc.integer({ min: 1, max: 4 }), seedArb, fc.boolean(), ({ shape, d, dn }, along, seed, t) => {
      const is = shape.map((s, k) => (k === d ? along : s));
      const index = randomIndex(is, shape[d], seed + 5);
      checkOp((x) => gather(x, dn, index), [spec(shape, seed, t)]);
      checkOp((x, s) => scatterAdd(x, dn, index, s), [spec(shape, seed, t), spec(is, seed + 1, t)]);
      checkOp((x) => scatter(x, dn, index, 0.25), [spec(shape, seed, t)]);
      checkOp((x, s) => x.mul(1).scatterAdd_(dn, index, s), [spec(shape, seed, t), spec(is, seed + 1, t)]); // in place, on a non-leaf
      checkOp((x) => x.mul(1).scatter_(dn, index, 0.25), [spec(shape, seed, t)]);
      // scatter with a tensor src: unique positions along dim (a permutation's prefix), so no value is lost to a repeat
      const r = rng(seed + 9);
      const take = Math.min(along, shape[d]);
      const perm = Array.from({ length: shape[d] }, (_, i) => i).sort(() => r() - 0.5).slice(0, take);
      const uniqShape = shape.map((s, k) => (k === d ? take : s));
      const uniq = Tensor.fromArray(Int32Array.from({ length: numel(uniqShape) }, (_, i) => perm[Math.floor(i / numel(uniqShape.slice(d + 1))) % take]), uniqShape, 'int32');
      checkOp((x, s) => scatter(x, dn, uniq, s), [spec(shape, seed, t), spec(shape.map((n, k) => (k === d ? take + 1 : n)), seed + 2)]); // src larger than the index
      checkOp((x, s) => x.mul(1).scatter_(dn, uniq, s), [spec(shape, seed, t), spec(uniqShape, seed + 2)]);
    }), RUNS);
  });

  it('indexSelect and indexAdd_ (on a non-leaf), with repeated indices', () => {
    fc.assert(fc.property(shapeDimArb, fc.integer({ min: 1, max: 4 }), seedArb, fc.boolean(), ({ shape, d, dn }, n, seed, t) => {
      const index = randomIndex([n], shape[d], seed + 5);
      checkOp((x) => indexSelect(x, dn, index), [spec(shape, seed, t)]);
      const ss = shape.map((s, k) => (k === d ? n : s));
      checkOp((x, s) => x.mul(1).indexAdd_(dn, index, s, { alpha: 2 }), [spec(shape, seed, t), spec(ss, seed + 1, t)]);
    }), RUNS);
  });

  it('indexPut_ (on a non-leaf): accumulate with repeats and broadcast values; overwrite with unique positions', () => {
    fc.assert(fc.property(shapeArb(1, 3), fc.integer({ min: 1, max: 4 }), seedArb, fc.boolean(), fc.boolean(), (shape, n, seed, t, whole) => {
      const idx = [randomIndex([n], shape[0], seed + 5)];
      const rest = shape.slice(1);
      checkOp((x, v) => x.mul(1).indexPut_(idx, v, true), [spec(shape, seed, t), spec(whole ? [n, ...rest] : rest.slice(-1), seed + 1)]);
      const unique = Tensor.fromArray(Int32Array.from({ length: shape[0] }, (_, i) => shape[0] - 1 - i), [shape[0]], 'int32');
      checkOp((x, v) => x.mul(1).indexPut_([unique], v), [spec(shape, seed, t), spec([shape[0], ...rest], seed + 1)]);
    }), RUNS);
  });
});
