/**
 * Tanh / ReLU / Sigmoid modules, Sequential, Flatten, softplus and Module.toString: against the
 * engine ops they wrap, naive formulas, PyTorch's printed reprs (scripts/fixtures/nn.py) and
 * its softplus values and gradients (float64), and their errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Generator, gradcheck, randn, tensor, Tensor, zeros } from '../../engine/index.js';
import { BatchNorm1d, Dropout, Embedding, Flatten, Linear, Module, ReLU, Sequential, Sigmoid, Tanh, softplus } from '../../nn/index.js';
import { pythonFloatRepr } from '../../nn/python-repr.js';
import { fromBits, tensorFromBits, torchNn } from '../support/torch-bits.js';

describe('activation modules', () => {
  it('Tanh, ReLU and Sigmoid apply their op and have no parameters', () => {
    const x = randn([3, 4], { generator: new Generator().manualSeed(1) });
    expect(new Tanh().forward(x).tolist()).toEqual(x.tanh().tolist());
    expect(new ReLU().forward(x).tolist()).toEqual(x.relu().tolist());
    expect(new Sigmoid().forward(x).tolist()).toEqual(x.sigmoid().tolist());
    for (const m of [new Tanh(), new ReLU(), new Sigmoid()]) expect(m.parameters()).toEqual([]);
    expect(() => new Tanh().forward(null as never)).toThrow('Tanh: expected a Tensor, got null');
    expect(() => new ReLU().forward(3 as never)).toThrow('ReLU: expected a Tensor, got number');
    expect(() => new Sigmoid().forward('x' as never)).toThrow('Sigmoid: expected a Tensor, got string');
  });
});

describe('Sequential', () => {
  it('chains forward, names parameters 0.weight, … as PyTorch, and trains/evals every layer', () => {
    const g = new Generator().manualSeed(0);
    const l0 = new Linear(4, 3, { generator: g }), l2 = new Linear(3, 2, { generator: g });
    const seq = new Sequential(l0, new Tanh(), l2);
    const x = randn([5, 4], { generator: g });
    expect(seq.forward(x).tolist()).toEqual(l2.forward(l0.forward(x).tanh()).tolist());
    expect(seq.namedParameters().map(([n]) => n)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(Object.keys(seq.stateDict())).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(seq.length).toBe(3);
    expect(seq.at(-1)).toBe(l2);
    expect([...seq].length).toBe(3);
    seq.eval();
    expect([...seq].every((m) => !m.training)).toBe(true);
    expect(seq.append(new ReLU()).length).toBe(4);
    expect(new Sequential().forward(x)).toBe(x);
  });

  it('errors name the problem', () => {
    expect(() => new Sequential(new Linear(2, 2), {} as never)).toThrow('Sequential: argument 1 must be a Module with a forward(x) method, got object');
    expect(() => new Sequential(new Module() as never)).toThrow('Sequential: argument 0 must be a Module with a forward(x) method, got Module');
    expect(() => new Sequential(new Tanh()).at(1)).toThrow('Sequential: index 1 is out of range for 1 layers');
  });
});

describe('Flatten', () => {
  it('merges startDim … endDim as torch.flatten, against the shape arithmetic', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 }), fc.nat(), fc.nat(), (shape, a, b) => {
        const n = shape.length;
        const s = a % n, e = s + (b % (n - s));
        const x = zeros(shape);
        const want = [...shape.slice(0, s), shape.slice(s, e + 1).reduce((p, d) => p * d, 1), ...shape.slice(e + 1)];
        expect(new Flatten(s, e).forward(x).shape).toEqual(want);
        expect(new Flatten(s - n, e - n).forward(x).shape).toEqual(want); // negative dims
      }),
    );
    const x = tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
    expect(new Flatten().forward(x).tolist()).toEqual([[1, 2, 3, 4], [5, 6, 7, 8]]);
    expect(new Flatten(0).forward(x.transpose(0, 2)).tolist()).toEqual([1, 5, 3, 7, 2, 6, 4, 8]); // a copy when needed
    expect(new Flatten(0).forward(tensor(5)).shape).toEqual([1]);
  });

  it('errors name the problem', () => {
    expect(() => new Flatten(2).forward(zeros([2, 3]))).toThrow('Flatten: startDim 2 is out of range for a 2-D input (expected to be in range of [-2, 1])');
    expect(() => new Flatten(1, 0).forward(zeros([2, 3]))).toThrow('Flatten: start_dim cannot come after end_dim (startDim 1 → 1, endDim 0 → 0 for a 2-D input)');
    expect(() => new Flatten(0.5)).toThrow('Flatten: startDim and endDim must be integers, got 0.5 and -1');
  });
});

describe('Module.toString', () => {
  it("prints PyTorch's repr for Linear, Embedding, BatchNorm1d, Dropout, Flatten, activations, nested Sequentials", () => {
    const r = torchNn.reprs;
    expect(String(new Sequential(new Linear(30, 200), new Tanh()))).toBe(r.mlp);
    expect(String(new Sequential(new Embedding(27, 10), new Flatten(), new Linear(30, 200, { bias: false }), new BatchNorm1d(200), new Tanh(),
      new Linear(200, 27), new Dropout(0.2), new ReLU(), new Sigmoid()))).toBe(r.makemore);
    expect(String(new BatchNorm1d(64, { eps: 1e-3, momentum: null, affine: false }))).toBe(r.batchnorm_options);
    expect(String(new BatchNorm1d(5, { momentum: 0.01 }))).toBe(r.batchnorm_momentum);
    expect(String(new Flatten(0, 2))).toBe(r.flatten);
    expect(String(new Dropout())).toBe(r.dropout);
    expect(String(new Sequential(new Sequential(new Linear(2, 3), new ReLU()), new Linear(3, 1, { bias: false })))).toBe(r.nested);
    expect(String(new Sequential())).toBe(r.empty_sequential);
    expect(String(new Embedding(100, 16))).toBe(r.embedding);
  });

  it('a custom module prints its children by property name; arrays print as ModuleList', () => {
    class Net extends Module {
      hidden = new Linear(2, 3);
      layers = [new Tanh(), new ReLU()];
    }
    expect(String(new Net())).toBe(
      'Net(\n  (hidden): Linear(in_features=2, out_features=3, bias=True)\n  (layers): ModuleList(\n    (0): Tanh()\n    (1): ReLU()\n  )\n)',
    );
  });

  it("pythonFloatRepr is Python's repr(float)", () => {
    const cases: [number, string][] = [[1e-5, '1e-05'], [0.1, '0.1'], [0.001, '0.001'], [1e-4, '0.0001'], [5, '5.0'], [0.5, '0.5'], [1e16, '1e+16'],
      [123456789012345.6, '123456789012345.6'], [-2.5e-7, '-2.5e-07'], [1.5e300, '1.5e+300'], [0, '0.0'], [Infinity, 'inf'], [NaN, 'nan']];
    for (const [x, s] of cases) expect(pythonFloatRepr(x)).toBe(s);
  });
});

describe('softplus', () => {
  it("equals PyTorch's values and gradients in float64 (beta, threshold)", () => {
    const x0 = tensorFromBits(torchNn.softplus.x, [torchNn.softplus.x.length]);
    for (const c of torchNn.softplus.cases) {
      const x = x0.detach().clone().requiresGrad_(true);
      const y = softplus(x, c.beta, c.threshold);
      y.sum().backward();
      const ys = y.tolist() as number[], gs = (x.grad as Tensor).tolist() as number[];
      c.y.forEach((h: string, i: number) => expect(Math.abs(ys[i] - fromBits(h)), `y[${i}] beta ${c.beta}`).toBeLessThanOrEqual(2 * Number.EPSILON * Math.abs(fromBits(h))));
      c.grad.forEach((h: string, i: number) => expect(Math.abs(gs[i] - fromBits(h)), `grad[${i}] beta ${c.beta}`).toBeLessThanOrEqual(2 * Number.EPSILON * Math.abs(fromBits(h))));
    }
  });

  it('is log(1 + e^{βx})/β below the threshold and x above, naive in double; gradcheck', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { maxLength: 20 }), fc.double({ min: 0.25, max: 4, noNaN: true }), (xs, beta) => {
        const y = softplus(tensor(xs, { dtype: 'float64' }), beta, 20).tolist() as number[];
        xs.forEach((v, i) => {
          const want = v * beta > 20 ? v : Math.log(1 + Math.exp(v * beta)) / beta;
          expect(Math.abs(y[i] - want)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(want)));
        });
      }),
    );
    const x = tensor([[-3, -0.5, 0], [0.25, 1, 4]], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((a) => softplus(a, 1.5, 3), [x]).ok).toBe(true);
    expect(gradcheck((a) => softplus(a.T), [x]).ok).toBe(true);
    expect(softplus(x).gradFn?.name).toBe('SoftplusBackward0');
  });

  it('errors name the problem', () => {
    expect(() => softplus(tensor([1, 2]))).toThrow('softplus: input must be a floating-point tensor (float32 or float64), got int32 of shape [2]');
    expect(() => softplus(zeros([1]), 'a' as never)).toThrow('softplus: beta and threshold must be numbers, got string and number');
  });
});
