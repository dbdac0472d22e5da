/**
 * The scratch regions at the start of the kernels' memory (before the tensor arena): where the
 * drivers copy operands that are not in the arena, the exp kernel's table and pair list, and the
 * helper threads' control blocks.
 */

/** Bytes of scratch memory: four regions of `CHUNK` floats plus the exp tables and pair list. */
export const SCRATCH_BYTES = 8 * 65536;
/** Elements per chunk (64 KiB of float32: the operands of a chunk stay in the core's L2 cache). */
export const CHUNK = 16384;
/** Byte offsets of the scratch regions. */
export const REGION = { a: 0, b: CHUNK * 4, out: 2 * CHUNK * 4, list: 3 * CHUNK * 4, frac: 4 * CHUNK * 4, b32: 5 * CHUNK * 4, threads: 6 * CHUNK * 4 } as const;
