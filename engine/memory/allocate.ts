/**
 * Where a new buffer comes from: the engine's allocation policy, in one place.
 *
 * - Small buffers (below the pool's size, `memory/pool.ts`) are fresh typed arrays; from
 *   `MIN_UNFILLED_BYTES` on, when the caller writes every element, without the zero-fill
 *   (`freshUnfilled`).
 * - A large buffer made inside a memory scope (`tidy`, `backward`) lives in the SIMD kernels'
 *   WebAssembly memory (`memory/arena.ts`), where the kernels work on it in place and the helper
 *   threads can reach it; when the arena is full or absent, it falls through to:
 * - a buffer of the same dtype and length from the memory pool, or else a fresh typed array;
 *   when the caller writes every element (`zero` false) and the runtime is Node, a fresh one
 *   without the zero-fill (`freshUnfilled`).
 *
 * `Storage.alloc` calls `allocateBuffer`; the storage then reports a large buffer to the innermost
 * open memory scope (`memory/scope.ts`) and gives it back on `release` (`releaseBuffer`).
 */
import { allocArray, bytesPerElement, type DType, type TypedArray } from '../dtype.js';
import { giveBuffer, isPooledSize, takeBuffer } from './pool.js';
import { inScope } from './scope.js';
import { arenaArray, freeArenaArray, isArenaArray, zeroArenaArray } from './arena.js';

/** The most elements a typed array may hold here (JavaScript's limit: 2^32 − 1 on 64-bit engines). */
const MAX_ELEMENTS = 2 ** 32 - 1;

/**
 * From this size on, a buffer the caller writes entirely comes without the zero-fill
 * (`freshUnfilled`): measured per fresh float32 array on Node 20, `new Float32Array` against
 * `Buffer.allocUnsafeSlow`, µs: 256 elements 0.57 / 0.85, 1,024 elements 1.29 / 0.84, 4,096
 * elements 1.75 / 1.13, 16,384 elements 5.3 / 1.6 (docs/performance.md, "Issue #18 after
 * session 10"). Below it, V8's own typed arrays are cheaper.
 */
export const MIN_UNFILLED_BYTES = 4096;

/** PyTorch's "can't allocate memory" error, naming the element count, the dtype and the bytes. */
function cannotAllocate(dtype: DType, n: number): RangeError {
  return new RangeError(
    `can't allocate memory: you tried to allocate ${n * bytesPerElement(dtype)} bytes (${n} elements of ${dtype})`,
  );
}

/**
 * A buffer of `n` elements of `dtype`, zero-filled when `zero` (otherwise its contents are
 * unspecified: a reused buffer keeps its old values). `large` says whether it is pooled memory
 * that a memory scope may give back (`releaseBuffer`).
 * @example allocateBuffer('float32', 3, true) // { data: Float32Array [0, 0, 0], large: false }
 */
export function allocateBuffer(dtype: DType, n: number, zero: boolean): { data: TypedArray; large: boolean } {
  checkElementCount(dtype, n);
  const bytes = n * bytesPerElement(dtype);
  if (!isPooledSize(bytes)) return { data: zero || bytes < MIN_UNFILLED_BYTES ? allocArray(dtype, n) : freshUnfilled(dtype, n), large: false };
  if (inScope()) {
    // inside tidy or backward: in the SIMD kernels' memory, where they work in place
    const arr = arenaArray(dtype, n);
    if (arr !== null) {
      if (zero) zeroArenaArray(arr);
      return { data: arr, large: true };
    }
  }
  const reused = takeBuffer(dtype, n);
  if (reused !== undefined) {
    if (zero) reused.fill(0);
    return { data: reused, large: true };
  }
  try {
    return { data: zero ? allocArray(dtype, n) : freshUnfilled(dtype, n), large: true };
  } catch (e) {
    if (e instanceof RangeError) throw cannotAllocate(dtype, n); // the JS engine's "Array buffer allocation failed"
    throw e;
  }
}

/**
 * PyTorch's "can't allocate memory" error when `n` elements of `dtype` are more than a typed array
 * may hold (`Storage.deferred` checks it too: the error comes from the op, not the first read).
 * @example checkElementCount('float32', 2 ** 33) // RangeError: can't allocate memory: …
 */
export function checkElementCount(dtype: DType, n: number): void {
  if (n > MAX_ELEMENTS) throw cannotAllocate(dtype, n);
}

/** Node's `Buffer.allocUnsafeSlow` (absent in browsers): a standalone ArrayBuffer whose bytes are not zeroed. */
const nodeBuffer = (globalThis as { Buffer?: { allocUnsafeSlow(bytes: number): Uint8Array } }).Buffer;
const allocUnsafeSlow = nodeBuffer === undefined ? undefined : (bytes: number) => nodeBuffer.allocUnsafeSlow(bytes);

/**
 * A fresh typed array of `n` elements whose contents are unspecified, for a caller that writes
 * every element. Where Node provides it, the memory comes from `Buffer.allocUnsafeSlow`, which
 * takes it from the C heap without zeroing it (`malloc` where a typed array's constructor uses
 * `calloc`): memory the heap already holds is then reused without a 4 MB `memset` or page
 * faults. Measured on 1e6 float32 written by `set`: 0.33–0.41 ms against 0.56–0.62 ms for
 * `new Float32Array` (docs/performance.md, "#18 session 6: elem"). Elsewhere: `allocArray`.
 * @example freshUnfilled('float32', 1 << 20).length // 1048576 (values unspecified)
 */
export function freshUnfilled(dtype: DType, n: number): TypedArray {
  if (allocUnsafeSlow === undefined) return allocArray(dtype, n);
  const buffer = allocUnsafeSlow(n * bytesPerElement(dtype)).buffer;
  switch (dtype) {
    case 'float32': return new Float32Array(buffer, 0, n);
    case 'float64': return new Float64Array(buffer, 0, n);
    case 'int32': return new Int32Array(buffer, 0, n);
    case 'bool': return new Uint8Array(buffer, 0, n);
  }
}

/**
 * Give a buffer nothing else can reach back to where it came from: the arena or the pool (small
 * buffers are left to the garbage collector).
 * @example releaseBuffer('float32', new Float32Array(1 << 20)) // the 4 MiB buffer goes to the pool
 */
export function releaseBuffer(dtype: DType, data: TypedArray): void {
  if (isArenaArray(data)) freeArenaArray(data);
  else if (isPooledSize(data.byteLength)) giveBuffer(dtype, data);
}
