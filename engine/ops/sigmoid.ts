/**
 * `sigmoid(x) = 1 / (1 + e^−x)`, the logistic function, with PyTorch's float32 arithmetic.
 *
 * PyTorch's CPU kernel computes `1 / (1 + exp(−x))` in the tensor's dtype: three float32
 * roundings after a float32 `exp`. Its portable kernel (`ATEN_CPU_CAPABILITY=default`) calls
 * glibc's `expf`, which is correctly rounded; so is the float32 `exp` here, and the result is
 * PyTorch's bits (all 2,014 fixture inputs, spec/tensor/sigmoid.spec.ts). PyTorch's AVX2 kernel
 * uses SLEEF's vectorised `expf`, which is not always correctly rounded, so its sigmoid differs
 * from this one in the last bits for some inputs.
 * float64 is computed the same way with `Math.exp` (not claimed bit-exact).
 */
import { Tensor } from '../tensor.js';
import { isFloating } from '../dtype.js';
import { record } from '../autograd/node.js';
import { mapUnary } from './map.js';

/**
 * `sigmoid(x) = 1 / (1 + exp(−x))`, elementwise; integer and bool inputs give float32.
 * d σ(x)/dx = e^−x / (1 + e^−x)² = σ(x)·(1 − σ(x))  →  grad = g · (1 − out) · out
 * (PyTorch's `SigmoidBackward0`, computed in that order from the saved output).
 *
 * @example sigmoid(tensor([-1, 0, 1])) // tensor([0.2689, 0.5000, 0.7311])
 */
export function sigmoid(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new TypeError(`sigmoid: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  const dt = isFloating(x.dtype) ? x.dtype : 'float32';
  const f = Math.fround;
  const out = mapUnary(x, dt, dt === 'float32'
    ? (o, oi, p, pi, ps, n) => {
      for (let i = 0; i < n; i++, pi += ps) o[oi + i] = f(1 / f(1 + f(Math.exp(-p[pi]))));
    }
    : (o, oi, p, pi, ps, n) => {
      for (let i = 0; i < n; i++, pi += ps) o[oi + i] = 1 / (1 + Math.exp(-p[pi]));
    });
  return record(out, 'SigmoidBackward0', [x], (g) => [g.mul(out.neg().add(1)).mul(out)], [out]);
}
