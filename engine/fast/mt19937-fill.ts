/**
 * Driver of the MT19937 kernels (`kernels/mt19937.ts`): float32 uniforms of the generator's
 * stream in bulk, the same words in the same order as `MT19937.nextU32` one by one. The state
 * (624 words) is copied into the copy kernels' scratch memory (region b), twisted and tempered
 * there a chunk at a time (region a), and copied back with the position.
 */
import { CHUNK, REGION, copyKernels, copyView } from './kernels.js';
import { isSimdEnabled } from './elementwise.js';

/** The generator's state as `random/mt19937.ts` keeps it (words, PyTorch's `left_` and `next_`). */
export interface MtState {
  readonly state: Uint32Array;
  left: number;
  next: number;
}

const N = 624;
/** The copy kernels' memory as uint32 words (the state's type: copied without conversion). */
const words = new Uint32Array(copyKernels?.buffer ?? new ArrayBuffer(0));
/** Fewer uniforms than this are drawn one by one (copying the state costs more). */
const MIN_UNIFORMS = 2048;

/**
 * Draw `n` float32 uniforms (or raw words, `mtTemper`; n ≤ CHUNK) into the scratch memory at
 * byte address `at`, the state being at REGION.b (see `withState`).
 */
function drawInto(mt: MtState, at: number, n: number, kernel: 'mtUniformF32' | 'mtTemper' = 'mtUniformF32'): void {
  const k = copyKernels!;
  let i = 0;
  while (i < n) {
    if (mt.left === 1) {
      k.mtTwist(REGION.b);
      mt.left = N + 1;
      mt.next = 0;
    }
    const run = Math.min(n - i, mt.left - 1);
    k[kernel](at + 4 * i, REGION.b + 4 * mt.next, run);
    i += run;
    mt.next += run;
    mt.left -= run;
  }
}

/** Run `body` with `mt`'s words at REGION.b of the copy kernels' memory, then copy them back. */
function withState(mt: MtState, body: () => void): void {
  const B = REGION.b / 4;
  words.set(mt.state, B);
  body();
  mt.state.set(words.subarray(B, B + N));
}

/** Whether the kernels apply to `n` uniforms. */
export function mtKernelsApply(n: number): boolean {
  return isSimdEnabled() && copyKernels !== null && n >= MIN_UNIFORMS;
}

/**
 * `out[i] = (nextU32() & 0xffffff) · 2^-24` for i = start … end − 1, in order, with the kernels;
 * false (nothing drawn) when they do not apply.
 */
export function simdUniformsF32(mt: MtState, out: Float32Array, start: number, end: number): boolean {
  const A = REGION.a / 4;
  return simdUniformChunksF32(mt, end - start, (s, len) => out.set(copyView.f32.subarray(A, A + len), start + s));
}

/**
 * The next `n` float32 uniforms of the stream, in order, a chunk of at most `CHUNK` at a time in
 * the copy kernels' scratch region a: `consume(s, len)` is called with uniforms s … s + len − 1
 * there (s a multiple of `CHUNK`), and may work on them in place with the copy kernels (not on
 * region b, which holds the state). False (nothing drawn) when the kernels do not apply.
 */
export function simdUniformChunksF32(mt: MtState, n: number, consume: (s: number, len: number) => void): boolean {
  if (!mtKernelsApply(n)) return false;
  withState(mt, () => {
    for (let s = 0; s < n; s += CHUNK) {
      const len = Math.min(CHUNK, n - s);
      drawInto(mt, REGION.a, len);
      consume(s, len);
    }
  });
  return true;
}

/**
 * `out[i] = nextU32()` for i = start … end − 1, in order, with the kernels; false (nothing
 * drawn) when they do not apply.
 */
export function simdWords(mt: MtState, out: Uint32Array, start: number, end: number): boolean {
  if (!mtKernelsApply(end - start)) return false;
  const A = REGION.a / 4;
  withState(mt, () => {
    for (let s = start; s < end; s += CHUNK) {
      const len = Math.min(CHUNK, end - s);
      drawInto(mt, REGION.a, len, 'mtTemper');
      out.set(words.subarray(A, A + len), s);
    }
  });
  return true;
}

/**
 * `out[i] = nextFloat64Uniform()` for i = start … end − 1 (two words each, in order), with the
 * kernels; false (nothing drawn) when they do not apply.
 */
export function simdUniformsF64(mt: MtState, out: Float64Array, start: number, end: number): boolean {
  if (!mtKernelsApply(2 * (end - start))) return false;
  const OUT = REGION.out / 8;
  withState(mt, () => {
    for (let s = start; s < end; s += CHUNK / 2) {
      const len = Math.min(CHUNK / 2, end - s);
      drawInto(mt, REGION.a, 2 * len, 'mtTemper');
      copyKernels!.wordsToF64(REGION.out, REGION.a, len);
      out.set(copyView.f64.subarray(OUT, OUT + len), s);
    }
  });
  return true;
}
