/**
 * The `exp_f32` kernel (engine/fast/kernels/exp.ts) and its driver: its double d is only about
 * 2^-37 from e^x, so it lists (for the driver to redo with `expF32`) every group of 4 where a
 * lane's d lies within its band around a float32 rounding midpoint, and every input outside
 * (−87.3, 88.7). Here: the kernel itself, called on the scratch memory, lists the lanes known to
 * need it (inputs whose e^x is within 2^-38 of a midpoint, found by scanning with `Math.exp`)
 * and vouches right for the rest; and through `Tensor.exp`, SIMD on and off, in the arena and
 * outside it, every element is `Math.fround(Math.exp(x))` on edges (±0, subnormals, NaN payloads,
 * the range ends, the overflow and the normal/subnormal result thresholds), random bit patterns
 * and the near-midpoint inputs. The exhaustive check is in simd.spec.ts (`MAKEMORE_LONG_TESTS=1`).
 */
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor, setSimdEnabled } from '../../engine/index.js';
import { REGION, copyKernels, copyView } from '../../engine/fast/kernels.js';
import { closeScope, openScope } from '../../engine/memory/scope.js';
import { rng } from '../support/autograd-helpers.js';

const f32 = Math.fround;
afterEach(() => setSimdEnabled(true));

/** The float32 inputs with the given bit patterns. */
const fromBits = (bits: number[]): Float32Array => new Float32Array(Uint32Array.from(bits).buffer);
/** The bit pattern of float32 `v`. */
const bitsOf = (v: number): number => new Uint32Array(new Float32Array([v]).buffer)[0];

/** Bit patterns around float32 `v` (± `span` steps), both signs. */
function around(v: number, span: number): number[] {
  const b = bitsOf(v);
  const out: number[] = [];
  for (let d = -span; d <= span; d++) out.push((b + d) >>> 0, ((b + d) ^ 0x80000000) >>> 0);
  return out;
}

/** Inputs whose `Math.exp(x)` lies within `distance` (relative) of a float32 rounding midpoint, scanning `count` patterns from each start. */
function nearMidpoints(distance: number, starts: number[], count: number): number[] {
  const bits = new Uint32Array(1), x = new Float32Array(bits.buffer);
  const out: number[] = [];
  for (const start of starts) {
    for (let b = start; b < start + count; b++) {
      bits[0] = b;
      const y = Math.exp(x[0]), r = f32(y);
      const ulp = f32(r * (1 + 2 ** -23)) - r;
      if (Math.abs(Math.abs(y - r) - ulp / 2) / y < distance) out.push(b);
    }
  }
  return out;
}

// in (−87.3, 88.7), both signs, several binades of x and of e^x
const HARD = nearMidpoints(2 ** -38, [0x3f000000, 0xbf000000, 0x40800000, 0xc0800000, 0x42000000, 0xc2000000, 0x3c000000, 0x42a00000, 0xc2a80000], 1 << 20);

/** Edges: zeros, subnormals, ±∞, NaN payloads, the kernel's range ends, overflow (88.72284) and the smallest normal result (−87.33654). */
const EDGES = [0, 0x80000000, 1, 0x80000001, 0x007fffff, 0x807fffff, 0x00800000, 0x80800000, 0x7f800000, 0xff800000,
  0x7fc00000, 0xffc00000, 0x7f800001, 0xff800001, 0x7fffffff, 0x7fc12345, 0x7f7fffff, 0xff7fffff,
  ...around(-87.3, 40), ...around(88.7, 40), ...around(88.72283935546875, 40), ...around(-87.33654475, 40), ...around(-103.97, 20),
  ...around(2 ** -24, 20), ...around(2 ** -25, 20), ...around(Math.LN2 / 2048, 20), ...around(Math.LN2, 20)];

/** Run the kernel on `x` (length a multiple of 4, ≤ CHUNK) in the scratch memory: its output, the elements of the groups it listed, and the list itself. */
function runKernel(x: Float32Array): { out: Float32Array; listed: Set<number>; entries: number[] } {
  const A = REGION.a / 4, OUT = REGION.out / 4, LIST = REGION.list / 4;
  copyView.f32.set(x, A);
  const count = copyKernels!.exp(REGION.out, REGION.a, x.length, REGION.list);
  const entries = Array.from(copyView.i32.subarray(LIST, LIST + count));
  const listed = new Set<number>();
  for (const e of entries) for (let q = 0; q < 4; q++) listed.add(e + q);
  return { out: copyView.f32.slice(OUT, OUT + x.length), listed, entries };
}

describe.runIf(copyKernels !== null)('the exp_f32 kernel itself (the scratch memory)', () => {
  it('lists every lane whose e^x lies within 2^-38 of a float32 rounding midpoint', () => {
    expect(HARD.length).toBeGreaterThan(300); // the scan found inputs
    const x = fromBits(HARD.slice(0, HARD.length - (HARD.length % 4)));
    const { listed } = runKernel(x);
    for (let i = 0; i < x.length; i++) if (!listed.has(i)) expect.fail(`exp(${x[i]}) (0x${HARD[i].toString(16)}) is next to a midpoint but was not listed`);
  });

  it('lists every lane outside (−87.3, 88.7) and NaN; the lanes it does not list are fround(Math.exp(x))', () => {
    const r = rng(11);
    const bits = [...EDGES, ...Array.from({ length: 12000 }, () => Math.floor(r() * 2 ** 32))];
    const x = fromBits(bits.slice(0, bits.length - (bits.length % 4)));
    const { out, listed } = runKernel(x);
    for (let i = 0; i < x.length; i++) {
      const inside = x[i] > f32(-87.3) && x[i] < f32(88.7);
      if (!inside && !listed.has(i)) expect.fail(`exp(${x[i]}) is outside the kernel's range but was not listed`);
      if (!listed.has(i) && !Object.is(out[i], f32(Math.exp(x[i])))) expect.fail(`exp(${x[i]}): the kernel vouched for ${out[i]}, expected ${f32(Math.exp(x[i]))}`);
    }
  });

  it('the software pipeline: every length from 0 to 96 floats: unlisted lanes right, out-of-range lanes listed, one entry per listed group in order, nothing written past n', () => {
    const r = rng(14);
    const OUT = REGION.out / 4;
    for (let n = 0; n <= 96; n += 4) {
      // a mix of edges, near-midpoint inputs and random bit patterns, in a different order for each n
      const bits = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? EDGES[Math.floor(r() * EDGES.length)] : i % 3 === 1 ? HARD[Math.floor(r() * HARD.length)] : Math.floor(r() * 2 ** 32)));
      const x = fromBits(bits);
      copyView.f32.fill(-7, OUT, OUT + n + 8); // a sentinel after the output
      const { out, listed, entries } = runKernel(x);
      expect(entries.length).toBeLessThanOrEqual(n / 4);
      entries.forEach((e, k) => {
        expect(e % 4).toBe(0);
        expect(e).toBeLessThan(n);
        if (k > 0) expect(e).toBeGreaterThan(entries[k - 1]);
      });
      for (let i = 0; i < n; i++) {
        const inside = x[i] > f32(-87.3) && x[i] < f32(88.7);
        if (!inside && !listed.has(i)) expect.fail(`n=${n}: exp(${x[i]}) is outside the kernel's range but was not listed`);
        if (!listed.has(i) && !Object.is(out[i], f32(Math.exp(x[i])))) expect.fail(`n=${n}: exp(${x[i]}) (lane ${i}): the kernel vouched for ${out[i]}, expected ${f32(Math.exp(x[i]))}`);
      }
      for (let i = n; i < n + 8; i++) expect(copyView.f32[OUT + i]).toBe(-7);
    }
  });

  it('vouches for nearly every lane in its range (the groups it lists hold fewer than 1% of random inputs)', () => {
    const r = rng(12);
    const x = Float32Array.from({ length: 16384 }, () => (r() - 0.5) * 170);
    const { out, listed } = runKernel(x);
    expect(listed.size).toBeLessThan(0.01 * x.length);
    for (let i = 0; i < x.length; i++) if (!listed.has(i) && !Object.is(out[i], f32(Math.exp(x[i])))) expect.fail(`exp(${x[i]}): got ${out[i]}`);
  });
});

for (const simd of [true, false]) for (const arena of [false, true]) describe(`Tensor.exp (SIMD ${simd ? 'on' : 'off'}, ${arena ? 'in the arena' : 'outside the arena'})`, () => {
  const run = (x: Float32Array): Float32Array => {
    setSimdEnabled(simd);
    const scope = arena ? openScope() : null;
    try {
      let t = Tensor.fromArray(x, [x.length], 'float32');
      if (arena) t = t.clone();
      return Float32Array.from(t.exp().toTypedArray());
    } finally {
      if (scope !== null) {
        closeScope(scope);
        for (const st of scope) st.release();
      }
    }
  };
  it('every element equals fround(Math.exp(x)): edges, near-midpoint inputs, random bit patterns', () => {
    const r = rng(13);
    const cases = [...EDGES, ...HARD];
    for (const n of [cases.length, 1001, 16384 + 6, 70_000]) {
      const bits = Array.from({ length: n }, () => Math.floor(r() * 2 ** 32));
      bits.splice(0, Math.min(n, cases.length), ...cases.slice(0, n));
      const x = fromBits(bits);
      const got = run(x);
      for (let i = 0; i < n; i++) {
        const want = f32(Math.exp(x[i]));
        if (!Object.is(got[i], want)) expect.fail(`exp(${x[i]}) (0x${(bits[i] >>> 0).toString(16)}), n=${n}: got ${got[i]}, expected ${want}`);
      }
    }
  });
});

describe('Tensor.exp of float32 views (fast-check): the plain loop\'s bits, SIMD on, in the arena and outside', () => {
  const arbBits = fc.oneof(
    fc.constantFrom(...EDGES),
    fc.constantFrom(...HARD),
    fc.integer({ min: 0, max: 0xffffffff }),
    fc.float({ min: -90, max: 90, noNaN: true }).map(bitsOf),
  );
  it('every element of a contiguous view with an offset equals fround(Math.exp(x))', () => {
    fc.assert(fc.property(fc.array(arbBits, { minLength: 256, maxLength: 3000 }), fc.nat(9), fc.boolean(), (bits, offset, arena) => {
      const x = fromBits(bits);
      const n = x.length - offset;
      fc.pre(n >= 256);
      const scope = arena ? openScope() : null;
      try {
        let t = Tensor.fromArray(x, [x.length], 'float32');
        if (arena) t = t.clone();
        const view = t.narrow(0, offset, n); // contiguous, starting at element `offset`
        const got = view.exp().toTypedArray();
        for (let i = 0; i < n; i++) {
          const want = f32(Math.exp(x[offset + i]));
          if (!Object.is(got[i], want)) return false;
        }
        return true;
      } finally {
        if (scope !== null) {
          closeScope(scope);
          for (const st of scope) st.release();
        }
      }
    }), { numRuns: 60 });
  });
});

