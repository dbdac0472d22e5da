/**
 * sleefTanhF32, sleefExpF32, sleefLogF32 (engine/ops/sleef-f32.ts) against PyTorch 1.13.1's
 * torch.tanh, torch.exp and torch.log on x86 (spec/fixtures/mlp/sleef-f32.json, recorded by
 * scripts/fixtures/sleef_f32.py): 8,192 values of 4·randn (|x| for log) and edge values, bit for bit.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Generator, randn } from '../../engine/index.js';
import { sleefExpF32, sleefLogF32, sleefTanhF32 } from '../../engine/ops/sleef-f32.js';
import { bitsOfF32, repoRoot } from '../support/shared.js';

interface Fixture {
  seed: number; n: number; scale: number; x_first_bits: string[];
  tanh_f32le_base64: string; exp_f32le_base64: string; log_abs_f32le_base64: string;
  edges: { x: string; tanh: string; exp: string; log: string }[];
}
const fx = JSON.parse(readFileSync(resolve(repoRoot, 'spec/fixtures/mlp/sleef-f32.json'), 'utf8')) as Fixture;
const fromBits = (h: string) => new Float32Array(new Uint32Array([parseInt(h, 16)]).buffer)[0];
const floats = (b64: string) => {
  const buf = Buffer.from(b64, 'base64');
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
};
const x = randn([fx.n], { generator: new Generator({ normalKernel: 'avx2' }).manualSeed(fx.seed) }).mul(fx.scale).toTypedArray();

const cases = [
  { name: 'tanh', ours: sleefTanhF32, exact: Math.tanh, input: (v: number) => v, want: floats(fx.tanh_f32le_base64), edge: 'tanh' },
  { name: 'exp', ours: sleefExpF32, exact: Math.exp, input: (v: number) => v, want: floats(fx.exp_f32le_base64), edge: 'exp' },
  { name: 'log', ours: sleefLogF32, exact: Math.log, input: Math.abs, want: floats(fx.log_abs_f32le_base64), edge: 'log' },
] as const;

describe("SLEEF's float32 tanh, exp, log: PyTorch 1.13.1's bits on x86 (AVX2)", () => {
  it('regenerates the fixture inputs (AVX2 randn, seed 7, times 4)', () => {
    expect(Array.from(x.slice(0, 4), (v) => bitsOfF32(v))).toEqual(fx.x_first_bits);
  });
  for (const c of cases) {
    it(`${c.name}: equals torch.${c.name} bit for bit on 8,192 values (the correctly rounded ${c.name} does not)`, () => {
      let differ = 0, differCorrectlyRounded = 0;
      for (let i = 0; i < fx.n; i++) {
        const v = c.input(x[i]);
        if (!Object.is(Math.fround(c.ours(v)), c.want[i])) differ++;
        if (!Object.is(Math.fround(c.exact(v)), c.want[i])) differCorrectlyRounded++;
      }
      expect(differ).toBe(0);
      expect(differCorrectlyRounded).toBeGreaterThan(0);
    });
    it(`${c.name}: equals torch.${c.name} on the edges (±0, tiny, subnormal, cut-offs, ±∞, NaN)`, () => {
      for (const e of fx.edges) {
        const got = c.ours(fromBits(e.x));
        const want = fromBits(e[c.edge]);
        if (Number.isNaN(want)) expect(got, `${c.name}(${e.x})`).toBeNaN();
        else expect(bitsOfF32(got), `${c.name}(${e.x})`).toBe(e[c.edge]);
      }
    });
  }
});
