/**
 * The cascade row-sum kernel (engine/fast/kernels/cascade-row-sum.ts) gives the bits of the plain
 * loop `cascadeSumF32` (PyTorch's float32 order) for rows of 32 floats or more: random lengths
 * around the level boundaries (every 16·32 floats a cascade step), odd tails, ±0, ±inf, NaN,
 * operands in the arena (used in place) or not (copied through the scratch memory, long rows
 * one at a time), and the whole-tensor sum.
 */
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor, isSimdEnabled, setSimdEnabled, tidy } from '../../engine/index.js';
import { levelPowerOf } from '../../engine/fast/sums.js';
import { CHUNK, kernels } from '../../engine/fast/kernels.js';
import { cascadeSumF32 } from '../../engine/ops/cascade-sum.js';
import { rng } from '../support/autograd-helpers.js';

afterEach(() => setSimdEnabled(true));

/** float32 values of mixed magnitudes (order-sensitive sums), with some ±0, ±inf and NaN when `special`. */
function values(n: number, seed: number, special: boolean): Float32Array {
  const r = rng(seed);
  const odd = [0, -0, Infinity, -Infinity, NaN, 3.4e38, -3.4e38, 1e-45];
  return new Float32Array(n).map(() => (special && r() < 0.002 ? odd[Math.floor(r() * odd.length)] : (r() < 0.5 ? -1 : 1) * Math.exp((r() - 0.5) * 16)));
}

function expectSameBits(got: ArrayLike<number>, want: (i: number) => number, what: string): void {
  expect(got.length, what).toBeGreaterThan(0);
  for (let i = 0; i < got.length; i++) {
    if (!Object.is(got[i], want(i))) expect.fail(`${what}: element ${i}: got ${Object.is(got[i], -0) ? '-0' : got[i]}, expected ${want(i)}`);
  }
}

/** `sum(1)` of a rows × len tensor of `x`: in the arena (made inside tidy) or an ordinary array. */
function rowSums(x: Float32Array, rows: number, len: number, arena: boolean): ArrayLike<number> {
  if (!arena) return Tensor.fromArray(x, [rows, len]).sum(1).toTypedArray();
  return tidy(() => Tensor.fromArray(x, [rows, len]).clone().sum(1).toTypedArray());
}

describe('the cascade row-sum kernel (sum(-1) of float32 rows of 32 floats or more)', () => {
  it('is built where SIMD is (otherwise the rest of this file would test only the plain loop)', () => {
    expect(isSimdEnabled()).toBe(true);
    expect(kernels?.cascadeRowSum).toBeTypeOf('function');
  });

  it('level power: ATen\'s max(4, ⌊⌈log2 size⌉ / 4⌋)', () => {
    expect([1, 2, 16, 31, 65536, 65537, 1 << 20, (1 << 20) + 1].map(levelPowerOf)).toEqual([4, 4, 4, 4, 4, 4, 5, 5]);
  });

  for (const arena of [false, true]) {
    it(`random lengths and row counts equal cascadeSumF32 (${arena ? 'in the arena' : 'copied through scratch memory'})`, () => {
      fc.assert(fc.property(fc.integer({ min: 32, max: 3000 }), fc.integer({ min: 1, max: 200 }), fc.boolean(), fc.nat(), (len, rows, special, seed) => {
        if (rows * len < 256) rows = Math.ceil(256 / len);
        const x = values(rows * len, seed, special);
        expectSameBits(rowSums(x, rows, len, arena), (j) => cascadeSumF32(x, j * len, len), `${rows} rows of ${len}`);
      }), { numRuns: 80 });
    });

    it(`lengths at the cascade's block boundaries, odd tails and leftover vectors (${arena ? 'arena' : 'scratch'})`, () => {
      // a group is 32 floats; a cascade step every 16 groups (512 floats), level 2 every 256 groups
      const lengths = [32, 39, 63, 64, 127, 511, 512, 519, 543, 1023, 1024, 1000, 8192, 8200, 16415, 131072 + 7, 2 * CHUNK + 1];
      for (const len of lengths) {
        const rows = len > 20000 ? 2 : 5;
        const x = values(rows * len, len, true);
        expectSameBits(rowSums(x, rows, len, arena), (j) => cascadeSumF32(x, j * len, len), `${rows} rows of ${len}`);
      }
    });

    it(`sum() of everything: one long row, levels beyond the first (${arena ? 'arena' : 'scratch'})`, () => {
      for (const n of [(1 << 20) + 13, 300_001]) {
        const x = values(n, n, false);
        const t = arena ? null : Tensor.fromArray(x, [n]);
        const got = arena ? tidy(() => Tensor.fromArray(x, [n]).clone().sum().item()) : t!.sum().item();
        expect(Object.is(got, cascadeSumF32(x, 0, n)), `sum of ${n}`).toBe(true);
      }
    });
  }

  it('a view with an offset (rows of a slice) reads from its offset; SIMD on and off agree', () => {
    const rows = 40, len = 700;
    const x = values((rows + 3) * len, 7, true);
    const view = Tensor.fromArray(x, [rows + 3, len]).narrow(0, 3, rows);
    const on = view.sum(1, true).toTypedArray();
    setSimdEnabled(false);
    const off = view.sum(1, true).toTypedArray();
    expectSameBits(on, (j) => off[j], 'SIMD on vs off');
    expectSameBits(on, (j) => cascadeSumF32(x, (j + 3) * len, len), 'vs cascadeSumF32');
  });
});
