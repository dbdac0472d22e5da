/**
 * dropout / Dropout: PyTorch 1.13.1's masks and outputs bit for bit for a seed (its non-MKL CPU
 * build; scripts/fixtures/nn.py), the generator position afterwards, the gradient (the same
 * mask), the mask rule against an independent draw loop, eval and p = 0 / 1, and errors.
 */
import { describe, expect, it } from 'vitest';
import { Generator, ones, tensor, Tensor, zeros } from '../../engine/index.js';
import { Dropout, dropout } from '../../nn/index.js';
import { bitDiffs, bitsOf, tensorFromBits, torchNn } from '../support/torch-bits.js';

describe('dropout against PyTorch 1.13.1', () => {
  it('outputs are bit for bit and the generator ends where PyTorch\'s does', () => {
    for (const c of torchNn.dropout) {
      const g = new Generator().manualSeed(c.seed);
      const y = dropout(tensorFromBits(c.x, c.shape), c.p, { generator: g });
      expect(bitDiffs(bitsOf(y), c.y), `seed ${c.seed}, p ${c.p}`).toEqual([]);
      expect(bitsOf(tensor([g.nextFloat32Uniform()], { dtype: 'float32' })), `seed ${c.seed}: the next rand`).toEqual(c.next_rand);
    }
  });

  it('float64 output and gradient (MulBackward0: the mask times the gradient) are bit for bit', () => {
    const fx = torchNn.dropout_grad;
    const x = tensorFromBits(fx.x, [3, 4]).requiresGrad_(true);
    const y = dropout(x, fx.p, { generator: new Generator().manualSeed(fx.seed) });
    expect(y.gradFn?.name).toBe(fx.grad_fn);
    expect(bitDiffs(bitsOf(y), fx.y)).toEqual([]);
    y.backward(tensor([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], { dtype: 'float64' }));
    expect(bitDiffs(bitsOf(x.grad as Tensor), fx.grad)).toEqual([]);
  });
});

describe('dropout rule', () => {
  it('keeps element i iff the i-th double uniform is < 1 − p, scaling by f32(1/f32(1 − p))', () => {
    const p = 0.35;
    const y = Array.from(dropout(ones([200]), p, { generator: new Generator().manualSeed(11) }).toTypedArray());
    const g = new Generator().manualSeed(11);
    const scale = Math.fround(1 / Math.fround(1 - p));
    expect(y).toEqual(Array.from({ length: 200 }, () => (g.nextFloat64Uniform() < 1 - p ? scale : 0)));
  });

  it('training: false, p = 0 and empty inputs return the input and draw nothing; p = 1 gives x·0', () => {
    const x = tensor([1, -2, 3], { dtype: 'float32' });
    const g = new Generator().manualSeed(1);
    const before = g.getState();
    expect(dropout(x, 0.5, { training: false, generator: g })).toBe(x);
    expect(dropout(x, 0, { generator: g })).toBe(x);
    expect(dropout(zeros([0]), 0.5, { generator: g }).shape).toEqual([0]);
    expect(g.getState()).toEqual(before);
    expect(dropout(tensor([1, NaN], { dtype: 'float32' }), 1).tolist()).toEqual([0, NaN]);
  });

  it('the Dropout module is active in training mode and the identity in eval mode', () => {
    const x = ones([50]);
    const a = new Dropout(0.5, { generator: new Generator().manualSeed(4) });
    expect(a.forward(x).tolist()).toEqual(dropout(x, 0.5, { generator: new Generator().manualSeed(4) }).tolist());
    expect(a.eval().forward(x)).toBe(x);
    expect(a.parameters()).toEqual([]);
  });

  it("errors carry PyTorch's messages", () => {
    expect(() => dropout(ones([3]), 1.5)).toThrow(torchNn.errors.dropout_p.replace(/^\w+Error: /, ''));
    expect(() => new Dropout(-0.1)).toThrow('dropout probability has to be between 0 and 1, but got -0.1');
    expect(() => dropout(tensor([1, 2]), 0.5)).toThrow('dropout: input must be a floating-point tensor (float32 or float64), got int32 of shape [2]');
    expect(() => dropout(ones([2]), 0.5, { generator: {} as never })).toThrow('dropout: generator must be a Generator, got object');
  });
});
