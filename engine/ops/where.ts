/**
 * Choosing elementwise by a boolean mask: `where(cond, a, b)` takes a where cond is true and b
 * elsewhere (PyTorch's `torch.where`); `x.maskedFill(mask, value)` puts `value` where mask is
 * true (`Tensor.masked_fill`). Both broadcast (cond, a and b; x and mask) and give a new tensor.
 *
 * ```
 *   where(tensor([true, false, true]), tensor([1, 2, 3]), 0)   → tensor([1, 0, 3])
 *   tensor([1, 2, 3]).maskedFill(tensor([true, false, true]), -1)  → tensor([-1, 2, -1])
 * ```
 *
 * The masks must be bool tensors (`x.gt(0)`, `eq`, …): PyTorch 1.13 also accepts uint8 masks,
 * and, without a clear meaning, float masks in masked_fill; this engine refuses them.
 */
import { Tensor, type TensorLike } from '../tensor.js';
import { promoteWithScalar, scalarDType, torchTypeName, type DType } from '../dtype.js';
import { broadcastShapesFor, expandStrides, numelOf, type Shape } from '../shape.js';
import { Storage } from '../storage.js';
import { forEachRow } from '../iterate.js';
import { record } from '../autograd/node.js';
import { checkOperand, resultType, scalarTensor } from './map.js';

/** A bool tensor, or an error naming the op and what it got. */
function checkMask(op: string, what: string, mask: unknown): Tensor {
  if (!(mask instanceof Tensor)) throw new TypeError(`${op}: ${what} must be a bool Tensor, got ${mask === null ? 'null' : typeof mask}`);
  if (mask.dtype !== 'bool') {
    throw new TypeError(
      op === 'where'
        ? `where expected condition to be a boolean tensor, but got a tensor with dtype ${torchTypeName(mask.dtype)} (make one with a comparison such as x.gt(0), or .bool())`
        : `${op} only supports boolean masks, but got mask with dtype ${mask.dtype} (make one with a comparison such as x.gt(0), or .bool())`,
    );
  }
  return mask;
}

/**
 * out = src (broadcast to out's shape) where `pick` says so: `pick(maskValue)` per element when
 * a mask is given, everywhere otherwise. The typed-array store converts the values (float64 →
 * float32 rounds, int32 → float keeps them; a bool output only ever gets bools).
 */
function fill(out: Tensor, src: Tensor, mask: Tensor | null, when: boolean): void {
  const od = out.storage.data, sd = src.storage.data;
  const ss = expandStrides(src.shape, src.strides, out.shape);
  if (mask === null) {
    forEachRow(out.shape, [out.strides, ss], [out.offset, src.offset], (n, p0, s0, p1, s1) => {
      for (let i = 0; i < n; i++, p0 += s0, p1 += s1) od[p0] = sd[p1];
    });
    return;
  }
  const md = mask.storage.data;
  const ms = expandStrides(mask.shape, mask.strides, out.shape);
  forEachRow(out.shape, [out.strides, ms, ss], [out.offset, mask.offset, src.offset], (n, p0, s0, p1, s1, p2, s2) => {
    for (let i = 0; i < n; i++, p0 += s0, p1 += s1, p2 += s2) if ((md[p1] !== 0) === when) od[p0] = sd[p2];
  });
}

/** The dtype of `where(cond, a, b)`: PyTorch's result type of a and b (two numbers included). */
function whereDType(a: TensorLike, b: TensorLike): DType {
  if (typeof a === 'number' && typeof b === 'number') return promoteWithScalar(scalarDType(a), b);
  return resultType(a, b);
}

/**
 * Elementwise `cond ? a : b` with broadcasting over all three (PyTorch's `torch.where(cond, a,
 * b)`). `cond` is a bool tensor; `a` and `b` are tensors or numbers, and the result has their
 * promoted dtype (`where(c, intTensor, 0.5)` is float32; `where(c, 1, 0)` is int32).
 *
 * Backward (WhereBackward0): out = cond·a + (1 − cond)·b elementwise, so ∂out/∂a = cond and
 * ∂out/∂b = 1 − cond: grad_a = where(cond, g, 0), grad_b = where(cond, 0, g) (each summed back
 * over the dims it was broadcast along). cond gets no gradient.
 *
 * @example
 * ```ts
 * const x = tensor([-1, 2, -3]);
 * where(x.gt(0), x, 0) // tensor([0, 2, 0])
 * where(tensor([[true], [false]]), tensor([1, 2]), tensor([10, 20])) // tensor([[ 1,  2], [10, 20]])
 * ```
 */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  checkMask('where', 'condition', cond);
  checkOperand('where', a);
  checkOperand('where', b);
  const dtype = whereDType(a, b);
  const at = a instanceof Tensor ? a : scalarTensor(a, dtype);
  const bt = b instanceof Tensor ? b : scalarTensor(b, dtype);
  const shape = broadcastShapesFor('where (condition, a, b)', [cond.shape, at.shape, bt.shape]);
  const out = new Tensor(Storage.allocUnfilled(dtype, numelOf(shape)), shape); // every element is written
  fill(out, bt, null, true);
  fill(out, at, cond, true);
  return record(out, 'WhereBackward0', [a, b], (g) => [where(cond, g, 0), where(cond, 0, g)], [cond]);
}

/**
 * `x` with `value` where `mask` is true (PyTorch's `Tensor.masked_fill`). `mask` is a bool
 * tensor broadcast with x (the result has the broadcast shape); `value` is a number or a 0-d
 * tensor, converted to x's dtype (into an int32 tensor, 2.7 becomes 2, as in PyTorch).
 *
 * Backward (MaskedFillBackward0 for a number, MaskedFillBackward1 for a 0-d tensor value):
 * out = x where the mask is false and value where it is true, so grad_x = where(mask, 0, g) and
 * grad_value = Σ g over the masked positions.
 *
 * @example
 * ```ts
 * tensor([1, 2, 3]).maskedFill(tensor([true, false, true]), -1) // tensor([-1,  2, -1])
 * tensor([[0.5, 2]]).maskedFill(tensor([[false, true]]), -Infinity) // tensor([[0.5000,   -inf]])
 * ```
 */
export function maskedFill(x: Tensor, mask: Tensor, value: TensorLike): Tensor {
  checkMask('masked_fill', 'mask', mask);
  checkOperand('masked_fill', value);
  if (value instanceof Tensor && value.ndim !== 0) {
    throw new RangeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
  }
  const shape: Shape = broadcastShapesFor('masked_fill (x, mask)', [x.shape, mask.shape]);
  const out = new Tensor(Storage.allocUnfilled(x.dtype, numelOf(shape)), shape); // every element is written
  fill(out, x, null, true);
  const v = value instanceof Tensor ? value.item() : Number(value);
  fill(out, scalarTensor(v, x.dtype), mask, true); // (scalarTensor converts: 2.7 → 2 in int32, non-zero → true)
  if (value instanceof Tensor) {
    return record(out, 'MaskedFillBackward1', [x, value], (g) => [where(mask, 0, g), where(mask, g, 0).sum()], [mask]);
  }
  return record(out, 'MaskedFillBackward0', [x], (g) => [where(mask, 0, g)], [mask]);
}
