/**
 * The fast float32 `log`, `tanh` and `sqrt` (engine/fast/log-f32.ts, tanh-f32.ts and their SIMD
 * kernels) and `x ** 2` (the multiplication's kernels) give exactly `Math.fround(Math.f(x))`
 * (`Math.pow(x, 2)`), the bits of the plain loop they replace, on
 * every kind of input: random bit patterns, the edges (±0, ±inf, NaN, subnormals, negatives),
 * inputs next to 1 and next to each algorithm's reduction boundaries, and inputs whose result lies next
 * to a float32 rounding midpoint (found by scanning with `Math.f` itself). Through the ops, with
 * the SIMD kernels on and off, in the arena and outside it, contiguous and strided.
 *
 * The exhaustive check over all 2^32 bit patterns is opt-in (`MAKEMORE_LONG_TESTS=1`, minutes).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor, setSimdEnabled } from '../../engine/index.js';
import { logF32Bits, logF32Kernel } from '../../engine/fast/log-f32.js';
import { tanhF32, tanhF32Kernel } from '../../engine/fast/tanh-f32.js';
import { kernels } from '../../engine/fast/kernels.js';
import { closeScope, openScope } from '../../engine/memory/scope.js';
import { rng } from '../support/autograd-helpers.js';

const f32 = Math.fround;
afterEach(() => setSimdEnabled(true));

type MathFn = 'log' | 'tanh' | 'sqrt' | 'pow2';
/** What each op computes today, in plain JavaScript (the float32 store rounds). */
const REF: Record<MathFn, (x: number) => number> = { log: Math.log, tanh: Math.tanh, sqrt: Math.sqrt, pow2: (x) => Math.pow(x, 2) };
/** The op under test. */
const OP: Record<MathFn, (t: Tensor) => Tensor> = { log: (t) => t.log(), tanh: (t) => t.tanh(), sqrt: (t) => t.sqrt(), pow2: (t) => t.pow(2) };

/** The float32 inputs with the given bit patterns. */
function fromBits(bits: number[] | Uint32Array): Float32Array {
  return new Float32Array(Uint32Array.from(bits).buffer);
}

/** Same float32 value, telling −0 from +0 (Object.is; every NaN counts as the same). */
function expectSame(got: ArrayLike<number>, x: Float32Array, fn: MathFn, what: string): void {
  const bits = new Uint32Array(x.buffer, x.byteOffset, x.length);
  for (let i = 0; i < x.length; i++) {
    const want = f32(REF[fn](x[i]));
    if (!Object.is(got[i], want)) expect.fail(`${what}: ${fn}(${x[i]}) (bits 0x${bits[i].toString(16)}): got ${Object.is(got[i], -0) ? '-0' : got[i]}, expected ${Object.is(want, -0) ? '-0' : want}`);
  }
}

/** Random bit patterns (every float32 class, both signs), then `extra`. */
function randomBits(n: number, seed: number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => Math.floor(r() * 2 ** 32));
}

/**
 * Float32 inputs whose double `f(x)` lies within 2^-36 (relative) of a float32 rounding midpoint,
 * scanning `count` bit patterns from each start: where a fast algorithm must not guess.
 */
function nearMidpoints(f: (x: number) => number, starts: number[], count: number): number[] {
  const bits = new Uint32Array(1), x = new Float32Array(bits.buffer);
  const out: number[] = [];
  for (const start of starts) {
    for (let b = start; b < start + count; b++) {
      bits[0] = b;
      const y = f(x[0]), r = f32(y);
      if (!Number.isFinite(y) || y === 0) continue;
      const ulp = Math.abs(f32(r * (1 + 2 ** -23)) - r) || 2 ** -149;
      if (Math.abs(Math.abs(y - r) - ulp / 2) / Math.abs(y) < 2 ** -36) out.push(b);
    }
  }
  return out;
}

/** Edge inputs every function must get right. */
const EDGES = [0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 1, 2, 0x007fffff, 0x00800000, 0x80000001,
  0x3f800000, 0x3f7fffff, 0x3f800001, 0xbf800000, 0x7f7fffff, 0xff7fffff, 0x3f330000, 0x3f32ffff, 0x3fb30000];

/** Bit patterns around `v` (± `span` float32 steps), both signs. */
function around(v: number, span: number): number[] {
  const b = new Uint32Array(new Float32Array([v]).buffer)[0];
  const out: number[] = [];
  for (let d = -span; d <= span; d++) out.push((b + d) >>> 0, ((b + d) ^ 0x80000000) >>> 0);
  return out;
}

/**
 * Inputs where the algorithm's double rounds to another float32 than `Math.f(x)` does (the true
 * value lies within both errors of a float32 midpoint), so only the redo gets them right: for
 * log, every such input of the exhaustive run over all non-negative float32s; for tanh, the run
 * (over part of the inputs) found none (docs/performance.md, "#18 math kernels").
 */
const REDO_NEEDED: Record<'log' | 'tanh', number[]> = {
  log: [0x3c413d3a, 0x41178feb],
  tanh: [],
};

const CASES: Record<MathFn, number[]> = {
  log: [
    ...REDO_NEEDED.log, ...REDO_NEEDED.log.map((b) => (b ^ 0x80000000) >>> 0),
    ...EDGES, ...around(1, 3000), ...around(2, 50), ...around(0.5, 50), ...around(0.69921875, 50), ...around(1.3984375, 50),
    ...Array.from({ length: 300 }, (_, i) => (i * 0x00800000 + 0x12345) >>> 0), // every binade
    ...nearMidpoints(Math.log, [0x3f000000, 0x3fc00000, 0x00800000, 0x7f000000, 0x4b000000, 0x3f7f0000], 1 << 19),
  ],
  tanh: [
    ...REDO_NEEDED.tanh, ...REDO_NEEDED.tanh.map((b) => (b ^ 0x80000000) >>> 0),
    // where exp's reduction of 2|x| changes table entry or power of two (k = 1, 64), the float32
    // saturation at 1, the clamp at 20, tiny inputs
    ...EDGES, ...around(Math.LN2 / 256, 2000), ...around(Math.LN2 / 2, 500), ...around(9.010913, 2000), ...around(20, 50), ...around(1e-30, 50), ...around(2 ** -12, 50),
    ...Array.from({ length: 300 }, (_, i) => (i * 0x00800000 + 0x54321) >>> 0),
    ...nearMidpoints(Math.tanh, [0x3d800000, 0x3e000000, 0x3f000000, 0x3f800000, 0x40800000, 0xbf400000, 0x39800000], 1 << 19),
  ],
  sqrt: [...EDGES, ...around(1, 2000), ...around(4, 50), ...Array.from({ length: 300 }, (_, i) => (i * 0x00800000 + 0x6789) >>> 0)],
  // squares that overflow to ∞ (from √(2^128)) and underflow to 0 or subnormals (below 2^-63)
  pow2: [...EDGES, ...around(1.8446744e19, 100), ...around(2 ** -63, 100), ...around(2 ** -75, 100), ...around(3, 50),
    ...Array.from({ length: 300 }, (_, i) => (i * 0x00800000 + 0x2468) >>> 0)],
};

describe('the TypeScript algorithms, element by element', () => {
  it('log (logF32Bits, logF32Kernel): random bit patterns, edges, next to 1, next to rounding midpoints', () => {
    const bits = [...randomBits(200_000, 1), ...CASES.log];
    const x = fromBits(bits);
    expect(CASES.log.length).toBeGreaterThan(8000); // the near-midpoint scan found inputs
    const out = new Float32Array(x.length);
    logF32Kernel(out, 0, x, 0, 1, x.length);
    expectSame(out, x, 'log', 'logF32Kernel');
    expectSame(x.map((v, i) => logF32Bits(v, bits[i] | 0)), x, 'log', 'logF32Bits');
  });

  it('tanh (tanhF32, tanhF32Kernel): random bit patterns, edges, reduction boundaries, next to rounding midpoints', () => {
    const x = fromBits([...randomBits(200_000, 2), ...CASES.tanh]);
    expect(CASES.tanh.length).toBeGreaterThan(8000);
    const out = new Float32Array(x.length);
    tanhF32Kernel(out, 0, x, 0, 1, x.length);
    expectSame(out, x, 'tanh', 'tanhF32Kernel');
    expectSame(x.map(tanhF32), x, 'tanh', 'tanhF32');
  });

  it('the kernels read strided inputs from an offset', () => {
    const x = fromBits(randomBits(3001, 3));
    const out = new Float32Array(1000);
    logF32Kernel(out, 0, x, 1, 3, 1000);
    const picked = Float32Array.from({ length: 1000 }, (_, i) => x[1 + 3 * i]);
    expectSame(out, picked, 'log', 'log, stride 3');
    tanhF32Kernel(out, 0, x, 1, 3, 1000);
    expectSame(out, picked, 'tanh', 'tanh, stride 3');
  });
});

for (const simd of [true, false]) for (const arena of [false, true]) describe(`the ops (SIMD ${simd ? 'on' : 'off'}, ${arena ? 'in the arena' : 'outside the arena'})`, () => {
  /** `fn` of the float32 tensor holding `x` (in the arena: made and computed inside a scope). */
  const run = (fn: MathFn, x: Float32Array, strided = false): Float32Array => {
    setSimdEnabled(simd);
    const scope = arena ? openScope() : null;
    try {
      let t = Tensor.fromArray(x, [x.length], 'float32');
      if (arena) t = t.clone();
      if (strided) t = t.view(x.length / 2, 2).T; // a transposed view: not contiguous
      return Float32Array.from(OP[fn](t).toTypedArray());
    } finally {
      if (scope !== null) {
        closeScope(scope);
        for (const st of scope) st.release();
      }
    }
  };
  for (const fn of ['log', 'tanh', 'sqrt', 'pow2'] as const) {
    it(`${fn}: every element equals ${fn === 'pow2' ? 'fround(Math.pow(x, 2))' : `fround(Math.${fn}(x))`} (random, edges, hard cases; lengths around the kernel's chunks)`, () => {
      const cases = fromBits(CASES[fn]);
      for (const n of [1, 7, 255, 256, 1001, 16384 + 5, 3 * 16384 + 2, 70_000]) {
        const x = fromBits(randomBits(n, n));
        x.set(cases.subarray(0, Math.min(n, cases.length)));
        expectSame(run(fn, x), x, fn, `${fn} n=${n}`);
      }
      expectSame(run(fn, cases), cases, fn, `${fn} hard cases`);
      const even = fromBits(randomBits(4000, 9));
      const t = run(fn, even, true);
      const order = Float32Array.from({ length: 4000 }, (_, i) => even[(i % 2000) * 2 + Math.floor(i / 2000)]);
      expectSame(t, order, fn, `${fn} of a transposed view`);
    });
  }
});

// Every float32 bit pattern: the only way to show that no input's result sits closer to a
// rounding midpoint than the algorithms' error. Opt-in (minutes).
describe.runIf(process.env.MAKEMORE_LONG_TESTS === '1')('exhaustive (MAKEMORE_LONG_TESTS=1): all 2^32 float32 bit patterns', () => {
  for (const fn of ['log', 'tanh', 'sqrt', 'pow2'] as const) for (const simd of kernels === null ? [false] : [true, false]) {
    it(`${fn} (SIMD ${simd ? 'on, in the arena' : 'off'}) equals the plain loop for every input`, () => {
      setSimdEnabled(simd);
      const N = 1 << 22;
      const bits = new Uint32Array(N), xs = new Float32Array(bits.buffer);
      let bad = 0;
      for (let start = 0; start < 2 ** 32; start += N) {
        for (let i = 0; i < N; i++) bits[i] = start + i;
        const scope = openScope();
        try {
          const got = OP[fn](Tensor.fromArray(xs, [N], 'float32').clone()).toTypedArray();
          for (let i = 0; i < N; i++) if (!Object.is(got[i], f32(REF[fn](xs[i])))) bad++;
        } finally {
          closeScope(scope);
          for (const st of scope) st.release();
        }
      }
      expect(bad).toBe(0);
    }, 3_600_000);
  }
});
