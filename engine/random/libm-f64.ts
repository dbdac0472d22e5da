/**
 * Correctly rounded double `log`, `sin` and `cos` for the float64 random paths (`torch-rng.md`
 * §3.2, §3.5, §4).
 *
 * PyTorch's double Box–Muller and `exponential_` call glibc's `log/sin/cos`, which are correctly
 * rounded in practice. V8's `Math.log/sin/cos` are fdlibm ports: accurate to < 1 ulp but now and
 * then one ulp off the correctly rounded result, and then a float64 `randn` value differs from
 * PyTorch's in the last bit. The functions here compute the result to about 105 bits in
 * **double-double arithmetic** and round that once to a double, so they return the correctly
 * rounded result except when the exact value lies within about 2^-105 (relative) of the midpoint
 * between two doubles, which is an event of probability about 2^-50 per call.
 *
 * A double-double is an unevaluated sum `hi + lo` of two doubles with `|lo| <= ulp(hi)/2`; it
 * carries 106 significant bits. All its operations are built from two exact tricks:
 *
 * - **TwoSum** (Knuth): `s = fl(a + b)` and the rounding error `e = (a + b) - s` is itself a
 *   double, computed exactly by a few more additions.
 * - **TwoProd** (Dekker): `p = fl(a * b)` and the error `a * b - p` is a double too. Without an
 *   FMA we find it by splitting each factor into two 26-bit halves (multiplying by
 *   `2^27 + 1 = 134217729` and subtracting), so that every partial product is exact.
 *
 * Speed: about 0.2–0.5 µs per call (several times slower than `Math.*`, which is fine for
 * per-element float64 sampling). The float32 kernels keep using `Math.*` / Cephes on purpose.
 *
 * @module
 */

// ---------------------------------------------------------------------------------------------
// Double-double primitives. To avoid allocating an object per operation, every primitive writes
// its result into the two module-level "registers" `H` (high part) and `L` (low part); callers
// copy them into locals straight away.

let H = 0;
let L = 0;

/** Dekker's splitter 2^27 + 1: `c = SPLITTER * a; hi = c - (c - a)` keeps the top 26 bits. */
const SPLITTER = 134217729;

/** TwoSum: `H + L === a + b` exactly, `H = fl(a + b)`. Any magnitudes. */
function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  H = s;
  L = a - (s - bb) + (b - bb);
}

/** Fast TwoSum (Dekker): same as {@link twoSum} but requires `|a| >= |b|` (or a === 0). */
function quickTwoSum(a: number, b: number): void {
  const s = a + b;
  H = s;
  L = b - (s - a);
}

/** TwoProd: `H + L === a * b` exactly (barring overflow/underflow), `H = fl(a * b)`. */
function twoProd(a: number, b: number): void {
  const p = a * b;
  // Split a and b into 26-bit halves: a = ah + al, b = bh + bl, all products of halves exact.
  let c = SPLITTER * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLITTER * b;
  const bh = c - (c - b);
  const bl = b - bh;
  H = p;
  L = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** Double-double sum `(ah + al) + (bh + bl)`, accurate to ~2^-106 relative (the "IEEE" add). */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const sh = H;
  let sl = L;
  twoSum(al, bl);
  const th = H;
  const tl = L;
  sl += th;
  quickTwoSum(sh, sl);
  quickTwoSum(H, L + tl);
}

/** Double-double product `(ah + al) * (bh + bl)`; the tiny `al * bl` term is dropped. */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  quickTwoSum(H, L + (ah * bl + al * bh));
}

/**
 * One Horner step `c + z * p` in double-double, for series whose terms shrink: `|z * p| < |c|`,
 * so the sum never cancels and a cheaper add than {@link ddAdd} keeps ~2^-104 relative accuracy.
 */
function hornerStep(ch: number, cl: number, zh: number, zl: number, ph: number, pl: number): void {
  twoProd(zh, ph); // z * p = H + L + (zh * pl + zl * ph) + (tiny zl * pl)
  const mh = H;
  const ml = L + (zh * pl + zl * ph);
  twoSum(ch, mh);
  quickTwoSum(H, L + (ml + cl));
}

/** Double-double quotient `(ah + al) / b` for a double `b` (one Newton-style correction). */
function ddDivD(ah: number, al: number, b: number): void {
  const q1 = ah / b;
  twoProd(q1, b); // q1 * b = H + L exactly
  const r = ah - H - L + al; // remainder ah + al - q1 * b (ah - H is exact: H ~ ah)
  quickTwoSum(q1, r / b);
}

// ---------------------------------------------------------------------------------------------
// Series coefficients as double-doubles, computed once at load time.

/** `1 / n!` for n = 0..31 as [hi, lo] pairs: INV_FACT_HI[n] + INV_FACT_LO[n]. */
const INV_FACT_HI = new Float64Array(32);
const INV_FACT_LO = new Float64Array(32);
{
  let h = 1;
  let l = 0;
  INV_FACT_HI[0] = 1;
  for (let n = 1; n < 32; n++) {
    ddDivD(h, l, n); // 1/n! = (1/(n-1)!) / n
    h = H;
    l = L;
    INV_FACT_HI[n] = h;
    INV_FACT_LO[n] = l;
  }
}

/** `1 / (2n + 1)` for n = 0..23 as double-doubles (the atanh series). */
const INV_ODD_HI = new Float64Array(24);
const INV_ODD_LO = new Float64Array(24);
for (let n = 0; n < 24; n++) {
  ddDivD(1, 0, 2 * n + 1);
  INV_ODD_HI[n] = H;
  INV_ODD_LO[n] = L;
}

// ---------------------------------------------------------------------------------------------
// log

/** ln 2 as a double-double (hi = the 53 leading bits, lo = the next 53, rounded). */
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
/** ln 2 as [hi, lo], exported for the tests only. */
export const LN2_PARTS: readonly number[] = [LN2_HI, LN2_LO];

/** The double just above sqrt(2): the reduction keeps the mantissa m in [sqrt(1/2), sqrt(2)]. */
const SQRT2 = 1.4142135623730951;

/** Views on one double, to read and write its exponent bits. */
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
/** Index of the 32-bit word holding the sign, exponent and top of the mantissa. */
const HI_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * `log(x)` (natural logarithm), correctly rounded (see the module comment for the one caveat).
 * `log(1) = 0`, `log(0) = -Infinity`, `log(x < 0) = NaN`, `log(Infinity) = Infinity`.
 *
 * @param x - any double.
 * @returns the double nearest to ln x.
 */
export function logF64(x: number): number {
  if (!(x > 0 && x < Infinity)) return x === 0 ? -Infinity : x === Infinity ? Infinity : NaN;

  // 1. Write x = 2^e * m with m in [sqrt(1/2), sqrt(2)]. Subnormals are first scaled by 2^54
  //    so that the exponent field is meaningful. Setting the exponent field to 1023 gives the
  //    mantissa in [1, 2); halve it (exact) when it is above sqrt(2).
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54
    e = -54;
  }
  F64[0] = x;
  const hw = U32[HI_WORD];
  e += ((hw >>> 20) & 0x7ff) - 1023;
  U32[HI_WORD] = (hw & 0x000fffff) | 0x3ff00000;
  let m = F64[0];
  if (m > SQRT2) {
    m *= 0.5;
    e += 1;
  }

  // 2. s = (m - 1) / (m + 1) as a double-double. Then log(m) = 2 atanh(s) with |s| <= 0.1716.
  //    m - 1 is exact (Sterbenz: m is within a factor 2 of 1); m + 1 may round, so keep its
  //    error; the division is a double-double quotient by a double-double, done as
  //    q1 = f / d, remainder f - q1 * d computed (nearly) exactly, q2 = remainder / d.
  const f = m - 1;
  twoSum(m, 1);
  const dh = H;
  const dl = L;
  const q1 = f / dh;
  twoProd(q1, dh);
  const rem = f - H - L - q1 * dl; // f - H is exact (H ~ f)
  quickTwoSum(q1, rem / dh);
  const sh = H;
  const sl = L;

  // 3. atanh(s) = s * P(z), z = s^2, P(z) = sum z^n / (2n + 1) = 1 + z/3 + z^2/5 + ...
  //    z <= 0.0295, so z^22 < 2^-111: 22 terms suffice. Horner from the innermost term. Terms
  //    n >= 11 carry a factor z^11 < 2^-55, so evaluating them in plain double is accurate
  //    enough (their rounding errors land below 2^-108); the outer 11 steps are double-double.
  ddMul(sh, sl, sh, sl);
  const zh = H;
  const zl = L;
  let tail = INV_ODD_HI[21];
  for (let n = 20; n >= 11; n--) tail = INV_ODD_HI[n] + zh * tail;
  let ph = tail;
  let pl = 0;
  for (let n = 10; n >= 0; n--) {
    hornerStep(INV_ODD_HI[n], INV_ODD_LO[n], zh, zl, ph, pl); // acc = 1/(2n+1) + z * acc
    ph = H;
    pl = L;
  }
  // log(m) = 2 * s * P(z); doubling is exact.
  ddMul(sh, sl, ph, pl);
  const lh = 2 * H;
  const ll = 2 * L;

  // 4. log(x) = e * ln2 + log(m). e * LN2_HI is exact with TwoProd, e * LN2_LO (|e| <= 1074)
  //    only needs to be accurate to a double. Then add the two double-doubles and round once:
  //    after the final fast TwoSum, H = fl(H + L) is the double nearest to the double-double.
  if (e === 0) return lh + ll;
  twoProd(e, LN2_HI);
  quickTwoSum(H, L + e * LN2_LO);
  ddAdd(H, L, lh, ll);
  return H;
}

// ---------------------------------------------------------------------------------------------
// sin and cos

/** 2/pi rounded to double: only used to pick the nearest multiple of pi/2, so need not be exact. */
const TWO_OVER_PI = 0.6366197723675814;

/**
 * pi/2 = P1 + P2 + P3 + P4 + P5 (+ < 2^-220), each part holding 44 significant bits, so that
 * k * Pi is exact for |k| < 2^9 (44 + 9 = 53 bits). Generated with BigInt from Machin's formula;
 * spec/random/libm-f64.spec.ts checks them (exported as {@link PIO2_PARTS}).
 */
const P1 = 1.5707963267948344;
const P2 = 6.223372171896261e-14;
const P3 = 3.5215598651829936e-27;
const P4 = 2.068365695664462e-40;
const P5 = 1.6676488672039844e-53;

/** The parts of pi/2 and of ln 2, exported for the tests only. */
export const PIO2_PARTS: readonly number[] = [P1, P2, P3, P4, P5];

/** Beyond this |x| the reduction's k would exceed 2^8 and {@link sinF64}/{@link cosF64} fall back to Math.*. */
const MAX_REDUCED = 256;

/** Reduced argument r = x - k*pi/2 as a double-double, written by {@link reduce}. */
let RH = 0;
let RL = 0;

/**
 * Cody–Waite reduction: returns k = round(x * 2/pi) and sets RH + RL = x - k*pi/2 to ~2^-105
 * relative, |r| <= pi/4 (+ a hair). Near a multiple of pi/2 the subtraction cancels up to ~60
 * leading bits (for |x| <= 256 no double is closer to a multiple of pi/2 than about 2^-62), so
 * pi/2 must be known to ~170+ bits, hence the five 44-bit parts.
 */
function reduce(x: number): number {
  const k = Math.round(x * TWO_OVER_PI);
  // x - k*P1 is exact: k*P1 is exact and lies within a factor 2 of x (Sterbenz).
  const t = x - k * P1;
  // t - k*P2: exact as a double-double by TwoSum. This is where the big cancellation happens.
  twoSum(t, -k * P2);
  const ah = H;
  const al = L;
  // The remaining parts are tiny (< 2^-80); their sum as a double-double is ample.
  twoSum(-k * P3, -k * P4);
  const bh = H;
  const bl = L - k * P5;
  ddAdd(ah, al, bh, bl);
  RH = H;
  RL = L;
  return k;
}

/**
 * sin(r) for the reduced r = RH + RL (|r| <= pi/4 + tiny), as a double-double in H + L:
 * r * S(z), z = r^2, S(z) = sum (-1)^n z^n / (2n+1)! = 1 - z/3! + z^2/5! - ...
 * z <= 0.62 and z^15 / 31! < 2^-115, so terms n <= 14 suffice; terms n >= 10 (each below
 * z^10 / 21! < 2^-72) are summed in plain double, the outer ten steps in double-double.
 */
function sinKernel(): void {
  const rh = RH;
  const rl = RL;
  ddMul(rh, rl, rh, rl);
  const zh = H;
  const zl = L;
  let tail = INV_FACT_HI[29];
  for (let n = 13; n >= 10; n--) tail = INV_FACT_HI[2 * n + 1] - zh * tail;
  // The sign alternates: S = c0 - z (c1 - z (c2 - ...)). Keep acc = c_n - z * acc_{n+1}.
  let ph = tail;
  let pl = 0;
  for (let n = 9; n >= 0; n--) {
    hornerStep(INV_FACT_HI[2 * n + 1], INV_FACT_LO[2 * n + 1], -zh, -zl, ph, pl); // acc = c_n - z * acc
    ph = H;
    pl = L;
  }
  ddMul(rh, rl, ph, pl);
}

/**
 * cos(r) for the reduced r = RH + RL, as a double-double in H + L:
 * C(z) = sum (-1)^n z^n / (2n)! = 1 - z/2! + z^2/4! - ..., terms n <= 15 (z^16/32! < 2^-125),
 * terms n >= 10 in plain double (below z^10 / 20! < 2^-68).
 */
function cosKernel(): void {
  const rh = RH;
  const rl = RL;
  ddMul(rh, rl, rh, rl);
  const zh = H;
  const zl = L;
  let tail = INV_FACT_HI[30];
  for (let n = 14; n >= 10; n--) tail = INV_FACT_HI[2 * n] - zh * tail;
  let ph = tail;
  let pl = 0;
  for (let n = 9; n >= 0; n--) {
    hornerStep(INV_FACT_HI[2 * n], INV_FACT_LO[2 * n], -zh, -zl, ph, pl); // acc = c_n - z * acc
    ph = H;
    pl = L;
  }
  H = ph;
  L = pl;
}

/**
 * `sin(x)`, correctly rounded (see the module comment) for |x| <= 256; larger arguments fall
 * back to `Math.sin` (the random paths only use x in [0, 2*pi)).
 *
 * @param x - any double.
 * @returns the double nearest to sin x.
 */
export function sinF64(x: number): number {
  if (x === 0 || !(Math.abs(x) <= MAX_REDUCED)) return x === 0 ? x : Math.sin(x); // keeps -0; NaN/Inf -> NaN
  // sin(k*pi/2 + r) by quadrant k mod 4: sin r, cos r, -sin r, -cos r.
  const q = reduce(x) & 3;
  if (q & 1) cosKernel();
  else sinKernel();
  // The kernels end in a fast TwoSum, so H = fl(H + L): the double-double rounded once.
  return q & 2 ? -H : H;
}

/**
 * `cos(x)`, correctly rounded (see the module comment) for |x| <= 256; larger arguments fall
 * back to `Math.cos`.
 *
 * @param x - any double.
 * @returns the double nearest to cos x.
 */
export function cosF64(x: number): number {
  if (!(Math.abs(x) <= MAX_REDUCED)) return Math.cos(x);
  // cos(k*pi/2 + r) by quadrant k mod 4: cos r, -sin r, -cos r, sin r.
  const q = reduce(x) & 3;
  if (q & 1) sinKernel();
  else cosKernel();
  return q === 1 || q === 2 ? -H : H;
}
