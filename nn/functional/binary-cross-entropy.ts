/**
 * `binaryCrossEntropy(p, t)`: the loss of a probability against a 0…1 target, PyTorch's
 * `F.binary_cross_entropy`, with its clamp of each log at −100 (so p = 0 or 1 gives a finite
 * loss of at most 100 per element) and its gradient formula.
 */
import { Tensor } from '../../engine/index.js';
import { checkFloating, checkReduction, fmt, type Reduction } from './checks.js';
import { recordOp } from './custom-op.js';

/**
 * Options of {@link binaryCrossEntropy}.
 *
 * @example binaryCrossEntropy(p, t, { weight: w, reduction: 'sum' })
 */
export interface BinaryCrossEntropyOptions {
  /** Per-element weights, broadcast to the input's shape (default none). */
  weight?: Tensor;
  /** `'mean'` (default), `'sum'`, or `'none'` (the input's shape). */
  reduction?: Reduction;
}

/**
 * `−w·(t·max(log p, −100) + (1 − t)·max(log(1 − p), −100))` per element, then reduced.
 * Gradient (PyTorch's `BinaryCrossEntropyBackward0`): ∂/∂p = w·(p − t) / max(p·(1 − p), 1e−12),
 * the derivative of the unclamped formula with its denominator kept away from 0. Gradients flow
 * to `input` only (PyTorch does not differentiate the target either).
 *
 * @param input - probabilities in [0, 1] (floating).
 * @param target - targets in [0, 1], same shape.
 * @param opts - `weight`, `reduction` (default `'mean'`).
 * @throws RangeError for different shapes or values outside [0, 1]; TypeError for non-floating tensors.
 *
 * @example binaryCrossEntropy(tensor([0.9, 0.2]), tensor([1, 0], { dtype: 'float32' })) // tensor(0.1643) = −(log 0.9 + log 0.8)/2
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, opts: BinaryCrossEntropyOptions = {}): Tensor {
  const reduction = opts.reduction ?? 'mean';
  checkReduction('binaryCrossEntropy', reduction);
  checkFloating('binaryCrossEntropy', 'input', input);
  checkFloating('binaryCrossEntropy', 'target', target);
  if (input.ndim !== target.ndim || input.shape.some((d, i) => d !== target.shape[i])) {
    throw new RangeError(`binaryCrossEntropy: Using a target size (${fmt(target.shape)}) that is different to the input size (${fmt(input.shape)}) is not supported; make them the same shape`);
  }
  const p = input.contiguous().toTypedArray(), t = target.contiguous().toTypedArray();
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) throw new RangeError(`binaryCrossEntropy: all elements of input should be between 0 and 1 (input[${i}] in row-major order is ${p[i]})`);
    if (!(t[i] >= 0 && t[i] <= 1)) throw new RangeError(`binaryCrossEntropy: all elements of target should be between 0 and 1 (target[${i}] in row-major order is ${t[i]})`);
  }
  const r = input.dtype === 'float32' ? Math.fround : (v: number) => v;
  const loss = input.dtype === 'float32' ? new Float32Array(p.length) : new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    // (t − 1)·max(log1p(−p), −100) − t·max(log p, −100), PyTorch's CPU kernel
    loss[i] = r(r(r(t[i] - 1) * Math.max(r(Math.log1p(-p[i])), -100)) - r(t[i] * Math.max(r(Math.log(p[i])), -100)));
  }
  let perElement = Tensor.fromArray(loss, input.shape, input.dtype);
  const saved = [input, target];
  perElement = recordOp(perElement, 'BinaryCrossEntropyBackward0', [input, null], (g) => {
    // g·(p − t) / max((1 − p)·p, 1e−12)
    const denom = input.neg().add(1).mul(input).detach().toTypedArray().map((v) => Math.max(v, 1e-12));
    return [g.mul(input.sub(target)).div(Tensor.fromArray(denom, input.shape, input.dtype)), null];
  }, saved);
  if (opts.weight !== undefined) {
    checkFloating('binaryCrossEntropy', 'weight', opts.weight);
    perElement = perElement.mul(opts.weight);
    if (perElement.ndim !== input.ndim || perElement.shape.some((d, i) => d !== input.shape[i])) {
      throw new RangeError(`binaryCrossEntropy: weight of shape ${fmt(opts.weight.shape)} must broadcast to the input's shape ${fmt(input.shape)}`);
    }
  }
  if (reduction === 'none') return perElement;
  return reduction === 'sum' ? perElement.sum() : perElement.mean();
}
