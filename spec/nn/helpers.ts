/**
 * The independent side of the nn specs: softmax, log-softmax and the losses written as plain
 * loops over JS arrays in double precision, a closeness check, and fast-check arbitraries for
 * classification batches. Nothing here calls nn/; the engine is only used to turn arrays into
 * tensors and back.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { Tensor, type DType } from '../../engine/index.js';

/** A tensor of `shape` holding `values` (row-major), as `dtype`. */
export function fromRows(rows: number[][], dtype: DType = 'float32', requiresGrad = false): Tensor {
  const n = rows.length, c = n > 0 ? rows[0].length : 0;
  const data = dtype === 'float64' ? new Float64Array(n * c) : new Float32Array(n * c);
  rows.forEach((r, i) => r.forEach((v, j) => (data[i * c + j] = v)));
  const t = Tensor.fromArray(data, [n, c], dtype);
  return requiresGrad ? t.requiresGrad_(true) : t;
}

/** An int32 `[n]` tensor. */
export function ints(values: readonly number[]): Tensor {
  return Tensor.fromArray(Int32Array.from(values), [values.length], 'int32');
}

/** A 2-D tensor as rows of numbers. */
export function rowsOf(t: Tensor): number[][] {
  return t.tolist() as number[][];
}

/** Softmax of each row, in double: `exp(x − max) / Σ exp(x − max)`. */
export function softmaxRows(rows: number[][]): number[][] {
  return rows.map((r) => {
    const m = Math.max(...r);
    const e = r.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  });
}

/** Log-softmax of each row, in double: `x − m − log Σ exp(x − m)`. */
export function logSoftmaxRows(rows: number[][]): number[][] {
  return rows.map((r) => {
    const m = Math.max(...r);
    let s = 0;
    for (const v of r) s += Math.exp(v - m);
    const lse = m + Math.log(s);
    return r.map((v) => v - lse);
  });
}

/**
 * Per-example cross-entropy with label smoothing ε, from its definition as the cross-entropy
 * against the smoothed target distribution q = (1 − ε)·onehot(y) + ε/C:
 * `loss_i = −Σ_c q[i, c] · log softmax(x)[i, c]`.
 */
export function crossEntropyRows(rows: number[][], ys: readonly number[], eps = 0): number[] {
  const lp = logSoftmaxRows(rows);
  return lp.map((r, i) => {
    const C = r.length;
    let l = 0;
    for (let c = 0; c < C; c++) l -= ((c === ys[i] ? 1 - eps : 0) + eps / C) * r[c];
    return l;
  });
}

/** `(softmax(x) − q) / n` (or without `/ n` for 'sum'), q the smoothed one-hot targets. */
export function crossEntropyGradRows(rows: number[][], ys: readonly number[], eps = 0, divide = rows.length): number[][] {
  return softmaxRows(rows).map((r, i) => r.map((p, c) => (p - ((c === ys[i] ? 1 - eps : 0) + eps / r.length)) / divide));
}

/** Expect every element of `actual` within `atol + rtol·|expected|` of `expected` (nested arrays). */
export function expectClose(actual: unknown, expected: unknown, atol: number, rtol = atol, path = ''): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, atol, rtol, `${path}[${i}]`));
    return;
  }
  const a = actual as number, e = expected as number;
  if (Number.isNaN(e)) {
    expect(a, path).toBeNaN();
    return;
  }
  const ok = Math.abs(a - e) <= atol + rtol * Math.abs(e);
  expect(ok, `${path}: ${a} vs expected ${e} (atol ${atol}, rtol ${rtol})`).toBe(true);
}

/** Tolerances for results computed in `dtype` against double-precision references. */
export function tol(dtype: DType): number {
  return dtype === 'float64' ? 1e-12 : 2e-6;
}

/** A value exactly representable in float32 (so float32 and double runs see the same inputs). */
const f32 = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true }).map(Math.fround);

/** A classification batch: `n × c` logits in [−lo, lo] and targets in `0 … c−1`. */
export function batchArb(maxN = 6, maxC = 8, range = 20): fc.Arbitrary<{ rows: number[][]; ys: number[] }> {
  return fc
    .tuple(fc.integer({ min: 1, max: maxN }), fc.integer({ min: 1, max: maxC }))
    .chain(([n, c]) =>
      fc.record({
        rows: fc.array(fc.array(f32(-range, range), { minLength: c, maxLength: c }), { minLength: n, maxLength: n }),
        ys: fc.array(fc.integer({ min: 0, max: c - 1 }), { minLength: n, maxLength: n }),
      }),
    );
}

/** An `n × c` matrix of values in [−range, range] (n, c ≥ 1). */
export function matrixArb(maxN = 6, maxC = 8, range = 20): fc.Arbitrary<number[][]> {
  return batchArb(maxN, maxC, range).map((b) => b.rows);
}
