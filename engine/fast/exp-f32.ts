/**
 * A fast `exp` for float32 results that gives exactly `Math.fround(Math.exp(x))`, bit for bit.
 *
 * `Math.exp` is a call into V8's C library (about 10–15 ns an element); the lecture's forward
 * pass takes 6 million of them per step. Here, in plain arithmetic the JIT keeps in registers:
 *
 *   x = k·(ln2/64) + t,  |t| ≤ ln2/128          (k = x·64/ln2 rounded to an integer)
 *   e^x = 2^(k>>6) · 2^((k&63)/64) · e^t         (two table lookups and a degree-5 polynomial)
 *
 * The double result `d` is within about 6e-16 (relative) of the true value, and so is
 * `Math.exp(x)`. A float32 result only keeps 24 bits, so `d` and `Math.exp(x)` round to the same
 * float32 unless the value sits within that distance of a rounding boundary. That is tested
 * directly: if `d·(1 − 2^-48)` and `d·(1 + 2^-48)` round to the same float32, every value in
 * between does too (rounding is monotonic), so `Math.exp(x)` does; otherwise (about one input in
 * ten million) `Math.exp(x)` itself is used. Out-of-range inputs, NaN and ±Infinity also take
 * `Math.exp`. spec/fast-paths/fast-paths.spec.ts ("exp for float32") checks the agreement on random
 * and edge inputs.
 */

const LN2 = Math.LN2;
/** 64/ln2: x·INV_STEP is x in units of ln2/64. */
const INV_STEP = 64 / LN2;
/** ln2/64 split in two (Cody–Waite): STEP_HI has few bits, so k·STEP_HI is exact for |k| < 2^13. */
const STEP_HI = Math.round((LN2 / 64) * 2 ** 40) / 2 ** 40;
/** The rest of ln2/64, including the part of ln2 (2.319e-17) the double `Math.LN2` lacks. */
const STEP_LO = (LN2 - 64 * STEP_HI + 2.3190468138462996e-17) / 64;
/** 2^(j/64), j = 0 … 63. */
const FRAC = new Float64Array(64).map((_, j) => 2 ** (j / 64));
/** 2^m for m = -200 … 199, at index m + 200. */
const POW2 = new Float64Array(400).map((_, i) => 2 ** (i - 200));
/** Adding and subtracting 1.5·2^52 rounds a double to an integer (faster than Math.round). */
const ROUND = 6755399441055744;
const UP = 1 + 2 ** -48;
const DOWN = 1 - 2 ** -48;
const fround = Math.fround;

/** The constants and the 2^(j/64) table, for the WebAssembly version of this kernel (kernels.ts). */
export const EXP_TABLES = { INV_STEP, STEP_HI, STEP_LO, ROUND, UP, DOWN, FRAC } as const;

/** e^x in double, accurate to about 6e-16 relative, for -104 < x < 89. */
function expCore(x: number): number {
  const k = x * INV_STEP + ROUND - ROUND;
  const t = x - k * STEP_HI - k * STEP_LO;
  const ki = k | 0;
  const p = 1 + t * (1 + t * (0.5 + t * (1 / 6 + t * (1 / 24 + t * (1 / 120)))));
  return POW2[(ki >> 6) + 200] * FRAC[ki & 63] * p;
}

/** `Math.fround(Math.exp(x))`, fast (see the file comment). */
export function expF32(x: number): number {
  if (x > -104 && x < 88.7) {
    const d = expCore(x);
    if (fround(d * UP) === fround(d * DOWN)) return fround(d);
  }
  return fround(Math.exp(x));
}

/** `out[o + i] = fround(exp(x[xi + i·xs]))` for i < n (a UnaryKernel for float32 results). */
export function expF32Kernel(out: { [i: number]: number }, o: number, x: ArrayLike<number>, xi: number, xs: number, n: number): void {
  for (let i = 0; i < n; i++, xi += xs) {
    const v = x[xi];
    let r: number;
    if (v > -104 && v < 88.7) {
      const d = expCore(v);
      r = fround(d * UP) === fround(d * DOWN) ? d : Math.exp(v);
    } else r = Math.exp(v);
    out[o + i] = r; // the float32 store rounds
  }
}
