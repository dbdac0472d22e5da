/**
 * Arithmetic: add, sub, mul, div, neg, pow. Each op's forward loop and its backward stand side by
 * side, with the derivative in the comment. Backward functions return gradients in the OUTPUT's
 * (broadcast) shape; the engine sums them back to each input's shape (`sumToShape`).
 */
import { Tensor, type TensorLike } from '../tensor.js';
import { isFloating } from '../dtype.js';
import { record } from '../autograd/node.js';
import { mapBinary, mapUnary, operands } from './map.js';
import { addInt32, mulInt32, subInt32 } from './int32-kernels.js';

/**
 * `a + b`.
 * d(a+b)/da = 1, d(a+b)/db = 1  →  grad_a = g, grad_b = g.
 *
 * @example add(tensor([1, 2]), 10) // tensor([11, 12])
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dt] = operands('add', a, b);
  const out = mapBinary('add', x, y, dt, dt === 'int32' ? addInt32 : (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] + q[qi];
  });
  return record(out, 'AddBackward0', [a, b], (g) => [g, g]);
}

/**
 * `a - b`.
 * d(a-b)/da = 1, d(a-b)/db = -1  →  grad_a = g, grad_b = -g.
 *
 * @example sub(10, tensor([1, 2])) // tensor([9, 8])
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dt] = operands('sub', a, b);
  if (dt === 'bool') throw new TypeError('sub: subtraction of two bool tensors is not supported (use logical ops or convert with .int())');
  const out = mapBinary('sub', x, y, dt, dt === 'int32' ? subInt32 : (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] - q[qi];
  });
  return record(out, 'SubBackward0', [a, b], (g) => [g, g.neg()]);
}

/**
 * `a * b`.
 * d(ab)/da = b, d(ab)/db = a  →  grad_a = g·b, grad_b = g·a.
 *
 * @example mul(tensor([1, 2]), tensor([[3], [4]])) // tensor([[3, 6], [4, 8]])
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dt] = operands('mul', a, b);
  const out = mapBinary('mul', x, y, dt, dt === 'int32' ? mulInt32 : (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] * q[qi];
  });
  return record(out, 'MulBackward0', [a, b], (g) => [needs(a) ? g.mul(y) : null, needs(b) ? g.mul(x) : null], [x, y]);
}

/**
 * `a / b`, true division: integer inputs give a float32 result (as `torch.div`).
 * d(a/b)/da = 1/b, d(a/b)/db = -a/b²  →  grad_a = g/b, grad_b = -g·((a/b)/b), computed in
 * PyTorch's order (`div_tensor_other_backward`) so the rounding is the same.
 *
 * @example div(tensor([1, 3]), 2) // tensor([0.5000, 1.5000])
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dt0] = operands('div', a, b);
  const dt = isFloating(dt0) ? dt0 : 'float32';
  const out = mapBinary('div', x, y, dt, (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] / q[qi];
  });
  // grad_b: one full-size temporary q = a/b, updated in place (it is ours: nothing else sees it);
  // q / (-b) · g is exactly -g · ((a/b)/b): negating is exact and commutes with the rounding
  return record(out, 'DivBackward0', [a, b], (g) => [
    needs(a) ? g.div(y) : null,
    needs(b) ? x.div(y).div_(y.neg()).mul_(g) : null,
  ], [x, y]);
}

/**
 * `-a`.
 * d(-a)/da = -1  →  grad = -g.
 *
 * @example neg(tensor([1, -2])) // tensor([-1,  2])
 */
export function neg(a: Tensor): Tensor {
  if (a.dtype === 'bool') throw new TypeError('neg: negation of a bool tensor is not supported (use logical not, or convert with .int())');
  const out = mapUnary(a, a.dtype, (o, oi, p, pi, ps, n) => {
    for (let i = 0; i < n; i++, pi += ps) o[oi + i] = -p[pi];
  });
  return record(out, 'NegBackward0', [a], (g) => [g.neg()]);
}

/**
 * `a ** b` for tensor ** number, number ** tensor and tensor ** tensor.
 * d(a^b)/da = b·a^(b-1);  d(a^b)/db = a^b·ln(a)  (taken as 0 where a = 0 and b ≥ 0, as PyTorch).
 *
 * @example pow(2, tensor([0, 1, 2])) // tensor([1, 2, 4])
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dt] = operands('pow', a, b);
  if (dt !== 'bool' && !isFloating(dt) && typeof b === 'number' && b < 0) {
    throw new RangeError(`pow: integers to negative integer powers are not allowed (got exponent ${b}); convert the base with .float() first`);
  }
  const out = mapBinary('pow', x, y, dt, (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = Math.pow(p[pi], q[qi]);
  });
  if (typeof b === 'number') {
    // tensor ** k:  grad_a = g · k · a^(k-1)
    const name = 'PowBackward0';
    return record(out, name, [a, null], (g) => [b === 0 ? g.mul(0) : g.mul(b).mul(x.pow(b - 1)), null], [x]);
  }
  return record(out, typeof a === 'number' ? 'PowBackward2' : 'PowBackward1', [a, b], (g) => {
    const ga = typeof a === 'number' ? null : g.mul(y).mul(x.pow(y.sub(1)));
    // grad_b = g · a^b · ln a, set to 0 where a == 0 and b >= 0 (the limit PyTorch uses)
    const gb = g.mul(out).mul(x.log());
    const zeroWhere = x.eq(0).mul(y.ge(0)).toTypedArray(); // same (broadcast) shape as gb
    const gd = gb.storage.data;
    for (let i = 0; i < zeroWhere.length; i++) if (zeroWhere[i]) gd[i] = 0;
    return [ga, gb];
  }, [x, y, out]);
}

/** Whether an operand wants a gradient (a number or a tensor without requiresGrad does not). */
function needs(t: TensorLike): boolean {
  return t instanceof Tensor && t.requiresGrad;
}
