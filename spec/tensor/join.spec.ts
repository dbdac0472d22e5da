/**
 * Joining and splitting (cat, stack, split, chunk, flatten, unflatten, flip, repeat, tril, triu,
 * eye, clone) against the same operations written as index loops on nested arrays
 * (`naive.ts`), on random shapes with 0 and 1 sizes, negative dims, every dtype and every memory
 * layout (contiguous, permuted, strided, offset). Which results are views (sharing storage) is
 * checked by writing through them. Every error message; the backward comments' derivations on
 * one concrete case each. PyTorch's own values, dtypes, grad_fn names and gradients are checked
 * in join-select-pytorch.spec.ts; gradcheck in spec/autograd/gradcheck-join-select.spec.ts.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arange, cat, chunk, eye, flatten, flip, ones, repeat, split, stack, tensor, tril, triu, unflatten, zeros, Tensor, type DType,
} from '../../engine/index.js';
import {
  arbArrayOf, arbShape, arbSmallInt, at, expectTensor, flat, fromFlat, LAYOUTS, make, materialize, narrowN, numel, reshapeN, type Layout, type NArr,
} from '../support/naive.js';

const DTYPES: DType[] = ['float32', 'float64', 'int32', 'bool'];
const arbDType = fc.constantFrom(...DTYPES);
const arbLayout = fc.constantFrom(...LAYOUTS);
const RUNS = { numRuns: 150 };

/** Values as a tensor of `dtype` would hold them (bool: non-zero is 1). */
function held(a: NArr, dtype: DType): NArr {
  return make(a.shape, (i) => (dtype === 'bool' ? Number(at(a.v, i) !== 0) : at(a.v, i)));
}

/** An array of `shape` with small integer values (exact in every dtype). */
const arbOf = (shape: number[]) => arbArrayOf(shape, arbSmallInt);

/** A dim of a rank-`n` tensor, either sign. */
const negOrPos = (d: number, n: number, neg: boolean) => (neg ? d - n : d);

describe('cat: along a dim, vs a naive loop', () => {
  it('values, shape and promoted dtype for 1-3 inputs of any layout and dtype', () => {
    const arb = fc.tuple(arbShape(1, 3, 0, 3), fc.nat(), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }), fc.boolean())
      .chain(([base, dRaw, sizes, neg]) => {
        const d = dRaw % base.length;
        const shapes = sizes.map((s) => base.map((b, k) => (k === d ? s : b)));
        return fc.tuple(fc.constant(shapes), fc.constant(d), fc.constant(neg), fc.tuple(...shapes.map(arbOf)), fc.array(arbDType, { minLength: shapes.length, maxLength: shapes.length }), fc.array(arbLayout, { minLength: shapes.length, maxLength: shapes.length }));
      });
    fc.assert(fc.property(arb, ([shapes, d, neg, arrays, dtypes, layouts]) => {
      const ts = arrays.map((a, i) => materialize(held(a, dtypes[i]), dtypes[i], layouts[i] as Layout, i));
      const out = cat(ts, negOrPos(d, shapes[0].length, neg));
      const rank = { bool: 0, int32: 1, float32: 2, float64: 3 };
      const dtype = dtypes.reduce((p, q) => (rank[q] > rank[p] ? q : p));
      expect(out.dtype).toBe(dtype);
      // naive: find the input that holds position idx[d]
      const total = shapes.reduce((p, s) => p + s[d], 0);
      const want = make(shapes[0].map((b, k) => (k === d ? total : b)), (idx) => {
        let j = idx[d];
        for (let i = 0; i < arrays.length; i++) {
          if (j < shapes[i][d]) return at(held(arrays[i], dtypes[i]).v, idx.map((v, k) => (k === d ? j : v)));
          j -= shapes[i][d];
        }
        throw new Error('unreachable');
      });
      expectTensor(out, want);
      expect(out.isContiguous()).toBe(true);
    }), RUNS);
  });

  it('skips 1-d empty tensors wherever they are (the legacy rule)', () => {
    const a = tensor([[1, 2], [3, 4]]);
    expect(cat([zeros([0]), a, zeros([0])], 1).tolist()).toEqual([[1, 2], [3, 4]]);
    expect(cat([zeros([0]), zeros([0])]).shape).toEqual([0]);
    expect(cat([zeros([0], { dtype: 'int32' }), tensor([1.5])]).dtype).toBe('float32'); // still promotes
  });

  it('errors: empty list, 0-d, rank, sizes, dim range, non-tensors', () => {
    expect(() => cat([])).toThrow('torch.cat(): expected a non-empty list of Tensors');
    expect(() => cat([tensor([1]), tensor(2)])).toThrow('zero-dimensional tensor (at position 1) cannot be concatenated');
    expect(() => cat([zeros([2, 3]), zeros([3])])).toThrow('Tensors must have same number of dimensions: got 2 and 1');
    expect(() => cat([zeros([2, 3]), zeros([2, 2])])).toThrow('Sizes of tensors must match except in dimension 0. Expected size 3 but got size 2 for tensor number 1 in the list');
    expect(() => cat([zeros([2, 3]), zeros([2, 3])], 2)).toThrow('cat: dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => cat([zeros([2, 3]), zeros([2, 3])], -3)).toThrow('but got -3');
    expect(() => cat([zeros([2]), 3 as unknown as Tensor])).toThrow('cat: expected a list of Tensors, but element 1 is number');
  });

  it('hand derivation of CatBackward0: grad_xᵢ = g.narrow(dim, offsetᵢ, sizeᵢ)', () => {
    const a = tensor([[1, 2]], { requiresGrad: true });
    const b = tensor([[3, 4], [5, 6]], { requiresGrad: true });
    const g = tensor([[10, 20], [30, 40], [50, 60]]).float();
    cat([a, b]).backward(g);
    expect(a.grad!.tolist()).toEqual([[10, 20]]); // rows 0..0 of g
    expect(b.grad!.tolist()).toEqual([[30, 40], [50, 60]]); // rows 1..2 of g
  });
});

describe('stack: along a new dim, vs a naive loop', () => {
  it('values, shape and dtype for 1-3 equal-shaped inputs, dims from -(n+1) to n', () => {
    const arb = fc.tuple(arbShape(0, 3, 0, 3), fc.integer({ min: 1, max: 3 }), fc.nat(), fc.boolean()).chain(([shape, n, dRaw, neg]) =>
      fc.tuple(fc.constant(shape), fc.constant(dRaw % (shape.length + 1)), fc.constant(neg), fc.array(arbOf(shape), { minLength: n, maxLength: n }), arbDType, arbLayout));
    fc.assert(fc.property(arb, ([shape, d, neg, arrays, dtype, layout]) => {
      const ts = arrays.map((a, i) => materialize(held(a, dtype), dtype, layout, i));
      const out = stack(ts, negOrPos(d, shape.length + 1, neg));
      const outShape = [...shape];
      outShape.splice(d, 0, arrays.length);
      expectTensor(out, make(outShape, (idx) => at(held(arrays[idx[d]], dtype).v, idx.filter((_, k) => k !== d))));
      expect(out.dtype).toBe(dtype);
    }), RUNS);
  });

  it('promotes: float32 with float64 is float64, int32 with bool is int32', () => {
    expect(stack([tensor([1.5]), tensor([2.5]).double()]).dtype).toBe('float64');
    expect(stack([tensor([1]), tensor([true])]).tolist()).toEqual([[1], [1]]);
  });

  it('errors: empty list, unequal shapes, dim range', () => {
    expect(() => stack([])).toThrow('stack expects a non-empty TensorList');
    expect(() => stack([zeros([2, 3]), zeros([2, 2])])).toThrow('stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 2] at entry 1');
    expect(() => stack([zeros([2, 3]), zeros([2, 3])], 3)).toThrow('stack: dimension out of range (expected to be in range of [-3, 2], but got 3)');
  });

  it('hand derivation of StackBackward0: grad_xᵢ = g.select(dim, i)', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4], { requiresGrad: true });
    stack([a, b], 1).backward(tensor([[10, 20], [30, 40]]).float()); // out[j][i] = xᵢ[j]
    expect(a.grad!.tolist()).toEqual([10, 30]);
    expect(b.grad!.tolist()).toEqual([20, 40]);
  });
});

describe('split and chunk: views, vs naive narrowing', () => {
  const arbInput = fc.tuple(arbShape(1, 3, 0, 5), fc.nat(), fc.boolean(), arbDType, arbLayout).chain(([shape, dRaw, neg, dtype, layout]) =>
    fc.tuple(fc.constant(shape), fc.constant(dRaw % shape.length), fc.constant(neg), arbOf(shape), fc.constant(dtype), fc.constant(layout)));

  it('split(size): pieces of `size`, the last one shorter; each a view of the input', () => {
    fc.assert(fc.property(arbInput, fc.integer({ min: 1, max: 6 }), ([shape, d, neg, a, dtype, layout], size) => {
      const x = materialize(held(a, dtype), dtype, layout);
      const pieces = split(x, size, negOrPos(d, shape.length, neg));
      const n = shape[d];
      const want = n === 0 ? [0] : Array.from({ length: Math.ceil(n / size) }, (_, k) => Math.min(size, n - k * size));
      expect(pieces.map((p) => p.shape[d])).toEqual(want);
      let start = 0;
      pieces.forEach((p, k) => {
        expectTensor(p, narrowN(held(a, dtype), d, start, want[k]));
        expect(p.storage).toBe(x.storage);
        start += want[k];
      });
    }), RUNS);
  });

  it('split(sizes): pieces of the listed sizes', () => {
    fc.assert(fc.property(arbInput, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), ([shape, d, neg, a, dtype, layout], cuts) => {
      const n = shape[d];
      // sizes adding up to n: differences of sorted cut points in [0, n]
      const points = [0, ...cuts.map((c) => c % (n + 1)).sort((p, q) => p - q), n];
      const sizes = points.slice(1).map((p, i) => p - points[i]);
      const x = materialize(held(a, dtype), dtype, layout);
      const pieces = split(x, sizes, negOrPos(d, shape.length, neg));
      expect(pieces.length).toBe(sizes.length);
      pieces.forEach((p, k) => expectTensor(p, narrowN(held(a, dtype), d, points[k], sizes[k])));
    }), RUNS);
  });

  it('chunk(n): at most n pieces of ceil(size / n); n empty pieces of an empty dim', () => {
    fc.assert(fc.property(arbInput, fc.integer({ min: 1, max: 6 }), ([shape, d, neg, a, dtype, layout], n) => {
      const x = materialize(held(a, dtype), dtype, layout);
      const pieces = chunk(x, n, negOrPos(d, shape.length, neg));
      const size = shape[d];
      const each = Math.ceil(size / n);
      const want = size === 0 ? new Array<number>(n).fill(0) : Array.from({ length: Math.ceil(size / each) }, (_, k) => Math.min(each, size - k * each));
      expect(pieces.map((p) => p.shape[d])).toEqual(want);
      let start = 0;
      pieces.forEach((p, k) => {
        expectTensor(p, narrowN(held(a, dtype), d, start, want[k]));
        start += want[k];
      });
    }), RUNS);
  });

  it('a write into the input shows in the pieces (they are views)', () => {
    const x = tensor([[0, 1, 2], [3, 4, 5]]);
    const [a, b] = x.split([1, 2], 1);
    x.index(1, 2).fill_(60);
    expect(b.tolist()).toEqual([[1, 2], [4, 60]]);
    expect(a.base).toBe(x);
    const [c] = x.chunk(2);
    c.index(0, 0).fill_(-1); // and a write into a piece shows in the input
    expect(x.index(0, 0).item()).toBe(-1);
  });

  it('errors', () => {
    expect(() => split(tensor(1), 1)).toThrow('split expects at least a 1-dimensional tensor');
    expect(() => split(arange(10), 0)).toThrow('split_size can only be 0 if dimension size is 0, but got dimension size of 10');
    expect(split(zeros([0]), 0).length).toBe(1);
    expect(() => split(arange(10), -1)).toThrow('split expects split_size be non-negative, but got split_size=-1');
    expect(() => split(arange(10), [2, 7])).toThrow("split_with_sizes expects split_sizes to sum exactly to 10 (input tensor's size at dimension 0), but got split_sizes=[2, 7]");
    expect(() => split(arange(10), [3, -1, 8])).toThrow('split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[3, -1, 8]');
    expect(() => split(arange(10), 3, 1)).toThrow('split: dimension out of range (expected to be in range of [-1, 0], but got 1)');
    expect(() => chunk(arange(10), 0)).toThrow('chunk expects `chunks` to be greater than 0, got: 0');
    expect(() => chunk(tensor(1), 1)).toThrow('chunk expects at least a 1-dimensional tensor');
    expect(() => chunk(arange(10), 1.5)).toThrow('chunk: chunks must be an integer, got 1.5');
  });

  it('hand derivation of SplitBackward0: each piece puts its g into its block, the rest 0; the pieces add up', () => {
    const x = tensor([1, 2, 3, 4, 5], { requiresGrad: true });
    const [a, , c] = x.split(2);
    a.mul(tensor([10, 20])).sum().add(c.mul(30).sum()).backward();
    expect(x.grad!.tolist()).toEqual([10, 20, 0, 0, 30]); // block [0, 2) from a, [4, 5) from c, nothing from the unused piece
  });
});

describe('flatten and unflatten: reshapes with PyTorch rules for views', () => {
  it('flatten(start, end) merges the dims, vs a naive reshape; a view when contiguous', () => {
    const arb = fc.tuple(arbShape(0, 4, 0, 3), fc.nat(), fc.nat(), fc.boolean(), arbLayout).chain(([shape, s, e, neg, layout]) =>
      fc.tuple(fc.constant(shape), fc.constant(s), fc.constant(e), fc.constant(neg), fc.constant(layout), arbOf(shape)));
    fc.assert(fc.property(arb, ([shape, sRaw, eRaw, neg, layout, a]) => {
      const n = Math.max(shape.length, 1);
      let [s, e] = [sRaw % n, eRaw % n];
      if (s > e) [s, e] = [e, s];
      const x = materialize(a, 'float32', layout);
      const out = flatten(x, negOrPos(s, n, neg), negOrPos(e, n, neg));
      const want = shape.length === 0 ? [1] : [...shape.slice(0, s), numel(shape.slice(s, e + 1)), ...shape.slice(e + 1)];
      expectTensor(out, reshapeN(a, want));
      if (shape.length > 0 && s === e) expect(out).toBe(x); // nothing to merge: x itself, as PyTorch
      if (x.isContiguous()) expect(out.storage).toBe(x.storage);
    }), RUNS);
  });

  it('flatten of a transposed matrix copies (no view can describe it); of a contiguous one it is a view', () => {
    const x = arange(6).view(2, 3);
    expect(x.T.flatten().storage).not.toBe(x.storage);
    expect(x.T.flatten().tolist()).toEqual([0, 3, 1, 4, 2, 5]);
    expect(x.flatten().storage).toBe(x.storage);
    expect(tensor(5).flatten().shape).toEqual([1]);
  });

  it('unflatten(dim, sizes) splits a dim, vs a naive reshape; always a view', () => {
    const arb = fc.tuple(arbShape(1, 3, 0, 3), fc.nat(), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.boolean(), arbLayout)
      .map(([shape, dRaw, f, infer, neg, layout]) => ({ shape, d: dRaw % shape.length, f, infer, neg, layout }));
    fc.assert(fc.property(arb, ({ shape, d, f, infer, neg, layout }) => {
      if (infer && f === 0) return; // (-1 beside a 0 cannot be inferred)
      // dim d has size f·shape[d], split into [f, shape[d]] (or [f, -1])
      const big = shape.map((s, k) => (k === d ? s * f : s));
      const a = fromFlat(big, Array.from({ length: numel(big) }, (_, i) => i));
      const x = materialize(a, 'int32', layout);
      const out = unflatten(x, negOrPos(d, shape.length, neg), [f, infer ? -1 : shape[d]]);
      expectTensor(out, reshapeN(a, [...big.slice(0, d), f, shape[d], ...big.slice(d + 1)]));
      expect(out.storage).toBe(x.storage);
    }), RUNS);
  });

  it('errors', () => {
    expect(() => flatten(zeros([2, 3]), 1, 0)).toThrow('flatten() has invalid args: start_dim cannot come after end_dim');
    expect(() => flatten(zeros([2, 3]), 2)).toThrow('flatten: dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => unflatten(zeros([2, 3]), 1, [2, 2])).toThrow("unflatten: Provided sizes [2, 2] don't multiply up to the size of dim 1 (3) in the input tensor");
    expect(() => unflatten(zeros([2, 3]), 1, [])).toThrow('unflatten: sizes must be non-empty');
    expect(() => unflatten(zeros([2, 6]), 1, [-1, -1])).toThrow('unflatten: only one dimension can be inferred (-1), got sizes [-1, -1]');
    expect(() => unflatten(zeros([4]), 0, [-1, 0])).toThrow("unflatten: Provided sizes [-1, 0] don't multiply up to the size of dim 0 (4)");
    expect(() => unflatten(zeros([2, 3]), 2, [3])).toThrow('unflatten: dimension out of range');
  });

  it('hand derivation: the gradient of a reshape is g reshaped back', () => {
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    x.flatten().backward(tensor([10, 20, 30, 40]).float());
    expect(x.grad!.tolist()).toEqual([[10, 20], [30, 40]]);
    const y = tensor([1, 2, 3, 4], { requiresGrad: true });
    y.unflatten(0, [2, 2]).backward(tensor([[1, 2], [3, 4]]).float());
    expect(y.grad!.tolist()).toEqual([1, 2, 3, 4]);
  });
});

describe('flip and repeat: copies, vs naive loops', () => {
  it('flip(dims) reverses along each listed dim (negative dims, any layout and dtype)', () => {
    const arb = fc.tuple(arbShape(0, 4, 0, 3), fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), arbDType, arbLayout).chain(([shape, ds, neg, dtype, layout]) =>
      fc.tuple(fc.constant(shape), fc.constant(ds), fc.constant(neg), fc.constant(dtype), fc.constant(layout), arbOf(shape)));
    fc.assert(fc.property(arb, ([shape, dsRaw, neg, dtype, layout, a]) => {
      const n = Math.max(shape.length, 1);
      const ds = [...new Set(dsRaw.map((d) => d % n))];
      const x = materialize(held(a, dtype), dtype, layout);
      const out = flip(x, ds.map((d) => negOrPos(d, n, neg)));
      expectTensor(out, make(shape, (idx) => at(held(a, dtype).v, idx.map((v, k) => (ds.includes(k) ? shape[k] - 1 - v : v)))));
      expect(out.storage).not.toBe(x.storage);
    }), RUNS);
  });

  it('repeat(sizes) tiles: out[i] = x[i mod size], with new leading dims', () => {
    const arb = fc.tuple(arbShape(0, 3, 0, 3), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 2 }), arbDType, arbLayout).chain(([shape, extra, dtype, layout]) =>
      fc.tuple(fc.constant(shape), fc.constant(extra), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: shape.length, maxLength: shape.length }), fc.constant(dtype), fc.constant(layout), arbOf(shape)));
    fc.assert(fc.property(arb, ([shape, extra, reps, dtype, layout, a]) => {
      const sizes = [...extra, ...reps];
      if (sizes.length === 0) return;
      const x = materialize(held(a, dtype), dtype, layout);
      const out = repeat(x, sizes);
      const src = [...extra.map(() => 1), ...shape];
      const want = make(sizes.map((r, i) => r * src[i]), (idx) => at(held(a, dtype).v, idx.slice(extra.length).map((v, k) => v % shape[k])));
      expectTensor(out, want);
    }), RUNS);
  });

  it('errors', () => {
    expect(() => flip(zeros([2, 3]), [0, -2])).toThrow('dim 0 appears multiple times in the list of dims');
    expect(() => flip(zeros([2, 3]), [2])).toThrow('flip: dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => repeat(zeros([2, 3]), [2])).toThrow('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
    expect(() => repeat(zeros([2, 3]), [-1, 2])).toThrow('Trying to create tensor with negative dimension -2: [-2, 6]');
    expect(() => repeat(zeros([2]), [])).toThrow('repeat() missing the repeat counts');
    expect(() => repeat(zeros([2]), [1.5])).toThrow('repeat: repeat counts must be integers, got [1.5]');
  });

  it('hand derivation of FlipBackward0 and RepeatBackward0', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.flip(0).backward(tensor([10, 20, 30]).float()); // out[i] = x[2 − i] → grad_x[j] = g[2 − j]
    expect(x.grad!.tolist()).toEqual([30, 20, 10]);
    const y = tensor([1, 2], { requiresGrad: true });
    // out = [y0 y1 y0 y1 y0 y1]: each yj appears 3 times and gets the sum of its 3 gradients
    y.repeat(3).backward(tensor([1, 2, 3, 4, 5, 6]).float());
    expect(y.grad!.tolist()).toEqual([1 + 3 + 5, 2 + 4 + 6]);
  });
});

describe('tril, triu and eye', () => {
  it('tril/triu(k) keep j − i ≤ k / j − i ≥ k over the last two dims, batched', () => {
    const arb = fc.tuple(arbShape(2, 4, 0, 3), fc.integer({ min: -4, max: 4 }), arbDType, arbLayout).chain(([shape, k, dtype, layout]) =>
      fc.tuple(fc.constant(shape), fc.constant(k), fc.constant(dtype), fc.constant(layout), arbOf(shape)));
    fc.assert(fc.property(arb, ([shape, k, dtype, layout, a]) => {
      const x = materialize(held(a, dtype), dtype, layout);
      const r = shape.length;
      const v = (idx: number[]) => at(held(a, dtype).v, idx);
      expectTensor(tril(x, k), make(shape, (idx) => (idx[r - 1] - idx[r - 2] <= k ? v(idx) : 0)));
      expectTensor(triu(x, k), make(shape, (idx) => (idx[r - 1] - idx[r - 2] >= k ? v(idx) : 0)));
      expect(tril(x, k).dtype).toBe(dtype);
    }), RUNS);
  });

  it('eye(n, m): ones where i = j', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 5 }), fc.option(fc.integer({ min: 0, max: 5 })), (n, m) => {
      const out = m === null ? eye(n) : eye(n, m);
      expectTensor(out, make([n, m ?? n], ([i, j]) => (i === j ? 1 : 0)));
      expect(out.dtype).toBe('float32');
    }), RUNS);
    expect(eye(2, { dtype: 'int32' }).tolist()).toEqual([[1, 0], [0, 1]]);
    expect(eye(2, 3, { dtype: 'float64', requiresGrad: true }).requiresGrad).toBe(true);
  });

  it('errors', () => {
    expect(() => tril(zeros([3]))).toThrow('tril: input tensor must have at least 2 dimensions, got shape [3]');
    expect(() => triu(tensor(1))).toThrow('triu: input tensor must have at least 2 dimensions, got shape []');
    expect(() => tril(zeros([2, 2]), 0.5)).toThrow('tril: diagonal must be an integer, got 0.5');
    expect(() => eye(-1)).toThrow('n must be greater or equal to 0, got -1');
    expect(() => eye(2, -1)).toThrow('m must be greater or equal to 0, got -1');
    expect(() => eye(2.5)).toThrow("eye(): argument 'n' must be an integer, got 2.5");
  });

  it('hand derivation of TrilBackward0: grad_x = tril(g, k)', () => {
    const x = ones([2, 2], { requiresGrad: true });
    tril(x).backward(tensor([[1, 2], [3, 4]]).float());
    expect(x.grad!.tolist()).toEqual([[1, 0], [3, 4]]); // the zeroed element (0, 1) does not depend on x
  });
});

describe('clone (engine/ops/views.ts): a contiguous copy recorded as CloneBackward0', () => {
  it('copies the values of any layout into new storage; the gradient is g', () => {
    fc.assert(fc.property(arbShape(0, 3, 0, 3).chain((s) => fc.tuple(fc.constant(s), arbOf(s), arbLayout)), ([, a, layout]) => {
      const x = materialize(a, 'float32', layout);
      const c = x.clone();
      expectTensor(c, a);
      expect(c.storage).not.toBe(x.storage);
    }), RUNS);
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const c = x.T.clone();
    expect(c.gradFn!.name).toBe('CloneBackward0');
    c.backward(tensor([[1, 2], [3, 4]]).float());
    expect(x.grad!.tolist()).toEqual([[1, 3], [2, 4]]);
  });
});
