/**
 * `softplus(x, beta, threshold)`: a smooth ReLU, PyTorch's `F.softplus`.
 */
import { Tensor } from '../../engine/index.js';
import { checkFloating } from './checks.js';
import { recordOp } from './custom-op.js';

/**
 * `softplus(x) = log(1 + exp(β·x)) / β`, and `x` itself where `β·x > threshold` (there the two
 * agree to float precision and the formula would overflow), as PyTorch computes it.
 * d/dx = e^{βx}/(1 + e^{βx}) = σ(βx) below the threshold, 1 above  →  grad = g · that
 * (`SoftplusBackward0`; this gradient is not itself differentiable).
 *
 * @param x - a floating tensor.
 * @param beta - β (default 1).
 * @param threshold - above `β·x > threshold` the result is `x` (default 20).
 * @throws TypeError for a non-floating input or non-number β/threshold.
 *
 * @example softplus(tensor([-1, 0, 1, 30], { dtype: 'float32' })) // tensor([ 0.3133,  0.6931,  1.3133, 30.0000])
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  checkFloating('softplus', 'input', x);
  if (typeof beta !== 'number' || typeof threshold !== 'number') throw new TypeError(`softplus: beta and threshold must be numbers, got ${typeof beta} and ${typeof threshold}`);
  const r = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  const b = r(beta), th = r(threshold);
  const xs = x.contiguous().toTypedArray();
  const out = x.dtype === 'float32' ? new Float32Array(xs.length) : new Float64Array(xs.length);
  const slope = x.dtype === 'float32' ? new Float32Array(xs.length) : new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const bx = r(xs[i] * b);
    if (bx > th) {
      out[i] = xs[i];
      slope[i] = 1;
    } else {
      const z = Math.exp(bx);
      out[i] = Math.log1p(z) / b;
      slope[i] = z / (z + 1);
    }
  }
  const y = Tensor.fromArray(out, x.shape, x.dtype);
  const s = Tensor.fromArray(slope, x.shape, x.dtype);
  return recordOp(y, 'SoftplusBackward0', [x], (g) => [g.mul(s)]);
}
