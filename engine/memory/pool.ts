/**
 * The memory pool: typed arrays given back by the engine, kept for the next allocation of the
 * same dtype and length.
 *
 * Why: a 228,146×27 float32 tensor is 24.6 MB. Fresh memory of that size comes from the operating
 * system page by page (a page fault per 4 KiB), which on this kind of machine costs ~50 ms per
 * tensor, ten times the cost of the op that fills it. JavaScript frees memory only when the
 * garbage collector runs, and a synchronous training loop never gets it back in time, so every
 * training step would pay for fresh pages. The engine instead hands back the buffers it knows
 * nobody else can see (the gradients flowing between nodes during backward, see
 * `autograd/backward.ts`, and everything released by `tidy`, see `tidy.ts`), and
 * `Storage.alloc` takes from here before asking for new memory. (Storages made inside a memory
 * scope live in the SIMD arena instead, `arena.ts`, which keeps its own free blocks;
 * `memoryStats()` reports both.)
 *
 * Only large buffers are pooled (at least `MIN_POOLED_BYTES`): small ones are cheap to allocate.
 * The pool holds at most `limitBytes` (256 MiB by default, `setMemoryPoolLimit`); `emptyCache()`
 * drops everything it holds (PyTorch's `torch.cuda.empty_cache()` has the same role).
 */
import type { DType, TypedArray } from '../dtype.js';
import { arenaCounts, arenaUsage } from './arena.js';

/** Buffers smaller than this are not pooled (64 KiB). */
export const MIN_POOLED_BYTES = 1 << 16;

/** Counters of the pool, for `memoryStats()`. */
export interface MemoryStats {
  /** Bytes held by the pool right now, ready for reuse. */
  pooledBytes: number;
  /** Buffers held by the pool right now. */
  pooledBuffers: number;
  /** The most bytes the pool may hold (`setMemoryPoolLimit`). */
  limitBytes: number;
  /** Large allocations served from reused memory (pool or arena) since start (or `resetMemoryStats`). */
  reused: number;
  /** Large tensor storages that needed fresh memory (a kernel driver's temporary blocks are not counted). */
  fresh: number;
  /** Large buffers given back (to the pool or the arena). */
  returned: number;
  /** Bytes of the arena (the SIMD kernels' memory, for storages made inside tidy/backward) held by live storages. */
  arenaBytes: number;
  /** Bytes of the arena written so far (live, free for reuse); they stay with the process. */
  arenaReservedBytes: number;
  /** Large buffers given back but dropped because the pool was full. */
  dropped: number;
}

const free = new Map<string, TypedArray[]>();
let pooledBytes = 0;
let pooledBuffers = 0;
let limitBytes = 256 * 2 ** 20;
const counts = { reused: 0, fresh: 0, returned: 0, dropped: 0 };

const keyOf = (dtype: DType, length: number) => `${dtype}:${length}`;

/** True when a buffer of this size goes through the pool. */
export function isPooledSize(bytes: number): boolean {
  return bytes >= MIN_POOLED_BYTES;
}

/** A pooled buffer of exactly this dtype and length (contents undefined), or undefined. */
export function takeBuffer(dtype: DType, length: number): TypedArray | undefined {
  const list = free.get(keyOf(dtype, length));
  const buf = list?.pop();
  if (buf === undefined) {
    counts.fresh++;
    return undefined;
  }
  pooledBytes -= buf.byteLength;
  pooledBuffers--;
  counts.reused++;
  return buf;
}

/** Give a buffer back for reuse; the caller guarantees nothing will read or write it again. */
export function giveBuffer(dtype: DType, buf: TypedArray): void {
  counts.returned++;
  if (pooledBytes + buf.byteLength > limitBytes) {
    counts.dropped++;
    return; // the garbage collector takes it
  }
  const key = keyOf(dtype, buf.length);
  const list = free.get(key);
  if (list) list.push(buf);
  else free.set(key, [buf]);
  pooledBytes += buf.byteLength;
  pooledBuffers++;
}

/**
 * Drop every buffer the pool holds (the garbage collector frees them); later allocations take
 * fresh memory until buffers are given back again.
 * @example emptyCache(); memoryStats().pooledBytes // 0
 */
export function emptyCache(): void {
  free.clear();
  pooledBytes = 0;
  pooledBuffers = 0;
}

/**
 * Set the most bytes the pool may hold (default 256 MiB); 0 turns pooling off. Buffers above the
 * new limit are dropped.
 * @example setMemoryPoolLimit(64 * 2 ** 20) // keep at most 64 MiB of spare buffers
 */
export function setMemoryPoolLimit(bytes: number): void {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`setMemoryPoolLimit: expected a number of bytes >= 0, got ${bytes}`);
  limitBytes = bytes;
  if (pooledBytes > limitBytes) emptyCache();
}

/**
 * The pool's counters (see `MemoryStats`).
 * @example const { reused, fresh } = memoryStats(); // large allocations served from the pool / from fresh memory
 */
export function memoryStats(): MemoryStats {
  const arena = arenaUsage();
  return {
    pooledBytes, pooledBuffers, limitBytes, dropped: counts.dropped,
    reused: counts.reused + arenaCounts.reused, fresh: counts.fresh + arenaCounts.fresh, returned: counts.returned + arenaCounts.returned,
    arenaBytes: arena.inUse, arenaReservedBytes: arena.reserved,
  };
}

/**
 * Set the counters `reused`, `fresh`, `returned` and `dropped` back to zero.
 * @example resetMemoryStats(); memoryStats().fresh // 0
 */
export function resetMemoryStats(): void {
  counts.reused = counts.fresh = counts.returned = counts.dropped = 0;
  arenaCounts.reused = arenaCounts.fresh = arenaCounts.returned = 0;
}
