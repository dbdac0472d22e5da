/**
 * The tensor arena: large storages allocated inside a memory scope (`tidy`, `backward`) live in
 * the SIMD kernels' WebAssembly memory, so the kernels read and write them in place instead of
 * copying them in and out of a scratch region.
 *
 * The memory has a fixed size (1 GiB where the runtime allows it, see `fast/kernels.ts`) and is never
 * grown, since growing would detach the typed arrays that view it; reserving it costs address
 * space only, and the system provides pages as they are first written. A storage's `data` stays
 * an ordinary Float32Array (a view of the memory's buffer). Blocks are freed when the storage is
 * released (its scope gave it back) or, for storages that outlived their scope (a tensor returned
 * from `tidy`), when the garbage collector finds their typed array unreachable
 * (`FinalizationRegistry`). Freed blocks are reused for blocks of the same size. Pages once
 * written stay with the process (a WebAssembly memory cannot give them back); when the arena is
 * full, storages are ordinary typed arrays again.
 *
 * Every block has 16 spare bytes after its data: the matmul kernels may read up to three floats
 * past a row (into lanes that are discarded).
 *
 * The kernel drivers' temporaries (a packed operand, a staging chunk, lists) live in two scratch
 * slots of the arena (`scratchFloat32`, `scratchInt32`): a slot's block is kept between calls and
 * replaced by a larger one (a power of two) only when a call needs more, so temporaries of ever
 * new sizes do not pile up in the arena.
 */
import type { DType, TypedArray } from '../dtype.js';

/**
 * The memory the arena hands out: the kernels' WebAssembly memory, attached by `fast/kernels.ts`
 * when it has built the kernels (`attachArena`). Until then (or where there is no WebAssembly)
 * there is no arena and every storage is an ordinary typed array: importing `Storage` builds no
 * kernels and reserves no memory.
 */
let memory: { buffer: ArrayBuffer; fillZero: (at: number, bytes: number) => void } | null = null;
/** Where the arena starts in the memory (after the kernels' scratch regions). */
let start = 0;

/**
 * Hand the arena a memory: blocks are taken from byte offset `from` up to the end of `buffer`;
 * `fillZero(at, bytes)` zeroes a range (`memory.fill`). Called once, by `fast/kernels.ts`.
 */
export function attachArena(buffer: ArrayBuffer, from: number, fillZero: (at: number, bytes: number) => void): void {
  memory = { buffer, fillZero };
  start = from;
  top = from;
}

/** Free blocks by size in bytes: their byte offsets. */
const free = new Map<number, number[]>();
/** Free scratch-slot blocks by size (kept apart, so that they never skew the storages' counts). */
const freeScratch = new Map<number, number[]>();
let top = 0;
let inUse = 0;
/** Blocks reused from the free lists, taken new from the top, and freed (for `memoryStats`). */
export const arenaCounts = { reused: 0, fresh: 0, returned: 0 };

const registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry<[number, number, boolean]>(([offset, size, scratch]) => freeBlock(offset, size, scratch))
  : null;

/** Bytes of the arena now in use by live storages, and bytes it spans (in use, free, not yet used). */
export function arenaUsage(): { inUse: number; reserved: number } {
  return { inUse, reserved: top - start };
}

function blockSize(bytes: number): number {
  return (bytes + 16 + 15) & ~15;
}

function freeBlock(offset: number, size: number, scratch: boolean): void {
  if (!scratch) {
    arenaCounts.returned++;
    inUse -= size;
  }
  const lists = scratch ? freeScratch : free;
  const list = lists.get(size);
  if (list) list.push(offset);
  else lists.set(size, [offset]);
}

/** A block of `size` bytes: a free one, or new room at the top; null when the arena is full. */
function takeBlock(size: number, scratch: boolean): number | null {
  const reused = (scratch ? freeScratch : free).get(size)?.pop();
  if (reused !== undefined) {
    if (!scratch) arenaCounts.reused++;
    return reused;
  }
  if (top + size > memory!.buffer.byteLength) return null;
  if (!scratch) arenaCounts.fresh++;
  const offset = top;
  top += size;
  return offset;
}

/**
 * A typed array of `n` elements in the arena (contents unspecified), or null when there is no
 * arena (no WebAssembly memory) or it is full.
 */
export function arenaArray(dtype: DType, n: number): TypedArray | null {
  if (memory === null || registry === null || dtype === 'bool') return null;
  const bytesPer = dtype === 'float64' ? 8 : 4;
  const size = blockSize(n * bytesPer);
  const offset = takeBlock(size, false);
  if (offset === null) return null;
  inUse += size;
  const buffer = memory.buffer;
  const arr = dtype === 'float32' ? new Float32Array(buffer, offset, n) : dtype === 'int32' ? new Int32Array(buffer, offset, n) : new Float64Array(buffer, offset, n);
  registry?.register(arr, [offset, size, false], arr);
  return arr;
}

/** True when `arr` views the arena (kernels can use it in place: its byteOffset is its address). */
export function isArenaArray(arr: TypedArray): boolean {
  return memory !== null && arr.buffer === memory.buffer;
}

/** Free the block of an arena array now; the caller guarantees nothing uses `arr` again. */
export function freeArenaArray(arr: TypedArray): void {
  registry?.unregister(arr);
  freeBlock(arr.byteOffset, blockSize(arr.byteLength), false);
}

/** Set every element of an arena array to zero (with `memory.fill`: a typed array's `fill` is much slower on shared memory). */
export function zeroArenaArray(arr: TypedArray): void {
  memory!.fillZero(arr.byteOffset, arr.byteLength);
}

/** A scratch slot of the kernel drivers (two temporaries can be in use at once). */
export type ScratchSlot = 0 | 1;

/** Each slot's block (byte offset and size), or null before its first use. */
const slots: ({ offset: number; size: number } | null)[] = [null, null];

/** The byte offset of slot `slot`'s block, grown to hold `bytes`; null when the arena is full. */
function scratchOffset(slot: ScratchSlot, bytes: number): number | null {
  const held = slots[slot];
  if (held !== null && bytes + 16 <= held.size) return held.offset;
  if (held !== null) freeBlock(held.offset, held.size, true);
  slots[slot] = null;
  const size = blockSize(2 ** Math.ceil(Math.log2(Math.max(bytes, 4096))));
  const offset = takeBlock(size, true);
  if (offset === null) return null;
  slots[slot] = { offset, size };
  return offset;
}

/**
 * `n` floats of scratch slot `slot` in the arena (contents unspecified), valid until the slot is
 * asked for again; null without an arena or when it is full. Not counted by `memoryStats`.
 */
export function scratchFloat32(slot: ScratchSlot, n: number): Float32Array | null {
  const offset = memory === null ? null : scratchOffset(slot, 4 * n);
  return offset === null ? null : new Float32Array(memory!.buffer, offset, n);
}

/** `n` int32 of scratch slot `slot` (see `scratchFloat32`). */
export function scratchInt32(slot: ScratchSlot, n: number): Int32Array | null {
  const offset = memory === null ? null : scratchOffset(slot, 4 * n);
  return offset === null ? null : new Int32Array(memory!.buffer, offset, n);
}
