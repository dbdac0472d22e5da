/**
 * crossEntropy's class weights, ignoreIndex (incl. PyTorch's default −100) and class-probability
 * targets, alone and with label smoothing, for every reduction: losses and logit gradients
 * against PyTorch 1.13.1 in float64 (scripts/fixtures/nn.py) and against plain loops;
 * binaryCrossEntropy against PyTorch (the −100 clamp, its gradient formula) and a naive formula;
 * and the errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradcheck, tensor, Tensor } from '../../engine/index.js';
import { binaryCrossEntropy, crossEntropy, type CrossEntropyOptions } from '../../nn/index.js';
import { fromBits, tensorFromBits, torchNn } from '../support/torch-bits.js';
import { batchArb, fromRows, ints, logSoftmaxRows } from './helpers.js';

function close(actual: number[], expected: number[], what: string, tol = 1e-12) {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]), `${what}[${i}]: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i]))));
}

describe('crossEntropy options against PyTorch 1.13.1 (float64)', () => {
  const fx = torchNn.cross_entropy;
  const logits0 = tensorFromBits(fx.logits, [6, 4]);
  const weight = tensorFromBits(fx.weight, [4]);

  it('every combination of weight, ignoreIndex, probability targets, labelSmoothing and reduction', () => {
    expect(fx.cases.length).toBe(33);
    for (const c of fx.cases) {
      const opts: CrossEntropyOptions = { reduction: c.reduction };
      if (c.kwargs.weight) opts.weight = weight;
      if (c.kwargs.ignore_index !== undefined) opts.ignoreIndex = c.kwargs.ignore_index;
      if (c.kwargs.label_smoothing !== undefined) opts.labelSmoothing = c.kwargs.label_smoothing;
      const target = c.probs ? tensor(c.target, { dtype: 'float64' }) : ints(c.target);
      const logits = logits0.detach().clone().requiresGrad_(true);
      const loss = crossEntropy(logits, target, opts);
      const what = `${JSON.stringify(c.kwargs)} probs=${c.probs} ${c.reduction}`;
      close(Array.from(loss.detach().toTypedArray()), c.loss.map(fromBits), `${what} loss`);
      loss.sum().backward();
      close(Array.from((logits.grad as Tensor).toTypedArray()), c.grad.map(fromBits), `${what} grad`);
    }
  });

  it('a target of −100 is ignored by default, as in PyTorch', () => {
    const c = fx.cases.find((k: { kwargs: { ignore_index?: number }; reduction: string }) => k.kwargs.ignore_index === -100 && k.reduction === 'mean');
    expect(c.target).toContain(-100);
    close([crossEntropy(logits0, ints(c.target)).item()], c.loss.map(fromBits), 'default ignore');
  });
});

describe('crossEntropy options against plain loops', () => {
  it('weighted mean over the kept rows: Σ −w[y]·logp[i, y] / Σ w[y]', () => {
    fc.assert(
      fc.property(batchArb(6, 5, 10), fc.nat(), ({ rows, ys }, seed) => {
        const c = rows[0].length;
        const w = Array.from({ length: c }, (_, k) => 0.25 + ((seed + k * 7) % 5) / 2);
        const ignore = ys[0]; // ignore one class that occurs
        const lp = logSoftmaxRows(rows);
        let num = 0, den = 0;
        const none = ys.map((y, i) => (y === ignore ? 0 : -w[y] * lp[i][y]));
        ys.forEach((y, i) => { if (y !== ignore) { num += -w[y] * lp[i][y]; den += w[y]; } });
        const x = fromRows(rows, 'float64');
        const opts = { weight: tensor(w, { dtype: 'float64' }), ignoreIndex: ignore };
        close(Array.from(crossEntropy(x, ints(ys), { ...opts, reduction: 'none' }).toTypedArray()), none, 'none');
        close([crossEntropy(x, ints(ys), { ...opts, reduction: 'sum' }).item()], [num], 'sum');
        const mean = crossEntropy(x, ints(ys), opts).item();
        if (den === 0) expect(mean).toBeNaN(); // every row ignored: 0/0, as PyTorch
        else close([mean], [num / den], 'mean');
      }),
    );
  });

  it('probability targets: −Σ_c q[i, c]·logp[i, c], mean over rows; gradcheck', () => {
    fc.assert(
      fc.property(batchArb(5, 5, 10), ({ rows }) => {
        const q = rows.map((r) => { const e = r.map((v) => Math.exp(v / 10)); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); });
        const lp = logSoftmaxRows(rows);
        const per = lp.map((r, i) => -r.reduce((s, v, c) => s + q[i][c] * v, 0));
        const x = fromRows(rows, 'float64');
        close(Array.from(crossEntropy(x, fromRows(q, 'float64'), { reduction: 'none' }).toTypedArray()), per, 'none');
        close([crossEntropy(x, fromRows(q, 'float64')).item()], [per.reduce((a, b) => a + b, 0) / rows.length], 'mean');
      }),
    );
    const x = fromRows([[1, 2, 0.5], [-1, 0, 3]], 'float64', true);
    const q = fromRows([[0.2, 0.3, 0.5], [1, 0, 0]], 'float64');
    const w = tensor([1, 2, 0.5], { dtype: 'float64' });
    expect(gradcheck((a) => crossEntropy(a, q, { weight: w, labelSmoothing: 0.2 }), [x]).ok).toBe(true);
    expect(gradcheck((a) => crossEntropy(a, ints([2, -100]), { weight: w, labelSmoothing: 0.1 }), [x]).ok).toBe(true);
  });

  it('errors name the problem', () => {
    const x = fromRows([[1, 2, 3], [0, 0, 0]]);
    expect(() => crossEntropy(x, ints([0, 1]), { weight: tensor([1, 2], { dtype: 'float32' }) })).toThrow('crossEntropy: weight tensor should be defined either for all 3 classes or no classes but got weight tensor of shape: [2]');
    expect(() => crossEntropy(x, ints([0, 1]), { weight: tensor([1, 2, 3]) })).toThrow('crossEntropy: weight must be a floating-point tensor (float32 or float64), got int32 of shape [3]');
    expect(() => crossEntropy(x, ints([0, 5]), { ignoreIndex: 1 })).toThrow('crossEntropy: target 5 at position 1 is out of bounds: the input [2, 3] has 3 classes (valid targets are 0…2, or ignoreIndex 1)');
    expect(() => crossEntropy(x, ints([0, -100, 4]))).toThrow('crossEntropy: expected targets of shape [2] (one class index per row of the input [2, 3]), got [3]');
    expect(() => crossEntropy(x, fromRows([[1, 0]]))).toThrow('crossEntropy: class-probability targets must have the input\'s shape [2, 3], got [1, 2]');
    expect(() => crossEntropy(x, fromRows([[1, 0, 0], [0, 1, 0]]), { ignoreIndex: 0 })).toThrow('crossEntropy: ignoreIndex is not supported for class-probability targets (got 0)');
    expect(() => crossEntropy(x, ints([0, 1]), { ignoreIndex: 0.5 })).toThrow('crossEntropy: ignoreIndex must be an integer, got 0.5');
  });
});

describe('binaryCrossEntropy', () => {
  it("equals PyTorch's values (log clamped at −100) and gradients (w·(p − t)/max(p(1 − p), 1e−12))", () => {
    const fx = torchNn.bce;
    const p = tensorFromBits(fx.p, [7]).requiresGrad_(true);
    const t = tensorFromBits(fx.t, [7]);
    const none = binaryCrossEntropy(p, t, { reduction: 'none' });
    expect(none.gradFn?.name).toBe('BinaryCrossEntropyBackward0');
    close(Array.from(none.detach().toTypedArray()), fx.loss.map(fromBits), 'none');
    close([binaryCrossEntropy(p, t).item()], fx.loss_mean.map(fromBits), 'mean');
    const w = tensor([0.5, 0.75, 1, 1.25, 1.5, 1.75, 2], { dtype: 'float64' });
    close([binaryCrossEntropy(p, t, { weight: w, reduction: 'sum' }).item()], fx.loss_weighted_sum.map(fromBits), 'weighted sum');
    const p32 = tensorFromBits(torchNn.bce32.p, [4]), t32 = tensorFromBits(torchNn.bce32.t, [4]);
    expect(Array.from(binaryCrossEntropy(p32, t32, { reduction: 'none' }).toTypedArray())).toEqual(torchNn.bce32.loss.map(fromBits));
    const q = tensor([0.2, 0.7, 0.999], { dtype: 'float64', requiresGrad: true });
    const tt = tensor([0, 1, 0.25], { dtype: 'float64' });
    binaryCrossEntropy(q, tt, { reduction: 'sum' }).backward();
    close(Array.from((q.grad as Tensor).toTypedArray()), [0.2, 0.7, 0.999].map((v, i) => (v - [0, 1, 0.25][i]) / (v * (1 - v))), 'grad');
    expect(gradcheck((a) => binaryCrossEntropy(a, tt), [tensor([0.2, 0.7, 0.4], { dtype: 'float64', requiresGrad: true })]).ok).toBe(true);
  });

  it('is −(t·log p + (1 − t)·log(1 − p)) away from 0 and 1, naive in double', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 20 }), (pairs) => {
        const got = Array.from(binaryCrossEntropy(tensor(pairs.map((q) => q[0]), { dtype: 'float64' }), tensor(pairs.map((q) => q[1]), { dtype: 'float64' }), { reduction: 'none' }).toTypedArray());
        close(got, pairs.map(([p, t]) => -(t * Math.log(p) + (1 - t) * Math.log(1 - p))), 'bce', 1e-9);
      }),
    );
  });

  it('errors name the problem', () => {
    const p = tensor([0.5, 0.5, 0.5], { dtype: 'float32' });
    expect(() => binaryCrossEntropy(p, tensor([1, 1, 1, 1], { dtype: 'float32' }))).toThrow('binaryCrossEntropy: Using a target size ([4]) that is different to the input size ([3]) is not supported; make them the same shape');
    expect(() => binaryCrossEntropy(tensor([1.5], { dtype: 'float32' }), tensor([1], { dtype: 'float32' }))).toThrow('binaryCrossEntropy: all elements of input should be between 0 and 1 (input[0] in row-major order is 1.5)');
    expect(() => binaryCrossEntropy(p, tensor([0, 2, 0], { dtype: 'float32' }))).toThrow('binaryCrossEntropy: all elements of target should be between 0 and 1 (target[1] in row-major order is 2)');
    expect(() => binaryCrossEntropy(p, tensor([0, 1, 0]))).toThrow('binaryCrossEntropy: target must be a floating-point tensor (float32 or float64), got int32 of shape [3]');
    expect(() => binaryCrossEntropy(p, p, { reduction: 'avg' as never })).toThrow("binaryCrossEntropy: reduction must be 'mean', 'sum' or 'none', got \"avg\"");
  });
});
