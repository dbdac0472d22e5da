/**
 * The generator's SIMD kernels give the bits of the plain TypeScript loops:
 *
 * - MT19937 (engine/fast/kernels/mt19937.ts): bulk float32 uniforms equal `nextFloat32Uniform`
 *   drawn one by one, from any position of the state, and leave the same state behind;
 * - Box–Muller (engine/fast/kernels/box-muller.ts): every block the kernel writes equals the
 *   scalar `normal_fill_16` computed here with `Math.fround(Math.log/cos/sin)` (an independent
 *   loop), for random and hand-picked uniforms, and for every float32 uniform (2^24 values of u1
 *   and of u2) in the opt-in exhaustive test (`MAKEMORE_LONG_TESTS=1`);
 * - randn / normal_ with SIMD on and off agree bit for bit (odd sizes, the recomputed last block,
 *   mean and std, in the arena or not, one or two threads); the AVX2 kernel is untouched.
 */
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Generator, Tensor, multinomial, normal_, randn, setSimdEnabled, tidy, zeros } from '../../engine/index.js';
import { setNumThreads } from '../../engine/fast/threads.js';
import { startupThreads } from '../../engine/fast/thread-count.js';
import { CHUNK, REGION, copyKernels, copyView } from '../../engine/fast/kernels.js';
import { rng } from '../support/autograd-helpers.js';

afterEach(() => {
  setSimdEnabled(true);
  setNumThreads(startupThreads());
});

const f = Math.fround;
const TWO_PI = 6.283185307179586;

/** The scalar `normal_fill_16` on 16 uniforms (torch-rng.md §3.3), written out independently. */
function reference16(u: ArrayLike<number>, o: number, mean: number, std: number): Float32Array {
  const out = new Float32Array(16);
  for (let j = 0; j < 8; j++) {
    const radius = f(Math.sqrt(-2 * f(Math.log(1 - u[o + j]))));
    const theta = f(TWO_PI * u[o + j + 8]);
    out[j] = f(f(radius * f(Math.cos(theta))) * std) + mean;
    out[j + 8] = f(f(radius * f(Math.sin(theta))) * std) + mean;
  }
  return out;
}

const bits = new Int32Array(1);
const asF32 = new Float32Array(bits.buffer);
function f32Bits(v: number): number {
  asF32[0] = v;
  return bits[0];
}

/**
 * Run the kernel on `blocks` blocks of uniforms `u` (through the copy kernels' scratch memory);
 * every block it wrote must equal `reference16`. Returns how many it listed.
 */
function checkBlocks(u: Float32Array, mean: number, std: number): number {
  const k = copyKernels!;
  let listed = 0;
  const A = REGION.a / 4, LIST = REGION.list / 4;
  for (let b0 = 0; b0 < u.length / 16; b0 += CHUNK / 16) {
    const nb = Math.min(CHUNK / 16, u.length / 16 - b0);
    copyView.f32.set(u.subarray(16 * b0, 16 * (b0 + nb)), A);
    const count = k.boxMuller(REGION.a, nb, f32Bits(std), f32Bits(mean), REGION.list);
    const skipped = new Set(Array.from(copyView.i32.subarray(LIST, LIST + count)));
    listed += count;
    for (let b = 0; b < nb; b++) {
      const at = A + 16 * b;
      if (skipped.has(b)) {
        // a listed block is left as it was: its uniforms, for the TypeScript loop
        for (let j = 0; j < 16; j++) if (!Object.is(copyView.f32[at + j], u[16 * (b0 + b) + j])) expect.fail(`listed block ${b0 + b} was written`);
        continue;
      }
      const want = reference16(u, 16 * (b0 + b), mean, std);
      for (let j = 0; j < 16; j++) {
        if (!Object.is(copyView.f32[at + j], want[j])) {
          expect.fail(`block ${b0 + b}, element ${j} (u1 = ${1 - u[16 * (b0 + b) + (j % 8)]}, u2 = ${u[16 * (b0 + b) + (j % 8) + 8]}): got ${copyView.f32[at + j]}, expected ${want[j]}`);
        }
      }
    }
  }
  return listed;
}

/** Uniforms `k·2^-24` for the integers k given. */
const uniforms = (ks: ArrayLike<number>) => Float32Array.from(ks, (k) => k * 2 ** -24);

describe('MT19937 kernels: bulk float32 uniforms', () => {
  it('equal nextFloat32Uniform one by one from any position, and leave the same state', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1300 }), fc.integer({ min: 2048, max: 40_000 }), fc.nat(), (skip, n, seed) => {
      const a = new Generator().manualSeed(seed), b = new Generator().manualSeed(seed);
      for (let i = 0; i < skip; i++) {
        a.nextU32();
        b.nextU32();
      }
      const got = a.fillFloat32Uniforms(new Float32Array(n + 3), 2, n + 2);
      for (let i = 0; i < n; i++) if (got[i + 2] !== b.nextFloat32Uniform()) expect.fail(`uniform ${i} after ${skip} words`);
      expect(got[0]).toBe(0);
      expect(got[n + 2]).toBe(0);
      expect(a.getState()).toEqual(b.getState());
    }), { numRuns: 30 });
  });
});

describe('MT19937 kernels: bulk float64 uniforms (two words each) and multinomial', () => {
  it('fillFloat64Uniforms equals nextFloat64Uniform one by one (odd counts, pairs across a twist), and leaves the same state', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1300 }), fc.integer({ min: 1, max: 30_000 }), fc.nat(), (skip, n, seed) => {
      const a = new Generator().manualSeed(seed), b = new Generator().manualSeed(seed);
      for (let i = 0; i < skip; i++) {
        a.nextU32();
        b.nextU32();
      }
      const got = a.fillFloat64Uniforms(new Float64Array(n + 1), 1, n + 1);
      for (let i = 0; i < n; i++) if (got[i + 1] !== b.nextFloat64Uniform()) expect.fail(`uniform ${i} of ${n} after ${skip} words`);
      expect(a.getState()).toEqual(b.getState());
    }), { numRuns: 30 });
  });

  it('multinomial with replacement draws the same samples with SIMD on and off', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 20_000 }), fc.nat(), (ncat, samples, seed) => {
      const r = rng(seed);
      const p = Tensor.fromArray(Float32Array.from({ length: ncat }, () => (r() < 0.2 ? 0 : r())), [ncat]);
      if (p.sum().item() === 0) return;
      const on = multinomial(p, samples, { replacement: true, generator: new Generator().manualSeed(seed) }).toTypedArray();
      setSimdEnabled(false);
      const off = multinomial(p, samples, { replacement: true, generator: new Generator().manualSeed(seed) }).toTypedArray();
      setSimdEnabled(true);
      expect(Array.from(on)).toEqual(Array.from(off));
    }), { numRuns: 20 });
  });
});

describe('the Box–Muller kernel (randn\'s scalar normal_fill_16)', () => {
  it('is built where SIMD is', () => {
    expect(copyKernels?.boxMuller).toBeTypeOf('function');
  });

  it('random uniforms (few blocks listed), and small or large k (near-ties of log and cos: listed, never wrong)', () => {
    const r = rng(11);
    const random = new Int32Array(16 * 4096).map(() => Math.floor(r() * 2 ** 24));
    // fast-check's integers lean to small values and the bounds: u1 near 1 (log(1 − x) ≈ −x − x²/2
    // lands near float32 midpoints), u2 near 0 (cos θ near 1 − 2^-25), 0 and 1 − 2^-24
    const edgy = Int32Array.from(fc.sample(fc.integer({ min: 0, max: (1 << 24) - 1 }), 16 * 4096));
    for (const [mean, std] of [[0, 1], [f(0.5), f(3.25)], [-2, f(1e-3)]]) {
      expect(checkBlocks(uniforms(random), mean, std)).toBeLessThan(20); // a rare fallback, not the rule
      checkBlocks(uniforms(edgy), mean, std);
    }
  });

  it.runIf(process.env.MAKEMORE_LONG_TESTS === '1')('exhaustive (MAKEMORE_LONG_TESTS=1): every float32 uniform as u1 and as u2', () => {
    // block b, lane j: u1 = u2 = (8b + j)·2^-24, so every k < 2^24 is seen in both roles
    let listed = 0;
    const blocksPerRun = 1 << 14;
    for (let b0 = 0; b0 < (1 << 21); b0 += blocksPerRun) {
      const ks = new Int32Array(16 * blocksPerRun);
      for (let b = 0; b < blocksPerRun; b++) {
        for (let j = 0; j < 8; j++) ks[16 * b + j] = ks[16 * b + 8 + j] = 8 * (b0 + b) + j;
      }
      listed += checkBlocks(uniforms(ks), 0, 1);
    }
    expect(listed).toBeLessThan(1 << 12);
  }, 600_000);
});

describe('randn and normal_ with SIMD on and off', () => {
  /** randn of `n` with seed `seed` (optionally inside tidy: in the arena). */
  const draw = (n: number, seed: number, arena: boolean, kernel: 'scalar' | 'avx2' = 'scalar') => {
    const g = new Generator({ normalKernel: kernel }).manualSeed(seed);
    return arena ? tidy(() => randn([n], { generator: g }).clone().toTypedArray()) : randn([n], { generator: g }).toTypedArray();
  };

  for (const threads of [1, 2]) {
    it(`equal bits for odd sizes, the recomputed last block, in the arena or not (${threads} thread${threads > 1 ? 's' : ''})`, () => {
      fc.assert(fc.property(fc.integer({ min: 16, max: 200_000 }), fc.nat(), fc.boolean(), (n, seed, arena) => {
        setNumThreads(threads);
        const on = draw(n, seed, arena);
        setSimdEnabled(false);
        const off = draw(n, seed, arena);
        setSimdEnabled(true);
        for (let i = 0; i < n; i++) if (!Object.is(on[i], off[i])) expect.fail(`randn(${n}), seed ${seed}: element ${i}: ${on[i]} vs ${off[i]}`);
      }), { numRuns: 12 });
    });
  }

  it('randn draws its uniforms and transforms them in one pass (simdNormalFill) with the bits and the stream position of the plain loop: sizes at the chunk, block and thread thresholds, 1 and 2 threads, in the arena or not', () => {
    const sizes = [16, 127, 128, 2047, 2048, 2049, CHUNK - 1, CHUNK, CHUNK + 15, 3 * CHUNK + 7, 16 * 8192 - 1, 16 * 8192, 16 * 8192 + 17, 300_003];
    for (const threads of [1, 2]) {
      for (const n of sizes) {
        for (const arena of [false, true]) {
          const run = () => {
            const g = new Generator().manualSeed(n + 11);
            const values = arena ? tidy(() => randn([n], { generator: g }).clone().toTypedArray()) : randn([n], { generator: g }).toTypedArray();
            // the next words of the stream after the draw: where the generator was left
            return { values, after: [g.nextU32(), g.nextU32(), g.nextU32()] };
          };
          setNumThreads(threads);
          const on = run();
          setSimdEnabled(false);
          const off = run();
          setSimdEnabled(true);
          expect(on.after, `stream position after randn(${n})`).toEqual(off.after);
          for (let i = 0; i < n; i++) if (!Object.is(on.values[i], off.values[i])) expect.fail(`randn(${n}), ${threads} thread(s), arena ${arena}: element ${i}: ${on.values[i]} vs ${off.values[i]}`);
        }
      }
    }
  }, 120_000);

  it('normal_(mean, std) on a large tensor, and the AVX2 kernel, are unchanged', () => {
    const run = () => {
      const t = zeros([300_001]);
      normal_(t, 0.25, 2.5, { generator: new Generator().manualSeed(7) });
      return t.toTypedArray();
    };
    const on = run();
    const avxOn = draw(70_000, 3, false, 'avx2');
    setSimdEnabled(false);
    const off = run();
    const avxOff = draw(70_000, 3, false, 'avx2');
    for (let i = 0; i < on.length; i++) if (!Object.is(on[i], off[i])) expect.fail(`normal_: element ${i}`);
    for (let i = 0; i < avxOn.length; i++) if (!Object.is(avxOn[i], avxOff[i])) expect.fail(`avx2: element ${i}`);
  });
});
