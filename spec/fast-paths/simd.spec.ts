/**
 * The WebAssembly SIMD kernels (engine/fast/kernels/, their drivers in engine/fast/) give exactly
 * the bits of the plain path: float32 add/sub/mul/div computed as JavaScript does (double,
 * rounded to float32), exp as
 * `Math.fround(Math.exp(x))`, int32 → float32 as `Math.fround`. Sizes are above the kernels'
 * threshold and across chunk boundaries; layouts are those the drivers accept (full, one value
 * per row, scalar) and some they must decline.
 */
import * as fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Tensor, arange, isSimdEnabled, oneHot, setSimdEnabled } from '../../engine/index.js';
import { kernels, CHUNK } from '../../engine/fast/kernels.js';
import { isArenaArray } from '../../engine/memory/arena.js';
import { closeScope, openScope, type MemoryScope } from '../../engine/memory/scope.js';
import { cascadeSumF32 } from '../../engine/ops/cascade-sum.js';
import { rng } from '../support/autograd-helpers.js';
import { naiveMatmulF32 } from '../support/naive.js';

const f32 = Math.fround;
afterEach(() => setSimdEnabled(true));

/** float32 values of every kind: random magnitudes and signs, zeros, infinities, NaN. */
function values(n: number, seed: number, special = true): Float32Array {
  const r = rng(seed);
  const out = new Float32Array(n);
  const odd = [0, -0, Infinity, -Infinity, NaN, 1, -1, 88.7, -104, 88.72283935546875, 3.4e38, 1e-45];
  for (let i = 0; i < n; i++) {
    const u = r();
    if (special && u < 0.02) out[i] = odd[Math.floor(r() * odd.length)];
    else out[i] = (r() < 0.5 ? -1 : 1) * Math.exp((r() - 0.5) * 12) * (r() < 0.3 ? 10 : 1);
  }
  return out;
}

/** Same float32 value, telling −0 from +0 (Object.is; every NaN counts as the same). */
function expectSameBits(actual: ArrayLike<number>, expected: (i: number) => number, what: string): void {
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected(i))) expect.fail(`${what}: element ${i}: got ${Object.is(actual[i], -0) ? '-0' : actual[i]}, expected ${Object.is(expected(i), -0) ? '-0' : expected(i)}`);
  }
}

for (const arena of [false, true]) describe(arena ? 'the SIMD kernels, operands in the arena (inside a memory scope: used in place)' : 'the SIMD kernels, operands copied through the scratch memory', () => {
  // inside a scope (as in tidy and backward) large storages live in the kernels' memory
  let scope: MemoryScope | null = null;
  beforeEach(() => {
    if (arena) scope = openScope();
  });
  afterEach(() => {
    if (scope === null) return;
    closeScope(scope);
    for (const st of scope) st.release();
    scope = null;
  });
  /** An input tensor: in the arena (a copy made inside the scope) when testing the in-place path. */
  const input = (data: Float32Array | Int32Array, shape: number[], dtype: 'float32' | 'int32'): Tensor => {
    const t = Tensor.fromArray(data, shape, dtype);
    return arena ? t.clone() : t;
  };

  it('are built and enabled on this runtime (otherwise the rest of this file would test nothing)', () => {
    expect(kernels).not.toBeNull();
    expect(isSimdEnabled()).toBe(true);
    const big = input(new Float32Array(CHUNK), [CHUNK], 'float32');
    expect(isArenaArray(big.storage.data)).toBe(arena);
    expect(isArenaArray(big.exp().storage.data)).toBe(arena);
    setSimdEnabled(false);
    expect(isSimdEnabled()).toBe(false);
  });

  it('exp: every element equals fround(Math.exp(x)), including listed pairs and tails', () => {
    fc.assert(fc.property(arena ? fc.integer({ min: CHUNK, max: 3 * CHUNK }) : fc.integer({ min: 256, max: 3000 }), fc.nat(), (n, seed) => {
      const x = values(n, seed).map((v) => (Number.isFinite(v) && Math.abs(v) > 200 ? v / 1e6 : v));
      const y = input(x, [n], 'float32').exp().toTypedArray();
      expectSameBits(y, (i) => f32(Math.exp(x[i])), `exp n=${n}`);
    }), { numRuns: 40 });
    // over several chunks, and the range edges where the kernel hands pairs back
    const n = 2 * CHUNK + 7;
    const x = Float32Array.from({ length: n }, (_, i) => -110 + (200 * i) / n);
    const y = input(x, [n], 'float32').exp().toTypedArray();
    expectSameBits(y, (i) => f32(Math.exp(x[i])), 'exp ramp');
  });

  it('exp of hard inputs: e^x within 2^-30 of a float32 rounding midpoint (found with Math.exp), and the subnormal range', () => {
    // scan float32 inputs, keep those whose double e^x lies next to a midpoint of float32 rounding
    const hard: number[] = [];
    const bits = new Uint32Array(1), x = new Float32Array(bits.buffer);
    for (const start of [0x3f000000, 0xbf000000, 0x41000000, 0xc1200000, 0x42a00000, 0xc2a00000]) {
      for (let b = start; b < start + (1 << 21); b++) {
        bits[0] = b;
        const e = Math.exp(x[0]), r = f32(e);
        const ulp = Math.abs(f32(r * (1 + 2 ** -23)) - r) || 2 ** -149;
        const distance = Math.abs(Math.abs(e - r) - ulp / 2) / e; // from the nearer midpoint
        if (distance < 2 ** -30) hard.push(x[0]);
      }
    }
    for (let v = -104; v < -87; v += 0.37) hard.push(f32(v)); // subnormal and tiny normal results
    expect(hard.length).toBeGreaterThan(50); // the case is really exercised
    const n = hard.length - (hard.length % 4) + 4 * 64; // long enough for the kernel, padded with zeros
    const xs = new Float32Array(Math.max(n, 1024));
    xs.set(hard);
    const got = input(xs, [xs.length], 'float32').exp().toTypedArray();
    expectSameBits(got, (i) => f32(Math.exp(xs[i])), 'exp of hard inputs');
  });

  // The kernel's error bound and its midpoint band (kernels/exp.ts) are an argument; an exhaustive
  // run shows them right. Opt-in (minutes).
  it.runIf(process.env.MAKEMORE_LONG_TESTS === '1' && arena)('exhaustive (MAKEMORE_LONG_TESTS=1): exp of every float32 bit pattern equals fround(Math.exp(x))', () => {
    const N = 1 << 22;
    const bits = new Uint32Array(N), xs = new Float32Array(bits.buffer);
    let bad = 0;
    for (let start = 0; start < 2 ** 32; start += N) {
      for (let i = 0; i < N; i++) bits[i] = start + i;
      // in the arena (the shared kernels, split over the threads), released chunk by chunk
      const chunk = openScope();
      try {
        const got = input(xs, [N], 'float32').exp().toTypedArray();
        for (let i = 0; i < N; i++) if (!Object.is(got[i], f32(Math.exp(xs[i])))) bad++;
      } finally {
        closeScope(chunk);
        for (const st of chunk) st.release();
      }
    }
    expect(bad).toBe(0);
  }, 3_600_000);

  it('exp of a contiguous view with an offset (a slice) reads from the offset', () => {
    const R = arena ? 200 : 10; // rows of 100
    const x = input(values(R * 100, 3, false).map((v) => v / 100), [R, 100], 'float32');
    const part = x.index(arange(2, R - 1)); // a copy of rows 2…; and a narrow view from row 3:
    const view = x.narrow(0, 3, R - 5);
    expect(view.isContiguous()).toBe(true);
    const xv = x.toTypedArray();
    expectSameBits(view.exp().toTypedArray(), (i) => f32(Math.exp(xv[300 + i])), 'exp of a view');
    expectSameBits(part.exp().toTypedArray(), (i) => f32(Math.exp(xv[200 + i])), 'exp of a copy');
  });

  it('int32 → float32 rounds as Math.fround (beyond 2^24 too)', () => {
    const r = rng(5);
    const n = CHUNK + 13;
    const x = Int32Array.from({ length: n }, () => Math.floor((r() - 0.5) * 2 ** 32));
    x[0] = 2 ** 31 - 1; x[1] = -(2 ** 31); x[2] = 16777217; x[3] = 0;
    const y = input(x, [n], 'int32').float().toTypedArray();
    expectSameBits(y, (i) => f32(x[i]), 'int32 → float32');
  });

  const ops = {
    add: (a: Tensor, b: Tensor) => a.add(b), sub: (a: Tensor, b: Tensor) => a.sub(b),
    mul: (a: Tensor, b: Tensor) => a.mul(b), div: (a: Tensor, b: Tensor) => a.div(b),
  };
  const plain = { add: (p: number, q: number) => p + q, sub: (p: number, q: number) => p - q, mul: (p: number, q: number) => p * q, div: (p: number, q: number) => p / q };

  it('add, sub, mul, div: same shape, one value per row ([n, c] and [n, 1]), scalar, either side, 2-D and 3-D', () => {
    const k = arena ? 20 : 1; // more rows in the arena: large enough to live there
    const shapes: [number[], number[]][] = ([
      [[300, 27], [300, 27]], [[300, 27], [300, 1]], [[300, 1], [300, 27]], [[300, 27], [1]], [[1], [300, 27]],
      [[300, 27], []], [[7, 50, 9], [7, 50, 1]], [[2, 3000], [2, 1]], [[CHUNK + 5], [CHUNK + 5]], [[700, 30], [700, 1]],
      // layouts the drivers decline (plain loop): a row vector broadcast down the rows, a transposed operand
      [[300, 27], [27]], [[27, 300], [27, 1]],
    ] as [number[], number[]][]).map(([a, b]) => [a.map((d, i) => (i === 0 && d > 2 ? d * k : d)), b.map((d, i) => (i === 0 && d > 2 && b.length === a.length ? d * k : d))]);
    let seed = 1;
    for (const [sa, sb] of shapes) {
      for (const op of ['add', 'sub', 'mul', 'div'] as const) {
        const na = sa.reduce((p, d) => p * d, 1), nb = sb.reduce((p, d) => p * d, 1);
        const av = values(na, seed++), bv = values(nb, seed++);
        const a = input(av, sa, 'float32'), b = input(bv, sb, 'float32');
        const out = ops[op](a, b);
        const ref = ops[op](a.double(), b.double()); // float64 result: same broadcasting, then rounded below
        const refv = ref.toTypedArray();
        expectSameBits(out.toTypedArray(), (i) => f32(refv[i]), `${op} ${JSON.stringify(sa)} ${JSON.stringify(sb)}`);
        // and the plain float32 loop gives the same bits
        setSimdEnabled(false);
        const slow = ops[op](a, b).toTypedArray();
        setSimdEnabled(true);
        expectSameBits(out.toTypedArray(), (i) => slow[i], `${op} plain vs SIMD`);
      }
    }
  });

  it('x op x (one copy serves both operands) and two slices of one storage at different offsets equal the plain loop bit for bit', () => {
    fc.assert(fc.property(fc.integer({ min: 256, max: 3 * CHUNK + 40 }), fc.integer({ min: 0, max: 9 }), fc.nat(), fc.constantFrom('add', 'sub', 'mul', 'div'), (n, shift, seed, op) => {
      const xv = values(n + 10, seed);
      const x = input(xv, [n + 10], 'float32');
      const a = x.narrow(0, shift, n), b = x.narrow(0, 0, n); // views of one storage: equal only when shift = 0
      for (const [p, q, what] of [[a, a, 'x op x'], [a, b, 'x[s:] op x[:n]']] as const) {
        const out = ops[op](p, q).toTypedArray();
        expectSameBits(out, (i) => f32(plain[op](xv[shift + i], what === 'x op x' ? xv[shift + i] : xv[i])), `${op} ${what}, n ${n}, shift ${shift}`);
      }
      expectSameBits(x.pow(2).toTypedArray(), (i) => f32(xv[i] * xv[i]), `x ** 2, n ${n + 10}`);
    }), { numRuns: 25 });
  });

  it('in place (add_, sub_, mul_, div_): rows of 27 with a per-row operand, and x op= x', () => {
    const rows = arena ? 20000 : 300; // the per-row operand too must be large enough for the arena
    for (const op of ['add', 'sub', 'mul', 'div'] as const) {
      const av = values(rows * 27, 40), bv = values(rows, 41);
      const t = input(av, [rows, 27], 'float32').clone();
      const row = input(bv, [rows, 1], 'float32');
      ({ add: () => t.add_(row), sub: () => t.sub_(row), mul: () => t.mul_(row), div: () => t.div_(row) })[op]();
      expectSameBits(t.toTypedArray(), (i) => f32(plain[op](av[i], bv[Math.floor(i / 27)])), `${op}_ per row`);
      const u = input(av, [rows, 27], 'float32').clone();
      ({ add: () => u.add_(u), sub: () => u.sub_(u), mul: () => u.mul_(u), div: () => u.div_(u) })[op]();
      expectSameBits(u.toTypedArray(), (i) => f32(plain[op](av[i], av[i])), `${op}_ with itself`);
    }
  });

  it('random shapes with a last dimension broadcast (per-row operand) match the naive loop', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 4, max: 60 }),
      fc.constantFrom('add', 'sub', 'mul', 'div'), fc.boolean(), fc.nat(), (p, q, c, op, swap, seed) => {
        const av = values(p * q * c, seed), bv = values(p * q, seed + 1);
        const full = input(av, [p, q, c], 'float32'), row = input(bv, [p, q, 1], 'float32');
        const [x, y] = swap ? [row, full] : [full, row];
        const out = ops[op as keyof typeof ops](x, y).toTypedArray();
        const f = plain[op as keyof typeof plain];
        expectSameBits(out, (i) => {
          const r = Math.floor(i / c);
          return swap ? f32(f(bv[r], av[i])) : f32(f(av[i], bv[r]));
        }, `${op} [${p},${q},${c}] ${swap ? 'row first' : 'full first'}`);
      }), { numRuns: 60 });
  });

  /** The float32 matmul rule (naiveMatmulF32) for row-major a (n×k) and b (k×m). */
  function naiveMatmul(a: Float32Array, b: Float32Array, n: number, k: number, m: number): Float32Array {
    return naiveMatmulF32(n, k, m, (i, p) => a[i * k + p], (p, j) => b[p * m + j]);
  }
  /** A mostly-zero matrix (one-hot rows, sometimes two non-zeros, a NaN, a -0, other values). */
  function sparse(rows: number, cols: number, seed: number): Float32Array {
    const r = rng(seed);
    const a = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      a[i * cols + Math.floor(r() * cols)] = r() < 0.8 ? 1 : f32(r() * 4 - 2);
      if (r() < 0.2) a[i * cols + Math.floor(r() * cols)] = f32(r() - 0.5);
      if (r() < 0.02) a[i * cols + Math.floor(r() * cols)] = r() < 0.5 ? NaN : -0;
    }
    return a;
  }

  it('matmul of a one-hot A (the forward xenc · W) and of Aᵀ with a long k (the backward xencᵀ · G) equal the naive sums (float32 in order; the long-k case float64, rounded once)', () => {
    fc.assert(fc.property(fc.integer({ min: arena ? 500 : 20, max: arena ? 3000 : 600 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.nat(), (n, k, m, seed) => {
      const a = sparse(n, k, seed);
      const b = values(k * m, seed + 1, false);
      for (let i = seed % 7; i < b.length; i += 7) b[i] = i % 2 ? -0 : 1e-30; // 1·(−0) and tiny products: the sign of zero matters
      const fwd = input(a, [n, k], 'float32').matmul(input(b, [k, m], 'float32')).toTypedArray();
      const want = naiveMatmul(a, b, n, k, m);
      expectSameBits(fwd, (i) => want[i], `one-hot forward ${n}×${k}·${k}×${m}`);
      // backward shape: (k×n)·(n×m) with the first operand a transposed view
      const g = values(n * m, seed + 2, false);
      if (seed % 3 === 0) g[seed % (n * m)] = seed % 2 ? Infinity : NaN; // B not finite: no zero skipping (0·inf is NaN)
      const aT = new Float32Array(k * n);
      for (let i = 0; i < n; i++) for (let p = 0; p < k; p++) aT[p * n + i] = a[i * k + p];
      const bwd = input(a, [n, k], 'float32').T.matmul(input(g, [n, m], 'float32')).toTypedArray();
      const wantB = naiveMatmul(aT, g, k, n, m);
      expectSameBits(bwd, (i) => wantB[i], `transposed long-k ${k}×${n}·${n}×${m}`);
    }), { numRuns: 40 });
  });

  it('row sums of 8 to 31 floats (sum(-1) of float32) have the bits of cascadeSumF32, PyTorch\'s order', () => {
    fc.assert(fc.property(fc.integer({ min: 8, max: 31 }), fc.integer({ min: arena ? 2200 : 40, max: arena ? 4000 : 1500 }), fc.nat(), (len, rows, seed) => {
      const x = values(rows * len, seed); // magnitudes 1e-3 … 1e4 with ±0, ±inf, NaN: order-sensitive sums
      const got = input(x, [rows, len], 'float32').sum(1, true).toTypedArray();
      expectSameBits(got, (j) => cascadeSumF32(x, j * len, len), `row sums of ${len}`);
    }), { numRuns: 60 });
  });

  it('one-hot rows whose non-zero is tiny: a product that underflows to −0 adds to +0 and gives +0, as the naive float32 sum (the sign of zero, found by review)', () => {
    const n = arena ? 3000 : 300, k = 20, m = 8;
    const A = new Float32Array(n * k);
    for (let i = 0; i < n; i++) A[i * k + (i % k)] = i % 3 === 0 ? -1e-23 : i % 3 === 1 ? 1e-23 : -2;
    const B = new Float32Array(k * m).map((_, j) => (j % 4 === 0 ? 1e-23 : j % 4 === 1 ? -0 : j % 4 === 2 ? 0 : -1e-23));
    const got = input(A, [n, k], 'float32').matmul(input(B, [k, m], 'float32')).toTypedArray();
    const want = naiveMatmul(A, B, n, k, m);
    expectSameBits(got, (i) => want[i], 'tiny one-hot products');
    // the case is really exercised: some products are −0 in float32, and −2·(−0) is +0, −2·0 is −0
    expect(Object.is(f32(-1e-23 * f32(1e-23)), -0)).toBe(true);
    expect(Array.from(got).every((v) => !Object.is(v, -0))).toBe(true);
  });

  it('dense float32 matmul (the 4×8-tile kernel): random shapes, a transposed or strided A, a strided B, equal the naive float32 sums', () => {
    fc.assert(fc.property(fc.integer({ min: 4, max: arena ? 300 : 90 }), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 8, max: 70 }), fc.constantFrom('rows', 'transposed', 'strided'), fc.boolean(), fc.nat(), (n, k, m, layout, bT, seed) => {
      if (n * m <= 4096 && k > 4 * n) k = 4 * n; // stay out of the long-k case (tested above)
      const a = values(n * k, seed, false), b = values(k * m, seed + 1, false);
      if (seed % 5 === 0) a[seed % (n * k)] = seed % 2 ? Infinity : NaN; // non-finite values flow through
      let A: Tensor;
      if (layout === 'rows') A = input(a, [n, k], 'float32');
      else if (layout === 'transposed') {
        const aT = new Float32Array(k * n);
        for (let i = 0; i < n; i++) for (let p = 0; p < k; p++) aT[p * n + i] = a[i * k + p];
        A = input(aT, [k, n], 'float32').T;
      } else {
        const wide = new Float32Array(n * 2 * k);
        for (let i = 0; i < n; i++) for (let p = 0; p < k; p++) wide[i * 2 * k + 2 * p + 1] = a[i * k + p];
        A = input(wide, [n, k, 2], 'float32').select(2, 1); // column stride 2
      }
      let B: Tensor;
      if (bT) {
        const bTr = new Float32Array(m * k);
        for (let p = 0; p < k; p++) for (let j = 0; j < m; j++) bTr[j * k + p] = b[p * m + j];
        B = input(bTr, [m, k], 'float32').T;
      } else B = input(b, [k, m], 'float32');
      const got = A.matmul(B).toTypedArray();
      const want = naiveMatmul(a, b, n, k, m);
      expectSameBits(got, (i) => want[i], `dense ${n}×${k}·${k}×${m} (${layout}${bT ? ', Bᵀ' : ''})`);
    }), { numRuns: arena ? 25 : 40 });
  });

  it('sums over leading dims (sum(0), sum([0, 1])) equal float64 column sums in row order, rounded once', () => {
    fc.assert(fc.property(fc.integer({ min: arena ? 200 : 20, max: arena ? 2000 : 300 }), fc.integer({ min: 1, max: 90 }), fc.nat(), (rows, cols, seed) => {
      const x = values(rows * cols, seed);
      const want = (j: number) => {
        let s = 0;
        for (let i = 0; i < rows; i++) s += x[i * cols + j];
        return f32(s);
      };
      expectSameBits(input(x, [rows, cols], 'float32').sum(0, true).toTypedArray(), want, `sum(0) of ${rows}×${cols}`);
      if (rows % 2 === 0) expectSameBits(input(x, [2, rows / 2, cols], 'float32').sum([0, 1]).toTypedArray(), want, 'sum([0, 1])');
    }), { numRuns: 40 });
  });

  it('the lecture step gives the same loss and gradient bits with SIMD on and off', () => {
    const n = 5000, V = 27, r = rng(8);
    const xs = Tensor.fromArray(Int32Array.from({ length: n }, () => Math.floor(r() * V)), [n], 'int32');
    const ys = Tensor.fromArray(Int32Array.from({ length: n }, () => Math.floor(r() * V)), [n], 'int32');
    const W0 = Float32Array.from({ length: V * V }, () => (r() - 0.5) * 4);
    const run = () => {
      const W = Tensor.fromArray(W0.slice(), [V, V], 'float32').requiresGrad_();
      const xenc = oneHot(xs, V).float();
      const c = xenc.matmul(W).exp();
      const probs = c.div(c.sum(1, true));
      const loss = probs.index(arange(n), ys).log().mean().neg().add(W.pow(2).mean().mul(0.01));
      loss.backward();
      return { loss: loss.item(), grad: W.grad!.toTypedArray() };
    };
    const fast = run();
    setSimdEnabled(false);
    const slow = run();
    expect(fast.loss).toBe(slow.loss);
    expectSameBits(fast.grad, (i) => slow.grad[i], 'W.grad');
  });
});
