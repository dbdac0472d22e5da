/**
 * Issue #13, items 4, 6, 7, 8 and the `newaxis` index of #15: PyTorch's values, gradients and
 * refusals at the edges. Expected values: PyTorch 1.13 run by scripts/fixtures/issue13_semantics.py
 * (spec/fixtures/issue13-semantics.json); closed forms in the comments.
 */
import { describe, expect, it, vi } from 'vitest';
import { arange, full, newaxis, pow, tensor, zeros, type Tensor } from '../../engine/index.js';
import { softmax, logSoftmax } from '../../nn/index.js';
import { expectTorch, torchCase, torchError } from './issue13-support.js';

describe('#13.4 a 0-d integer tensor as an index', () => {
  it('#13.4 0-d integer tensor as an index is an integer: the result is a view, N changes', () => {
    const N = zeros([3, 4], { dtype: 'int32' });
    N.index(tensor(1), tensor(2)).add_(1);
    expectTorch(N, torchCase('4.zeroDimIndexView').N);
  });

  it('#13.4 0-d integer tensor next to an index tensor: the dim goes where the integer stands', () => {
    const want = torchCase('4.zeroDimIndexShape');
    expect(zeros([2, 3, 4]).index(tensor(0), null, tensor([1, 2])).shape).toEqual(want.shape);
    expect(zeros([2, 3, 4]).index(null, tensor(1), tensor([1, 2])).shape).toEqual(want.shape2);
  });
});

describe('#15 newaxis inside index(...)', () => {
  it('#15 newaxis inserts a dim of size 1 (PyTorch\'s None); null still means a whole dim', () => {
    const x = arange(6).view(2, 3);
    const v = x.index(newaxis, null, newaxis, 1); // x[None, :, None, 1]
    expect(v.shape).toEqual([1, 2, 1]);
    expect(v.tolist()).toEqual([[[1], [4]]]);
    expect(v.storage).toBe(x.storage); // a view
    expect(x.index('...', newaxis).shape).toEqual([2, 3, 1]);
    expect(x.index(newaxis).shape).toEqual([1, 2, 3]);
    expect(x.index(newaxis, tensor([1, 0])).tolist()).toEqual([[[3, 4, 5], [0, 1, 2]]]); // x[None, [1, 0]]
    expect(() => x.index(0, 0, newaxis, 0)).toThrow(/too many indices/);
  });

  it('#15 newaxis carries gradients: d/dx sum(x[None] · c) = c', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.index(newaxis).mul(tensor([[3, 4]])).sum().backward();
    expect(x.grad!.tolist()).toEqual([3, 4]);
  });
});

describe('#13.6 gradient edge cases', () => {
  it('#13.6 pow gradient at x = 0, y = 0 is 0, not NaN (tensor exponent and number exponent)', () => {
    const want = torchCase('6.pow00');
    const x = tensor([0, 2, 0], { requiresGrad: true });
    const y = tensor([0, 1, 2], { requiresGrad: true });
    x.pow(y).sum().backward();
    expectTorch(x.grad!, want.xgrad);
    // y's gradient: [0 (x = 0, y = 0), 2·ln 2, 0 (x = 0, y > 0)], PyTorch's float32 values
    expect(Array.from(y.grad!.toTypedArray())).toEqual((want.ygrad as number[]).map((v) => Math.fround(v)));
    const z = tensor([0, 1], { requiresGrad: true });
    z.pow(0).sum().backward(); // d x^0/dx = 0
    expect(z.grad!.tolist()).toEqual([0, 0]);
  });

  it('#13.6 max() backward with a NaN input routes the gradient to the NaN (split among several)', () => {
    for (const [name, data] of [['6.maxNaN', [1, NaN, 2]], ['6.maxTwoNaN', [1, NaN, NaN]]] as const) {
      const x = tensor([...data], { requiresGrad: true });
      x.max().backward();
      expectTorch(x.grad!, torchCase(name).xgrad);
    }
    const x = tensor([[1, NaN], [3, 2]], { requiresGrad: true });
    x.max(1).values.sum().backward();
    expectTorch(x.grad!, torchCase('6.maxDimNaN').xgrad);
  });

  it('#13.6 relu backward passes the gradient through a NaN', () => {
    const x = tensor([NaN, 1, -1, 0], { requiresGrad: true });
    x.relu().sum().backward();
    expectTorch(x.grad!, torchCase('6.reluNaN').xgrad);
  });

  it('#13.6 pow with 1 or -1 to an infinite or NaN power is 1, as C\'s pow', () => {
    const want = torchCase('6.powInf');
    expectTorch(tensor([1, -1]).float().pow(Infinity), want.a);
    expectTorch(tensor([1]).float().pow(NaN), want.b);
    expectTorch(pow(1, tensor([NaN])), want.c);
    expectTorch(tensor([-1]).float().pow(tensor([Infinity, -Infinity])), want.d);
    expectTorch(tensor([1, -1]).float().pow(-Infinity), want.e);
  });

  it('#13.6 int32 pow wraps modulo 2^32 as torch.int32 does', () => {
    const want = torchCase('6.intPowOverflow');
    expectTorch(tensor([3, -3, 7]).pow(25), want.a);
    expectTorch(tensor([2]).pow(31), want.b);
    expectTorch(tensor([3, 5]).pow(tensor([21, 14])), want.c);
  });
});

describe('#13.7 runs as in PyTorch (was refused)', () => {
  it('#13.7 in-place on results that are views of non-leaf results (1-D matmul, N-D @ 1-D, gathered columns)', () => {
    let want = torchCase('7.matmulViewInplace');
    const v = tensor([1, 2], { requiresGrad: true });
    const W = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const r = v.matmul(W);
    r.mul_(2);
    r.sum().backward();
    expectTorch(r.detach(), want.r);
    expectTorch(v.grad!, want.vgrad);
    expectTorch(W.grad!, want.Wgrad);

    want = torchCase('7.ndMatVecInplace');
    const A = tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], { requiresGrad: true });
    const u = tensor([1, -1], { requiresGrad: true });
    const q = A.matmul(u);
    q.mul_(3);
    q.sum().backward();
    expectTorch(q.detach(), want.r);
    expectTorch(A.grad!, want.Agrad);
    expectTorch(u.grad!, want.vgrad);

    want = torchCase('7.gatherSubInplace');
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const g = x.index(null, tensor([0, 0]));
    g.sub_(1);
    g.mul(tensor([[1, 2], [3, 4]])).sum().backward();
    expectTorch(g.detach(), want.r);
    expectTorch(x.grad!, want.xgrad);
  });

  it('#13.7 mul saves only what its backward needs', () => {
    // z = y·2 saves nothing the user can modify: y += 1 afterwards does not break backward
    let x = tensor([1, 2], { requiresGrad: true });
    let y = x.mul(1);
    const z = y.mul(2);
    y.add_(1);
    z.sum().backward();
    expectTorch(x.grad!, torchCase('7.mulSavesOnlyNeeded').xgrad);
    // z = y·c saves c (y needs c for its gradient), not y: modifying y is fine, modifying c is not
    x = tensor([1, 2], { requiresGrad: true });
    y = x.mul(1);
    let c = tensor([3, 4], { dtype: 'float32' });
    let z2 = y.mul(c);
    y.add_(1);
    z2.sum().backward();
    expectTorch(x.grad!, torchCase('7.mulOtherConstantModifiedSelf').xgrad);
    x = tensor([1, 2], { requiresGrad: true });
    c = tensor([3, 4], { dtype: 'float32' });
    z2 = x.mul(1).mul(c);
    c.add_(1);
    expect(torchError('7.mulOtherConstant')).toMatch(/modified by an inplace operation/);
    expect(() => z2.sum().backward()).toThrow(/modified by an inplace operation/);
  });

  it('#13.7 .T on more than 2 dims reverses them, with PyTorch\'s deprecation warning', () => {
    const want = torchCase('7.T3d');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(zeros([2, 3, 4]).T.shape).toEqual(want.shape);
      expectTorch(arange(8).float().view(2, 2, 2).T, want.v);
    } finally {
      warn.mockRestore();
    }
  });

  it('#13.7 max on bool, softmax over an empty dim, zero_() on an empty expanded tensor', () => {
    const want = torchCase('7.maxBool');
    expectTorch(tensor([false, true, false]).max(), want.m);
    const m = tensor([[true, false], [false, false]]).max(1);
    expectTorch(m.values, want.md);
    expectTorch(m.indices, want.mi);
    const sm = torchCase('7.softmaxEmpty');
    expect(softmax(zeros([2, 0]), 1).shape).toEqual(sm.shape);
    expect(logSoftmax(zeros([2, 0]), 0).shape).toEqual(sm.shape0);
    expect(zeros([1, 0]).expand(3, 0).zero_().shape).toEqual(torchCase('7.zeroEmptyExpanded').shape);
  });
});

describe('#13.8 refused as in PyTorch (was accepted)', () => {
  /** `f` throws PyTorch's message (its first words) and `inputs` are untouched. */
  function refused(f: () => unknown, name: string, ...inputs: Tensor[]): void {
    const before = inputs.map((t) => [t.tolist(), t.version]);
    const msg = torchError(name);
    expect(f).toThrow(msg.slice(0, 40));
    expect(inputs.map((t) => [t.tolist(), t.version])).toEqual(before);
  }

  it('#13.8 subtraction with a bool operand, bool ** bool, argmax on bool', () => {
    const f = tensor([1], { dtype: 'float32' });
    const b = tensor([true]);
    refused(() => f.sub(b), '8.floatMinusBool', f, b);
    const i = tensor([1]);
    refused(() => i.sub_(false as unknown as number), '8.intSubFalse', i);
    refused(() => i.sub_(b), '8.intSubFalse', i, b);
    expect(() => b.pow(b)).toThrow(/"pow" not implemented for 'Bool'/);
    expect(torchError('8.boolPowBool')).toMatch(/"pow" not implemented for 'Bool'/);
    expect(() => tensor([true, false]).argmax()).toThrow(/not implemented for bool/);
    expect(torchError('8.argmaxBool')).toMatch(/not implemented for 'Bool'/);
  });

  it('#13.8 squeeze(dim) on a 0-d tensor checks the dim (range [-1, 0])', () => {
    expect(() => tensor(1).squeeze(5)).toThrow(/out of range \(expected to be in range of \[-1, 0\], but got 5\)/);
    expect(torchError('8.squeeze5')).toMatch(/expected to be in range of \[-1, 0\], but got 5/);
    expect(() => tensor(1).squeeze(-2)).toThrow(/but got -2/);
    expect(tensor(1).squeeze(0).item()).toBe(torchCase('8.squeeze0').r);
    expect(tensor(1).squeeze(-1).item()).toBe(torchCase('8.squeeze0').r1);
  });

  it('#13.8 full with a value beyond the dtype\'s range; a huge shape gives a clear can\'t-allocate error', () => {
    expect(() => full([2], 3.4e39)).toThrow(torchError('8.fullOverflow'));
    expect(() => full([2], 2 ** 40, { dtype: 'int32' })).toThrow(torchError('8.fullOverflowInt'));
    expect(full([2], 3.4e39, { dtype: 'float64' }).tolist()).toEqual([3.4e39, 3.4e39]);
    expect(full([1], Infinity).tolist()).toEqual([Infinity]);
    expect(() => zeros([1e10, 2])).toThrow(/full: a tensor of shape \[10000000000, 2\]: can't allocate memory: you tried to allocate 80000000000 bytes/);
  });
});

describe('#13.9 printing and grad_fn names', () => {
  it('#13.9 an empty int32 tensor prints as PyTorch\'s empty int64 tensor (int32 plays int64, as when not empty)', () => {
    const want = torchCase('9.print');
    expect(String(zeros([0], { dtype: 'int32' }))).toBe(want.emptyInt64);
    expect(String(tensor([1, 2]))).toBe(want.int64);
    expect(String(zeros([0]))).toBe(want.emptyFloat);
    expect(String(zeros([0], { dtype: 'bool' }))).toBe(want.emptyBool);
  });

  it('#13.9 reshape that can be a view is ReshapeAliasBackward0, a copying one UnsafeViewBackward0', () => {
    const want = torchCase('9.names');
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    expect(x.reshape(4).gradFn?.name).toBe(want.reshapeView);
    expect(x.T.reshape(4).gradFn?.name).toBe(want.reshapeCopy);
    expect(x.view(4).gradFn?.name).toBe(want.view);
    const g = tensor([[1, 2, 3, 4]], { dtype: 'float32' }).reshape(2, 2);
    x.reshape(4).reshape(2, 2).mul(g).sum().backward();
    expect(x.grad!.tolist()).toEqual([[1, 2], [3, 4]]);
  });
});

describe('#13.10 signed zeros', () => {
  it('#13.10 relu keeps -0 (PyTorch computes x < 0 ? 0 : x) and masks gradients to +0', () => {
    expectTorch(tensor([-0, 0, -1], { dtype: 'float32' }).relu(), torchCase('10.reluNegZero').r);
    const x = tensor([-1, 2], { requiresGrad: true });
    x.relu().backward(tensor([-1, -1], { dtype: 'float32' }));
    expectTorch(x.grad!, torchCase('10.reluGradSign').xgrad); // [+0, -1], not [-0, -1]
  });
});
