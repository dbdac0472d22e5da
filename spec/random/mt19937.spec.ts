/**
 * The MT19937 engine: seeding, twist and tempering against PyTorch's raw 32-bit stream and the
 * C++ standard's check value.
 */
import { describe, expect, it } from 'vitest';
import { MT19937, MT_N, initGenrand, temper } from '../../engine/random/mt19937.js';
import { describeIfFile, hasReference, loadReference, referencePath } from '../support/shared.js';

const FILES = ['torch/rng.json', 'torch/scalar/rng.json'] as const;

describe('MT19937 engine', () => {
  it('matches std::mt19937: the 10000th output for the default seed 5489 is 4123659995', () => {
    // [rand.predef] in the C++ standard fixes this value for mt19937.
    const mt = new MT19937();
    let w = 0;
    for (let i = 0; i < 10000; i++) w = mt.nextU32();
    expect(w).toBe(4123659995);
  });

  it('seeds with init_genrand: mt[0] = seed, mt[j] = 1812433253*(mt[j-1]^(mt[j-1]>>>30)) + j mod 2^32', () => {
    const mt = new Uint32Array(MT_N);
    initGenrand(mt, 2147483647);
    let prev = 2147483647n;
    expect(mt[0]).toBe(2147483647);
    for (let j = 1; j < MT_N; j++) {
      prev = (1812433253n * (prev ^ (prev >> 30n)) + BigInt(j)) & 0xffffffffn;
      expect(mt[j]).toBe(Number(prev));
    }
  });

  it('uses only the low 32 bits of the seed number and starts with left = 1, next = 0', () => {
    const a = new MT19937(5);
    const b = new MT19937(2 ** 32 + 5);
    expect(Array.from(b.state)).toEqual(Array.from(a.state));
    expect([a.left, a.next]).toEqual([1, 0]);
  });

  it('twists before its first output and then walks left/next as PyTorch does', () => {
    const mt = new MT19937(1);
    const before = Array.from(mt.state);
    mt.nextU32();
    expect(Array.from(mt.state)).not.toEqual(before);
    expect([mt.left, mt.next]).toEqual([MT_N, 1]);
    for (let i = 1; i < MT_N; i++) mt.nextU32();
    expect([mt.left, mt.next]).toEqual([1, MT_N]);
  });

  it('tempers with the four standard xor-shifts and always returns a uint32', () => {
    expect(temper(0)).toBe(0);
    expect(temper(0xffffffff)).toBeGreaterThanOrEqual(0);
    // Reference tempering written with BigInt.
    for (const y of [1, 0x80000000, 0x12345678, 0xdeadbeef, 0xffffffff]) {
      let v = BigInt(y);
      v ^= v >> 11n;
      v ^= (v << 7n) & 0x9d2c5680n;
      v ^= (v << 15n) & 0xefc60000n;
      v ^= v >> 18n;
      expect(temper(y)).toBe(Number(v & 0xffffffffn));
    }
  });
});

for (const file of FILES) {
  describeIfFile(referencePath(file), `MT19937 raw stream vs PyTorch (${file})`, () => {
    const ref = hasReference(file) ? loadReference(file) : undefined;
    it('reproduces the first 1,400 words for seed 2147483647 (random_ int64 = word pairs, high word first)', () => {
      const words: number[] = ref.mt19937_u32_seed2147483647_first1400.values;
      expect(words).toHaveLength(1400);
      const mt = new MT19937(2147483647);
      expect(Array.from({ length: words.length }, () => mt.nextU32())).toEqual(words);
    });
  });
}
