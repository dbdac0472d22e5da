/**
 * The tensor arena: large storages allocated inside a memory scope (`tidy`, `backward`) live in
 * the SIMD kernels' WebAssembly memory, so the kernels read and write them in place instead of
 * copying them in and out of a scratch region.
 *
 * The memory has a fixed size (1 GiB where the runtime allows it, see `kernels.ts`) and is never
 * grown, since growing would detach the typed arrays that view it; reserving it costs address
 * space only, and the system provides pages as they are first written. A storage's `data` stays
 * an ordinary Float32Array (a view of the memory's buffer). Blocks are freed when the storage is
 * released (its scope gave it back) or, for storages that outlived their scope (a tensor returned
 * from `tidy`), when the garbage collector finds their typed array unreachable
 * (`FinalizationRegistry`). Freed blocks are reused for blocks of the same size. Pages once
 * written stay with the process (a WebAssembly memory cannot give them back); when the arena is
 * full, storages are ordinary typed arrays again.
 *
 * Every block has 16 spare bytes after its data: the matmul kernels may write one float past a
 * row (rewritten by the next row) or read three floats past it (into lanes that are discarded).
 */
import type { DType, TypedArray } from '../dtype.js';
import { SCRATCH_BYTES, kernels } from './kernels.js';

/** Free blocks by size in bytes: their byte offsets. */
const free = new Map<number, number[]>();
let top = SCRATCH_BYTES;
let inUse = 0;
/** Blocks reused from the free lists, taken new from the top, and freed (for `memoryStats`). */
export const arenaCounts = { reused: 0, fresh: 0, returned: 0 };

const registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry<[number, number, boolean]>(([offset, size, scratch]) => freeBlock(offset, size, scratch))
  : null;

/** Bytes of the arena now in use by live storages, and bytes it spans (in use, free, not yet used). */
export function arenaUsage(): { inUse: number; reserved: number } {
  return { inUse, reserved: top - SCRATCH_BYTES };
}

function blockSize(bytes: number): number {
  return (bytes + 16 + 15) & ~15;
}

function freeBlock(offset: number, size: number, scratch: boolean): void {
  if (!scratch) arenaCounts.returned++;
  inUse -= size;
  const list = free.get(size);
  if (list) list.push(offset);
  else free.set(size, [offset]);
}

/** A block of `size` bytes: a free one, or new room at the top; null when the arena is full. */
function takeBlock(size: number, scratch: boolean): number | null {
  const reused = free.get(size)?.pop();
  if (reused !== undefined) {
    if (!scratch) arenaCounts.reused++;
    return reused;
  }
  if (top + size > kernels!.buffer.byteLength) return null;
  if (!scratch) arenaCounts.fresh++;
  const offset = top;
  top += size;
  return offset;
}

/**
 * A typed array of `n` elements in the arena (contents unspecified), or null when there is no
 * arena (no WebAssembly memory) or it is full. A `scratch` array (a kernel driver's temporary,
 * freed before it returns) is left out of the counts `memoryStats` reports.
 */
export function arenaArray(dtype: DType, n: number, scratch = false): TypedArray | null {
  if (kernels === null || registry === null || dtype === 'bool') return null;
  const bytesPer = dtype === 'float64' ? 8 : 4;
  const size = blockSize(n * bytesPer);
  const offset = takeBlock(size, scratch);
  if (offset === null) return null;
  inUse += size;
  const buffer = kernels.buffer;
  const arr = dtype === 'float32' ? new Float32Array(buffer, offset, n) : dtype === 'int32' ? new Int32Array(buffer, offset, n) : new Float64Array(buffer, offset, n);
  registry?.register(arr, [offset, size, scratch], arr);
  return arr;
}

/** True when `arr` views the arena (kernels can use it in place: its byteOffset is its address). */
export function isArenaArray(arr: TypedArray): boolean {
  return kernels !== null && arr.buffer === kernels.buffer;
}

/** Free the block of an arena array now (`scratch` as when it was made); the caller guarantees nothing uses `arr` again. */
export function freeArenaArray(arr: TypedArray, scratch = false): void {
  registry?.unregister(arr);
  freeBlock(arr.byteOffset, blockSize(arr.byteLength), scratch);
}

/** Set every element of an arena array to zero (with `memory.fill`: a typed array's `fill` is much slower on shared memory). */
export function zeroArenaArray(arr: TypedArray): void {
  kernels!.fillZero(arr.byteOffset, arr.byteLength);
}
