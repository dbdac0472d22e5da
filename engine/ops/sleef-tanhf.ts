/**
 * `tanh` of a float32 exactly as PyTorch 1.13.1 computes it on x86 with AVX2: ATen's
 * `Vectorized<float>::tanh` calls SLEEF 3.5.1's `Sleef_tanhf8_u10` (1-ulp accuracy), whose AVX2
 * build evaluates tanh(|x|) = (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ) in double-float arithmetic (a float32 pair
 * hi + lo) with fused multiply-adds. It differs from the correctly rounded tanh (the engine's
 * `tanh`: `fround(Math.tanh(x))`) in about 0.7% of inputs, which is enough to make the MLP run
 * leave PyTorch's (docs/mlp.md, "Why they drift").
 *
 * An opt-in building block: the engine's `tanh` does not call it. Every step below is one
 * float32 operation of SLEEF's vector code (`xtanhf`, `expk2f` and df.h's FMA variants), in the
 * same order; `fma32` is a single-rounding float32 fused multiply-add. Tested bit for bit against
 * PyTorch's `torch.tanh` (`spec/engine/sleef-tanhf.spec.ts`); the same algorithm in numpy,
 * checked against libsleef itself, is `sleef_tanhf` in `scripts/x86_float32_ops.py`.
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
