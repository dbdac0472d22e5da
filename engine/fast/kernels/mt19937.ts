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
 *   uniform of `Generator.nextFloat32Uniform` (exact: a 24-bit integer times a power of two).
 */
import { defineKernel } from '../define-kernel.js';
import { I32, V128 } from '../wasm-encoder.js';

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
      c.get(v).get(v).i32Const(11).i32x4ShrU().v128Xor().set(v);
      c.get(v).get(v).i32Const(7).i32x4Shl().get(b).v128And().v128Xor().set(v);
      c.get(v).get(v).i32Const(15).i32x4Shl().get(cc).v128And().v128Xor().set(v);
      c.get(v).get(v).i32Const(18).i32x4ShrU().v128Xor().set(v);
      c.elementAddress(out, i, 4).get(v).get(low).v128And().f32x4ConvertI32x4S().get(scale).f32x4Mul().v128Store();
    });
    c.forRange(i, null, n, 1, () => {
      c.elementAddress(words, i, 4).i32Load().set(y);
      c.get(y).get(y).i32Const(11).i32ShrU().i32Xor().set(y);
      c.get(y).get(y).i32Const(7).i32Shl().i32Const(0x9d2c5680).i32And().i32Xor().set(y);
      c.get(y).get(y).i32Const(15).i32Shl().i32Const(0xefc60000).i32And().i32Xor().set(y);
      c.get(y).get(y).i32Const(18).i32ShrU().i32Xor().set(y);
      c.elementAddress(out, i, 4).get(y).i32Const(0xffffff).i32And().f32ConvertI32S().get(scale).f32x4ExtractLane(0).f32Mul().f32Store();
    });
  },
});
