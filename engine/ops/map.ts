/**
 * The machinery every elementwise op shares: turn numbers into 0-d tensors of the right dtype,
 * pick the result dtype, broadcast, allocate the output, and run the op's row kernel over
 * strided inputs (see `iterate.ts`). Each op supplies only its inner loop.
 */
import { allocArray, category, promoteTypes, promoteWithScalar, type DType, type TypedArray } from '../dtype.js';
import { broadcastShapesFor, expandStrides } from '../shape.js';
import { Storage } from '../storage.js';
import { forEachRow } from '../iterate.js';
import { Tensor, type TensorLike } from '../tensor.js';
import { toDType } from './cast.js';
import { simdBinary } from '../fast/elementwise.js';
import { simdRowVectorBinary } from '../fast/row-vector-binary.js';
import { simdSmallSameShape } from '../fast/small-binary.js';
import { rowwise, rowwise2 } from '../fast/table-rows.js';

/** Inner loop of a unary op: `out[o + i] = f(x[xi + i*xs])` for i < n. */
export type UnaryKernel = (out: TypedArray, o: number, x: TypedArray, xi: number, xs: number, n: number) => void;

/**
 * A whole-tensor kernel for contiguous input and output: `out[o + i] = f(x[xi + i])` for i < n;
 * returns false to decline (then the op's `UnaryKernel` runs). The SIMD kernels have this form.
 */
export type ContiguousKernel = (out: TypedArray, o: number, x: TypedArray, xi: number, n: number) => boolean;

/** Inner loop of a binary op: `out[o + i] = f(a[ai + i*as], b[bi + i*bs])` for i < n. */
export type BinaryKernel = (
  out: TypedArray, o: number, a: TypedArray, ai: number, as: number, b: TypedArray, bi: number, bs: number, n: number,
) => void;

/**
 * A 0-d tensor holding `x` in `dtype` (a float32 scalar is rounded to float32 first, as in
 * PyTorch; a bool holds 0 or 1: any non-zero number is true).
 */
export function scalarTensor(x: number, dtype: DType): Tensor {
  const data = allocArray(dtype, 1);
  const v = Number(x); // x may be a boolean
  data[0] = dtype === 'bool' ? Number(v !== 0) : v;
  return Tensor.fromArray(data, [], dtype);
}

/** The dtype of `a op b` under PyTorch's promotion (numbers are "wrapped" scalars). */
export function resultType(a: TensorLike, b: TensorLike): DType {
  if (a instanceof Tensor && b instanceof Tensor) {
    // PyTorch's rule: a 0-d tensor only matters when its category (bool < int < float) is higher
    // than the dimensioned operand's; float32[3] + float64 0-d stays float32
    if (a.ndim > 0 && b.ndim === 0) return category(b.dtype) > category(a.dtype) ? b.dtype : a.dtype;
    if (b.ndim > 0 && a.ndim === 0) return category(a.dtype) > category(b.dtype) ? a.dtype : b.dtype;
    return promoteTypes(a.dtype, b.dtype);
  }
  if (a instanceof Tensor) return promoteWithScalar(a.dtype, b as number);
  if (b instanceof Tensor) return promoteWithScalar(b.dtype, a as number);
  throw new TypeError('an elementwise op needs at least one Tensor operand');
}

/** Check that an operand is a tensor or a finite-or-not number, naming the op. */
export function checkOperand(op: string, x: unknown): void {
  if (!(x instanceof Tensor) && typeof x !== 'number' && typeof x !== 'boolean') {
    throw new TypeError(`${op}: expected a Tensor or a number, got ${x === null ? 'null' : typeof x}`);
  }
}

/** Both operands as tensors of compatible dtype, plus the result dtype. */
export function operands(op: string, a: TensorLike, b: TensorLike): [Tensor, Tensor, DType] {
  checkOperand(op, a);
  checkOperand(op, b);
  const dt = resultType(a, b);
  const x = a instanceof Tensor ? inDtype(a, dt) : scalarTensor(a, dt);
  const y = b instanceof Tensor ? inDtype(b, dt) : scalarTensor(b, dt);
  return [x, y, dt];
}

/**
 * An operand converted to the common dtype when that changes its values, as PyTorch computes in
 * the common dtype: a float64 0-d tensor next to a float32 tensor is rounded to float32 first
 * (like a plain number), and int32 beyond 2^24 rounds to float32. Not recorded by autograd.
 */
function inDtype(t: Tensor, dt: DType): Tensor {
  return dt === 'float32' && (t.dtype === 'float64' || t.dtype === 'int32') ? toDType(t.detach(), dt) : t;
}

/**
 * Apply a unary kernel to every element of `x`; the result is a new contiguous tensor. A
 * contiguous `x` first goes to `fast` when the op has one (a SIMD kernel); a 0-d `x` goes
 * straight to the kernel.
 */
export function mapUnary(x: Tensor, outDtype: DType, kernel: UnaryKernel, fast?: ContiguousKernel): Tensor {
  if (x.ndim === 0) {
    // one element (`P.index(i, j).log()`): not table rows (they have rows), no fast path takes
    // it, no strides to walk
    const one = Storage.allocUnfilled(outDtype, 1);
    kernel(one.data, 0, x.storage.data, x.offset, 0, 1);
    return new Tensor(one, x.shape);
  }
  const rows = rowwise(x, (t) => mapUnary(t, outDtype, kernel, fast)); // table rows: the table's elements (fast/table-rows.ts)
  if (rows !== null) return rows;
  const out = Storage.allocUnfilled(outDtype, x.numel()); // every element is written
  const od = out.data;
  const xd = x.storage.data;
  if (fast !== undefined && x.isContiguous() && fast(od, 0, xd, x.offset, x.numel())) return new Tensor(out, x.shape);
  let o = 0;
  forEachRow(x.shape, [x.strides], [x.offset], (n, p, s) => {
    kernel(od, o, xd, p, s, n);
    o += n;
  });
  return new Tensor(out, x.shape);
}

/**
 * Apply a binary kernel with broadcasting. The inputs are read through stride-0 views of the
 * broadcast shape (no copies); the result is a new contiguous tensor (a 0-d one written by the
 * kernel straight, without the fast paths).
 */
export function mapBinary(op: string, a: Tensor, b: Tensor, outDtype: DType, kernel: BinaryKernel): Tensor {
  const shape = broadcastShapesFor(op, [a.shape, b.shape]);
  if (shape.length === 0) {
    // one element (`logLikelihood.add(logprob)`): not table rows (they have rows), no SIMD path takes it
    const one = new Tensor(Storage.allocUnfilled(outDtype, 1), shape);
    writeBinary(one, a, b, kernel);
    return one;
  }
  const rows = rowwise2(a, b, shape.length, (p, q) => mapBinary(op, p, q, outDtype, kernel)); // table rows (fast/table-rows.ts)
  if (rows !== null) return rows;
  const out = new Tensor(Storage.allocUnfilled(outDtype, shape.reduce((p, d) => p * d, 1)), shape); // every element is written
  if (simdSmallSameShape(op, out, a, b)) return out; // a small float32 op of two operands of its shape: the short road
  if (simdBinary(op, out, a, b)) return out; // SIMD for float32 add/sub/mul/div
  if (simdRowVectorBinary(op, out, a, b)) return out; // … and with a row vector (a bias: [32, 200] + [200])
  writeBinary(out, a, b, kernel);
  return out;
}

/**
 * Run a binary kernel writing into `out` (any strides; `a` and `b` broadcast to its shape).
 * Used by `mapBinary` and by the in-place ops, which write through views.
 */
export function writeBinary(out: Tensor, a: Tensor, b: Tensor, kernel: BinaryKernel): void {
  if (out.dtype === 'bool') kernel = toBoolKernel(kernel);
  if (out.ndim === 0) {
    // one element (`N.index(i, j).add_(1)`): no strides to walk
    kernel(out.storage.data, out.offset, a.storage.data, a.offset, 0, b.storage.data, b.offset, 0, 1);
    return;
  }
  const shape = out.shape;
  const od = out.storage.data, ad = a.storage.data, bd = b.storage.data;
  const as = expandStrides(a.shape, a.strides, shape);
  const bs = expandStrides(b.shape, b.strides, shape);
  forEachRow(shape, [out.strides, as, bs], [out.offset, a.offset, b.offset], (n, p0, s0, p1, s1, p2, s2) => {
    if (s0 === 1) kernel(od, p0, ad, p1, s1, bd, p2, s2, n);
    else for (let i = 0; i < n; i++) kernel(od, p0 + i * s0, ad, p1 + i * s1, 0, bd, p2 + i * s2, 0, 1);
  });
}

/**
 * A bool result holds only 0 and 1: `True + True` is `True` (the kernel's sum 2 becomes 1), so
 * that `eq(true)`, `sum()` and `int()` see what PyTorch sees.
 */
function toBoolKernel(kernel: BinaryKernel): BinaryKernel {
  return (out, o, a, ai, as, b, bi, bs, n) => {
    kernel(out, o, a, ai, as, b, bi, bs, n);
    for (let i = o; i < o + n; i++) if (out[i] > 1) out[i] = 1;
  };
}
