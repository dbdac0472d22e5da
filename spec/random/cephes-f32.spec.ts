/**
 * The AVX2 kernel's Cephes float32 log and sincos: accuracy and edge behaviour. (Bit-exactness
 * against PyTorch is proven through randn in normal.spec.ts, which runs them on every lane.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cephesLogF32, cephesSinCosF32 } from '../../engine/random/cephes-f32.js';

/** Distance in float32 ulps (both finite, same sign assumed for small distances). */
function ulps(a: number, b: number): number {
  const f = new Float32Array([a, b]);
  const i = new Int32Array(f.buffer);
  const key = (x: number) => (x < 0 ? -2147483648 - x : x);
  return Math.abs(key(i[0]) - key(i[1]));
}

const unitF32 = fc.integer({ min: 1, max: 2 ** 24 }).map((k) => k / 2 ** 24); // the kernel's u1 values
const thetaF32 = fc.integer({ min: 0, max: 2 ** 24 - 1 }).map((k) => Math.fround(Math.fround(2 * Math.PI) * (k / 2 ** 24)));

describe('Cephes float32 log (log256_ps lane)', () => {
  it('is within 2 ulps of the correctly rounded log on every input the normal kernel can give it', () => {
    fc.assert(
      fc.property(unitF32, (x) => {
        expect(ulps(cephesLogF32(x), Math.fround(Math.log(x)))).toBeLessThanOrEqual(2);
      }),
      { numRuns: 5000 },
    );
  });

  it('gives exactly 0 for 1 and a float32 for every input', () => {
    expect(cephesLogF32(1)).toBe(0);
    for (const x of [2 ** -24, 0.5, 0.75, 0.999, 3, 1e30]) expect(Math.fround(cephesLogF32(x))).toBe(cephesLogF32(x));
  });

  it('returns NaN for x <= 0 and treats NaN and denormals as 2^-126 (the SIMD max)', () => {
    expect(cephesLogF32(0)).toBeNaN();
    expect(cephesLogF32(-1)).toBeNaN();
    expect(cephesLogF32(-0)).toBeNaN();
    expect(cephesLogF32(NaN)).toBe(cephesLogF32(2 ** -126));
    expect(cephesLogF32(2 ** -140)).toBe(cephesLogF32(2 ** -126));
    expect(cephesLogF32(2 ** -126)).toBeCloseTo(-126 * Math.LN2, 4);
  });
});

describe('Cephes float32 sincos (sincos256_ps lane)', () => {
  const out = new Float64Array(2);

  it('is within 2 ulps (or 2^-24 absolute near zeros) of Math.sin/Math.cos on [0, 2*pi)', () => {
    fc.assert(
      fc.property(thetaF32, (t) => {
        cephesSinCosF32(t, out);
        const [s, c] = out;
        expect(Math.fround(s)).toBe(s);
        expect(Math.fround(c)).toBe(c);
        const close = (got: number, want: number) =>
          Math.abs(got - want) <= 2 ** -24 || ulps(got, Math.fround(want)) <= 2;
        expect(close(s, Math.sin(t))).toBe(true);
        expect(close(c, Math.cos(t))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('gets exact values and signs at 0 and the octant boundaries', () => {
    cephesSinCosF32(0, out);
    expect(Object.is(out[0], 0)).toBe(true);
    expect(out[1]).toBe(1);
    cephesSinCosF32(-0, out);
    expect(Object.is(out[0], -0)).toBe(true);
    for (const [t, s, c] of [
      [Math.PI / 2, 1, 0],
      [Math.PI, 0, -1],
      [(3 * Math.PI) / 2, -1, 0],
    ]) {
      cephesSinCosF32(Math.fround(t), out);
      expect(out[0]).toBeCloseTo(s, 6);
      expect(out[1]).toBeCloseTo(c, 6);
    }
  });

  it('is odd in sine and even in cosine', () => {
    const neg = new Float64Array(2);
    fc.assert(
      fc.property(thetaF32, (t) => {
        cephesSinCosF32(t, out);
        cephesSinCosF32(-t, neg);
        expect(neg[0]).toBe(-out[0]);
        expect(neg[1]).toBe(out[1]);
      }),
      { numRuns: 500 },
    );
  });
});
