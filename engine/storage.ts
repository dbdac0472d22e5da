/**
 * Storage: the one flat typed array that any number of tensors (views) look into.
 *
 * All allocation goes through `Storage.alloc`, so a later change of where memory lives (for
 * example WebAssembly memory for SIMD kernels) touches this file only.
 *
 * `version` counts in-place writes. Autograd remembers the version of every tensor it saves for
 * backward and refuses to use a tensor that was modified in place afterwards (PyTorch's version
 * counter).
 */
import { allocArray, dtypeOfArray, type DType, type TypedArray } from './dtype.js';

/**
 * A flat buffer shared by a tensor and all of its views.
 * @example const x = zeros([2, 3]); x.T.storage === x.storage // true: a view shares its storage
 */
export class Storage {
  /** The elements. Tensors index into it with their strides and offset. */
  readonly data: TypedArray;
  /** The element type of `data`. */
  readonly dtype: DType;
  /** Incremented by every in-place write through any view of this storage. */
  version = 0;

  private constructor(data: TypedArray, dtype: DType) {
    this.data = data;
    this.dtype = dtype;
  }

  /**
   * A zero-filled storage of `n` elements.
   * @example Storage.alloc('float32', 3).data // Float32Array [0, 0, 0]
   */
  static alloc(dtype: DType, n: number): Storage {
    return new Storage(allocArray(dtype, n), dtype);
  }

  /**
   * Wrap an existing typed array (no copy). A Uint8Array is taken as bool.
   * @example new Tensor(Storage.wrap(new Float32Array([1, 2])), [2]) // tensor([1., 2.])
   */
  static wrap(data: TypedArray, dtype: DType = dtypeOfArray(data)): Storage {
    return new Storage(data, dtype);
  }

  /**
   * Number of elements.
   * @example zeros([2, 3]).storage.length // 6
   */
  get length(): number {
    return this.data.length;
  }
}
