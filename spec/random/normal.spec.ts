/**
 * torch.randn / normal_: every recorded randn case in both reference files, the lecture's 27x27
 * W in both kernels, the float64 paths, and the cached-normal and consumption rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fillExponential,
  fillNormal,
  fillUniform,
  fma32,
  Generator,
  multinomialKernel,
  nextDoubleNormal,
  type NormalKernel,
} from '../../engine/random/index.js';
import { bitsOfF32, describeIfFile, hasReference, loadReference, referencePath } from '../support/shared.js';

interface RandnCase {
  seed: number;
  n: number;
  values: number[];
  bits: string[];
}

function randn(kernel: NormalKernel, seed: number, n: number): Float32Array {
  return fillNormal(new Generator({ normalKernel: kernel }).manualSeed(seed), new Float32Array(n));
}

/** Float32 bit patterns that differ, as `index: ours/theirs`. */
function bitDiffs(ours: ArrayLike<number>, theirs: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < theirs.length; i++) {
    const b = bitsOfF32(ours[i]);
    if (b !== theirs[i]) out.push(`${i}: ${b}/${theirs[i]}`);
  }
  return out;
}

/** Distance in float32 ulps between a value and a bit pattern (same sign). */
function ulpDistance(x: number, hex: string): number {
  return Math.abs(parseInt(bitsOfF32(x), 16) - parseInt(hex, 16));
}

/** Distance in float64 ulps between two doubles of the same sign. */
function ulp64(a: number, b: number): number {
  const v = new DataView(new ArrayBuffer(16));
  v.setFloat64(0, a);
  v.setFloat64(8, b);
  return Number(v.getBigInt64(0) > v.getBigInt64(8) ? v.getBigInt64(0) - v.getBigInt64(8) : v.getBigInt64(8) - v.getBigInt64(0));
}

// ---------------------------------------------------------------------------------------------
// AVX2 kernel (torch's default on x86-64): everything bit for bit.

describeIfFile(referencePath('torch/rng.json'), 'torch.randn, AVX2 kernel, vs PyTorch 1.13.1 (torch/rng.json)', () => {
  const ref = hasReference('torch/rng.json') ? loadReference('torch/rng.json') : undefined;

  for (const c of (ref?.randn ?? []) as RandnCase[]) {
    const path = c.n < 16 ? 'per-element Box-Muller' : 'normal_fill_AVX2';
    it(`randn(${c.n}) for seed ${c.seed} (${path}) matches bit for bit`, () => {
      expect(Array.from(randn('avx2', c.seed, c.n), bitsOfF32)).toEqual(c.bits);
    });
  }

  it('randn_sequence_seed42: successive randn calls on one generator (cache across calls, n >= 16 leaves it) match', () => {
    const g = new Generator({ normalKernel: 'avx2' }).manualSeed(42);
    for (const c of ref.randn_sequence_seed42 as RandnCase[]) {
      expect(Array.from(fillNormal(g, new Float32Array(c.n)), bitsOfF32)).toEqual(c.bits);
    }
  });

  it('randn((27, 27)) for seed 2147483647 equals rng.json bit for bit (729 values + 16 recomputed tail)', () => {
    const bits: string[] = ref.randn_27x27_seed2147483647_bits.flat();
    expect(Array.from(randn('avx2', 2147483647, 729), bitsOfF32)).toEqual(bits);
  });
});

describeIfFile(referencePath('torch/lecture.json'), "the lecture's W_init, AVX2 kernel (torch/lecture.json)", () => {
  it('W = randn((27, 27), generator=g.manual_seed(2147483647)) equals W_init_bits', () => {
    const bits: string[] = loadReference('torch/lecture.json').W_init_bits.flat();
    expect(Array.from(randn('avx2', 2147483647, 729), bitsOfF32)).toEqual(bits);
  });
});

// ---------------------------------------------------------------------------------------------
// Scalar kernel (ATEN_CPU_CAPABILITY=default / ARM / Apple silicon).
//
// Why some values differ (torch-rng.md §3.3): the scalar normal_fill calls the C library's
// float logf/cosf/sinf. glibc's versions, which produced torch/scalar/*.json, are NOT correctly
// rounded (about 1% of inputs are off by one ulp), while this engine uses the correctly rounded
// Math.fround(Math.log/cos/sin). A glibc build of the same C code (checked ad hoc with gcc and
// glibc 2.36) reproduces the recorded values exactly, so every difference below is libm, not the
// algorithm: the uniforms, the block/tail structure and the rest of the arithmetic agree. The
// exact counts are asserted so that any change in behaviour is noticed. The per-element path
// (n < 16) uses double libm and matches exactly.

describeIfFile(referencePath('torch/scalar/rng.json'), 'torch.randn, scalar kernel, vs PyTorch 1.13.1 (torch/scalar/rng.json)', () => {
  const ref = hasReference('torch/scalar/rng.json') ? loadReference('torch/scalar/rng.json') : undefined;
  const cases = (ref?.randn ?? []) as RandnCase[];

  for (const c of cases.filter((c) => c.n < 16)) {
    it(`randn(${c.n}) for seed ${c.seed} (per-element Box-Muller) matches bit for bit`, () => {
      expect(Array.from(randn('scalar', c.seed, c.n), bitsOfF32)).toEqual(c.bits);
    });
  }

  for (const c of cases.filter((c) => c.n >= 16)) {
    it(`randn(${c.n}) for seed ${c.seed} (scalar normal_fill) is within 2 ulps of glibc's values everywhere`, () => {
      const ours = randn('scalar', c.seed, c.n);
      for (let i = 0; i < c.n; i++) expect(ulpDistance(ours[i], c.bits[i])).toBeLessThanOrEqual(2);
    });
  }

  it('differs from the glibc-recorded randn(n >= 16) values in exactly 21 of 916 values (libm last bits, see comment)', () => {
    const counts: Record<string, number> = {};
    let total = 0;
    let values = 0;
    for (const c of cases.filter((c) => c.n >= 16)) {
      const d = bitDiffs(randn('scalar', c.seed, c.n), c.bits).length;
      values += c.n;
      total += d;
      if (d) counts[`seed ${c.seed} n ${c.n}`] = d;
    }
    expect(values).toBe(916);
    expect(total).toBe(21);
    expect(counts).toEqual({
      'seed 0 n 31': 1,
      'seed 0 n 33': 1,
      'seed 0 n 100': 1,
      'seed 42 n 16': 1,
      'seed 42 n 17': 1,
      'seed 42 n 31': 1,
      'seed 42 n 32': 2,
      'seed 42 n 33': 1,
      'seed 42 n 100': 5,
      'seed 2147483647 n 16': 1,
      'seed 2147483647 n 31': 1,
      'seed 2147483647 n 32': 1,
      'seed 2147483647 n 33': 1,
      'seed 2147483647 n 100': 3,
    });
  });

  it('randn_sequence_seed42 (including its randn(20) block) matches bit for bit', () => {
    const g = new Generator({ normalKernel: 'scalar' }).manualSeed(42);
    for (const c of ref.randn_sequence_seed42 as RandnCase[]) {
      expect(Array.from(fillNormal(g, new Float32Array(c.n)), bitsOfF32)).toEqual(c.bits);
    }
  });

  it('randn((27, 27)) for seed 2147483647 differs from glibc in exactly 10 of 729 values, each by 1-2 ulps', () => {
    const bits: string[] = ref.randn_27x27_seed2147483647_bits.flat();
    const ours = randn('scalar', 2147483647, 729);
    const diffs = bitDiffs(ours, bits).map((d) => Number(d.split(':')[0]));
    expect(diffs).toEqual([4, 100, 110, 175, 214, 488, 562, 594, 617, 660]);
    for (const i of diffs) expect(ulpDistance(ours[i], bits[i])).toBeLessThanOrEqual(2);
  });
});

describeIfFile(referencePath('torch/scalar/lecture.json'), "the lecture's W_init, scalar kernel (torch/scalar/lecture.json)", () => {
  it('W_init_bits equals our scalar W except the same 10 glibc last-bit values', () => {
    const bits: string[] = loadReference('torch/scalar/lecture.json').W_init_bits.flat();
    const diffs = bitDiffs(randn('scalar', 2147483647, 729), bits).map((d) => Number(d.split(':')[0]));
    expect(diffs).toEqual([4, 100, 110, 175, 214, 488, 562, 594, 617, 660]);
  });
});

describeIfFile(referencePath('torch/rng.json'), 'the kernel flag selects the platform', () => {
  it('the scalar W differs from the AVX2 reference in 281 of 729 values; the AVX2 W in none', () => {
    const avx = loadReference('torch/rng.json').randn_27x27_seed2147483647_bits.flat() as string[];
    const ours = randn('scalar', 2147483647, 729);
    expect(bitDiffs(ours, avx).length).toBe(281);
    expect(bitDiffs(randn('avx2', 2147483647, 729), avx)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// float64 randn.
//
// Why every value matches: the float64 normal_fill (n >= 16) returns double results of double
// log/cos/sin directly. glibc's log/cos/sin (recorded) are correctly rounded on these inputs.
// V8's Math.log/cos/sin (fdlibm-based) are accurate to < 1 ulp but not always correctly
// rounded: with them, 3 recorded doubles differed from ours in the last bit ('seed 0 n 16 [0]',
// 'seed 0 n 17 [0]' in cos, 'seed 2147483647 n 16 [10]' in sin). The float64 paths now use the
// correctly rounded logF64/cosF64/sinF64 of engine/random/libm-f64.ts, so the count is 0.
// (For float32 outputs such a 1-ulp double difference almost never survives the final
// rounding, torch-rng.md §3.2.)

for (const file of ['torch/rng.json', 'torch/scalar/rng.json'] as const) {
  describeIfFile(referencePath(file), `torch.randn(dtype=float64) vs PyTorch 1.13.1 (${file})`, () => {
    const ref = hasReference(file) ? loadReference(file) : undefined;
    const cases = (ref?.randn_float64 ?? []) as { seed: number; n: number; values: number[] }[];

    for (const c of cases) {
      it(`randn(${c.n}, float64) for seed ${c.seed} is within 1 double ulp everywhere`, () => {
        const ours = fillNormal(new Generator().manualSeed(c.seed), new Float64Array(c.n));
        c.values.forEach((v, i) => expect(ulp64(ours[i], v)).toBeLessThanOrEqual(1));
      });
    }

    it('matches bit for bit (0 differences; 3 with V8 Math.cos/sin, see comment)', () => {
      const diffs: string[] = [];
      for (const c of cases) {
        const ours = fillNormal(new Generator().manualSeed(c.seed), new Float64Array(c.n));
        c.values.forEach((v, i) => {
          if (ours[i] !== v) diffs.push(`seed ${c.seed} n ${c.n} [${i}]`);
        });
      }
      expect(diffs).toEqual([]);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Structure, consumption and the cache.

/** Words consumed by a call, found by replaying raw words on a twin generator. */
function wordsConsumed(before: Generator, after: Generator): number {
  const twin = new Generator().setState(before.getState());
  const target = JSON.stringify(after.getState().mt) + after.getState().left;
  for (let k = 0; k < 100000; k++) {
    if (JSON.stringify(twin.getState().mt) + twin.getState().left === target) return k;
    twin.nextU32();
  }
  throw new Error('not found');
}

describe('normal_fill structure and consumption', () => {
  it('consumes n + (n % 16 ? 16 : 0) words (float32) or twice that (float64) for n >= 16', () => {
    for (const n of [16, 17, 31, 32, 33, 100, 729]) {
      for (const f64 of [false, true]) {
        const g = new Generator().manualSeed(n);
        const start = new Generator().setState(g.getState());
        fillNormal(g, f64 ? new Float64Array(n) : new Float32Array(n));
        expect(wordsConsumed(start, g)).toBe((n + (n % 16 ? 16 : 0)) * (f64 ? 2 : 1));
      }
    }
  });

  it('elements 0..n-17 come from the full blocks and the last 16 from the recomputed tail block', () => {
    for (const kernel of ['scalar', 'avx2'] as const) {
      const n = 37;
      const full = randn(kernel, 3, 32); // blocks 0 and 1 from the same first 32 uniforms
      const ours = randn(kernel, 3, n);
      expect(Array.from(ours.subarray(0, n - 16))).toEqual(Array.from(full.subarray(0, n - 16)));
      // The tail block is normal_fill_16 of the 16 uniforms after the first n: the same as a
      // generator positioned n words later filling 16 normals.
      const g3 = new Generator({ normalKernel: kernel }).manualSeed(3);
      for (let i = 0; i < n; i++) g3.nextU32();
      expect(Array.from(ours.subarray(n - 16))).toEqual(Array.from(fillNormal(g3, new Float32Array(16))));
    }
  });

  it('mean/std: AVX2 uses fma32(z, f32(std), f32(mean)); scalar rounds z*std then + mean; per-element f32(v*std + mean)', () => {
    const mean = 0.3;
    const std = 1.7;
    const m = Math.fround(mean);
    const s = Math.fround(std);
    for (const n of [5, 40]) {
      const z = randn('avx2', 8, n);
      const x = fillNormal(new Generator({ normalKernel: 'avx2' }).manualSeed(8), new Float32Array(n), mean, std);
      const zs = randn('scalar', 8, n);
      const xs = fillNormal(new Generator({ normalKernel: 'scalar' }).manualSeed(8), new Float32Array(n), mean, std);
      if (n >= 16) {
        z.forEach((v, i) => expect(x[i]).toBe(fma32(v, s, m)));
        zs.forEach((v, i) => expect(xs[i]).toBe(Math.fround(Math.fround(v * s) + m)));
      } else {
        const g = new Generator().manualSeed(8);
        for (let i = 0; i < n; i++) expect(x[i]).toBe(Math.fround(nextDoubleNormal(g) * std + mean));
      }
    }
  });

  it('a non-contiguous destination always takes the per-element path', () => {
    const g = new Generator().manualSeed(12);
    const out = fillNormal(g, new Float32Array(40), 0, 1, false);
    const h = new Generator().manualSeed(12);
    out.forEach((v) => expect(v).toBe(Math.fround(nextDoubleNormal(h))));
    expect(g.getState()).toEqual(h.getState());
  });

  it("rejects negative and NaN std with PyTorch's message", () => {
    expect(() => fillNormal(new Generator(), new Float32Array(3), 0, -1)).toThrow('normal expects std >= 0.0, but found std -1');
    expect(() => fillNormal(new Generator(), new Float32Array(30), 0, NaN)).toThrow('normal expects std >= 0.0');
  });
});

describe('the cached double normal', () => {
  it('randn(a) then randn(b) equals randn(a + b) on the per-element path (the cache carries over)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), (seed, a, b) => {
        fc.pre(a + b < 16);
        const g = new Generator().manualSeed(seed);
        const parts = [...fillNormal(g, new Float32Array(a)), ...fillNormal(g, new Float32Array(b))];
        expect(parts).toEqual(Array.from(randn('scalar', seed, a + b)));
      }),
      { numRuns: 100 },
    );
  });

  it('survives rand, randn(n >= 16), exponential_ and multinomial calls, then is used without drawing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 7 }).map((k) => 2 * k + 1), // odd n < 16 leaves a cached value
        fc.array(fc.constantFrom('rand', 'randn16+', 'randn64', 'exp', 'multinomial', 'multinomialNoRep', 'u32'), { maxLength: 6 }),
        fc.constantFrom<NormalKernel>('scalar', 'avx2'),
        (seed, n, between, kernel) => {
          const g = new Generator({ normalKernel: kernel }).manualSeed(seed);
          fillNormal(g, new Float32Array(n));
          const cached = g.cachedDoubleNormal;
          expect(cached).not.toBeNull();
          for (const op of between) {
            if (op === 'rand') fillUniform(g, new Float32Array(7));
            else if (op === 'randn16+') fillNormal(g, new Float32Array(16 + n));
            else if (op === 'randn64') fillNormal(g, new Float64Array(20));
            else if (op === 'exp') fillExponential(g, new Float32Array(5));
            else if (op === 'multinomial') multinomialKernel(g, new Float32Array([1, 2, 3]), 1, 3, 2, true);
            else if (op === 'multinomialNoRep') multinomialKernel(g, new Float32Array([1, 2, 3]), 1, 3, 2, false);
            else g.nextU32();
            expect(g.cachedDoubleNormal).toBe(cached);
          }
          const before = g.getState();
          const one = fillNormal(g, new Float32Array(1));
          expect(one[0]).toBe(Math.fround(cached!));
          expect(g.cachedDoubleNormal).toBeNull();
          expect({ ...g.getState(), normalCache: before.normalCache }).toEqual(before); // no words drawn
        },
      ),
      { numRuns: 100 },
    );
  });

  it('manualSeed clears it, so re-seeding restarts the per-element stream', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 15 }), (seed, n) => {
        const g = new Generator().manualSeed(seed);
        fillNormal(g, new Float32Array(1));
        expect(g.cachedDoubleNormal).not.toBeNull();
        g.manualSeed(seed);
        expect(g.cachedDoubleNormal).toBeNull();
        expect(Array.from(fillNormal(g, new Float32Array(n)))).toEqual(Array.from(randn('scalar', seed, n)));
      }),
      { numRuns: 50 },
    );
  });

  it('a fresh Box-Muller pair costs four words; the cached half costs none', () => {
    const g = new Generator().manualSeed(1);
    const s0 = new Generator().setState(g.getState());
    nextDoubleNormal(g);
    expect(wordsConsumed(s0, g)).toBe(4);
    const s1 = new Generator().setState(g.getState());
    nextDoubleNormal(g);
    expect(wordsConsumed(s1, g)).toBe(0);
  });
});
