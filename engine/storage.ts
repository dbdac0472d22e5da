/**
 * Storage: the one flat typed array that any number of tensors (views) look into.
 *
 * All allocation goes through `Storage.alloc`, so where memory comes from is decided here. A large
 * buffer made inside a memory scope (`tidy`, `backward`) lives in the SIMD kernels' WebAssembly
 * memory (`memory/arena.ts`, attached by the kernels in `fast/kernels.ts`); other large buffers are taken from the memory pool when one of the
 * same dtype and length is there (`memory/pool.ts`). Every large storage is reported to the
 * innermost open memory scope (`memory/scope.ts`) so that the engine can give it back when it is
 * provably no longer needed.
 *
 * (In-place writes are counted per tensor and its views, `Tensor.versionCounter`, not here.)
 */
import { allocArray, bytesPerElement, dtypeOfArray, type DType, type TypedArray } from './dtype.js';
import { giveBuffer, isPooledSize, takeBuffer } from './memory/pool.js';
import { inScope, trackAllocation, untrack } from './memory/scope.js';
import { arenaArray, freeArenaArray, isArenaArray, zeroArenaArray } from './memory/arena.js';

/** The most elements a typed array may hold here (JavaScript's limit: 2^32 − 1 on 64-bit engines). */
const MAX_ELEMENTS = 2 ** 32 - 1;

/** PyTorch's "can't allocate memory" error, naming the element count, the dtype and the bytes. */
function cannotAllocate(dtype: DType, n: number): RangeError {
  return new RangeError(
    `can't allocate memory: you tried to allocate ${n * bytesPerElement(dtype)} bytes (${n} elements of ${dtype})`,
  );
}

/** The storage that owns each large typed array the engine allocated (to make `wrap` safe). */
const owners = new WeakMap<TypedArray, Storage>();

/**
 * A flat buffer shared by a tensor and all of its views.
 * @example const x = zeros([2, 3]); x.T.storage === x.storage // true: a view shares its storage
 */
export class Storage {
  #data: TypedArray | null;
  /** The element type of `data`. */
  readonly dtype: DType;

  private constructor(data: TypedArray, dtype: DType) {
    this.#data = data;
    this.dtype = dtype;
  }

  /**
   * The elements. Tensors index into it with their strides and offset. Throws once the storage
   * was released (a tensor created inside `tidy` and used after it).
   * @example tensor([1, 2]).storage.data // Int32Array [1, 2]
   */
  get data(): TypedArray {
    const d = this.#data;
    if (d === null) {
      throw new Error(
        'this tensor\'s memory was released: it was created inside tidy() and did not leave it ' +
          '(return it from the tidy callback, or call keep(t) inside, to use it afterwards)',
      );
    }
    return d;
  }

  /**
   * A zero-filled storage of `n` elements. Large buffers are reused from the memory pool when
   * possible (`memoryStats()` counts how often).
   * @example Storage.alloc('float32', 3).data // Float32Array [0, 0, 0]
   */
  static alloc(dtype: DType, n: number): Storage {
    return Storage.allocate(dtype, n, true);
  }

  /**
   * A storage of `n` elements whose contents are unspecified (a reused buffer keeps its old
   * values): for ops that write every element, which then skip `alloc`'s zero-filling.
   * @example Storage.allocUnfilled('float32', 4).length // 4
   */
  static allocUnfilled(dtype: DType, n: number): Storage {
    return Storage.allocate(dtype, n, false);
  }

  private static allocate(dtype: DType, n: number, zero: boolean): Storage {
    if (n > MAX_ELEMENTS) throw cannotAllocate(dtype, n);
    if (!isPooledSize(n * bytesPerElement(dtype))) return new Storage(allocArray(dtype, n), dtype);
    if (inScope()) {
      // inside tidy or backward: in the SIMD kernels' memory, where they work in place
      const arr = arenaArray(dtype, n);
      if (arr !== null) {
        if (zero) zeroArenaArray(arr);
        return Storage.tracked(arr, dtype);
      }
    }
    const reused = takeBuffer(dtype, n);
    if (reused !== undefined && zero) reused.fill(0);
    let arr = reused;
    if (arr === undefined) {
      try {
        arr = allocArray(dtype, n);
      } catch (e) {
        if (e instanceof RangeError) throw cannotAllocate(dtype, n); // the JS engine's "Array buffer allocation failed"
        throw e;
      }
    }
    return Storage.tracked(arr, dtype);
  }

  private static tracked(arr: TypedArray, dtype: DType): Storage {
    const st = new Storage(arr, dtype);
    owners.set(arr, st);
    trackAllocation(st);
    return st;
  }

  /**
   * Wrap an existing typed array (no copy). A Uint8Array is taken as bool. Wrapped arrays belong
   * to their caller: the engine never releases them. Wrapping the `data` of another tensor's
   * storage shares its memory, which from then on no memory scope (`tidy`) gives back; wrapping
   * one that was already given back is an error (it may hold other values by now).
   * @example new Tensor(Storage.wrap(new Float32Array([1, 2])), [2]) // tensor([1., 2.])
   */
  static wrap(data: TypedArray, dtype: DType = dtypeOfArray(data)): Storage {
    const owner = owners.get(data);
    if (owner !== undefined) {
      if (owner.released) {
        throw new Error(
          'Storage.wrap: this typed array was the memory of a tensor that tidy() or backward() has given back, ' +
            'and it may already hold other values; wrap a copy (data.slice()) made while the tensor was alive',
        );
      }
      untrack(owner); // shared with the caller now: no memory scope may give it back
      owners.delete(data);
    }
    return new Storage(data, dtype);
  }

  /**
   * Number of elements (0 once released).
   * @example zeros([2, 3]).storage.length // 6
   */
  get length(): number {
    return this.#data === null ? 0 : this.#data.length;
  }

  /**
   * True once `release()` gave the buffer back.
   * @example zeros([2]).storage.released // false
   */
  get released(): boolean {
    return this.#data === null;
  }

  /**
   * Give the buffer back to the memory pool. Only for storages that nothing else can reach: the
   * engine calls it for gradients consumed during backward and for what `tidy` frees. Any later
   * access to `data` throws. Releasing twice does nothing.
   * @example Storage.alloc('float32', 1 << 20).release() // the 4 MiB buffer goes to the pool
   */
  release(): void {
    const d = this.#data;
    if (d === null) return;
    this.#data = null;
    if (isArenaArray(d)) freeArenaArray(d);
    else if (isPooledSize(d.byteLength)) giveBuffer(this.dtype, d);
  }
}
