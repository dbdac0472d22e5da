/**
 * nn/functional/losses.ts: crossEntropy, nllLoss and mseLoss against plain double-precision
 * loops (values and gradients, every reduction, label smoothing), against PyTorch's recorded
 * lecture outputs, at logits of ±1000, and every argument error with its message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, arange, tensor, type DType } from '../../engine/index.js';
import { crossEntropy, logSoftmax, mseLoss, nllLoss, type Reduction } from '../../nn/index.js';
import { describeIfFile, f32FromBits, hasReference, loadReference, referencePath } from '../support/shared.js';
import { batchArb, crossEntropyGradRows, crossEntropyRows, expectClose, fromRows, ints, logSoftmaxRows, rowsOf } from './helpers.js';

const DTYPES: DType[] = ['float32', 'float64'];
const REDUCTIONS: Reduction[] = ['mean', 'sum', 'none'];

/** Reduce per-example values as `reduction` does. */
function reduced(perExample: number[], reduction: Reduction): number | number[] {
  const sum = perExample.reduce((a, b) => a + b, 0);
  return reduction === 'none' ? perExample : reduction === 'sum' ? sum : sum / perExample.length;
}

describe('crossEntropy', () => {
  for (const dtype of DTYPES) {
    const t = dtype === 'float64' ? 1e-11 : 2e-5;
    for (const reduction of REDUCTIONS) {
      it(`${dtype}, reduction '${reduction}': equals −logSoftmax(logits)[i, y_i] (plain loops), reduced`, () => {
        fc.assert(fc.property(batchArb(), ({ rows, ys }) => {
          const loss = crossEntropy(fromRows(rows, dtype), ints(ys), { reduction });
          const lp = logSoftmaxRows(rows);
          const expected = reduced(ys.map((y, i) => -lp[i][y]), reduction);
          expectClose(loss.tolist(), expected, t, 1e-6);
          expect(loss.shape).toEqual(reduction === 'none' ? [rows.length] : []);
          expect(loss.dtype).toBe(dtype);
        }));
      });

      it(`${dtype}, reduction '${reduction}': the gradient is (softmax(logits) − onehot(y)) / n (plain loops)`, () => {
        fc.assert(fc.property(batchArb(), ({ rows, ys }) => {
          const x = fromRows(rows, dtype, true);
          const loss = crossEntropy(x, ints(ys), { reduction });
          // 'none' is backpropagated with a gradient of ones: d Σ_i loss_i, i.e. the 'sum' gradient
          if (reduction === 'none') loss.backward(Tensor.fromArray(new (dtype === 'float64' ? Float64Array : Float32Array)(rows.length).fill(1), [rows.length], dtype));
          else loss.backward();
          const n = reduction === 'mean' ? rows.length : 1;
          expectClose(rowsOf(x.grad!), crossEntropyGradRows(rows, ys, 0, n), dtype === 'float64' ? 1e-12 : 1e-6);
        }));
      });
    }
  }

  it('equals nllLoss(logSoftmax(logits, 1), y), and the lecture formula −probs[arange(n), y].log().mean()', () => {
    fc.assert(fc.property(batchArb(6, 8, 5), ({ rows, ys }) => {
      const x = fromRows(rows, 'float64');
      const y = ints(ys);
      const ce = crossEntropy(x, y).item();
      expect(ce).toBe(nllLoss(logSoftmax(x, 1), y).item());
      const probs = x.exp().div(x.exp().sum(1, true));
      expectClose(ce, probs.index(arange(rows.length), y).log().mean().neg().item(), 1e-12);
    }));
  });

  describe('label smoothing (PyTorch: targets (1 − ε)·onehot + ε/C)', () => {
    for (const reduction of REDUCTIONS) {
      it(`reduction '${reduction}': value equals −Σ_c q_c·logp_c (plain loops), float64 and float32`, () => {
        fc.assert(fc.property(batchArb(), fc.double({ min: 0, max: 1, noNaN: true }), ({ rows, ys }, eps) => {
          const expected = reduced(crossEntropyRows(rows, ys, eps), reduction);
          expectClose(crossEntropy(fromRows(rows, 'float64'), ints(ys), { reduction, labelSmoothing: eps }).tolist(), expected, 1e-11, 1e-11);
          expectClose(crossEntropy(fromRows(rows, 'float32'), ints(ys), { reduction, labelSmoothing: eps }).tolist(), expected, 5e-5, 1e-5);
        }));
      });
    }

    it('gradient equals (softmax(logits) − q) / n (plain loops)', () => {
      fc.assert(fc.property(batchArb(), fc.double({ min: 0, max: 1, noNaN: true }), ({ rows, ys }, eps) => {
        const x = fromRows(rows, 'float64', true);
        crossEntropy(x, ints(ys), { labelSmoothing: eps }).backward();
        expectClose(rowsOf(x.grad!), crossEntropyGradRows(rows, ys, eps), 1e-12);
      }));
    });

    it('ε = 0 is plain cross-entropy and ε = 1 is the cross-entropy against the uniform distribution', () => {
      const rows = [[1, 2, 3], [0.5, -1, 4]];
      const x = fromRows(rows, 'float64');
      const y = ints([2, 0]);
      expect(crossEntropy(x, y, { labelSmoothing: 0 }).item()).toBe(crossEntropy(x, y).item());
      const lp = logSoftmaxRows(rows);
      expectClose(crossEntropy(x, y, { labelSmoothing: 1 }).item(), -(lp[0].reduce((a, b) => a + b) + lp[1].reduce((a, b) => a + b)) / 3 / 2, 1e-12);
    });
  });

  describe('numerical stability', () => {
    const rows = [[1000, -1000, 0], [-1000, -1000, -1000], [1000, 1000, -1000], [-1000, 1000, 1000]];
    const ys = [1, 2, 0, 0];
    // closed forms: row 0 loses 2000, row 1 log 3, row 2 log 2, row 3 2000 + log 2
    const expected = [2000, Math.log(3), Math.log(2), 2000 + Math.log(2)];

    for (const dtype of DTYPES) {
      it(`${dtype}: logits of ±1000 give finite losses equal to the closed forms`, () => {
        expectClose(crossEntropy(fromRows(rows, dtype), ints(ys), { reduction: 'none' }).tolist(), expected, 1e-4, 1e-7);
        expectClose(crossEntropy(fromRows(rows, dtype), ints(ys)).item(), expected.reduce((a, b) => a + b) / 4, 1e-4, 1e-7);
        expectClose(crossEntropy(fromRows(rows, dtype), ints(ys), { labelSmoothing: 0.1 }).item(), crossEntropyRows(rows, ys, 0.1).reduce((a, b) => a + b) / 4, 1e-3, 1e-6);
      });

      it(`${dtype}: and finite gradients equal to (softmax − onehot) / n`, () => {
        const x = fromRows(rows, dtype, true);
        crossEntropy(x, ints(ys)).backward();
        const g = rowsOf(x.grad!);
        for (const r of g) for (const v of r) expect(Number.isFinite(v)).toBe(true);
        expectClose(g, crossEntropyGradRows(rows, ys), 1e-7);
      });
    }
  });

  it('an empty batch gives NaN for the mean and 0 for the sum, as PyTorch', () => {
    const x = Tensor.fromArray(new Float32Array(0), [0, 27]);
    expect(crossEntropy(x, ints([])).item()).toBeNaN();
    expect(crossEntropy(x, ints([]), { reduction: 'sum' }).item()).toBe(0); // +0, not −0
    expect(crossEntropy(x, ints([]), { reduction: 'none' }).shape).toEqual([0]);
  });

  describe('errors name the problem and the shapes', () => {
    const logits = fromRows([[1, 2, 3], [4, 5, 6]]);
    it('targets out of range', () => {
      expect(() => crossEntropy(logits, ints([0, 3]))).toThrow('crossEntropy: target 3 at position 1 is out of bounds: the input [2, 3] has 3 classes (valid targets are 0…2)');
      expect(() => crossEntropy(logits, ints([-1, 0]))).toThrow(/target -1 at position 0 is out of bounds/);
      expect(() => nllLoss(logits, ints([0, 27]))).toThrow(/nllLoss: target 27 .* out of bounds/);
    });
    it('float targets are class probabilities of the input\'s shape (spec/nn/cross-entropy-options.spec.ts)', () => {
      expect(() => crossEntropy(logits, tensor([0, 1], { dtype: 'float32' }))).toThrow(
        "crossEntropy: class-probability targets must have the input's shape [2, 3], got [2]",
      );
      expect(() => crossEntropy(logits, [0, 1] as unknown as Tensor)).toThrow(/targets must be a Tensor of class indices, got object/);
    });
    it('mismatched batch sizes and wrong target shapes', () => {
      expect(() => crossEntropy(logits, ints([0, 1, 2]))).toThrow(
        'crossEntropy: expected targets of shape [2] (one class index per row of the input [2, 3]), got [3]: input batch size 2 does not match target batch size 3',
      );
      expect(() => crossEntropy(logits, Tensor.fromArray(new Int32Array([0, 1]), [2, 1], 'int32'))).toThrow(/expected targets of shape \[2\] .* got \[2, 1\]/);
    });
    it('logits that are not [N, C] floats', () => {
      expect(() => crossEntropy(fromRows([[1, 2, 3]]).reshape(3), ints([0]))).toThrow(/expected a 2-D input of shape \[N, C\] .* got 1-D \[3\]; for a single example use input.unsqueeze\(0\)/);
      expect(() => crossEntropy(Tensor.fromArray(new Int32Array(6), [2, 3], 'int32'), ints([0, 1]))).toThrow(/input must be a floating-point tensor .* got int32 of shape \[2, 3\]/);
    });
    it('bad reduction or label smoothing', () => {
      expect(() => crossEntropy(logits, ints([0, 1]), { reduction: 'avg' as Reduction })).toThrow(`crossEntropy: reduction must be 'mean', 'sum' or 'none', got "avg"`);
      expect(() => crossEntropy(logits, ints([0, 1]), { labelSmoothing: 1.5 })).toThrow('crossEntropy: labelSmoothing must be between 0.0 and 1.0, got 1.5');
      expect(() => crossEntropy(logits, ints([0, 1]), { labelSmoothing: -0.1 })).toThrow(/between 0.0 and 1.0/);
    });
  });
});

describeIfFile(referencePath('torch/lecture.json'), 'crossEntropy vs PyTorch 1.13.1 (the lecture\'s emma example)', () => {
  const ref = hasReference('torch/lecture.json') ? loadReference('torch/lecture.json') : undefined;
  it('gives the recorded loss and W gradient for emma from the recorded W', () => {
    const bits = ref.W_init_bits as string[][];
    const W = fromRows(bits.map((r) => r.map(f32FromBits)), 'float32', true);
    const ys = ints(ref.emma_ys);
    const xenc = Tensor.fromArray(new Float32Array(5 * 27), [5, 27]);
    (ref.emma_xs as number[]).forEach((x, i) => (xenc.storage.data[i * 27 + x] = 1));
    const loss = crossEntropy(xenc.matmul(W), ys);
    expectClose(loss.item(), ref.emma_step0_loss, 1e-6, 1e-7);
    loss.backward();
    const expectedGrad = (ref.emma_step0_W_grad_bits as string[][]).map((r) => r.map(f32FromBits));
    expectClose(rowsOf(W.grad!), expectedGrad, 1e-8, 1e-5);
  });
});

describe('nllLoss', () => {
  for (const reduction of REDUCTIONS) {
    it(`reduction '${reduction}': −input[i, y_i] reduced, gradient −1 (or −1/n) at the targets`, () => {
      fc.assert(fc.property(batchArb(), ({ rows, ys }) => {
        const x = fromRows(rows, 'float64', true);
        const loss = nllLoss(x, ints(ys), { reduction });
        expectClose(loss.tolist(), reduced(ys.map((y, i) => -rows[i][y]), reduction), 1e-12);
        loss.sum().backward();
        const n = reduction === 'mean' ? rows.length : 1;
        expectClose(rowsOf(x.grad!), rows.map((r, i) => r.map((_, c) => (c === ys[i] ? -1 / n : 0))), 1e-15);
      }));
    });
  }

  it("puts −1 at each row's target, also when rows share a target class", () => {
    const x = fromRows([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], 'float64', true);
    nllLoss(x, ints([1, 1, 0]), { reduction: 'sum' }).backward();
    expect(rowsOf(x.grad!)).toEqual([[0, -1], [0, -1], [-1, 0]]);
  });
});

describe('mseLoss (notes N23)', () => {
  const arb = fc.integer({ min: 1, max: 10 }).chain((n) =>
    fc.tuple(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }), fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n })),
  );
  for (const reduction of REDUCTIONS) {
    it(`reduction '${reduction}': (ŷ − y)² reduced, gradients ±2(ŷ − y)/n to both arguments (plain loops)`, () => {
      fc.assert(fc.property(arb, ([yhat, y]) => {
        const a = Tensor.fromArray(Float64Array.from(yhat), [yhat.length], 'float64').requiresGrad_(true);
        const b = Tensor.fromArray(Float64Array.from(y), [y.length], 'float64').requiresGrad_(true);
        const loss = mseLoss(a, b, { reduction });
        const sq = yhat.map((v, i) => (v - y[i]) ** 2);
        expectClose(loss.tolist(), reduced(sq, reduction), 1e-12);
        loss.sum().backward();
        const n = reduction === 'mean' ? yhat.length : 1;
        expectClose(Array.from(a.grad!.toTypedArray()), yhat.map((v, i) => (2 * (v - y[i])) / n), 1e-12);
        expectClose(Array.from(b.grad!.toTypedArray()), yhat.map((v, i) => (-2 * (v - y[i])) / n), 1e-12);
      }));
    });
  }

  it('the notes\' example: 1/n Σ (y − ŷ)² for ŷ = [1, 2], y = [1, 4] is 2', () => {
    expect(mseLoss(tensor([1, 2], { dtype: 'float32' }), tensor([1, 4], { dtype: 'float32' })).item()).toBe(2);
  });

  it('rejects different shapes (PyTorch would broadcast [N, 1] against [N] into [N, N]) and integer tensors', () => {
    const a = Tensor.fromArray(new Float32Array(3), [3, 1]);
    const b = Tensor.fromArray(new Float32Array(3), [3]);
    expect(() => mseLoss(a, b)).toThrow('mseLoss: input [3, 1] and target [3] must have the same shape');
    expect(() => mseLoss(b, tensor([1, 2, 3]))).toThrow(/mseLoss: target must be a floating-point tensor .* got int32 of shape \[3\]/);
    expect(() => mseLoss(b, b, { reduction: 'all' as Reduction })).toThrow(/reduction must be/);
  });
});
