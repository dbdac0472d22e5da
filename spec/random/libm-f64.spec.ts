/**
 * libm-f64: correctly rounded double log/sin/cos, checked against an independent reference
 * computed here with BigInt fixed-point arithmetic (hundreds of bits), then rounded to the
 * nearest double.
 */
import { describe, expect, it } from 'vitest';
import { Generator } from '../../engine/random/index.js';
import { cosF64, LN2_PARTS, logF64, PIO2_PARTS, sinF64 } from '../../engine/random/libm-f64.js';

// ---------------------------------------------------------------------------------------------
// The BigInt reference. A value is a BigInt V meaning V * 2^-frac.

/** The exact binary value of a finite double: x = mant * 2^exp, mant a non-negative integer. */
function decompose(x: number): { neg: boolean; mant: bigint; exp: number } {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  const bits = v.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  const field = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return field === 0 ? { neg, mant: frac, exp: -1074 } : { neg, mant: frac | (1n << 52n), exp: field - 1075 };
}

/** x as an exact fixed-point number with `frac` fraction bits (frac must be >= -exp). */
function toFixed(x: number, frac: number): bigint {
  const { neg, mant, exp } = decompose(x);
  if (exp + frac < 0) throw new Error('not exact');
  const v = mant << BigInt(exp + frac);
  return neg ? -v : v;
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/**
 * The double nearest to V * 2^-frac (round half to even). Also checks that the reference is
 * decisive: V must not lie within 2^24 fixed-point units of a rounding midpoint, far more than
 * the series' accumulated truncation error (a few units).
 */
function roundFixed(V: bigint, frac: number): number {
  if (V === 0n) return 0;
  const neg = V < 0n;
  const a = neg ? -V : V;
  // Keep 53 significant bits, or fewer so that the last kept bit is >= 2^-1074 (subnormals).
  let shift = bitLength(a) - 53;
  if (shift - frac < -1074) shift = -1074 + frac;
  if (shift <= 0) throw new Error('reference too short');
  const s = BigInt(shift);
  let mant = a >> s;
  const rest = a - (mant << s);
  const half = 1n << (s - 1n);
  const dist = rest > half ? rest - half : half - rest;
  if (dist < 1n << 24n) throw new Error(`reference too close to a midpoint for ${V} * 2^-${frac}`);
  if (rest > half) mant += 1n;
  const r = Number(mant) * 2 ** (shift - frac); // exact: the result is representable
  return neg ? -r : r;
}

/** sin and cos of x by their Taylor series at 0, in fixed point: no argument reduction, no pi. */
function refSinCos(x: number): { sin: number; cos: number } {
  const frac = 320 + Math.max(0, -decompose(x).exp);
  const one = 1n << BigInt(frac);
  const X = toFixed(x, frac);
  const X2 = (X * X) >> BigInt(frac);
  let sin = X;
  let cos = one;
  let ts = X; // x^(2n+1) / (2n+1)!
  let tc = one; // x^(2n) / (2n)!
  for (let n = 1; ts !== 0n || tc !== 0n; n++) {
    tc = -((tc * X2) >> BigInt(frac)) / BigInt((2 * n - 1) * (2 * n));
    ts = -((ts * X2) >> BigInt(frac)) / BigInt(2 * n * (2 * n + 1));
    sin += ts;
    cos += tc;
  }
  return { sin: roundFixed(sin, frac), cos: roundFixed(cos, frac) };
}

const LOG_FRAC = 400;
const LOG_ONE = 1n << BigInt(LOG_FRAC);

/** atanh(s) = s + s^3/3 + s^5/5 + ... for a fixed-point |s| <= 1/3. */
function atanhFixed(s: bigint): bigint {
  const s2 = (s * s) >> BigInt(LOG_FRAC);
  let sum = 0n;
  let p = s;
  for (let k = 0n; p !== 0n; k++) {
    sum += p / (2n * k + 1n);
    p = (p * s2) >> BigInt(LOG_FRAC);
  }
  return sum;
}

/** ln 2 = 2 atanh(1/3). */
const REF_LN2 = 2n * atanhFixed(LOG_ONE / 3n);

/**
 * log(x) for x > 0: x = 2^E * m with m = mant / 2^(b-1) in [1, 2) (b = bit length of mant),
 * log m = 2 atanh((m - 1) / (m + 1)) with (m-1)/(m+1) < 1/3, plus E * ln 2.
 */
function refLog(x: number): number {
  if (x === 1) return 0;
  const { mant, exp } = decompose(x);
  const b = bitLength(mant);
  const E = exp + b - 1;
  const p = 1n << BigInt(b - 1);
  const s = ((mant - p) << BigInt(LOG_FRAC)) / (mant + p);
  return roundFixed(2n * atanhFixed(s) + BigInt(E) * REF_LN2, LOG_FRAC);
}

// ---------------------------------------------------------------------------------------------
// Inputs.

const TWO_PI = 6.283185307179586;

/** The double next to x in the direction of `dir` (+1/-1), n steps (x > 0). */
function stepUlps(x: number, n: number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  v.setBigUint64(0, v.getBigUint64(0) + BigInt(n));
  return v.getFloat64(0);
}

const g = new Generator().manualSeed(20240601);
const uniforms = Array.from({ length: 3000 }, () => g.nextFloat64Uniform());

/** Arguments of log: 1 - u for random and extreme u, then positive doubles of every size. */
const logInputs: number[] = [
  ...uniforms.map((u) => 1 - u),
  ...Array.from({ length: 64 }, (_, j) => 1 - (j + 1) * 2 ** -53), // tiny u: x just below 1
  ...Array.from({ length: 64 }, (_, j) => (j + 1) * 2 ** -53), // u near 1: x tiny
  1,
  Math.SQRT1_2,
  Math.SQRT2,
  stepUlps(Math.SQRT2, 1),
  stepUlps(Math.SQRT1_2, -1),
  0.5,
  stepUlps(0.5, 1),
  stepUlps(0.5, -1),
  Number.MIN_VALUE,
  2.2250738585072014e-308,
  1e-300,
  1 + 2 ** -52,
  2,
  10,
  Number.MAX_VALUE,
  ...Array.from({ length: 500 }, () => {
    const u = g.nextFloat64Uniform();
    return (1 + u) * 2 ** Math.floor(g.nextFloat64Uniform() * 2000 - 1000);
  }),
];

/** The double nearest to k*pi/2 and its neighbours: the worst cases for argument reduction. */
const nearPio2 = [1.5707963267948966, 3.141592653589793, 4.71238898038469, 6.283185307179586].flatMap((c) =>
  Array.from({ length: 21 }, (_, j) => stepUlps(c, j - 10)),
);

/** Arguments of sin/cos: theta = 2*pi*u as in Box-Muller, edge cases, a few negatives and larger. */
const trigInputs: number[] = [
  ...uniforms.map((u) => TWO_PI * u),
  ...nearPio2,
  0,
  -0,
  Number.MIN_VALUE,
  1e-300,
  2 ** -27,
  2 ** -26,
  1e-8,
  TWO_PI * 2 ** -53,
  Math.PI / 4,
  stepUlps(Math.PI / 4, 1),
  stepUlps(Math.PI / 4, -1),
  stepUlps(TWO_PI, -1),
  ...Array.from({ length: 300 }, () => (g.nextFloat64Uniform() - 0.5) * 100),
];

// ---------------------------------------------------------------------------------------------

describe('libm-f64 constants', () => {
  it('pi/2 = P1 + ... + P5 to within 2^-215, each part holding at most 44 significant bits', () => {
    const frac = 600;
    const one = 1n << BigInt(frac);
    const atanInv = (n: bigint): bigint => {
      let sum = 0n;
      let t = one / n;
      for (let k = 0n; t !== 0n; k++) {
        sum += (k % 2n ? -t : t) / (2n * k + 1n);
        t /= n * n;
      }
      return sum;
    };
    const pio2 = 8n * atanInv(5n) - 2n * atanInv(239n); // Machin: pi = 16 atan(1/5) - 4 atan(1/239)
    const sum = PIO2_PARTS.reduce((s, p) => s + toFixed(p, frac), 0n);
    const err = pio2 - sum;
    expect(err >= 0n && err < 1n << BigInt(frac - 215)).toBe(true);
    for (const p of PIO2_PARTS) {
      const { mant } = decompose(p);
      expect(bitLength(mant) - bitLength(mant & -mant) + 1).toBeLessThanOrEqual(44);
    }
  });

  it('ln 2 = LN2_HI + LN2_LO to within 2^-106', () => {
    const sum = toFixed(LN2_PARTS[0], LOG_FRAC) + toFixed(LN2_PARTS[1], LOG_FRAC);
    const err = REF_LN2 - sum;
    expect((err < 0n ? -err : err) < 1n << BigInt(LOG_FRAC - 106)).toBe(true);
  });
});

describe('logF64, sinF64, cosF64 are correctly rounded (BigInt reference)', () => {
  it(`logF64 on ${logInputs.length} inputs`, () => {
    const wrong: string[] = [];
    let mathWrong = 0;
    for (const x of logInputs) {
      const want = refLog(x);
      if (!Object.is(logF64(x), want)) wrong.push(`log(${x}) = ${logF64(x)}, want ${want}`);
      if (Math.log(x) !== want) mathWrong++;
    }
    expect(wrong).toEqual([]);
    console.info(`Math.log not correctly rounded on ${mathWrong} of ${logInputs.length} inputs`);
  });

  it(`sinF64 and cosF64 on ${trigInputs.length} inputs`, () => {
    const wrong: string[] = [];
    let mathSin = 0;
    let mathCos = 0;
    for (const x of trigInputs) {
      const { sin, cos } = refSinCos(x);
      if (!Object.is(sinF64(x), sin) && !(x === 0 && sinF64(x) === 0)) wrong.push(`sin(${x}) = ${sinF64(x)}, want ${sin}`);
      if (cosF64(x) !== cos) wrong.push(`cos(${x}) = ${cosF64(x)}, want ${cos}`);
      if (Math.sin(x) !== sin) mathSin++;
      if (Math.cos(x) !== cos) mathCos++;
    }
    expect(wrong).toEqual([]);
    console.info(`Math.sin wrong on ${mathSin}, Math.cos on ${mathCos} of ${trigInputs.length} inputs`);
  });
});
