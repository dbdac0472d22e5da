/**
 * BatchNorm1d: train-mode output and running statistics over three steps against a plain-loop
 * computation in double (2-D and 3-D input, momentum and the cumulative average), eval mode
 * against the running statistics, gradients by gradcheck and against PyTorch's, PyTorch's
 * float32 outputs and running statistics (scripts/fixtures/nn.py), the state dict, and errors.
 */
import { describe, expect, it } from 'vitest';
import { Generator, gradcheck, linspace, noGrad, rand, tensor, Tensor, zeros } from '../../engine/index.js';
import { BatchNorm1d } from '../../nn/index.js';
import { fromBits, tensorFromBits, torchNn } from '../support/torch-bits.js';

/** Values of x[n, c, l] for a [N, C] or [N, C, L] array as nested lists, per channel. */
function channel(x: number[], shape: number[], c: number): number[] {
  const [N, C, L = 1] = shape;
  const out: number[] = [];
  for (let n = 0; n < N; n++) for (let l = 0; l < L; l++) out.push(x[n * C * L + c * L + l]);
  return out;
}

/** One training step by hand: output, and the new running mean / variance. */
function handStep(x: number[], shape: number[], w: number[], b: number[], rm: number[], rv: number[], m: number, eps: number) {
  const [N, C, L = 1] = shape;
  const y = new Array(x.length).fill(0);
  const newM = rm.slice(), newV = rv.slice();
  for (let c = 0; c < C; c++) {
    const v = channel(x, shape, c);
    const n = v.length;
    const mean = v.reduce((s, a) => s + a, 0) / n;
    const ss = v.reduce((s, a) => s + (a - mean) ** 2, 0);
    const biased = ss / n, unbiased = ss / (n - 1);
    for (let i = 0; i < N; i++) for (let l = 0; l < L; l++) {
      const k = i * C * L + c * L + l;
      y[k] = ((x[k] - mean) / Math.sqrt(biased + eps)) * w[c] + b[c];
    }
    newM[c] = (1 - m) * rm[c] + m * mean;
    newV[c] = (1 - m) * rv[c] + m * unbiased;
  }
  return { y, newM, newV };
}

function expectAllClose(actual: number[], expected: number[], tol: number, what: string) {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]), `${what}[${i}]: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i]))));
}

describe('BatchNorm1d: training mode over three steps, by hand', () => {
  for (const [shape, momentum] of [[[8, 3], 0.1], [[4, 3, 5], 0.3], [[6, 2], null]] as [number[], number | null][]) {
    it(`input ${JSON.stringify(shape)}, momentum ${momentum}`, () => {
      const C = shape[1];
      const bn = new BatchNorm1d(C, { momentum, dtype: 'float64' });
      const w = Array.from({ length: C }, (_, c) => 0.5 + c), b = Array.from({ length: C }, (_, c) => c / 4 - 0.1);
      noGrad(() => {
        bn.weight?.copy_(tensor(w, { dtype: 'float64' }));
        bn.bias?.copy_(tensor(b, { dtype: 'float64' }));
      });
      let rm = new Array(C).fill(0), rv = new Array(C).fill(1);
      const g = new Generator().manualSeed(5);
      for (let step = 1; step <= 3; step++) {
        const x = rand(shape, { dtype: 'float64', generator: g }).mul(4 * step).sub(1);
        const xs = Array.from(x.toTypedArray());
        const m = momentum ?? 1 / step; // null: the cumulative average
        const want = handStep(xs, shape, w, b, rm, rv, m, 1e-5);
        expectAllClose(Array.from(bn.forward(x).toTypedArray()), want.y, 1e-12, `step ${step} output`);
        rm = want.newM; rv = want.newV;
        expectAllClose(Array.from((bn.runningMean as Tensor).toTypedArray()), rm, 1e-14, `step ${step} running mean`);
        expectAllClose(Array.from((bn.runningVar as Tensor).toTypedArray()), rv, 1e-14, `step ${step} running var`);
        expect((bn.numBatchesTracked as Tensor).item()).toBe(step);
      }
      // eval: the running statistics, which it leaves alone
      bn.eval();
      const before = (bn.runningMean as Tensor).tolist();
      const x = rand(shape, { dtype: 'float64', generator: g });
      const xs = Array.from(x.toTypedArray());
      const y = Array.from(bn.forward(x).toTypedArray());
      const want = xs.map((v, k) => {
        const c = shape.length === 2 ? k % C : Math.floor(k / shape[2]) % C;
        return ((v - rm[c]) / Math.sqrt(rv[c] + 1e-5)) * w[c] + b[c];
      });
      expectAllClose(y, want, 1e-12, 'eval output');
      expect((bn.numBatchesTracked as Tensor).item()).toBe(3);
      expect((bn.runningMean as Tensor).tolist()).toEqual(before);
    });
  }

  it('affine: false has no parameters; trackRunningStats: false normalises by the batch in eval too', () => {
    const bn = new BatchNorm1d(3, { affine: false, trackRunningStats: false });
    expect([bn.parameters().length, bn.runningMean, bn.numBatchesTracked]).toEqual([0, null, null]);
    const x = rand([5, 3], { generator: new Generator().manualSeed(1) });
    const yTrain = bn.forward(x).tolist();
    expect(bn.eval().forward(x).tolist()).toEqual(yTrain);
    expect(Object.keys(bn.stateDict())).toEqual([]);
  });
});

describe('BatchNorm1d against PyTorch 1.13.1', () => {
  it('float32 outputs and running statistics over three steps and eval (within a few float32 ulps: PyTorch folds the normalisation into x·α + β)', () => {
    for (const run of torchNn.batchnorm) {
      const C = run.shape[1];
      const bn = new BatchNorm1d(C, { momentum: run.momentum, affine: run.affine });
      if (run.affine) noGrad(() => { bn.weight?.copy_(linspace(0.5, 1.5, C)); bn.bias?.copy_(linspace(-0.2, 0.3, C)); });
      run.steps.forEach((st: { x: string[]; y: string[]; running_mean: string[]; running_var: string[]; num_batches_tracked: number }, s: number) => {
        const y = Array.from(bn.forward(tensorFromBits(st.x, run.shape)).toTypedArray());
        const what = `${JSON.stringify(run.shape)} step ${s + 1}`;
        expectAllClose(y, st.y.map(fromBits), 3e-6, `${what} output`);
        expectAllClose(Array.from((bn.runningMean as Tensor).toTypedArray()), st.running_mean.map(fromBits), 1e-6, `${what} running mean`);
        expectAllClose(Array.from((bn.runningVar as Tensor).toTypedArray()), st.running_var.map(fromBits), 1e-6, `${what} running var`);
        expect((bn.numBatchesTracked as Tensor).item()).toBe(st.num_batches_tracked);
      });
      bn.eval();
      expectAllClose(Array.from(bn.forward(tensorFromBits(run.eval.x, run.shape)).toTypedArray()), run.eval.y.map(fromBits), 3e-6, 'eval output');
      expect(Object.keys(bn.stateDict())).toEqual(run.state_dict_keys);
    }
  });

  it("float64 gradients equal PyTorch's (NativeBatchNormBackward) to 1e-12", () => {
    const fx = torchNn.batchnorm_grad;
    const bn = new BatchNorm1d(3, { dtype: 'float64' });
    const x = tensorFromBits(fx.x, [5, 3]).requiresGrad_(true);
    const y = bn.forward(x);
    expectAllClose(Array.from(y.detach().toTypedArray()), fx.y.map(fromBits), 1e-12, 'y');
    y.mul(tensorFromBits(fx.w, [5, 3])).sum().backward();
    expectAllClose(Array.from((x.grad as Tensor).toTypedArray()), fx.grad_x.map(fromBits), 1e-12, 'grad x');
    expectAllClose(Array.from((bn.weight?.grad as Tensor).toTypedArray()), fx.grad_weight.map(fromBits), 1e-12, 'grad weight');
    expectAllClose(Array.from((bn.bias?.grad as Tensor).toTypedArray()), fx.grad_bias.map(fromBits), 1e-12, 'grad bias');
  });

  it('gradcheck (training, 2-D and 3-D; eval)', () => {
    const g = new Generator().manualSeed(3);
    for (const shape of [[4, 3], [3, 2, 4]]) {
      const bn = new BatchNorm1d(shape[1], { dtype: 'float64' });
      const x = rand(shape, { dtype: 'float64', generator: g }).requiresGrad_(true);
      const w = rand(shape, { dtype: 'float64', generator: g });
      // the running statistics change on every call, the output does not depend on them in training
      expect(gradcheck((a, gamma, beta) => {
        noGrad(() => { bn.weight?.copy_(gamma); bn.bias?.copy_(beta); });
        return bn.forward(a).mul(w).sum();
      }, [x, rand([shape[1]], { dtype: 'float64', generator: g }), rand([shape[1]], { dtype: 'float64', generator: g })]).ok).toBe(true);
      bn.eval();
      expect(gradcheck((a) => bn.forward(a).mul(w).sum(), [x]).ok).toBe(true);
    }
  });
});

describe('BatchNorm1d state and errors', () => {
  it('the state dict holds weight, bias, running_mean, running_var, num_batches_tracked, and loads back', () => {
    const bn = new BatchNorm1d(2);
    bn.forward(tensor([[1, 2], [3, 5], [4, 0]], { dtype: 'float32' }));
    const copy = new BatchNorm1d(2);
    copy.loadStateDict(bn.stateDict());
    expect((copy.runningMean as Tensor).tolist()).toEqual((bn.runningMean as Tensor).tolist());
    expect((copy.runningVar as Tensor).tolist()).toEqual((bn.runningVar as Tensor).tolist());
    expect((copy.numBatchesTracked as Tensor).item()).toBe(1);
    expect(copy.namedBuffers().map(([n]) => n)).toEqual(['running_mean', 'running_var', 'num_batches_tracked']);
    expect(() => copy.loadStateDict({ ...bn.stateDict(), running_var: zeros([3]) })).toThrow('size mismatch for running_var: copying a param with shape [3] from checkpoint, the shape in current model is [2].');
  });

  it('errors name the problem, and a failed forward leaves the running statistics alone', () => {
    const bn = new BatchNorm1d(3);
    expect(() => bn.forward(zeros([3]))).toThrow('BatchNorm1d: expected 2D or 3D input (got 1D input of shape [3])');
    expect(() => bn.forward(zeros([1, 3]))).toThrow('BatchNorm1d: Expected more than 1 value per channel when training, got input size [1, 3]');
    expect(() => bn.forward(zeros([4, 5]))).toThrow('BatchNorm1d: expected input with 3 features in dim 1, got input of shape [4, 5]');
    expect(() => bn.forward(tensor([[1, 2, 3], [4, 5, 6]]))).toThrow('BatchNorm1d: expected a floating-point input, got int32');
    expect((bn.numBatchesTracked as Tensor).item()).toBe(0);
    expect(bn.eval().forward(zeros([1, 3])).shape).toEqual([1, 3]); // one value per channel is fine in eval
    expect(() => new BatchNorm1d(-1)).toThrow('BatchNorm1d: numFeatures must be a non-negative integer, got -1');
    expect(() => new BatchNorm1d(2, { eps: -1 })).toThrow('BatchNorm1d: eps must be a non-negative number, got -1');
    expect(() => new BatchNorm1d(2, { momentum: NaN })).toThrow('BatchNorm1d: momentum must be a number or null, got NaN');
  });
});
