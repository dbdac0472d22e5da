/**
 * CPython's random.seed / getrandbits / _randbelow / shuffle, bit for bit, against values from
 * CPython 3.11.2 itself (scripts/fixtures/python_random.py → spec/fixtures/mlp/python-random.json).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initByArray, PythonRandom } from '../../mlp/index.js';
import { lectureNames } from '../../bigram/index.js';
import { repoRoot } from '../support/shared.js';

const fx = JSON.parse(readFileSync(resolve(repoRoot, 'spec/fixtures/mlp/python-random.json'), 'utf8'));
const sha = (xs: readonly number[]) => createHash('sha256').update(xs.join(',')).digest('hex');

describe("CPython's random module", () => {
  it('init_by_array([42]) gives random.seed(42)\'s 624 state words', () => {
    const mt = new Uint32Array(624);
    initByArray(mt, [42]);
    expect(Array.from(mt)).toEqual(fx.seed42_state);
  });
  for (const c of fx.cases as { seed: string; state_sha256: string; state_head: number[]; words: number[]; random: number[]; getrandbits: number[]; randbelow: number[]; shuffle50: number[] }[]) {
    it(`seed ${c.seed}: state, words, random(), getrandbits, _randbelow, shuffle`, () => {
      const seed = BigInt(c.seed);
      const r = new PythonRandom(seed);
      expect(r.stateWords().slice(0, 8)).toEqual(c.state_head);
      expect(sha(r.stateWords())).toBe(c.state_sha256);
      expect(Array.from({ length: 8 }, () => r.getrandbits(32))).toEqual(c.words);
      r.seed(seed);
      expect(Array.from({ length: 5 }, () => r.random())).toEqual(c.random);
      expect([1, 5, 17, 31, 32, 33, 40, 53].map((k) => r.getrandbits(k))).toEqual(c.getrandbits);
      expect([1, 2, 3, 10, 1000, 32033, 2 ** 31 - 1, 2 ** 32 + 7].map((n) => r.randbelow(n))).toEqual(c.randbelow);
      expect(r.shuffle(Array.from({ length: 50 }, (_, i) => i))).toEqual(c.shuffle50);
    });
  }
  it('random.seed(42); random.shuffle(names): the whole permutation (by SHA-256), its ends, the words', () => {
    const words = lectureNames();
    expect(words.length).toBe(fx.names.count);
    const perm = new PythonRandom(42).shuffle(Array.from({ length: words.length }, (_, i) => i));
    expect(perm.slice(0, 50)).toEqual(fx.names.perm_head);
    expect(perm.slice(-50)).toEqual(fx.names.perm_tail);
    expect(sha(perm)).toBe(fx.names.perm_sha256);
    const shuffled = perm.map((i) => words[i]);
    expect(shuffled.slice(0, 20)).toEqual(fx.names.first_words);
    expect(shuffled.slice(fx.names.n1, fx.names.n1 + 5)).toEqual(fx.names.words_at_n1);
    expect(shuffled.slice(fx.names.n2, fx.names.n2 + 5)).toEqual(fx.names.words_at_n2);
  });
  it('errors name the problem', () => {
    expect(() => new PythonRandom(1.5)).toThrow(/safe integer or a bigint, got 1.5/);
    expect(() => new PythonRandom(1).randbelow(0)).toThrow(/positive integer, got 0/);
    expect(() => new PythonRandom(1).getrandbits(54)).toThrow(/\[0, 53\].*54/);
    expect(() => initByArray(new Uint32Array(624), [])).toThrow(/at least one word/);
  });
});
