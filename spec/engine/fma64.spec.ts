/**
 * fma64 (the single-rounding `a·b + c` linspace needs) against an exact computation written
 * here independently: operands scaled by 2^200 are exact integers, the exact sum is a BigInt,
 * and `Number(bigint)` rounds it to nearest even.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fma64 } from '../../engine/fma64.js';

/** `fl(a·b + c)` with one rounding, for |a|, |b|, |c| in [2^-100, 2^100] or 0. */
function exactFma(a: number, b: number, c: number): number {
  const big = (x: number) => BigInt(x * 2 ** 200); // exact: a power-of-two scaling of a double
  const n = big(a) * big(b) + big(c) * 2n ** 200n; // (a·b + c) · 2^400
  if (n === 0n) return a * b + c; // the sign of an exact zero follows IEEE addition
  return Number(n) / 2 ** 400;
}

const mag = fc.double({ min: 2 ** -100, max: 2 ** 100, noNaN: true });
const val = fc.tuple(mag, fc.boolean()).map(([m, neg]) => (neg ? -m : m));

describe('fma64', () => {
  it('rounds a·b + c once, for random operands', () => {
    fc.assert(fc.property(val, val, val, (a, b, c) => { expect(fma64(a, b, c)).toBe(exactFma(a, b, c)); }), { numRuns: 3000 });
  });

  it('rounds once where two roundings differ: c cancels a·b, or sits half an ulp away', () => {
    fc.assert(
      fc.property(val, val, fc.integer({ min: -3, max: 3 }), (a, b, k) => {
        const p = a * b;
        for (const c of [-p, -p * (1 + k * Number.EPSILON), p * Number.EPSILON * 0.5 * k || 2 ** -100]) {
          if (c !== 0 && (Math.abs(c) < 2 ** -100 || Math.abs(c) > 2 ** 100)) continue;
          expect(fma64(a, b, c), `fma64(${a}, ${b}, ${c})`).toBe(exactFma(a, b, c));
        }
      }),
      { numRuns: 2000 },
    );
    expect(fma64(1 + 2 ** -52, 1 - 2 ** -53, -1)).toBe(2 ** -52 - 2 ** -53 - 2 ** -105); // a·b rounded first would give 2^-53
    expect(fma64(0.1, 10, -1)).toBe(5.551115123125783e-17); // the error of 0.1 in double, times 10
  });
});
