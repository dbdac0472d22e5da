/**
 * Driver of the Box–Muller kernel (`kernels/box-muller.ts`): PyTorch's scalar float32
 * `normal_fill_16` on whole blocks of 16 uniforms, in place in the arena (in parts on the helper
 * threads), or a chunk at a time through the copy kernels' scratch memory. The kernel leaves
 * alone the blocks where a rounding of log, cos or sin is too close to call; their indices are
 * returned for `random/normal.ts` to compute with its TypeScript loop (from the uniforms still
 * there), so the result has its bits.
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
  if (isArenaArray(out)) return inArena(out, blocks, stdBits, meanBits);
  if (getNumThreads() > 1 && blocks >= 2 * MIN_PART_BLOCKS) {
    // through a scratch block of the arena, where the helper threads can take parts
    const staged = scratchFloat32(1, 16 * blocks);
    if (staged !== null) {
      staged.set(out.subarray(0, 16 * blocks));
      const redo = inArena(staged, blocks, stdBits, meanBits);
      if (redo !== null) {
        out.set(staged);
        return redo;
      }
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

/** The kernel on arena blocks, in parts on the helper threads when they are ready; each part lists into its own range. */
function inArena(out: Float32Array, blocks: number, stdBits: number, meanBits: number): number[] | null {
  const list = scratchInt32(0, blocks);
  if (list === null) return null;
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
