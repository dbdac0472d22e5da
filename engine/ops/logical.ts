/**
 * `logicalNot`, `logicalAnd`, `logicalOr`: any dtype in (non-zero is true, NaN is true), bool out,
 * with broadcasting. As in PyTorch, both operands of the binary ops must be tensors. Not
 * differentiable.
 */
import { Tensor } from '../tensor.js';
import { mapBinary, mapUnary, type BinaryKernel } from './map.js';

/** PyTorch's message when a number is passed where a tensor is needed. */
export function needTensor(op: string, x: unknown, position: number, name: string): void {
  if (!(x instanceof Tensor)) {
    const got = x === null ? 'null' : typeof x === 'number' ? (Number.isInteger(x) ? 'int' : 'float') : typeof x;
    throw new TypeError(`${op}(): argument '${name}' (position ${position}) must be Tensor, not ${got}`);
  }
}

/**
 * True where x is zero (false for NaN).
 * @example logicalNot(tensor([0, 2])) // tensor([ True, False])
 */
export function logicalNot(x: Tensor): Tensor {
  needTensor('logical_not', x, 1, 'input');
  return mapUnary(x, 'bool', (o, oi, p, pi, ps, n) => {
    for (let i = 0; i < n; i++, pi += ps) o[oi + i] = p[pi] === 0 ? 1 : 0;
  });
}

function logical(op: string, a: Tensor, b: Tensor, kernel: BinaryKernel): Tensor {
  needTensor(op, a, 1, 'input');
  needTensor(op, b, 2, 'other');
  return mapBinary(op, a, b, 'bool', kernel);
}

/**
 * True where both are non-zero (broadcasting).
 * @example logicalAnd(tensor([1, 0, 2]), tensor([1, 1, 0])) // tensor([ True, False, False])
 */
export function logicalAnd(a: Tensor, b: Tensor): Tensor {
  return logical('logical_and', a, b, (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] !== 0 && q[qi] !== 0 ? 1 : 0;
  });
}

/**
 * True where either is non-zero (broadcasting).
 * @example logicalOr(tensor([1, 0, 0]), tensor([0, 0, 3])) // tensor([ True, False,  True])
 */
export function logicalOr(a: Tensor, b: Tensor): Tensor {
  return logical('logical_or', a, b, (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] !== 0 || q[qi] !== 0 ? 1 : 0;
  });
}
