/**
 * torch.multinomial (1.13.1): every recorded case and error message, the branch choice, the
 * libstdc++ tie order of topk, and the consumption rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkMultinomialArgs,
  fillUniform,
  Generator,
  multinomialKernel,
  topkIndices,
} from '../../engine/random/index.js';
import { bitsOfF32, describeIfFile, f32FromBits, hasReference, loadReference, referencePath } from '../support/shared.js';

interface MultinomialCase {
  desc: string;
  p: number[];
  num_samples?: number;
  replacement?: boolean;
  samples: number[];
}

const MSG = {
  negative: 'invalid multinomial distribution (encountering probability entry < 0)',
  nonfinite: 'invalid multinomial distribution (encountering probability entry = infinity or NaN)',
  sum: 'invalid multinomial distribution (sum of probabilities <= 0)',
  fast: 'probability tensor contains either `inf`, `nan` or element < 0',
};

function sample(g: Generator, p: number[], k: number, replacement: boolean, nrows = 1): number[] {
  return Array.from(multinomialKernel(g, new Float32Array(p), nrows, p.length / nrows, k, replacement));
}

for (const file of ['torch/rng.json', 'torch/scalar/rng.json'] as const) {
  describeIfFile(referencePath(file), `torch.multinomial vs PyTorch 1.13.1 (${file})`, () => {
    const ref = hasReference(file) ? loadReference(file) : undefined;
    const cases = (ref?.multinomial ?? []) as MultinomialCase[];

    it('30 x multinomial(p, 1, True) on the lecture p (CDF kernel, one random64 each) matches', () => {
      const c = cases[0];
      expect(c.desc).toContain('30 x multinomial(p,1,True)');
      const g = new Generator().manualSeed(2147483647);
      expect(Array.from({ length: 30 }, () => sample(g, c.p, 1, true)[0])).toEqual(c.samples);
    });

    it('one multinomial(p, 30, True) call gives the same 30 samples as 30 single calls (1.13 branch)', () => {
      const c = cases[1];
      expect(c.desc).toContain('one multinomial(p,30,True)');
      expect(sample(new Generator().manualSeed(2147483647), c.p, 30, true)).toEqual(c.samples);
    });

    it('30 x multinomial(p, 1, False) (exponential race + argmax, 3 random64 per call) matches', () => {
      const c = cases[2];
      expect(c.desc).toContain('30 x multinomial(p,1,False)');
      const g = new Generator().manualSeed(2147483647);
      expect(Array.from({ length: 30 }, () => sample(g, c.p, 1, false)[0])).toEqual(c.samples);
    });

    for (const c of cases.filter((c) => c.num_samples !== undefined)) {
      it(`p27 with zeros, multinomial(p27, ${c.num_samples}, ${c.replacement ? 'True' : 'False'}) matches${c.num_samples === 27 ? ' (zero-probability ties in libstdc++ order)' : ''}`, () => {
        expect(sample(new Generator().manualSeed(2147483647), c.p, c.num_samples!, c.replacement!)).toEqual(c.samples);
      });
    }

    it("the lecture's 100 samples: rand(3), normalise, multinomial(p, 100, True) on the same generator", () => {
      const g = new Generator().manualSeed(2147483647);
      const x = fillUniform(g, new Float32Array(3));
      expect(Array.from(x, bitsOfF32)).toEqual(ref.lecture_rand3_raw_bits);
      const p = (ref.lecture_rand3_normalized_bits as string[]).map(f32FromBits);
      expect(sample(g, p, 100, true)).toEqual(ref.lecture_multinomial_100_after_rand3);
    });

    const errors = (ref?.multinomial_error_messages ?? {}) as Record<string, string>;
    const scenarios: Record<string, () => unknown> = {
      negative_with_replacement: () => sample(new Generator(), [0.5, -0.1, 0.6], 2, true),
      negative_n1_with_replacement: () => sample(new Generator(), [0.5, -0.1, 0.6], 1, true),
      negative_without_replacement: () => sample(new Generator(), [0.5, -0.1, 0.6], 1, false),
      nan_with_replacement: () => sample(new Generator(), [0.5, NaN, 0.6], 2, true),
      nan_without_replacement: () => sample(new Generator(), [0.5, NaN, 0.6], 2, false),
      inf_with_replacement: () => sample(new Generator(), [0.5, Infinity, 0.6], 2, true),
      inf_without_replacement: () => sample(new Generator(), [0.5, Infinity, 0.6], 2, false),
      allzero_with_replacement: () => sample(new Generator(), [0, 0, 0], 2, true),
      allzero_without_replacement: () => sample(new Generator(), [0, 0, 0], 2, false),
      k_gt_n_without_replacement: () => checkMultinomialArgs(1, true, 'Float', 4, false, 3),
      k_zero: () => checkMultinomialArgs(1, true, 'Float', 0, true, 3),
      int_input: () => checkMultinomialArgs(1, false, 'Long', 2, true, 3),
      '3d_input': () => checkMultinomialArgs(3, true, 'Float', 2, true, 3),
    };
    for (const [key, message] of Object.entries(errors)) {
      it(`error '${key}' throws torch's exact message: ${message}`, () => {
        expect(scenarios[key], `no scenario for ${key}`).toBeDefined();
        expect(scenarios[key]).toThrow(new Error(message));
      });
    }
  });
}

describe('multinomial argument checks', () => {
  it("run in torch's order: dim, dtype, n_sample > 0, n_sample <= size(-1) without replacement, 2^24", () => {
    expect(() => checkMultinomialArgs(0, false, 'Long', 0, false, 3)).toThrow('prob_dist must be 1 or 2 dim');
    expect(() => checkMultinomialArgs(2, false, 'Int', 0, false, 3)).toThrow(
      'multinomial only supports floating-point dtypes for input, got: Int',
    );
    expect(() => checkMultinomialArgs(2, true, 'Float', 0, false, 2 ** 25)).toThrow('cannot sample n_sample <= 0 samples');
    expect(() => checkMultinomialArgs(2, true, 'Float', 4, false, 3)).toThrow(
      'cannot sample n_sample > prob_dist.size(-1) samples without replacement',
    );
    expect(() => checkMultinomialArgs(1, true, 'Float', 4, true, 2 ** 24 + 1)).toThrow('number of categories cannot exceed 2^24');
    expect(() => checkMultinomialArgs(1, true, 'Float', 4, true, 2 ** 24)).not.toThrow();
    expect(() => checkMultinomialArgs(2, true, 'Float', 5, true, 3)).not.toThrow();
  });

  it('the kernel rejects malformed sizes with clear errors', () => {
    const g = new Generator();
    expect(() => multinomialKernel(g, new Float32Array(5), 2, 3, 1, true)).toThrow(
      'multinomialKernel: probs has 5 elements, expected nrows * ncat = 2 * 3 = 6',
    );
    expect(() => multinomialKernel(g, new Float32Array(6), 2, 3, 1.5, true)).toThrow(
      'multinomialKernel: numSamples must be a non-negative integer, got 1.5',
    );
    expect(() => multinomialKernel(g, new Float32Array(6), 2, 3, 0, true)).toThrow('cannot sample n_sample <= 0 samples');
  });

  it('zero rows return an empty result without drawing', () => {
    const g = new Generator().manualSeed(1);
    const before = g.getState();
    expect(multinomialKernel(g, new Float32Array(0), 0, 3, 2, true)).toHaveLength(0);
    expect(g.getState()).toEqual(before);
  });
});

describe('multinomial value errors pick the branch and the moment torch does', () => {
  it('with replacement, a NaN or -inf entry reports "< 0" (the >= 0 test comes first)', () => {
    expect(() => sample(new Generator(), [1, -Infinity], 1, true)).toThrow(MSG.negative);
    expect(() => sample(new Generator(), [NaN, Infinity], 1, true)).toThrow(MSG.negative);
    expect(() => sample(new Generator(), [Infinity, NaN], 1, true)).toThrow(MSG.nonfinite);
  });

  it('with replacement, earlier rows have consumed their words when a later row fails', () => {
    const g = new Generator().manualSeed(5);
    expect(() => sample(g, [1, 2, 3, 1, -1, 3], 4, true, 2)).toThrow(MSG.negative);
    const h = new Generator().manualSeed(5);
    for (let i = 0; i < 4; i++) h.nextFloat64Uniform();
    expect(g.getState()).toEqual(h.getState());
  });

  it('without replacement, all checks run on the whole input before any draw; inf/nan/negative before zero rows', () => {
    const g = new Generator().manualSeed(5);
    const before = g.getState();
    expect(() => sample(g, [0, 0, 0, 1, -1, 3], 1, false, 2)).toThrow(MSG.fast);
    expect(() => sample(g, [1, 2, 3, 0, 0, 0], 1, false, 2)).toThrow(MSG.sum);
    expect(g.getState()).toEqual(before);
  });
});

describe('multinomial sampling rules', () => {
  it('with replacement: k single-sample calls equal one call of k samples (1-D)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.array(fc.float({ min: 0, max: 5, noNaN: true }), { minLength: 1, maxLength: 30 }).filter((p) => p.some((v) => v > 0)),
        fc.integer({ min: 1, max: 40 }),
        (seed, p, k) => {
          const g = new Generator().manualSeed(seed);
          const singles = Array.from({ length: k }, () => sample(g, p, 1, true)[0]);
          const h = new Generator().manualSeed(seed);
          expect(sample(h, p, k, true)).toEqual(singles);
          expect(h.getState()).toEqual(g.getState());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('with replacement: a 2-D call processes rows in order, each with its own CDF', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 8 }), (seed, rows, k) => {
        const p = Array.from({ length: rows * 4 }, (_, i) => ((i * 7) % 5) + 0.25);
        const g = new Generator().manualSeed(seed);
        const all = sample(g, p, k, true, rows);
        const h = new Generator().manualSeed(seed);
        const perRow = Array.from({ length: rows }, (_, r) => sample(h, p.slice(r * 4, r * 4 + 4), k, true)).flat();
        expect(all).toEqual(perRow);
      }),
      { numRuns: 50 },
    );
  });

  it('with replacement: zero categories are never drawn (except a leading zero, only when u == 0)', () => {
    const p = [0, 0.5, 0, 0, 1.5, 0, 2, 0];
    const counts = new Array(p.length).fill(0);
    for (const s of sample(new Generator().manualSeed(3), p, 5000, true)) counts[s]++;
    expect(counts.filter((_, i) => p[i] === 0)).toEqual([0, 0, 0, 0, 0]);
    expect(counts[6]).toBeGreaterThan(counts[4]);
  });

  it('with replacement: u is compared in double with the float32 CDF normalised by the float32 sum', () => {
    const g = new Generator().manualSeed(17);
    const p = new Float32Array([0.1, 0.2, 0.3, 0.4]);
    const out = multinomialKernel(g, p, 1, 4, 200, true);
    const h = new Generator().manualSeed(17);
    let s = 0;
    const cum = new Float32Array(4);
    p.forEach((v, j) => (cum[j] = s = Math.fround(s + v)));
    cum.forEach((v, j) => (cum[j] = v / s));
    cum[3] = 1;
    out.forEach((o) => {
      const u = h.nextFloat64Uniform();
      expect(o).toBe(cum.findIndex((c) => c >= u));
    });
  });

  it('without replacement: nrows * ncat random64 whatever k is; distinct indices, zeros last', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.array(fc.constantFrom(0, 0, 0.5, 1, 2.5, 1e-30), { minLength: 2, maxLength: 40 }).filter((p) => p.some((v) => v > 0)),
        fc.integer({ min: 1, max: 40 }),
        (seed, p, kRaw) => {
          const k = 1 + ((kRaw - 1) % p.length);
          const g = new Generator().manualSeed(seed);
          const out = sample(g, p, k, false);
          expect(new Set(out).size).toBe(k);
          const nonzero = p.filter((v) => v > 0).length;
          out.forEach((ix, j) => expect(p[ix] > 0).toBe(j < nonzero));
          const h = new Generator().manualSeed(seed);
          for (let i = 0; i < p.length; i++) h.nextFloat64Uniform();
          expect(g.getState()).toEqual(h.getState());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('without replacement, k = 1 is the argmax of p / Exp(1) and k > 1 starts with the same index', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 2, max: 30 }), (seed, n) => {
        const p = Array.from({ length: n }, (_, i) => (i % 3) + 0.5);
        const one = sample(new Generator().manualSeed(seed), p, 1, false);
        const many = sample(new Generator().manualSeed(seed), p, n, false);
        expect(many[0]).toBe(one[0]);
      }),
      { numRuns: 50 },
    );
  });

  it("spec example: p = [0.2, 0, 0, 0.8, 0, 0, 0, 0], k = 8 gives [3, 0, 4, 7, 6, 5, 2, 1] when 3 wins", () => {
    const p = [0.2, 0, 0, 0.8, 0, 0, 0, 0];
    let seed = 0;
    while (sample(new Generator().manualSeed(seed), p, 1, false)[0] !== 3) seed++;
    expect(sample(new Generator().manualSeed(seed), p, 8, false)).toEqual([3, 0, 4, 7, 6, 5, 2, 1]);
  });
});

describe('topk tie order (port of GCC 12 libstdc++ partial_sort / nth_element + sort)', () => {
  // Expected outputs produced by g++ 12.2 with std::partial_sort / std::nth_element + std::sort
  // and torch's comparator, as in TopKImpl.h.
  it('nth_element + sort(first, first + k - 1) when k * 64 > n: the spec example', () => {
    expect(Array.from(topkIndices(new Float32Array([0.2, 0, 0, 0.8, 0, 0, 0, 0]), 8))).toEqual([3, 0, 4, 7, 6, 5, 2, 1]);
  });

  it('partial_sort when k * 64 <= n (n = 200, k = 3, two non-zero keys)', () => {
    const v = new Float64Array(200);
    v[17] = 1;
    v[150] = 0.5;
    expect(Array.from(topkIndices(v, 3))).toEqual([17, 150, 1]);
  });

  it('nth_element on 200 mostly-zero keys with k = 100 (introselect, then introsort with insertion passes)', () => {
    const v = new Float64Array(200);
    v[3] = 2;
    v[99] = 1;
    v[180] = 3;
    expect(Array.from(topkIndices(v, 100))).toEqual([
      180, 3, 99, 190, 177, 178, 179, 181, 182, 183, 184, 185, 186, 187, 188, 189, 162, 191, 192, 193, 194, 195, 196,
      197, 198, 199, 174, 160, 150, 164, 163, 165, 169, 170, 171, 172, 173, 168, 161, 176, 159, 158, 157, 156, 155, 154,
      153, 152, 100, 147, 175, 113, 124, 123, 122, 121, 120, 119, 118, 117, 116, 115, 114, 125, 112, 111, 110, 109, 108,
      107, 106, 105, 104, 103, 102, 137, 148, 151, 146, 145, 144, 143, 142, 141, 140, 139, 138, 149, 136, 135, 134, 133,
      132, 131, 130, 129, 128, 127, 126, 166,
    ]);
  });

  it('NaN keys sort first, in libstdc++ order, and equal keys keep no stable order', () => {
    const v = Float64Array.from({ length: 40 }, (_, i) => (i * 7) % 5);
    v[11] = NaN;
    v[30] = NaN;
    expect(Array.from(topkIndices(v, 10))).toEqual([30, 11, 22, 17, 27, 12, 32, 7, 2, 37]);
  });

  it('rejects k outside 1..n', () => {
    expect(() => topkIndices(new Float32Array(3), 4)).toThrow('topkIndices: k must be an integer in [1, 3], got 4');
  });
});
