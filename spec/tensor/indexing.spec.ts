/**
 * Indexing against the NumPy/PyTorch rules stated naively: basic indices (integers, `null` for
 * `:`, `slice(start, end, step)`, `'...'`) give views; integer tensors or arrays gather a copy,
 * broadcasting against each other to a shape B that replaces the indexed dims where they stood
 * when they are adjacent, and goes first otherwise. Negative indices count from the end.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arange, slice, tensor, zeros } from '../../engine/index.js';
import {
  LAYOUTS, arbArrayOf, arbShape, at, broadcastIndex, broadcastRule, expectTensor, fromFlat, make, materialize, numel, pySliceIndices,
  type Layout, type NArr,
} from '../support/naive.js';

/** One index argument on the naive side: `:`, a slice, or an integer array (with its shape). */
type NaiveArg = { kind: 'all' } | { kind: 'slice'; start: number | null; end: number | null; step: number } | { kind: 'adv'; idx: NArr };

/** `x[args]` for args without integers, by the rule in the file comment. */
function naiveIndex(x: NArr, args: NaiveArg[]): NArr {
  const full: NaiveArg[] = [...args, ...new Array(x.shape.length - args.length).fill({ kind: 'all' })];
  const advDims = full.flatMap((a, d) => (a.kind === 'adv' ? [d] : []));
  const restDims = full.flatMap((a, d) => (a.kind === 'adv' ? [] : [d]));
  const keep = (d: number): number[] => {
    const a = full[d];
    if (a.kind === 'slice') return pySliceIndices(x.shape[d], a.start, a.end, a.step);
    return [...Array(x.shape[d]).keys()];
  };
  const B = broadcastRule(...advDims.map((d) => (full[d] as { idx: NArr }).idx.shape));
  if (!B) throw new Error('naive: index shapes do not broadcast');
  const adjacent = advDims.every((d, i) => i === 0 || d === advDims[i - 1] + 1);
  const before = adjacent ? restDims.filter((d) => d < advDims[0]) : [];
  const after = restDims.filter((d) => !before.includes(d));
  const shape = [...before.map((d) => keep(d).length), ...B, ...after.map((d) => keep(d).length)];
  return make(shape, (idx) => {
    const src = new Array<number>(x.shape.length);
    before.forEach((d, i) => (src[d] = keep(d)[idx[i]]));
    const bIdx = idx.slice(before.length, before.length + B.length);
    after.forEach((d, i) => (src[d] = keep(d)[idx[before.length + B.length + i]]));
    for (const d of advDims) {
      const I = (full[d] as { idx: NArr }).idx;
      const v = at(I.v, broadcastIndex(bIdx, I.shape));
      src[d] = v < 0 ? v + x.shape[d] : v;
    }
    return at(x.v, src);
  });
}

const arbLayout = fc.constantFrom<Layout>(...LAYOUTS);

/** A tensor to index (distinct values), the arguments on both sides, and the layouts. */
const arbIndexCase = arbShape(1, 4, 1, 4).chain((shape) => {
  const nArgs = fc.integer({ min: 1, max: shape.length });
  return fc.tuple(nArgs, arbShape(1, 2, 1, 3)).chain(([k, B]) => {
    const perDim = shape.slice(0, k).map((size) => fc.oneof(
      fc.constant<NaiveArg>({ kind: 'all' }),
      fc.tuple(fc.option(fc.integer({ min: -size - 1, max: size + 1 })), fc.option(fc.integer({ min: -size - 1, max: size + 1 })), fc.integer({ min: 1, max: 3 }))
        .map(([start, end, step]): NaiveArg => ({ kind: 'slice', start, end, step })),
      // an index array whose shape broadcasts to B: a suffix of B with some sizes 1
      fc.tuple(fc.integer({ min: 1, max: B.length }), fc.array(fc.boolean(), { minLength: B.length, maxLength: B.length })).chain(([r, ones]) => {
        const s = B.slice(B.length - r).map((d, i) => (ones[B.length - r + i] ? 1 : d));
        return arbArrayOf(s, fc.integer({ min: -size, max: size - 1 })).map((idx): NaiveArg => ({ kind: 'adv', idx }));
      }),
    ));
    return fc.record({
      shape: fc.constant(shape),
      args: fc.tuple(...perDim).filter((as) => as.some((a) => a.kind === 'adv')),
      layout: arbLayout,
      idxLayout: arbLayout,
      seed: fc.nat(),
      asArray: fc.boolean(),
    });
  });
});

describe('advanced indexing vs the NumPy rule', () => {
  it('gathers the naive elements, with B placed by the adjacency rule, for any layout of data and indices', () => {
    let adjacentCases = 0, splitCases = 0;
    fc.assert(
      fc.property(arbIndexCase, ({ shape, args, layout, idxLayout, seed, asArray }) => {
        const xa = fromFlat(shape, Array.from({ length: numel(shape) }, (_, i) => i));
        const x = materialize(xa, 'float32', layout, seed);
        const engineArgs = args.map((a) => {
          if (a.kind === 'all') return null;
          if (a.kind === 'slice') return slice(a.start, a.end, a.step);
          if (asArray && a.idx.shape.length === 1) return a.idx.v as number[]; // a plain JS array
          return materialize(a.idx, 'int32', idxLayout, seed + 1);
        });
        const advDims = args.flatMap((a, d) => (a.kind === 'adv' ? [d] : []));
        if (advDims.every((d, i) => i === 0 || d === advDims[i - 1] + 1)) adjacentCases++;
        else splitCases++;
        const got = x.index(...engineArgs);
        expectTensor(got, naiveIndex(xa, args), undefined, `index of [${shape}] by ${JSON.stringify(args)}`);
        expect(got.storage).not.toBe(x.storage); // advanced indexing copies
      }),
      { numRuns: 300 },
    );
    expect(adjacentCases).toBeGreaterThan(30);
    expect(splitCases + adjacentCases).toBe(300);
  });

  it('separated advanced indices (an index, then a slice or `:`, then an index) put B first', () => {
    const arbSplit = arbIndexCase
      .filter(({ shape }) => shape.length >= 3)
      .map((c) => {
        const args = [...c.args];
        while (args.length < 3) args.push({ kind: 'all' });
        const adv = (a: NaiveArg, size: number): NaiveArg => (a.kind === 'adv' ? a : { kind: 'adv', idx: { shape: [2], v: [size - 1, 0] } });
        args[0] = adv(args[0], c.shape[0]);
        args[2] = adv(args[2], c.shape[2]);
        if (args[1].kind === 'adv') args[1] = { kind: 'slice', start: null, end: null, step: 2 };
        return { ...c, args };
      })
      .filter(({ args }) => broadcastRule(...args.flatMap((a) => (a.kind === 'adv' ? [a.idx.shape] : []))) !== null);
    fc.assert(
      fc.property(arbSplit, ({ shape, args, layout, idxLayout, seed }) => {
        const xa = fromFlat(shape, Array.from({ length: numel(shape) }, (_, i) => i));
        const x = materialize(xa, 'float32', layout, seed);
        const engineArgs = args.map((a) => (a.kind === 'all' ? null : a.kind === 'slice' ? slice(a.start, a.end, a.step) : materialize(a.idx, 'int32', idxLayout, seed + 1)));
        const want = naiveIndex(xa, args);
        expectTensor(x.index(...engineArgs), want, undefined, `index of [${shape}] by ${JSON.stringify(args)}`);
      }),
      { numRuns: 100 },
    );
  });
});

describe('indexing by example', () => {
  const x4 = () => zeros([2, 3, 4, 5]);

  it('N20: probs.index(arange(n), ys) picks probs[i, ys[i]] for each row i', () => {
    const rows = [[0.1, 0.2, 0.7], [0.5, 0.25, 0.25], [0.3, 0.3, 0.4], [0.9, 0.05, 0.05]];
    const ys = [2, 0, 1, 2];
    const probs = tensor(rows, { dtype: 'float32' });
    const picked = probs.index(arange(4), tensor(ys));
    expect(picked.shape).toEqual([4]);
    expect(picked.tolist()).toEqual(ys.map((y, i) => Math.fround(rows[i][y])));
  });

  it('index tensors broadcast against each other: [[0],[1]] with [0,2] picks a 2×2 block', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(x.index(tensor([[0], [1]]), tensor([0, 2])).tolist()).toEqual([[1, 3], [4, 6]]);
    expect(() => x.index(tensor([0, 1]), tensor([0, 1, 2]))).toThrow(/must match the size of tensor/);
  });

  it('adjacent advanced indices stay in place; separated ones go first (NumPy\'s rule)', () => {
    expect(x4().index(null, [0, 1], [0, 1]).shape).toEqual([2, 2, 5]); // adjacent: where dims 1, 2 were
    expect(x4().index([0, 1], null, [0, 1]).shape).toEqual([2, 3, 5]); // separated: first
    expect(x4().index(null, [0, 1], null, [0, 1]).shape).toEqual([2, 2, 4]); // separated: first
    expect(x4().index(null, tensor([[0, 1, 2]]), tensor([[1], [0]])).shape).toEqual([2, 2, 3, 5]); // B = [2, 3] in place
  });

  it('negative indices count from the end, for integers, slices and index tensors', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(x.index(-1).tolist()).toEqual([4, 5, 6]);
    expect(x.index(-1, -1).item()).toBe(6);
    expect(x.index(null, slice(-2)).tolist()).toEqual([[2, 3], [5, 6]]);
    expect(x.index([-1, 0], [-3, -1]).tolist()).toEqual([4, 3]);
  });

  it('basic indices give views: integers select, null keeps a dim, slice steps, ... fills in', () => {
    const x = tensor([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]);
    const v = x.index(slice(null, null, 2), slice(1, null, 2));
    expect(v.tolist()).toEqual([[2, 4], [10, 12]]);
    expect(v.storage).toBe(x.storage);
    expect(x.index('...', 1).tolist()).toEqual([2, 6, 10]);
    expect(x.index(1, '...').tolist()).toEqual([5, 6, 7, 8]);
    expect(x.index(null, 2).tolist()).toEqual([3, 7, 11]);
    v.fill_(0);
    expect(x.tolist()).toEqual([[1, 0, 3, 0], [5, 6, 7, 8], [9, 0, 11, 0]]);
  });

  it('N3: N.index(i, j) is a 0-d view and .add_(1) counts the bigram in place', () => {
    const stoi = (c: string) => (c === '.' ? 0 : c.charCodeAt(0) - 96);
    const words = ['emma', 'olivia', 'ava', 'isabella', 'sophia'];
    const N = zeros([27, 27], { dtype: 'int32' });
    const want = new Map<string, number>();
    for (const w of words) {
      const chs = ['.', ...w, '.'];
      for (let k = 0; k + 1 < chs.length; k++) {
        const [i, j] = [stoi(chs[k]), stoi(chs[k + 1])];
        const cell = N.index(i, j);
        expect(cell.shape).toEqual([]);
        expect(cell.storage).toBe(N.storage);
        const v0 = N.version;
        cell.add_(1);
        expect(N.version).toBe(v0 + 1);
        want.set(`${i},${j}`, (want.get(`${i},${j}`) ?? 0) + 1);
      }
    }
    const got = N.tolist() as number[][];
    for (let i = 0; i < 27; i++) for (let j = 0; j < 27; j++) expect(got[i][j], `N[${i}, ${j}]`).toBe(want.get(`${i},${j}`) ?? 0);
    expect(N.index(stoi('e'), stoi('m')).item()).toBe(1); // 'em' once (emma)
    expect(N.index(stoi('a'), 0).item()).toBe(5); // all five names end in 'a'
    expect(N.sum().item()).toBe(words.reduce((s, w) => s + w.length + 1, 0));
  });

  it('an index tensor that is a view with an offset (or strides) is read as its own elements', () => {
    const x = tensor([10, 11, 12, 13]);
    const idx = tensor([3, 2, 1, 0]);
    expect(x.index(idx.narrow(0, 1, 2)).tolist()).toEqual([12, 11]);
    expect(x.index(idx.index(slice(null, null, 2))).tolist()).toEqual([13, 11]);
    expect(x.index(idx.index(slice(1, null, 2))).tolist()).toEqual([12, 10]);
  });

  it('backward of an index reads the incoming gradient row-major, also when it is a view with an offset', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'float32', requiresGrad: true });
    const y = x.index(arange(2), tensor([2, 0])); // [3, 4]
    y.backward(tensor([99, 10, 20], { dtype: 'float32' }).narrow(0, 1, 2)); // the gradient [10, 20] sits at offset 1
    expect(x.grad!.tolist()).toEqual([[0, 0, 10], [20, 0, 0]]);
  });

  it('a 0-d int tensor index is an integer, as in PyTorch: x.index(tensor(1)) is a view of the row', () => {
    const x = tensor([[1, 2], [3, 4]]);
    const r = x.index(tensor(1));
    expect(r.tolist()).toEqual([3, 4]);
    expect(r.storage).toBe(x.storage);
  });
});

