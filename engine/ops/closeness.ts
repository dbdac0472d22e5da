/**
 * `allclose` and `equal`: whole-tensor comparisons returning a JS boolean.
 */
import { Tensor } from '../tensor.js';
import { torchTypeName } from '../dtype.js';
import { mapBinary } from './map.js';
import { needTensor } from './logical.js';
import { sameShape } from '../shape.js';

/**
 * True if |a − b| ≤ atol + rtol·|b| everywhere (broadcasting; equal infinities are close; NaN
 * only with `equalNan`). Both must have the same dtype, as in PyTorch. The tolerance is computed
 * in the tensors' dtype, as PyTorch's `isclose` does (`atol + |rtol·b|` in float32 for float32).
 *
 * @example allclose(tensor([1, 2]).float(), tensor([1, 2.000001])) // true
 */
export function allclose(a: Tensor, b: Tensor, rtol = 1e-5, atol = 1e-8, equalNan = false): boolean {
  needTensor('allclose', a, 1, 'input');
  needTensor('allclose', b, 2, 'other');
  if (a.dtype !== b.dtype) throw new TypeError(`allclose: ${torchTypeName(a.dtype)} did not match ${torchTypeName(b.dtype)} (both tensors need the same dtype; convert one with .to())`);
  if (a.dtype === 'bool') throw new TypeError('allclose: subtraction of two bool tensors is not supported (compare them with equal())');
  if (!(rtol >= 0) || !(atol >= 0)) throw new RangeError(`allclose: rtol and atol must be non-negative, got rtol ${rtol}, atol ${atol}`);
  // the tolerance's dtype: the tensors' float type (integers: float32, PyTorch's default dtype)
  const f32 = a.dtype !== 'float64';
  const round = f32 ? Math.fround : (v: number) => v;
  const r = round(rtol), t = round(atol);
  const close = mapBinary('allclose', a, b, 'bool', (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) {
      const x = p[pi], y = q[qi];
      if (x === y || (equalNan && x !== x && y !== y)) { o[oi + i] = 1; continue; }
      const allowed = round(t + Math.abs(round(r * round(y))));
      const actual = Math.abs(round(x - y));
      o[oi + i] = Number.isFinite(actual) && actual <= allowed ? 1 : 0;
    }
  });
  return close.toTypedArray().every((v) => v === 1);
}

/**
 * True if both tensors have the same shape and the same values (NaN is never equal; dtypes may
 * differ, values are compared as numbers, as PyTorch 1.13 does).
 * @example equal(tensor([1, 2]), tensor([1, 2])) // true
 */
export function equal(a: Tensor, b: Tensor): boolean {
  needTensor('equal', a, 1, 'input');
  needTensor('equal', b, 2, 'other');
  if (!sameShape(a.shape, b.shape)) return false;
  const x = a.toTypedArray(), y = b.toTypedArray();
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
