/**
 * The Tensor: a view (shape, strides, offset) into a Storage, plus the autograd fields.
 *
 * ```
 *   storage.data:  [ a b c d e f ]          one flat typed array
 *   shape [2, 3], strides [3, 1], offset 0  → row i, column j at 3*i + j
 *   .T:   shape [3, 2], strides [1, 3]      → same storage, no copy
 * ```
 *
 * The methods here are thin: each op lives in `ops/`, with its forward and its backward side by
 * side. This class holds metadata, conversion and printing.
 */
import { checkDType, isFloating, type DType, type TypedArray } from './dtype.js';
import { contiguousStrides, formatShape, isRowMajor, numelOf, sameShape, type Shape } from './shape.js';
import { Storage } from './storage.js';
import { formatTensor } from './format.js';
import { Node } from './autograd/node.js';
import { runBackward, type BackwardOptions } from './autograd/backward.js';
import { isGradEnabled } from './autograd/grad-mode.js';
import { asStridedGradFn } from './autograd/view-history.js';
import * as arith from './ops/arithmetic.js';
import * as math from './ops/math.js';
import * as cmp from './ops/compare.js';
import * as inplace from './ops/inplace.js';
import * as reduce from './ops/reduce.js';
import * as views from './ops/views.js';
import { matmul } from './ops/matmul.js';
import { index, type IndexArg } from './ops/indexing.js';
import { toDType } from './ops/cast.js';
import { bincount, type BincountOptions } from './ops/bincount.js';
import * as random from './random/sampling.js';
import { sigmoid } from './ops/sigmoid.js';
import type { Generator } from './random/generator.js';
// more elementwise math and reductions (the methods under the two markers below)
import { abs, sign } from './ops/abs-sign.js';
import { log2, log1p, expm1 } from './ops/log-exp.js';
import { sin, cos } from './ops/trig.js';
import { floor, ceil, round, trunc } from './ops/rounding.js';
import { clamp } from './ops/clamp.js';
import { maximum, minimum, minAll, minDim, argmin, amax, amin } from './ops/minmax.js';
import { remainder, floorDivide } from './ops/division.js';
import { isnan, isinf, isfinite } from './ops/float-classes.js';
import { logicalNot, logicalAnd, logicalOr } from './ops/logical.js';
import { reciprocal, rsqrt, square } from './ops/powers.js';
import { prod } from './ops/product.js';
import { variance, std, type VarOptions } from './ops/statistics.js';
import { logsumexp } from './ops/logsumexp.js';
import { cumsum, cumprod } from './ops/scan.js';
import { any, all } from './ops/any-all.js';
import { norm } from './ops/norm.js';
import { sort, topk, type SortResult } from './ops/sort.js';
import { allclose, equal } from './ops/closeness.js';
import * as join from './ops/join.js';
import * as splitting from './ops/split.js';
import { flatten, unflatten } from './ops/flatten.js';
import { flip, repeat } from './ops/flip-repeat.js';
import { tril, triu } from './ops/triangular.js';
import { where, maskedFill } from './ops/where.js';
import { gather, scatter, scatterAdd, scatter_, scatterAdd_ } from './ops/gather-scatter.js';
import { indexSelect, indexAdd_, type IndexAddOptions } from './ops/index-select.js';
import { indexPut_ } from './ops/index-put.js';

/** A tensor or a plain number (numbers broadcast like 0-d tensors). */
export type TensorLike = Tensor | number;

/** Nested arrays of numbers (or booleans) as returned by `tolist()`. */
export type NestedArray = number | boolean | NestedArray[];

/** What `max(dim)` returns (PyTorch's `torch.return_types.max`). */
export interface MaxResult {
  /** The maxima along the dim. */
  values: Tensor;
  /** Where each maximum is (int32; the first one on ties). */
  indices: Tensor;
}

/**
 * PyTorch's checks of `t.grad = g` (`THPVariable_set_grad`), before anything changes: a tensor,
 * not `t` itself, of `t`'s dtype and shape. Its messages begin as PyTorch's and name both sides.
 */
function checkAssignedGrad(t: Tensor, g: unknown): void {
  if (!(g instanceof Tensor)) {
    throw new TypeError(`assigned grad expected to be a Tensor or null but got grad of type ${g === undefined ? 'undefined' : (g as object)?.constructor?.name ?? typeof g}`);
  }
  if (g === t) throw new Error("can't assign Variable as its own grad");
  if (g.dtype !== t.dtype) throw new TypeError(`assigned grad has data of a different type: the tensor is ${t.dtype}, the grad ${g.dtype}`);
  if (!sameShape(g.shape, t.shape)) throw new RangeError(`assigned grad has data of a different size: the tensor is ${formatShape(t.shape)}, the grad ${formatShape(g.shape)}`);
}

let nextId = 1;

/** The shape and the strides of every 0-d tensor: one shared empty list, so that the many 0-d
 * views of a scalar loop (`N.index(i, j)`) copy nothing. Never modified (`readonly`). */
const NO_DIMS: readonly number[] = [];

/**
 * An n-dimensional array of numbers with PyTorch's semantics.
 * @example tensor([[1, 2], [3, 4]]).sum(0, true) // tensor([[4, 6]])
 */
export class Tensor {
  /** The shared flat buffer. */
  readonly storage: Storage;
  /** Size of each dimension. */
  readonly shape: readonly number[];
  /** Elements to skip in storage to move one step along each dimension. */
  readonly strides: readonly number[];
  /** Position of element [0, 0, …] in the storage. */
  readonly offset: number;
  /** A unique id, used by graph listings and DOT export. */
  readonly id: number = nextId++;
  private _grad: Tensor | null = null;
  /** Optional label shown by graph exports. */
  label = '';
  private _requiresGrad = false;
  private _gradFn: Node | null = null;
  /** The tensor this one is a view of (null if it owns its storage's layout). */
  readonly base: Tensor | null;
  /**
   * @internal How this tensor's history relates to its base's (see autograd/view-history.ts):
   * 0 = its own (not a view, or `detach()`), 1 = a view whose `gradFn` is made again from the
   * base's after an in-place write, 2 = a view made in noGrad mode (PyTorch refuses to record an
   * in-place write through it).
   */
  viewKind: 0 | 1 | 2;
  /** @internal The version at which a view's `gradFn` was made (viewKind 1). */
  private _viewVersion: number;
  /**
   * @internal Set on the outputs of an op returning several views (`split`, `chunk`) and on every
   * view of them: `index` is the output's number (0 for a view of one), `recorded` whether the op
   * recorded a node. PyTorch refuses a recorded in-place write through such a view (inplace.ts).
   */
  multiOutput: { index: number; recorded: boolean } | null = null;
  /**
   * The version counter, shared by a tensor, its views and `detach()` (PyTorch's `_version`);
   * `.data` gets a counter of its own. Every in-place write increments it.
   */
  readonly versionCounter: {
    /** In-place writes so far. */
    value: number;
  };

  /** Low-level constructor: prefer `tensor()`, `zeros()` and the view methods. */
  constructor(storage: Storage, shape: Shape, strides?: readonly number[], offset = 0, base: Tensor | null = null) {
    this.storage = storage;
    // own copies (the caller's arrays may change later); `readonly` keeps them fixed at compile
    // time (Object.freeze would cost more than the rest of a small op). Default strides: row-major.
    this.shape = shape.length === 0 ? NO_DIMS : shape.slice();
    if (strides === undefined) this.strides = shape.length === 0 ? NO_DIMS : contiguousStrides(shape);
    else this.strides = strides.length === 0 ? NO_DIMS : strides.slice();
    this.offset = offset;
    this.base = base;
    this.versionCounter = base !== null ? base.versionCounter : { value: 0 };
    this.viewKind = base === null ? 0 : isGradEnabled() ? 1 : 2;
    this._viewVersion = this.versionCounter.value;
  }

  /**
   * A view's history follows its base's: after an in-place write anywhere in the shared memory
   * (the version moved on), the `gradFn` is made again from the base's current one
   * (`AsStridedBackward0`), as PyTorch does. O(1) when nothing was written.
   */
  private syncViewHistory(): void {
    this._viewVersion = this.versionCounter.value;
    const base = this.base!;
    if (!base._requiresGrad) return;
    if (this.multiOutput !== null && this.multiOutput.recorded) {
      // PyTorch's handle_view_on_rebase(indirect): a split piece cannot follow its base's new history
      throw new Error(
        `Output ${this.multiOutput.index} of ${this._gradFn?.name ?? 'SplitBackward0'} is a view and its base or another view of its base has been modified inplace. ` +
          'This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. ' +
          'You should replace the inplace operation by an out-of-place one.',
      );
    }
    const prev = this._gradFn;
    this._gradFn = asStridedGradFn(this, base);
    // a retainGrad() moves to the regenerated node, as in setGradFn: .grad is the new value's
    if (prev !== null && prev.retained === this) {
      prev.retained = null;
      this._gradFn.retained = this;
    }
    this._requiresGrad = true;
  }

  /**
   * A contiguous tensor owning a new typed array (taken without copying).
   * @example Tensor.fromArray(new Float32Array([1, 2, 3, 4]), [2, 2]) // tensor([[1., 2.], [3., 4.]])
   */
  static fromArray(data: TypedArray, shape: Shape, dtype?: DType): Tensor {
    if (data.length !== numelOf(shape)) {
      throw new RangeError(`fromArray: ${data.length} values cannot fill shape [${shape.join(', ')}] (${numelOf(shape)} elements)`);
    }
    return new Tensor(Storage.wrap(data, dtype), shape);
  }

  // ---------------------------------------------------------------- metadata

  /**
   * Element type.
   * @example tensor([1.5, 2]).dtype // 'float32'
   */
  get dtype(): DType {
    return this.storage.dtype;
  }
  /**
   * Number of dimensions.
   * @example zeros([2, 3]).ndim // 2
   */
  get ndim(): number {
    return this.shape.length;
  }
  /**
   * Number of elements.
   * @example zeros([2, 3]).numel() // 6
   */
  numel(): number {
    return numelOf(this.shape);
  }
  /**
   * `shape[dim]` with negative dims counted from the end.
   * @example zeros([2, 3]).size(-1) // 3
   */
  size(dim: number): number {
    return this.shape[views.wrapDim(dim, this.ndim, 'size')];
  }
  /**
   * The version counter: increases on every in-place write through this tensor, its views or
   * `detach()` (not through `.data`, as in PyTorch).
   * @example const x = zeros([2]); x.add_(1); x.version // 1
   */
  get version(): number {
    return this.versionCounter.value;
  }
  /**
   * True if the elements are laid out row-major with no gaps (size-1 dims may have any stride).
   * @example zeros([2, 3]).T.isContiguous() // false
   */
  isContiguous(): boolean {
    // no elements: any layout is contiguous (as PyTorch)
    return this.numel() === 0 || isRowMajor(this.shape, this.strides);
  }

  // ---------------------------------------------------------------- autograd fields

  /**
   * The gradient accumulated by `backward()` (leaves, and non-leaves after `retainGrad()`), or
   * null. It may be set by hand (`W.grad = null`, the lecture's `W.grad = None`) to null or to a
   * tensor of this tensor's dtype and shape other than the tensor itself, as PyTorch checks;
   * `backward()` then adds into it in place.
   * @example const w = zeros([2]).requiresGrad_(); w.mul(3).sum().backward(); w.grad // tensor([3., 3.])
   */
  get grad(): Tensor | null {
    return this._grad;
  }
  /** Set by hand: null, or a tensor of this tensor's dtype and shape that is not this tensor (else an error, and `.grad` stays). */
  set grad(g: Tensor | null) {
    if (g !== null) checkAssignedGrad(this, g);
    this._grad = g;
  }

  /**
   * Whether gradients flow to (and, for a leaf, accumulate in) this tensor.
   * @example const w = zeros([3]); w.requiresGrad = true; w.requiresGrad // true
   */
  get requiresGrad(): boolean {
    if (this.viewKind === 1 && this.versionCounter.value !== this._viewVersion) this.syncViewHistory();
    return this._requiresGrad;
  }
  /** Same as `requiresGrad_(v)`: only on leaves, only for floating dtypes. */
  set requiresGrad(v: boolean) {
    this.requiresGrad_(v);
  }
  /**
   * Set `requiresGrad` on a leaf (in place); only floating tensors can require grad.
   * @example zeros([2]).requiresGrad_() // tensor([0., 0.], requires_grad=True)
   */
  requiresGrad_(v = true): this {
    if (v && !isFloating(this.dtype)) {
      throw new TypeError(`only tensors of floating point dtype can require gradients, got ${this.dtype} (convert with .float() first)`);
    }
    if (!v && this.gradFn) {
      throw new Error(`requiresGrad can only be changed on leaf tensors; this tensor was produced by ${this.gradFn.name} (use detach() instead)`);
    }
    this._requiresGrad = v;
    return this;
  }
  /**
   * The node that produced this tensor, or null for a leaf.
   * @example tensor([1, 2], { dtype: 'float32', requiresGrad: true }).exp().gradFn?.name // 'ExpBackward0'
   */
  get gradFn(): Node | null {
    if (this.viewKind === 1 && this.versionCounter.value !== this._viewVersion) this.syncViewHistory();
    return this._gradFn;
  }
  /**
   * True for tensors created by the user (not by an op that recorded a node).
   * @example tensor([1, 2], { dtype: 'float32', requiresGrad: true }).mul(2).isLeaf // false
   */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }
  /**
   * @internal Used by `record` (autograd) and in-place ops to attach history. A `retainGrad()`
   * moves to the new node: after an in-place op, `.grad` is the gradient of the new value.
   */
  setGradFn(node: Node | null): void {
    const prev = this._gradFn;
    if (prev !== null && prev.retained === this) {
      prev.retained = null;
      if (node !== null) node.retained = this;
    }
    this._gradFn = node;
    this._requiresGrad = node !== null || this._requiresGrad;
    this._viewVersion = this.versionCounter.value;
  }
  /**
   * Keep `.grad` on this non-leaf after backward (PyTorch's `retain_grad()`).
   * @example
   * ```ts
   * const x = tensor([1, 2], { dtype: 'float32', requiresGrad: true });
   * const y = x.mul(2).retainGrad(); y.sum().backward();
   * y.grad // tensor([1., 1.])
   * ```
   */
  retainGrad(): this {
    if (!this.requiresGrad) throw new Error(`can't retain_grad on a tensor that has requires_grad=false`);
    const fn = this.gradFn;
    if (fn) fn.retained = this;
    return this;
  }
  /**
   * Backpropagate from this tensor: fills `.grad` of the leaves it depends on.
   * A one-element tensor needs no `gradient`; otherwise pass the gradient of the final result
   * with respect to this tensor (same shape).
   *
   * @example
   * ```ts
   * const x = tensor([3], { dtype: 'float32', requiresGrad: true });
   * x.pow(2).sum().backward(); x.grad // tensor([6.])
   * ```
   */
  backward(gradient?: Tensor | BackwardOptions, options: BackwardOptions = {}): void {
    if (gradient !== undefined && !(gradient instanceof Tensor)) {
      options = gradient;
      gradient = undefined;
    }
    runBackward(this, gradient, options);
  }
  /**
   * A new tensor sharing storage, cut from the graph (never requires grad).
   * @example tensor([1, 2], { dtype: 'float32', requiresGrad: true }).mul(2).detach().requiresGrad // false
   */
  detach(): Tensor {
    // shares memory and the version counter, not history: not a view for autograd (its views
    // follow its history, which is its own from now on)
    const out = new Tensor(this.storage, this.shape, this.strides, this.offset);
    (out as { versionCounter: Tensor['versionCounter'] }).versionCounter = this.versionCounter;
    return out;
  }
  /**
   * The same data, not tracked by autograd (PyTorch's `.data`). In-place writes through it are
   * allowed on leaves: the lecture's `W.data += -50 * W.grad` is `W.data.add_(W.grad.mul(-50))`.
   * Unlike `detach()`, it has a version counter of its own (as in PyTorch): writes through it are
   * not seen by autograd's check of saved tensors.
   *
   * @example W.data.add_(W.grad!.mul(-50)) // the lecture's W.data += -50 * W.grad
   */
  get data(): Tensor {
    return new Tensor(this.storage, this.shape, this.strides, this.offset);
  }

  // ---------------------------------------------------------------- conversion

  /**
   * Convert to `dtype` (a copy unless the dtype is already `dtype`).
   * @example tensor([1.7, -1.7]).to('int32') // tensor([ 1, -1])
   */
  to(dtype: DType): Tensor {
    return toDType(this, checkDType(dtype));
  }
  /**
   * Convert to float32.
   * @example tensor([1, 2]).float() // tensor([1., 2.])
   */
  float(): Tensor {
    return this.to('float32');
  }
  /**
   * Convert to float64.
   * @example tensor([1, 2]).double().dtype // 'float64'
   */
  double(): Tensor {
    return this.to('float64');
  }
  /**
   * Convert to int32 (truncating toward zero, like PyTorch's `.long()`).
   * @example tensor([1.7, -1.7]).int() // tensor([ 1, -1])
   */
  int(): Tensor {
    return this.to('int32');
  }
  /**
   * Convert to bool (non-zero is true).
   * @example tensor([0, 2]).bool() // tensor([False,  True])
   */
  bool(): Tensor {
    return this.to('bool');
  }

  /**
   * The elements in row-major order as a new typed array of this dtype.
   * @example tensor([[1, 2], [3, 4]]).T.toTypedArray() // Int32Array [1, 3, 2, 4]
   */
  toTypedArray(): TypedArray {
    // a new array with a buffer of its own: never a view into the engine's memory (the arena or
    // the pool), which a memory scope may give back
    if (this.isContiguous()) return this.storage.data.slice(this.offset, this.offset + this.numel());
    const copy = views.copyContiguous(this).storage;
    const out = copy.data.slice();
    copy.release();
    return out;
  }

  /**
   * The value of a one-element tensor (bool as 0/1).
   * @example tensor([[1, 2], [3, 4]]).sum().item() // 10
   */
  item(): number {
    const n = this.numel();
    if (n !== 1) {
      throw new RangeError(`a Tensor with ${n} elements cannot be converted to Scalar (item() needs exactly one element; shape is [${this.shape.join(', ')}])`);
    }
    return this.storage.data[this.offset];
  }

  /**
   * Nested JS arrays (numbers; booleans for bool tensors); a number for a 0-d tensor.
   * @example tensor([[1, 2], [3, 4]]).T.tolist() // [[1, 3], [2, 4]]
   */
  tolist(): NestedArray {
    const flat = this.toTypedArray();
    const isBool = this.dtype === 'bool';
    let k = 0;
    const build = (d: number): NestedArray => {
      if (d === this.ndim) return isBool ? flat[k++] !== 0 : flat[k++];
      const row: NestedArray[] = [];
      for (let i = 0; i < this.shape[d]; i++) row.push(build(d + 1));
      return row;
    };
    return build(0);
  }

  /**
   * `console.log(t)` in Node prints `toString()`, as `print(t)` does in Python.
   * @example console.log(tensor([1, 2])) // prints tensor([1, 2])
   */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /**
   * PyTorch's `str(tensor)`, e.g. `tensor([0.6064, 0.3033, 0.0903])`.
   * @example String(tensor([0.5, 1])) // 'tensor([0.5000, 1.0000])'
   */
  toString(): string {
    return formatTensor(this.toTypedArray(), this.shape, this.dtype, {
      requiresGrad: this.requiresGrad && this.isLeaf,
      gradFn: this.gradFn?.name,
    });
  }

  // ---------------------------------------------------------------- arithmetic (ops/arithmetic.ts)

  /**
   * `this + other` with broadcasting.
   * @example tensor([1, 2]).add(tensor([[10], [20]])) // tensor([[11, 12], [21, 22]])
   */
  add(other: TensorLike): Tensor { return arith.add(this, other); }
  /**
   * `this - other` with broadcasting.
   * @example tensor([5, 7]).sub(1) // tensor([4, 6])
   */
  sub(other: TensorLike): Tensor { return arith.sub(this, other); }
  /**
   * `this * other` with broadcasting.
   * @example tensor([1, 2]).mul(tensor([3, 4])) // tensor([3, 8])
   */
  mul(other: TensorLike): Tensor { return arith.mul(this, other); }
  /**
   * `this / other` with broadcasting (true division: integers give float32).
   * @example tensor([1, 2]).div(2) // tensor([0.5000, 1.0000])
   */
  div(other: TensorLike): Tensor { return arith.div(this, other); }
  /**
   * `-this`.
   * @example tensor([1, -2]).neg() // tensor([-1,  2])
   */
  neg(): Tensor { return arith.neg(this); }
  /**
   * `this ** exponent` (a number or a tensor).
   * @example tensor([1, 2, 3]).pow(2) // tensor([1, 4, 9])
   */
  pow(exponent: TensorLike): Tensor { return arith.pow(this, exponent); }

  // ---------------------------------------------------------------- math (ops/math.ts)

  /**
   * Elementwise e^x.
   * @example tensor([0, 1]).exp() // tensor([1.0000, 2.7183])
   */
  exp(): Tensor { return math.exp(this); }
  /**
   * Elementwise natural logarithm.
   * @example tensor([1, 0.5]).log() // tensor([ 0.0000, -0.6931])
   */
  log(): Tensor { return math.log(this); }
  /**
   * Elementwise square root.
   * @example tensor([4, 9]).sqrt() // tensor([2., 3.])
   */
  sqrt(): Tensor { return math.sqrt(this); }
  /**
   * Elementwise hyperbolic tangent.
   * @example tensor([0, 1]).tanh() // tensor([0.0000, 0.7616])
   */
  tanh(): Tensor { return math.tanh(this); }
  /**
   * Elementwise max(x, 0).
   * @example tensor([-1, 2]).relu() // tensor([0, 2])
   */
  relu(): Tensor { return math.relu(this); }

  // ---------------------------------------------------------------- comparisons (ops/compare.ts)

  /**
   * Elementwise `==` (bool result).
   * @example tensor([1, 2, 3]).eq(2) // tensor([False,  True, False])
   */
  eq(other: TensorLike): Tensor { return cmp.eq(this, other); }
  /**
   * Elementwise `!=` (bool result).
   * @example tensor([1, 2, 3]).ne(2) // tensor([ True, False,  True])
   */
  ne(other: TensorLike): Tensor { return cmp.ne(this, other); }
  /**
   * Elementwise `>` (bool result).
   * @example tensor([1, 2, 3]).gt(2) // tensor([False, False,  True])
   */
  gt(other: TensorLike): Tensor { return cmp.gt(this, other); }
  /**
   * Elementwise `>=` (bool result).
   * @example tensor([1, 2, 3]).ge(2) // tensor([False,  True,  True])
   */
  ge(other: TensorLike): Tensor { return cmp.ge(this, other); }
  /**
   * Elementwise `<` (bool result).
   * @example tensor([1, 2, 3]).lt(2) // tensor([ True, False, False])
   */
  lt(other: TensorLike): Tensor { return cmp.lt(this, other); }
  /**
   * Elementwise `<=` (bool result).
   * @example tensor([1, 2, 3]).le(2) // tensor([ True,  True, False])
   */
  le(other: TensorLike): Tensor { return cmp.le(this, other); }

  // ---------------------------------------------------------------- in place (ops/inplace.ts)

  /**
   * In place `this += other` (broadcasting `other` to this shape).
   * @example zeros([2, 2]).add_(tensor([1, 2])) // tensor([[1., 2.], [1., 2.]])
   */
  add_(other: TensorLike): this { return inplace.add_(this, other); }
  /**
   * In place `this -= other`.
   * @example ones([2]).sub_(0.5) // tensor([0.5000, 0.5000])
   */
  sub_(other: TensorLike): this { return inplace.sub_(this, other); }
  /**
   * In place `this *= other`.
   * @example ones([2]).mul_(3) // tensor([3., 3.])
   */
  mul_(other: TensorLike): this { return inplace.mul_(this, other); }
  /**
   * In place `this /= other` (notes N13: same memory, no new tensor).
   * @example
   * ```ts
   * const P = tensor([[1, 3], [2, 2]]).float();
   * P.div_(P.sum(1, true)) // tensor([[0.2500, 0.7500], [0.5000, 0.5000]])
   * ```
   */
  div_(other: TensorLike): this { return inplace.div_(this, other); }
  /**
   * Set every element to `value`: a number, or a 0-d tensor whose gradient is then the sum of
   * the gradients of the elements it was written to (PyTorch's `fill_(Tensor)`).
   * @example zeros([3]).fill_(7) // tensor([7., 7., 7.])
   * @example zeros([2]).fill_(tensor(2.5)) // tensor([2.5000, 2.5000])
   */
  fill_(value: number | Tensor): this { return inplace.fill_(this, value); }
  /**
   * Set every element to 0.
   * @example ones([2]).zero_() // tensor([0., 0.])
   */
  zero_(): this { return inplace.fill_(this, 0); }
  /**
   * Copy `src` (broadcast to this shape, converted to this dtype) into this tensor.
   * @example zeros([2, 2]).copy_(tensor([1, 2])) // tensor([[1., 2.], [1., 2.]])
   */
  copy_(src: TensorLike): this { return inplace.copy_(this, src); }

  // ---------------------------------------------------------------- random fills (random/sampling.ts)

  /**
   * Fill in place with uniform samples in [lo, hi) (PyTorch's `uniform_`).
   * @example zeros([3]).uniform_(-1, 1, { generator: new Generator().manualSeed(42) }) // tensor([ 0.7645,  0.8300, -0.2343])
   */
  uniform_(lo = 0, hi = 1, opts: { generator?: Generator } = {}): this { random.uniform_(this, lo, hi, opts); return this; }
  /**
   * Fill in place with normal samples (PyTorch's `normal_`).
   * @example zeros([27, 27]).normal_(0, 1, { generator: new Generator().manualSeed(2147483647) }) // row 0 starts 1.5674, -0.2373
   */
  normal_(mean = 0, std = 1, opts: { generator?: Generator } = {}): this { random.normal_(this, mean, std, opts); return this; }
  /**
   * Fill in place with exponential samples of rate `lambd` (PyTorch's `exponential_`).
   * @example zeros([3]).exponential_(2, { generator: new Generator().manualSeed(42) }) // tensor([0.0300, 0.0325, 0.0660])
   */
  exponential_(lambd = 1, opts: { generator?: Generator } = {}): this { random.exponential_(this, lambd, opts); return this; }

  // ---------------------------------------------------------------- reductions (ops/reduce.ts)

  /**
   * Sum over `dim` (a dim, a list of dims, or all when omitted); `keepdim` keeps them as size 1.
   * @example tensor([[1, 2], [3, 4]]).sum(0, true) // tensor([[4, 6]])
   */
  sum(dim?: number | readonly number[] | null, keepdim = false): Tensor { return reduce.sum(this, dim, keepdim); }
  /**
   * Mean over `dim` (see `sum`). Floating tensors only.
   * @example tensor([[1, 2], [3, 4]]).float().mean(1) // tensor([1.5000, 3.5000])
   */
  mean(dim?: number | readonly number[] | null, keepdim = false): Tensor { return reduce.mean(this, dim, keepdim); }
  /**
   * Maximum of all elements (0-d).
   * @example tensor([[1, 5], [7, 2]]).max(1).indices // tensor([1, 0])
   */
  max(): Tensor;
  /** Maximum over `dim`: the values and the index of the first maximum. */
  max(dim: number, keepdim?: boolean): MaxResult;
  max(dim?: number, keepdim = false): Tensor | MaxResult {
    return dim === undefined ? reduce.maxAll(this) : reduce.maxDim(this, dim, keepdim);
  }
  /**
   * Index of the maximum (flattened when `dim` is omitted).
   * @example tensor([[1, 5], [7, 2]]).argmax() // tensor(2)
   */
  argmax(dim?: number, keepdim = false): Tensor { return reduce.argmax(this, dim, keepdim); }

  // ---------------------------------------------------------------- matmul (ops/matmul.ts)

  /**
   * Matrix product with PyTorch's 1-D, 2-D and batched rules.
   * @example tensor([[1, 2], [3, 4]]).matmul(tensor([[1], [1]])) // tensor([[3], [7]])
   */
  matmul(other: Tensor): Tensor { return matmul(this, other); }

  // ---------------------------------------------------------------- counting (ops/bincount.ts)

  /**
   * How often each value of this 1-d int32 tensor occurs (`torch.bincount`; see `bincount`).
   * @example tensor([0, 2, 2]).bincount({ minlength: 4 }) // tensor([1, 0, 2, 0])
   */
  bincount(opts: BincountOptions = {}): Tensor { return bincount(this, opts); }

  // ---------------------------------------------------------------- views (ops/views.ts)

  /**
   * A view with a new shape (one size may be -1); error if the layout does not allow a view.
   * @example arange(6).view(2, -1) // tensor([[0, 1, 2], [3, 4, 5]])
   */
  view(...shape: (number | readonly number[])[]): Tensor { return views.view(this, shape.flat()); }
  /**
   * Like `view`, but copies when a view is impossible.
   * @example arange(6).view(2, 3).T.reshape(6) // tensor([0, 3, 1, 4, 2, 5])
   */
  reshape(...shape: (number | readonly number[])[]): Tensor { return views.reshape(this, shape.flat()); }
  /**
   * Swap two dimensions (a view).
   * @example zeros([2, 3, 4]).transpose(0, 2).shape // [4, 3, 2]
   */
  transpose(dim0: number, dim1: number): Tensor { return views.transpose(this, dim0, dim1); }
  /**
   * Reorder dimensions (a view).
   * @example zeros([2, 3, 4]).permute(2, 0, 1).shape // [4, 2, 3]
   */
  permute(...dims: (number | readonly number[])[]): Tensor { return views.permute(this, dims.flat()); }
  /**
   * Transpose of a tensor with at most 2 dimensions.
   * @example tensor([[1, 2], [3, 4]]).T // tensor([[1, 3], [2, 4]])
   */
  get T(): Tensor { return views.t(this); }
  /**
   * Broadcast to a larger shape without copying (stride 0); -1 keeps a size.
   * @example tensor([[1], [2]]).expand(-1, 3) // tensor([[1, 1, 1], [2, 2, 2]])
   */
  expand(...shape: (number | readonly number[])[]): Tensor { return views.expand(this, shape.flat()); }
  /**
   * Insert a dimension of size 1 at `dim`.
   * @example tensor([1, 2]).unsqueeze(1).shape // [2, 1]
   */
  unsqueeze(dim: number): Tensor { return views.unsqueeze(this, dim); }
  /**
   * Remove size-1 dimensions (all, or only `dim`).
   * @example zeros([1, 3, 1]).squeeze().shape // [3]
   */
  squeeze(dim?: number): Tensor { return views.squeeze(this, dim); }
  /**
   * The slice at index `i` along `dim` (removes `dim`).
   * @example tensor([[1, 2], [3, 4]]).select(1, 0) // tensor([1, 3])
   */
  select(dim: number, i: number): Tensor { return views.select(this, dim, i); }
  /**
   * `length` elements along `dim` starting at `start` (a view).
   * @example arange(6).narrow(0, 1, 3) // tensor([1, 2, 3])
   */
  narrow(dim: number, start: number, length: number): Tensor { return views.narrow(this, dim, start, length); }
  /**
   * A contiguous tensor with the same values: `this` if already contiguous, else a copy.
   * @example zeros([2, 3]).T.contiguous().isContiguous() // true
   */
  contiguous(): Tensor { return views.contiguous(this); }
  /**
   * A contiguous copy (recorded by autograd).
   * @example const x = tensor([1, 2]); x.clone().storage === x.storage // false
   */
  clone(): Tensor { return views.clone(this); }

  /**
   * PyTorch's `t[...]`: integers (and 0-d integer tensors) select, `null` keeps a dimension whole,
   * `slice(start, end, step)` narrows, `newaxis` inserts a dimension of size 1 (Python's `None`),
   * integer tensors (or arrays) gather. `N.index(i, j)` is a 0-d view.
   *
   * @example
   * ```ts
   * tensor([[1, 2, 3], [4, 5, 6]]).index(null, 1) // tensor([2, 5])
   * tensor([[1, 2, 3], [4, 5, 6]]).index(tensor([0, 1]), tensor([2, 0])) // tensor([3, 4])
   * tensor([[1, 2, 3], [4, 5, 6]]).index(newaxis, null, 1).shape // [1, 2]
   * ```
   */
  index(...args: IndexArg[]): Tensor { return index(this, args); }

  // ---------------------------------------------------------------- joining, splitting, selection

  /**
   * Split into views along `dim`: pieces of `size` (the last one shorter), or of the listed
   * sizes (PyTorch's `Tensor.split`; see `split`).
   * @example arange(5).split(2) // [tensor([0, 1]), tensor([2, 3]), tensor([4])]
   */
  split(sizeOrSizes: number | readonly number[], dim = 0): Tensor[] { return splitting.split(this, sizeOrSizes, dim); }
  /**
   * Split into at most `chunks` views of `ceil(size / chunks)` along `dim` (see `chunk`).
   * @example arange(6).chunk(3) // [tensor([0, 1]), tensor([2, 3]), tensor([4, 5])]
   */
  chunk(chunks: number, dim = 0): Tensor[] { return splitting.chunk(this, chunks, dim); }
  /**
   * Reverse the order along `dims` (a copy; see `flip`).
   * @example tensor([[1, 2], [3, 4]]).flip(0) // tensor([[3, 4], [1, 2]])
   */
  flip(dims: number | readonly number[]): Tensor { return flip(this, dims); }
  /**
   * Tile: `sizes[i]` copies along dim i (a copy; see `repeat`).
   * @example tensor([1, 2]).repeat(2) // tensor([1, 2, 1, 2])
   */
  repeat(...sizes: (number | readonly number[])[]): Tensor { return repeat(this, sizes.flat()); }
  /**
   * Merge dims `startDim` … `endDim` into one (a view when the layout allows; see `flatten`).
   * @example zeros([2, 3, 4]).flatten(1).shape // [2, 12]
   */
  flatten(startDim = 0, endDim = -1): Tensor { return flatten(this, startDim, endDim); }
  /**
   * Split dim `dim` into `sizes` (a view; see `unflatten`).
   * @example arange(6).unflatten(0, [2, 3]).shape // [2, 3]
   */
  unflatten(dim: number, sizes: readonly number[]): Tensor { return unflatten(this, dim, sizes); }
  /**
   * The lower triangle of the last two dims, the rest zeroed (see `tril`).
   * @example ones([2, 2]).tril() // tensor([[1., 0.], [1., 1.]])
   */
  tril(k = 0): Tensor { return tril(this, k); }
  /**
   * The upper triangle of the last two dims, the rest zeroed (see `triu`).
   * @example ones([2, 2]).triu() // tensor([[1., 1.], [0., 1.]])
   */
  triu(k = 0): Tensor { return triu(this, k); }
  /**
   * `where(cond, this, other)`: this where `cond` is true, `other` elsewhere (PyTorch's `Tensor.where`).
   * @example tensor([1, 2, 3]).where(tensor([true, false, true]), 0) // tensor([1, 0, 3])
   */
  where(cond: Tensor, other: TensorLike): Tensor { return where(cond, this, other); }
  /**
   * A copy with `value` where `mask` is true (see `maskedFill`).
   * @example tensor([1, 2, 3]).maskedFill(tensor([true, false, true]), 0) // tensor([0, 2, 0])
   */
  maskedFill(mask: Tensor, value: TensorLike): Tensor { return maskedFill(this, mask, value); }
  /**
   * Read along `dim` at the positions in `index` (see `gather`).
   * @example tensor([[1, 2, 3], [4, 5, 6]]).gather(1, tensor([[2], [0]])) // tensor([[3], [4]])
   */
  gather(dim: number, index: Tensor): Tensor { return gather(this, dim, index); }
  /**
   * A copy with `src` written along `dim` at the positions in `index` (see `scatter`).
   * @example zeros([2, 3]).scatter(1, tensor([[2], [0]]), 1) // tensor([[0., 0., 1.], [1., 0., 0.]])
   */
  scatter(dim: number, index: Tensor, src: TensorLike): Tensor { return scatter(this, dim, index, src); }
  /**
   * A copy with `src` added along `dim` at the positions in `index` (see `scatterAdd`).
   * @example zeros([1, 3]).scatterAdd(1, tensor([[0, 0]]), ones([1, 2])) // tensor([[2., 0., 0.]])
   */
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor { return scatterAdd(this, dim, index, src); }
  /**
   * In place: write `src` along `dim` at the positions in `index` (see `scatter_`).
   * @example zeros([2, 3]).scatter_(1, tensor([[2], [0]]), 1) // tensor([[0., 0., 1.], [1., 0., 0.]])
   */
  scatter_(dim: number, index: Tensor, src: TensorLike): this { return scatter_(this, dim, index, src); }
  /**
   * In place: add `src` along `dim` at the positions in `index` (see `scatterAdd_`).
   * @example zeros([3]).scatterAdd_(0, tensor([0, 0, 2]), ones([3])) // tensor([2., 0., 1.])
   */
  scatterAdd_(dim: number, index: Tensor, src: Tensor): this { return scatterAdd_(this, dim, index, src); }
  /**
   * The slices along `dim` at the positions of the 1-d `index` (see `indexSelect`).
   * @example tensor([[1, 2], [3, 4]]).indexSelect(1, tensor([1, 1, 0])) // tensor([[2, 2, 1], [4, 4, 3]])
   */
  indexSelect(dim: number, index: Tensor): Tensor { return indexSelect(this, dim, index); }
  /**
   * In place `this[indices] = values` (or `+=` with `accumulate`; see `indexPut_`).
   * @example zeros([3], { dtype: 'int32' }).indexPut_([tensor([0, 0, 2])], tensor(1), true) // tensor([2, 0, 1])
   */
  indexPut_(indices: readonly (Tensor | readonly number[])[], values: TensorLike, accumulate = false): this { return indexPut_(this, indices, values, accumulate); }
  /**
   * In place: add `source`'s slices along `dim` at the positions of `index` (see `indexAdd_`).
   * @example zeros([3]).indexAdd_(0, tensor([0, 0]), ones([2])) // tensor([2., 0., 0.])
   */
  indexAdd_(dim: number, index: Tensor, source: Tensor, opts: IndexAddOptions = {}): this { return indexAdd_(this, dim, index, source, opts); }

  // ---------------------------------------------------------------- more elementwise math
  /**
   * `1 / (1 + exp(−this))` (ops/sigmoid.ts).
   * @example tensor([0]).sigmoid() // tensor([0.5000])
   */
  sigmoid(): Tensor { return sigmoid(this); }

  /**
   * Elementwise |x| (keeps the dtype; see `abs`).
   * @example tensor([-1, 2]).abs() // tensor([1, 2])
   */
  abs(): Tensor { return abs(this); }
  /**
   * Elementwise sign: -1, 0 or 1.
   * @example tensor([-3, 0, 2]).sign() // tensor([-1,  0,  1])
   */
  sign(): Tensor { return sign(this); }
  /**
   * Elementwise base-2 logarithm.
   * @example tensor([1, 8]).log2() // tensor([0., 3.])
   */
  log2(): Tensor { return log2(this); }
  /**
   * Elementwise log(1 + x).
   * @example tensor([0, 1]).log1p() // tensor([0.0000, 0.6931])
   */
  log1p(): Tensor { return log1p(this); }
  /**
   * Elementwise exp(x) − 1.
   * @example tensor([0, 1]).expm1() // tensor([0.0000, 1.7183])
   */
  expm1(): Tensor { return expm1(this); }
  /**
   * Elementwise sine.
   * @example tensor([0, 1]).sin() // tensor([0.0000, 0.8415])
   */
  sin(): Tensor { return sin(this); }
  /**
   * Elementwise cosine.
   * @example tensor([0, 1]).cos() // tensor([1.0000, 0.5403])
   */
  cos(): Tensor { return cos(this); }
  /**
   * Round down.
   * @example tensor([-1.5, 1.5]).floor() // tensor([-2.,  1.])
   */
  floor(): Tensor { return floor(this); }
  /**
   * Round up.
   * @example tensor([-1.5, 1.5]).ceil() // tensor([-1.,  2.])
   */
  ceil(): Tensor { return ceil(this); }
  /**
   * Round to nearest, halves to even.
   * @example tensor([0.5, 1.5, 2.5]).round() // tensor([0., 2., 2.])
   */
  round(): Tensor { return round(this); }
  /**
   * Round toward zero.
   * @example tensor([-1.5, 1.5]).trunc() // tensor([-1.,  1.])
   */
  trunc(): Tensor { return trunc(this); }
  /**
   * Limit to [min, max] (numbers or tensors; either may be null).
   * @example tensor([-2, 0.5, 3]).clamp(0, 1) // tensor([0.0000, 0.5000, 1.0000])
   */
  clamp(min?: TensorLike | null, max?: TensorLike | null): Tensor { return clamp(this, min, max); }
  /**
   * Elementwise maximum with another tensor (broadcasting).
   * @example tensor([1, 5]).maximum(tensor([3, 2])) // tensor([3, 5])
   */
  maximum(other: Tensor): Tensor { return maximum(this, other); }
  /**
   * Elementwise minimum with another tensor (broadcasting).
   * @example tensor([1, 5]).minimum(tensor([3, 2])) // tensor([1, 2])
   */
  minimum(other: Tensor): Tensor { return minimum(this, other); }
  /**
   * Python's `%`: the remainder with the sign of the divisor.
   * @example tensor([-3, 3]).remainder(2) // tensor([1, 1])
   */
  remainder(other: TensorLike): Tensor { return remainder(this, other); }
  /**
   * Python's `//`: the quotient rounded toward −∞.
   * @example tensor([-3, 3]).floorDivide(2) // tensor([-2,  1])
   */
  floorDivide(other: TensorLike): Tensor { return floorDivide(this, other); }
  /**
   * True where NaN.
   * @example tensor([1, NaN]).isnan() // tensor([False,  True])
   */
  isnan(): Tensor { return isnan(this); }
  /**
   * True where ±∞.
   * @example tensor([1, Infinity]).isinf() // tensor([False,  True])
   */
  isinf(): Tensor { return isinf(this); }
  /**
   * True where neither NaN nor ±∞.
   * @example tensor([1, Infinity]).isfinite() // tensor([ True, False])
   */
  isfinite(): Tensor { return isfinite(this); }
  /**
   * True where zero.
   * @example tensor([0, 2]).logicalNot() // tensor([ True, False])
   */
  logicalNot(): Tensor { return logicalNot(this); }
  /**
   * True where both are non-zero.
   * @example tensor([1, 0]).logicalAnd(tensor([1, 1])) // tensor([ True, False])
   */
  logicalAnd(other: Tensor): Tensor { return logicalAnd(this, other); }
  /**
   * True where either is non-zero.
   * @example tensor([1, 0]).logicalOr(tensor([0, 0])) // tensor([ True, False])
   */
  logicalOr(other: Tensor): Tensor { return logicalOr(this, other); }
  /**
   * Elementwise 1/x.
   * @example tensor([2, 4]).reciprocal() // tensor([0.5000, 0.2500])
   */
  reciprocal(): Tensor { return reciprocal(this); }
  /**
   * Elementwise 1/√x.
   * @example tensor([4, 16]).rsqrt() // tensor([0.5000, 0.2500])
   */
  rsqrt(): Tensor { return rsqrt(this); }
  /**
   * Elementwise x².
   * @example tensor([-3, 2]).square() // tensor([9, 4])
   */
  square(): Tensor { return square(this); }

  // ---------------------------------------------------------------- more reductions, scans, sorting

  /**
   * Minimum of all elements (0-d).
   * @example tensor([[1, 5], [7, 2]]).min(1).indices // tensor([0, 1])
   */
  min(): Tensor;
  /** Minimum over `dim`: the values and the index of the first minimum. */
  min(dim: number, keepdim?: boolean): MaxResult;
  min(dim?: number, keepdim = false): Tensor | MaxResult {
    return dim === undefined ? minAll(this) : minDim(this, dim, keepdim);
  }
  /**
   * Index of the minimum (flattened when `dim` is omitted).
   * @example tensor([[1, 5], [7, 0]]).argmin() // tensor(3)
   */
  argmin(dim?: number, keepdim = false): Tensor { return argmin(this, dim, keepdim); }
  /**
   * Maximum over one or several dims (all when omitted), values only.
   * @example tensor([[1, 5], [7, 2]]).amax(0) // tensor([7, 5])
   */
  amax(dim?: number | readonly number[] | null, keepdim = false): Tensor { return amax(this, dim, keepdim); }
  /**
   * Minimum over one or several dims (all when omitted), values only.
   * @example tensor([[1, 5], [7, 2]]).amin(1) // tensor([1, 2])
   */
  amin(dim?: number | readonly number[] | null, keepdim = false): Tensor { return amin(this, dim, keepdim); }
  /**
   * Product of all elements, or over `dim`.
   * @example tensor([[1, 2], [3, 4]]).prod(0) // tensor([3, 8])
   */
  prod(dim?: number, keepdim = false): Tensor { return prod(this, dim, keepdim); }
  /**
   * Variance over `dim` (all when omitted), `{ correction = 1, keepdim }`.
   * @example tensor([1, 2, 3, 4]).float().var() // tensor(1.6667)
   */
  var(dim?: number | readonly number[] | null, opts: VarOptions = {}): Tensor { return variance(this, dim, opts); }
  /**
   * Standard deviation over `dim` (all when omitted), `{ correction = 1, keepdim }`.
   * @example tensor([1, 2, 3, 4]).float().std(0, { correction: 0 }) // tensor(1.1180)
   */
  std(dim?: number | readonly number[] | null, opts: VarOptions = {}): Tensor { return std(this, dim, opts); }
  /**
   * log Σ exp over `dim`, computed stably.
   * @example tensor([0, 0]).float().logsumexp(0) // tensor(0.6931)
   */
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor { return logsumexp(this, dim, keepdim); }
  /**
   * Running sum along `dim`.
   * @example tensor([1, 2, 3]).cumsum(0) // tensor([1, 3, 6])
   */
  cumsum(dim: number): Tensor { return cumsum(this, dim); }
  /**
   * Running product along `dim`.
   * @example tensor([1, 2, 3]).cumprod(0) // tensor([1, 2, 6])
   */
  cumprod(dim: number): Tensor { return cumprod(this, dim); }
  /**
   * True if any element (over `dim`) is non-zero.
   * @example tensor([0, 2]).any() // tensor(True)
   */
  any(dim?: number | readonly number[] | null, keepdim = false): Tensor { return any(this, dim, keepdim); }
  /**
   * True if every element (over `dim`) is non-zero.
   * @example tensor([0, 2]).all() // tensor(False)
   */
  all(dim?: number | readonly number[] | null, keepdim = false): Tensor { return all(this, dim, keepdim); }
  /**
   * The 2-norm over `dim` (all when omitted).
   * @example tensor([3, 4]).float().norm() // tensor(5.)
   */
  norm(p: number | 'fro' = 2, dim?: number | readonly number[] | null, keepdim = false): Tensor { return norm(this, p, dim, keepdim); }
  /**
   * The k largest (or smallest) elements along `dim`, with their indices.
   * @example tensor([1, 5, 3]).topk(2).indices // tensor([1, 2])
   */
  topk(k: number, dim = -1, largest = true): SortResult { return topk(this, k, dim, largest); }
  /**
   * Stable sort along `dim`: values and indices.
   * @example tensor([3, 1, 2]).sort().values // tensor([1, 2, 3])
   */
  sort(dim = -1, descending = false): SortResult { return sort(this, dim, descending); }
  /**
   * True if close to `other` everywhere: |a − b| ≤ atol + rtol·|b|.
   * @example tensor([1, 2]).float().allclose(tensor([1, 2.000001])) // true
   */
  allclose(other: Tensor, rtol = 1e-5, atol = 1e-8, equalNan = false): boolean { return allclose(this, other, rtol, atol, equalNan); }
  /**
   * True if same shape and same values.
   * @example tensor([1, 2]).equal(tensor([1, 2])) // true
   */
  equal(other: Tensor): boolean { return equal(this, other); }
}
