/**
 * sleefTanhF32 (engine/ops/sleef-tanhf.ts) against PyTorch 1.13.1's torch.tanh on x86
 * (spec/fixtures/mlp/sleef-tanhf.json, recorded by scripts/fixtures/sleef_tanhf.py): 16,384 values
 * of 4·randn and edge values, bit for bit.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Generator, randn } from '../../engine/index.js';
import { sleefTanhF32 } from '../../engine/ops/sleef-tanhf.js';
import { bitsOfF32, repoRoot } from '../support/shared.js';

const fx = JSON.parse(readFileSync(resolve(repoRoot, 'spec/fixtures/mlp/sleef-tanhf.json'), 'utf8')) as {
  seed: number; n: number; scale: number; x_first_bits: string[]; y_f32le_base64: string; edges: { x: string; y: string }[];
};
const fromBits = (h: string) => new Float32Array(new Uint32Array([parseInt(h, 16)]).buffer)[0];

describe("sleefTanhF32: PyTorch 1.13.1's tanh on x86 (SLEEF Sleef_tanhf8_u10)", () => {
  it('equals torch.tanh bit for bit on 16,384 values of 4·randn', () => {
    const x = randn([fx.n], { generator: new Generator({ normalKernel: 'avx2' }).manualSeed(fx.seed) }).mul(fx.scale).toTypedArray();
    expect(Array.from(x.slice(0, 4), (v) => bitsOfF32(v))).toEqual(fx.x_first_bits);
    const buf = Buffer.from(fx.y_f32le_base64, 'base64');
    const want = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    let differ = 0, differCorrectlyRounded = 0;
    for (let i = 0; i < fx.n; i++) {
      if (!Object.is(Math.fround(sleefTanhF32(x[i])), want[i])) differ++;
      if (!Object.is(Math.fround(Math.tanh(x[i])), want[i])) differCorrectlyRounded++;
    }
    expect(differ).toBe(0);
    expect(differCorrectlyRounded).toBeGreaterThan(0); // the correctly rounded tanh is not PyTorch's
  });

  it('equals torch.tanh on the edges: ±0, tiny and subnormal values, the cut-off at 8.664339742, ±∞, NaN', () => {
    for (const { x, y } of fx.edges) {
      const got = sleefTanhF32(fromBits(x));
      if (Number.isNaN(fromBits(y))) expect(got, x).toBeNaN();
      else expect(bitsOfF32(got), x).toBe(y);
    }
  });
});
