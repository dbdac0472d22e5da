/**
 * `log_f32`: log of `n` floats at `x` (n a multiple of 4) into `out`, following `logCore` in
 * fast/log-f32.ts operation by operation (the same double d), 4 lanes of integer work, then two
 * float64 pairs:
 *   tmp = ix − OFF;  k = tmp >> 23;  i = (tmp >>> 15) & 255;  z = float(ix − (tmp & 0xff800000))
 *   r = z·INVC[i] − 1;  r2 = r·r;  q = (−1/2 + r/3) + r2·((−1/4 + r/5) + r2·(−1/6 + r/7))
 *   d = k·ln2 + LOGC[i] + (r + r2·q)
 * (the bits give z = x / 2^k exactly, as the TypeScript's multiplication by 2^-k does). INVC[i]
 * and LOGC[i] are read as one 16-byte entry of the table at `LOG_TABLE` (written by the driver).
 * The result is fround(d) unless d·(1 − 2^-45) and d·(1 + 2^-45) round to different float32s, or
 * the input is not a positive normal float32 (zero, negative, subnormal, ±∞, NaN): then the
 * group of 4 is listed at `list` (its first element's index) for the driver to redo with
 * `Math.log`, exactly as `logF32Kernel` does element by element. Returns how many groups it
 * listed. Driver: `simdLogF32` in `math-f32.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { LOG_TABLES } from '../log-f32.js';
import { REGION } from '../scratch.js';
import { I32, type Local, SWAP_HALVES, V128 } from '../wasm-encoder.js';
import { LOWS, storeVouched } from './vouched-store.js';

/** Byte offset of the table (INVC[i], LOGC[i] at LOG_TABLE + 16·i): after exp's 64 doubles in the table region. */
export const LOG_TABLE = REGION.frac + 1024;

/** The high 8 bytes of two v128s (`i8x16.shuffle` lanes): lane 1 of each f64x2. */
const HIGHS = [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31];

export const logF32 = defineKernel({
  name: 'log_f32',
  params: { out: I32, x: I32, n: I32, list: I32 },
  results: [I32],
  locals: { i: I32, count: I32, v: V128, tmp: V128, k: V128, entry: V128, z: V128, r: V128, d: V128, d2: V128, bad: V128, r2: V128 },
  body: (c, { out, x, n, list, i, count, v, tmp, k, entry, z, r, d, d2, bad, r2 }) => {
    const { OFF, SHIFT, N, LN2, UP, DOWN } = LOG_TABLES;
    const constants: [string, number][] = [['ln2', LN2], ['one', 1], ['up', UP], ['down', DOWN],
      ['c2', -0.5], ['c3', 1 / 3], ['c4', -0.25], ['c5', 0.2], ['c6', -1 / 6], ['c7', 1 / 7]];
    const f64 = new Map<string, Local>(constants.map(([name]) => [name, c.local(name, V128)]));
    for (const [name, value] of constants) c.f64Const(value).f64x2Splat().set(f64.get(name)!);
    const splat = (name: string) => c.get(f64.get(name)!);
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
      c.get(t0).get(target).i8x16Shuffle(LOWS).f64x2Mul(); splat('one'); c.f64x2Sub().set(r);
      // k·ln2 + LOGC
      c.get(k);
      if (lane === 2) c.get(k).i8x16Shuffle(SWAP_HALVES);
      c.f64x2ConvertLowI32x4S(); splat('ln2'); c.f64x2Mul();
      c.get(t0).get(target).i8x16Shuffle(HIGHS).f64x2Add();
      // + (r + r2·q), q = (c2 + r·c3) + r2·((c4 + r·c5) + r2·(c6 + r·c7)) (Estrin's order, as the TypeScript)
      c.get(r).get(r).f64x2Mul().set(r2);
      c.get(r); splat('c3'); c.f64x2Mul(); splat('c2'); c.f64x2Add();
      c.get(r); splat('c5'); c.f64x2Mul(); splat('c4'); c.f64x2Add();
      c.get(r); splat('c7'); c.f64x2Mul(); splat('c6'); c.f64x2Add();
      c.get(r2).f64x2Mul().f64x2Add().get(r2).f64x2Mul().f64x2Add();
      c.get(r2).f64x2Mul().get(r).f64x2Add();
      c.f64x2Add().set(target);
    };
    c.i32Const(0).set(count);
    c.forRange(i, 0, n, 4, () => {
      c.elementAddress(x, i, 4).v128Load().tee(v);
      // bad (all bits set, per lane): not a positive normal float32 (ix − 0x00800000 ≥ 0x7f000000, unsigned)
      c.i32Const(0x00800000).i32x4Splat().i32x4Sub().i32Const(0x7f000000).i32x4Splat().i32x4GeU().set(bad);
      c.get(v).i32Const(OFF).i32x4Splat().i32x4Sub().tee(tmp).i32Const(23).i32x4ShrS().set(k);
      c.get(tmp).i32Const(SHIFT).i32x4ShrU().i32Const(N - 1).i32x4Splat().v128And().i32Const(4).i32x4Shl().set(entry);
      c.get(v).get(tmp).i32Const(0xff800000 | 0).i32x4Splat().v128And().i32x4Sub().set(z);
      pair(0, d);
      pair(2, d2);
      storeVouched(c, { d, d2, up: f64.get('up')!, down: f64.get('down')!, bad: bad, out, list, count, i });
    });
    c.get(count);
  },
});
