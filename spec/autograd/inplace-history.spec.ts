/**
 * Gradient routing is fixed when an op runs (PyTorch's next_functions): an in-place op applied
 * LATER to one of its inputs must not reroute the gradient of ops that used the old value.
 * Expected values are closed forms worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { tensor } from '../../engine/index.js';

describe('in-place ops after use do not reroute earlier gradients', () => {
  it('y = 2x; z = sum(y); y *= 3 afterwards: dz/dx is still 2', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    const z = y.sum(); // z = 2·x1 + 2·x2, whatever happens to y later
    y.mul_(3);
    z.backward();
    expect(x.grad!.tolist()).toEqual([2, 2]);
  });

  it('b = a; c = -b; b += a afterwards: dc/da is still -1', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = a.mul(1);
    const c = b.neg(); // c = -a
    b.add_(a);
    c.sum().backward();
    expect(a.grad!.tolist()).toEqual([-1, -1]);
  });

  it('the in-place op itself is differentiated: w = (2x) += x gives dw/dx = 3', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const w = x.mul(2);
    w.add_(x); // w = 2x + x
    w.sum().backward();
    expect(x.grad!.tolist()).toEqual([3, 3]);
  });

  it('modifying an index tensor after gathering makes backward fail (saved for the version check)', () => {
    const p = tensor([[0.1, 0.9], [0.5, 0.5]], { requiresGrad: true });
    const ys = tensor([1, 0]);
    const l = p.index([0, 1], ys).sum();
    ys.fill_(0);
    expect(() => l.backward()).toThrow(/modified by an inplace operation/);
  });
});
