/**
 * In-place ops and autograd: leaves that require grad may be modified only outside the tape
 * (noGrad or .data), every in-place write bumps the storage's version counter, and backward
 * refuses to use a saved tensor whose version changed since it was saved. In-place ops on
 * non-leaves are recorded and differentiate correctly (gradcheck).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradcheck, noGrad, tensor, Tensor } from '../../engine/index.js';
import { flat, fromValues, seedArb, shapeArb, values, numel } from '../support/autograd-helpers.js';

const leaf = (data: number[]) => fromValues(data, [data.length], 'float64', true);

describe('in-place ops on leaves that require grad', () => {
  const ops: [string, (t: Tensor) => unknown][] = [
    ['add_', (t) => t.add_(1)],
    ['sub_', (t) => t.sub_(1)],
    ['mul_', (t) => t.mul_(2)],
    ['div_', (t) => t.div_(2)],
    ['fill_', (t) => t.fill_(0)],
    ['zero_', (t) => t.zero_()],
    ['copy_', (t) => t.copy_(fromValues([7, 8], [2]))],
  ];

  it.each(ops)('%s outside noGrad: an error, and nothing is written', (_name, op) => {
    const w = leaf([1, 2]);
    expect(() => op(w)).toThrow(/leaf Variable that requires grad is being used in an in-place operation/);
    expect(flat(w)).toEqual([1, 2]);
    expect(w.version).toBe(0);
  });

  it.each(ops)('%s inside noGrad: allowed; the leaf stays a leaf that requires grad', (_name, op) => {
    const w = leaf([1, 2]);
    noGrad(() => op(w));
    expect(flat(w)).not.toEqual([1, 2]);
    expect(w.isLeaf).toBe(true);
    expect(w.requiresGrad).toBe(true);
    expect(w.gradFn).toBeNull();
    expect(w.version).toBe(1);
  });

  it('through .data (or detach()) outside noGrad: allowed', () => {
    const w = leaf([1, 2]);
    w.data.mul_(3);
    w.detach().add_(1);
    expect(flat(w)).toEqual([4, 7]);
    expect(w.isLeaf).toBe(true);
  });

  it('a leaf that does not require grad can be modified anywhere', () => {
    const c = fromValues([1, 2], [2]);
    c.add_(1);
    expect(flat(c)).toEqual([2, 3]);
  });
});

describe('the version counter', () => {
  it('counts every in-place write, shared by all views of a storage', () => {
    const x = fromValues([1, 2, 3, 4], [2, 2]);
    const row = x.select(0, 1);
    const t = x.transpose(0, 1);
    expect([x.version, row.version, t.version]).toEqual([0, 0, 0]);
    row.add_(1);
    expect([x.version, row.version, t.version]).toEqual([1, 1, 1]);
    t.mul_(2);
    x.fill_(0);
    expect(x.version).toBe(3);
    expect(x.add(1).version).toBe(0); // a new tensor has its own storage and counter
  });

  it('y = x.exp(); y.add_(1); backward → error naming the versions (exp saved its output)', () => {
    const x = leaf([0.5, 1]);
    const y = x.exp();
    y.add_(1);
    expect(() => y.sum().backward()).toThrow(/modified by an inplace operation[\s\S]*ExpBackward0[\s\S]*version 1; expected version 0/);
  });

  it('modifying the input of log after log saved it → error naming the versions', () => {
    const x = leaf([0.5, 1]);
    const h = x.mul(2);
    const y = h.log();
    h.mul_(3);
    expect(() => y.sum().backward()).toThrow(/LogBackward0[\s\S]*version 1; expected version 0/);
  });

  it('two writes: the message gives the current version', () => {
    const x = leaf([0.5, 1]);
    const h = x.add(0);
    const y = h.tanh();
    h.add_(1);
    y.add_(1); // tanh saved its output
    y.add_(1);
    expect(() => y.sum().backward()).toThrow(/TanhBackward0[\s\S]*version 2; expected version 0/);
  });

  it('a saved view sees writes to its base (one counter per storage)', () => {
    const x = fromValues([1, 2, 3, 4], [2, 2], 'float64', true);
    const h = x.mul(1);
    const y = h.index(0).sqrt(); // sqrt saved its output; the view h[0] is an input of sqrt
    const z = h.index(1).log(); // log saved the view h[1]
    h.add_(1);
    expect(() => z.sum().backward()).toThrow(/LogBackward0[\s\S]*version 1; expected version 0/);
    expect(y.requiresGrad).toBe(true);
  });

  it('in-place writes into a view of a non-leaf that requires grad are recorded on the base (CopySlices), as PyTorch', () => {
    // torch: h = (x*1); h[0] += 1; h.grad_fn is CopySlices; d sum(h)/dx = 1 everywhere
    const x = fromValues([1, 2, 3, 4], [2, 2], 'float64', true);
    const h = x.mul(1);
    h.index(0).add_(1);
    expect(flat(h)).toEqual([2, 3, 3, 4]);
    expect(h.gradFn!.name).toBe('CopySlices');
    h.sum().backward();
    expect(flat(x.grad!)).toEqual([1, 1, 1, 1]);
  });

  it('in-place writes into a view of a leaf that requires grad are refused before anything is written', () => {
    const x = fromValues([1, 2, 3, 4], [2, 2], 'float64', true);
    expect(() => x.index(0).add_(1)).toThrow(/view of a leaf Variable that requires grad/);
    expect(flat(x)).toEqual([1, 2, 3, 4]);
    expect(x.version).toBe(0);
  });

  it('.data has a version counter of its own (PyTorch): a write through it is not an error, backward sees the new values', () => {
    // torch: w = tensor([1., 2.], requires_grad=True); l = (w*w).sum(); w.data.mul_(2); l.backward(); w.grad → tensor([4., 8.])
    const w = leaf([1, 2]);
    const l = w.mul(w).sum(); // mul saved w (twice)
    w.data.mul_(2);
    expect(w.version).toBe(0);
    l.backward();
    expect(Array.from(w.grad!.toTypedArray())).toEqual([4, 8]); // g·w + g·w with the new w = [2, 4]
  });

  it('detach() shares the version counter (PyTorch): a write through it is caught on backward', () => {
    const w = leaf([1, 2]);
    const l = w.mul(w).sum();
    noGrad(() => w.detach().mul_(2));
    expect(w.version).toBe(1);
    expect(() => l.backward()).toThrow(/MulBackward0[\s\S]*expected version 0/);
  });

  it('an in-place op on a tensor nobody saved is fine: the gradient flows through it', () => {
    const x = leaf([1, 2]);
    const y = x.mul(2); // mul saved x and the scalar 2, not y
    y.add_(1);
    expect(y.gradFn?.name).toBe('AddBackward0');
    y.mul_(3);
    expect(y.gradFn?.name).toBe('MulBackward0');
    y.sum().backward();
    expect(flat(x.grad!)).toEqual([6, 6]);
  });

  it('in-place writes after backward do not matter (the graph was already used)', () => {
    const x = leaf([0.5, 1]);
    const y = x.exp();
    y.sum().backward();
    y.add_(1);
    expect(flat(x.grad!)).toEqual([Math.exp(0.5), Math.exp(1)]);
  });
});

describe('gradients through in-place ops on non-leaves (gradcheck)', () => {
  const caseArb = fc.tuple(shapeArb(0, 3), seedArb, seedArb);
  const inputs = (shape: number[], s1: number, s2: number, domain2: 'any' | 'awayFromZero' = 'any') => [
    fromValues(values(numel(shape), s1), shape, 'float64', true),
    fromValues(values(numel(shape), s2, domain2), shape, 'float64', true),
  ];

  it('add_ and sub_ with a tensor that requires grad', () => {
    fc.assert(
      fc.property(caseArb, ([shape, s1, s2]) => {
        gradcheck((x, z) => x.mul(1).add_(z).sub_(z.mul(z)), inputs(shape, s1, s2));
      }),
      { numRuns: 40 },
    );
  });

  it('mul_ with a tensor that requires grad: d/dz (x·z) = x, the value BEFORE the write', () => {
    fc.assert(
      fc.property(caseArb, ([shape, s1, s2]) => {
        gradcheck((x, z) => x.exp().mul(1).mul_(z), inputs(shape, s1, s2));
      }),
      { numRuns: 40 },
    );
  });

  it('div_ with a tensor that requires grad: d/dz (x/z) = −x/z², with x the value before the write', () => {
    fc.assert(
      fc.property(caseArb, ([shape, s1, s2]) => {
        gradcheck((x, z) => x.tanh().mul(1).div_(z), inputs(shape, s1, s2, 'awayFromZero'));
      }),
      { numRuns: 40 },
    );
  });

  it('mul_ and div_ by numbers, and copy_ from a tensor that requires grad', () => {
    fc.assert(
      fc.property(caseArb, ([shape, s1, s2]) => {
        gradcheck((x) => x.add(0).mul_(3).div_(-2), inputs(shape, s1, s2).slice(0, 1));
        gradcheck((x, z) => x.mul(1).copy_(z.exp()).mul(x), inputs(shape, s1, s2));
      }),
      { numRuns: 40 },
    );
  });

  it('copy_ over a non-leaf: the overwritten history gets a zero gradient, as PyTorch (CopyBackwards: zeros_like)', () => {
    // torch: x, z require grad; y = x * 2; y.copy_(z); y.sum().backward() → x.grad = [0, 0], z.grad = [1, 1]
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const z = tensor([5, 6], { dtype: 'float64', requiresGrad: true });
    const y = x.mul(2);
    y.copy_(z);
    y.sum().backward();
    expect(flat(x.grad!)).toEqual([0, 0]);
    expect(flat(z.grad!)).toEqual([1, 1]);
  });

  it('the closed form for mul_: x = [2], z = [3]: (x·1 *= z) gives dx = 3, dz = 2', () => {
    const x = tensor([2], { dtype: 'float64', requiresGrad: true });
    const z = tensor([3], { dtype: 'float64', requiresGrad: true });
    x.mul(1).mul_(z).sum().backward();
    expect(x.grad!.item()).toBe(3);
    expect(z.grad!.item()).toBe(2);
  });
});
