/**
 * The packing kernels of the small products (#18 session 9): `pack_cols8_f32` / `pack_rows8_f32`
 * (gemm_f32's B, row-major or transposed) and `pack_rows4_f64` / `pack_cols4_f64`
 * (gemm_tiles64's A and B, rows or columns contiguous), `demote_rows_f32` (gemm_tiles64's
 * float32 C, rounded and without its padding) and `transpose_f32` (gemm_f32's transposed A, staged
 * as rows). The product through `fastGemm` gives the
 * bits of the plain loop (`plainGemm`, the reference of ops/matmul.ts) for random shapes around
 * the MLP's (32×30·30×200, 32×200·200×30ᵀ), operands that are views with an offset and a row
 * stride longer than the row, row-major and transposed, in the arena (read in place) or not
 * (copied into the scratch memory), with NaN, ±inf, ±0, subnormal and huge values. Spies check
 * that the kernels ran.
 */
import * as fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setSimdEnabled, tidy } from '../../engine/index.js';
import { Storage } from '../../engine/storage.js';
import { copyKernels, kernels } from '../../engine/fast/kernels.js';
import { fastGemm } from '../../engine/fast/gemm.js';
import { plainGemm } from '../../engine/ops/matmul.js';
import { isArenaArray } from '../../engine/memory/arena.js';

afterEach(() => {
  vi.restoreAllMocks();
  setSimdEnabled(true);
});

const f32 = Math.fround;
/** Values that are not ordinary: NaN, ±inf, ±0, subnormals, huge (products that overflow). */
const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1e-45, -1e-45, 1e-40, f32(3.4e38), f32(-3.4e38), f32(1e-30)];

/** A deterministic stream of float32 values, about 1 in `rare` special (never mostly zero: the dense paths). */
function values(seed: number, rare: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32;
    if (u * rare < 1) return SPECIAL[Math.floor(u * rare * SPECIAL.length)];
    return f32((u - 0.5) * 16);
  };
}

/**
 * A `rows × cols` matrix stored in `data` (a float32 array) at an offset, with a row stride of
 * `cols + pad` (`transposed`: stored column by column, stride `rows + pad`): its elements, array,
 * offset and strides.
 */
interface Stored { data: Float32Array; offset: number; s0: number; s1: number }
function store(data: Float32Array, at: number, rows: number, cols: number, pad: number, transposed: boolean, next: () => number): Stored {
  const s0 = transposed ? 1 : cols + pad, s1 = transposed ? rows + pad : 1;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[at + i * s0 + j * s1] = next();
  return { data, offset: at, s0, s1 };
}

/** Bit patterns, as the engine's exactness tests compare them (NaN as NaN, −0 told from +0). */
const bits = (xs: ArrayLike<number>) => Array.from(xs, (x) => (Object.is(x, -0) ? '-0' : String(x)));

/** Run `f` with the packing kernels of `family` spied on (both memories); returns f's result and the calls per kernel. */
function withSpies<T>(family: 'packPanels8' | 'packPanels64', f: () => T): [T, Record<string, number>] {
  const spies = [kernels, copyKernels].filter((k, i, all) => k !== null && all.indexOf(k) === i).flatMap((ks) =>
    Object.keys(ks![family]).map((name) => [name, vi.spyOn(ks![family] as unknown as Record<string, () => void>, name)] as const));
  try {
    const result = f();
    const calls: Record<string, number> = {};
    for (const [name, spy] of spies) calls[name] = (calls[name] ?? 0) + spy.mock.calls.length;
    return [result, calls];
  } finally {
    for (const [, spy] of spies) spy.mockRestore();
  }
}

/** A float32 array of at least `n` elements: in the arena (inside the current tidy, 64 KiB at least) or an ordinary one. */
function floats(n: number, arena: boolean): Float32Array {
  if (!arena) return new Float32Array(n);
  const data = Storage.alloc('float32', Math.max(n, 1 << 14)).data as Float32Array;
  expect(isArenaArray(data)).toBe(true);
  return data;
}

/**
 * C = A·B by fastGemm and by plainGemm (float32), with the sums of matmul's rule for the shape,
 * each written at offset 3 of an array with 3 more elements after C (which must stay −1).
 */
function bothWays(n: number, k: number, m: number, f64: boolean, A: Stored, B: Stored): [string[], string[]] {
  const fast = new Float32Array(n * m + 6).fill(-1), plain = new Float32Array(n * m + 6).fill(-1);
  expect(fastGemm('float32', f64, n, k, m, A.data, A.offset, A.s0, A.s1, B.data, B.offset, B.s0, B.s1, fast, 3)).toBe(true);
  plainGemm('float32', f64, n, k, m, A.data, A.offset, A.s0, A.s1, B.data, B.offset, B.s0, B.s1, plain, 3);
  expect(bits([...fast.subarray(0, 3), ...fast.subarray(3 + n * m)])).toEqual(bits(new Float32Array(6).fill(-1)));
  return [bits(fast), bits(plain)];
}

/**
 * One product of the MLP's shapes (A row-major, B row-major or transposed, 1 value in 40
 * special), checked against the plain loop; returns the calls of `family`'s kernels.
 */
function mlpProduct(family: 'packPanels8' | 'packPanels64', f64: boolean, n: number, k: number, m: number, transB: boolean): Record<string, number> {
  const next = values(n * k + m, 40);
  const A = store(new Float32Array(n * k), 0, n, k, 0, false, next);
  const B = store(new Float32Array(k * m), 0, k, m, 0, transB, next);
  const [[got, want], calls] = withSpies(family, () => bothWays(n, k, m, f64, A, B));
  expect(got).toEqual(want);
  return calls;
}

const layout = fc.record({
  offsetA: fc.integer({ min: 0, max: 9 }), offsetB: fc.integer({ min: 0, max: 9 }),
  padA: fc.constantFrom(0, 0, 3), padB: fc.constantFrom(0, 0, 5),
  transA: fc.boolean(), transB: fc.boolean(), arena: fc.boolean(),
  seed: fc.integer({ min: 1, max: 2 ** 30 }), rare: fc.constantFrom(8, 60, 1e9),
});

describe('gemm_f32 with B packed by pack_cols8_f32 / pack_rows8_f32 equals the plain loop, bit for bit', () => {
  it('random shapes (n ≥ 4, m ≥ 8), row-major and transposed B, offsets, row strides, in the arena and not', () => {
    const shape = fc.record({ n: fc.integer({ min: 4, max: 40 }), k: fc.integer({ min: 1, max: 70 }), m: fc.integer({ min: 8, max: 70 }) })
      .filter(({ n, k, m }) => n * m * k >= 4096 && !(n * m <= 4096 && k > 4 * n)); // the dense float32 rule
    fc.assert(fc.property(shape, layout, ({ n, k, m }, o) => {
      const arenaA = o.seed % 2 === 0;
      let transposed = 0;
      const [[got, want], calls] = withSpies('packPanels8', () => tidy(() => {
        const next = values(o.seed, o.rare);
        const A = store(floats(o.offsetA + (n + 3) * (k + 3), arenaA), o.offsetA, n, k, o.padA, o.transA, next);
        const B = store(floats(o.offsetB + (k + 5) * (m + 5), o.arena), o.offsetB, k, m, o.padB, o.transB, next);
        const spy = vi.spyOn(kernels as unknown as Record<string, () => void>, 'transpose');
        try {
          return bothWays(n, k, m, false, A, B);
        } finally {
          transposed = spy.mock.calls.length;
          spy.mockRestore();
        }
      }));
      expect(got).toEqual(want);
      expect(calls[o.transB ? 'pack_rows8_f32' : 'pack_cols8_f32']).toBe(1);
      // a transposed A is staged by transpose_f32 when it is in the arena or its lines lie side by side
      expect(transposed).toBe(o.transA && (arenaA || o.padA === 0) ? 1 : 0);
    }), { numRuns: 150, seed: 9181 });
  });

  it('the MLP\'s products: 32×30 · 30×200, and 32×27 · (200×27)ᵀ', () => {
    for (const [n, k, m, transB] of [[32, 30, 200, false], [32, 27, 200, true]] as const) {
      expect(mlpProduct('packPanels8', false, n, k, m, transB)[transB ? 'pack_rows8_f32' : 'pack_cols8_f32']).toBe(1);
    }
  });
});

describe('gemm_tiles64 with A and B packed by pack_rows4_f64 / pack_cols4_f64 equals the plain loop, bit for bit', () => {
  it('random shapes with float64 sums (k > 4n, n·m ≤ 4096), rows or columns contiguous, offsets, row strides', () => {
    const shape = fc.record({ n: fc.integer({ min: 1, max: 33 }), m: fc.integer({ min: 1, max: 40 }), extra: fc.integer({ min: 1, max: 140 }) })
      .map(({ n, m, extra }) => ({ n, m, k: 4 * n + extra }))
      .filter(({ n, k, m }) => 4 * ((n + 3) >> 2) * k <= 8192 && 4 * ((m + 3) >> 2) * k <= 8192 && n * m * k >= 64);
    fc.assert(fc.property(shape, layout, ({ n, k, m }, o) => {
      let rows = 0;
      const [[got, want], calls] = withSpies('packPanels64', () => tidy(() => {
        const next = values(o.seed, o.rare);
        const A = store(floats(o.offsetA + (n + 3) * (k + 3), o.arena), o.offsetA, n, k, o.padA, o.transA, next);
        const B = store(floats(o.offsetB + (k + 5) * (m + 5), !o.arena), o.offsetB, k, m, o.padB, o.transB, next);
        // the rows kernel for A's rows (p stride 1) and for Bᵀ's rows (B's p stride 1), else the columns kernel
        rows = (A.s1 === 1 ? 1 : 0) + (B.s0 === 1 ? 1 : 0);
        return bothWays(n, k, m, true, A, B);
      }));
      expect(got).toEqual(want);
      expect([calls.pack_rows4_f64, calls.pack_cols4_f64]).toEqual([rows, 2 - rows]);
    }), { numRuns: 120, seed: 9182 });
  });

  it('the MLP\'s products: 32×200 · (30×200)ᵀ and 32×200 · 200×27', () => {
    for (const [n, k, m, transB] of [[32, 200, 30, true], [32, 200, 27, false]] as const) {
      const calls = mlpProduct('packPanels64', true, n, k, m, transB);
      expect(calls.pack_rows4_f64 + calls.pack_cols4_f64).toBe(2);
    }
  });

  it('SIMD off: the TypeScript packing and tiles give the same bits', () => {
    const next = values(77, 30);
    const A = store(new Float32Array(32 * 200), 0, 32, 200, 0, false, next);
    const B = store(new Float32Array(200 * 30), 0, 200, 30, 0, true, next);
    const [fast] = bothWays(32, 200, 30, true, A, B);
    setSimdEnabled(false);
    const [off, plain] = bothWays(32, 200, 30, true, A, B);
    expect(fast).toEqual(plain);
    expect(off).toEqual(plain);
  });
});
