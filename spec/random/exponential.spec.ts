/**
 * exponential_: every recorded case in both reference files by float32 bit pattern, the
 * formula and consumption, and PyTorch's lambda check.
 */
import { describe, expect, it } from 'vitest';
import { fillExponential, Generator } from '../../engine/random/index.js';
import { logF64 } from '../../engine/random/libm-f64.js';
import { bitsOfF32, describeIfFile, hasReference, loadReference, referencePath } from '../support/shared.js';

for (const file of ['torch/rng.json', 'torch/scalar/rng.json'] as const) {
  describeIfFile(referencePath(file), `exponential_ vs PyTorch 1.13.1 (${file})`, () => {
    const ref = hasReference(file) ? loadReference(file) : undefined;
    for (const c of (ref?.exponential_float32 ?? []) as { seed: number; n: number; lambda: number; bits: string[] }[]) {
      it(`exponential_(${c.lambda}) on ${c.n} float32 for seed ${c.seed} matches bit for bit`, () => {
        const g = new Generator().manualSeed(c.seed);
        expect(Array.from(fillExponential(g, new Float32Array(c.n), c.lambda), bitsOfF32)).toEqual(c.bits);
      });
    }
  });
}

describe('exponential_ kernel', () => {
  it('is (-1/lambda) * log(1 - u) in double per element, u from one random64 each', () => {
    for (const lambd of [1, 0.5, 3]) {
      const out = fillExponential(new Generator().manualSeed(21), new Float64Array(50), lambd);
      const g = new Generator().manualSeed(21);
      out.forEach((v) => expect(v).toBe((-1 / lambd) * logF64(1 - g.nextFloat64Uniform())));
      expect(out.every((v) => v >= 0)).toBe(true);
      const f32 = fillExponential(new Generator().manualSeed(21), new Float32Array(50), lambd);
      f32.forEach((v, i) => expect(v).toBe(Math.fround(out[i])));
    }
  });

  it("rejects lambda <= 0 and NaN with PyTorch's message", () => {
    expect(() => fillExponential(new Generator(), new Float32Array(2), 0)).toThrow(
      'exponential_ expects lambda > 0.0, but found lambda=0',
    );
    expect(() => fillExponential(new Generator(), new Float32Array(2), NaN)).toThrow('exponential_ expects lambda > 0.0');
  });
});
