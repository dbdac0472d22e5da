/**
 * In-place ops: add_, sub_, mul_, div_, fill_, copy_. They write through the target's strides,
 * so they work on views (`N.index(i, j).add_(1)` counts a bigram in N). Every write bumps the
 * target's version counter (shared with its views), which autograd checks before using a saved tensor.
 *
 * Rules, as in PyTorch, each checked BEFORE anything is written (a failing op changes nothing):
 * - the other operand must broadcast to the target's shape (the target's shape cannot change);
 * - the result dtype must be castable to the target's dtype (no float into an int tensor);
 * - the target may not have several elements sharing one memory cell (an `expand`ed view);
 * - a leaf that requires grad may not be modified while grad mode is on (use `.data` or noGrad).
 */
import { Tensor, type TensorLike } from '../tensor.js';
import { Storage } from '../storage.js';
import { category, isFloating, promoteWithScalar, type DType, type TypedArray } from '../dtype.js';
import { broadcastShapesFor, formatShape, sameShape } from '../shape.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import { Node, needsGrad } from '../autograd/node.js';
import { operands, writeBinary, scalarTensor, type BinaryKernel } from './map.js';
import { simdBinary } from '../simd/elementwise.js';
import { addInt32, mulInt32, subInt32 } from './int32-kernels.js';
import { copyContiguous } from './views.js';

/** The checks every in-place op makes before writing. */
export function checkTarget(op: string, target: Tensor, other: Tensor | null, resultDtype: string | null): void {
  if (isGradEnabled() && target.requiresGrad && target.isLeaf) {
    throw new Error(
      `${op}: a leaf Variable that requires grad is being used in an in-place operation. ` +
        `Update it through .data (W.data.add_(...)) or inside noGrad(() => ...).`,
    );
  }
  if (other && other.ndim > 0) {
    // (a 0-d other broadcasts to any shape)
    const shape = broadcastShapesFor(op, [target.shape, other.shape]);
    if (!sameShape(shape, target.shape)) {
      throw new RangeError(`${op}: output with shape ${formatShape(target.shape)} doesn't match the broadcast shape ${formatShape(shape)}`);
    }
  }
  if (resultDtype !== null && category(resultDtype as Tensor['dtype']) > category(target.dtype)) {
    throw new TypeError(`${op}: result type ${resultDtype} can't be cast to the desired output type ${target.dtype}`);
  }
  for (let i = 0; i < target.ndim; i++) {
    if (target.strides[i] === 0 && target.shape[i] > 1) {
      throw new Error(
        `${op}: unsupported operation: more than one element of the written-to tensor refers to a single memory location ` +
          `(shape ${formatShape(target.shape)}, strides ${formatShape(target.strides)}). Please clone() the tensor before performing the operation.`,
      );
    }
  }
  if (needsGrad(target, other) && target.base !== null && (target.base.requiresGrad || target.requiresGrad)) {
    throw new Error(`${op}: in-place modification of a view of a tensor that requires grad is not supported; use the out-of-place op`);
  }
}

/**
 * Record the in-place op on the tape: the target's history is replaced by a node whose input is
 * the target's previous self. `backward` gets the saved "old" alias. Called only when
 * `recording(target, other)`.
 */
export function rebase(
  target: Tensor, name: string, other: TensorLike, backward: (g: Tensor, old: Tensor) => (Tensor | null)[], alsoSaved: Tensor | null = null,
): void {
  const otherT = other instanceof Tensor ? other : null;
  const old = target.detach();
  old.setGradFn(target.gradFn);
  // every tensor the backward closure needs is listed as saved, so that tidy (which walks the
  // graph, not closures) keeps it and backward() frees it
  const saved = [otherT, alsoSaved].filter((t): t is Tensor => t !== null);
  target.setGradFn(new Node(name, [target.gradFn ? old : null, otherT], (g) => backward(g, old), saved));
}

/** True when an in-place op must be recorded: grad mode is on and an operand requires grad. */
export function recording(target: Tensor, other: TensorLike): boolean {
  return isGradEnabled() && (target.requiresGrad || (other instanceof Tensor && other.requiresGrad));
}

/**
 * One-element buffers holding a plain-number operand in the target's dtype (the store rounds it
 * as `scalarTensor` would: float32 rounding, int32 wrapping), so that `N.index(i, j).add_(1)`
 * allocates no 0-d tensor for the 1. Only read inside one synchronous kernel call.
 */
const scalarSlots: Record<DType, TypedArray> = {
  float32: new Float32Array(1),
  float64: new Float64Array(1),
  int32: new Int32Array(1),
  bool: new Uint8Array(1),
};

function binaryInplace(op: string, target: Tensor, other: TensorLike, kernel: BinaryKernel): void {
  if (typeof other === 'number' && target.ndim === 0 && target.dtype !== 'bool') {
    // a number into one element: the checks `operands` and `checkTarget` make, without
    // wrapping the number in a tensor or walking strides
    const dt = promoteWithScalar(target.dtype, other);
    checkTarget(op, target, null, op === 'div_' && !isFloating(dt) ? 'float32' : dt);
    const slot = scalarSlots[dt];
    slot[0] = other;
    const data = target.storage.data;
    kernel(data, target.offset, data, target.offset, 0, slot, 0, 0, 1);
  } else {
    const [, y, dt] = operands(op, target, other);
    checkTarget(op, target, y, op === 'div_' && !isFloating(dt) ? 'float32' : dt);
    if (!simdBinary(op, target, target, y)) writeBinary(target, target, y, kernel); // SIMD for float32 add_/sub_/mul_/div_
  }
  target.versionCounter.value++;
}

// The row kernels (module constants: no closure is created per call).
const addKernel: BinaryKernel = (o, oi, p, pi, ps, q, qi, qs, n) => {
  for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] + q[qi];
};
const subKernel: BinaryKernel = (o, oi, p, pi, ps, q, qi, qs, n) => {
  for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] - q[qi];
};
const mulKernel: BinaryKernel = (o, oi, p, pi, ps, q, qi, qs, n) => {
  for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] * q[qi];
};
const divKernel: BinaryKernel = (o, oi, p, pi, ps, q, qi, qs, n) => {
  for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] / q[qi];
};

/** In place `target += other`.  Backward: grad_target = g, grad_other = g. */
export function add_<T extends Tensor>(target: T, other: TensorLike): T {
  binaryInplace('add_', target, other, target.dtype === 'int32' ? addInt32 : addKernel);
  if (recording(target, other)) rebase(target, 'AddBackward0', other, (g) => [g, g]);
  return target;
}

/** In place `target -= other`.  Backward: grad_target = g, grad_other = -g. */
export function sub_<T extends Tensor>(target: T, other: TensorLike): T {
  binaryInplace('sub_', target, other, target.dtype === 'int32' ? subInt32 : subKernel);
  if (recording(target, other)) rebase(target, 'SubBackward0', other, (g) => [g, g.neg()]);
  return target;
}

/**
 * In place `target *= other`.  Backward: grad_target = g·other, grad_other = g·old_target.
 * The write destroys old_target, so it is copied first when `other` needs a gradient (PyTorch
 * saves `original_self` the same way).
 */
export function mul_<T extends Tensor>(target: T, other: TensorLike): T {
  const original = needsGrad(other) ? copyContiguous(target) : null;
  binaryInplace('mul_', target, other, target.dtype === 'int32' ? mulInt32 : mulKernel);
  if (recording(target, other)) {
    const y = other instanceof Tensor ? other : scalarTensor(other, target.dtype);
    rebase(target, 'MulBackward0', other, (g) => [g.mul(y), original ? g.mul(original) : null], original);
  }
  return target;
}

/**
 * In place `target /= other` (notes N13).  Backward: grad_target = g/other,
 * grad_other = -g·old_target/other² (old_target copied before the write, as in `mul_`).
 */
export function div_<T extends Tensor>(target: T, other: TensorLike): T {
  const original = needsGrad(other) ? copyContiguous(target) : null;
  binaryInplace('div_', target, other, divKernel);
  if (recording(target, other)) {
    const y = other instanceof Tensor ? other : scalarTensor(other, target.dtype);
    rebase(target, 'DivBackward0', other, (g) => [g.div(y), original ? g.neg().mul(original).div(y.mul(y)) : null], original);
  }
  return target;
}

/** Set every element of `target` to `value` (through views). Cuts the target's history. */
export function fill_<T extends Tensor>(target: T, value: number): T {
  if (typeof value !== 'number' && typeof value !== 'boolean') throw new TypeError(`fill_: value must be a number, got ${typeof value}`);
  checkTarget('fill_', target, null, null);
  writeBinary(target, target, scalarTensor(value, target.dtype), (o, oi, _p, _pi, _ps, q, qi, _qs, n) => {
    const v = q[qi];
    for (let i = 0; i < n; i++) o[oi + i] = v;
  });
  target.versionCounter.value++;
  if (target.gradFn) target.setGradFn(new Node('FillBackward0', [null], () => [null], []));
  return target;
}

/**
 * Copy `src` into `target` (broadcast to its shape, converted to its dtype: float → int
 * truncates). Backward: grad_src = g (the target's old values get no gradient).
 */
export function copy_<T extends Tensor>(target: T, src: TensorLike): T {
  const s = src instanceof Tensor ? src : scalarTensor(src, target.dtype);
  checkTarget('copy_', target, s, null);
  const toInt = !isFloating(target.dtype) && isFloating(s.dtype);
  const toBool = target.dtype === 'bool';
  writeBinary(target, target, s, (o, oi, _p, _pi, _ps, q, qi, qs, n) => {
    if (toBool) for (let i = 0; i < n; i++, qi += qs) o[oi + i] = q[qi] !== 0 ? 1 : 0;
    else if (toInt) for (let i = 0; i < n; i++, qi += qs) o[oi + i] = Math.trunc(q[qi]);
    else for (let i = 0; i < n; i++, qi += qs) o[oi + i] = q[qi];
  });
  target.versionCounter.value++;
  if (needsGrad(target, s)) {
    // the overwritten values get a zero gradient (PyTorch's zeros_like(grad)), src gets g
    let old: Tensor | null = null;
    if (target.gradFn) {
      old = target.detach();
      old.setGradFn(target.gradFn);
    }
    target.setGradFn(new Node('CopyBackwards', [old, s], (g) => [old ? new Tensor(Storage.alloc(g.dtype, g.numel()), g.shape) : null, g.to(s.dtype)], []));
  }
  return target;
}
