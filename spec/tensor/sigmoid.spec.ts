/**
 * sigmoid: PyTorch 1.13.1's float32 bits (its portable kernel, recorded by
 * scripts/fixtures/nn.py), a naive formula in double, the derivative σ(1 − σ) against finite
 * differences (gradcheck) and against the closed form on a concrete case, and its errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradcheck, sigmoid, tensor, Tensor } from '../../engine/index.js';
import { bitDiffs, bitsOf, tensorFromBits, torchNn } from '../support/torch-bits.js';

describe('sigmoid', () => {
  it("equals PyTorch's portable kernel bit for bit on 2,014 float32 inputs (incl. ±0, ±inf, NaN, the tails)", () => {
    const fx = torchNn.sigmoid.default;
    const x = tensorFromBits(fx.x, [fx.x.length]);
    expect(bitDiffs(bitsOf(sigmoid(x)), fx.y)).toEqual([]);
    expect(bitDiffs(bitsOf(x.sigmoid()), fx.y)).toEqual([]);
    // PyTorch's AVX2 kernel (SLEEF expf) is the documented exception: it differs by up to a few dozen float32 ulps
    const avx2 = torchNn.sigmoid.avx2.y.map((h: string) => parseInt(h, 16));
    const ours = bitsOf(sigmoid(x)).map((h) => parseInt(h, 16));
    const finite = ours.map((b, i) => (Number.isFinite((x.tolist() as number[])[i]) ? Math.abs(b - avx2[i]) : 0));
    expect(Math.max(...finite)).toBeLessThanOrEqual(64);
  });

  it('the backward equals PyTorch (SigmoidBackward0: g·(1 − σ)·σ) bit for bit', () => {
    for (const kernel of ['default', 'avx2']) {
      const fx = torchNn.sigmoid[kernel];
      const x = tensorFromBits(fx.grad_x, [fx.grad_x.length]).requiresGrad_(true);
      const y = x.sigmoid();
      expect(y.gradFn?.name).toBe(fx.grad_fn);
      y.backward(tensorFromBits(fx.grad_g, [fx.grad_g.length]));
      if (kernel === 'default') expect(bitDiffs(bitsOf(x.grad as Tensor), fx.grad)).toEqual([]);
    }
  });

  it('matches 1/(1 + e^−x) in double on any shape and layout, and integers give float32', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 0, maxLength: 40 }), (xs) => {
        const t = tensor(xs, { dtype: 'float64' });
        (sigmoid(t).tolist() as number[]).forEach((v, i) => expect(Math.abs(v - 1 / (1 + Math.exp(-xs[i])))).toBeLessThanOrEqual(1e-16));
        const f = tensor(xs, { dtype: 'float32' });
        (sigmoid(f).tolist() as number[]).forEach((v, i) => expect(Math.abs(v - 1 / (1 + Math.exp(-Math.fround(xs[i]))))).toBeLessThanOrEqual(1.2e-7));
      }),
    );
    const m = tensor([[0, 1], [2, 3]], { dtype: 'float64' }).T; // non-contiguous
    expect(m.sigmoid().tolist()).toEqual([[0.5, 1 / (1 + Math.exp(-2))], [1 / (1 + Math.exp(-1)), 1 / (1 + Math.exp(-3))]]);
    const i = sigmoid(tensor([0, 1]));
    expect([i.dtype, i.tolist()]).toEqual(['float32', [0.5, Math.fround(1 / Math.fround(1 + Math.fround(Math.exp(-1))))]]);
    expect(sigmoid(tensor([true, false])).tolist()).toEqual([Math.fround(1 / Math.fround(1 + Math.fround(Math.exp(-1)))), 0.5]);
  });

  it('gradcheck in float64, through broadcasting and views', () => {
    const x = tensor([[-3, -0.5, 0], [0.25, 1, 4]], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((a) => a.sigmoid(), [x]).ok).toBe(true);
    expect(gradcheck((a) => a.T.sigmoid().mul(a.T), [x]).ok).toBe(true);
    const b = tensor([0.5, -2, 1], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((a, c) => a.add(c).sigmoid(), [x, b]).ok).toBe(true);
  });

  it('the hand derivation: dσ/dx = σ(1 − σ) = e^−x/(1 + e^−x)² at x = 0.7', () => {
    const x = tensor([0.7], { dtype: 'float64', requiresGrad: true });
    x.sigmoid().sum().backward();
    const e = Math.exp(-0.7);
    expect(Math.abs((x.grad as Tensor).item() - e / (1 + e) ** 2)).toBeLessThanOrEqual(1e-16);
  });

  it('errors name the problem', () => {
    expect(() => sigmoid([1] as never)).toThrow('sigmoid: expected a Tensor, got object');
  });
});
