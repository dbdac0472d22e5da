/**
 * A fast `log` for float32 inputs that gives exactly `Math.fround(Math.log(x))`, bit for bit.
 *
 * `Math.log` is a call into V8's C library (about 15 ns an element). Here, in double arithmetic
 * the JIT keeps in registers, for a positive normal float32 x (musl's `logf` reduction, in double):
 *
 *   x = 2^k · z,  z in [0.699, 1.398)                 (from the bits: no rounding)
 *   z = c · (1 + r),  1/c = INVC[i] a float32 close to 1/z, |r| < 2^-8   (r = z·INVC[i] − 1 exact)
 *   log x = k·ln2 + LOGC[i] + log1p(r),  LOGC[i] = −log(INVC[i])
 *
 * with i the 8 bits of x below the reduction's top, and log1p(r) its Taylor series to r^7. The
 * two table entries next to 1 have INVC = 1 and LOGC = 0, so for x near 1 the result is the
 * series alone (no cancellation): the double result `d` is within about 2^-51 (relative) of
 * log x everywhere, and so is `Math.log(x)`. Both round to the same float32 unless log x sits
 * that close to a rounding boundary; that is tested directly, as in `exp-f32.ts`: if
 * `d·(1 − 2^-45)` and `d·(1 + 2^-45)` round to the same float32, every value in between does
 * too, so `Math.log(x)` does; otherwise (about one input in a million) `Math.log(x)` itself is
 * used. Zero, negative and non-finite inputs, NaN and subnormals also take `Math.log`.
 *
 * Checked exhaustively: every float32 bit pattern gives `Math.fround(Math.log(x))` (the opt-in
 * test in spec/fast-paths/math-f32.spec.ts, `MAKEMORE_LONG_TESTS=1`).
 */

/** Bits of 0.69921875: z = x / 2^k lies in [OFF, 2·OFF) (bit patterns OFF … OFF + 2^23). */
const OFF = 0x3f330000;
/** log2 of the table size: the table splits [OFF, 2·OFF) into 256 runs of 2^15 float32s. */
const TABLE_BITS = 8;
const SHIFT = 23 - TABLE_BITS;
const N = 1 << TABLE_BITS;
const LN2 = Math.LN2;
const UP = 1 + 2 ** -45;
const DOWN = 1 - 2 ** -45;
const fround = Math.fround;

const bits = new Int32Array(1);
const asFloat = new Float32Array(bits.buffer);
/** The float32 with bit pattern `b`. */
function floatOfBits(b: number): number {
  bits[0] = b;
  return asFloat[0];
}

/** 1/c for run i: a float32 (so that z·INVC[i] is exact in double), 1 for the two runs that touch 1. */
const INVC = new Float64Array(N);
/** −log(INVC[i]) (0 where INVC[i] = 1). */
const LOGC = new Float64Array(N);
for (let i = 0; i < N; i++) {
  const lo = floatOfBits(OFF + (i << SHIFT)), hi = floatOfBits(OFF + ((i + 1) << SHIFT));
  INVC[i] = lo === 1 || hi === 1 ? 1 : fround(2 / (lo + hi));
  LOGC[i] = -Math.log(INVC[i]);
}

/** 2^-k for k = -126 … 128 (the k of every normal float32), at index k + 126. */
const SCALE = new Float64Array(255).map((_, j) => 2 ** -(j - 126));

/** The constants and tables, for the WebAssembly version of this kernel. */
export const LOG_TABLES = { OFF, SHIFT, N, LN2, UP, DOWN, INVC, LOGC } as const;

/**
 * log x in double for a positive normal float32 x with bit pattern `ix`, within about 2^-51
 * (relative) of the true value.
 */
export function logCore(x: number, ix: number): number {
  const tmp = ix - OFF;
  const k = tmp >> 23; // arithmetic: negative below OFF
  const i = (tmp >>> SHIFT) & (N - 1);
  const z = x * SCALE[k + 126]; // exact: a power of two
  const r = z * INVC[i] - 1; // exact: z and INVC[i] have 24 bits each, and the product is near 1
  // log1p(r) = r + r²·q, q = −1/2 + r/3 − r²/4 + r³/5 − r⁴/6 + r⁵/7 in Estrin's order (pairs first:
  // a shorter chain of dependent operations than Horner's, for the SIMD kernel)
  const r2 = r * r;
  const q = (-0.5 + r * (1 / 3)) + r2 * ((-0.25 + r * 0.2) + r2 * (-1 / 6 + r * (1 / 7)));
  return k * LN2 + LOGC[i] + (r + r2 * q);
}

/** `Math.fround(Math.log(x))` for a float32 `x` with bit pattern `ix` (see the file comment). */
export function logF32Bits(x: number, ix: number): number {
  if (ix >= 0x00800000 && ix < 0x7f800000) {
    const d = logCore(x, ix);
    if (fround(d * UP) === fround(d * DOWN)) return fround(d);
  }
  return fround(Math.log(x));
}

/**
 * `out[o + i] = fround(log(x[xi + i·xs]))` for i < n, `x` a Float32Array (a UnaryKernel for
 * float32 inputs and results).
 */
export function logF32Kernel(out: { [i: number]: number }, o: number, x: ArrayLike<number>, xi: number, xs: number, n: number): void {
  const xf = x as Float32Array;
  const xb = new Int32Array(xf.buffer, xf.byteOffset, xf.length);
  for (let i = 0; i < n; i++, xi += xs) {
    const ix = xb[xi];
    const v = xf[xi];
    let r: number;
    if (ix >= 0x00800000 && ix < 0x7f800000) {
      const d = logCore(v, ix);
      r = fround(d * UP) === fround(d * DOWN) ? d : Math.log(v);
    } else r = Math.log(v);
    out[o + i] = r; // the float32 store rounds
  }
}
