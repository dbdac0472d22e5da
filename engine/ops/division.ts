/**
 * Python's integer-division pair: `remainder(a, b)` (the result has the sign of b, like Python's
 * `%`) and `floorDivide(a, b)` (the quotient rounded down, like `//`), with broadcasting and
 * PyTorch's promotion. Float32 results follow PyTorch's kernels step by step (`fmod`, then a
 * correction), each step rounded to float32, so they have its bits. Integer division by zero is
 * an error (PyTorch's "ZeroDivisionError"); float division by zero gives NaN or ±∞.
 */
import type { Tensor, TensorLike } from '../tensor.js';
import { isFloating, type DType } from '../dtype.js';
import { record } from '../autograd/node.js';
import { mapBinary, operands } from './map.js';
import { recordNotImplemented } from './not-implemented.js';

function prepare(op: string, a: TensorLike, b: TensorLike, kernel: string): [Tensor, Tensor, DType] {
  const [x, y, dt] = operands(op, a, b);
  if (dt === 'bool') throw new TypeError(`"${kernel}" not implemented for 'Bool' (convert with .int() first)`);
  if (!isFloating(dt)) {
    const yd = y.toTypedArray();
    if (yd.some((v) => v === 0)) throw new RangeError(`${op}: ZeroDivisionError (integer division by zero; the divisor of shape [${y.shape.join(', ')}] holds a 0)`);
  }
  return [x, y, dt];
}

/** PyTorch's floating remainder: `fmod`, then `+ b` when the signs differ (one rounding). */
function remainderFloat(a: number, b: number, round: (v: number) => number): number {
  const mod = a % b; // fmod: exact
  return mod !== 0 && (b < 0) !== (mod < 0) ? round(mod + b) : mod;
}

/** PyTorch's `div_floor_floating`, each step rounded with `round`. */
export function floorDivFloat(a: number, b: number, round: (v: number) => number): number {
  if (b === 0) return round(a / b);
  const mod = a % b;
  let div = round(round(a - mod) / b);
  if (mod !== 0 && (b < 0) !== (mod < 0)) div = round(div - 1);
  if (div === 0) {
    const q = round(a / b); // copysign(0, a / b)
    return q < 0 || Object.is(q, -0) ? -0 : 0;
  }
  let fl = Math.floor(div);
  if (round(div - fl) > 0.5) fl = round(fl + 1);
  return fl;
}

function intRemainder(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
}

function intFloorDiv(a: number, b: number): number {
  const q = Math.trunc(a / b);
  return a % b !== 0 && (a < 0) !== (b < 0) ? q - 1 : q;
}

const identity = (v: number) => v;

/**
 * `a mod b` with the sign of b (Python's `%`; `torch.remainder`).
 * d(a mod b)/da = 1, d(a mod b)/db = −floor(a/b)  →  grad_a = g, grad_b = −g · floorDivide(a, b).
 * With a number as `a` the derivative for b is not implemented (as PyTorch).
 *
 * @example remainder(tensor([-3, 3]), 2) // tensor([1, 1])
 */
export function remainder(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dt] = prepare('remainder', a, b, 'remainder_cpu');
  const round = dt === 'float32' ? Math.fround : identity;
  const out = mapBinary('remainder', x, y, dt, isFloating(dt)
    ? (o, oi, p, pi, ps, q, qi, qs, n) => { for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = remainderFloat(p[pi], q[qi], round); }
    : (o, oi, p, pi, ps, q, qi, qs, n) => { for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = intRemainder(p[pi], q[qi]); });
  if (typeof b === 'number') return record(out, 'RemainderBackward0', [a, null], (g) => [g, null]);
  if (typeof a === 'number') return recordNotImplemented(out, 'remainder', [null, b]);
  return record(out, 'RemainderBackward1', [a, b], (g) => [g, g.neg().mul(floorDivide(x, y))], [x, y]);
}

/**
 * `a // b`: the quotient rounded toward −∞ (`torch.floor_divide`; integers stay integers).
 * Not differentiable (PyTorch records `NotImplemented`): backward through it throws.
 *
 * @example floorDivide(tensor([-3, 3]), 2) // tensor([-2,  1])
 */
export function floorDivide(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dt] = prepare('floor_divide', a, b, 'div_floor_cpu');
  const round = dt === 'float32' ? Math.fround : identity;
  const out = mapBinary('floor_divide', x, y, dt, isFloating(dt)
    ? (o, oi, p, pi, ps, q, qi, qs, n) => { for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = floorDivFloat(p[pi], q[qi], round); }
    : (o, oi, p, pi, ps, q, qi, qs, n) => { for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = intFloorDiv(p[pi], q[qi]); });
  return recordNotImplemented(out, 'floor_divide', [a, b]);
}
