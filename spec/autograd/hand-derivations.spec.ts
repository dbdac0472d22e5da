/**
 * Gradients derived by hand, each checked on random inputs against its closed form computed
 * independently with plain loops on JS arrays (never with the engine's backward or ops).
 * Includes the lecture's loss (notes N19–N22) and its regularisation (N21).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arange, oneHot, Tensor, zeros, type DType } from '../../engine/index.js';
import {
  expectClose, flat, fromValues, matmulLoops, numel, rng, rows, seedArb, shapeArb, transposeLoops, values, type Matrix,
} from '../support/autograd-helpers.js';

const RUNS = { numRuns: 40 } as const;

/** float64 gradients are compared to the loops' results to 1e-12 relative. */
function expectGrad(t: Tensor, expected: readonly number[], rtol = 1e-12): void {
  expect(t.grad, 'gradient').not.toBeNull();
  expect(t.grad!.shape).toEqual(t.shape);
  expectClose(flat(t.grad!), expected, rtol, 'gradient');
}

describe('elementwise derivatives (random inputs, closed forms with loops)', () => {
  const caseArb = fc.tuple(shapeArb(0, 3), seedArb);

  it('d exp(x)/dx = exp(x)', () => {
    fc.assert(
      fc.property(caseArb, ([shape, seed]) => {
        const v = values(numel(shape), seed);
        const x = fromValues(v, shape, 'float64', true);
        x.exp().sum().backward();
        expectGrad(x, v.map((xi) => Math.exp(xi)));
      }),
      RUNS,
    );
  });

  it('d log(x)/dx = 1/x', () => {
    fc.assert(
      fc.property(caseArb, ([shape, seed]) => {
        const v = values(numel(shape), seed, 'positive');
        const x = fromValues(v, shape, 'float64', true);
        x.log().sum().backward();
        expectGrad(x, v.map((xi) => 1 / xi));
      }),
      RUNS,
    );
  });

  it('d x^k/dx = k·x^(k−1) (k = −2, −1, 0.5, 1, 2, 3, 4.5)', () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom(-2, -1, 0.5, 1, 2, 3, 4.5), ([shape, seed], k) => {
        const v = values(numel(shape), seed, 'positive');
        const x = fromValues(v, shape, 'float64', true);
        x.pow(k).sum().backward();
        expectGrad(x, v.map((xi) => k * xi ** (k - 1)));
      }),
      RUNS,
    );
  });

  it('upstream gradients multiply in: d Σ G·exp(x) = G·exp(x), d Σ G·tanh(x) = G·(1 − tanh²x)', () => {
    fc.assert(
      fc.property(caseArb, seedArb, ([shape, seed], gseed) => {
        const v = values(numel(shape), seed);
        const G = values(numel(shape), gseed);
        const x = fromValues(v, shape, 'float64', true);
        x.exp().mul(fromValues(G, shape)).sum().backward();
        expectGrad(x, v.map((xi, i) => G[i] * Math.exp(xi)));
        const y = fromValues(v, shape, 'float64', true);
        y.tanh().backward(fromValues(G, shape));
        expectGrad(y, v.map((xi, i) => G[i] * (1 - Math.tanh(xi) ** 2)));
      }),
      RUNS,
    );
  });
});

describe('reductions (random inputs, closed forms with loops)', () => {
  it('d sum(x) = ones', () => {
    fc.assert(
      fc.property(shapeArb(0, 3), seedArb, (shape, seed) => {
        const x = fromValues(values(numel(shape), seed), shape, 'float64', true);
        x.sum().backward();
        expectGrad(x, new Array<number>(numel(shape)).fill(1));
      }),
      RUNS,
    );
  });

  it('d mean(x) = 1/n', () => {
    fc.assert(
      fc.property(shapeArb(0, 3), seedArb, (shape, seed) => {
        const n = numel(shape);
        const x = fromValues(values(n, seed), shape, 'float64', true);
        x.mean().backward();
        expectGrad(x, new Array<number>(n).fill(1 / n));
      }),
      RUNS,
    );
  });

  it('d Σ G·sum(x, 1, keepdim) = G[i] copied along dim 1; d Σ G·mean(x, 0) = G[j]/rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), seedArb, (n, m, seed) => {
        const v = values(n * m, seed);
        const Gr = values(n, seed + 1);
        const Gc = values(m, seed + 2);
        const x = fromValues(v, [n, m], 'float64', true);
        x.sum(1, true).mul(fromValues(Gr, [n, 1])).sum().backward();
        const e1: number[] = [];
        for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) e1.push(Gr[i]);
        expectGrad(x, e1);
        const y = fromValues(v, [n, m], 'float64', true);
        y.mean(0).mul(fromValues(Gc, [m])).sum().backward();
        const e2: number[] = [];
        for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) e2.push(Gc[j] / n);
        expectGrad(y, e2);
      }),
      RUNS,
    );
  });
});

describe('matmul: C = A @ B with loss sum(C * G)', () => {
  it('dA = G·Bᵀ and dB = Aᵀ·G (random n, k, m; loops)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), seedArb, (n, k, m, seed) => {
        const a = values(n * k, seed), b = values(k * m, seed + 1), g = values(n * m, seed + 2);
        const A = fromValues(a, [n, k], 'float64', true);
        const B = fromValues(b, [k, m], 'float64', true);
        A.matmul(B).mul(fromValues(g, [n, m])).sum().backward();
        const Gm = rows(g, m), Am = rows(a, k), Bm = rows(b, m);
        expectGrad(A, matmulLoops(Gm, transposeLoops(Bm)).flat());
        expectGrad(B, matmulLoops(transposeLoops(Am), Gm).flat());
      }),
      RUNS,
    );
  });

  it('the same in float32 (the lecture dtype), to float32 accuracy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), seedArb, (n, k, m, seed) => {
        const a = values(n * k, seed), b = values(k * m, seed + 1), g = values(n * m, seed + 2);
        const A = fromValues(a, [n, k], 'float32', true);
        const B = fromValues(b, [k, m], 'float32', true);
        A.matmul(B).mul(fromValues(g, [n, m], 'float32')).sum().backward();
        const Gm = rows(g, m), Am = rows(a, k), Bm = rows(b, m);
        expect(A.grad!.dtype).toBe('float32');
        expectClose(flat(A.grad!), matmulLoops(Gm, transposeLoops(Bm)).flat(), 1e-6, 'dA');
        expectClose(flat(B.grad!), matmulLoops(transposeLoops(Am), Gm).flat(), 1e-6, 'dB');
      }),
      RUNS,
    );
  });
});

describe('broadcasting: a broadcast operand gets the sum over the broadcast dims', () => {
  it('a[n,m] + b[m]: db[j] = Σ_i G[i][j];  a[n,m] + c[n,1]: dc[i] = Σ_j G[i][j]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), seedArb, (n, m, seed) => {
        const g = values(n * m, seed + 9);
        const a = fromValues(values(n * m, seed), [n, m], 'float64', true);
        const b = fromValues(values(m, seed + 1), [m], 'float64', true);
        const c = fromValues(values(n, seed + 2), [n, 1], 'float64', true);
        a.add(b).add(c).mul(fromValues(g, [n, m])).sum().backward();
        const db = new Array<number>(m).fill(0), dc = new Array<number>(n).fill(0);
        for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) { db[j] += g[i * m + j]; dc[i] += g[i * m + j]; }
        expectGrad(b, db);
        expectGrad(c, dc);
        expectGrad(a, g);
      }),
      RUNS,
    );
  });

  it('a[p,n,m] · b[n,1]: db[i] = Σ_{q,j} G[q][i][j]·a[q][i][j]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), seedArb, (p, n, m, seed) => {
        const av = values(p * n * m, seed), bv = values(n, seed + 1), g = values(p * n * m, seed + 2);
        const a = fromValues(av, [p, n, m], 'float64', true);
        const b = fromValues(bv, [n, 1], 'float64', true);
        a.mul(b).mul(fromValues(g, [p, n, m])).sum().backward();
        const db = new Array<number>(n).fill(0);
        const da: number[] = [];
        for (let q = 0; q < p; q++) for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
          const at = (q * n + i) * m + j;
          db[i] += g[at] * av[at];
          da.push(g[at] * bv[i]);
        }
        expectGrad(b, db);
        expectGrad(a, da);
      }),
      RUNS,
    );
  });

  it('the notes\' N12 division: P / P.sum(1, keepdim) gives each row sum a gradient −Σ_j G·P/s²', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), seedArb, (n, m, seed) => {
        const pv = values(n * m, seed, 'positive'), g = values(n * m, seed + 1);
        const P = fromValues(pv, [n, m], 'float64', true);
        const s = P.sum(1, true).retainGrad();
        P.div(s).mul(fromValues(g, [n, m])).sum().backward();
        const ds: number[] = [], dP: number[] = [];
        const sums = rows(pv, m).map((r) => r.reduce((x, y) => x + y, 0));
        for (let i = 0; i < n; i++) {
          let acc = 0;
          for (let j = 0; j < m; j++) acc -= (g[i * m + j] * pv[i * m + j]) / sums[i] ** 2;
          ds.push(acc);
        }
        // dP[i][j] = G[i][j]/s_i + ds_i (every element also feeds its row sum)
        for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) dP.push(g[i * m + j] / sums[i] + ds[i]);
        expectGrad(s, ds, 1e-10);
        expectGrad(P, dP, 1e-10);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------- the lecture's loss (N19–N22)

const V = 27;

/**
 * The lecture's forward pass, written as the lecture writes it: one-hot inputs, logits
 * `xenc @ W`, softmax as `exp` and division by `sum(1, keepdim=True)`, the probabilities of the
 * correct next characters gathered with `index(arange(n), ys)`, the mean negative log, plus
 * `0.01 * (W**2).mean()`.
 */
function lectureLoss(W: Tensor, xs: number[], ys: number[], dtype: DType): { loss: Tensor; probs: Tensor } {
  const n = xs.length;
  const xenc = oneHot(fromValues(xs, [n], 'int32'), V).to(dtype);
  const logits = xenc.matmul(W);
  const counts = logits.exp();
  const probs = counts.div(counts.sum(1, true));
  const loss = probs.index(arange(n), fromValues(ys, [n], 'int32')).log().mean().neg().add(W.pow(2).mean().mul(0.01));
  return { loss, probs };
}

/** Loss and dL/dW by plain loops: dW = xencᵀ(probs − onehot(ys))/n + 0.02·W/numel(W). */
function lectureLoops(w: readonly number[], xs: number[], ys: number[]): { loss: number; probs: Matrix; dW: number[] } {
  const n = xs.length;
  const W = rows(w, V);
  const xenc: Matrix = xs.map((x) => Array.from({ length: V }, (_, j) => (j === x ? 1 : 0)));
  const logits = matmulLoops(xenc, W);
  const probs = logits.map((row) => {
    const e = row.map(Math.exp);
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  });
  let nll = 0;
  for (let i = 0; i < n; i++) nll -= Math.log(probs[i][ys[i]]);
  let sq = 0;
  for (const v of w) sq += v * v;
  const loss = nll / n + (0.01 * sq) / w.length;
  const dlogits = probs.map((row, i) => row.map((p, j) => (p - (j === ys[i] ? 1 : 0)) / n));
  const dW = matmulLoops(transposeLoops(xenc), dlogits).flat().map((v, k) => v + (0.02 * w[k]) / w.length);
  return { loss, probs, dW };
}

function randomBigrams(n: number, seed: number): { xs: number[]; ys: number[] } {
  const r = rng(seed);
  const xs = Array.from({ length: n }, () => Math.floor(r() * V));
  const ys = Array.from({ length: n }, () => Math.floor(r() * V));
  return { xs, ys };
}

describe('the lecture\'s loss: L = −mean(log softmax(xenc @ W)[i, ys[i]]) + 0.01·mean(W²)', () => {
  it('dL/dW = xencᵀ(probs − onehot(ys))/n + 0.02·W/numel(W) (float64, random W and bigrams, loops)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), seedArb, seedArb, (n, wseed, dseed) => {
        const { xs, ys } = randomBigrams(n, dseed);
        const w = values(V * V, wseed);
        const W = fromValues(w, [V, V], 'float64', true);
        const { loss } = lectureLoss(W, xs, ys, 'float64');
        expect(loss.shape).toEqual([]);
        expect(loss.gradFn?.name).toBe('AddBackward0');
        loss.backward();
        const ref = lectureLoops(w, xs, ys);
        expect(loss.item()).toBeCloseTo(ref.loss, 12);
        expectGrad(W, ref.dW, 1e-11);
      }),
      { numRuns: 30 },
    );
  });

  it('the same in float32, as the lecture runs it (float32 accuracy)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), seedArb, seedArb, (n, wseed, dseed) => {
        const { xs, ys } = randomBigrams(n, dseed);
        const w = values(V * V, wseed);
        const W = fromValues(w, [V, V], 'float32', true);
        const { loss } = lectureLoss(W, xs, ys, 'float32');
        expect(loss.dtype).toBe('float32');
        loss.backward();
        const ref = lectureLoops(w, xs, ys);
        expect(Math.abs(loss.item() - ref.loss)).toBeLessThan(1e-5 * (1 + ref.loss));
        expect(W.grad!.dtype).toBe('float32');
        expectClose(flat(W.grad!), ref.dW, 1e-5, 'dL/dW');
      }),
      { numRuns: 30 },
    );
  });

  it('the probabilities are the softmax of xenc @ W, and every row sums to 1 (N19)', () => {
    const { xs, ys } = randomBigrams(5, 3);
    const w = values(V * V, 17);
    const { probs } = lectureLoss(fromValues(w, [V, V], 'float64', true), xs, ys, 'float64');
    const ref = lectureLoops(w, xs, ys);
    expect(probs.shape).toEqual([5, V]);
    expectClose(flat(probs), ref.probs.flat(), 1e-12, 'probs');
    for (const row of probs.tolist() as number[][]) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('regularisation (N21): with W = 0 the loss is ln 27 and the probabilities are uniform', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const { xs, ys } = randomBigrams(11, 5);
      const W = zeros([V, V], { dtype, requiresGrad: true });
      const { loss, probs } = lectureLoss(W, xs, ys, dtype);
      const tol = dtype === 'float32' ? 1e-6 : 1e-14;
      expect(Math.abs(loss.item() - Math.log(27))).toBeLessThan(tol);
      for (const p of flat(probs)) expect(Math.abs(p - 1 / 27)).toBeLessThan(tol);
      // the gradient at W = 0: xencᵀ(1/27 − onehot(ys))/n (the penalty's gradient vanishes)
      loss.backward();
      expectClose(flat(W.grad!), lectureLoops(new Array<number>(V * V).fill(0), xs, ys).dW, dtype === 'float32' ? 1e-6 : 1e-13, 'dL/dW at 0');
    }
  });

  it('regularisation pulls W toward 0: the penalty\'s gradient alone is 0.02·W/729', () => {
    const w = values(V * V, 23);
    const W = fromValues(w, [V, V], 'float64', true);
    W.pow(2).mean().mul(0.01).backward();
    expectGrad(W, w.map((v) => (0.02 * v) / (V * V)));
  });
});
