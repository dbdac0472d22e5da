/**
 * `tanh_f32`: tanh of `n` floats at `x` (n a multiple of 4) into `out`, 4 per iteration: the
 * reduction in float32 lanes, float64 pairs from there, the float32 rounding checked per lane:
 *
 *   y  = 2·min(|x|, 9.1)                    (f32x4, exact; tanh rounds to 1 in float32 from 9.011)
 *   kk = y·(1024/ln2) + 1.5·2^23            (f32x4: k = kk − 1.5·2^23, an integer, its bits in kk's)
 *   t  = y − k·(ln2/1024)                   (f64x2; |t| < 2^-11.5)
 *   s  = T[k & 1023] · 2^(k >> 10)          (T[j] = 2^(j/1024), exp's table; the power of 2 added to the bits)
 *   m  = s·q + (s − 1),  q = t·(1 + t·(1/2 + t/6))    (m = e^y − 1, no cancellation: s − 1 is exact)
 *   d  = m / (m + 2) = tanh(y/2),  float32(d) with x's sign bit (so −0 stays −0)
 *
 * d is only accurate to about 2^-38.5 (relative), not to a float64 ulp; the group of 4 is listed
 * at `list` (the index of its first element, for the driver to redo with `Math.tanh`) when a
 * lane's d lies within 2^17 float64 ulps of a float32 rounding midpoint (its low 29 mantissa bits
 * within 2^17 of 2^28), or its |x| is not above 2^-126 (subnormal inputs, whose results are
 * subnormal, and NaN). Returns how many groups it listed. Driver: `simdTanhF32` in `math-f32.ts`.
 *
 * The error bound (relative, m's then d's):
 * 1. k: |y·INV − fl32(y·INV)| ≤ 2^-10 (|y·INV| < 2^15), rounding to an integer 1/2, and
 *    |y|·|INV − 1024/ln2| < 0.002: |y·1024/ln2 − k| < 0.503, so |t_exact| < 2^-11.5.
 * 2. t: k·C (C = double(ln2)/1024) is rounded by at most 2^-53·|k·C| and C's own error adds
 *    |k|·2^-65.3, together below 2^-52·y; m = e^y − 1 ≥ y, so m moves by at most
 *    s·e^t·2^-52·y ≤ 2^-52·(1 + y)·m < 2^-47.7·m. (k = 0: t = y exactly.)
 * 3. q: |e^t − 1 − q_exact| ≤ e^|t|·t^4/24; relative to m this is below 2^-39.1 (for k = 0,
 *    m = q ≈ t: |t|³/24; for k ≥ 1, m ≥ 2^-11.5 and the error is below 2^-50.6); evaluating q
 *    rounds 5 times (< 2^-50.6 relative).
 * 4. s: T[j] = `2 ** (j / 1024)` is within an ulp (2^-52·s; exactly 1 for j = 0), which moves m
 *    by e^t·2^-52·s ≈ 2^-52·(m + 1), relative < 2^-40.5 for k ≥ 1 (m ≥ 2^-11.5), 0 for k = 0.
 *    s − 1 is exact (Sterbenz for s < 2; for s ≥ 2 its rounding is below 2^-52·(s − 1)); s·q
 *    and the sum round by 2^-53 each.
 * 5. d: m's relative error ε_m moves d = m/(m + 2) by 2ε_m/(m + 2) ≤ ε_m (relative); m + 2 and
 *    the division round by 2^-53 each.
 * Together d is within 2^-38.5 of tanh(y/2); `Math.tanh` (fdlibm) within a few float64 ulps, so
 * they differ by less than 2^-38.4·d, below 2^14.6 float64 ulps of d: inside the band of 2^17
 * unless the float32 rounding is the same for both (the argument in kernels/exp.ts). For
 * |x| ≥ 9.1 the clamp gives d ≈ 1 − 2.45·10^-8, which rounds to 1 (the midpoint below 1 is
 * 1 − 2.98·10^-8, far outside the band), as `Math.tanh(x)` does; ±∞ too.
 *
 * Checked exhaustively: every float32 bit pattern through the kernel and its driver equals
 * `Math.fround(Math.tanh(x))` (spec/fast-paths/math-f32.spec.ts, `MAKEMORE_LONG_TESTS=1`).
 */
import { defineKernel } from '../define-kernel.js';
import { REGION } from '../scratch.js';
import { I32, type Local, SWAP_HALVES, V128 } from '../wasm-encoder.js';
import { EXP_TABLE } from './exp.js';
import { f32x4, f64x2, i32x4, memoryConstants } from './memory-constants.js';
import { bandConstants, demote4, listUnlessVouched, outsideBand } from './midpoint-band.js';

/** Half-width of the band around a float32 midpoint, in float64 ulps (see the error bound). */
const BAND = 2 ** 17;
/** tanh rounds to 1 in float32 from |x| ≈ 9.011 on: inputs are clamped here. */
const CLAMP = 9.1;

/** The kernel's constants, in memory (see memory-constants.ts): after exp's in the table region. */
const K = memoryConstants(REGION.frac + 5632, {
  abs: i32x4(0x7fffffff),
  sign: i32x4(0x80000000 | 0),
  clamp: f32x4(CLAMP),
  tiny: f32x4(2 ** -126),
  inv: f32x4(1024 / Math.LN2),
  magic: f32x4(1.5 * 2 ** 23),
  mask: i32x4(1023),
  zero: i32x4(0),
  ...bandConstants(BAND),
  step: f64x2(Math.LN2 / 1024),
  c6: f64x2(1 / 6),
  half: f64x2(0.5),
  one: f64x2(1),
  two: f64x2(2),
});

/** Write the kernel's constants into a memory of the kernels (each module instance's, once; exp's table is written with exp's). */
export function writeTanhTables(buffer: ArrayBufferLike): void {
  K.write(buffer);
}

/** (zero, e) → the high words of pair lanes 0, 1 from e's lanes 0, 1 (low words 0); and from lanes 2, 3. */
const HIGH_WORDS_01 = [0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23];
const HIGH_WORDS_23 = [8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31];

export const tanhF32 = defineKernel({
  name: 'tanh_f32',
  params: { out: I32, x: I32, n: I32, list: I32 },
  results: [I32],
  locals: { i: I32, count: I32, v: V128, y: V128, kk: V128, k: V128, e: V128, good: V128, t: V128, s: V128, d: V128, d2: V128, y2: V128, k2: V128 },
  body: (c, { out, x, n, list, i, count, v, y, kk, k, e, good, t, s, d, d2, y2, k2 }) => {
    const splat = (name: Parameters<typeof K.push>[1]) => K.push(c, name);
    /** d for lanes 0, 1 of ys and ks (left on the stack), which are lanes `lane`, `lane + 1` of the group. */
    const core = (ys: Local, ks: Local, lane: number) => {
      // t = y − k·(ln2/1024)
      c.get(ys).f64x2PromoteLowF32x4().get(ks).f64x2PromoteLowF32x4();
      splat('step');
      c.f64x2Mul().f64x2Sub().set(t);
      // s = T[j] · 2^(k >> 10): T[j] (byte offsets read back from out[i + lane …]), the power's bits added
      c.elementAddress(out, i, 4).i32Load(4 * lane + 4);
      c.elementAddress(out, i, 4).i32Load(4 * lane).v128Load64Zero(EXP_TABLE);
      c.v128Load64Lane(1, EXP_TABLE);
      splat('zero'); c.get(e).i8x16Shuffle(lane === 0 ? HIGH_WORDS_01 : HIGH_WORDS_23).i32x4Add().set(s);
      // m = s·q + (s − 1), q = t·(1 + t·(1/2 + t·(1/6)))
      c.get(t); splat('c6'); c.f64x2Mul(); splat('half'); c.f64x2Add();
      c.get(t).f64x2Mul(); splat('one'); c.f64x2Add();
      c.get(t).f64x2Mul();
      c.get(s).f64x2Mul().get(s); splat('one'); c.f64x2Sub().f64x2Add().tee(t);
      // d = m / (m + 2)
      c.get(t); splat('two'); c.f64x2Add().f64x2Div();
    };
    c.i32Const(0).set(i);
    c.i32Const(0).set(count);
    c.forRange(i, null, n, 4, () => { // from i = 0, set above with count
      c.elementAddress(x, i, 4).v128Load().tee(v);
      // |x|; good (all bits set, per lane): |x| > 2^-126 (false for NaN and subnormals), the midpoint test added below
      splat('abs'); c.v128And().tee(y); splat('tiny'); c.f32x4Gt().set(good);
      // y = 2·min(|x|, 9.1)
      c.get(y); splat('clamp'); c.f32x4Pmin().tee(y).get(y).f32x4Add().tee(y);
      splat('inv'); c.f32x4Mul(); splat('magic'); c.f32x4Add().tee(kk);
      splat('magic'); c.f32x4Sub().set(k);
      // the table offsets (k & 1023)·8 parked in out[i …] (overwritten below; x is already in v), as in kernels/exp.ts
      c.elementAddress(out, i, 4);
      c.get(kk); splat('mask'); c.v128And().i32Const(3).i32x4Shl().v128Store();
      // (k >> 10) << 20: the power of 2 for the high words of the doubles
      c.get(kk).i32Const(10).i32x4ShrU().i32Const(20).i32x4Shl().set(e);
      core(y, k, 0);
      c.set(d);
      // lanes 2, 3 moved down
      c.get(y).get(y).i8x16Shuffle(SWAP_HALVES).set(y2);
      c.get(k).get(k).i8x16Shuffle(SWAP_HALVES).set(k2);
      core(y2, k2, 2);
      c.set(d2);
      // the midpoint test (midpoint-band.ts)
      outsideBand(c, d, d2, splat);
      c.get(good).v128And();
      listUnlessVouched(c, { list, count, i }, [0]);
      // float32(d) with x's sign bit
      c.elementAddress(out, i, 4);
      demote4(c, d, d2);
      c.get(v); splat('sign'); c.v128And().v128Or();
      c.v128Store();
    });
    c.get(count);
  },
});
