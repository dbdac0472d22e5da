/**
 * `exp_f32`: exp of `n` floats (n a multiple of 4), 4 per iteration as two float64 pairs,
 * following `expCore` in fast/exp-f32.ts operation by operation (the same operations in the same
 * order, so the same double d), rounded to float32:
 *   k = x·INV_STEP + ROUND − ROUND;  t = x − k·STEP_HI − k·STEP_LO;  ki = int(k)
 *   d = 2^(ki >> 6) · FRAC[ki & 63] · (1 + t(1 + t(1/2 + t(1/6 + t(1/24 + t/120)))))
 * 2^(ki >> 6) is built from its exponent bits (exact, as the table it replaces); FRAC is read
 * from the table at REGION.frac. A pair is listed at `list` (the index of its first element, for
 * the driver to redo with `expF32`) unless both inputs are in (−104, 88.7): NaN, infinities,
 * overflow and the deepest underflow. Returns how many pairs it listed. Driver: `simdExpF32` in
 * `elementwise.ts`.
 *
 * Inside that range `fround(d)` is `Math.fround(Math.exp(x))` for every float32 x: checked
 * exhaustively, all 2,240,020,480 float32 inputs in (−105, 89), 0 mismatches (the opt-in test
 * in spec/fast-paths/simd.spec.ts, `MAKEMORE_LONG_TESTS=1`). d is within about 2^-50 of e^x, and no
 * float32 input has e^x that close to a float32 rounding midpoint. (`expF32` in TypeScript tests
 * each result against its error bound instead, and falls back to `Math.exp` when unsure; the
 * kernel used to do the same, at a cost of a third of its time.) The computation is IEEE double
 * arithmetic without fused operations, so every WebAssembly engine gives the same d.
 */
import { defineKernel } from '../define-kernel.js';
import { EXP_TABLES } from '../exp-f32.js';
import { REGION } from '../scratch.js';
import { I32, type Local, SWAP_HALVES, V128 } from '../wasm-encoder.js';

export const expF32 = defineKernel({
  name: 'exp_f32',
  params: { out: I32, x: I32, n: I32, list: I32 },
  results: [I32],
  locals: { i: I32, count: I32, v: V128, x2: V128, k: V128, t: V128, ki: V128, d: V128, lo: V128, safe: V128, safe2: V128 },
  body: (c, { out, x, n, list, i, count, v, x2, k, t, ki, d, lo, safe, safe2 }) => {
    const { INV_STEP, STEP_HI, STEP_LO, ROUND } = EXP_TABLES;
    // every constant splatted into a v128 local once, before the loop
    const constants = [INV_STEP, ROUND, STEP_HI, STEP_LO, 1 / 120, 1 / 24, 1 / 6, 0.5, 1, -104, 88.7];
    const names = ['inv_step', 'round', 'step_hi', 'step_lo', 'c120', 'c24', 'c6', 'half', 'one', 'lowest', 'highest'];
    const local = new Map<number, Local>(constants.map((value, q) => [value, c.local(names[q], V128)]));
    for (const [value, l] of local) c.f64Const(value).f64x2Splat().set(l);
    const splat = (value: number) => c.get(local.get(value)!);
    /** d for the pair in x2 (left in d); pushes a mask with all bits set in the lanes that are safe. */
    const pair = () => {
      c.get(x2); splat(INV_STEP); c.f64x2Mul(); splat(ROUND); c.f64x2Add(); splat(ROUND); c.f64x2Sub().set(k);
      c.get(x2).get(k); splat(STEP_HI); c.f64x2Mul().f64x2Sub().get(k); splat(STEP_LO); c.f64x2Mul().f64x2Sub().set(t);
      c.get(k).i32x4TruncSatF64x2SZero().set(ki);
      // 2^(ki >> 6): exponent bits (ki >> 6) + 1023 shifted into place
      c.get(ki).i32Const(6).i32x4ShrS().i32Const(1023).i32x4Splat().i32x4Add().i64x2ExtendLowI32x4S().i32Const(52).i64x2Shl();
      // · FRAC[ki & 63], lane by lane
      c.get(ki).i32x4ExtractLane(0).i32Const(63).i32And().i32Const(3).i32Shl().f64Load(REGION.frac).f64x2Splat();
      c.get(ki).i32x4ExtractLane(1).i32Const(63).i32And().i32Const(3).i32Shl().f64Load(REGION.frac).f64x2ReplaceLane(1);
      c.f64x2Mul();
      // · the polynomial, innermost first (the same order as the TypeScript expression)
      c.get(t); splat(1 / 120); c.f64x2Mul(); splat(1 / 24); c.f64x2Add();
      c.get(t).f64x2Mul(); splat(1 / 6); c.f64x2Add();
      c.get(t).f64x2Mul(); splat(0.5); c.f64x2Add();
      c.get(t).f64x2Mul(); splat(1); c.f64x2Add();
      c.get(t).f64x2Mul(); splat(1); c.f64x2Add();
      c.f64x2Mul().set(d);
      // safe (all bits set, per lane): −104 < x < 88.7 (false for NaN); see the file comment
      c.get(x2); splat(-104); c.f64x2Gt().get(x2); splat(88.7); c.f64x2Lt().v128And();
    };
    /** List the pair starting at element `i + offset` unless the mask on the stack is all ones. */
    const listUnlessSafe = (offset: number) => {
      c.i64x2AllTrue().i32Eqz().ifThen(() => {
        c.elementAddress(list, count, 4).get(i).i32Const(offset).i32Add().i32Store();
        c.get(count).i32Const(1).i32Add().set(count);
      });
    };
    c.i32Const(0).set(i);
    c.i32Const(0).set(count);
    c.forRange(i, null, n, 4, () => { // from i = 0, set above with count
      c.elementAddress(x, i, 4).v128Load().tee(v).f64x2PromoteLowF32x4().set(x2);
      pair();
      c.set(safe);
      c.get(d).f32x4DemoteF64x2Zero().set(lo);
      // lanes 2, 3 moved down
      c.get(v).get(v).i8x16Shuffle(SWAP_HALVES).f64x2PromoteLowF32x4().set(x2);
      pair();
      c.set(safe2);
      // one test for the four lanes; the pairs one by one only when it fails
      c.get(safe).get(safe2).v128And().i64x2AllTrue().i32Eqz().ifThen(() => {
        c.get(safe);
        listUnlessSafe(0);
        c.get(safe2);
        listUnlessSafe(2);
      });
      c.elementAddress(out, i, 4);
      c.get(lo).get(d).f32x4DemoteF64x2Zero().i8x16Shuffle([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]);
      c.v128Store();
    });
    c.get(count);
  },
});
