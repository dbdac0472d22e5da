/**
 * A fast `tanh` for float32 results that gives exactly `Math.fround(Math.tanh(x))`, bit for bit.
 *
 * `Math.tanh` is a call into V8's C library (fdlibm's tanh). Here, in double arithmetic:
 *
 *   |x| < 1/8:   tanh x = x·(1 + x²·P(x²)), P its Taylor series to x^14 (the next term is below
 *                2^-58 of the result)
 *   otherwise:   tanh |x| = (E − 1)/(E + 1),  E = e^(2·min(|x|, 20)) from `expCore` (exp-f32.ts)
 *
 * (beyond |x| = 20, tanh is 1 in double; float32 rounds it to 1 from |x| ≈ 9.01 on). The sign is
 * x's, also for −0. The double result `d` is within about 2^-48 (relative) of tanh x, and so is
 * `Math.tanh(x)`; as in `exp-f32.ts`, when `d·(1 − 2^-45)` and `d·(1 + 2^-45)` round to the same
 * float32 every value in between does, so `Math.tanh(x)` does; otherwise (a few inputs in a
 * million) `Math.tanh(x)` itself is used, and for NaN.
 *
 * Checked exhaustively: every float32 bit pattern gives `Math.fround(Math.tanh(x))` (the opt-in
 * test in spec/fast-paths/math-f32.spec.ts, `MAKEMORE_LONG_TESTS=1`).
 */
import { expCore } from './exp-f32.js';

/** Below this |x| the series is used. */
const SMALL = 0.125;
/** e^(2·20) + 1 rounds to e^(2·20) in double: tanh is exactly 1 from here on. */
const BIG = 20;
/** The Taylor coefficients of tanh x / x − 1 in powers of x², from x² to x^14. */
const C = [-1 / 3, 2 / 15, -17 / 315, 62 / 2835, -1382 / 155925, 21844 / 6081075, -929569 / 638512875] as const;
const [C1, C2, C3, C4, C5, C6, C7] = C;
const UP = 1 + 2 ** -45;
const DOWN = 1 - 2 ** -45;
const fround = Math.fround;

/** The constants, for the WebAssembly version of this kernel. */
export const TANH_CONSTANTS = { SMALL, BIG, C, UP, DOWN } as const;

/** tanh x in double, within about 2^-48 (relative) of the true value; NaN for NaN. */
export function tanhCore(x: number): number {
  const a = Math.abs(x);
  if (a < SMALL) {
    const s = x * x;
    return x * (1 + s * (C1 + s * (C2 + s * (C3 + s * (C4 + s * (C5 + s * (C6 + s * C7)))))));
  }
  const e = expCore(2 * Math.min(a, BIG));
  const t = (e - 1) / (e + 1);
  return x < 0 ? -t : t;
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
