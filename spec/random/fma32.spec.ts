/**
 * fma32: a single rounding of a*b + c to float32, including the double-rounding traps where
 * `Math.fround(a*b + c)` is wrong.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fma32 } from '../../engine/random/fma32.js';
import { bitsOfF32 } from '../support/shared.js';

const ULP1 = 2 ** -23; // float32 ulp at 1

/** Exact float32 rounding of a*b + c via BigInt rationals (the slow, obviously-correct oracle). */
function fmaOracle(a: number, b: number, c: number): number {
  // All float32 values are multiples of 2^-149; a*b is a multiple of 2^-298.
  const SCALE = 298n;
  const toInt = (x: number, shift: bigint): bigint => {
    // x * 2^shift as an exact BigInt (x is a float32, shift large enough)
    const [m, e] = decompose(x);
    const s = BigInt(e) + shift;
    return s >= 0n ? m << s : m >> -s;
  };
  const exact = toInt(a, 149n) * toInt(b, 149n) + toInt(c, SCALE); // (a*b + c) * 2^298
  if (exact === 0n) return a * b + c; // sign of zero follows IEEE
  return roundScaled(exact, SCALE);
}

/** x = m * 2^e with integer m (x a finite double). */
function decompose(x: number): [bigint, number] {
  if (x === 0) return [0n, 0];
  let e = 0;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  return [BigInt(m), e];
}

/** Round v * 2^-scale to the nearest float32 (ties to even). */
function roundScaled(v: bigint, scale: bigint): number {
  const neg = v < 0n;
  let a = neg ? -v : v;
  // exponent of the float32 result: keep 24 significant bits, but not below 2^-149
  const bitLen = a.toString(2).length;
  let drop = BigInt(bitLen - 24);
  const minDrop = scale - 149n; // quantum 2^-149
  if (drop < minDrop) drop = minDrop;
  let q: bigint;
  if (drop <= 0n) q = a << -drop;
  else {
    q = a >> drop;
    const rem = a - (q << drop);
    const half = 1n << (drop - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  }
  const r = Math.fround(Number(q) * 2 ** Number(drop - scale));
  return neg ? -r : r;
}

describe('fma32', () => {
  // u = 2^-23. a*b = (1 + u) 2^-24 * (1 - u) = 2^-24 - 2^-70: the exact sums below sit 2^-70
  // off a float32 half-way point, and the double sum drops the 2^-70 and lands on the tie.
  const u = ULP1;
  const a = Math.fround((1 + u) * 2 ** -24);
  const b = Math.fround(1 - u);

  it('rounds down where Math.fround(a*b + c) ties to even upwards: c = 1 + u', () => {
    const c = 1 + u; // exact = (1 + u) + 2^-24 - 2^-70, just below the tie 1 + u + 2^-24
    expect(bitsOfF32(Math.fround(a * b + c))).toBe(bitsOfF32(1 + 2 * u)); // double rounding: wrong
    expect(fma32(a, b, c)).toBe(1 + u);
    expect(fmaOracle(a, b, c)).toBe(1 + u);
  });

  it('rounds away from zero where Math.fround(a*b + c) ties to even towards zero: c = -(1 + 3u)', () => {
    const c = -(1 + 3 * u); // |exact| = 1 + 3u - 2^-24 + 2^-70, just above the tie
    expect(bitsOfF32(Math.fround(a * b + c))).toBe(bitsOfF32(-(1 + 2 * u))); // wrong
    expect(fma32(a, b, c)).toBe(-(1 + 3 * u));
    expect(fmaOracle(a, b, c)).toBe(-(1 + 3 * u));
  });

  it('handles signed zeros, infinities, NaN and the overflow threshold like fmaf', () => {
    expect(Object.is(fma32(-0, 1, 0), 0)).toBe(true);
    expect(Object.is(fma32(-0, 1, -0), -0)).toBe(true);
    expect(fma32(Infinity, 1, 1)).toBe(Infinity);
    expect(fma32(Infinity, 0, 1)).toBeNaN();
    expect(fma32(NaN, 1, 1)).toBeNaN();
    const max = 3.4028234663852886e38;
    expect(fma32(max, 2, -max)).toBe(max);
    expect(fma32(max, 1.5, 0)).toBe(Infinity);
  });

  it('equals an exact BigInt oracle on random float32 triples and on constructed tie traps', () => {
    const f32 = fc.float({ noNaN: true, noDefaultInfinity: true });
    const trap = fc
      .record({
        x: fc.integer({ min: 1, max: 300 }),
        e: fc.integer({ min: -30, max: 30 }),
        mant: fc.integer({ min: 0, max: 2 ** 23 - 1 }),
        up: fc.boolean(),
        sa: fc.boolean(),
        sc: fc.boolean(),
      })
      .map(({ x, e, mant, up, sa, sc }) => {
        const a = Math.fround((1 + x * ULP1) * 2 ** (e - 24)) * (sa ? -1 : 1);
        const b = up ? Math.fround(1 + x * ULP1) : Math.fround(1 - x * ULP1);
        const c = Math.fround((1 + mant * ULP1) * 2 ** e) * (sc ? -1 : 1);
        return [a, b, c] as const;
      });
    fc.assert(
      fc.property(fc.oneof(fc.tuple(f32, f32, f32), trap), ([a, b, c]) => {
        expect(bitsOfF32(fma32(a, b, c))).toBe(bitsOfF32(fmaOracle(a, b, c)));
      }),
      { numRuns: 3000 },
    );
  });
});
