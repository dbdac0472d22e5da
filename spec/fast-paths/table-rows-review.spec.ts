/**
 * Review of table rows (engine/fast/table-rows.ts, one-entry-rows.ts, distinct-rows-backward.ts,
 * one-hot-table-matmul.ts, docs/tensor.md §8): the suspicions a code review raised, each turned
 * into a check. Every check compares table rows off (`setTableRows(false)`) with table rows on at
 * threshold 0 (every size takes the path), bit for bit (−0 is not +0; every NaN counts as one
 * value: the engine defines no payloads), or with an independent plain loop written here; the
 * memory checks use tidy/keep/Storage.wrap and then reuse the released memory (`churn`) to catch a
 * buffer given back while still reachable. One check was a finding (an `it.fails` until the engine
 * was fixed): a deferred result too large to exist was not the error it is with table rows off.
 */
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Storage, Tensor, arange, keep, oneHot, setFloat32Arithmetic, tidy } from '../../engine/index.js';
import { setTableRows, tableRowsOf } from '../../engine/fast/table-rows.js';
import { oneEntryRowsOf } from '../../engine/fast/one-entry-rows.js';
import { Linear, crossEntropy } from '../../nn/index.js';
import { tableRowsBothWays, tensorBits } from '../support/table-rows-both-ways.js';

afterEach(() => setTableRows(true));

const ints = (v: readonly number[]) => Tensor.fromArray(Int32Array.from(v), [v.length], 'int32');
const f32 = (v: readonly number[], shape: number[]) => Tensor.fromArray(Float32Array.from(v), shape);

const bits = tensorBits;
const bothWays = tableRowsBothWays;

/** float32 values that stress exact sums: units, powers of two far apart, subnormals, signed zeros. */
const hardValue = fc.oneof(
  { weight: 3, arbitrary: fc.double({ min: -4, max: 4, noNaN: true }).map(Math.fround) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0, -0, 1, -1, 3, 2 ** -24, -(2 ** -24), 2 ** 24, 16777215, -16777215, 2 ** 100, -(2 ** 104), 0.1, -0.3,
      1e-45, -1e-45, 3 * 2 ** -149, 2 ** -126, 2 ** -127, Math.fround(1 + 2 ** -23), 2 ** 60, 2 ** -60,
    ).map(Math.fround),
  },
);

/** hardValue, and now and then a NaN or an infinity. */
const edgeValue = fc.oneof({ weight: 8, arbitrary: hardValue }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) });

/**
 * `Aᵀ · G` by the definition in ops/matmul.ts (`plainGemm`), written out independently: from +0, p
 * in order, float64 sums rounded once when the shape asks for it (`K·m ≤ 4096` and `n > 4K`), else
 * every product and sum rounded to float32. A = oneHot(xs, K) as float32, G = [n, m].
 */
function naiveOneHotTransposedProduct(xs: number[], K: number, G: Float32Array, m: number): Float32Array {
  const n = xs.length, f64 = K * m <= 4096 && n > 4 * K, r = f64 ? (v: number) => v : Math.fround;
  const out = new Float32Array(K * m);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < m; j++) {
      let acc = 0;
      for (let p = 0; p < n; p++) acc = r(acc + r((xs[p] === i ? 1 : 0) * G[p * m + j]));
      out[i * m + j] = acc;
    }
  }
  return out;
}

describe('xencᵀ · G from the tables (one-hot-table-matmul.ts: exactSum and its fallback)', () => {
  // G = oneHot(ys, R).float() @ T is table rows whose table is T (−0 made +0); xenc = oneHot(xs, K).float()
  const problem = fc.record({
    K: fc.integer({ min: 1, max: 5 }),
    R: fc.integer({ min: 1, max: 4 }),
    m: fc.integer({ min: 1, max: 3 }),
    n: fc.integer({ min: 2, max: 40 }), // n ≤ 4K: float32 sums; n > 4K: float64 sums (both happen)
    seed: fc.array(fc.nat(), { minLength: 80, maxLength: 80 }),
    T: fc.array(hardValue, { minLength: 12, maxLength: 12 }),
  });

  it('the same bits as table rows off and as the definition, float32 and float64 sums, both ways', () => {
    fc.assert(fc.property(problem, ({ K, R, m, n, seed, T }) => {
      const xs = Array.from({ length: n }, (_, p) => seed[p] % K), ys = Array.from({ length: n }, (_, p) => seed[40 + p] % R);
      const table = f32(T.slice(0, R * m), [R, m]);
      const G = Float32Array.from({ length: n * m }, (_, k) => T[ys[Math.floor(k / m)] * m + (k % m)] + 0); // −0 + 0 = +0, as the product gives
      const expected = bits(f32(Array.from(naiveOneHotTransposedProduct(xs, K, G, m)), [K, m]));
      const o = bothWays(() => {
        const g = oneHot(ints(ys), R).float().matmul(table);
        const xenc = oneHot(ints(xs), K).float();
        return [xenc.T.matmul(g)];
      });
      expect(o.off).toEqual([expected]);
      expect(o.on).toEqual(o.off);
    }), { numRuns: 300 });
  });

  it('is taken (not vacuous): both operands are table rows at threshold 0 when the rows repeat', () => {
    setTableRows(true, 0);
    const g = oneHot(ints([0, 1, 0, 1, 1]), 2).float().matmul(f32([1, 2, 3, 4], [2, 2]));
    expect(tableRowsOf(g)).not.toBeNull();
    expect(tableRowsOf(oneHot(ints([0, 0, 1, 1, 0]), 2).float())).not.toBeNull();
  });

  it('float32 sums where the order rounds twice: 1 + (1+u) + (1+u) is 3 in order, 3+2u exactly (exactSum must refuse)', () => {
    // K = 1, n = 3 ≤ 4K: float32 sums. fl(1 + (1+u)) = 2 (a tie, to even), fl(2 + (1+u)) = 3 (a tie, to
    // even), while the exact sum 3 + 2u is a float32: a bound one binade too loose (2^(e+25)) takes it
    const u = 2 ** -23, T = [1, 1 + u], xs = [0, 0, 0], ys = [0, 1, 1];
    const G = Float32Array.from(ys, (y) => T[y]);
    const expected = naiveOneHotTransposedProduct(xs, 1, G, 1);
    expect(expected[0]).toBe(3); // the definition's value, by hand above
    const o = bothWays(() => [oneHot(ints(xs), 1).float().T.matmul(oneHot(ints(ys), 2).float().matmul(f32(T, [2, 1])))]);
    expect(o.off).toEqual([bits(f32([3], [1, 1]))]);
    expect(o.on).toEqual(o.off);
  });
});

/** Reuse released memory: fill fresh large buffers of every size just used with a marker value. */
function churn(sizes: number[]): void {
  tidy(() => {
    for (let k = 0; k < 3; k++) for (const s of sizes) Tensor.fromArray(new Float32Array(s), [s]).add(7777);
  });
}

describe('memory: a table or a deferred storage is never given back while it is reachable', () => {
  const n = 6000, C = 27; // [6000, 27] float32 = 648 KB: tracked (≥ 64 KiB) at the default threshold
  const xs = Array.from({ length: n }, (_, i) => (i * 5) % C);
  const W = f32(Array.from({ length: C * C }, (_, i) => Math.fround(Math.cos(i))), [C, C]);
  const expectedLogits = () => {
    setTableRows(false);
    try { return bits(oneHot(ints(xs), C).float().matmul(W)); } finally { setTableRows(true); }
  };

  it('a deferred tensor made outside tidy and first read inside it (its buffer then made there) stays valid after', () => {
    const expected = expectedLogits();
    const logits = oneHot(ints(xs), C).float().matmul(W); // deferred, made outside any scope: untracked
    expect(tableRowsOf(logits)).not.toBeNull();
    tidy(() => { void logits.storage.data; }); // written out inside a scope
    churn([n * C]);
    expect(bits(logits)).toEqual(expected);
  });

  it('table rows returned from tidy, their (large) table made inside it, stay valid after', () => {
    const wide = 700; // the table [27, 700] float32 = 75.6 KB: itself a large, tracked allocation
    const Ww = f32(Array.from({ length: C * wide }, (_, i) => Math.fround(Math.sin(i))), [C, wide]);
    setTableRows(false);
    const expected = bits(oneHot(ints(xs.slice(0, 1000)), C).float().matmul(Ww).exp());
    setTableRows(true);
    const out = tidy(() => oneHot(ints(xs.slice(0, 1000)), C).float().matmul(Ww).exp());
    expect(tableRowsOf(out)).not.toBeNull();
    churn([C * wide, 1000 * wide]);
    expect(bits(out)).toEqual(expected);
  });

  it('Storage.wrap of a deferred storage\'s data inside tidy, and keep(): neither given back', () => {
    const expected = expectedLogits();
    const [wrapped, kept] = (() => {
      let w: Tensor | null = null, k: Tensor | null = null;
      tidy(() => {
        const a = oneHot(ints(xs), C).float().matmul(W);
        w = new Tensor(Storage.wrap(a.storage.data), [n, C]);
        k = keep(oneHot(ints(xs), C).float().matmul(W));
      });
      return [w!, k!];
    })();
    churn([n * C]);
    expect(bits(wrapped)).toEqual(expected);
    expect(bits(kept)).toEqual(expected);
  });

  it('a deferred storage created in tidy and not returned is released: reading it is the usual error', () => {
    let leaked: Tensor | null = null;
    tidy(() => { leaked = oneHot(ints(xs), C).float().matmul(W); });
    expect(leaked!.storage.released).toBe(true);
    expect(() => leaked!.storage.data).toThrow(/released/);
  });
});

/** The lecture's chain on n examples of C classes: W's gradient (with its groups path) and the loss. */
function lectureStep(xs: number[], ys: number[], C: number, W: number[], twice: boolean): (Tensor | null)[] {
  const w = f32(W, [C, C]).requiresGrad_();
  const xenc = oneHot(ints(xs), C).float();
  const counts = xenc.matmul(w).exp();
  const probs = counts.div(counts.sum(1, true));
  const loss = probs.index(arange(xs.length), ints(ys)).log().mean().neg();
  loss.backward({ retainGraph: twice });
  if (twice) loss.backward();
  return [loss, w.grad, probs];
}

describe('the lecture chain: the softmax backward on distinct rows and W.grad from the groups', () => {
  const problem = fc.integer({ min: 2, max: 6 }).chain((C) => fc.record({
    C: fc.constant(C),
    xs: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: 2, maxLength: 50 }),
    seed: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: 50, maxLength: 50 }),
    W: fc.array(hardValue.filter((v) => Math.abs(v) < 50), { minLength: 36, maxLength: 36 }),
    twice: fc.boolean(),
  }));

  it('loss, W.grad (once, and accumulated by a second backward through the retained graph) and probs: same bits', () => {
    fc.assert(fc.property(problem, ({ C, xs, seed, W, twice }) => {
      const ys = xs.map((_, i) => seed[(i * 7) % 50]);
      const o = bothWays(() => lectureStep(xs, ys, C, W.slice(0, C * C), twice));
      expect(o.on).toEqual(o.off);
    }), { numRuns: 150 });
  });

  it('is taken: probs is table rows (its backward\'s path is checked by breaking it, see the report)', () => {
    setTableRows(true, 0);
    const counts = oneHot(ints([0, 1, 1, 0, 1]), 2).float().matmul(f32([0.5, -1, 2, 0.25], [2, 2])).exp();
    expect(tableRowsOf(counts.div(counts.sum(1, true)))).not.toBeNull();
  });
});

describe('random chains of row-wise ops on a one-hot encoding: every intermediate and gradient, same bits', () => {
  type Op = (x: Tensor, v: Tensor, W: Tensor, ys: Tensor) => Tensor;
  // each op keeps a tensor of rows [n, ...]: table rows when its operand is, or written out
  const ops: Record<string, Op> = {
    float: (x) => x.float(),
    double: (x) => x.double(),
    int: (x) => x.int(),
    exp: (x) => x.exp(),
    log: (x) => x.log(),
    neg: (x) => x.neg(),
    tanh: (x) => x.tanh(),
    sigmoid: (x) => x.sigmoid(),
    relu: (x) => x.relu(),
    abs: (x) => x.abs(),
    sqrt: (x) => x.sqrt(),
    square: (x) => x.pow(2),
    addScalar: (x) => x.add(0.1),
    mulRowVector: (x, v) => (x.ndim === 2 ? x.mul(v.to(x.dtype === 'int32' ? 'float32' : x.dtype)) : x.mul(3)),
    maxRowVector: (x, v) => (x.ndim === 2 && x.dtype !== 'int32' ? x.maximum(v.to(x.dtype)) : x),
    divRowSum: (x) => (x.ndim === 2 && x.dtype !== 'int32' ? x.div(x.sum(1, true)) : x),
    subSelf: (x) => x.sub(x.mul(0.5)),
    sum1: (x) => (x.ndim === 2 ? x.sum(1) : x),
    sum1keep: (x) => (x.ndim === 2 ? x.sum(-1, true) : x),
    matmulW: (x, _v, W) => (x.ndim === 2 && x.dtype === 'float32' && x.shape[1] === W.shape[0] ? x.matmul(W) : x),
    mv: (x, v) => (x.ndim === 2 && x.dtype === 'float32' && x.shape[1] === v.shape[0] ? x.matmul(v).unsqueeze(1) : x),
    remainder: (x) => (x.dtype === 'bool' ? x : x.remainder(x.dtype === 'int32' ? 2 : 0.75)),
    eq0: (x) => x.eq(0),
    outer: (x, _v, W) => (x.ndim === 2 && x.dtype === 'float32' && x.shape[1] === 1 ? x.add(W.reshape([-1])) : x), // [n,1] + [C·C]
    picked: (x, _v, _W, ys) => (x.ndim === 2 && x.dtype === 'float32' && x.shape[1] > 0 ? x.index(arange(x.shape[0]), ys.remainder(x.shape[1])).unsqueeze(1) : x),
    rowsPicked: (x, _v, _W, ys) => x.index(ys.remainder(x.shape[0])),
  };
  const names = Object.keys(ops);

  const problem = fc.integer({ min: 2, max: 5 }).chain((C) => fc.record({
    C: fc.constant(C),
    xs: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: 2, maxLength: 30 }),
    ys: fc.array(fc.integer({ min: 0, max: 24 }), { minLength: 30, maxLength: 30 }),
    v: fc.array(edgeValue, { minLength: C, maxLength: C }),
    W: fc.array(edgeValue, { minLength: C * C, maxLength: C * C }),
    chain: fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 6 }),
    grad: fc.boolean(),
  }));

  it('forward values (every step) and, for float32 results, the gradient of W through a sum', () => {
    fc.assert(fc.property(problem, ({ C, xs, ys, v, W, chain, grad }) => {
      const o = bothWays(() => {
        const w = f32(W, [C, C]).requiresGrad_();
        const vt = f32(v, [C]);
        const yt = ints(ys.slice(0, xs.length));
        let x = oneHot(ints(xs), C);
        const seen: Tensor[] = [];
        for (const name of chain) {
          x = ops[name](x, vt, w, yt);
          seen.push(x);
        }
        if (grad && x.requiresGrad && x.dtype === 'float32') x.sum().backward();
        return [...seen, w.grad];
      });
      expect(o.on).toEqual(o.off);
    }), { numRuns: 400 });
  });
});

describe('table rows @ W: the sums of the full product\'s shape (float64Sums), not the table\'s', () => {
  it('[5, 12] rows over 2 table rows @ [12, 1]: float32 sums for 5 rows (12 ≤ 4·5), float64 ones would be taken for 2', () => {
    // x[i] = a[xs[i]] + c: a one-hot column plus a row of values whose float32 and float64 sums differ
    const c = [1, 2 ** -24, 2 ** -24, 2 ** -24, -1, 2 ** -24, 3, 2 ** -25, 2 ** -25, -3, 0.5, 2 ** -26];
    const xs = [0, 1, 0, 1, 1];
    const run = () => oneHot(ints(xs), 2).float().matmul(f32([1, 0], [2, 1])).add(f32(c, [12])).matmul(f32(Array(12).fill(1), [12, 1]));
    const o = bothWays(() => {
      const x = oneHot(ints(xs), 2).float().matmul(f32([1, 0], [2, 1])).add(f32(c, [12]));
      return [x, x.matmul(f32(Array(12).fill(1), [12, 1]))];
    });
    expect(o.on).toEqual(o.off);
    // the definition by hand: row i is (xs[i] = 0 ? 1 : 0) + c[j], summed in float32 from +0
    const want = xs.map((x) => c.reduce((acc, cj) => Math.fround(acc + Math.fround((x === 0 ? 1 : 0) + cj)), 0));
    expect(Array.from(run().toTypedArray())).toEqual(want);
    setTableRows(true, 0);
    expect(tableRowsOf(oneHot(ints(xs), 2).float().matmul(f32([1, 0], [2, 1])).add(f32(c, [12])))).not.toBeNull();
  });
});

describe('indices that change after the forward, bad indices, and PyTorch\'s x86 arithmetic', () => {
  const C = 4, xs = [0, 3, 3, 1, 0, 2, 3, 3, 1, 1], ys = [1, 2, 0, 0, 3, 3, 2, 1, 0, 2];
  const W = Array.from({ length: C * C }, (_, i) => Math.fround(Math.sin(3 * i) * 1.5));

  it('xs changed in place after oneHot: the encoding keeps the old rows (table rows copy the indices)', () => {
    const o = bothWays(() => {
      const xt = ints(xs);
      const enc = oneHot(xt, C);
      xt.data.fill_(2);
      return [enc, xt];
    });
    expect(o.on).toEqual(o.off);
  });

  /** The lecture's step whose ys are replaced through .data (no version bump) before backward. */
  const withYsChanged = (newYs: number[]) => bothWays(() => {
    const w = f32(W, [C, C]).requiresGrad_();
    const yt = ints(ys);
    const counts = oneHot(ints(xs), C).float().matmul(w).exp();
    const probs = counts.div(counts.sum(1, true));
    const loss = probs.index(arange(xs.length), yt).log().mean().neg();
    yt.data.copy_(ints(newYs));
    loss.backward();
    return [loss, w.grad];
  });

  it('ys changed through .data (no version bump) between forward and backward, in range: the new ys, either way', () => {
    const o = withYsChanged(ys.map((y) => (y + 1) % C));
    expect(o.on).toEqual(o.off);
  });

  it('ys changed through .data to an out-of-range value before backward: the same error either way', () => {
    const o = withYsChanged(ys.map((y, i) => (i === 4 ? C : y)));
    expect(typeof o.off).toBe('string');
    expect(o.on).toEqual(o.off);
  });

  it('probs[arange(n), ys] with an index out of range in the forward: the same error either way', () => {
    const o = bothWays(() => {
      const probs = oneHot(ints(xs), C).float().matmul(f32(W, [C, C]));
      return [probs.index(arange(xs.length), ints(ys.map((y, i) => (i === 7 ? -C - 1 : y))))];
    });
    expect(typeof o.off).toBe('string');
    expect(o.on).toEqual(o.off);
  });

  it('the lecture chain and crossEntropy under setFloat32Arithmetic(\'pytorch-x86\') (C = 9 ≥ 8: its logSoftmax): same bits either way', () => {
    const C9 = 9, xs9 = xs.map((x, i) => (x * 3 + i) % C9), ys9 = ys.map((y, i) => (y * 5 + i) % C9);
    const W9 = Array.from({ length: C9 * C9 }, (_, i) => Math.fround(Math.cos(5 * i) * 2));
    const previous = setFloat32Arithmetic('pytorch-x86');
    try {
      const o = bothWays(() => {
        const w = f32(W9, [C9, C9]).requiresGrad_();
        const [loss, gw] = lectureStep(xs9, ys9, C9, W9, false);
        const ce = crossEntropy(oneHot(ints(xs9), C9).float().matmul(w), ints(ys9));
        ce.backward();
        return [loss, gw, ce, w.grad];
      });
      expect(o.on).toEqual(o.off);
    } finally {
      setFloat32Arithmetic(previous);
    }
  });
});

describe('writes: a recipe is never read after the data changed, and no table is written in place', () => {
  const C = 3, xs = [0, 2, 2, 1, 0, 2, 1, 1];
  const W = f32([0.5, -1, 2, 0.25, 3, -0.75, 1, 1.5, -2], [C, C]);

  it('in-place writes (add_, a raw write into storage.data, a write through a view) then row-wise ops: same bits', () => {
    const o = bothWays(() => {
      const x = oneHot(ints(xs), C).float().matmul(W);
      const y = x.exp(), z = x.exp(); // two table-rows results of one source
      y.add_(1); // y written out, then written
      const x2 = x.mul(2);
      x.storage.data[4] = 100; // a raw write: no version, no writes counter
      const after = x.exp(); // must see the 100
      const v = z.index(1); // a view of row 1
      v.mul_(0); // written through the view
      return [x, y, z, x2, after, z.exp(), z.sum(1)];
    });
    expect(o.on).toEqual(o.off);
  });

  it('div\'s kept quotient written through .data before backward: the same gradient either way', () => {
    const o = bothWays(() => {
      const w = W.clone().requiresGrad_();
      const counts = oneHot(ints(xs), C).float().matmul(w).exp();
      const probs = counts.div(counts.sum(1, true));
      const loss = probs.index(arange(xs.length), ints([1, 0, 2, 2, 1, 0, 0, 1])).log().mean().neg();
      probs.data.mul_(2); // the quotient changed under the graph (no version bump)
      counts.storage.data[0] += 1; // and counts, raw
      loss.backward();
      return [loss, w.grad];
    });
    expect(o.on).toEqual(o.off);
  });
});

describe('nn: Linear with a bias and crossEntropy with label smoothing (the paths around the hooks)', () => {
  const problem = fc.integer({ min: 2, max: 6 }).chain((C) => fc.record({
    C: fc.constant(C),
    xs: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: 2, maxLength: 40 }),
    seed: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: 40, maxLength: 40 }),
    W: fc.array(edgeValue, { minLength: 36, maxLength: 36 }),
    b: fc.array(edgeValue, { minLength: 6, maxLength: 6 }),
    reduction: fc.constantFrom<'mean' | 'sum' | 'none'>('mean', 'sum', 'none'),
    smoothing: fc.constantFrom(0, 0.1, 1),
    scale: fc.constantFrom(1.5, 0, -0, Infinity), // the upstream gradient: ±0 makes nllLoss's one value −0 or +0
  }));

  it('loss, W.grad and b.grad: same bits either way', () => {
    fc.assert(fc.property(problem, ({ C, xs, seed, W, b, reduction, smoothing, scale }) => {
      const ys = xs.map((_, i) => seed[(5 * i) % 40]);
      const o = bothWays(() => {
        const layer = new Linear(C, C);
        layer.weight.data.copy_(f32(W.slice(0, C * C), [C, C]));
        layer.bias!.data.copy_(f32(b.slice(0, C), [C]));
        const loss = crossEntropy(layer.forward(oneHot(ints(xs), C).float()), ints(ys), { reduction, labelSmoothing: smoothing });
        loss.sum().mul(scale).backward();
        return [loss, layer.weight.grad, layer.bias!.grad];
      });
      expect(o.on).toEqual(o.off);
    }), { numRuns: 120 });
  });
});

describe('errors: an op whose full-size result cannot exist', () => {
  it('[70000, 1] table rows + a [70000] row: 4.9e9 elements, more than a typed array holds — "can\'t allocate memory" at the add both ways (was a finding: Storage.deferred did not check the count)', () => {
    // the full result is never allocated either way: off, allocateBuffer refuses the element count
    // before allocating; on, Storage.deferred checks it the same way (checkElementCount)
    const n = 70_000, xs = Array.from({ length: n }, (_, i) => i % 2);
    const b = f32(Array.from({ length: n }, (_, i) => i), [n]);
    const run = () => {
      try {
        const col = oneHot(ints(xs), 2).float().matmul(f32([1, 2], [2, 1])); // [n, 1], 2 distinct rows
        const sum = col.add(b); // [n, n]
        return `made ${sum.shape.join('×')}`;
      } catch (e) {
        return `${(e as Error).constructor.name}: ${(e as Error).message}`;
      }
    };
    setTableRows(false);
    const off = run();
    setTableRows(true); // the default threshold
    const on = run();
    expect(off).toMatch(/can't allocate memory/);
    expect(on).toEqual(off);
  });
});
