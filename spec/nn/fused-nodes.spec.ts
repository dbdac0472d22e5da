/**
 * Issue #13.9: softmax, logSoftmax and nllLoss record one node each with PyTorch's name
 * (SoftmaxBackward0, LogSoftmaxBackward0, NllLossBackward0; names from PyTorch 1.13 run by
 * scripts/fixtures/issue13_semantics.py), and the closed-form backward of each node equals the
 * backward of the composition of engine ops it replaces (property tests, float64), which itself
 * is checked against finite differences by gradcheck.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, arange, gradcheck, tensor } from '../../engine/index.js';
import { crossEntropy, logSoftmax, nllLoss, softmax } from '../../nn/index.js';
import { torchCase } from '../autograd/issue13-support.js';

/** The compositions the fused nodes replace (the previous implementation, op by op). */
const composed = {
  softmax: (x: Tensor, dim: number) => {
    const e = x.sub(x.max(dim, true).values.detach()).exp();
    return e.div(e.sum(dim, true));
  },
  logSoftmax: (x: Tensor, dim: number) => {
    const z = x.sub(x.max(dim, true).values.detach());
    return z.sub(z.exp().sum(dim, true).log());
  },
  nllLoss: (lp: Tensor, ys: Tensor, reduction: 'mean' | 'sum' | 'none') => {
    const picked = lp.index(arange(lp.shape[0]), ys).neg();
    return reduction === 'none' ? picked : reduction === 'sum' ? picked.sum() : picked.mean();
  },
};

const arbCase = fc.record({
  n: fc.integer({ min: 1, max: 5 }),
  c: fc.integer({ min: 1, max: 6 }),
  seed: fc.integer({ min: 1, max: 1 << 30 }),
  dim: fc.integer({ min: -2, max: 1 }),
  reduction: fc.constantFrom('mean' as const, 'sum' as const, 'none' as const),
});

function data(n: number, c: number, seed: number): { x: number[]; ys: number[]; w: number[] } {
  let s = seed;
  const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  return {
    x: Array.from({ length: n * c }, () => r() * 6 - 3),
    ys: Array.from({ length: n }, () => Math.floor(r() * c)),
    w: Array.from({ length: n * c }, () => r() * 2 - 1),
  };
}

/** Gradient of Σ(f(x)·W) with respect to x, by backward. */
function gradOf(f: (x: Tensor) => Tensor, x0: number[], shape: number[], w: number[]): number[] {
  const x = Tensor.fromArray(Float64Array.from(x0), shape).requiresGrad_();
  const y = f(x);
  y.mul(Tensor.fromArray(Float64Array.from(w.slice(0, y.numel())), y.shape)).sum().backward();
  return Array.from(x.grad!.toTypedArray());
}

function close(a: number[], b: number[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(b[i]))));
}

describe('#13.9 fused nodes with PyTorch\'s grad_fn names', () => {
  it('#13.9 softmax, logSoftmax, nllLoss and crossEntropy show PyTorch\'s grad_fn names', () => {
    const want = torchCase('9.names');
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    expect(softmax(x, 1).gradFn?.name).toBe(want.softmax);
    expect(logSoftmax(x, 1).gradFn?.name).toBe(want.logSoftmax);
    expect(nllLoss(x, tensor([0, 1])).gradFn?.name).toBe(want.nllLoss);
    expect(crossEntropy(x, tensor([0, 1])).gradFn?.name).toBe(want.crossEntropy);
  });

  it('#13.9 the fused backward equals the composition\'s backward (softmax, logSoftmax: any dim; nllLoss: every reduction)', () => {
    fc.assert(fc.property(arbCase, ({ n, c, seed, dim, reduction }) => {
      const { x, ys, w } = data(n, c, seed);
      for (const op of ['softmax', 'logSoftmax'] as const) {
        const fused = op === 'softmax' ? softmax : logSoftmax;
        close(gradOf((t) => fused(t, dim), x, [n, c], w), gradOf((t) => composed[op](t, dim), x, [n, c], w));
        // and the values are the same bits (the forward is unchanged)
        const t = Tensor.fromArray(Float64Array.from(x), [n, c]);
        expect(Array.from(fused(t, dim).toTypedArray())).toEqual(Array.from(composed[op](t, dim).toTypedArray()));
      }
      const yt = tensor(ys);
      close(gradOf((t) => nllLoss(t, yt, { reduction }), x, [n, c], w), gradOf((t) => composed.nllLoss(t, yt, reduction), x, [n, c], w));
    }), { numRuns: 150 });
  });

  it('#13.9 the fused nodes pass gradcheck (float64 finite differences)', () => {
    const x = Tensor.fromArray(Float64Array.from([0.5, -1, 2, 0.25, 1.5, -0.75]), [2, 3]).requiresGrad_();
    const ys = tensor([2, 0]);
    expect(gradcheck((t) => softmax(t, 1).mul(tensor([[1, 2, 3], [-1, 0, 2]]).double()).sum(), [x]).ok).toBe(true);
    expect(gradcheck((t) => logSoftmax(t, 0).mul(tensor([[1, 2, 3], [-1, 0, 2]]).double()).sum(), [x]).ok).toBe(true);
    expect(gradcheck((t) => crossEntropy(t, ys), [x]).ok).toBe(true);
    expect(gradcheck((t) => nllLoss(t, ys, { reduction: 'none' }).mul(tensor([3, -2]).double()).sum(), [x]).ok).toBe(true);
  });

  it('#13.9 a fused node saves its output: an in-place write on it before backward is the version error', () => {
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const p = softmax(x, 1);
    p.mul_(2);
    expect(() => p.sum().backward()).toThrow(/modified by an inplace operation[\s\S]*SoftmaxBackward0/);
  });
});
