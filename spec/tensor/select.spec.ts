/**
 * Selection (where, maskedFill, gather, scatter, scatterAdd, indexSelect, indexPut_, indexAdd_)
 * against the same operations written as index loops on nested arrays (`naive.ts`), on random
 * shapes with 0 and 1 sizes, negative dims, broadcasting where the op broadcasts, every dtype
 * and layout. In-place ops: the version counter, nothing written when a check fails, the
 * in-place rules. Every error message; the backward comments' derivations on one concrete case
 * each; the lecture's counting `N[ix1, ix2] += 1` as one indexPut_ equals the bincount counts.
 * PyTorch's own values, grad_fn names and gradients: join-select-pytorch.spec.ts.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  gather, indexAdd_, indexSelect, maskedFill, ones, scatter, scatterAdd, tensor, where, zeros, Tensor, noGrad, type DType,
} from '../../engine/index.js';
import { bigramPairs, countBigrams, countBigramsLoop, lectureNames, Vocabulary } from '../../bigram/index.js';
import {
  arbArrayOf, arbBroadcastPair, arbShape, arbSmallInt, at, broadcastIndex, broadcastRule, expectTensor, indices, LAYOUTS, make, materialize, type NArr,
} from '../support/naive.js';

const DTYPES: DType[] = ['float32', 'float64', 'int32', 'bool'];
const arbDType = fc.constantFrom(...DTYPES);
const arbLayout = fc.constantFrom(...LAYOUTS);
const RUNS = { numRuns: 150 };
const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/**
 * PyTorch's result type of two tensors (rank, dtype): a 0-d tensor beside a dimensioned one
 * counts only when its category (bool < int < float) is higher; otherwise the wider dtype.
 */
function resultDType([ra, da]: [number, DType], [rb, db]: [number, DType]): DType {
  const wider = RANK[da] >= RANK[db] ? da : db;
  const cat = (d: DType) => (d === 'bool' ? 0 : d === 'int32' ? 1 : 2);
  if ((ra === 0) === (rb === 0)) return wider;
  const [dimmed, zero] = ra === 0 ? [db, da] : [da, db];
  return cat(zero) > cat(dimmed) ? zero : dimmed;
}

/** Values as a tensor of `dtype` would hold them (bool: non-zero is 1). */
function held(a: NArr, dtype: DType): NArr {
  return make(a.shape, (i) => (dtype === 'bool' ? Number(at(a.v, i) !== 0) : at(a.v, i)));
}
const arbOf = (shape: readonly number[]) => arbArrayOf(shape, arbSmallInt);
const arbMask = (shape: readonly number[]) => arbArrayOf(shape, fc.integer({ min: 0, max: 1 }));
const boolTensor = (a: NArr, layout: (typeof LAYOUTS)[number] = 'contiguous') => materialize(a, 'bool', layout);
/** Index values in [0, size) as an NArr of `shape`. */
const arbIndex = (shape: readonly number[], size: number) => arbArrayOf(shape, fc.integer({ min: 0, max: Math.max(size - 1, 0) }));

describe('where(cond, a, b): broadcasting over three operands, vs a naive loop', () => {
  it('tensors of any dtype and layout', () => {
    const arb = fc.tuple(arbBroadcastPair(3, 3), fc.boolean()).chain(([[sa, sb], condFirst]) => {
      const sc = condFirst ? sa : sb; // the condition has the shape of one of them, so all three broadcast
      return fc.tuple(fc.constant([sc, sa, sb]), arbMask(sc), arbOf(sa), arbOf(sb), arbDType, arbDType, arbLayout, arbLayout);
    });
    fc.assert(fc.property(arb, ([[sc, sa, sb], c, a, b, da, db, la, lb]) => {
      const out = where(boolTensor(c, la), materialize(held(a, da), da, la, 1), materialize(held(b, db), db, lb, 2));
      const shape = broadcastRule(sc, sa, sb)!;
      expect(out.dtype).toBe(resultDType([sa.length, da], [sb.length, db]));
      expectTensor(out, make(shape, (i) => (at(c.v, broadcastIndex(i, sc)) ? at(held(a, da).v, broadcastIndex(i, sa)) : at(held(b, db).v, broadcastIndex(i, sb)))));
    }), RUNS);
  });

  it('numbers on either side: promotion as PyTorch (an integer number keeps int32, a fraction gives float32)', () => {
    const c = tensor([true, false, true]);
    expect(where(c, tensor([1, 2, 3]), 0).dtype).toBe('int32');
    expect(where(c, tensor([1, 2, 3]), 0.5).tolist()).toEqual([1, 0.5, 3]);
    expect(where(c, tensor([1, 2, 3]), 0.5).dtype).toBe('float32');
    expect(where(c, 1, 0).tolist()).toEqual([1, 0, 1]);
    expect(where(c, 1, 0).dtype).toBe('int32');
    expect(where(c, 1, 0.5).dtype).toBe('float32');
    expect(where(c, tensor([true, true, true]), 2).dtype).toBe('int32');
    expect(where(c, tensor([1.5, 2.5, 3.5]), tensor(0).double()).dtype).toBe('float32'); // a 0-d tensor of a higher width does not promote
    expect(tensor([1, 2, 3]).where(c, -1).tolist()).toEqual([1, -1, 3]);
  });

  it('errors: a non-bool condition, shapes that do not broadcast, a non-operand', () => {
    expect(() => where(tensor([1, 0]).float(), tensor([1, 2]), 0)).toThrow('where expected condition to be a boolean tensor, but got a tensor with dtype Float');
    expect(() => where(tensor([1, 0]), tensor([1, 2]), 0)).toThrow('where expected condition to be a boolean tensor, but got a tensor with dtype Int');
    expect(() => where(tensor([true, false]), zeros([2, 3]), 0)).toThrow('must match the size of tensor');
    expect(() => where(tensor([true]), 'x' as unknown as number, 0)).toThrow('where: expected a Tensor or a number, got string');
  });

  it('hand derivation of WhereBackward0: grad_a = where(cond, g, 0), grad_b = where(cond, 0, g), summed over broadcast dims', () => {
    const a = tensor([1, 2, 3], { requiresGrad: true });
    const b = tensor([[10], [20]], { requiresGrad: true });
    const cond = tensor([[true, false, true], [false, false, true]]);
    where(cond, a, b).backward(tensor([[1, 2, 3], [4, 5, 6]]).float());
    expect(a.grad!.tolist()).toEqual([1 + 0, 0 + 0, 3 + 6]); // columns of g where cond, summed over the 2 rows
    expect(b.grad!.tolist()).toEqual([[2], [4 + 5]]); // rows of g where not cond, summed over the 3 columns
  });
});

describe('maskedFill(mask, value)', () => {
  it('vs a naive loop: mask broadcasts with x, value converted to x\'s dtype', () => {
    const arb = fc.tuple(arbBroadcastPair(3, 3), arbDType, arbLayout, fc.constantFrom(-2, 0, 3, 2.7, -2.7)).chain(([[sx, sm], dt, layout, v]) =>
      fc.tuple(fc.constant([sx, sm]), arbOf(sx), arbMask(sm), fc.constant(dt), fc.constant(layout), fc.constant(v)));
    fc.assert(fc.property(arb, ([[sx, sm], a, m, dt, layout, v]) => {
      const out = maskedFill(materialize(held(a, dt), dt, layout), boolTensor(m, layout), v);
      const conv = dt === 'bool' ? Number(v !== 0) : dt === 'int32' ? Math.trunc(v) : dt === 'float32' ? Math.fround(v) : v;
      expect(out.dtype).toBe(dt);
      expectTensor(out, make(broadcastRule(sx, sm)!, (i) => (at(m.v, broadcastIndex(i, sm)) ? conv : at(held(a, dt).v, broadcastIndex(i, sx)))));
    }), RUNS);
    expect(tensor([1, 2]).maskedFill(tensor([true, false]), tensor(9)).tolist()).toEqual([9, 2]); // a 0-d tensor value
  });

  it('errors', () => {
    expect(() => maskedFill(zeros([3]), tensor([1, 0, 1]), 0)).toThrow('masked_fill only supports boolean masks, but got mask with dtype int32');
    expect(() => maskedFill(zeros([3]), tensor([true, false, true]), tensor([0]))).toThrow('masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).');
    expect(() => maskedFill(zeros([2, 3]), tensor([true, false]), 0)).toThrow('must match the size of tensor');
  });

  it('hand derivation of MaskedFillBackward0/1: grad_x = where(mask, 0, g), grad_value = Σ g over the mask', () => {
    const x = zeros([3], { requiresGrad: true });
    const v = tensor(2, { requiresGrad: true });
    const out = x.maskedFill(tensor([true, false, true]), v);
    expect(out.gradFn!.name).toBe('MaskedFillBackward1');
    out.backward(tensor([10, 20, 30]).float());
    expect(x.grad!.tolist()).toEqual([0, 20, 0]);
    expect(v.grad!.item()).toBe(10 + 30);
  });
});

/** A random (x shape, dim, index shape) with index.size(k) ≤ x.size(k) for k ≠ dim. */
const arbGatherShapes = fc.tuple(arbShape(1, 3, 0, 3), fc.nat(), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 4 }))
  .map(([xs, dRaw, shrink, along]) => {
    const d = dRaw % xs.length;
    return { xs, d, is: xs.map((s, k) => (k === d ? (xs[d] === 0 ? 0 : along) : shrink[k] % (s + 1))) };
  });

describe('gather, scatter, scatterAdd', () => {
  it('gather: out[…, j, …] = x[…, index[…, j, …], …], vs a naive loop', () => {
    const arb = arbGatherShapes.chain((s) => fc.tuple(fc.constant(s), arbOf(s.xs), arbIndex(s.is, s.xs[s.d]), arbDType, arbLayout, fc.boolean()));
    fc.assert(fc.property(arb, ([{ xs, d, is }, a, idx, dt, layout, neg]) => {
      const out = gather(materialize(held(a, dt), dt, layout), neg ? d - xs.length : d, materialize(idx, 'int32', layout, 3));
      expectTensor(out, make(is, (i) => at(held(a, dt).v, i.map((v, k) => (k === d ? at(idx.v, i) : v)))));
    }), RUNS);
  });

  it('scatter / scatterAdd: x with src written / added at the index, vs a naive loop in row-major order of the index', () => {
    const arb = arbGatherShapes.chain((s) => fc.tuple(
      fc.constant(s), arbOf(s.xs), arbIndex(s.is, s.xs[s.d]), fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 3, maxLength: 3 }),
      fc.constantFrom<DType>('float32', 'float64', 'int32'), arbLayout, fc.boolean(),
    ).chain(([s2, a, idx, extra, dt, layout, add]) => {
      const ss = s2.is.map((n, k) => n + extra[k]); // src may be larger than the index
      return fc.tuple(fc.constant(s2), fc.constant(a), fc.constant(idx), fc.constant(ss), arbOf(ss), fc.constant(dt), fc.constant(layout), fc.constant(add));
    }));
    fc.assert(fc.property(arb, ([{ xs, d, is }, a, idx, ss, src, dt, layout, add]) => {
      const x = materialize(a, dt, layout);
      const srcT = materialize(src, dt, layout, 5);
      const out = add ? scatterAdd(x, d, materialize(idx, 'int32'), srcT) : scatter(x, d, materialize(idx, 'int32'), srcT);
      const want = a.shape.length ? JSON.parse(JSON.stringify(a.v)) : a.v;
      for (const i of indices(is)) {
        const target = i.map((v, k) => (k === d ? at(idx.v, i) : v));
        let row = want;
        for (const t of target.slice(0, -1)) row = row[t];
        const last = target[target.length - 1];
        row[last] = add ? row[last] + at(src.v, i) : at(src.v, i);
      }
      expectTensor(out, { shape: xs, v: want });
      expectTensor(x, a); // x itself unchanged
    }), RUNS);
  });

  it('scatter_ / scatterAdd_ write the same values in place through any layout, bump the version, and change nothing when a check fails', () => {
    const arb = arbGatherShapes.chain((s) => fc.tuple(fc.constant(s), arbOf(s.xs), arbIndex(s.is, s.xs[s.d]), arbOf(s.is), arbLayout, fc.boolean()));
    fc.assert(fc.property(arb, ([{ d }, a, idx, src, layout, add]) => {
      const x = materialize(a, 'float32', layout);
      const I = materialize(idx, 'int32');
      const S = materialize(src, 'float32', layout, 2);
      const want = add ? scatterAdd(x, d, I, S) : scatter(x, d, I, S);
      const before = x.version;
      expect(add ? x.scatterAdd_(d, I, S) : x.scatter_(d, I, S)).toBe(x);
      expect(x.version).toBe(before + 1);
      expect(Array.from(x.toTypedArray())).toEqual(Array.from(want.toTypedArray()));
    }), RUNS);
    const x = zeros([2, 3]);
    expect(() => x.scatter_(1, tensor([[0, 3]]), 1)).toThrow('scatter_: index 3 is out of bounds for dimension 1 with size 3');
    expect(() => x.scatterAdd_(1, tensor([[0, 1], [2, -1]]), ones([2, 2]))).toThrow('scatter_add_: index -1 is out of bounds for dimension 1 with size 3');
    expect(() => zeros([3], { requiresGrad: true }).scatter_(0, tensor([0]), 1)).toThrow('a leaf Variable that requires grad is being used in an in-place operation');
    expect(x.version).toBe(0);
    expect(x.sum().item()).toBe(0);
    expect(zeros([2, 3]).scatter_(1, tensor([[1], [2]]), 1).tolist()).toEqual([[0, 1, 0], [0, 0, 1]]); // a one-hot encoding
  });

  it('scatter with a number; int32 truncates it; bool scatterAdd is a logical or', () => {
    expect(zeros([2, 3]).scatter(1, tensor([[2], [0]]), 1).tolist()).toEqual([[0, 0, 1], [1, 0, 0]]);
    expect(zeros([2, 3], { dtype: 'int32' }).scatter(1, tensor([[0], [2]]), 2.5).tolist()).toEqual([[2, 0, 0], [0, 0, 2]]);
    expect(zeros([3], { dtype: 'bool' }).scatterAdd(0, tensor([0, 0]), tensor([true, true])).tolist()).toEqual([true, false, false]);
  });

  it('errors', () => {
    const x = zeros([2, 3]);
    expect(() => gather(x, 1, tensor([0, 1]))).toThrow('Index tensor must have the same number of dimensions as input tensor');
    expect(() => gather(x, 0, tensor([[0, 1, 1, 0]]))).toThrow('Size does not match at dimension 1 expected index [1, 4] to be smaller than self [2, 3] apart from dimension 0');
    expect(() => gather(x, 1, tensor([[3]]))).toThrow('gather: index 3 is out of bounds for dimension 1 with size 3');
    expect(() => gather(x, 1, tensor([[-1]]))).toThrow('gather: index -1 is out of bounds for dimension 1 with size 3');
    expect(() => gather(x, 2, tensor([[0]]))).toThrow('gather: dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => gather(x, 1, tensor([[1.5]]))).toThrow('gather: expected dtype int32 for index');
    expect(() => scatter(x, 1, tensor([[0], [2]]), ones([2, 1]).double())).toThrow('scatter(): Expected self.dtype to be equal to src.dtype');
    expect(() => scatter(x, 1, tensor([[0, 1, 2, 0]]), x)).toThrow('Expected index [1, 4] to be smaller than self [2, 3] apart from dimension 1 and to be smaller size than src [2, 3]');
    expect(() => scatter(x, 0, tensor([[0], [1]]), ones([1, 1]))).toThrow('Expected index [2, 1] to be smaller than self [2, 3] apart from dimension 0 and to be smaller size than src [1, 1]');
    expect(() => scatter(x, 0, tensor([[0, 1, 0, 1]]), 5)).toThrow('Expected index [1, 4] to be smaller than self [2, 3] apart from dimension 0');
    expect(() => scatter(x, 0, tensor([[3]]), x)).toThrow('scatter: index 3 is out of bounds for dimension 0 with size 2');
    expect(() => scatter(x, 0, tensor([[0]]), tensor(1).float())).toThrow('Index tensor must have the same number of dimensions as src tensor');
    expect(() => scatter(x, 0, tensor([0]), x)).toThrow('Index tensor must have the same number of dimensions as self tensor');
    expect(() => scatterAdd(x, 1, tensor([[0]]), 5 as unknown as Tensor)).toThrow('scatter_add: src must be a Tensor, got number');
    expect(() => scatterAdd(x, 1, tensor([[0]]), ones([1, 1]).double())).toThrow('scatter_add(): Expected self.dtype to be equal to src.dtype');
  });

  it('hand derivation of GatherBackward0: grad_x[i][k] = Σ_j g[i][j]·[index[i][j] = k]', () => {
    const x = zeros([2, 3], { requiresGrad: true });
    const index = [[2, 0, 2], [1, 1, 0]];
    const g = [[1, 2, 3], [4, 5, 6]];
    x.gather(1, tensor(index)).backward(tensor(g).float());
    const want = [[0, 0, 0], [0, 0, 0]];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) want[i][index[i][j]] += g[i][j];
    expect(x.grad!.tolist()).toEqual(want); // [[2, 0, 4], [6, 9, 0]]
  });

  it('hand derivation of ScatterBackward0 and ScatterAddBackward0 (src larger than the index gets zeros)', () => {
    const x = zeros([2, 3], { requiresGrad: true });
    const src = zeros([2, 2], { requiresGrad: true });
    const g = tensor([[1, 2, 3], [4, 5, 6]]).float();
    x.scatter(1, tensor([[2], [0]]), src).backward(g);
    expect(x.grad!.tolist()).toEqual([[1, 2, 0], [0, 5, 6]]); // overwritten positions (0, 2) and (1, 0) get 0
    expect(src.grad!.tolist()).toEqual([[3, 0], [4, 0]]); // g at the written positions; src[:, 1] is never read
    x.grad = null;
    src.grad = null;
    x.scatterAdd(1, tensor([[2, 2], [0, 1]]), src).backward(g);
    expect(x.grad!.tolist()).toEqual([[1, 2, 3], [4, 5, 6]]); // grad_x = g
    expect(src.grad!.tolist()).toEqual([[3, 3], [4, 5]]); // g.gather(1, index)
  });
});

describe('indexSelect and indexAdd_', () => {
  const arbSel = fc.tuple(arbShape(1, 3, 0, 3), fc.nat(), fc.integer({ min: 0, max: 4 }), fc.boolean(), arbDType, arbLayout)
    .chain(([xs, dRaw, n, neg, dt, layout]) => {
      const d = dRaw % xs.length;
      const len = xs[d] === 0 ? 0 : n;
      return fc.tuple(fc.constant({ xs, d, neg, dt, layout }), arbOf(xs), arbIndex([len], xs[d]));
    });

  it('indexSelect: out.select(dim, k) = x.select(dim, index[k]), vs a naive loop', () => {
    fc.assert(fc.property(arbSel, ([{ xs, d, neg, dt, layout }, a, idx]) => {
      const out = indexSelect(materialize(held(a, dt), dt, layout), neg ? d - xs.length : d, materialize(idx, 'int32', layout));
      const len = idx.shape[0];
      expectTensor(out, make(xs.map((s, k) => (k === d ? len : s)), (i) => at(held(a, dt).v, i.map((v, k) => (k === d ? at(idx.v, [v]) : v)))));
    }), RUNS);
    expect(indexSelect(tensor([[1, 2, 3]]), 1, tensor(2)).tolist()).toEqual([[3]]); // a 0-d index
  });

  it('indexAdd_: x.select(dim, index[k]) += alpha·source.select(dim, k), in place through any layout, vs a naive loop', () => {
    const arb = arbSel.chain(([p, a, idx]) => fc.tuple(fc.constant(p), fc.constant(a), fc.constant(idx),
      arbOf(p.xs.map((s, k) => (k === p.d ? idx.shape[0] : s))), fc.constantFrom(1, 2, -3)));
    fc.assert(fc.property(arb, ([{ xs, d, neg, dt, layout }, a, idx, src, alpha]) => {
      if (dt === 'bool') return;
      const x = materialize(a, dt, layout);
      const before = x.version;
      const out = indexAdd_(x, neg ? d - xs.length : d, materialize(idx, 'int32'), materialize(src, dt, layout, 7), { alpha });
      expect(out).toBe(x);
      expect(x.version).toBe(before + 1);
      const want = make(xs, (i) => at(a.v, i));
      const w = want.v as any;
      for (const i of indices(src.shape)) {
        const target = i.map((v, k) => (k === d ? at(idx.v, [v]) : v));
        let row = w;
        for (const t of target.slice(0, -1)) row = row[t];
        row[target[target.length - 1]] += alpha * at(src.v, i);
      }
      expectTensor(x, want);
    }), RUNS);
  });

  it('errors (and a failing indexAdd_ writes nothing)', () => {
    const x = zeros([3, 3]);
    expect(() => indexSelect(x, 1, tensor([[1]]))).toThrow('index_select(): Index is supposed to be a vector, but got dim: 2');
    expect(() => indexSelect(x, 1, tensor([3]))).toThrow('index_select: index 3 is out of bounds for dimension 1 with size 3');
    expect(() => indexSelect(x, 1, tensor([-1]))).toThrow('index_select: index -1 is out of bounds for dimension 1 with size 3');
    expect(() => indexSelect(x, 1, tensor([1.5]))).toThrow('index_select: expected dtype int32 for index');
    expect(() => indexSelect(x, 2, tensor([1]))).toThrow('index_select: dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => indexAdd_(x, 1, tensor([0, 0]), ones([3, 3]))).toThrow('index_add_(): Number of indices (2) should be equal to source.size(dim): (3), for dim: 1');
    expect(() => indexAdd_(x, 1, tensor([0, 0]), ones([2, 2]))).toThrow('index_add_(): source of shape [2, 2] must match self of shape [3, 3] in every dimension but dim 1');
    expect(() => indexAdd_(x, 1, tensor([0, 3]), ones([3, 2]))).toThrow('index_add_: index 3 is out of bounds for dimension 1 with size 3');
    expect(() => indexAdd_(x, 1, tensor([[0]]), ones([3, 1]))).toThrow('index_add_(): Index is supposed to be a vector, but got dim: 2 with type: Int and size: [1, 1]');
    expect(() => indexAdd_(x, 1, tensor([0]), ones([3, 1]).double())).toThrow('index_add_(): self (Float) and source (Double) must have the same scalar type');
    expect(() => indexAdd_(x, 1, tensor([0]), ones([3]))).toThrow('index_add_(): source must have as many dimensions as self');
    expect(() => indexAdd_(zeros([3], { dtype: 'int32' }), 0, tensor([0]), tensor([1]), { alpha: 2.5 })).toThrow('index_add_(): alpha must be an integer for a int32 tensor, got 2.5');
    expect(() => indexAdd_(zeros([2], { requiresGrad: true }), 0, tensor([0]), ones([1]))).toThrow('a leaf Variable that requires grad is being used in an in-place operation');
    expect(() => indexAdd_(zeros([1]).expand(3), 0, tensor([0]), ones([1]))).toThrow('more than one element of the written-to tensor refers to a single memory location');
    expect(x.version).toBe(0);
    expect(x.sum().item()).toBe(0);
  });

  it('hand derivation of IndexSelectBackward0 and IndexAddBackward0', () => {
    const x = zeros([3], { requiresGrad: true });
    x.indexSelect(0, tensor([2, 0, 2])).backward(tensor([1, 2, 3]).float());
    expect(x.grad!.tolist()).toEqual([2, 0, 1 + 3]); // grad_x[j] = Σ_k [index[k] = j]·g[k]
    const w = zeros([3], { requiresGrad: true });
    const s = zeros([2], { requiresGrad: true });
    const y = w.mul(1);
    y.indexAdd_(0, tensor([2, 2]), s, { alpha: 3 });
    expect(y.gradFn!.name).toBe('IndexAddBackward0');
    y.backward(tensor([10, 20, 30]).float());
    expect(w.grad!.tolist()).toEqual([10, 20, 30]); // grad_x = g
    expect(s.grad!.tolist()).toEqual([90, 90]); // alpha·g[index[k]] = 3·30
  });
});

describe('indexPut_: x[i₀, i₁, …] = values (or += with accumulate)', () => {
  const arbPut = fc.tuple(arbShape(1, 3, 1, 3), fc.integer({ min: 1, max: 3 }), arbShape(0, 2, 0, 3), fc.boolean(), fc.constantFrom<DType>('float32', 'float64', 'int32'), arbLayout)
    .chain(([xs, mRaw, B, accumulate, dt, layout]) => {
      const m = Math.min(mRaw, xs.length);
      const result = [...B, ...xs.slice(m)];
      // values: the result shape or a broadcastable suffix of it
      return fc.tuple(fc.constant({ xs, m, B, accumulate, dt, layout }), arbOf(xs),
        fc.tuple(...xs.slice(0, m).map((s) => arbArrayOf(B, fc.integer({ min: -s, max: s - 1 })))),
        fc.integer({ min: 0, max: result.length }).chain((drop) => arbOf(result.slice(drop))));
    });

  it('vs a naive loop in row-major order of the broadcast indices (negative indices wrap)', () => {
    fc.assert(fc.property(arbPut, ([{ xs, m, B, accumulate, dt, layout }, a, idx, vals]) => {
      const x = materialize(a, dt, layout);
      const before = x.version;
      x.indexPut_(idx.map((i) => materialize(i, 'int32')), materialize(vals, dt, layout, 4), accumulate);
      expect(x.version).toBe(before + 1);
      const want = make(xs, (i) => at(a.v, i)).v as any;
      const result = [...B, ...xs.slice(m)];
      for (const r of indices(result)) {
        const b = r.slice(0, B.length);
        const target = [...idx.map((t, k) => { const v = at(t.v, b); return v < 0 ? v + xs[k] : v; }), ...r.slice(B.length)];
        const v = at(vals.v, broadcastIndex(r, vals.shape));
        let row = want;
        for (const t of target.slice(0, -1)) row = row[t];
        const last = target[target.length - 1];
        row[last] = accumulate ? row[last] + v : v;
      }
      expectTensor(x, { shape: xs, v: want });
    }), RUNS);
  });

  it('a number as values; arrays of integers as indices; the indices broadcast together', () => {
    expect(zeros([2, 3]).indexPut_([[1], [0, 2]], 5).tolist()).toEqual([[0, 0, 0], [5, 0, 5]]);
    expect(zeros([3, 4], { dtype: 'int32' }).indexPut_([tensor([[0], [2]]), tensor([1, 3])], 1, true).tolist()).toEqual([[0, 1, 0, 1], [0, 0, 0, 0], [0, 1, 0, 1]]);
  });

  it('errors, and a failing call changes nothing', () => {
    const N = zeros([3, 3], { dtype: 'int32' });
    expect(() => N.indexPut_([tensor([0, 0, 1]), tensor([1, 1, 2])], ones([3]), true)).toThrow('Index put requires the source and destination dtypes match, got Int for the destination and Float for the source.');
    expect(() => N.indexPut_([tensor([0, 0, 1]), tensor([1, 1, 2])], tensor([5, 6]))).toThrow('shape mismatch: value tensor of shape [2] cannot be broadcast to indexing result of shape [3]');
    expect(() => N.indexPut_([tensor([0, 0, 1]), tensor([1, 1])], 5)).toThrow('shape mismatch: indexing tensors could not be broadcast together with shapes [3], [2]');
    expect(() => N.indexPut_([tensor([0]), tensor([0]), tensor([0])], 5)).toThrow('index_put_: too many indices for tensor of dimension 2 (got 3');
    expect(() => N.indexPut_([tensor([0, 3])], 5)).toThrow('index_put_: index 3 is out of bounds for dimension 0 with size 3');
    expect(() => N.indexPut_([tensor([0, 2]), tensor([0, -4])], 5)).toThrow('index_put_: index -4 is out of bounds for dimension 1 with size 3');
    expect(() => N.indexPut_([], 5)).toThrow('index_put_: indices must be a non-empty list');
    expect(() => N.indexPut_([tensor([0.5])], 5)).toThrow('index_put_: expected dtype int32 for indices[0]');
    expect(() => N.indexPut_([tensor([true])], 5)).toThrow('index_put_: expected dtype int32 for indices[0] (this engine\'s int64), but got bool');
    expect(() => N.indexPut_([tensor([0, 2])], tensor([[1], [2], [3]]))).toThrow('shape mismatch: value tensor of shape [3, 1] cannot be broadcast to indexing result of shape [2, 3]');
    expect(() => zeros([3], { requiresGrad: true }).indexPut_([tensor([0])], 1)).toThrow('a leaf Variable that requires grad is being used in an in-place operation');
    expect(() => zeros([2]).expand(3, 2).indexPut_([tensor([0])], 1)).toThrow('more than one element of the written-to tensor refers to a single memory location');
    expect(N.version).toBe(0);
    expect(N.sum().item()).toBe(0);
  });

  it('hand derivation of IndexPutBackward0: grad_x = g (accumulate) or g zeroed at the indices; grad_values = g[indices]', () => {
    const w = zeros([2, 3], { requiresGrad: true });
    const v = zeros([2], { requiresGrad: true });
    const g = tensor([[1, 2, 3], [4, 5, 6]]).float();
    const y = w.mul(1);
    y.indexPut_([tensor([0, 1]), tensor([2, 0])], v);
    expect(y.gradFn!.name).toBe('IndexPutBackward0');
    y.backward(g);
    expect(w.grad!.tolist()).toEqual([[1, 2, 0], [0, 5, 6]]); // (0, 2) and (1, 0) overwritten
    expect(v.grad!.tolist()).toEqual([3, 4]); // g[0, 2], g[1, 0]
    w.grad = null;
    v.grad = null;
    const z = w.mul(1);
    z.indexPut_([tensor([0, 0])], v.index(0), true); // a 0-d value broadcast to two rows of 3
    z.backward(g);
    expect(w.grad!.tolist()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(v.grad!.tolist()).toEqual([2 * (1 + 2 + 3), 0]); // the value is used 6 times, at g's row 0 (twice)
  });

  it("the lecture's counting, N[ix1, ix2] += 1 for all bigrams at once, equals the bincount counts and the loop's", () => {
    const words = lectureNames();
    const vocab = Vocabulary.fromWords(words);
    const { xs, ys } = bigramPairs(words, vocab);
    const n = xs.length;
    expect(n).toBe(228146);
    const N = zeros([vocab.size, vocab.size], { dtype: 'int32' });
    N.indexPut_([Tensor.fromArray(xs, [n], 'int32'), Tensor.fromArray(ys, [n], 'int32')], ones([n], { dtype: 'int32' }), true);
    expect(Array.from(N.toTypedArray())).toEqual(Array.from(countBigrams(words, vocab).toTypedArray()));
    const few = words.slice(0, 50);
    const p = bigramPairs(few, vocab);
    const M = zeros([vocab.size, vocab.size], { dtype: 'int32' }).indexPut_([Tensor.fromArray(p.xs, [p.xs.length], 'int32'), Tensor.fromArray(p.ys, [p.ys.length], 'int32')], 1, true);
    expect(M.tolist()).toEqual(countBigramsLoop(few, vocab).tolist());
    noGrad(() => expect(N.sum().item()).toBe(n));
  });

  it('duplicates without accumulate: the last write in row-major order lands (PyTorch leaves it undefined)', () => {
    expect(zeros([2]).indexPut_([tensor([0, 0, 0])], tensor([1, 2, 3]).float()).tolist()).toEqual([3, 0]);
  });
});
