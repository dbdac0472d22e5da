/**
 * matmul against a naive triple loop in float64 (PyTorch's rank rules stated in `naiveMatmul`):
 * 1-D·1-D, 1-D·2-D, 2-D·1-D, 2-D·2-D and batched with broadcast batch dims, on transposed,
 * permuted, stepped and offset inputs; and the neural-net half of the notes, N16–N18.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, matmul, oneHot, tensor } from '../../engine/index.js';
import { describeIfFile, loadReference, referencePath } from '../support/shared.js';
import {
  LAYOUTS, arbArrayOf, arbBroadcastPair, at, broadcastIndex, broadcastRule, indices, materialize, sameNumber, type Layout, type NArr,
} from '../support/naive.js';

/**
 * PyTorch's matmul, naively: a 1-D left operand is a row [1, k], a 1-D right operand a column
 * [k, 1] (that dim is removed from the result); dims before the last two are batch dims and
 * broadcast; each result element is Σ_p a[.., i, p] · b[.., p, j] in float64.
 */
function naiveMatmul(A: NArr, B: NArr): { shape: number[]; terms: (idx: number[]) => [number, number][] } {
  const aRow = A.shape.length === 1, bCol = B.shape.length === 1;
  const sa = aRow ? [1, A.shape[0]] : A.shape;
  const sb = bCol ? [B.shape[0], 1] : B.shape;
  const n = sa[sa.length - 2], k = sa[sa.length - 1], m = sb[sb.length - 1];
  if (sb[sb.length - 2] !== k) throw new Error('naive: inner sizes differ');
  const batch = broadcastRule(sa.slice(0, -2), sb.slice(0, -2));
  if (!batch) throw new Error('naive: batch dims do not broadcast');
  const shape = [...batch, ...(aRow ? [] : [n]), ...(bCol ? [] : [m])];
  const terms = (idx: number[]) => {
    const bIdx = idx.slice(0, batch.length);
    const i = aRow ? 0 : idx[batch.length];
    const j = bCol ? 0 : idx[idx.length - 1];
    const out: [number, number][] = [];
    for (let p = 0; p < k; p++) {
      const ai = aRow ? [p] : [...broadcastIndex(bIdx, sa.slice(0, -2)), i, p];
      const bi = bCol ? [p] : [...broadcastIndex(bIdx, sb.slice(0, -2)), p, j];
      out.push([at(A.v, ai), at(B.v, bi)]);
    }
    return out;
  };
  return { shape, terms };
}

/** Check `got` against the naive product: float64 sums, with float32's rounding (and underflow) allowed for float32. */
function expectMatmul(got: Tensor, A: NArr, B: NArr, what: string): void {
  const { shape, terms } = naiveMatmul(A, B);
  expect(got.shape, `${what} shape`).toEqual(shape);
  const tol = got.dtype === 'float32' ? 1e-6 : got.dtype === 'float64' ? 1e-14 : 0;
  const g = got.toTypedArray();
  indices(shape).forEach((idx, i) => {
    const ts = terms(idx);
    const want = ts.reduce((s, [x, y]) => s + x * y, 0);
    const scale = ts.reduce((s, [x, y]) => s + Math.abs(x * y), 0);
    const ok = Number.isFinite(want) ? Math.abs(g[i] - want) <= tol * scale + (got.dtype === 'float32' ? 2 ** -126 : 0) : sameNumber(g[i], want); // float32 flushes tiny products
    if (!ok) throw new Error(`${what}: element [${idx}] is ${g[i]}, want ${want} (terms ${JSON.stringify(ts)})`);
  });
}

const VALUES: Record<'float32' | 'float64' | 'int32', fc.Arbitrary<number>> = {
  // with exact zeros (one-hot-like rows) and, rarely, non-finite values
  float32: fc.oneof(
    { weight: 8, arbitrary: fc.float({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true }) },
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constantFrom(1, Infinity, NaN) },
  ),
  float64: fc.double({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true }),
  int32: fc.integer({ min: -4, max: 4 }),
};

const arbDim = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 1, arbitrary: fc.constantFrom(17, 40) });
const arbLayout = fc.constantFrom<Layout>(...LAYOUTS);

/** Shapes for every rank rule: [k]·[k], [k]·[..,k,m], [..,n,k]·[k], [..,n,k]·[..,k,m] with broadcast batches. */
const arbShapes = fc
  .tuple(fc.constantFrom('1x1', '1x2', '2x1', '2x2', 'batched', '1xbatched', 'batchedx1'), arbDim, arbDim, arbDim, arbBroadcastPair(2, 3))
  .map(([kind, n, k, m, [ba, bb]]): [number[], number[]] => {
    switch (kind) {
      case '1x1': return [[k], [k]];
      case '1x2': return [[k], [k, m]];
      case '2x1': return [[n, k], [k]];
      case '2x2': return [[n, k], [k, m]];
      case '1xbatched': return [[k], [...bb, 2, k, m]];
      case 'batchedx1': return [[...ba, 2, n, k], [k]];
      default: return [[...ba, n, k], [...bb, k, m]];
    }
  })
  // keep the work small
  .filter(([a, b]) => a.reduce((p, d) => p * d, 1) <= 400 && b.reduce((p, d) => p * d, 1) <= 400);

describe('matmul vs a naive triple loop', () => {
  it('every rank rule, broadcast batch dims, any layout, float32 / float64 / int32', () => {
    fc.assert(
      fc.property(
        arbShapes.chain(([sa, sb]) => fc.constantFrom<'float32' | 'float64' | 'int32'>('float32', 'float64', 'int32').chain((dtype) =>
          fc.record({
            A: arbArrayOf(sa, VALUES[dtype]), B: arbArrayOf(sb, VALUES[dtype]), dtype: fc.constant(dtype),
            la: arbLayout, lb: arbLayout, seed: fc.nat(),
          }))),
        ({ A, B, dtype, la, lb, seed }) => {
          const a = materialize(A, dtype, la, seed), b = materialize(B, dtype, lb, seed + 1);
          const got = a.matmul(b);
          expect(got.dtype).toBe(dtype);
          expectMatmul(got, A, B, `[${A.shape}] ${la} @ [${B.shape}] ${lb} (${dtype})`);
          expect(matmul(a, b).tolist()).toEqual(got.tolist());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a transposed operand is read through its strides: (Bᵀ)ᵀ and B give the same product', () => {
    const A = tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'float32' });
    const Bt = tensor([[1, 0, 2], [0, 1, 3]], { dtype: 'float32' }); // B = Btᵀ is 3×2
    expect(A.matmul(Bt.T).tolist()).toEqual([[1 + 6, 2 + 9], [4 + 12, 5 + 18]]);
    expect(A.matmul(Bt.T).tolist()).toEqual(A.matmul(Bt.T.contiguous()).tolist());
  });

  it('1-D · 1-D is a 0-d dot product', () => {
    const d = tensor([1, 2, 3], { dtype: 'float32' }).matmul(tensor([4, 5, 6], { dtype: 'float32' }));
    expect(d.shape).toEqual([]);
    expect(d.item()).toBe(32);
  });

  it('operands of different dtypes are refused, in either order (PyTorch: "expected scalar type …")', () => {
    const f = tensor([[1, 2], [3, 4]], { dtype: 'float32' });
    const i = tensor([[1, 2], [3, 4]]);
    expect(() => i.matmul(f)).toThrow('matmul: expected both operands to have the same dtype, but got int32 and float32');
    expect(() => f.matmul(i)).toThrow('matmul: expected both operands to have the same dtype, but got float32 and int32');
    expect(() => f.matmul(f.double())).toThrow('matmul: expected both operands to have the same dtype, but got float32 and float64');
  });
});

// ---------------------------------------------------------------- the notes, N16–N18

/** N2: `.` is 0, `a`..`z` are 1..26. */
const stoi = (c: string) => (c === '.' ? 0 : c.charCodeAt(0) - 'a'.charCodeAt(0) + 1);

/** N16: the bigrams of a word wrapped in `.`: xs are the first characters, ys the next. */
function pairs(word: string): { xs: number[]; ys: number[] } {
  const chs = ['.', ...word, '.'];
  return { xs: chs.slice(0, -1).map(stoi), ys: chs.slice(1).map(stoi) };
}

/** Deterministic float32 values in [-1, 1) (a small LCG, independent of the engine's generator). */
function pseudoRandom(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.fround(s / 2 ** 31 - 1);
  });
}

describe('the neural net of the notes (N16–N18)', () => {
  const { xs, ys } = pairs('emma');

  it('N16: for emma, xs = [0,5,13,13,1] and ys = [5,13,13,1,0]', () => {
    expect(xs).toEqual([0, 5, 13, 13, 1]);
    expect(ys).toEqual([5, 13, 13, 1, 0]);
    const X = tensor(xs), Y = tensor(ys);
    expect(X.tolist()).toEqual([0, 5, 13, 13, 1]);
    expect(Y.tolist()).toEqual([5, 13, 13, 1, 0]);
  });

  it('N17: tensor(list of ints) is the integer dtype (int32 here, PyTorch int64); oneHot(xs, 27) is 5×27 int32 with one 1 per row; .float() converts', () => {
    const X = tensor(xs);
    expect(X.dtype).toBe('int32');
    const xenc = oneHot(X, 27);
    expect(xenc.shape).toEqual([5, 27]);
    expect(xenc.dtype).toBe('int32');
    const rows = xenc.tolist() as number[][];
    rows.forEach((row, i) => {
      expect(row.filter((v) => v !== 0)).toEqual([1]); // exactly one 1 …
      expect(row.indexOf(1)).toBe(xs[i]); // … at xs[i]
    });
    const f = xenc.float();
    expect(f.dtype).toBe('float32');
    expect(f.tolist()).toEqual(rows);
  });

  it('N18: one neuron: W is 27×1 and xenc @ W is 5×1, row i being W[xs[i]]', () => {
    const w = pseudoRandom(27, 1);
    const W = Tensor.fromArray(Float32Array.from(w), [27, 1]);
    const out = oneHot(tensor(xs), 27).float().matmul(W);
    expect(out.shape).toEqual([5, 1]);
    expect(out.tolist()).toEqual(xs.map((x) => [w[x]]));
  });

  it('N18: 27 neurons: xenc @ W is 5×27; element [3,13] is the dot of row 3 of xenc with column 13 of W', () => {
    const w = pseudoRandom(27 * 27, 2);
    const W = Tensor.fromArray(Float32Array.from(w), [27, 27]);
    const xenc = oneHot(tensor(xs), 27).float();
    const out = xenc.matmul(W);
    expect(out.shape).toEqual([5, 27]);
    const row3 = (xenc.tolist() as number[][])[3];
    const dot = row3.reduce((s, v, k) => s + v * w[k * 27 + 13], 0);
    expect(out.index(3, 13).item()).toBe(Math.fround(dot));
    expect(out.index(3, 13).item()).toBe(w[xs[3] * 27 + 13]); // the one-hot row picks W[13, 13]
  });
});

describeIfFile(referencePath('torch/lecture.json'), 'N18/N19 against PyTorch (lecture.json)', () => {
  it('N19: softmax of xenc @ W_init for emma equals the recorded probs (float32, within 1e-6)', () => {
    const ref = loadReference<{ emma_xs: number[]; W_init: number[][]; emma_probs: number[][] }>('torch/lecture.json');
    const W = Tensor.fromArray(Float32Array.from(ref.W_init.flat()), [27, 27]);
    const logits = oneHot(tensor(ref.emma_xs), 27).float().matmul(W);
    const counts = logits.exp();
    const probs = counts.div(counts.sum(1, true));
    const got = probs.tolist() as number[][];
    got.forEach((row, i) => row.forEach((p, j) => expect(Math.abs(p - ref.emma_probs[i][j])).toBeLessThanOrEqual(1e-6 * ref.emma_probs[i][j] + 1e-9)));
  });
});

