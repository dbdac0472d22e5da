/**
 * A fast `tanh` for float32 results that gives exactly `Math.fround(Math.tanh(x))`, bit for bit.
 *
 * `Math.tanh` is a call into V8's C library (fdlibm's tanh). Here, in double arithmetic, with
 * a = min(|x|, 20) (beyond 20, tanh is 1 in double; float32 rounds it to 1 from |x| ≈ 9.01 on):
 *
 *   tanh a = m / (m + 2),   m = e^(2a) − 1
 *
 * and m from exp's reduction (`exp-f32.ts`): 2a = k·(ln2/64) + t, |t| ≤ ln2/128, s = 2^(k/64)
 * from its tables, m = s·q + (s − 1) with q = e^t − 1 = t(1 + t(1/2 + t(1/6 + … + t/720))).
 * Computing e^t − 1 and s − 1 (exact: s is in [1, 2) or a power of two times it) instead of
 * subtracting 1 from e^(2a) keeps m accurate for small a too (for |x| < ln2/256, k = 0, s = 1 and
 * m = q): no cancellation, no separate series. The sign is x's, also for −0. The double result
 * `d` is within about 2^-50 (relative) of tanh x, and so is `Math.tanh(x)`; as in `exp-f32.ts`,
 * when `d·(1 − 2^-44)` and `d·(1 + 2^-44)` round to the same float32 every value in between
 * does, so `Math.tanh(x)` does; otherwise (about one input in a million) `Math.tanh(x)` itself
 * is used, and for NaN.
 *
 * Checked exhaustively: every float32 bit pattern gives `Math.fround(Math.tanh(x))` (the opt-in
 * test in spec/fast-paths/math-f32.spec.ts, `MAKEMORE_LONG_TESTS=1`).
 */
import { EXP_TABLES } from './exp-f32.js';

const { INV_STEP, STEP_HI, STEP_LO, ROUND, FRAC } = EXP_TABLES;
/** e^(2·20) + 1 rounds to e^(2·20) in double: tanh is exactly 1 from here on. */
const BIG = 20;
/** 2^j for j = 0 … 63 (2a/ln2 < 58). */
const POW2 = new Float64Array(64).map((_, j) => 2 ** j);
const UP = 1 + 2 ** -44;
const DOWN = 1 - 2 ** -44;
const fround = Math.fround;

/** The constants, for the WebAssembly version of this kernel. */
export const TANH_CONSTANTS = { BIG, UP, DOWN } as const;

/** tanh x in double, within about 2^-50 (relative) of the true value; NaN for NaN. */
export function tanhCore(x: number): number {
  const y = 2 * Math.min(Math.abs(x), BIG);
  const k = y * INV_STEP + ROUND - ROUND;
  const t = y - k * STEP_HI - k * STEP_LO;
  const ki = k | 0;
  const s = POW2[ki >> 6] * FRAC[ki & 63];
  const q = t * (1 + t * (0.5 + t * (1 / 6 + t * (1 / 24 + t * (1 / 120 + t * (1 / 720))))));
  const m = s * q + (s - 1);
  const r = m / (m + 2);
  return r === 0 ? x : x < 0 ? -r : r; // r = 0 only for x = ±0
}

/** `Math.fround(Math.tanh(x))`, fast (see the file comment). */
export function tanhF32(x: number): number {
  const d = tanhCore(x);
  return fround(d * UP) === fround(d * DOWN) ? fround(d) : fround(Math.tanh(x));
}

/** `out[o + i] = fround(tanh(x[xi + i·xs]))` for i < n (a UnaryKernel for float32 results). */
export function tanhF32Kernel(out: { [i: number]: number }, o: number, x: ArrayLike<number>, xi: number, xs: number, n: number): void {
  for (let i = 0; i < n; i++, xi += xs) {
    const v = x[xi];
    const d = tanhCore(v);
    out[o + i] = fround(d * UP) === fround(d * DOWN) ? d : Math.tanh(v); // the float32 store rounds
  }
}
