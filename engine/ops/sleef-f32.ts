/**
 * `tanh`, `exp` and `log` of a float32 exactly as PyTorch 1.13.1 computes them on x86 with AVX2:
 * ATen's `Vectorized<float>` calls SLEEF 3.5.1's `Sleef_tanhf8_u10`, `Sleef_expf8_u10` and
 * `Sleef_logf8_u10` (1-ulp accuracy; `exp` and `log` also inside `log_softmax` and its
 * backward). The AVX2 build computes with fused multiply-adds, tanh and log partly in
 * double-float arithmetic (a float32 pair hi + lo). They differ from the correctly rounded
 * functions (the engine's `fround(Math.tanh(x))` etc.) in a fraction of inputs (tanh: about
 * 0.7%), which is enough to make the MLP run leave PyTorch's (docs/mlp.md, "Why they drift").
 *
 * Opt-in building blocks: the engine's `tanh`, `exp` and `log` do not call them. Every step
 * below is one float32 operation of SLEEF's vector code (`xtanhf` with `expk2f`, `xexpf`,
 * `xlogf_u1`, and df.h's FMA variants), in the same order; `fma32` is a single-rounding float32
 * fused multiply-add. Tested bit for bit against PyTorch's `torch.tanh`, `torch.exp` and
 * `torch.log` (`spec/engine/sleef-f32.spec.ts`); the same algorithms in numpy, checked against
 * libsleef itself on millions of inputs, are `sleef_tanhf`, `sleef_expf` and `sleef_logf` in
 * `scripts/x86_float32_ops.py`.
 *
 * @module
 */
import { fma32 } from '../random/fma32.js';

const f = Math.fround;
/** A double-float: the unevaluated sum hi + lo of two float32 values. */
type DF = readonly [hi: number, lo: number];

const R_LN2F = f(1.442695040888963407359924681001892137426645954152985934135449406931);
const L2UF = f(0.693145751953125);
const L2LF = f(1.428606765330187045e-06);

/** x·y − z, rounded once. */
const fmapn = (x: number, y: number, z: number) => fma32(x, y, -z);
/** −x·y + z, rounded once. */
const fmanp = (x: number, y: number, z: number) => fma32(-x, y, z);

/** Round to the nearest integer, ties to even (`_mm256_cvtps_epi32`). */
function rintEven(u: number): number {
  const r = Math.round(u); // ties toward +∞
  return r - u === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// df.h (ENABLE_FMA_SP), one function per SLEEF helper; the names say the operand kinds
function add2DfF(x: DF, y: number): DF {
  const hi = f(x[0] + y), v = f(hi - x[0]);
  return [hi, f(f(f(x[0] - f(hi - v)) + f(y - v)) + x[1])];
}
function add2DfDf(x: DF, y: DF): DF {
  const hi = f(x[0] + y[0]), v = f(hi - x[0]);
  return [hi, f(f(f(x[0] - f(hi - v)) + f(y[0] - v)) + f(x[1] + y[1]))];
}
function addFDf(x: number, y: DF): DF {
  const hi = f(x + y[0]);
  return [hi, f(f(f(x - hi) + y[0]) + y[1])];
}
function addDfDf(x: DF, y: DF): DF {
  const hi = f(x[0] + y[0]);
  return [hi, f(f(f(f(x[0] - hi) + y[0]) + x[1]) + y[1])];
}
function mulDfF(x: DF, y: number): DF {
  const hi = f(x[0] * y);
  return [hi, fma32(x[1], y, fmapn(x[0], y, hi))];
}
function mulDfDf(x: DF, y: DF): DF {
  const hi = f(x[0] * y[0]);
  return [hi, fma32(x[0], y[1], fma32(x[1], y[0], fmapn(x[0], y[0], hi)))];
}
function squDf(x: DF): DF {
  const hi = f(x[0] * x[0]);
  return [hi, fma32(f(x[0] + x[0]), x[1], fmapn(x[0], x[0], hi))];
}
function recDf(d: DF): DF {
  const hi = f(1 / d[0]);
  return [hi, f(hi * fmanp(d[1], hi, fmanp(d[0], hi, 1)))];
}
function divDf(n: DF, d: DF): DF {
  const t = f(1 / d[0]);
  const hi = f(n[0] * t);
  const u = fmapn(t, n[0], hi);
  const lo = fmanp(d[1], t, fmanp(d[0], t, 1));
  return [hi, fma32(hi, lo, fma32(n[1], t, u))];
}
function add2FF(x: number, y: number): DF {
  const hi = f(x + y), v = f(hi - x);
  return [hi, f(f(x - f(hi - v)) + f(y - v))];
}
function addDfF(x: DF, y: number): DF {
  const hi = f(x[0] + y);
  return [hi, f(f(f(x[0] - hi) + y) + x[1])];
}
/** d · 2^e in two exact steps (`vldexp2_vf_vf_vi2`). */
function ldexp2(d: number, e: number): number {
  const h = e >> 1;
  return f(f(d * 2 ** h) * 2 ** (e - h));
}

/** e^d for a double-float d (SLEEF's `expk2f`). */
function expk2f(d: DF): DF {
  const q = rintEven(f(f(d[0] + d[1]) * R_LN2F));
  let s = add2DfF(d, f(q * -L2UF));
  s = add2DfF(s, f(q * -L2LF));
  let u = f(0.1980960224e-3);
  u = fma32(u, s[0], f(0.1394256484e-2));
  u = fma32(u, s[0], f(0.8333456703e-2));
  u = fma32(u, s[0], f(0.4166637361e-1));
  let t = add2DfF(mulDfF(s, u), f(0.166666659414234244790680580464));
  t = add2DfF(mulDfDf(s, t), 0.5);
  t = add2DfDf(s, mulDfDf(squDf(s), t));
  t = addFDf(1, t);
  if (d[0] < -104) return [0, 0];
  return [ldexp2(t[0], q), ldexp2(t[1], q)];
}

/**
 * tanh of a float32 value with PyTorch 1.13.1's x86 (AVX2) bits: SLEEF 3.5.1's `Sleef_tanhf8_u10`.
 *
 * @param x - a float32 value (a double that is exactly representable in float32).
 * @returns the float32 result as a number (±1 beyond |x| > 8.664339742, NaN for NaN, −0 for −0).
 * @example sleefTanhF32(Math.fround(0.5)) // 0.46211716532707214 (float32)
 */
export function sleefTanhF32(x: number): number {
  if (x !== x) return NaN;
  const ax = Math.abs(x);
  let y: number;
  if (ax > f(8.664339742)) y = 1;
  else {
    const d = expk2f([ax, 0]);
    const e = recDf(d);
    const q = divDf(addDfDf(d, [-e[0], -e[1]]), addDfDf(d, e));
    y = f(q[0] + q[1]);
  }
  return x < 0 || Object.is(x, -0) ? -y : y;
}

/**
 * eˣ of a float32 value with PyTorch 1.13.1's x86 (AVX2) bits: SLEEF 3.5.1's `Sleef_expf8_u10`.
 *
 * @param d - a float32 value.
 * @returns the float32 result as a number (0 below −104, +∞ above 100, NaN for NaN).
 * @example sleefExpF32(1) // 2.7182817459106445 (float32)
 */
export function sleefExpF32(d: number): number {
  if (d !== d) return NaN;
  const q = rintEven(f(d * R_LN2F));
  let s = fma32(q, -L2UF, d);
  s = fma32(q, -L2LF, s);
  let u = f(0.000198527617612853646278381);
  u = fma32(u, s, f(0.00139304355252534151077271));
  u = fma32(u, s, f(0.00833336077630519866943359));
  u = fma32(u, s, f(0.0416664853692054748535156));
  u = fma32(u, s, f(0.166666671633720397949219));
  u = fma32(u, s, 0.5);
  u = f(1 + fma32(f(s * s), u, s));
  if (d < -104) return 0;
  if (d > 100) return Infinity;
  return ldexp2(u, q);
}

const FLT_MIN = 1.1754943508222875e-38;
const F32 = new Float32Array(1);
const I32 = new Int32Array(F32.buffer);

/**
 * The natural log of a float32 value with PyTorch 1.13.1's x86 (AVX2) bits: SLEEF 3.5.1's
 * `Sleef_logf8_u10` (`xlogf_u1`).
 *
 * @param x - a float32 value.
 * @returns the float32 result as a number (−∞ for ±0, NaN below 0 and for NaN, +∞ for +∞).
 * @example sleefLogF32(2) // 0.6931471824645996 (float32)
 */
export function sleefLogF32(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  const tiny = x < FLT_MIN;
  const d = tiny ? f(x * 2 ** 64) : x;
  F32[0] = f(d * f(1 / 0.75));
  let e = ((I32[0] >> 23) & 0xff) - 0x7f; // vilogb2k
  F32[0] = d;
  I32[0] += -e << 23; // vldexp3: m = d · 2^−e, on the exponent field
  const m = F32[0];
  if (tiny) e -= 64;
  const sHi = f(f(0.69314718246459960938) * e);
  let s: DF = [sHi, fma32(f(-1.904654323148236017e-9), e, fmapn(f(0.69314718246459960938), e, sHi))];
  const q = divDf(add2FF(-1, m), add2FF(1, m));
  const x2 = f(q[0] * q[0]);
  let t = f(0.3027294874);
  t = fma32(t, x2, f(0.3996108174));
  t = fma32(t, x2, f(0.6666694880));
  s = addDfDf(s, [f(q[0] * 2), f(q[1] * 2)]);
  s = addDfF(s, f(f(x2 * q[0]) * t));
  return f(s[0] + s[1]);
}
