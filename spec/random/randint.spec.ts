/**
 * randint / randperm vs PyTorch 1.13.1: every case recorded by
 * scripts/fixtures/randint_randperm.py (values, shape, dtype, and the generator's next words, so
 * the number of words consumed is checked too), the error messages, and the short form.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Generator, randint, randperm, tensor } from '../../engine/index.js';
import { repoRoot } from '../support/shared.js';

const fx = JSON.parse(readFileSync(resolve(repoRoot, 'spec/fixtures/random/randint-randperm.json'), 'utf8'));

/** PyTorch's next random64 after the call, as its two words (first = high half). */
function next64(g: Generator): [number, number] {
  return [g.nextU32(), g.nextU32()];
}

describe('randint vs torch.randint (PyTorch 1.13.1 fixtures)', () => {
  for (const c of fx.randint as { seed: number; low: number; high: number; size: number[]; dtype: 'int32' | 'float32' | 'float64'; values: number[]; next64: [number, number] }[]) {
    it(`randint(${c.low}, ${c.high}, [${c.size}]) ${c.dtype}, seed ${c.seed}`, () => {
      const g = new Generator().manualSeed(c.seed);
      const t = randint(c.low, c.high, c.size, { generator: g, dtype: c.dtype });
      expect(t.shape).toEqual(c.size);
      expect(t.dtype).toBe(c.dtype);
      expect(Array.from(t.contiguous().storage.data as ArrayLike<number>)).toEqual(c.values);
      expect(next64(g)).toEqual(c.next64);
    });
  }
  for (const c of fx.randint_short as { seed: number; high: number; size: number[]; values: number[]; next64: [number, number] }[]) {
    it(`short form randint(${c.high}, [${c.size}]), seed ${c.seed}`, () => {
      const g = new Generator().manualSeed(c.seed);
      const t = randint(c.high, c.size, { generator: g });
      expect(t.shape).toEqual(c.size);
      expect(Array.from(t.storage.data as Int32Array)).toEqual(c.values);
      expect(next64(g)).toEqual(c.next64);
    });
  }
  it('a number as the 1-D size, in both forms', () => {
    const a = randint(0, 10, 5, { generator: new Generator().manualSeed(2147483647) });
    expect(a.shape).toEqual([5]);
    expect(a.tolist()).toEqual([1, 4, 9, 2, 3]);
    const b = randint(10, 5);
    expect(b.shape).toEqual([5]);
  });
  it("PyTorch's error for low >= high, and nothing drawn", () => {
    const g = new Generator().manualSeed(1);
    const before = g.getState();
    expect(() => randint(5, 5, [3], { generator: g })).toThrow(fx.errors.low_eq_high);
    expect(() => randint(6, 5, [3], { generator: g })).toThrow(fx.errors.low_gt_high);
    expect(g.getState()).toEqual(before);
  });
  it('bounds the dtype cannot hold, non-integers, bad shapes, bad options', () => {
    expect(() => randint(0, 2 ** 31 + 1, [2])).toThrow(/to - 1 is out of bounds for int .*2147483648/);
    expect(() => randint(-(2 ** 31) - 1, 0, [2])).toThrow(/from is out of bounds for int/);
    expect(() => randint(0, 2 ** 24 + 2, [2], { dtype: 'float32' })).toThrow(/to - 1 is out of bounds for float/);
    expect(() => randint(0.5, 3, [2])).toThrow(/low and high must be integers.*0\.5/);
    expect(() => randint(0, 3, [-1])).toThrow(/invalid shape \[-1\]/);
    expect(() => randint(0, 3, [2], { dtype: 'bool' as never })).toThrow(/dtype must be/);
    expect(() => randint(0, 3, [2], { generator: {} as never })).toThrow(/generator must be a Generator/);
  });
  it('values lie in [low, high) and every value occurs (a property over many draws)', () => {
    const t = randint(-3, 4, [7000], { generator: new Generator().manualSeed(9) });
    const seen = new Set(t.tolist() as number[]);
    expect([...seen].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });
});

describe('randperm vs torch.randperm (PyTorch 1.13.1 fixtures)', () => {
  for (const c of fx.randperm as { seed: number; n: number; values: number[]; next64: [number, number] }[]) {
    it(`randperm(${c.n}), seed ${c.seed}`, () => {
      const g = new Generator().manualSeed(c.seed);
      const t = randperm(c.n, { generator: g });
      expect(t.dtype).toBe('int32');
      expect(t.shape).toEqual([c.n]);
      expect(Array.from(t.storage.data as Int32Array)).toEqual(c.values);
      expect(next64(g)).toEqual(c.next64);
    });
  }
  for (const c of fx.randperm_big as { seed: number; n: number; first: number[]; last: number[]; checksum: number; next64: [number, number] }[]) {
    it(`randperm(${c.n}), seed ${c.seed}: ends, checksum, consumption`, () => {
      const g = new Generator().manualSeed(c.seed);
      const r = randperm(c.n, { generator: g }).storage.data as Int32Array;
      expect(Array.from(r.subarray(0, 20))).toEqual(c.first);
      expect(Array.from(r.subarray(c.n - 20))).toEqual(c.last);
      let s = 0;
      for (let i = 0; i < c.n; i++) s = (s + ((i * r[i]) % 2147483647)) % 2147483647;
      expect(s).toBe(c.checksum);
      expect(next64(g)).toEqual(c.next64);
      // a permutation: every value once
      expect(new Set(r).size).toBe(c.n);
    });
  }
  it("PyTorch's error for n < 0; non-integers", () => {
    expect(() => randperm(-1)).toThrow(fx.errors.randperm_negative);
    expect(() => randperm(2.5)).toThrow(/n must be an integer/);
  });
  it('tensor indexing with a permutation reorders rows', () => {
    const x = tensor([[0, 0], [1, 1], [2, 2]]);
    const p = randperm(3, { generator: new Generator().manualSeed(2147483647) });
    const rows = (x.index(p).tolist() as number[][]).map((r) => r[0]);
    expect(rows).toEqual(p.tolist());
  });
});
