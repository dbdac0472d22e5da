/**
 * `tanh_f32`: tanh of `n` floats at `x` (n a multiple of 4) into `out`, following `tanhCore` in
 * fast/tanh-f32.ts operation by operation (the same double d), as two float64 pairs per 4 lanes:
 *   y = 2·min(|x|, 20);  k = y·INV_STEP + ROUND − ROUND;  t = y − k·STEP_HI − k·STEP_LO
 *   s = 2^(ki >> 6) · FRAC[ki & 63];  q = t(1 + t(1/2 + t(1/6 + t(1/24 + t(1/120 + t/720)))))
 *   m = s·q + (s − 1);  d = m / (m + 2), with x's sign bit (−0 stays −0)
 * exp's reduction as in the `exp_f32` kernel (2^(ki >> 6) from its exponent bits, the 2^(j/64)
 * table at REGION.frac). The result is fround(d) unless d·(1 − 2^-44) and d·(1 + 2^-44) round
 * to different float32s (and for NaN): then the group of 4 is listed at `list` (its first
 * element's index) for the driver to redo with `Math.tanh`, exactly as `tanhF32Kernel` does
 * element by element. Returns how many groups it listed. Driver: `simdTanhF32` in `math-f32.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { EXP_TABLES } from '../exp-f32.js';
import { TANH_CONSTANTS } from '../tanh-f32.js';
import { REGION } from '../scratch.js';
import { I32, type Local, SWAP_HALVES, V128 } from '../wasm-encoder.js';
import { storeVouched } from './vouched-store.js';

export const tanhF32 = defineKernel({
  name: 'tanh_f32',
  params: { out: I32, x: I32, n: I32, list: I32 },
  results: [I32],
  locals: { i: I32, count: I32, v: V128, x2: V128, y: V128, k: V128, t: V128, ki: V128, s: V128, m: V128, d: V128, d2: V128 },
  body: (c, { out, x, n, list, i, count, v, x2, y, k, t, ki, s, m, d, d2 }) => {
    const { INV_STEP, STEP_HI, STEP_LO, ROUND } = EXP_TABLES;
    const { BIG, UP, DOWN } = TANH_CONSTANTS;
    const constants: [string, number][] = [['inv_step', INV_STEP], ['round', ROUND], ['step_hi', STEP_HI], ['step_lo', STEP_LO],
      ['c720', 1 / 720], ['c120', 1 / 120], ['c24', 1 / 24], ['c6', 1 / 6], ['half', 0.5], ['one', 1], ['two', 2], ['big', BIG],
      ['sign', -0], ['up', UP], ['down', DOWN]];
    const f64 = new Map<string, Local>(constants.map(([name]) => [name, c.local(name, V128)]));
    for (const [name, value] of constants) c.f64Const(value).f64x2Splat().set(f64.get(name)!);
    const splat = (name: string) => c.get(f64.get(name)!);
    /** d of the pair in x2, into `target`. */
    const pair = (target: Local) => {
      c.get(x2).f64x2Abs(); splat('big'); c.f64x2Min(); splat('two'); c.f64x2Mul().set(y);
      c.get(y); splat('inv_step'); c.f64x2Mul(); splat('round'); c.f64x2Add(); splat('round'); c.f64x2Sub().set(k);
      c.get(y).get(k); splat('step_hi'); c.f64x2Mul().f64x2Sub().get(k); splat('step_lo'); c.f64x2Mul().f64x2Sub().set(t);
      c.get(k).i32x4TruncSatF64x2SZero().set(ki);
      // s = 2^(ki >> 6) (its exponent bits) · FRAC[ki & 63] (lane by lane)
      c.get(ki).i32Const(6).i32x4ShrS().i32Const(1023).i32x4Splat().i32x4Add().i64x2ExtendLowI32x4S().i32Const(52).i64x2Shl();
      c.get(ki).i32x4ExtractLane(0).i32Const(63).i32And().i32Const(3).i32Shl().f64Load(REGION.frac).f64x2Splat();
      c.get(ki).i32x4ExtractLane(1).i32Const(63).i32And().i32Const(3).i32Shl().f64Load(REGION.frac).f64x2ReplaceLane(1);
      c.f64x2Mul().set(s);
      // q = e^t − 1, innermost first (the same order as the TypeScript expression)
      c.get(t); splat('c720'); c.f64x2Mul(); splat('c120'); c.f64x2Add();
      for (const name of ['c24', 'c6', 'half', 'one']) {
        c.get(t).f64x2Mul(); splat(name); c.f64x2Add();
      }
      c.get(t).f64x2Mul();
      // m = s·q + (s − 1);  d = m / (m + 2), then x's sign bit
      c.get(s).f64x2Mul().get(s); splat('one'); c.f64x2Sub().f64x2Add().tee(m);
      c.get(m); splat('two'); c.f64x2Add().f64x2Div();
      c.get(x2); splat('sign'); c.v128And().v128Or().set(target);
    };
    c.i32Const(0).set(count);
    c.forRange(i, 0, n, 4, () => {
      c.elementAddress(x, i, 4).v128Load().tee(v).f64x2PromoteLowF32x4().set(x2);
      pair(d);
      c.get(v).get(v).i8x16Shuffle(SWAP_HALVES).f64x2PromoteLowF32x4().set(x2);
      pair(d2);
      storeVouched(c, { d, d2, up: f64.get('up')!, down: f64.get('down')!, bad: null, out, list, count, i });
    });
    c.get(count);
  },
});
