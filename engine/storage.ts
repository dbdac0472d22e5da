/**
 * Storage: the one flat typed array that any number of tensors (views) look into.
 *
 * All allocation goes through `Storage.alloc`; where the memory comes from (a fresh array, the
 * memory pool, or the SIMD kernels' WebAssembly memory inside `tidy`/`backward`) is decided by
 * `memory/allocate.ts`. Every large storage is reported to the innermost open memory scope
 * (`memory/scope.ts`) so that the engine can give it back when it is provably no longer needed.
 *
 * (In-place writes are counted per tensor and its views, `Tensor.versionCounter`; `writes` only
 * counts every write into the buffer, for `div`'s kept quotient.)
 *
 * A storage may also be *deferred* (`Storage.deferred`): it knows how to write its elements (a
 * `StorageRecipe`) but has no buffer yet. The first read of `data` allocates the buffer and runs
 * the recipe, so code that reads `data` never sees the difference; a fast path may instead read
 * the `recipe` and compute from it (`fast/table-rows.ts`: the rows of a one-hot encoding and what
 * row-wise ops make of them, computed once per distinct row).
 */
import { bytesPerElement, dtypeOfArray, type DType, type TypedArray } from './dtype.js';
import { allocateBuffer, checkElementCount, releaseBuffer } from './memory/allocate.js';
import { trackAllocation, untrack } from './memory/scope.js';
import { isPooledSize } from './memory/pool.js';

/**
 * How a deferred storage writes its elements once they are needed (`Storage.deferred`).
 * @example const r: StorageRecipe = { fill: (out) => out.fill(7) }
 */
export interface StorageRecipe {
  /** Write every element of `out` (a buffer of the storage's dtype and length, contents unspecified). */
  fill(out: TypedArray): void;
}

/** The storage that owns each large typed array the engine allocated (to make `wrap` safe). */
const owners = new WeakMap<TypedArray, Storage>();

/**
 * A flat buffer shared by a tensor and all of its views.
 * @example const x = zeros([2, 3]); x.T.storage === x.storage // true: a view shares its storage
 */
export class Storage {
  #data: TypedArray | null;
  /** A deferred storage's recipe until its buffer is made (then, and once released, null). */
  #recipe: StorageRecipe | null = null;
  /** A deferred storage's element count (its buffer does not exist yet). */
  #length = 0;
  /** The element type of `data`. */
  readonly dtype: DType;

  private constructor(data: TypedArray | null, dtype: DType) {
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
      if (this.#recipe !== null) return this.materialize(this.#recipe);
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

  /**
   * A storage of `n` elements that has no buffer yet: the first read of `data` allocates one
   * (as `allocUnfilled` would) and lets `recipe` write every element. Until then `recipe` is
   * there for fast paths that can compute from it without the full-size buffer.
   * @example Storage.deferred('float32', 3, { fill: (out) => out.fill(1) }).data // Float32Array [1, 1, 1]
   */
  static deferred(dtype: DType, n: number, recipe: StorageRecipe): Storage {
    checkElementCount(dtype, n); // as allocUnfilled would: a result that cannot exist is an error at the op
    const st = new Storage(null, dtype);
    st.#recipe = recipe;
    st.#length = n;
    // large, as `alloc` counts it: a scope that gives it back drops the recipe (or frees the buffer once made)
    if (isPooledSize(n * bytesPerElement(dtype))) trackAllocation(st);
    return st;
  }

  /**
   * A deferred storage's recipe while its buffer does not exist (null once `data` was read, for
   * an ordinary storage, and once released).
   * @example Storage.alloc('float32', 2).recipe // null
   */
  get recipe(): StorageRecipe | null {
    return this.#recipe;
  }

  /** Make a deferred storage's buffer: allocate it as `allocUnfilled` does, then run the recipe. */
  private materialize(recipe: StorageRecipe): TypedArray {
    const { data, large } = allocateBuffer(this.dtype, this.#length, false);
    recipe.fill(data);
    this.#recipe = null;
    this.#data = data;
    if (large) owners.set(data, this);
    return data;
  }

  private static allocate(dtype: DType, n: number, zero: boolean): Storage {
    const { data, large } = allocateBuffer(dtype, n, zero);
    return large ? Storage.tracked(data, dtype) : new Storage(data, dtype);
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
    return this.#data !== null ? this.#data.length : this.#recipe !== null ? this.#length : 0;
  }

  /**
   * In-place writes into this buffer through any tensor on it (counted by `runInplace`), also
   * through `.data`, whose version counter is its own: what tells `div`'s backward that the
   * quotient it kept was overwritten, which no tensor's version may show.
   * @example const t = zeros([2]); t.data.add_(1); t.storage.writes // 1 (t.version is still 0)
   */
  writes = 0;

  /**
   * True once `release()` gave the buffer back.
   * @example zeros([2]).storage.released // false
   */
  get released(): boolean {
    return this.#data === null && this.#recipe === null;
  }

  /**
   * Give the buffer back to the memory pool. Only for storages that nothing else can reach: the
   * engine calls it for gradients consumed during backward and for what `tidy` frees. Any later
   * access to `data` throws. Releasing twice does nothing.
   * @example Storage.alloc('float32', 1 << 20).release() // the 4 MiB buffer goes to the pool
   */
  release(): void {
    this.#recipe = null; // a deferred storage: nothing was allocated
    const d = this.#data;
    if (d === null) return;
    this.#data = null;
    releaseBuffer(this.dtype, d);
  }
}
