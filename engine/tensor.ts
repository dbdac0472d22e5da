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
import { contiguousStrides, numelOf, type Shape } from './shape.js';
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
import type { Generator } from './random/generator.js';

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
  /** The gradient accumulated by `backward()` (leaves, and non-leaves after `retainGrad()`). */
  grad: Tensor | null = null;
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
    this._gradFn = asStridedGradFn(this, base);
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
    if (this.numel() === 0) return true; // no elements: any layout is contiguous (as PyTorch)
    let expected = 1;
    for (let i = this.ndim - 1; i >= 0; i--) {
      if (this.shape[i] === 1) continue;
      if (this.strides[i] !== expected) return false;
      expected *= this.shape[i];
    }
    return true;
  }

  // ---------------------------------------------------------------- autograd fields

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
   * Set every element to `value`.
   * @example zeros([3]).fill_(7) // tensor([7., 7., 7.])
   */
  fill_(value: number): this { return inplace.fill_(this, value); }
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

  // ---------------------------------------------------------------- more elementwise math

  // ---------------------------------------------------------------- more reductions, scans, sorting
}
