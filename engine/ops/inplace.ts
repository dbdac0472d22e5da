/**
 * In-place ops: add_, sub_, mul_, div_, fill_, copy_, and the machinery every in-place op goes
 * through (`runInplace`). They write through the target's strides, so they work on views
 * (`N.index(i, j).add_(1)` counts a bigram in N). Every write bumps the target's version counter
 * (shared with its views), which autograd checks before using a saved tensor.
 *
 * Rules, as in PyTorch, each checked BEFORE anything is written (a failing op changes nothing,
 * not even the version):
 * - the other operand must broadcast to the target's shape (the target's shape cannot change);
 * - the result dtype must be castable to the target's dtype (no float into an int tensor);
 * - the target may not have several elements sharing one memory cell (an `expand`ed view);
 * - an operand may not share memory with the target in another order (`x.add_(x.T)`): the
 *   result would depend on the loop order (`mem-overlap.ts`; `x.add_(x)` is fine);
 * - a leaf that requires grad, or a view of one, may not be modified while grad mode is on (use
 *   `.data` or noGrad).
 *
 * History (autograd/view-history.ts): an in-place op on a tensor replaces its `gradFn` by the
 * op's node, whose first input is the old value's history; through a view, it replaces the
 * BASE's `gradFn` by a `CopySlices` node, and every view of that base makes its `gradFn` again
 * from the base's (`AsStridedBackward0`).
 */
import { Tensor, type TensorLike } from '../tensor.js';
import { Storage } from '../storage.js';
import { category, isFloating, promoteWithScalar, type DType, type TypedArray } from '../dtype.js';
import { broadcastShapesFor, formatShape, sameShape } from '../shape.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import { Node, type BackwardFn } from '../autograd/node.js';
import { copySlices } from '../autograd/view-history.js';
import { operands, writeBinary, scalarTensor, type BinaryKernel } from './map.js';
import { simdBinary } from '../fast/elementwise.js';
import { addInt32, mulInt32, subInt32 } from '../fast/int32-loops.js';
import { copyContiguous } from './views.js';
import { SUB_BOOL, SUB_TWO_BOOLS, addRows, divBackward, divRows, mulBackward, mulRows, subRows } from './arithmetic.js';
import { assertNoInternalOverlap, assertNoPartialOverlap, memOverlap } from './mem-overlap.js';

/**
 * The autograd checks of an in-place write on `target` with operands `inputs` (PyTorch's
 * `check_inplace` and `handle_view_on_rebase`): a leaf that requires grad, a view of one, or a
 * view made in noGrad mode of a tensor that requires grad cannot be modified while grad mode is
 * on. Part of `checkInplace`.
 */
function checkAutograd(op: string, target: Tensor, inputs: readonly (Tensor | null)[]): void {
  if (!isGradEnabled()) return;
  const base = target.viewKind !== 0 ? target.base : null;
  const mo = target.multiOutput;
  if (mo !== null && target.viewKind === 1 && (target.requiresGrad || inputs.some((t) => t !== null && t.requiresGrad))) {
    // PyTorch's handle_view_on_rebase for CreationMeta::MULTI_OUTPUT_NODE: a split piece (or a
    // view of one) cannot take a recorded in-place write, whose CopySlices would have to rewrite
    // the history of the sibling pieces
    const multi = 'This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. ' +
      'You should replace the inplace operation by an out-of-place one.';
    if (mo.recorded) throw new Error(`${op}: Output ${mo.index} of ${target.gradFn?.name ?? 'SplitBackward0'} is a view and is being modified inplace. ${multi}`);
    throw new Error(`${op}: A view was created in no_grad mode and is being modified inplace with grad mode enabled. ${multi}`);
  }
  if (base !== null && base.requiresGrad && base.isLeaf) {
    throw new Error(
      `${op}: a view of a leaf Variable that requires grad is being used in an in-place operation. ` +
        `Update the leaf through .data (W.data...) or inside noGrad(() => ...).`,
    );
  }
  if (target.requiresGrad && target.isLeaf) {
    throw new Error(
      `${op}: a leaf Variable that requires grad is being used in an in-place operation. ` +
        `Update it through .data (W.data.add_(...)) or inside noGrad(() => ...).`,
    );
  }
  if (target.viewKind === 2 && base !== null && (base.requiresGrad || inputs.some((t) => t !== null && t.requiresGrad))) {
    throw new Error(
      `${op}: a view was created in no_grad mode and is being modified inplace with grad mode enabled. ` +
        `Given that this use case is ambiguous and error-prone, it is forbidden. Make the view outside noGrad, or clone() it.`,
    );
  }
}

/**
 * Every check an in-place write of `target` must pass before anything is written: the autograd
 * rules (leaves, views of leaves, views made in noGrad mode), no repeated cells in the target
 * (`expand`), no operand sharing the target's memory in another order (unless `inputOverlap` is
 * false: the op read its inputs before writing). Shape and dtype checks are the op's own.
 * O(ndim) per operand.
 *
 * @example checkInplace('add_', x, [x.T]) // throws: some elements ... refer to a single memory location
 */
export function checkInplace(op: string, target: Tensor, inputs: readonly (Tensor | null)[], inputOverlap = true): void {
  checkAutograd(op, target, inputs);
  assertNoInternalOverlap(op, target);
  if (inputOverlap) for (const t of inputs) if (t !== null) assertNoPartialOverlap(op, target, t);
}

/**
 * PyTorch's `assert_no_overlap`, stricter than `checkInplace`'s partial-overlap rule: the
 * operands of `scatter_`, `scatterAdd_`, `indexPut_` and `indexAdd_` (source values and index)
 * may not share any cell with the written-to tensor, not even as the very same tensor
 * (`x.scatter_(0, i, x)`, an int tensor used as its own index): their loops would read cells
 * they have already written. Call before `runInplace`; nothing is written when it throws.
 *
 * @example assertNoOverlap('index_put_', x, [x]) // throws: clone() the values first
 */
export function assertNoOverlap(op: string, target: Tensor, operands: readonly (Tensor | null)[]): void {
  for (const t of operands) {
    if (t === null) continue;
    const o = memOverlap(target, t);
    if (o === 'full' || o === 'partial') {
      throw new Error(
        `${op}: unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. ` +
          `Please clone() the tensor before performing the operation. (target: shape [${target.shape.join(', ')}]; operand: shape [${t.shape.join(', ')}])`,
      );
    }
  }
}

/**
 * The operand an in-place op should read: `input` itself, or a copy of it when it shares the
 * target's memory in a layout the O(ndim) check cannot settle (both with gaps: `x[:, :2]` and
 * `x[:, 1:]`). PyTorch runs such an op and its result then depends on its loop order; this engine
 * computes it as if the operand had been cloned first (docs/pytorch.md, Known differences).
 *
 * @example readableOperand(x.index(null, slice(0, 2)), x.index(null, slice(1))) // a copy
 */
export function readableOperand(target: Tensor, input: Tensor): Tensor {
  return memOverlap(target, input) === 'tooHard' ? copyContiguous(input) : input;
}

/** What an in-place op records for autograd (see `runInplace`). */
export interface InplaceGrad {
  /** PyTorch's name of the op's node, e.g. `MulBackward0`. */
  name: string;
  /**
   * Given the gradient of the target's new value, [gradient of the target's old value (null: none,
   * as for copy_ and fill_), gradient of each of the `inputs`...], in the target's shape (the
   * engine sums broadcast gradients back).
   */
  backward: BackwardFn;
  /** Tensors the backward reads: their versions are checked when backward runs. */
  saved?: readonly Tensor[];
}

/**
 * Run an in-place op on `target`, PyTorch's way: `checkInplace`, then (only when the op is
 * recorded: grad mode on and the target or an input requires grad) `grad()` is called BEFORE the
 * write (so that it can copy the old values it needs, and the versions of the saved tensors are
 * the ones they had before the write), then `write()`, then the version bump, then the new
 * history: the target's `gradFn` becomes the op's node, or, when the target is a view, its base's
 * `gradFn` becomes a `CopySlices` node and the views make theirs again from it.
 *
 * Any new in-place op (`indexPut_`, `scatter_`, `maskedFill_`, …) should go through this: the
 * op supplies its own shape/dtype checks (before calling), `write` and the backward in the
 * target's coordinates. `inputsReadBeforeWrite`: the op has read its inputs' values already
 * (`fill_`'s 0-d value), so an input may share memory with the target (`x.fill_(x[2])`, as in
 * PyTorch); the autograd checks still see them.
 *
 * @example
 * ```ts
 * runInplace('fill_', t, [], () => writeEveryElement(t, 7), () => ({ name: 'FillBackward0', backward: () => [null] }));
 * ```
 */
export function runInplace<T extends Tensor>(
  op: string, target: T, inputs: readonly (Tensor | null)[], write: () => void, grad?: () => InplaceGrad,
  inputsReadBeforeWrite = false,
): T {
  checkInplace(op, target, inputs, !inputsReadBeforeWrite);
  const commit = grad !== undefined && recording(target, inputs) ? prepareHistory(target, inputs, grad()) : null;
  write();
  target.versionCounter.value++;
  target.storage.writes++;
  if (commit !== null) commit();
  return target;
}

/** True when an in-place op must be recorded: grad mode is on and the target or an input requires grad. */
function recording(target: Tensor, inputs: readonly (Tensor | TensorLike | null)[]): boolean {
  if (!isGradEnabled()) return false;
  if (target.requiresGrad) return true;
  for (const t of inputs) if (t instanceof Tensor && t.requiresGrad) return true;
  return false;
}

/** The tensor's current value as a separate handle holding its current history (null: none). */
function historyOf(t: Tensor): Tensor | null {
  const fn = t.gradFn;
  if (fn === null && !t.requiresGrad) return null;
  const old = t.detach();
  old.setGradFn(fn);
  return old;
}

/**
 * Build the new history before the write (saved versions are taken now) and return the step
 * that attaches it after the write: the target's own node, or `CopySlices` on its base.
 */
function prepareHistory(target: Tensor, inputs: readonly (Tensor | null)[], g: InplaceGrad): () => void {
  const saved = g.saved ?? [];
  const base = target.viewKind !== 0 ? target.base : null;
  if (base === null) {
    const node = new Node(g.name, [historyOf(target), ...inputs], g.backward, saved);
    return () => target.setGradFn(node);
  }
  const node = copySlices(base, historyOf(base), target, inputs, g.backward, saved);
  return () => base.setGradFn(node);
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

function binaryInplace(op: string, target: Tensor, other: TensorLike, kernel: BinaryKernel, grad?: () => InplaceGrad): void {
  if (typeof other === 'number' && target.ndim === 0 && target.dtype !== 'bool' && grad === undefined) {
    // the lecture's N.index(i, j).add_(1): a number into one element of a tensor nobody
    // differentiates. The checks `operands` and `checkTarget` make, without wrapping the number
    // in a tensor or walking strides
    const dt = promoteWithScalar(target.dtype, other);
    checkResultType(op, target, op === 'div_' && !isFloating(dt) ? 'float32' : dt);
    checkInplace(op, target, NO_INPUTS);
    const slot = scalarSlots[dt];
    slot[0] = other;
    const data = target.storage.data;
    kernel(data, target.offset, data, target.offset, 0, slot, 0, 0, 1);
    target.versionCounter.value++;
    target.storage.writes++;
    return;
  }
  if (op === 'sub_' && (target.dtype === 'bool' || typeof other === 'boolean' || (other instanceof Tensor && other.dtype === 'bool'))) {
    const both = target.dtype === 'bool' && (typeof other === 'boolean' || (other instanceof Tensor && other.dtype === 'bool'));
    throw new TypeError(`sub_: ${both ? SUB_TWO_BOOLS : SUB_BOOL}`);
  }
  const [, y0, dt] = operands(op, target, other);
  checkBroadcast(op, target, y0);
  checkResultType(op, target, op === 'div_' && !isFloating(dt) ? 'float32' : dt);
  const inputs = other instanceof Tensor ? [other] : NO_INPUTS;
  const y = readableOperand(target, y0);
  runInplace(op, target, inputs, () => {
    if (!simdBinary(op, target, target, y)) writeBinary(target, target, y, kernel); // SIMD for float32 add_/sub_/mul_/div_
  }, grad);
}

const NO_INPUTS: readonly Tensor[] = [];


/** The other operand must broadcast to the target's shape (the target's shape cannot change). */
function checkBroadcast(op: string, target: Tensor, other: Tensor): void {
  if (other.ndim === 0) return; // a 0-d other broadcasts to any shape
  const shape = broadcastShapesFor(op, [target.shape, other.shape]);
  if (!sameShape(shape, target.shape)) {
    throw new RangeError(`${op}: output with shape ${formatShape(target.shape)} doesn't match the broadcast shape ${formatShape(shape)}`);
  }
}

/** The result dtype must be castable to the target's (no float into an int tensor). */
function checkResultType(op: string, target: Tensor, resultDtype: DType): void {
  if (category(resultDtype) > category(target.dtype)) {
    throw new TypeError(`${op}: result type ${resultDtype} can't be cast to the desired output type ${target.dtype}`);
  }
}

/** The gradient hook only when the op may be recorded (keeps the no-grad path allocation-free). */
function gradIf(target: Tensor, other: TensorLike, g: () => InplaceGrad): (() => InplaceGrad) | undefined {
  return recording(target, [other instanceof Tensor ? other : null]) ? g : undefined;
}

/** In place `target += other`.  Backward: grad_target = g, grad_other = g. */
export function add_<T extends Tensor>(target: T, other: TensorLike): T {
  binaryInplace('add_', target, other, target.dtype === 'int32' ? addInt32 : addRows,
    gradIf(target, other, () => ({ name: 'AddBackward0', backward: (g) => [g, g] })));
  return target;
}

/** In place `target -= other`.  Backward: grad_target = g, grad_other = -g. */
export function sub_<T extends Tensor>(target: T, other: TensorLike): T {
  binaryInplace('sub_', target, other, target.dtype === 'int32' ? subInt32 : subRows,
    gradIf(target, other, () => ({ name: 'SubBackward0', backward: (g) => [g, g.neg()] })));
  return target;
}

/**
 * In place `target *= other`.  Backward: mul's (`mulBackward`): grad_target = g·other,
 * grad_other = g·old_target.
 * The write destroys old_target, so it is copied first when `other` needs a gradient (PyTorch
 * saves `original_self` the same way); `other` is saved (version-checked) only when the
 * target needs a gradient.
 */
export function mul_<T extends Tensor>(target: T, other: TensorLike): T {
  binaryInplace('mul_', target, other, target.dtype === 'int32' ? mulInt32 : mulRows, gradIf(target, other, () => {
    const y = other instanceof Tensor ? other : scalarTensor(other, target.dtype);
    const original = needs(other) ? copyContiguous(target) : null;
    const saved = [original, target.requiresGrad && other instanceof Tensor ? other : null].filter((t): t is Tensor => t !== null);
    return { name: 'MulBackward0', backward: (g) => mulBackward(g, original ?? y, y, true, original !== null), saved };
  }));
  return target;
}

/**
 * In place `target /= other` (notes N13).  Backward: div's (`divBackward`), with old_target for
 * the numerator: grad_target = g/other, grad_other = -g·((old_target/other)/other), rounded in
 * the same order as `div`'s (old_target copied before the write, as in `mul_`).
 */
export function div_<T extends Tensor>(target: T, other: TensorLike): T {
  binaryInplace('div_', target, other, divRows, gradIf(target, other, () => {
    const y = other instanceof Tensor ? other : scalarTensor(other, target.dtype);
    const original = needs(other) ? copyContiguous(target) : null;
    const saved = [original, other instanceof Tensor ? other : null].filter((t): t is Tensor => t !== null);
    return { name: 'DivBackward0', backward: (g) => divBackward(g, original ?? y, y, true, original !== null), saved };
  }));
  return target;
}

/** Whether an operand wants a gradient (a number or a tensor without requiresGrad does not). */
function needs(t: TensorLike): boolean {
  return t instanceof Tensor && t.requiresGrad;
}

/**
 * Set every element of `target` to `value` (through views), a number or a 0-d tensor (converted
 * to the target's dtype as a number is: float → int truncates). Forgets the old values' history:
 * d fill/d old = 0 (PyTorch's FillBackward0; through a view, a CopySlices on the base).
 * A 0-d tensor value gets the gradient of every element it was written to:
 * d fill/d value = Σ g (PyTorch's FillBackward3, `grad.sum()`, in the value's dtype).
 */
export function fill_<T extends Tensor>(target: T, value: number | Tensor): T {
  if (value instanceof Tensor) return fillWithTensor_(target, value);
  if (typeof value !== 'number' && typeof value !== 'boolean') throw new TypeError(`fill_: value must be a number or a 0-d tensor, got ${typeof value}`);
  return runInplace('fill_', target, NO_INPUTS, () => fillWith(target, value), () => ({ name: 'FillBackward0', backward: (g) => [zerosLike(g)] }));
}

/** `fill_` with a 0-d tensor: its value is read before anything is written (it may be a view of the target). */
function fillWithTensor_<T extends Tensor>(target: T, value: Tensor): T {
  if (value.ndim !== 0) throw new RangeError(`fill_ only supports 0-dimension value tensor but got tensor with ${value.ndim} dimensions (shape ${formatShape(value.shape)}).`);
  const x = Number(value.item());
  return runInplace('fill_', target, [value], () => fillWith(target, x), () => ({
    name: 'FillBackward3',
    backward: (g) => [zerosLike(g), g.sum().to(value.dtype)],
  }), true);
}

/** Write `value`, stored in the target's dtype, into every element of `target` (through its strides). */
function fillWith(target: Tensor, value: number): void {
  writeBinary(target, target, scalarTensor(value, target.dtype), (o, oi, _p, _pi, _ps, q, qi, _qs, n) => {
    const x = q[qi];
    for (let i = 0; i < n; i++) o[oi + i] = x;
  });
}

/**
 * Copy `src` into `target` (broadcast to its shape, converted to its dtype: float → int
 * truncates). Backward: grad_src = g (summed back to src's shape), the target's old values get
 * no gradient (PyTorch's CopyBackwards; through a view, CopySlices on the base: `t[i] = src`).
 */
export function copy_<T extends Tensor>(target: T, src: TensorLike): T {
  const s0 = src instanceof Tensor ? src : scalarTensor(src, target.dtype);
  checkBroadcast('copy_', target, s0);
  const s = readableOperand(target, s0);
  const toInt = !isFloating(target.dtype) && isFloating(s.dtype);
  const toBool = target.dtype === 'bool';
  return runInplace('copy_', target, [s0], () => {
    writeBinary(target, target, s, (o, oi, _p, _pi, _ps, q, qi, qs, n) => {
      if (toBool) for (let i = 0; i < n; i++, qi += qs) o[oi + i] = q[qi] !== 0 ? 1 : 0;
      else if (toInt) for (let i = 0; i < n; i++, qi += qs) o[oi + i] = Math.trunc(q[qi]);
      else for (let i = 0; i < n; i++, qi += qs) o[oi + i] = q[qi];
    });
  }, () => ({ name: 'CopyBackwards', backward: (g) => [zerosLike(g), g.to(s0.dtype)] }));
}

/** Zeros shaped like `g` (PyTorch's `zeros_like(grad)`: the overwritten values' gradient). */
function zerosLike(g: Tensor): Tensor {
  return new Tensor(Storage.alloc(g.dtype, g.numel()), g.shape);
}
