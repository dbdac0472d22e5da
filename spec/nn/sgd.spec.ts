/**
 * nn/sgd.ts: PyTorch 1.13's SGD update rule, checked over three steps against values worked out
 * by hand and against a plain-loop transcription of the rule for every combination of momentum,
 * dampening, weight decay, Nesterov and maximize; plus the argument checks.
 *
 * The test problem: loss = ½·Σ (p − t)², so the gradient is p − t (a closed form, no autograd
 * needed on the expected side) and it changes every step.
 */
import { describe, expect, it } from 'vitest';
import { Tensor, tensor, zeros, type DType } from '../../engine/index.js';
import { Linear, Parameter, SGD, type SGDOptions } from '../../nn/index.js';
import { expectClose } from './helpers.js';

const P0 = [0.5, -1.5, 2.0, 0];
const T = [1, 2, -1, 0.25];

/** Run `steps` SGD steps on ½·Σ(p − t)² and return p after each step. */
function runSgd(opts: SGDOptions, dtype: DType, steps = 3, p0 = P0, t = T): number[][] {
  const p = new Parameter(tensor(p0, { dtype }));
  const target = tensor(t, { dtype });
  const opt = new SGD([p], opts);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    opt.zeroGrad();
    p.sub(target).pow(2).sum().mul(0.5).backward();
    opt.step();
    out.push(p.tolist() as number[]);
  }
  return out;
}

/** The update rule transcribed from torch/optim/sgd.py (1.13, _single_tensor_sgd), in double. */
function referenceSgd(opts: SGDOptions, steps = 3, p0 = P0, t = T): number[][] {
  const { lr, momentum = 0, dampening = 0, weightDecay = 0, nesterov = false, maximize = false } = opts;
  const p = [...p0];
  let buf: number[] | null = null;
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    let d = p.map((v, i) => v - t[i]); // the gradient of ½(p − t)²
    if (weightDecay !== 0) d = d.map((v, i) => v + weightDecay * p[i]);
    if (momentum !== 0) {
      buf = buf === null ? [...d] : buf.map((b, i) => momentum * b + (1 - dampening) * d[i]);
      d = nesterov ? d.map((v, i) => v + momentum * buf![i]) : [...buf];
    }
    for (let i = 0; i < p.length; i++) p[i] += (maximize ? lr : -lr) * d[i];
    out.push([...p]);
  }
  return out;
}

describe('SGD: hand-computed updates over three steps (p₀ = 1, loss = ½p², so g = p)', () => {
  const one = (opts: SGDOptions) => runSgd(opts, 'float64', 3, [1], [0]).map((r) => r[0]);

  it('plain: p ← p − 0.1·p gives 0.9, 0.81, 0.729', () => {
    expectClose(one({ lr: 0.1 }), [0.9, 0.81, 0.729], 1e-15);
  });
  it('momentum 0.9: buf = g first (no dampening), then 0.9·buf + g → p = 0.9, 0.72, 0.486', () => {
    // step 1: buf = 1, p = 1 − 0.1 = 0.9; step 2: buf = 0.9 + 0.9 = 1.8, p = 0.9 − 0.18 = 0.72;
    // step 3: buf = 1.62 + 0.72 = 2.34, p = 0.72 − 0.234 = 0.486
    expectClose(one({ lr: 0.1, momentum: 0.9 }), [0.9, 0.72, 0.486], 1e-15);
  });
  it('momentum 0.9, dampening 0.5: p = 0.9, 0.765, 0.60525', () => {
    // step 2: buf = 0.9·1 + 0.5·0.9 = 1.35, p = 0.9 − 0.135 = 0.765;
    // step 3: buf = 0.9·1.35 + 0.5·0.765 = 1.5975, p = 0.765 − 0.15975 = 0.60525
    expectClose(one({ lr: 0.1, momentum: 0.9, dampening: 0.5 }), [0.9, 0.765, 0.60525], 1e-15);
  });
  it('Nesterov, momentum 0.9, weight decay 0.1: p = 0.791, 0.536581, 0.273767471', () => {
    // step 1: d = 1 + 0.1·1 = 1.1, buf = 1.1, d = 1.1 + 0.99 = 2.09, p = 1 − 0.209 = 0.791
    // step 2: d = 0.791·1.1 = 0.8701, buf = 0.99 + 0.8701 = 1.8601, d = 0.8701 + 1.67409 = 2.54419,
    //         p = 0.791 − 0.254419 = 0.536581
    // step 3: d = 0.5902391, buf = 1.67409 + 0.5902391 = 2.2643291, d = 0.5902391 + 2.03789619
    //         = 2.62813529, p = 0.536581 − 0.262813529 = 0.273767471
    expectClose(one({ lr: 0.1, momentum: 0.9, weightDecay: 0.1, nesterov: true }), [0.791, 0.536581, 0.273767471], 1e-15);
  });
  it('maximize: p ← p + 0.1·p gives 1.1, 1.21, 1.331', () => {
    expectClose(one({ lr: 0.1, maximize: true }), [1.1, 1.21, 1.331], 1e-15);
  });
});

describe('SGD: every combination against the rule transcribed as plain loops', () => {
  const cases: SGDOptions[] = [];
  for (const momentum of [0, 0.9])
    for (const dampening of [0, 0.3])
      for (const weightDecay of [0, 0.05])
        for (const nesterov of [false, true])
          for (const maximize of [false, true]) {
            if (nesterov && (momentum === 0 || dampening !== 0)) continue;
            cases.push({ lr: 0.2, momentum, dampening, weightDecay, nesterov, maximize });
          }

  for (const c of cases) {
    it(`${JSON.stringify(c)}: float64 to 1e-14, float32 to 1e-6`, () => {
      const expected = referenceSgd(c);
      expectClose(runSgd(c, 'float64'), expected, 1e-14);
      expectClose(runSgd(c, 'float32'), expected, 1e-6);
    });
  }
});

describe('SGD: behaviour', () => {
  it('momentum buffers are per parameter, created at the first step as a copy of the gradient', () => {
    const a = new Parameter(tensor([1, 2], { dtype: 'float32' }));
    const b = new Parameter(tensor([3], { dtype: 'float32' }));
    const opt = new SGD([a, b], { lr: 0.1, momentum: 0.5 });
    expect(opt.momentumBuffer(a)).toBeNull();
    a.add(0).sum().add(b.mul(2).sum()).backward();
    opt.step();
    expect(opt.momentumBuffer(a)!.tolist()).toEqual([1, 1]);
    expect(opt.momentumBuffer(b)!.tolist()).toEqual([2]);
    expect(opt.momentumBuffer(a)!.storage).not.toBe(a.grad!.storage);
  });

  it('skips parameters without a gradient, and updates in place (same storage, still a leaf)', () => {
    const a = new Parameter(tensor([1, 2], { dtype: 'float32' }));
    const b = new Parameter(tensor([3], { dtype: 'float32' }));
    const storage = a.storage;
    const opt = new SGD([a, b], { lr: 0.5 });
    a.sum().backward();
    opt.step();
    expect(a.tolist()).toEqual([0.5, 1.5]);
    expect(b.tolist()).toEqual([3]);
    expect(a.storage).toBe(storage);
    expect(a.isLeaf && a.requiresGrad).toBe(true);
  });

  it('zeroGrad zeroes in place by default, or sets to null; lr can be changed between steps', () => {
    const layer = new Linear(2, 1);
    const opt = new SGD(layer.parameters(), { lr: 1 });
    layer.forward(tensor([[1, 2]], { dtype: 'float32' })).sum().backward();
    const grad = layer.weight.grad!;
    opt.zeroGrad();
    expect(layer.weight.grad).toBe(grad);
    expect(grad.tolist()).toEqual([[0, 0]]);
    opt.zeroGrad({ setToNone: true });
    expect(layer.weight.grad).toBeNull();
    opt.options.lr = 0.5;
    const w = layer.weight.tolist() as number[][];
    layer.forward(tensor([[1, 2]], { dtype: 'float32' })).sum().backward();
    opt.step();
    expectClose(layer.weight.tolist(), [[w[0][0] - 0.5, w[0][1] - 1]], 1e-7);
  });

  it('rejects bad arguments with PyTorch\'s messages', () => {
    const p = new Parameter(zeros([2]));
    expect(() => new SGD([], { lr: 0.1 })).toThrow('SGD: optimizer got an empty parameter list');
    expect(() => new SGD([p], { lr: -1 })).toThrow('SGD: Invalid learning rate: -1');
    expect(() => new SGD([p], {} as SGDOptions)).toThrow('SGD: lr is required');
    expect(() => new SGD([p], { lr: 0.1, momentum: -0.5 })).toThrow('SGD: Invalid momentum value: -0.5');
    expect(() => new SGD([p], { lr: 0.1, weightDecay: -1 })).toThrow('SGD: Invalid weight_decay value: -1');
    expect(() => new SGD([p], { lr: 0.1, nesterov: true })).toThrow('SGD: Nesterov momentum requires a momentum and zero dampening (got momentum 0, dampening 0)');
    expect(() => new SGD([p], { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true })).toThrow(/Nesterov momentum requires a momentum and zero dampening/);
    expect(() => new SGD([p.mul(2)], { lr: 0.1 })).toThrow("SGD: can't optimize a non-leaf Tensor (parameter 0, produced by MulBackward0)");
    expect(() => new SGD([zeros([2])], { lr: 0.1 })).toThrow('SGD: parameter 0 (shape [2]) does not require grad');
    expect(() => new SGD([p, p], { lr: 0.1 })).toThrow('SGD: some parameters appear more than once');
    expect(() => new SGD([1 as unknown as Tensor], { lr: 0.1 })).toThrow('SGD: parameter 0 is not a Tensor');
  });
});
