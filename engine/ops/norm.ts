/**
 * `norm(x, 2, dim, keepdim)`: the Euclidean norm √Σx² over `dim` (all dims when omitted).
 * Floating tensors only, as in PyTorch. The float32 sums follow PyTorch 1.13's CPU kernel: over
 * the trailing dims of a contiguous tensor, 8 float32 lanes (AVX2 vectors) accumulate x² for
 * each block of 8 elements, the lanes are added left to right, then the tail elements one by
 * one; elsewhere x² is accumulated in float32 in order with fused multiply-adds. Both give
 * PyTorch's bits (spec/tensor/torch-fixtures-more.spec.ts). float64 uses 4 lanes the same way
 * (not checked bit for bit).
 */
import { Tensor } from '../tensor.js';
import { allocArray, isFloating, torchTypeName, type DType } from '../dtype.js';
import { record } from '../autograd/node.js';
import { reductionRows, type Rows } from './reduce-rows.js';
import { weightedGrad } from './grad-where.js';
import { fma32 } from '../random/fma32.js';

/** Σx² of a row by PyTorch's vectorised "reduce the last dim" loop (`lanes` accumulators). */
function laneSumOfSquares(d: ArrayLike<number>, base: number, n: number, lanes: number, round: (v: number) => number): number {
  const acc = new Float64Array(lanes);
  let k = 0;
  for (; k + lanes <= n; k += lanes) {
    for (let l = 0; l < lanes; l++) {
      const v = d[base + k + l];
      acc[l] = round(acc[l] + round(v * v));
    }
  }
  let s = acc[0];
  for (let l = 1; l < lanes; l++) s = round(s + acc[l]);
  for (; k < n; k++) {
    const v = d[base + k];
    s = round(s + round(v * v));
  }
  return s;
}

/**
 * Σx² in order. float32: one fused multiply-add per element, `s = fma(x, x, s)` rounded once
 * (PyTorch's compiled `acc + x*x` is contracted to an FMA; measured against 1.13.1 on x86-64).
 * float64: `s + x·x` rounded twice (no exact float64 FMA in JS).
 */
function sequentialSumOfSquares(d: ArrayLike<number>, base: number, n: number, float32: boolean): number {
  let s = 0;
  if (float32) for (let k = 0; k < n; k++) s = fma32(d[base + k], d[base + k], s);
  else for (let k = 0; k < n; k++) s += d[base + k] * d[base + k];
  return s;
}

function norms(x: Tensor, r: Rows): Tensor {
  const dtype: DType = x.dtype;
  const round = dtype === 'float32' ? Math.fround : (v: number) => v;
  const lastDims = r.dims.every((d, i) => d === x.ndim - r.dims.length + i);
  const vectorised = lastDims && x.isContiguous();
  const out = allocArray(dtype, r.rows);
  for (let row = 0; row < r.rows; row++) {
    const base = row * r.len;
    const s = vectorised ? laneSumOfSquares(r.data, base, r.len, dtype === 'float32' ? 8 : 4, round) : sequentialSumOfSquares(r.data, base, r.len, dtype === 'float32');
    out[row] = Math.sqrt(s);
  }
  return Tensor.fromArray(out, r.outShape, dtype);
}

/**
 * The 2-norm over `dim` (a dim or a list of dims; all when omitted). Only p = 2 ('fro') exists.
 * d‖x‖/dx = x / ‖x‖  →  grad = x · (g / out), 0 where out = 0 (PyTorch's order and subgradient).
 *
 * @example norm(tensor([[3, 4], [0, 0]]).float(), 2, 1) // tensor([5., 0.])
 */
export function norm(x: Tensor, p: number | 'fro' = 2, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  if (p !== 2 && p !== 'fro') throw new RangeError(`norm: only the 2-norm (p = 2 or 'fro') is implemented, got p = ${p}`);
  if (!isFloating(x.dtype)) {
    throw new TypeError(`norm(): input dtype should be either floating point or complex. Got ${torchTypeName(x.dtype)} instead. (convert with .float() first)`);
  }
  const r = reductionRows('norm', x, dim, keepdim);
  const out = norms(x, r);
  return record(out, 'NormBackward1', [x], (g) => {
    const n = out.reshape(r.keepShape);
    return [x.mul(weightedGrad(g.reshape(r.keepShape).div(n), n.ne(0)))];
  }, [x, out]);
}
