/**
 * The driver of `tanh_backward_f32` (`kernels/tanh-backward.ts`): tanh's gradient `g · (1 − y²)`
 * for float32 in SIMD, the bits of the one-pass loop of `ops/tanh-backward.ts`. y (and a full g)
 * are read in place when they and the result are in the arena, else copied through the scratch
 * memory a chunk at a time. Returns how many leading elements it wrote (a multiple of 4; 0 when
 * it does not apply): the caller's loop writes the rest.
 */
import { CHUNK, REGION, copyKernels, copyView, kernels } from './kernels.js';
import { isSimdEnabled } from './elementwise.js';
import { isArenaArray } from '../memory/arena.js';

/** Below this many elements the loop is as fast. */
const MIN_ELEMENTS = 64;

/**
 * `r[i] = fl(g[i] · fl(1 − fl(y[yo + i]²)))` for i < n4 (n rounded down to a multiple of 4), with
 * g[i] = gd[go + i], or gd[go] for every i when `single`; returns n4, or 0 when SIMD is off, the
 * arrays are not float32 or n is small (nothing written).
 * @example simdTanhBackwardF32(r, y, 0, ones, 0, true, 6400) // 6400: r = 1 − y²
 */
export function simdTanhBackwardF32(r: unknown, y: unknown, yo: number, gd: unknown, go: number, single: boolean, n: number): number {
  if (!isSimdEnabled() || kernels === null || copyKernels === null || n < MIN_ELEMENTS) return 0;
  if (!(r instanceof Float32Array) || !(y instanceof Float32Array) || !(gd instanceof Float32Array)) return 0;
  const n4 = n - (n % 4), gstep = single ? 0 : 16;
  if (isArenaArray(r) && isArenaArray(y) && isArenaArray(gd)) {
    kernels.tanhBackward(r.byteOffset, y.byteOffset + 4 * yo, gd.byteOffset + 4 * go, n4, gstep);
    return n4;
  }
  const f32 = copyView.f32, A = REGION.a / 4, B = REGION.b / 4, OUT = REGION.out / 4;
  if (single) f32[B] = gd[go];
  for (let start = 0; start < n4; start += CHUNK) {
    const len = Math.min(CHUNK, n4 - start);
    f32.set(y.subarray(yo + start, yo + start + len), A);
    if (!single) f32.set(gd.subarray(go + start, go + start + len), B);
    copyKernels.tanhBackward(REGION.out, REGION.a, REGION.b, len, gstep);
    r.set(f32.subarray(OUT, OUT + len), start);
  }
  return n4;
}
