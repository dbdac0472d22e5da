/**
 * Issue #13, items 1, 2, 3, 5, 6b: aliasing, views and in-place ops give PyTorch's values and
 * gradients, or PyTorch's error, never a silent wrong result. Expected values: PyTorch 1.13 run by
 * scripts/fixtures/issue13_semantics.py (spec/fixtures/issue13-semantics.json); closed forms in
 * the comments.
 */
import { describe, expect, it } from 'vitest';
import { arange, ones, tensor, zeros, slice, type Tensor } from '../../engine/index.js';
import { expectTorch, torchCase, torchError } from './issue13-support.js';

/** Expect `f` to throw PyTorch's message and leave `t` unchanged (values and version). */
function expectRefusedUntouched(f: () => unknown, t: Tensor, message: string): void {
  const before = t.tolist();
  const version = t.version;
  expect(f).toThrow(message);
  expect(t.tolist()).toEqual(before);
  expect(t.version).toBe(version);
}

describe('#13.1 partial overlap between the operand and the target of an in-place op', () => {
  it('#13.1 in-place op whose operand partially overlaps the target raises (x.add_(x.T), x.sub_(x[0]), narrow copy_, x.div_(x[0,0]))', () => {
    const x = tensor([[1, 2], [3, 4]], { dtype: 'float32' });
    expectRefusedUntouched(() => x.add_(x.T), x, torchError('1.addT'));
    expectRefusedUntouched(() => x.sub_(x.index(0)), x, torchError('1.subRow'));
    expectRefusedUntouched(() => x.div_(x.index(0, 0)), x, torchError('1.divScalarView'));
    const a = arange(5);
    expectRefusedUntouched(() => a.narrow(0, 1, 4).copy_(a.narrow(0, 0, 4)), a, torchError('1.narrowCopy'));
  });

  it('#13.1 the exact same view is allowed (x.add_(x)), as in PyTorch', () => {
    const x = tensor([[1, 2], [3, 4]], { dtype: 'float32' });
    x.add_(x);
    expectTorch(x, torchCase('1.addSelf').x);
    const y = tensor([[1, 2], [3, 4]], { dtype: 'float32' });
    y.add_(y.view(4).view(2, 2)); // another tensor object, same cells in the same order
    expectTorch(y, torchCase('1.addSelf').x);
  });

  it('#13.1 operand and target with gaps that share cells: computed as if the operand were cloned', () => {
    // y[:, :2] += y[:, 1:]: PyTorch reads ahead of its writes here, so its loop gives the cloned answer too
    const y = arange(6).float().view(2, 3);
    y.index(null, slice(null, 2)).add_(y.index(null, slice(1)));
    expectTorch(y, torchCase('1.gapsReadAhead').y);
    // reading behind the writes: the cloned answer (PyTorch's loop would cascade; docs/pytorch.md)
    const z = arange(6).float().view(2, 3);
    z.index(null, slice(1)).add_(z.index(null, slice(null, 2)));
    expect(z.tolist()).toEqual([[0, 1, 3], [3, 7, 9]]);
  });
});

describe('#13.2 a value that requires grad written into a view of a plain tensor', () => {
  it('#13.2 copy_ into a view of a plain tensor makes the base part of the graph (CopySlices)', () => {
    const want = torchCase('2.copyIntoView');
    const h = zeros([2, 2]);
    const x = ones([2], { requiresGrad: true });
    h.index(0).copy_(x.mul(2));
    expect(h.requiresGrad).toBe(want.requiresGrad);
    expect(h.gradFn?.name).toBe(want.gradFn);
    h.sum().add(x.sum()).backward();
    expectTorch(h.detach(), want.h);
    expectTorch(x.grad!, want.xgrad); // d/dx (sum(2x) + sum(x)) = 3
  });

  it('#13.2 two rows written from x: each row gets its own slice of the gradient', () => {
    // h[0] = 3x, h[2] = x²; loss = Σ h·C, C = [[1,2],[3,4],[5,6]]: dx = 3·C[0] + 2x·C[2] = [3+10, 6+24]
    const h = zeros([3, 2]);
    const x = tensor([1, 2], { requiresGrad: true });
    h.index(0).copy_(x.mul(3));
    h.index(2).copy_(x.mul(x));
    h.mul(tensor([[1, 2], [3, 4], [5, 6]])).sum().backward();
    expectTorch(x.grad!, torchCase('2.setitemRowTwice').xgrad);
  });
});

describe('#13.3 one history per base: views follow in-place writes on the base', () => {
  it('#13.3 in-place op on a tensor after a view of it was taken: the view sees the new history', () => {
    // y = x·1; v = y.unsqueeze(0); y *= w → v = x·w, dv/dx = w = 5
    const want = torchCase('3.viewThenBase');
    const x = tensor([2], { requiresGrad: true });
    const w = tensor([5]);
    const y = x.mul(1);
    const v = y.unsqueeze(0);
    y.mul_(w);
    expect(v.gradFn?.name).toBe(want.viewGradFn);
    v.sum().backward();
    expectTorch(v.detach(), want.v);
    expectTorch(x.grad!, want.xgrad);
  });

  it('#13.3 in-place through one view, read through another view of the same base', () => {
    // y = x·1; y[:, 1] *= w; b = y.T; loss = Σ b·C → y = [[x00, x01·w0], [x10, x11·w1]]
    const want = torchCase('3.viewThroughView');
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const w = tensor([10, 20], { requiresGrad: true });
    const y = x.mul(1);
    const a = y.index(null, 1);
    const b = y.T;
    a.mul_(w);
    expect(b.gradFn?.name).toBe(want.bGradFn);
    expect(y.gradFn?.name).toBe(want.yGradFn);
    b.mul(tensor([[1, 2], [3, 4]])).sum().backward();
    expectTorch(y.detach(), want.y);
    expectTorch(x.grad!, want.xgrad);
    expectTorch(w.grad!, want.wgrad);
  });

  it('#13.3 an expanded view taken before the write: its repeated cells add up in the base gradient', () => {
    // e = expand(y, 3 rows) with y = 2x afterwards: d/dx Σ e·C = 2·(column sums of C) = [18, 24]
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(1);
    const e = y.unsqueeze(0).expand(3, 2);
    y.mul_(2);
    e.mul(tensor([[1, 2], [3, 4], [5, 6]])).sum().backward();
    expectTorch(x.grad!, torchCase('3.expandedViewAfterWrite').xgrad);
  });
});

describe('#13.5 retainGrad then an in-place op', () => {
  it('#13.5 retainGrad() then an in-place op: .grad is the gradient of the new value', () => {
    const want = torchCase('5.retainGradInplace');
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(1);
    y.retainGrad();
    y.mul_(2);
    y.sum().backward();
    expectTorch(y.grad!, want.ygrad);
    expectTorch(x.grad!, want.xgrad);
  });
});

describe('#13.6b in-place on a saved output', () => {
  it('#13.6b in-place op on the result of max() makes backward raise the version error', () => {
    const x = tensor([1, 3, 2], { requiresGrad: true });
    const m = x.max();
    m.add_(2);
    expect(torchError('6b.maxInplace')).toMatch(/modified by an inplace operation/);
    expect(() => m.backward()).toThrow(/modified by an inplace operation[\s\S]*MaxBackward1[\s\S]*version 1; expected version 0/);
  });

  it('#13.6b max(dim) saves only the indices: an in-place op on its values is fine', () => {
    const x = tensor([[1, 3], [4, 2]], { requiresGrad: true });
    const m = x.max(1).values;
    m.add_(2);
    m.sum().backward();
    expectTorch(x.grad!, torchCase('6b.maxDimInplace').xgrad);
  });

  it('#13.6b every op that saves its output (exp, tanh, sqrt, relu) refuses backward after a write to it', () => {
    for (const f of [(t: Tensor) => t.exp(), (t: Tensor) => t.tanh(), (t: Tensor) => t.sqrt(), (t: Tensor) => t.relu()]) {
      const x = tensor([1, 2], { requiresGrad: true });
      const out = f(x);
      out.mul_(2);
      expect(() => out.sum().backward()).toThrow(/modified by an inplace operation/);
    }
  });
});
