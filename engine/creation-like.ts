/**
 * Creation from another tensor's shape: `zerosLike`, `onesLike`, `fullLike`, `randLike`,
 * `randnLike` (PyTorch's `torch.*_like`). The result has the input's shape and, unless `dtype`
 * says otherwise, its dtype; it is always a new contiguous leaf (the input's values, layout and
 * graph are not used).
 */
import { full, type TensorOptions } from './creation.js';
import { Tensor } from './tensor.js';
import { rand, randn, type RandomOptions } from './random/sampling.js';

function checkInput(op: string, x: unknown): asserts x is Tensor {
  if (!(x instanceof Tensor)) throw new TypeError(`${op}: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
}

/**
 * A tensor of `x`'s shape filled with `value` (dtype: `x`'s unless given), as `torch.full_like`.
 * An integer dtype truncates a fractional value toward zero, as PyTorch does.
 *
 * @example fullLike(zeros([2, 2]), 7) // tensor([[7., 7.], [7., 7.]])
 * @throws TypeError when `x` is not a Tensor or `value` not a number.
 */
export function fullLike(x: Tensor, value: number, opts?: TensorOptions): Tensor {
  checkInput('fullLike', x);
  if (typeof value !== 'number' && typeof value !== 'boolean') throw new TypeError(`fullLike: value must be a number, got ${typeof value}`);
  return full(x.shape, Number(value), { dtype: opts?.dtype ?? x.dtype, requiresGrad: opts?.requiresGrad });
}

/**
 * Zeros of `x`'s shape and dtype, as `torch.zeros_like`.
 *
 * @example zerosLike(tensor([[1, 2, 3]])) // tensor([[0, 0, 0]])
 * @throws TypeError when `x` is not a Tensor.
 */
export function zerosLike(x: Tensor, opts?: TensorOptions): Tensor {
  checkInput('zerosLike', x);
  return fullLike(x, 0, opts);
}

/**
 * Ones of `x`'s shape and dtype, as `torch.ones_like`.
 *
 * @example onesLike(zeros([2])) // tensor([1., 1.])
 * @throws TypeError when `x` is not a Tensor.
 */
export function onesLike(x: Tensor, opts?: TensorOptions): Tensor {
  checkInput('onesLike', x);
  return fullLike(x, 1, opts);
}

/**
 * Uniform samples in [0, 1) of `x`'s shape, as `torch.rand_like`: the same draws as
 * `rand(x.shape)` with the same generator. The dtype is `x`'s (which must be floating) unless given.
 *
 * @example randLike(zeros([3]), { generator: new Generator().manualSeed(2147483647) }) // tensor([0.7081, 0.3542, 0.1054])
 * @throws TypeError when `x` is not a Tensor or the dtype is not floating.
 */
export function randLike(x: Tensor, opts?: RandomOptions): Tensor {
  checkInput('randLike', x);
  return rand(x.shape, { ...opts, dtype: opts?.dtype ?? x.dtype });
}

/**
 * Standard normal samples of `x`'s shape, as `torch.randn_like`: the same draws as
 * `randn(x.shape)` with the same generator. The dtype is `x`'s (which must be floating) unless given.
 *
 * @example randnLike(zeros([2]), { generator: new Generator().manualSeed(42) }) // tensor([0.3367, 0.1288])
 * @throws TypeError when `x` is not a Tensor or the dtype is not floating.
 */
export function randnLike(x: Tensor, opts?: RandomOptions): Tensor {
  checkInput('randnLike', x);
  return randn(x.shape, { ...opts, dtype: opts?.dtype ?? x.dtype });
}
