/**
 * Creating tensors: `tensor` from nested arrays, `zeros`, `ones`, `full`, `empty`, `arange`.
 */
import { allocArray, checkDType, dtypeOfArray, type DType, type TypedArray } from './dtype.js';
import { checkShape, numelOf } from './shape.js';
import { Storage } from './storage.js';
import { Tensor, type NestedArray } from './tensor.js';
import { rangeStorage } from './fast/deferred-range.js';

/** Options accepted by the creation functions. */
export interface TensorOptions {
  /** Element type; inferred from the data when omitted (integers → int32, else float32). */
  dtype?: DType;
  /** Make the new leaf require grad (floating dtypes only). */
  requiresGrad?: boolean;
}

/** A shape given as one number (1-D) or a list of sizes. */
export type ShapeArg = number | readonly number[];

function toShape(shape: ShapeArg, op: string): number[] {
  return checkShape(typeof shape === 'number' ? [shape] : [...shape], op);
}

function finish(t: Tensor, opts: TensorOptions | undefined): Tensor {
  if (opts?.requiresGrad) t.requiresGrad_(true);
  return t;
}

/**
 * A tensor from nested arrays of numbers or booleans, a typed array (1-D), or a number (0-d).
 * Like `torch.tensor`: all-integer data gives int32 (this project's default integer type),
 * any non-integer gives float32, booleans give bool. JavaScript cannot tell `1.0` from `1`, so
 * pass `{ dtype: 'float32' }` (or use `.float()`) for whole-number floats; with
 * `requiresGrad: true` the default is float32, since only floating tensors can require grad.
 *
 * @example tensor([[1, 2], [3, 4], [5, 6]]).sum(0, true) // tensor([[ 9, 12]])
 */
export function tensor(data: NestedArray | TypedArray | Tensor, opts?: TensorOptions): Tensor {
  if (data instanceof Tensor) return finish(data.detach().to(opts?.dtype ?? data.dtype).clone(), opts);
  if (ArrayBuffer.isView(data)) {
    const src = data as TypedArray;
    const dtype = opts?.dtype ? checkDType(opts.dtype) : dtypeOfArray(src);
    const out = allocArray(dtype, src.length);
    for (let i = 0; i < src.length; i++) out[i] = src[i];
    return finish(Tensor.fromArray(out, [src.length], dtype), opts);
  }
  const shape: number[] = [];
  let probe: NestedArray = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  const flat: (number | boolean)[] = [];
  const walk = (v: NestedArray, d: number, path: string) => {
    if (d === shape.length) {
      if (Array.isArray(v)) throw new TypeError(`tensor: too many levels of nesting at ${path || 'the top'} (expected a number)`);
      if (typeof v !== 'number' && typeof v !== 'boolean') throw new TypeError(`tensor: expected a number or boolean at ${path || 'the top'}, got ${v === null ? 'null' : typeof v}`);
      flat.push(v);
      return;
    }
    if (!Array.isArray(v)) throw new TypeError(`tensor: expected a sequence at ${path}, got ${typeof v}`);
    if (v.length !== shape[d]) throw new RangeError(`tensor: expected sequence of length ${shape[d]} at dim ${d} (got ${v.length}) at ${path || 'the top'}`);
    v.forEach((x, i) => walk(x, d + 1, `${path}[${i}]`));
  };
  walk(data, 0, '');
  let dtype: DType;
  if (opts?.dtype) dtype = checkDType(opts.dtype);
  else if (opts?.requiresGrad) dtype = 'float32'; // only floats can require grad: [[1, 2]] means [[1., 2.]]
  else if (flat.length > 0 && flat.every((v) => typeof v === 'boolean')) dtype = 'bool';
  else if (flat.every((v) => typeof v === 'boolean' || Number.isInteger(v))) dtype = flat.length === 0 ? 'float32' : 'int32';
  else dtype = 'float32';
  const out = allocArray(dtype, flat.length);
  for (let i = 0; i < flat.length; i++) out[i] = Number(flat[i]);
  if (dtype === 'bool') for (let i = 0; i < flat.length; i++) out[i] = Number(Number(flat[i]) !== 0); // 0/1: non-zero is true
  if (dtype === 'int32') {
    for (let i = 0; i < flat.length; i++) {
      // fractions truncate toward zero (as torch.tensor([1.7], dtype=long)); only overflow is an error
      if (out[i] !== Math.trunc(Number(flat[i]))) throw new RangeError(`tensor: value ${flat[i]} does not fit in int32`);
    }
  }
  return finish(Tensor.fromArray(out, shape, dtype), opts);
}

/**
 * PyTorch's overflow check of a fill value (`value cannot be converted to type float without
 * overflow`): a finite number beyond float32's range, or an integer beyond int32's (which plays
 * int64 here), is an error, not a silent infinity or wrap. Infinity and NaN convert to floats.
 */
function checkFits(op: string, value: number, dtype: DType): void {
  const v = Number(value);
  if (dtype === 'float32' && Number.isFinite(v) && Math.abs(v) > FLOAT32_MAX) {
    throw new RangeError(`${op}: value cannot be converted to type float without overflow (${value} is beyond float32's largest value ${FLOAT32_MAX})`);
  }
  if (dtype === 'int32' && !(v >= -(2 ** 31) && v < 2 ** 31)) {
    throw new RangeError(`${op}: value cannot be converted to type int without overflow (${value} is outside int32's range [-2147483648, 2147483647])`);
  }
}

/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * A tensor of `shape` filled with `value` (float32 by default; int32 if `value` is an integer and dtype is given as int32).
 * @example full([2, 2], 7, { dtype: 'int32' }) // tensor([[7, 7], [7, 7]])
 */
export function full(shape: ShapeArg, value: number, opts?: TensorOptions): Tensor {
  const s = toShape(shape, 'full');
  const dtype = checkDType(opts?.dtype ?? 'float32');
  checkFits('full', value, dtype);
  let st: Storage;
  try {
    st = Storage.alloc(dtype, numelOf(s));
  } catch (e) {
    if (e instanceof RangeError) throw new RangeError(`full: a tensor of shape [${s.join(', ')}]: ${e.message}`);
    throw e;
  }
  if (value !== 0) st.data.fill(dtype === 'bool' ? 1 : value); // a bool holds 0/1: non-zero is true
  return finish(new Tensor(st, s), opts);
}

/**
 * Zeros of `shape` (float32 unless `dtype` says otherwise).
 * @example zeros([27, 27], { dtype: 'int32' }) // the lecture's count matrix N
 */
export function zeros(shape: ShapeArg, opts?: TensorOptions): Tensor {
  return full(shape, 0, opts);
}

/**
 * Ones of `shape` (float32 unless `dtype` says otherwise).
 * @example ones([2, 3]).sum() // tensor(6.)
 */
export function ones(shape: ShapeArg, opts?: TensorOptions): Tensor {
  return full(shape, 1, opts);
}

/**
 * An uninitialised tensor in PyTorch; here zero-filled (typed arrays always are), so code that
 * relies on `empty` having garbage cannot exist.
 *
 * @example empty([2]) // tensor([0., 0.])
 */
export function empty(shape: ShapeArg, opts?: TensorOptions): Tensor {
  return full(shape, 0, opts);
}

/**
 * `arange(end)` or `arange(start, end, step = 1)`: values from start (inclusive) to end
 * (exclusive). All-integer arguments give int32, otherwise float32.
 *
 * @example arange(1, 10, 3) // tensor([1, 4, 7])
 */
export function arange(end: number, opts?: TensorOptions): Tensor;
export function arange(start: number, end: number, step?: number, opts?: TensorOptions): Tensor;
export function arange(a: number, b?: number | TensorOptions, c?: number | TensorOptions, d?: TensorOptions): Tensor {
  let start = 0, end: number, step = 1, opts: TensorOptions | undefined;
  if (typeof b === 'number') {
    start = a; end = b;
    if (typeof c === 'number') { step = c; opts = d; } else opts = c;
  } else { end = a; opts = b; }
  for (const [name, v] of [['start', start], ['end', end], ['step', step]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`arange: ${name} must be a finite number, got ${v}`);
  }
  const dtype = checkDType(opts?.dtype ?? ([start, end, step].every(Number.isInteger) ? 'int32' : 'float32'));
  const given = step;
  if (dtype === 'int32') {
    // PyTorch's integer arange (int32 plays int64's role here) converts start, end and step to
    // the integer type first: arange(0, 6, 1.5, int64) is [0, 1, 2, 3, 4, 5]
    [start, end, step] = [Math.trunc(start), Math.trunc(end), Math.trunc(step)];
  }
  if (step === 0) throw new RangeError(`arange: step must be nonzero${given !== 0 ? ` (an int32 arange truncates the step ${given} to an integer first)` : ''}`);
  if ((end - start) / step < 0) {
    throw new RangeError(`arange: upper bound and larger bound inconsistent with step sign (start ${start}, end ${end}, step ${step})`);
  }
  const n = Math.ceil((end - start) / step) + 0; // + 0: an empty descending range has ceil(0 / −2) = −0 elements
  const last = start + (n - 1) * step;
  if (dtype === 'int32' && n > 0 && (Math.min(start, last) < -(2 ** 31) || Math.max(start, last) > 2 ** 31 - 1)) {
    throw new RangeError(`arange: the values from ${start} to ${last} do not fit in int32 (this project's integer type, where PyTorch's would be int64); ask for { dtype: 'float64' }`);
  }
  // (a large int32 range is written out when first read: fast/deferred-range.ts)
  return finish(new Tensor(rangeStorage(dtype, n, start, step), [n]), opts);
}

/**
 * The identity matrix: `n` rows, `m` columns (default `n`), ones on the diagonal (PyTorch's
 * `torch.eye(n, m)`; float32 unless `{ dtype }` says otherwise).
 *
 * @example
 * ```ts
 * eye(2) // tensor([[1., 0.], [0., 1.]])
 * eye(2, 3, { dtype: 'int32' }) // tensor([[1, 0, 0], [0, 1, 0]])
 * ```
 */
export function eye(n: number, m?: number | TensorOptions, opts?: TensorOptions): Tensor {
  if (typeof m === 'object') {
    opts = m;
    m = undefined;
  }
  const cols = m ?? n;
  for (const [name, v] of [['n', n], ['m', cols]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(`eye(): argument '${name}' must be an integer, got ${String(v)}`);
    if (v < 0) throw new RangeError(`${name} must be greater or equal to 0, got ${v}`);
  }
  const out = full([n, cols], 0, { dtype: opts?.dtype });
  const d = out.storage.data;
  for (let i = 0; i < Math.min(n, cols); i++) d[i * cols + i] = 1;
  return finish(out, opts);
}
