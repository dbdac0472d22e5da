/**
 * torch.rand / uniform_: every recorded rand case (float32 by bit pattern, float64 exactly) in
 * both reference files, the range map in both kernels, and PyTorch's bound checks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillUniform, fma32, Generator } from '../../engine/random/index.js';
import { bitsOfF32, describeIfFile, hasReference, loadReference, referencePath } from '../support/shared.js';

const FILES = ['torch/rng.json', 'torch/scalar/rng.json'] as const;

for (const file of FILES) {
  describeIfFile(referencePath(file), `torch.rand vs PyTorch 1.13.1 (${file})`, () => {
    const ref = hasReference(file) ? loadReference(file) : undefined;
    const kernel = file.includes('scalar') ? 'scalar' : 'avx2';

    for (const c of (ref?.rand ?? []) as { seed: number; n: number; bits: string[] }[]) {
      it(`rand(${c.n}) float32 for seed ${c.seed} matches bit for bit`, () => {
        const g = new Generator({ normalKernel: kernel }).manualSeed(c.seed);
        expect(Array.from(fillUniform(g, new Float32Array(c.n)), bitsOfF32)).toEqual(c.bits);
      });
    }

    for (const c of (ref?.rand_float64 ?? []) as { seed: number; n: number; values: number[] }[]) {
      it(`rand(${c.n}, float64) for seed ${c.seed} matches exactly`, () => {
        const g = new Generator({ normalKernel: kernel }).manualSeed(c.seed);
        expect(Array.from(fillUniform(g, new Float64Array(c.n)))).toEqual(c.values);
      });
    }

    it("reproduces the lecture's rand(3) for seed 2147483647 and its normalisation p = x / x.sum()", () => {
      const g = new Generator({ normalKernel: kernel }).manualSeed(2147483647);
      const x = fillUniform(g, new Float32Array(3));
      expect(Array.from(x, bitsOfF32)).toEqual(ref.lecture_rand3_raw_bits);
      const sum = Math.fround(Math.fround(x[0] + x[1]) + x[2]);
      expect(Array.from(x, (v) => bitsOfF32(v / sum))).toEqual(ref.lecture_rand3_normalized_bits);
    });
  });
}

describe('uniform_(lo, hi) range map', () => {
  it('avx2 kernel: fma32(x, f32(hi - lo), lo); scalar kernel: f32(f32(x * f32(hi - lo)) + lo)', () => {
    const lo = Math.fround(0.3);
    const range = Math.fround(Math.fround(1.7) - lo);
    const xs = fillUniform(new Generator().manualSeed(11), new Float32Array(2000));
    const avx = fillUniform(new Generator({ normalKernel: 'avx2' }).manualSeed(11), new Float32Array(2000), 0.3, 1.7);
    const sca = fillUniform(new Generator({ normalKernel: 'scalar' }).manualSeed(11), new Float32Array(2000), 0.3, 1.7);
    let differ = 0;
    for (let i = 0; i < xs.length; i++) {
      expect(avx[i]).toBe(fma32(xs[i], range, lo));
      expect(sca[i]).toBe(Math.fround(Math.fround(xs[i] * range) + lo));
      if (avx[i] !== sca[i]) differ++;
    }
    // The kernels disagree on a large share of values for [0.3, 1.7): 26% here (522 of 2000).
    // torch-rng.md §2 quotes "about 38%" for ranges like this one; only the per-element
    // formulas above are verified against torch, the share is just a sanity check.
    expect(differ).toBe(522);
  });

  it('float64: x * (hi - lo) + lo in double, one random64 per element', () => {
    const xs = fillUniform(new Generator().manualSeed(5), new Float64Array(100));
    const ys = fillUniform(new Generator().manualSeed(5), new Float64Array(100), -2, 3);
    xs.forEach((x, i) => expect(ys[i]).toBe(x * 5 + -2));
  });

  it('stays in [lo, hi] and consumes one word per float32 element, two per float64 element', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.boolean(), fc.double({ min: -100, max: 100, noNaN: true }), (n, f64, lo) => {
        const g = new Generator().manualSeed(n);
        const out = fillUniform(g, f64 ? new Float64Array(n) : new Float32Array(n), lo, lo + 3);
        for (const v of out) {
          expect(v).toBeGreaterThanOrEqual(Math.fround(lo) - 1e-5);
          expect(v).toBeLessThanOrEqual(lo + 3 + 1e-5);
        }
        const ref = new Generator().manualSeed(n);
        for (let i = 0; i < n * (f64 ? 2 : 1); i++) ref.nextU32();
        expect(g.getState()).toEqual(ref.getState());
      }),
      { numRuns: 100 },
    );
  });

  it("rejects lo > hi, NaN bounds and out-of-range bounds with PyTorch's messages", () => {
    const g = new Generator();
    expect(() => fillUniform(g, new Float32Array(2), 2, 1)).toThrow(
      'uniform_ expects to return a [from, to) range, but found from=2 > to=1',
    );
    expect(() => fillUniform(g, new Float32Array(2), 0, NaN)).toThrow('to is out of bounds for float');
    expect(() => fillUniform(g, new Float32Array(2), -1e39, 0)).toThrow('from is out of bounds for float');
    expect(() => fillUniform(g, new Float32Array(2), -3e38, 3e38)).toThrow(
      'uniform_ expects to-from <= std::numeric_limits<Float>::max(), but found to=3e+38 and from=-3e+38 which result in to-from to exceed the limit',
    );
  });
});
