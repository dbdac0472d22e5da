/**
 * The one-pass row loops of `logSoftmax(x, 1)`, its backward and `nllLoss` (engine/ops/
 * log-softmax-rows.ts) give the bits of the chain of engine ops they replace (the chain nn's
 * softmax.ts and losses.ts run for any other layout): random shapes and values, with NaN, ±inf,
 * ±0 and huge values mixed in, rows of every length around the cascade sum's 8-lane blocks, and a
 * view with an offset. Also through crossEntropy: the loss and the gradient of a contiguous input
 * equal those of the same values given as a transposed copy (which takes the chain).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, arange, logSoftmaxRows, logSoftmaxRowsBackward, nllRows, noGrad, tensor } from '../../engine/index.js';
import { crossEntropy } from '../../nn/index.js';

/** Bit patterns (NaN as NaN, −0 told from +0). */
const bits = (t: Tensor) => Array.from(t.toTypedArray(), (x) => (Object.is(x, -0) ? '-0' : String(x)));

/** The chain of softmax.ts: z = x − max(x, 1); z − log(Σ exp z). */
const chainForward = (x: Tensor) => noGrad(() => {
  const z = x.sub(x.max(1, true).values);
  return z.sub(z.exp().sum(1, true).log());
});
/** The chain of softmax.ts's backward: g − exp(out) · Σ g. */
const chainBackward = (g: Tensor, out: Tensor) => noGrad(() => g.sub(out.exp().mul(g.sum(1, true))));
/** The chain of losses.ts: −logProbs[i, y_i], reduced. */
const chainNll = (lp: Tensor, ys: Tensor, reduction: 'mean' | 'sum') => noGrad(() => {
  const picked = lp.index(arange(lp.shape[0]), ys).neg();
  return reduction === 'mean' ? picked.mean() : picked.sum();
});

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 3e38, -3e38, 1e-40];
const value = fc.oneof(
  { weight: 20, arbitrary: fc.float({ min: -30, max: 30, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(...SPECIAL) },
);
const matrix = fc.record({ n: fc.integer({ min: 1, max: 9 }), c: fc.integer({ min: 1, max: 40 }) }).chain(({ n, c }) =>
  fc.record({
    n: fc.constant(n), c: fc.constant(c),
    x: fc.array(value, { minLength: n * c, maxLength: n * c }),
    g: fc.array(value, { minLength: n * c, maxLength: n * c }),
    ys: fc.array(fc.integer({ min: 0, max: c - 1 }), { minLength: n, maxLength: n }),
  }));

describe('logSoftmax / nllLoss row loops equal the chain of ops, bit for bit', () => {
  it('forward, backward and both reductions, random matrices with special values', () => {
    fc.assert(fc.property(matrix, ({ n, c, x, g, ys }) => {
      const X = tensor(x, { dtype: 'float32' }).view(n, c);
      const G = tensor(g, { dtype: 'float32' }).view(n, c);
      const Y = tensor(ys, { dtype: 'int32' });
      const out = logSoftmaxRows(X)!;
      expect(bits(out)).toEqual(bits(chainForward(X)));
      expect(bits(logSoftmaxRowsBackward(G, out)!)).toEqual(bits(chainBackward(G, out)));
      for (const r of ['mean', 'sum'] as const) expect(bits(nllRows(out, Y, r)!)).toEqual(bits(chainNll(out, Y, r)));
    }), { numRuns: 300 });
  });

  it('a row view with an offset, rows of 1 … 70 columns (the cascade sum\'s vector blocks and tails)', () => {
    for (let c = 1; c <= 70; c++) {
      const base = arange(3 * c + 5).float().mul(0.37).sin().mul(9); // values without the engine's randomness
      const X = base.narrow(0, 5, 3 * c).view(3, c);
      expect(bits(logSoftmaxRows(X)!), `c=${c}`).toEqual(bits(chainForward(X)));
    }
  });

  it('declines what it is not for: float64, 1-D, non-contiguous, empty (the chain runs)', () => {
    const x = tensor([[1, 2], [3, 4]], { dtype: 'float32' });
    expect(logSoftmaxRows(x.double())).toBeNull();
    expect(logSoftmaxRows(x.view(4))).toBeNull();
    expect(logSoftmaxRows(x.T)).toBeNull();
    expect(logSoftmaxRows(x.narrow(0, 0, 0))).toBeNull();
    expect(logSoftmaxRowsBackward(x.T, x)).toBeNull();
    expect(nllRows(x.T, tensor([0, 1], { dtype: 'int32' }), 'mean')).toBeNull();
  });

  it('crossEntropy: a contiguous input (row loops) and a transposed copy of it (the chain) give the same loss and gradient', () => {
    const vals = Array.from({ length: 32 * 27 }, (_, i) => Math.sin(i * 0.731) * 6);
    const ys = tensor(Array.from({ length: 32 }, (_, i) => (i * 7) % 27), { dtype: 'int32' });
    const a = tensor(vals, { dtype: 'float32' }).view(32, 27).detach().requiresGrad_();
    const bT = tensor(vals, { dtype: 'float32' }).view(32, 27).T.contiguous().detach().requiresGrad_(); // [27, 32]
    const la = crossEntropy(a, ys);
    const lb = crossEntropy(bT.T, ys); // a non-contiguous view: the chain
    expect(bits(la)).toEqual(bits(lb));
    la.backward();
    lb.backward();
    expect(bits(a.grad!)).toEqual(bits(bT.grad!.T.contiguous()));
  });
});
