/**
 * Driver of the Box–Muller kernel (`kernels/box-muller.ts`): PyTorch's scalar float32
 * `normal_fill_16` on whole blocks of 16 uniforms, in place in the arena (in parts on the helper
 * threads), or a chunk at a time through the copy kernels' scratch memory. The kernel leaves
 * alone the blocks where a rounding of log, cos or sin is too close to call; their indices are
 * returned for `random/normal.ts` to compute with its TypeScript loop (from the uniforms still
 * there), so the result has its bits.
 *
 * `simdNormalFill` also draws the uniforms (`randn`): on one thread, each chunk of uniforms is
 * transformed where the generator's kernels drew it, in the scratch memory, and copied out once;
 * on helper threads, the uniforms are drawn straight into the memory the threads reach.
 * `simdBoxMuller` transforms uniforms already in an array (`normal_`).
 */
import { CHUNK, REGION, copyKernels, copyView, kernels } from './kernels.js';
import { isSimdEnabled } from './elementwise.js';
import { isArenaArray, scratchFloat32, scratchInt32 } from '../memory/arena.js';
import { getNumThreads, partBounds, runSplit } from './threads.js';

/** Fewer blocks than this go through the TypeScript loop (the call costs more than it saves). */
const MIN_BLOCKS = 8;
/** Blocks of the smallest part given to a helper thread (its hand-off costs ~40 µs). */
const MIN_PART_BLOCKS = 4096;

const bits = new Int32Array(1);
const bitsF32 = new Float32Array(bits.buffer);
/** The bits of a float32 value (the kernel's std and mean arguments). */
function f32Bits(v: number): number {
  bitsF32[0] = v;
  return bits[0];
}

/**
 * Box–Muller (scalar `normal_fill_16`) on blocks 0 … blocks − 1 of 16 floats of `out` (float32
 * uniforms in, normals out), `std` and `mean` float32 values. Returns the blocks left for the
 * caller to compute (their uniforms unchanged), or null when the kernel does not apply.
 */
export function simdBoxMuller(out: Float32Array, blocks: number, mean: number, std: number): number[] | null {
  if (!isSimdEnabled() || kernels === null || copyKernels === null || blocks < MIN_BLOCKS) return null;
  const stdBits = f32Bits(std), meanBits = f32Bits(mean);
  const list = scratchInt32(0, blocks);
  if (list !== null && isArenaArray(out)) return inArena(out, blocks, stdBits, meanBits, list);
  if (list !== null && getNumThreads() > 1 && blocks >= 2 * MIN_PART_BLOCKS) {
    // through a scratch block of the arena, where the helper threads can take parts
    const staged = scratchFloat32(1, 16 * blocks);
    if (staged !== null) {
      staged.set(out.subarray(0, 16 * blocks));
      const redo = inArena(staged, blocks, stdBits, meanBits, list);
      out.set(staged);
      return redo;
    }
  }
  const redo: number[] = [];
  const perChunk = CHUNK / 16;
  const A = REGION.a / 4, LIST = REGION.list / 4;
  for (let b0 = 0; b0 < blocks; b0 += perChunk) {
    const nb = Math.min(perChunk, blocks - b0);
    copyView.f32.set(out.subarray(16 * b0, 16 * (b0 + nb)), A);
    const listed = copyKernels.boxMuller(REGION.a, nb, stdBits, meanBits, REGION.list);
    out.set(copyView.f32.subarray(A, A + 16 * nb), 16 * b0);
    for (let i = 0; i < listed; i++) redo.push(b0 + copyView.i32[LIST + i]);
  }
  return redo;
}

/** Where `simdNormalFill` takes its uniforms: the generator's stream, in order. */
export interface UniformSource {
  /** `out[start … end − 1]` = the next `end − start` float32 uniforms. */
  fill(out: Float32Array, start: number, end: number): void;
  /**
   * The next `n` uniforms a chunk at a time in the copy kernels' scratch region a (`consume(s,
   * len)` after each, s a multiple of `CHUNK`); false, nothing drawn, when the kernels do not
   * apply (`Generator.float32UniformChunks`).
   */
  chunks(n: number, consume: (s: number, len: number) => void): boolean;
}

/**
 * `out[0 … n − 1]` = n float32 uniforms drawn from `src` in order, then Box–Muller (scalar
 * `normal_fill_16`) on its n >> 4 whole blocks: the values of `src.fill(out, 0, n)` followed by
 * `simdBoxMuller(out, n >> 4, mean, std)`, the blocks the kernel leaves alone (their uniforms in
 * place) returned for the caller. Null, nothing drawn, when the kernels do not apply.
 */
export function simdNormalFill(src: UniformSource, out: Float32Array, n: number, mean: number, std: number): number[] | null {
  const blocks = n >> 4;
  if (!isSimdEnabled() || kernels === null || copyKernels === null || blocks < MIN_BLOCKS) return null;
  const stdBits = f32Bits(std), meanBits = f32Bits(mean);
  if (getNumThreads() > 1 && blocks >= 2 * MIN_PART_BLOCKS) {
    // the uniforms straight into memory the helper threads reach (out itself when it is in the
    // arena, else a staging block), the tail's after them; the blocks in parts on the threads
    const staged = isArenaArray(out) ? out : scratchFloat32(1, 16 * blocks);
    const list = scratchInt32(0, blocks);
    if (staged !== null && list !== null) {
      src.fill(staged, 0, 16 * blocks);
      src.fill(out, 16 * blocks, n);
      const redo = inArena(staged, blocks, stdBits, meanBits, list);
      if (staged !== out) out.set(staged.subarray(0, 16 * blocks));
      return redo;
    }
  }
  // one thread: each chunk transformed in the scratch memory where it was drawn, copied out once
  const redo: number[] = [];
  const A = REGION.a / 4, LIST = REGION.list / 4, boxMuller = copyKernels.boxMuller;
  const drawn = src.chunks(n, (s, len) => {
    const b0 = s >> 4, nb = ((s + len) >> 4) - b0; // the whole blocks of the chunk (s is a multiple of 16)
    if (nb > 0) {
      const listed = boxMuller(REGION.a, nb, stdBits, meanBits, REGION.list);
      for (let i = 0; i < listed; i++) redo.push(b0 + copyView.i32[LIST + i]);
    }
    out.set(copyView.f32.subarray(A, A + len), s);
  });
  return drawn ? redo : null;
}

/** The kernel on arena blocks, in parts on the helper threads when they are ready; each part lists into its own range. */
function inArena(out: Float32Array, blocks: number, stdBits: number, meanBits: number, list: Int32Array): number[] {
  const starts: number[] = [];
  const call = (b0: number, b1: number): [string, number[]] => ['box_muller_f32', [out.byteOffset + 64 * b0, b1 - b0, stdBits, meanBits, list.byteOffset + 4 * b0]];
  let counts = runSplit(MIN_PART_BLOCKS, blocks, (i, count) => {
    const [b0, b1] = partBounds(blocks, i, count);
    starts[i] = b0;
    return call(b0, b1);
  });
  if (counts === null) {
    counts = [kernels!.boxMuller(...call(0, blocks)[1])];
    starts[0] = 0;
  }
  const redo: number[] = [];
  counts.forEach((listed, i) => {
    for (let k = 0; k < listed; k++) redo.push(starts[i] + list[starts[i] + k]);
  });
  return redo;
}
