/**
 * Autograd semantics as PyTorch defines them: accumulation, resetting, grad mode, detach/.data,
 * the lecture's update through `.data`, retainGrad, backward's errors, retainGraph, which
 * tensors may require grad, leaf/gradFn bookkeeping, and printing.
 */
import { describe, expect, it } from 'vitest';
import {
  add, arange, div, enableGrad, isGradEnabled, mul, noGrad, ones, oneHot, pow, slice, sub, tensor, Tensor, zeros,
} from '../../engine/index.js';
import { describeIfFile, loadReference, referencePath } from '../support/shared.js';
import { flat, fromValues, values } from '../support/autograd-helpers.js';

const f64 = (data: number[], requiresGrad = true) => fromValues(data, [data.length], 'float64', requiresGrad);

describe('gradient accumulation and reset', () => {
  it('two backward calls add their gradients into .grad', () => {
    const x = f64([0.5, -1, 2]);
    x.mul(x).sum().backward(); // 2x
    expect(flat(x.grad!)).toEqual([1, -2, 4]);
    x.mul(3).sum().backward(); // + 3
    expect(flat(x.grad!)).toEqual([4, 1, 7]);
  });

  it('grad = null resets: the next backward starts from zero', () => {
    const x = f64([0.5, -1, 2]);
    x.mul(x).sum().backward();
    x.grad = null;
    x.mul(3).sum().backward();
    expect(flat(x.grad!)).toEqual([3, 3, 3]);
  });

  it('a tensor used by several ops receives the sum of their gradients (within one backward)', () => {
    const x = f64([1, 2]);
    const y = x.exp();
    y.add(y.mul(2)).add(y.pow(2)).sum().backward(); // d/dx (3e^x + e^2x) = 3e^x + 2e^2x
    expect(flat(x.grad!)[0]).toBeCloseTo(3 * Math.E + 2 * Math.E ** 2, 12);
    expect(flat(x.grad!)[1]).toBeCloseTo(3 * Math.E ** 2 + 2 * Math.E ** 4, 10);
  });

  it('the gradient stored in .grad is a plain tensor: no history, own memory', () => {
    const x = f64([1, 2]);
    const upstream = f64([5, 7], false);
    x.backward(upstream); // a leaf's backward copies the gradient into .grad
    expect(x.grad!.gradFn).toBeNull();
    expect(x.grad!.requiresGrad).toBe(false);
    expect(x.grad!.storage).not.toBe(upstream.storage);
    upstream.storage.data[0] = 99;
    expect(flat(x.grad!)).toEqual([5, 7]);
  });
});

describe('grad mode', () => {
  it('noGrad records nothing: results do not require grad and have no gradFn', () => {
    const x = f64([1, 2]);
    const y = noGrad(() => {
      expect(isGradEnabled()).toBe(false);
      return x.mul(2).exp().sum();
    });
    expect(isGradEnabled()).toBe(true);
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(() => y.backward()).toThrow(/does not require grad/);
  });

  it('enableGrad inside noGrad records again', () => {
    const x = f64([1, 2]);
    const y = noGrad(() => enableGrad(() => x.mul(2)));
    expect(y.requiresGrad).toBe(true);
    expect(y.gradFn?.name).toBe('MulBackward0');
    y.sum().backward();
    expect(flat(x.grad!)).toEqual([2, 2]);
  });

  it('grad mode is restored when the function throws', () => {
    expect(() => noGrad(() => { throw new Error('boom'); })).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
  });

  it('ops on tensors that do not require grad record nothing; one input requiring grad is enough', () => {
    const a = f64([1, 2], false);
    const b = f64([3, 4]);
    expect(a.mul(a).gradFn).toBeNull();
    expect(a.mul(a).requiresGrad).toBe(false);
    expect(a.mul(b).requiresGrad).toBe(true);
    expect(b.mul(a).gradFn?.name).toBe('MulBackward0');
  });
});

describe('detach() and .data', () => {
  it('share storage with the original and are untracked leaves', () => {
    const x = f64([1, 2, 3]);
    for (const d of [x.detach(), x.data]) {
      expect(d.storage).toBe(x.storage);
      expect(d.requiresGrad).toBe(false);
      expect(d.gradFn).toBeNull();
      expect(d.isLeaf).toBe(true);
      expect(d.mul(2).requiresGrad).toBe(false);
    }
    x.data.storage.data[1] = 20; // a write through .data is seen by x
    expect(flat(x)).toEqual([1, 20, 3]);
  });

  it('detach of a non-leaf cuts the graph: no gradient flows through it', () => {
    const x = f64([1, 2]);
    const y = x.mul(3);
    y.detach().mul(y).sum().backward(); // only the second factor is tracked: d = y.detach() * 3
    expect(flat(x.grad!)).toEqual([9, 18]);
  });

  it('W.data.add_(W.grad.mul(-50)) updates a leaf in place (the lecture\'s step, N22) and lowers the loss', () => {
    const w = values(27 * 27, 42);
    const W = fromValues(w, [27, 27], 'float32', true);
    const xs = tensor([0, 5, 13, 13, 1]);
    const ys = tensor([5, 13, 13, 1, 0]);
    const lossOf = () => {
      const logits = oneHot(xs, 27).float().matmul(W);
      const counts = logits.exp();
      const probs = counts.div(counts.sum(1, true));
      return probs.index(arange(5), ys).log().mean().neg();
    };
    const loss0 = lossOf();
    loss0.backward();
    const g = flat(W.grad!);
    const storage = W.storage;
    W.data.add_(W.grad!.mul(-50));
    expect(W.storage).toBe(storage); // same memory
    expect(W.isLeaf).toBe(true);
    expect(W.requiresGrad).toBe(true);
    expect(W.gradFn).toBeNull();
    const now = flat(W);
    for (let i = 0; i < w.length; i++) expect(now[i]).toBeCloseTo(Math.fround(w[i] + Math.fround(-50 * g[i])), 5);
    expect(lossOf().item()).toBeLessThan(loss0.item());
  });
});

describe('retainGrad', () => {
  it('keeps a non-leaf\'s gradient; without it a non-leaf\'s grad stays null', () => {
    const x = f64([1, 2]);
    const h = x.mul(3).retainGrad();
    const k = x.mul(4);
    h.mul(h).add(k).sum().backward();
    expect(flat(h.grad!)).toEqual([6, 12]); // d(h²)/dh = 2h
    expect(k.grad).toBeNull();
    expect(flat(x.grad!)).toEqual([22, 40]); // 2h·3 + 4
  });

  it('a retained gradient accumulates over backward calls like a leaf\'s', () => {
    const x = f64([1, 2]);
    const h = x.mul(3).retainGrad();
    const l = h.sum();
    l.backward({ retainGraph: true });
    l.backward();
    expect(flat(h.grad!)).toEqual([2, 2]);
  });

  it('cannot be called on a tensor that does not require grad', () => {
    expect(() => f64([1], false).retainGrad()).toThrow(/requires_grad=false/);
  });
});

describe('backward errors', () => {
  it('backward on a non-scalar without a gradient: a clear error', () => {
    const x = f64([1, 2]);
    expect(() => x.mul(2).backward()).toThrow(/only for scalar outputs.*\[2\]/);
  });

  it('backward(gradient) with a gradient of the output\'s shape works; a wrong shape is an error', () => {
    const x = f64([1, 2]);
    x.mul(x).backward(f64([1, 10], false));
    expect(flat(x.grad!)).toEqual([2, 40]);
    expect(() => x.mul(2).backward(fromValues([1, 1, 1], [3]))).toThrow(/shape.*\[3\].*\[2\]/);
    expect(() => x.mul(2).backward(fromValues([1, 1], [1, 2]))).toThrow(/shape/);
  });

  it('backward twice without retainGraph: an error that mentions retainGraph', () => {
    const x = f64([1, 2]);
    const l = x.exp().sum();
    l.backward();
    expect(() => l.backward()).toThrow(/second time[\s\S]*retainGraph/);
  });

  it('a graph that saved no tensors can run backward twice without retainGraph, as in PyTorch', () => {
    // torch: y = (x + 1).sum(); y.backward(); y.backward() works (AddBackward0 and SumBackward0 save no tensor)
    const x = f64([1, 2]);
    const l = x.add(1).neg().sum();
    l.backward();
    l.backward();
    expect(flat(x.grad!)).toEqual([-2, -2]); // -1 twice: the gradients accumulate
    // one node that saved a tensor is enough to refuse
    const m = x.add(1).exp().sum();
    m.backward();
    expect(() => m.backward()).toThrow(/ExpBackward0's saved tensors were freed/);
  });

  it('with { retainGraph: true } backward runs twice and the gradients accumulate', () => {
    const x = f64([1, 2]);
    const l = x.exp().mul(x).sum();
    l.backward({ retainGraph: true });
    l.backward({ retainGraph: true });
    // d(x e^x) = (1 + x) e^x, twice
    expect(flat(x.grad!)[0]).toBeCloseTo(2 * 2 * Math.E, 12);
    expect(flat(x.grad!)[1]).toBeCloseTo(2 * 3 * Math.E ** 2, 12);
    l.backward(); // a third time without retaining, then the graph is gone
    expect(() => l.backward()).toThrow(/retainGraph/);
  });

  it('backward on a tensor that does not require grad: an error', () => {
    expect(() => f64([1], false).sum().backward()).toThrow(/does not require grad/);
  });
});

describe('which tensors may require grad', () => {
  it('int32 and bool tensors cannot require grad (an error), floats can', () => {
    expect(() => tensor([1, 2], { dtype: 'int32', requiresGrad: true })).toThrow(/floating point/);
    expect(() => tensor([1, 2]).requiresGrad_()).toThrow(/floating point.*int32/);
    expect(() => { tensor([true, false]).requiresGrad = true; }).toThrow(/floating point.*bool/);
    expect(() => arange(3).requiresGrad_()).toThrow(/floating point/);
    expect(tensor([1, 2], { requiresGrad: true }).dtype).toBe('float32');
    expect(zeros([2], { dtype: 'float64', requiresGrad: true }).requiresGrad).toBe(true);
    expect(tensor([1, 2]).requiresGrad_(false).requiresGrad).toBe(false);
  });

  it('requiresGrad cannot be switched off on a non-leaf (use detach)', () => {
    const y = f64([1]).mul(2);
    expect(() => y.requiresGrad_(false)).toThrow(/leaf/);
  });

  it('integer results of float ops (argmax, comparisons, casts to int) do not require grad', () => {
    const x = f64([1, 3, 2]);
    expect(x.argmax().requiresGrad).toBe(false);
    expect(x.gt(1).requiresGrad).toBe(false);
    expect(x.int().requiresGrad).toBe(false);
    expect(x.max(0).indices.requiresGrad).toBe(false);
  });
});

describe('mixed float32/float64 operands', () => {
  it('each input receives its gradient in its own dtype (float32 · float64 → float64 result)', () => {
    const a32 = fromValues([1.5, -2, 0.25], [3], 'float32', true);
    const b64 = fromValues([2, 3, -4], [3], 'float64', true);
    const y = a32.mul(b64);
    expect(y.dtype).toBe('float64');
    y.mul(fromValues([1, 10, 100], [3])).sum().backward();
    expect(a32.grad!.dtype).toBe('float32');
    expect(b64.grad!.dtype).toBe('float64');
    expect(flat(a32.grad!)).toEqual([2, 30, -400]);
    expect(flat(b64.grad!)).toEqual([1.5, -20, 25]);
  });

  it('a float64 0-d tensor against a float32 tensor (float32 result) gets a float64 gradient', () => {
    const a32 = fromValues([1, 2, 3], [3], 'float32', true);
    const s64 = fromValues([2], [], 'float64', true);
    const y = a32.mul(s64);
    expect(y.dtype).toBe('float32');
    y.sum().backward();
    expect(s64.grad!.dtype).toBe('float64');
    expect(s64.grad!.item()).toBe(6);
    expect(flat(a32.grad!)).toEqual([2, 2, 2]);
  });
});

describe('leaves and gradFn names', () => {
  it('user-created tensors are leaves; op results that require grad are not', () => {
    const x = f64([1, 2]);
    expect(x.isLeaf).toBe(true);
    expect(x.gradFn).toBeNull();
    const y = x.mul(2);
    expect(y.isLeaf).toBe(false);
    expect(f64([1], false).mul(2).isLeaf).toBe(true); // nothing recorded: a leaf, as in PyTorch
  });

  it('gradFn names follow PyTorch', () => {
    const x = fromValues([1, 2, 3, 4, 5, 6], [2, 3], 'float32', true);
    const v = fromValues([1, 2, 3], [3], 'float32', true);
    const idx = tensor([0, 0, 1]);
    const cases: [Tensor, string][] = [
      [x.mean(), 'MeanBackward0'],
      [x.mean(1), 'MeanBackward1'],
      [x.add(1), 'AddBackward0'],
      [add(1, x), 'AddBackward0'],
      [x.add(v), 'AddBackward0'],
      [x.sub(v), 'SubBackward0'],
      [sub(1, x), 'SubBackward0'],
      [x.mul(3), 'MulBackward0'],
      [mul(x, v), 'MulBackward0'],
      [x.div(v), 'DivBackward0'],
      [div(1, x), 'DivBackward0'],
      [x.neg(), 'NegBackward0'],
      [x.pow(2), 'PowBackward0'],
      [x.pow(v), 'PowBackward1'],
      [pow(2, x), 'PowBackward2'],
      [x.exp(), 'ExpBackward0'],
      [x.log(), 'LogBackward0'],
      [x.sqrt(), 'SqrtBackward0'],
      [x.tanh(), 'TanhBackward0'],
      [x.relu(), 'ReluBackward0'],
      [x.sum(), 'SumBackward0'],
      [x.sum(0), 'SumBackward1'],
      [x.max(1).values, 'MaxBackward0'],
      [x.max(), 'MaxBackward1'],
      [x.matmul(x.transpose(0, 1)), 'MmBackward0'],
      [x.view(3, 2), 'ViewBackward0'],
      [x.transpose(0, 1), 'TransposeBackward0'],
      [x.permute(1, 0), 'PermuteBackward0'],
      [x.T, 'PermuteBackward0'], // torch: x.T is a permute (x.t() would be TBackward0)
      [x.index(0).matmul(x.index(1)), 'DotBackward0'],
      [x.matmul(x.index(0)), 'MvBackward0'],
      [x.index(null, 0).matmul(x), 'SqueezeBackward1'],
      [x.unsqueeze(0), 'UnsqueezeBackward0'],
      [x.unsqueeze(0).squeeze(), 'SqueezeBackward0'],
      [x.unsqueeze(0).squeeze(0), 'SqueezeBackward1'],
      [x.unsqueeze(0).expand(4, 2, 3), 'ExpandBackward0'],
      [x.select(0, 1), 'SelectBackward0'],
      [x.index(1), 'SelectBackward0'],
      [x.narrow(1, 0, 2), 'SliceBackward0'],
      [x.index(null, slice(0, 3, 2)), 'SliceBackward0'],
      [x.index(idx), 'IndexBackward0'],
      [x.clone(), 'CloneBackward0'],
      [x.transpose(0, 1).contiguous(), 'CloneBackward0'],
      [x.double(), 'ToCopyBackward0'],
    ];
    for (const [t, name] of cases) {
      expect(t.gradFn?.name, name).toBe(name);
      expect(t.isLeaf).toBe(false);
      expect(t.requiresGrad).toBe(true);
    }
  });

  it('views of tensors that require grad keep the history (also 0-d)', () => {
    const s = fromValues([2], [], 'float64', true);
    for (const t of [s.transpose(0, 0), s.transpose(-1, 0), s.unsqueeze(0), s.reshape(1, 1), s.permute(), s.expand(3), s.view(-1)]) {
      expect(t.requiresGrad).toBe(true);
      expect(t.gradFn).not.toBeNull();
    }
    s.transpose(0, 0).mul(5).backward();
    expect(s.grad!.item()).toBe(5);
  });

  it('a float32 scalar loss backward seeds with ones of its dtype', () => {
    const x = ones([3], { requiresGrad: true });
    x.sum().backward();
    expect(x.grad!.dtype).toBe('float32');
    expect(flat(x.grad!)).toEqual([1, 1, 1]);
  });
});

describeIfFile(referencePath('torch/repr.json'), 'printing tensors that require grad (repr.json)', () => {
  const cases = loadReference<{ cases: Record<string, { expr: string; repr: string }> }>('torch/repr.json').cases;

  it('requires_grad: torch.tensor([[1.0, 2.0]], requires_grad=True)', () => {
    const t = tensor([[1.0, 2.0]], { requiresGrad: true });
    expect(t.toString()).toBe(cases.requires_grad.repr);
  });

  it('grad_fn_mean: (torch.tensor([[1.0, 2.0]], requires_grad=True) * 3).mean()', () => {
    const t = tensor([[1.0, 2.0]], { requiresGrad: true }).mul(3).mean();
    expect(t.toString()).toBe(cases.grad_fn_mean.repr);
  });

  it('grad_fn_add: torch.tensor([[1.0, 2.0]], requires_grad=True) + 1', () => {
    const t = tensor([[1.0, 2.0]], { requiresGrad: true }).add(1);
    expect(t.toString()).toBe(cases.grad_fn_add.repr);
  });

  it('a detached or noGrad result prints without requires_grad or grad_fn', () => {
    const t = tensor([[1.0, 2.0]], { requiresGrad: true });
    expect(t.add(1).detach().toString()).toBe('tensor([[2., 3.]])');
    expect(noGrad(() => t.add(1)).toString()).toBe('tensor([[2., 3.]])');
  });
});
