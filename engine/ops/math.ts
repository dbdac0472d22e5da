/**
 * Elementwise math: exp, log, sqrt, tanh, relu. Integer inputs are computed in float32 (as
 * PyTorch promotes them), except relu, which keeps the dtype. Each forward loop sits beside its
 * backward, with the derivative in the comment.
 */
import { Tensor } from '../tensor.js';
import { isFloating, type DType } from '../dtype.js';
import { record } from '../autograd/node.js';
import { mapUnary, type UnaryKernel } from './map.js';
import { Storage } from '../storage.js';
import { forEachRow } from '../iterate.js';
import { expF32Kernel } from '../fast/exp-f32.js';
import { simdExpF32 } from '../fast/elementwise.js';
import { logF32Kernel } from '../fast/log-f32.js';
import { tanhF32Kernel } from '../fast/tanh-f32.js';
import { simdLogF32, simdSqrtF32, simdTanhF32 } from '../fast/math-f32.js';
import { pytorchX86 } from './float32-arithmetic.js';
import { tanhX86 } from './x86/tanh.js';
import { tanhBackward } from './tanh-backward.js';

/**
 * The reference loops: `Math.f` of each element, in float64; a float32 output rounds it as it is
 * stored. The float32 fast paths (fast/exp-f32.ts, log-f32.ts, tanh-f32.ts and the SIMD kernels)
 * give these loops' bits for every input.
 */
const plainExp: UnaryKernel = (o, oi, p, pi, ps, n) => {
  for (let i = 0; i < n; i++, pi += ps) o[oi + i] = Math.exp(p[pi]);
};
const plainLog: UnaryKernel = (o, oi, p, pi, ps, n) => {
  for (let i = 0; i < n; i++, pi += ps) o[oi + i] = Math.log(p[pi]);
};
const plainTanh: UnaryKernel = (o, oi, p, pi, ps, n) => {
  for (let i = 0; i < n; i++, pi += ps) o[oi + i] = Math.tanh(p[pi]);
};

function floatOf(x: Tensor): DType {
  return isFloating(x.dtype) ? x.dtype : 'float32';
}

/**
 * `exp(x)`.
 * d exp(x)/dx = exp(x)  →  grad = g · out (the output is saved, no recomputation).
 *
 * @example exp(tensor([0, 1])) // tensor([1.0000, 2.7183])
 */
export function exp(x: Tensor): Tensor {
  const dt = floatOf(x);
  // float32: plainExp's bits, several times faster (exp-f32.ts; the SIMD kernel when it can)
  const out = mapUnary(x, dt, dt === 'float32' ? expF32Kernel : plainExp, simdExpF32);
  return record(out, 'ExpBackward0', [x], (g) => [g.mul(out)], [out]);
}

/**
 * `log(x)` (natural). log(0) = -inf, log(negative) = NaN.
 * d log(x)/dx = 1/x  →  grad = g / x.
 *
 * @example log(tensor([1, 0])) // tensor([0., -inf])
 */
export function log(x: Tensor): Tensor {
  // float32: plainLog's bits, several times faster (log-f32.ts; the SIMD kernel when it can)
  const out = mapUnary(x, floatOf(x), x.dtype === 'float32' ? logF32Kernel : plainLog, simdLogF32);
  return record(out, 'LogBackward0', [x], (g) => [g.div(x)], [x]);
}

/**
 * `sqrt(x)`.
 * d √x/dx = 1/(2√x)  →  grad = g / (2 · out).
 *
 * @example sqrt(tensor([4, 2])) // tensor([2.0000, 1.4142])
 */
export function sqrt(x: Tensor): Tensor {
  const out = mapUnary(x, floatOf(x), (o, oi, p, pi, ps, n) => {
    for (let i = 0; i < n; i++, pi += ps) o[oi + i] = Math.sqrt(p[pi]);
  }, simdSqrtF32); // float32: the correctly rounded SIMD square root, the same bits
  return record(out, 'SqrtBackward0', [x], (g) => [g.div(out.mul(2))], [out]);
}

/**
 * `tanh(x)`.
 * d tanh(x)/dx = 1 - tanh(x)²  →  grad = g · (1 - out²) (one pass over the elements where it can,
 * with the bits of the chain `g.mul(out.mul(out).neg().add(1))`: tanh-backward.ts).
 *
 * @example tanh(tensor([-1, 0, 1])) // tensor([-0.7616,  0.0000,  0.7616])
 */
export function tanh(x: Tensor): Tensor {
  if (x.dtype === 'float32' && pytorchX86()) return tanhX86(x); // opt-in: PyTorch's x86 bits (x86/tanh.ts)
  // float32: plainTanh's bits, faster (tanh-f32.ts; the SIMD kernel when it can)
  const out = mapUnary(x, floatOf(x), x.dtype === 'float32' ? tanhF32Kernel : plainTanh, simdTanhF32);
  return record(out, 'TanhBackward0', [x], (g) => [tanhBackward(g, out)], [out]);
}

/**
 * `relu(x) = max(x, 0)`, as PyTorch computes it: `x < 0 ? 0 : x`, so NaN stays NaN and −0 stays
 * −0.
 * d relu(x)/dx = 1 where x > 0, else 0  →  grad = (out <= 0 ? 0 : g), PyTorch's
 * `threshold_backward`: a NaN output passes the gradient through, a masked gradient is +0.
 *
 * @example relu(tensor([-1.5, 2])) // tensor([0., 2.])
 */
export function relu(x: Tensor): Tensor {
  if (x.dtype === 'bool') throw new TypeError('relu: not implemented for bool tensors');
  const out = mapUnary(x, x.dtype, (o, oi, p, pi, ps, n) => {
    for (let i = 0; i < n; i++, pi += ps) {
      const v = p[pi];
      o[oi + i] = v < 0 ? 0 : v;
    }
  });
  return record(out, 'ReluBackward0', [x], (g) => {
    const gx = new Tensor(Storage.allocUnfilled(g.dtype, out.numel()), out.shape);
    const gd = gx.storage.data;
    const od = out.storage.data; // out is contiguous (mapUnary's result), g has its shape
    let k = 0;
    forEachRow(g.shape, [g.strides], [g.offset], (n, p, s) => {
      const src = g.storage.data;
      for (let i = 0; i < n; i++, p += s, k++) gd[k] = od[k] <= 0 ? 0 : src[p];
    });
    return [gx];
  }, [out]);
}
