/**
 * The MT19937 generator's kernels (`random/mt19937.ts`, PyTorch's `at::mt19937`), on a state of
 * 624 uint32 words at byte address `state`:
 *
 * - `mt_twist`: regenerate the 624 words in place, in increasing k, exactly as `twist`:
 *   `mt[k] = mt[k + 397 (mod 624)] ^ (y >>> 1) ^ (mt[k + 1] & 1 ? 0x9908b0df : 0)` with
 *   `y = (mt[k] & 0x80000000) | (mt[k + 1 (mod 624)] & 0x7fffffff)`. Four words at a time where
 *   no word of the four reads another of them: k < 224 (reading old words ahead), 227 ≤ k < 623
 *   (reading words 227 behind, already new); one at a time for k = 224 … 226 and 623 (which
 *   reads the new mt[0]).
 * - `mt_uniform_f32`: `out[i] = (temper(words[i]) & 0xffffff) · 2^-24` for i < n, the float32
 *   uniform of `Generator.nextFloat32Uniform` (exact: a 24-bit integer times a power of two);
 *   `mt_temper`: `out[i] = temper(words[i])`, the raw outputs (`temper` in `random/mt19937.ts`);
 * - `words_to_f64`: `out[i] = ((w[2i] & 0x1fffff) · 2^32 + w[2i+1]) · 2^-53` for i < n, the double
 *   uniform of `Generator.nextFloat64Uniform` from two raw outputs (exact: 53 bits).
 */
import { defineKernel } from '../define-kernel.js';
import { I32, V128, type Code, type Local } from '../wasm-encoder.js';

const N = 624, M = 397;
const MATRIX_A = 0x9908b0df, UPPER = 0x80000000, LOWER = 0x7fffffff;

export const mtTwist = defineKernel({
  name: 'mt_twist',
  params: { state: I32 },
  locals: { k: I32, y: I32, next: I32, a: V128, nx: V128, upper: V128, lower: V128, one: V128, matrix: V128 },
  body: (c, { state, k, y, next, a, nx, upper, lower, one, matrix }) => {
    c.i32Const(UPPER).i32x4Splat().set(upper);
    c.i32Const(LOWER).i32x4Splat().set(lower);
    c.i32Const(1).i32x4Splat().set(one);
    c.i32Const(MATRIX_A).i32x4Splat().set(matrix);
    /** mt[k … k+3] from mt[k … k+4] and mt[k + offset …] (offset M or M − N words). */
    const vectorStep = (offset: number) => {
      c.elementAddress(state, k, 4).v128Load().set(a);
      c.elementAddress(state, k, 4).v128Load(4).set(nx);
      c.elementAddress(state, k, 4);
      c.elementAddress(state, () => c.get(k).i32Const(offset).i32Add(), 4).v128Load();
      c.get(a).get(upper).v128And().get(nx).get(lower).v128And().v128Or().i32Const(1).i32x4ShrU().v128Xor();
      // (0 − (mt[k + 1] & 1)) & MATRIX_A: the constant where the low bit is set
      c.i32Const(0).i32x4Splat().get(nx).get(one).v128And().i32x4Sub().get(matrix).v128And().v128Xor();
      c.v128Store();
    };
    /** mt[k] from mt[k], mt[(k + 1) mod N] and mt[k + offset]. */
    const scalarStep = (offset: number, wrap: boolean) => {
      c.elementAddress(state, () => (wrap ? c.i32Const(0) : c.get(k).i32Const(1).i32Add()), 4).i32Load().set(next);
      c.elementAddress(state, k, 4).i32Load().i32Const(UPPER).i32And().get(next).i32Const(LOWER).i32And().i32Or().set(y);
      c.elementAddress(state, k, 4);
      c.elementAddress(state, () => c.get(k).i32Const(offset).i32Add(), 4).i32Load();
      c.get(y).i32Const(1).i32ShrU().i32Xor();
      c.i32Const(0).get(next).i32Const(1).i32And().i32Sub().i32Const(MATRIX_A).i32And().i32Xor();
      c.i32Store();
    };
    c.forGroups(k, 0, N - M - 3, 4, () => vectorStep(M)); // k = 0 … 223
    c.forRange(k, null, N - M, 1, () => scalarStep(M, false)); // 224 … 226
    c.forGroups(k, null, N - 1, 4, () => vectorStep(M - N)); // 227 … 622
    scalarStep(M - N, true); // k = 623
  },
});

/** `temper` on the 4 words in local v (left in v), as `random/mt19937.ts`. */
function temper4(c: Code, v: Local, b: Local, cc: Local): void {
  c.get(v).get(v).i32Const(11).i32x4ShrU().v128Xor().set(v);
  c.get(v).get(v).i32Const(7).i32x4Shl().get(b).v128And().v128Xor().set(v);
  c.get(v).get(v).i32Const(15).i32x4Shl().get(cc).v128And().v128Xor().set(v);
  c.get(v).get(v).i32Const(18).i32x4ShrU().v128Xor().set(v);
}

/** `temper` on the word in local y (left in y). */
function temper1(c: Code, y: Local): void {
  c.get(y).get(y).i32Const(11).i32ShrU().i32Xor().set(y);
  c.get(y).get(y).i32Const(7).i32Shl().i32Const(0x9d2c5680).i32And().i32Xor().set(y);
  c.get(y).get(y).i32Const(15).i32Shl().i32Const(0xefc60000).i32And().i32Xor().set(y);
  c.get(y).get(y).i32Const(18).i32ShrU().i32Xor().set(y);
}

export const mtUniformF32 = defineKernel({
  name: 'mt_uniform_f32',
  params: { out: I32, words: I32, n: I32 },
  locals: { i: I32, y: I32, v: V128, b: V128, cc: V128, low: V128, scale: V128 },
  body: (c, { out, words, n, i, y, v, b, cc, low, scale }) => {
    c.i32Const(0x9d2c5680).i32x4Splat().set(b);
    c.i32Const(0xefc60000).i32x4Splat().set(cc);
    c.i32Const(0xffffff).i32x4Splat().set(low);
    c.i32Const(0x33800000).i32x4Splat().set(scale); // 2^-24 as float32
    c.forGroups(i, 0, n, 4, () => {
      c.elementAddress(words, i, 4).v128Load().set(v);
      temper4(c, v, b, cc);
      c.elementAddress(out, i, 4).get(v).get(low).v128And().f32x4ConvertI32x4S().get(scale).f32x4Mul().v128Store();
    });
    c.forRange(i, null, n, 1, () => {
      c.elementAddress(words, i, 4).i32Load().set(y);
      temper1(c, y);
      c.elementAddress(out, i, 4).get(y).i32Const(0xffffff).i32And().f32ConvertI32S().get(scale).f32x4ExtractLane(0).f32Mul().f32Store();
    });
  },
});

export const mtTemper = defineKernel({
  name: 'mt_temper',
  params: { out: I32, words: I32, n: I32 },
  locals: { i: I32, y: I32, v: V128, b: V128, cc: V128 },
  body: (c, { out, words, n, i, y, v, b, cc }) => {
    c.i32Const(0x9d2c5680).i32x4Splat().set(b);
    c.i32Const(0xefc60000).i32x4Splat().set(cc);
    c.forGroups(i, 0, n, 4, () => {
      c.elementAddress(words, i, 4).v128Load().set(v);
      temper4(c, v, b, cc);
      c.elementAddress(out, i, 4).get(v).v128Store();
    });
    c.forRange(i, null, n, 1, () => {
      c.elementAddress(words, i, 4).i32Load().set(y);
      temper1(c, y);
      c.elementAddress(out, i, 4).get(y).i32Store();
    });
  },
});

export const wordsToF64 = defineKernel({
  name: 'words_to_f64',
  params: { out: I32, words: I32, n: I32 },
  locals: { i: I32, v: V128, mask: V128, two32: V128, scale: V128 },
  body: (c, { out, words, n, i, v, mask, two32, scale }) => {
    c.i32Const(0x1fffff).i32x4Splat().set(mask);
    c.f64Const(2 ** 32).f64x2Splat().set(two32);
    c.f64Const(2 ** -53).f64x2Splat().set(scale);
    /** The two doubles of the 4 words in v (hi0, lo0, hi1, lo1), on the stack. */
    const pair = () => {
      c.get(v).get(v).i8x16Shuffle([0, 1, 2, 3, 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11]).get(mask).v128And().f64x2ConvertLowI32x4S().get(two32).f64x2Mul();
      c.get(v).get(v).i8x16Shuffle([4, 5, 6, 7, 12, 13, 14, 15, 4, 5, 6, 7, 12, 13, 14, 15]).f64x2ConvertLowI32x4U().f64x2Add().get(scale).f64x2Mul();
    };
    c.forGroups(i, 0, n, 2, () => {
      c.elementAddress(out, i, 8);
      c.elementAddress(words, i, 8).v128Load().set(v);
      pair();
      c.v128Store();
    });
    // an odd last double: its two words (and two more, read and unused)
    c.get(i).get(n).i32LtS();
    c.ifThen(() => {
      c.elementAddress(out, i, 8);
      c.elementAddress(words, i, 8).v128Load().set(v);
      pair();
      c.f64x2ExtractLane(0).f64Store();
    });
  },
});
