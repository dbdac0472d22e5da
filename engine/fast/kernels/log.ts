/**
 * `log_f32`: log of `n` floats at `x` (n a multiple of 4) into `out`, musl's `logf` reduction as
 * in `logCore` (fast/log-f32.ts), 4 lanes of integer work, then two float64 pairs, with a shorter
 * series than `logCore`'s and the float32 rounding checked per lane:
 *   tmp = ix − OFF;  k = tmp >> 23;  i = (tmp >>> 15) & 255;  z = float(ix − (tmp & 0xff800000))
 *   r = z·INVC[i] − 1;  r2 = r·r;  q = (−1/2 + r/3) + r2·(−1/4 + r/5)
 *   d = k·ln2 + LOGC[i] + (r + r2·q)
 * (the bits give z = x / 2^k exactly). INVC[i] and LOGC[i] are read as one 16-byte entry of the
 * table at `LOG_TABLE` (written by the driver). The group of 4 is listed at `list` (its first
 * element's index, for the driver to redo with `Math.log`) when a lane's d lies within 2^13
 * float64 ulps of a float32 rounding midpoint (its low 29 mantissa bits within 2^13 of 2^28), or
 * the input is not a positive normal float32 (zero, negative, subnormal, ±∞, NaN). Returns how
 * many groups it listed. Driver: `simdLogF32` in `math-f32.ts`.
 *
 * The error bound (relative to log x): r is exact (INVC[i] is a float32 within 2^-9 of 1/z, so
 * z·INVC[i] − 1 needs at most 48 bits) and |r| < 2^-8. The series stops after r^5: the rest is
 * below |r|^6/6·(1 + 2^-7) < 2^-50.5 absolute. Where INVC[i] = 1 and k = 0 (the two entries next
 * to 1: the only inputs with |log x| < 2^-9) d is the series alone, within |r|^5/5.9 < 2^-42.5
 * of log1p(r) relative; elsewhere |d| ≥ 2^-9, so the truncation is below 2^-41.5 relative.
 * The roundings (r2, q, the sums, k·ln2 with ln2's own 2^-55 error, LOGC[i] = −log(INVC[i])
 * within an ulp) add less than 2^-49 relative (|k·ln2| + |LOGC| < 3·|d| when k ≠ 0, as
 * |k·ln2 + LOGC| ≥ ln2 − 0.36; for k = 0, |LOGC| < |d| + 2^-8 ≤ 3·|d|). With `Math.log`'s own error (an ulp), d and `Math.log(x)` differ
 * by less than 2^-41.4·|d|, below 2^11.6 float64 ulps of d; the band of 2^13 covers that, and
 * outside it every value that close to d rounds to the same float32 (the argument in
 * kernels/exp.ts). log x of a positive normal float32 is 0 or at least 2^-25 in magnitude, so
 * the float32 result is never subnormal.
 *
 * Checked exhaustively: every float32 bit pattern through the kernel and its driver equals
 * `Math.fround(Math.log(x))` (spec/fast-paths/math-f32.spec.ts, `MAKEMORE_LONG_TESTS=1`).
 */
import { defineKernel } from '../define-kernel.js';
import { LOG_TABLES } from '../log-f32.js';
import { REGION } from '../scratch.js';
import { I32, type Local, SWAP_HALVES, V128 } from '../wasm-encoder.js';
import { f64x2, i32x4, memoryConstants } from './memory-constants.js';
import { LOW_HALVES, bandConstants, demote4, listUnlessVouched, outsideBand } from './midpoint-band.js';

/** Byte offset of the table (INVC[i], LOGC[i] at LOG_TABLE + 16·i): after exp's 64 doubles in the table region. */
export const LOG_TABLE = REGION.frac + 1024;

/** Half-width of the band around a float32 midpoint, in float64 ulps (see the error bound). */
const BAND = 2 ** 13;
/** The high 8 bytes of two v128s (`i8x16.shuffle` lanes): lane 1 of each f64x2. */
const HIGHS = [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31];

const { OFF, SHIFT, N, LN2 } = LOG_TABLES;
/** The kernel's constants, in memory (see memory-constants.ts): after tanh's in the table region. */
const K = memoryConstants(REGION.frac + 6144, {
  ln2: f64x2(LN2), one: f64x2(1), c2: f64x2(-0.5), c3: f64x2(1 / 3), c4: f64x2(-0.25), c5: f64x2(0.2),
  normal: i32x4(0x00800000), span: i32x4(0x7f000000), off: i32x4(OFF), mask: i32x4(N - 1), exponent: i32x4(0xff800000 | 0),
  ...bandConstants(BAND),
});

/** Write the kernel's constants into a memory of the kernels (each module instance's, once; the table is written by the driver). */
export function writeLogConstants(buffer: ArrayBufferLike): void {
  K.write(buffer);
}

export const logF32 = defineKernel({
  name: 'log_f32',
  params: { out: I32, x: I32, n: I32, list: I32 },
  results: [I32],
  locals: { i: I32, count: I32, v: V128, tmp: V128, k: V128, entry: V128, z: V128, r: V128, d: V128, d2: V128, bad: V128, r2: V128 },
  body: (c, { out, x, n, list, i, count, v, tmp, k, entry, z, r, d, d2, bad, r2 }) => {
    const splat = (name: Parameters<typeof K.push>[1]) => K.push(c, name);
    const t0 = c.local('entry2', V128);
    /** d for lanes `lane`, `lane + 1` (their table byte offsets in `entry`, z in `z`, k in `k`). */
    const pair = (lane: number, target: Local) => {
      // INVC and LOGC of both lanes: two 16-byte loads, regrouped
      c.get(entry).i32x4ExtractLane(lane).v128Load(LOG_TABLE).set(t0);
      c.get(entry).i32x4ExtractLane(lane + 1).v128Load(LOG_TABLE).set(target);
      // r = z·INVC − 1
      c.get(z);
      if (lane === 2) c.get(z).i8x16Shuffle(SWAP_HALVES);
      c.f64x2PromoteLowF32x4();
      c.get(t0).get(target).i8x16Shuffle(LOW_HALVES).f64x2Mul(); splat('one'); c.f64x2Sub().set(r);
      // k·ln2 + LOGC
      c.get(k);
      if (lane === 2) c.get(k).i8x16Shuffle(SWAP_HALVES);
      c.f64x2ConvertLowI32x4S(); splat('ln2'); c.f64x2Mul();
      c.get(t0).get(target).i8x16Shuffle(HIGHS).f64x2Add();
      // + (r + r2·q), q = (c2 + r·c3) + r2·(c4 + r·c5)
      c.get(r).get(r).f64x2Mul().set(r2);
      c.get(r); splat('c3'); c.f64x2Mul(); splat('c2'); c.f64x2Add();
      c.get(r); splat('c5'); c.f64x2Mul(); splat('c4'); c.f64x2Add();
      c.get(r2).f64x2Mul().f64x2Add();
      c.get(r2).f64x2Mul().get(r).f64x2Add();
      c.f64x2Add().set(target);
    };
    c.i32Const(0).set(count);
    c.forRange(i, 0, n, 4, () => {
      c.elementAddress(x, i, 4).v128Load().tee(v);
      // bad (all bits set, per lane): not a positive normal float32 (ix − 0x00800000 ≥ 0x7f000000, unsigned)
      splat('normal'); c.i32x4Sub(); splat('span'); c.i32x4GeU().set(bad);
      c.get(v); splat('off'); c.i32x4Sub().tee(tmp).i32Const(23).i32x4ShrS().set(k);
      c.get(tmp).i32Const(SHIFT).i32x4ShrU(); splat('mask'); c.v128And().i32Const(4).i32x4Shl().set(entry);
      c.get(v).get(tmp); splat('exponent'); c.v128And().i32x4Sub().set(z);
      pair(0, d);
      pair(2, d2);
      // the midpoint test (midpoint-band.ts), and not bad
      outsideBand(c, d, d2, splat);
      c.get(bad).v128AndNot();
      listUnlessVouched(c, { list, count, i }, [0]);
      c.elementAddress(out, i, 4);
      demote4(c, d, d2);
      c.v128Store();
    });
    c.get(count);
  },
});
