/**
 * The Generator: seeds as PyTorch stores them, the raw uniform draws, snapshots, validation, and
 * the replay property (a snapshot continues the exact same stream whatever was drawn).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEED,
  Generator,
  defaultGenerator,
  fillExponential,
  fillNormal,
  fillUniform,
  manualSeed,
  multinomialKernel,
  type GeneratorState,
} from '../../engine/random/index.js';

/** The next `n` raw words. */
function words(g: Generator, n: number): number[] {
  return Array.from({ length: n }, () => g.nextU32());
}

describe('Generator seeding', () => {
  it('starts from PyTorch default seed 67280421310721 with the scalar kernel', () => {
    const g = new Generator();
    expect(g.initialSeed()).toBe(67280421310721n);
    expect(DEFAULT_SEED).toBe(67280421310721n);
    expect(g.normalKernel).toBe('scalar');
    expect(words(g, 5)).toEqual(words(new Generator().manualSeed(67280421310721), 5));
  });

  it('seeds 5 and 2^32 + 5 give the same stream but different initialSeed()', () => {
    const a = new Generator().manualSeed(5);
    const b = new Generator().manualSeed(2 ** 32 + 5);
    expect(b.initialSeed()).toBe(2n ** 32n + 5n);
    expect(words(b, 700)).toEqual(words(a, 700));
  });

  it('maps negative seeds mod 2^64 like torch: -1 is 0xFFFFFFFFFFFFFFFF and seeds like 2^32 - 1', () => {
    const g = new Generator().manualSeed(-1);
    expect(g.initialSeed()).toBe(0xffffffffffffffffn);
    expect(words(g, 10)).toEqual(words(new Generator().manualSeed(0xffffffff), 10));
    expect(new Generator().manualSeed(-(2n ** 63n)).initialSeed()).toBe(2n ** 63n);
  });

  it('accepts bigint seeds up to 2^64 - 1 and numbers above 2^53 that are integers', () => {
    expect(new Generator().manualSeed(2n ** 64n - 1n).initialSeed()).toBe(2n ** 64n - 1n);
    expect(new Generator().manualSeed(2 ** 60).initialSeed()).toBe(2n ** 60n);
  });

  it.each([
    [1.5, 'manualSeed: the seed must be an integer, got 1.5'],
    [NaN, 'manualSeed: the seed must be an integer, got NaN'],
    [Infinity, 'manualSeed: the seed must be an integer, got Infinity'],
    [2n ** 64n, 'manualSeed: the seed must lie in [-2^63, 2^64), got 18446744073709551616'],
    [-(2n ** 63n) - 1n, 'manualSeed: the seed must lie in [-2^63, 2^64), got -9223372036854775809'],
  ])('rejects the seed %s with a clear error', (seed, message) => {
    const g = new Generator().manualSeed(7);
    const before = g.getState();
    expect(() => g.manualSeed(seed as number | bigint)).toThrow(message);
    expect(g.getState()).toEqual(before);
  });

  it('rejects seeds that are neither numbers nor bigints', () => {
    expect(() => new Generator().manualSeed('5' as unknown as number)).toThrow(
      'manualSeed: the seed must be a number or a bigint, got string',
    );
  });

  it('module-level manualSeed re-seeds and returns defaultGenerator, like torch.manual_seed', () => {
    const g = manualSeed(2147483647);
    expect(g).toBe(defaultGenerator);
    expect(g.initialSeed()).toBe(2147483647n);
    expect(g.nextFloat32Uniform()).toBe(0.7081288695335388);
  });
});

describe('Generator raw uniform draws', () => {
  it('nextFloat32Uniform keeps the low 24 bits of one word, times 2^-24', () => {
    const a = new Generator().manualSeed(3);
    const b = new Generator().manualSeed(3);
    for (let i = 0; i < 1000; i++) {
      const w = b.nextU32();
      const u = a.nextFloat32Uniform();
      expect(u).toBe((w % 2 ** 24) / 2 ** 24);
      expect(Math.fround(u)).toBe(u);
    }
  });

  it('nextFloat64Uniform uses random64 = (first << 32) | second and keeps its low 53 bits exactly', () => {
    const a = new Generator().manualSeed(4);
    const b = new Generator().manualSeed(4);
    for (let i = 0; i < 1000; i++) {
      const hi = BigInt(b.nextU32());
      const lo = BigInt(b.nextU32());
      const r64 = (hi << 32n) | lo;
      const expected = Number(r64 & ((1n << 53n) - 1n)) / 2 ** 53;
      expect(a.nextFloat64Uniform()).toBe(expected);
    }
  });
});

describe('Generator normal kernel flag', () => {
  it('is set by the constructor, the setter and setNormalKernel, and validated', () => {
    const g = new Generator({ normalKernel: 'avx2' });
    expect(g.normalKernel).toBe('avx2');
    g.normalKernel = 'scalar';
    expect(g.normalKernel).toBe('scalar');
    expect(g.setNormalKernel('avx2')).toBe(g);
    expect(g.normalKernel).toBe('avx2');
    expect(() => (g.normalKernel = 'neon' as 'avx2')).toThrow(
      "Generator.normalKernel: normalKernel must be 'scalar' or 'avx2', got neon",
    );
    expect(() => new Generator({ normalKernel: 'x' as 'avx2' })).toThrow("normalKernel must be 'scalar' or 'avx2'");
  });

  it('survives manualSeed (re-seeding changes the stream, not the platform)', () => {
    const g = new Generator({ normalKernel: 'avx2' }).manualSeed(1);
    expect(g.normalKernel).toBe('avx2');
  });
});

describe('Generator state snapshots', () => {
  it('getState is plain data: a JSON round trip restores the same stream and cache', () => {
    const g = new Generator({ normalKernel: 'avx2' }).manualSeed(-3);
    fillNormal(g, new Float32Array(3)); // leaves a cached normal
    const snap = JSON.parse(JSON.stringify(g.getState())) as GeneratorState;
    expect(snap.mt).toHaveLength(624);
    expect(snap.seed).toBe((2n ** 64n - 3n).toString());
    expect(snap.normalCache).not.toBeNull();
    expect(snap.normalKernel).toBe('avx2');
    const h = new Generator().setState(snap);
    expect(h.initialSeed()).toBe(2n ** 64n - 3n);
    expect(h.normalKernel).toBe('avx2');
    expect(Array.from(fillNormal(h, new Float32Array(5)))).toEqual(Array.from(fillNormal(g, new Float32Array(5))));
    expect(h.getState()).toEqual(g.getState());
  });

  it('getState copies the words: later draws do not change an earlier snapshot', () => {
    const g = new Generator().manualSeed(9);
    const snap = g.getState();
    const copy = [...snap.mt];
    words(g, 2000);
    expect(snap.mt).toEqual(copy);
  });

  const good = () => new Generator().manualSeed(1).getState();
  it.each<[string, (s: GeneratorState) => unknown, string]>([
    ['a null state', () => null, 'Generator.setState: expected a state object from getState(), got null'],
    ['a short mt', (s) => ({ ...s, mt: s.mt.slice(1) }), "Generator.setState: 'mt' must be an array of 624 words"],
    ['a word out of range', (s) => ({ ...s, mt: s.mt.map((w, i) => (i === 7 ? 2 ** 32 : w)) }), 'Generator.setState: mt[7] must be an integer in [0, 2^32), got 4294967296'],
    ['a fractional word', (s) => ({ ...s, mt: s.mt.map((w, i) => (i === 0 ? 0.5 : w)) }), 'Generator.setState: mt[0] must be an integer in [0, 2^32), got 0.5'],
    ['left = 0', (s) => ({ ...s, left: 0 }), "Generator.setState: 'left' must be an integer in [1, 624], got 0"],
    ['next = 625', (s) => ({ ...s, next: 625 }), "Generator.setState: 'next' must be an integer in [0, 624], got 625"],
    ['an inconsistent position', (s) => ({ ...s, left: 10, next: 10 }), 'Generator.setState: inconsistent position left=10, next=10 (expected left === 1 or left + next === 625)'],
    ['a negative seed', (s) => ({ ...s, seed: '-1' }), "Generator.setState: 'seed' must be a decimal string, got -1"],
    ['a seed of 2^64', (s) => ({ ...s, seed: (2n ** 64n).toString() }), "Generator.setState: 'seed' must lie in [0, 2^64), got 18446744073709551616"],
    ['a NaN cache', (s) => ({ ...s, normalCache: NaN }), "Generator.setState: 'normalCache' must be a finite number or null, got NaN"],
    ['an unknown kernel', (s) => ({ ...s, normalKernel: 'sse' }), "Generator.setState: normalKernel must be 'scalar' or 'avx2', got sse"],
  ])('setState rejects %s with a clear error and leaves the generator unchanged', (_name, mutate, message) => {
    const g = new Generator().manualSeed(77);
    words(g, 3);
    const before = g.getState();
    expect(() => g.setState(mutate(good()) as GeneratorState)).toThrow(message);
    expect(g.getState()).toEqual(before);
  });

  it('setState accepts a bigint seed and a Uint32Array of words', () => {
    const s = good();
    const g = new Generator().setState({ ...s, seed: 12n as unknown as string, mt: Uint32Array.from(s.mt) as unknown as number[] });
    expect(g.initialSeed()).toBe(12n);
    expect(g.getState().mt).toEqual(s.mt);
  });
});

// ---------------------------------------------------------------------------------------------
// Replay property: any sequence of draws from a snapshot is reproduced from that snapshot.

type Op =
  | { kind: 'u32'; n: number }
  | { kind: 'rand'; n: number; f64: boolean; lo: number; width: number }
  | { kind: 'randn'; n: number; f64: boolean; kernel: 'scalar' | 'avx2'; contiguous: boolean }
  | { kind: 'exp'; n: number; f64: boolean }
  | { kind: 'multinomial'; p: number[]; k: number; replacement: boolean }
  | { kind: 'seed'; seed: bigint };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('u32' as const), n: fc.integer({ min: 1, max: 1300 }) }),
  fc.record({
    kind: fc.constant('rand' as const),
    n: fc.integer({ min: 0, max: 40 }),
    f64: fc.boolean(),
    lo: fc.constantFrom(0, -1, 0.3),
    width: fc.constantFrom(1, 1.4, 10),
  }),
  fc.record({
    kind: fc.constant('randn' as const),
    n: fc.integer({ min: 0, max: 70 }),
    f64: fc.boolean(),
    kernel: fc.constantFrom('scalar' as const, 'avx2' as const),
    contiguous: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('exp' as const), n: fc.integer({ min: 0, max: 30 }), f64: fc.boolean() }),
  fc
    .record({
      p: fc.array(fc.float({ min: 0, max: 4, noNaN: true }), { minLength: 1, maxLength: 12 }),
      replacement: fc.boolean(),
      kRaw: fc.integer({ min: 1, max: 20 }),
    })
    .filter((r) => r.p.some((v) => v > 0))
    .map((r) => ({
      kind: 'multinomial' as const,
      p: r.p,
      replacement: r.replacement,
      k: r.replacement ? r.kRaw : 1 + ((r.kRaw - 1) % r.p.length),
    })),
  fc.record({ kind: fc.constant('seed' as const), seed: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }) }),
);

/** Run the ops, returning everything they produced (floats as exact numbers). */
function run(g: Generator, ops: Op[]): number[][] {
  return ops.map((op) => {
    switch (op.kind) {
      case 'u32':
        return words(g, op.n);
      case 'rand':
        return Array.from(fillUniform(g, op.f64 ? new Float64Array(op.n) : new Float32Array(op.n), op.lo, op.lo + op.width));
      case 'randn':
        g.normalKernel = op.kernel;
        return Array.from(fillNormal(g, op.f64 ? new Float64Array(op.n) : new Float32Array(op.n), 0, 1, op.contiguous));
      case 'exp':
        return Array.from(fillExponential(g, op.f64 ? new Float64Array(op.n) : new Float32Array(op.n)));
      case 'multinomial':
        return Array.from(multinomialKernel(g, new Float32Array(op.p), 1, op.p.length, op.k, op.replacement));
      case 'seed':
        g.manualSeed(op.seed);
        return [];
    }
  });
}

describe('Generator replay property', () => {
  it('the state after any sequence of calls equals the state after replaying it from getState()', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.array(opArb, { maxLength: 6 }),
        fc.array(opArb, { minLength: 1, maxLength: 10 }),
        (seed, warmup, ops) => {
          const g = new Generator().manualSeed(seed);
          run(g, warmup);
          const snap = JSON.parse(JSON.stringify(g.getState())) as GeneratorState;
          const first = run(g, ops);
          const replay = new Generator().setState(snap);
          expect(run(replay, ops)).toEqual(first);
          expect(replay.getState()).toEqual(g.getState());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('manualSeed(s) and manualSeed(s + m * 2^32) (also negative) give the same stream for any s, m', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.bigInt({ min: -(2n ** 31n), max: 2n ** 32n - 1n }), (s, m) => {
        const a = new Generator().manualSeed(s);
        const b = new Generator().manualSeed(BigInt(s) + m * 2n ** 32n);
        expect(words(b, 30)).toEqual(words(a, 30));
      }),
      { numRuns: 100 },
    );
  });
});
