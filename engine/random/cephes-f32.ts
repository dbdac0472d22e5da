/**
 * The float32 Cephes `log` and `sincos` of PyTorch's AVX2 `normal_fill` kernel
 * (`ATen/native/cpu/avx_mathfun.h`, `log256_ps` / `sincos256_ps`), one lane at a time, with the
 * exact FMA contraction pattern gcc produced for torch 1.13.1 (`torch-rng.md` §3.4).
 *
 * Every `+ - *` is rounded to float32 (`Math.fround`); the steps marked "fused" use
 * {@link fma32}. Inputs are float32 values.
 *
 * @module
 */
import { fma32 } from './fma32.js';

/** One float32 slot and its bits, for bit-level access without allocation. */
const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** float32 value from its bit pattern. */
function f32(bits: number): number {
  U32[0] = bits >>> 0;
  return F32[0];
}

// --- log constants -------------------------------------------------------------------------
const MIN_NORM_POS = f32(0x00800000); // 2^-126
const SQRTHF = f32(0x3f3504f3);
const LOG_P0 = f32(0x3d9021bb);
const LOG_P1 = f32(0xbdebd1b8);
const LOG_P2 = f32(0x3def251a);
const LOG_P3 = f32(0xbdfe5d4f);
const LOG_P4 = f32(0x3e11e9bf);
const LOG_P5 = f32(0xbe2aae50);
const LOG_P6 = f32(0x3e4cceac);
const LOG_P7 = f32(0xbe7ffffc);
const LOG_P8 = f32(0x3eaaaaaa);
const LOG_Q1 = f32(0xb95e8083);
const LOG_Q2 = f32(0x3f318000); // 0.693359375

// --- sincos constants ----------------------------------------------------------------------
const FOPI = f32(0x3fa2f983); // 4/pi
const MINUS_DP1 = f32(0xbf490000);
const MINUS_DP2 = f32(0xb97da000);
const MINUS_DP3 = f32(0xb3222169);
const SIN_P0 = f32(0xb94ca1f9);
const SIN_P1 = f32(0x3c08839e);
const SIN_P2 = f32(0xbe2aaaa3);
const COS_P0 = f32(0x37ccf5ce);
const COS_P1 = f32(0xbab6061a);
const COS_P2 = f32(0x3d2aaaa5);

/**
 * Cephes float32 natural log, as `log256_ps` computes one lane.
 *
 * @param xIn - a float32 value.
 * @returns the float32 result: NaN for `x <= 0`; NaN input is treated as 2^-126 (like the SIMD
 *   `max`), denormals are flushed up to 2^-126.
 */
export function cephesLogF32(xIn: number): number {
  const invalid = xIn <= 0;
  // _mm256_max_ps(x, min): returns the second operand when x is NaN or not greater.
  let x = xIn > MIN_NORM_POS ? xIn : MIN_NORM_POS;
  F32[0] = x;
  const bits = U32[0];
  let e = Math.fround(((bits >>> 23) - 127) + 1); // exact small integer
  U32[0] = (bits & ~0x7f800000) | 0x3f000000;
  x = F32[0]; // in [0.5, 1) for positive inputs
  if (x < SQRTHF) {
    e = e - 1;
    x = x - 1 + x; // exact
  } else {
    x = x - 1; // exact
  }
  const z = Math.fround(x * x);
  let y = LOG_P0;
  y = fma32(y, x, LOG_P1);
  y = fma32(y, x, LOG_P2);
  y = fma32(y, x, LOG_P3);
  y = fma32(y, x, LOG_P4);
  y = fma32(y, x, LOG_P5);
  y = fma32(y, x, LOG_P6);
  y = fma32(y, x, LOG_P7);
  y = fma32(y, x, LOG_P8);
  y = Math.fround(y * x);
  // gcc fuses y*z with the add; e*q1 stays separately rounded.
  y = fma32(y, z, Math.fround(e * LOG_Q1));
  y = Math.fround(y - z * 0.5); // z*0.5 is exact
  x = Math.fround(x + y);
  x = Math.fround(x + e * LOG_Q2); // e*q2 is exact
  return invalid ? NaN : x;
}

/**
 * Cephes float32 sine and cosine of one lane, as `sincos256_ps` computes them.
 *
 * Writes `out[0] = sin(x)` and `out[1] = cos(x)` (float32 values) so the hot loop allocates
 * nothing.
 *
 * @param xIn - a float32 value (the normal kernel passes `theta` in [0, 2*pi)).
 * @param out - receives `[sin, cos]`.
 */
export function cephesSinCosF32(xIn: number, out: Float64Array | Float32Array | number[]): void {
  const signSin = xIn < 0 || Object.is(xIn, -0);
  let x = Math.abs(xIn);
  // cvttps: truncate toward zero; out-of-range and NaN give INT_MIN.
  const yScaled = Math.fround(x * FOPI);
  let j = yScaled < 2147483648 ? Math.trunc(yScaled) | 0 : -2147483648;
  j = (j + 1) & ~1;
  const y = Math.fround(j); // cvtepi32_ps
  const swapSin = (j & 4) !== 0;
  const sinPoly = (j & 2) === 0;
  const cosNeg = (~(j - 2) & 4) !== 0;
  // "Extended precision modular arithmetic", gcc-fused.
  x = fma32(y, MINUS_DP1, x);
  x = fma32(y, MINUS_DP2, x);
  x = fma32(y, MINUS_DP3, x);
  const z = Math.fround(x * x);
  // Cosine polynomial.
  let yc = fma32(fma32(COS_P0, z, COS_P1), z, COS_P2);
  yc = Math.fround(yc * z);
  yc = fma32(yc, z, -(z * 0.5)); // z*0.5 is exact
  yc = Math.fround(yc + 1);
  // Sine polynomial.
  let ys = fma32(fma32(SIN_P0, z, SIN_P1), z, SIN_P2);
  ys = Math.fround(ys * z);
  ys = fma32(ys, x, x);
  // Mask select: the SIMD code adds an exact +0 to both results, which turns -0 into +0.
  let s: number;
  let c: number;
  if (sinPoly) {
    s = ys + 0;
    c = yc + 0;
  } else {
    s = yc + 0;
    c = ys + 0;
  }
  if (signSin !== swapSin) s = -s;
  if (cosNeg) c = -c;
  out[0] = s;
  out[1] = c;
}
