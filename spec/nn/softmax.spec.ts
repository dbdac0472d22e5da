/**
 * nn/functional/softmax.ts: softmax and logSoftmax against plain double-precision loops, their
 * defining properties (rows sum to 1, invariance to a per-row constant), their gradients against
 * closed forms and finite differences, and numerical stability at logits of ±1000.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, gradcheck, type DType } from '../../engine/index.js';
import { logSoftmax, softmax } from '../../nn/index.js';
import { expectClose, fromRows, logSoftmaxRows, matrixArb, rowsOf, softmaxRows, tol } from './helpers.js';

const DTYPES: DType[] = ['float32', 'float64'];

/** Transpose of a rectangular array of rows. */
const transpose = (rows: number[][]) => rows[0].map((_, j) => rows.map((r) => r[j]));

describe('softmax (notes N19)', () => {
  for (const dtype of DTYPES) {
    it(`${dtype}: equals exp(x − max) / Σ exp(x − max) computed with plain loops, along dim 1 and dim -1`, () => {
      fc.assert(fc.property(matrixArb(), (rows) => {
        const x = fromRows(rows, dtype);
        expectClose(rowsOf(softmax(x, 1)), softmaxRows(rows), tol(dtype));
        expectClose(rowsOf(softmax(x, -1)), softmaxRows(rows), tol(dtype));
      }));
    });

    it(`${dtype}: along dim 0 normalises the columns`, () => {
      fc.assert(fc.property(matrixArb(), (rows) => {
        expectClose(transpose(rowsOf(softmax(fromRows(rows, dtype), 0))), softmaxRows(transpose(rows)), tol(dtype));
      }));
    });

    it(`${dtype}: every row sums to 1 and every probability is in [0, 1]`, () => {
      fc.assert(fc.property(matrixArb(8, 30, 50), (rows) => {
        for (const r of rowsOf(softmax(fromRows(rows, dtype), 1))) {
          expect(Math.abs(r.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(dtype === 'float64' ? 1e-14 : 4e-6);
          for (const p of r) expect(p >= 0 && p <= 1).toBe(true);
        }
      }));
    });
  }

  it('is invariant to adding a constant to each row', () => {
    fc.assert(fc.property(matrixArb(), fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 6, maxLength: 6 }), (rows, ks) => {
      const shiftedRows = rows.map((r, i) => r.map((v) => v + ks[i]));
      // float64: x + k is exact for these values, and the max-subtraction cancels k exactly
      expectClose(rowsOf(softmax(fromRows(shiftedRows, 'float64'), 1)), rowsOf(softmax(fromRows(rows, 'float64'), 1)), 1e-12);
    }));
  });

  it('works along any dim of a 3-D tensor (each slice along dim sums to 1)', () => {
    const data = Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => Math.sin(i) * 3);
    const x = Tensor.fromArray(data, [2, 3, 4]);
    for (const dim of [0, 1, 2, -1, -3]) {
      const s = softmax(x, dim).sum(dim).toTypedArray();
      for (const v of s) expect(v).toBeCloseTo(1, 6);
    }
    // dim 1 against loops: slice [i, :, k]
    const p = softmax(x, 1).tolist() as number[][][];
    for (let i = 0; i < 2; i++) {
      for (let k = 0; k < 4; k++) {
        const col = [0, 1, 2].map((j) => data[i * 12 + j * 4 + k]);
        expectClose([0, 1, 2].map((j) => p[i][j][k]), softmaxRows([col])[0], 2e-7);
      }
    }
  });

  it('gives finite probabilities for logits of ±1000 (the lecture formula exp(x)/Σexp(x) gives NaN)', () => {
    const x = fromRows([[1000, -1000, 0], [1000, 1000, 999], [-1000, -1000, -1000]]);
    expect(rowsOf(x.exp().div(x.exp().sum(1, true)))[0][0]).toBeNaN(); // why the max is subtracted
    const p = rowsOf(softmax(x, 1));
    expectClose(p, [[1, 0, 0], [1 / (2 + Math.exp(-1)), 1 / (2 + Math.exp(-1)), Math.exp(-1) / (2 + Math.exp(-1))], [1 / 3, 1 / 3, 1 / 3]], 1e-7);
  });

  it('gradient of Σ w·softmax(x) is s·(w − Σ s·w) (closed form, plain loops)', () => {
    fc.assert(fc.property(matrixArb(5, 6, 5), fc.integer({ min: 0, max: 1000 }), (rows, seed) => {
      const w = rows.map((r, i) => r.map((_, j) => Math.sin(seed + 7 * i + j)));
      const x = fromRows(rows, 'float64', true);
      softmax(x, 1).mul(fromRows(w, 'float64')).sum().backward();
      const s = softmaxRows(rows);
      const expected = s.map((r, i) => {
        const dot = r.reduce((a, p, j) => a + p * w[i][j], 0);
        return r.map((p, j) => p * (w[i][j] - dot));
      });
      expectClose(rowsOf(x.grad!), expected, 1e-12);
    }));
  });

  it('passes gradcheck (finite differences, float64) along dim 0 and dim 1', () => {
    const x = fromRows([[0.5, -1, 2], [0.1, 0.2, -0.3]], 'float64', true);
    const w = fromRows([[1, 2, 3], [-1, 0.5, 4]], 'float64');
    for (const dim of [0, 1]) expect(gradcheck((t) => softmax(t, dim).mul(w).sum(), [x]).ok).toBe(true);
  });

  it('rejects integer tensors and bad dims with clear messages', () => {
    const xi = Tensor.fromArray(new Int32Array([1, 2, 3]), [1, 3], 'int32');
    expect(() => softmax(xi, 1)).toThrow(/softmax: input must be a floating-point tensor .*int32 of shape \[1, 3\].*\.float\(\)/);
    expect(() => softmax(fromRows([[1, 2]]), 2)).toThrow(/dimension out of range/);
    expect(() => logSoftmax(fromRows([[1, 2]]), 0.5)).toThrow(/dim must be an integer/);
  });
});

describe('logSoftmax', () => {
  for (const dtype of DTYPES) {
    it(`${dtype}: equals x − m − log Σ exp(x − m) computed with plain loops`, () => {
      fc.assert(fc.property(matrixArb(6, 8, 50), (rows) => {
        const x = fromRows(rows, dtype);
        expectClose(rowsOf(logSoftmax(x, 1)), logSoftmaxRows(rows), dtype === 'float64' ? 1e-12 : 1e-5, 1e-6);
      }));
    });
  }

  it('equals log(softmax(x)) where softmax does not underflow', () => {
    fc.assert(fc.property(matrixArb(6, 8, 5), (rows) => {
      const x = fromRows(rows, 'float64');
      expectClose(rowsOf(logSoftmax(x, 1)), rowsOf(softmax(x, 1).log()), 1e-12);
    }));
  });

  it('is finite for logits like 1000 and −1000, where log(softmax) gives −inf', () => {
    const x = fromRows([[1000, 0, -1000], [1000, 1000, 1000]], 'float32', true);
    const lp = logSoftmax(x, 1);
    expect(rowsOf(softmax(x, 1).log())[0][2]).toBe(-Infinity);
    expectClose(rowsOf(lp), [[0, -1000, -2000], [-Math.log(3), -Math.log(3), -Math.log(3)]], 1e-6);
    lp.sum().backward();
    // d/dx Σ_j logp_j = 1 − C·softmax(x)
    expectClose(rowsOf(x.grad!), [[1 - 3, 1, 1], [0, 0, 0]], 1e-6);
  });

  it('gradient of Σ w·logSoftmax(x) is w − softmax(x)·Σw (closed form, plain loops)', () => {
    fc.assert(fc.property(matrixArb(5, 6, 10), fc.integer({ min: 0, max: 1000 }), (rows, seed) => {
      const w = rows.map((r, i) => r.map((_, j) => Math.cos(seed + 3 * i + j)));
      const x = fromRows(rows, 'float64', true);
      logSoftmax(x, 1).mul(fromRows(w, 'float64')).sum().backward();
      const s = softmaxRows(rows);
      const expected = s.map((r, i) => {
        const sw = w[i].reduce((a, b) => a + b, 0);
        return r.map((p, j) => w[i][j] - p * sw);
      });
      expectClose(rowsOf(x.grad!), expected, 1e-12);
    }));
  });

  it('does not differentiate through the max: the tape holds one LogSoftmaxBackward0 node and no MaxBackward node', () => {
    const x = fromRows([[1, 2, 3]], 'float32', true);
    const names: string[] = [];
    const stack = [logSoftmax(x, 1).gradFn];
    while (stack.length) {
      const n = stack.pop();
      if (!n) continue;
      names.push(n.name);
      for (const i of n.inputs) stack.push(i?.gradFn ?? null);
    }
    expect(names).not.toContain('MaxBackward0');
    expect(names).toEqual(['LogSoftmaxBackward0']); // PyTorch's fused node (#13.9)
  });
});
