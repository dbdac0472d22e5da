/**
 * Data types: which typed array backs a tensor, and PyTorch's type-promotion rules.
 *
 * | dtype     | storage        | PyTorch counterpart                                      |
 * |-----------|----------------|----------------------------------------------------------|
 * | `float32` | Float32Array   | torch.float32 (the default float type)                   |
 * | `float64` | Float64Array   | torch.float64                                            |
 * | `int32`   | Int32Array     | plays torch.int64's role: the default integer type here  |
 * | `bool`    | Uint8Array     | torch.bool                                               |
 */

/** The element types a tensor can hold. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

/** Any of the typed arrays behind a tensor. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** All dtypes, for validation. */
export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

/** Allocate a zero-filled typed array of `n` elements for `dtype`. */
export function allocArray(dtype: DType, n: number): TypedArray {
  switch (dtype) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int32': return new Int32Array(n);
    case 'bool': return new Uint8Array(n);
  }
}

/** Bytes per element of `dtype` (4, 8, 4, 1). */
export function bytesPerElement(dtype: DType): number {
  return dtype === 'float64' ? 8 : dtype === 'bool' ? 1 : 4;
}

/** The dtype a typed array holds (Uint8Array is read as bool). */
export function dtypeOfArray(a: TypedArray): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  return 'bool';
}

/** True for float32 and float64: the dtypes that can require gradients. */
export function isFloating(d: DType): boolean {
  return d === 'float32' || d === 'float64';
}

/** Throw a clear error if `d` is not one of the supported dtypes. */
export function checkDType(d: unknown): DType {
  if (typeof d !== 'string' || !(DTYPES as readonly string[]).includes(d)) {
    throw new TypeError(`unknown dtype ${JSON.stringify(d)}: expected one of ${DTYPES.join(', ')}`);
  }
  return d as DType;
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/** The category of a value for promotion: bool (0) < integer (1) < floating (2). */
export function category(d: DType): number {
  return d === 'bool' ? 0 : d === 'int32' ? 1 : 2;
}

/**
 * PyTorch's promotion of two tensors' dtypes: the larger of the two
 * (bool < int32 < float32 < float64). `int32 + float32` is float32.
 *
 * @example promoteTypes('int32', 'float32') // 'float32'
 */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The dtype PyTorch gives a plain JS number: integers are int32 (our int64), others float32. */
export function scalarDType(x: number | boolean): DType {
  if (typeof x === 'boolean') return 'bool';
  return Number.isInteger(x) ? 'int32' : 'float32';
}

/**
 * Promotion of a tensor with a plain number ("wrapped number" in PyTorch): the number only
 * raises the category, never the width. `float32 tensor * 0.1` stays float32; `int32 tensor * 0.5`
 * becomes float32 (the default float type); `bool tensor + 1` becomes int32.
 */
export function promoteWithScalar(t: DType, x: number | boolean): DType {
  const s = scalarDType(x);
  if (category(s) <= category(t)) return t;
  return s === 'int32' ? 'int32' : 'float32';
}

/** Name PyTorch uses for a dtype in messages such as "got: Long". */
export function torchTypeName(d: DType): string {
  return { float32: 'Float', float64: 'Double', int32: 'Int', bool: 'Bool' }[d];
}
