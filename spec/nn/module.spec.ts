/**
 * nn/parameter.ts and nn/module.ts: what a module registers and under which names, zeroGrad,
 * train/eval, and state dicts (sharing, loading, and every loading error with its message).
 */
import { describe, expect, it } from 'vitest';
import { Generator, Tensor, tensor, zeros } from '../../engine/index.js';
import { Embedding, Linear, Module, Parameter, StateDictError } from '../../nn/index.js';

const g = () => new Generator().manualSeed(1234);

class TwoLayer extends Module {
  hidden = new Linear(2, 4, { generator: g() });
  out = new Linear(4, 1, { generator: g() });
  scale = 3; // not a parameter
  plain = tensor([1, 2], { requiresGrad: true }); // a plain tensor is not registered (as in PyTorch)
  forward(x: Tensor): Tensor {
    return this.out.forward(this.hidden.forward(x).tanh());
  }
}

class Stack extends Module {
  layers = [new Linear(3, 3, { generator: g() }), new Linear(3, 2, { bias: false, generator: g() })];
  gain = new Parameter(tensor([1], { dtype: 'float32' }));
}

describe('Parameter', () => {
  it('is a leaf tensor that requires grad and shares the storage of its data', () => {
    const data = zeros([2, 3]);
    const p = new Parameter(data);
    expect(p).toBeInstanceOf(Tensor);
    expect(p.requiresGrad).toBe(true);
    expect(p.isLeaf).toBe(true);
    expect(p.storage).toBe(data.storage);
    expect(new Parameter(data, false).requiresGrad).toBe(false);
  });

  it('is a leaf even when made from a tensor with history', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const p = new Parameter(x.mul(2));
    expect(p.isLeaf).toBe(true);
    expect(p.gradFn).toBeNull();
  });

  it('prints as PyTorch does ("Parameter containing:")', () => {
    expect(new Parameter(tensor([1.5, 2], { dtype: 'float32' })).toString()).toBe('Parameter containing:\ntensor([1.5000, 2.0000], requires_grad=True)');
  });

  it('rejects integer data and non-tensors', () => {
    expect(() => new Parameter(tensor([1, 2]))).toThrow(/only tensors of floating point dtype can require gradients, got int32/);
    expect(() => new Parameter([1, 2] as unknown as Tensor)).toThrow('Parameter: data must be a Tensor, got object');
  });
});

describe('Module: registration and names', () => {
  it('names parameters through submodules with dots, in assignment order', () => {
    const net = new TwoLayer();
    expect(net.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['hidden.weight', [4, 2]],
      ['hidden.bias', [4]],
      ['out.weight', [1, 4]],
      ['out.bias', [1]],
    ]);
    expect(net.parameters()).toEqual([net.hidden.weight, net.hidden.bias, net.out.weight, net.out.bias]);
    expect(net.namedChildren().map(([n]) => n)).toEqual(['hidden', 'out']);
  });

  it('names array members by position and skips a missing bias', () => {
    expect(new Stack().namedParameters().map(([n]) => n)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'gain']);
  });

  it('lists a shared parameter once, under its first name', () => {
    class Tied extends Module {
      a = new Embedding(5, 3, { generator: g() });
      b = new Linear(3, 5, { bias: false, generator: g() });
      constructor() {
        super();
        (this.b as { weight: Parameter }).weight = this.a.weight; // weight tying
      }
    }
    const m = new Tied();
    expect(m.namedParameters().map(([n]) => n)).toEqual(['a.weight']);
  });

  it('does not loop on a module that refers back to its parent', () => {
    class Child extends Module {
      w = new Parameter(zeros([1]));
      parent: Module | null = null;
    }
    class Parent extends Module {
      child = new Child();
    }
    const p = new Parent();
    p.child.parent = p;
    expect(p.namedParameters().map(([n]) => n)).toEqual(['child.w']);
    expect(p.eval().child.training).toBe(false);
  });
});

describe('Module: zeroGrad, train/eval', () => {
  it('zeroGrad zeroes existing gradients in place (PyTorch 1.13 default) and leaves missing ones null', () => {
    const net = new TwoLayer();
    net.forward(tensor([[1, 2]], { dtype: 'float32' })).sum().backward();
    const gradBefore = net.hidden.weight.grad!;
    net.out.bias!.grad = null;
    net.zeroGrad();
    expect(net.hidden.weight.grad).toBe(gradBefore);
    expect(Array.from(gradBefore.toTypedArray())).toEqual(new Array(8).fill(0));
    expect(net.out.bias!.grad).toBeNull();
  });

  it('zeroGrad({ setToNone: true }) drops the gradients (the lecture\'s W.grad = None)', () => {
    const net = new TwoLayer();
    net.forward(tensor([[1, 2]], { dtype: 'float32' })).sum().backward();
    net.zeroGrad({ setToNone: true });
    expect(net.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('train()/eval() set the training flag on the module and every submodule, and return the module', () => {
    const net = new TwoLayer();
    expect(net.training && net.hidden.training).toBe(true);
    expect(net.eval()).toBe(net);
    expect([net.training, net.hidden.training, net.out.training]).toEqual([false, false, false]);
    net.train();
    expect([net.training, net.hidden.training, net.out.training]).toEqual([true, true, true]);
    net.train(false);
    expect(net.out.training).toBe(false);
  });
});

describe('Module: stateDict / loadStateDict', () => {
  it('stateDict holds detached tensors that share storage with the parameters', () => {
    const lin = new Linear(3, 2, { generator: g() });
    const sd = lin.stateDict();
    expect(Object.keys(sd)).toEqual(['weight', 'bias']);
    expect(sd.weight.requiresGrad).toBe(false);
    expect(sd.weight.storage).toBe(lin.weight.storage);
  });

  it('loadStateDict copies values (converting dtype) into the existing parameters', () => {
    const a = new TwoLayer();
    const b = new TwoLayer();
    b.hidden.resetParameters(new Generator().manualSeed(99));
    const storage = b.hidden.weight.storage;
    expect(b.loadStateDict(a.stateDict())).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(b.hidden.weight.storage).toBe(storage);
    for (const [n, p] of b.namedParameters()) expect(p.tolist()).toEqual(a.stateDict()[n].tolist());
    const w64 = new Linear(2, 1, { generator: g() });
    w64.loadStateDict({ weight: tensor([[0.5, 0.25]], { dtype: 'float64' }), bias: tensor([1.5], { dtype: 'float64' }) });
    expect(w64.weight.dtype).toBe('float32');
    expect(w64.weight.tolist()).toEqual([[0.5, 0.25]]);
  });

  it('a wrong shape is an error naming the key and both shapes, even when not strict', () => {
    const lin = new Linear(3, 2, { generator: g() });
    const bad = { weight: zeros([3, 2]), bias: zeros([2]) };
    const msg = 'Error(s) in loading state_dict for Linear:\n\tsize mismatch for weight: copying a param with shape [3, 2] from checkpoint, the shape in current model is [2, 3].';
    expect(() => lin.loadStateDict(bad)).toThrow(StateDictError);
    expect(() => lin.loadStateDict(bad)).toThrow(msg);
    expect(() => lin.loadStateDict(bad, { strict: false })).toThrow(msg);
  });

  it('missing and unexpected keys are errors when strict, listed together; nothing is copied', () => {
    const lin = new Linear(3, 2, { generator: g() });
    const before = lin.weight.tolist();
    const state = { weight: zeros([2, 3]), bais: zeros([2]), extra: zeros([1]) };
    expect(() => lin.loadStateDict(state)).toThrow(
      'Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: "bias".\n\tUnexpected key(s) in state_dict: "bais", "extra".',
    );
    expect(lin.weight.tolist()).toEqual(before);
  });

  it('with strict: false, missing and unexpected keys are returned and the rest is loaded', () => {
    const lin = new Linear(3, 2, { generator: g() });
    const bias = lin.bias!.tolist();
    expect(lin.loadStateDict({ weight: zeros([2, 3]), other: zeros([1]) }, { strict: false })).toEqual({ missingKeys: ['bias'], unexpectedKeys: ['other'] });
    expect(lin.weight.tolist()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(lin.bias!.tolist()).toEqual(bias);
  });

  it('every problem is reported at once, and non-tensor values are named', () => {
    const net = new TwoLayer();
    const sd: Record<string, Tensor> = { ...net.stateDict(), 'hidden.bias': zeros([5]), 'out.weight': [1, 2] as unknown as Tensor };
    delete sd['out.bias'];
    expect(() => net.loadStateDict(sd)).toThrow(
      'Error(s) in loading state_dict for TwoLayer:\n\tMissing key(s) in state_dict: "out.bias".\n\t' +
        'size mismatch for hidden.bias: copying a param with shape [5] from checkpoint, the shape in current model is [4].\n\t' +
        'value for "out.weight" must be a Tensor, got object.',
    );
  });

  it('loading does not record a graph and leaves the parameters leaves', () => {
    const lin = new Linear(2, 2, { generator: g() });
    const src = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    lin.loadStateDict({ weight: src.mul(2), bias: zeros([2]) });
    expect(lin.weight.isLeaf).toBe(true);
    expect(lin.weight.gradFn).toBeNull();
    expect(lin.weight.tolist()).toEqual([[2, 4], [6, 8]]);
  });
});
