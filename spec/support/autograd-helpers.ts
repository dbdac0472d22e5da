/**
 * Shared helpers of the autograd specs: a seeded PRNG for test data, leaves built from plain
 * arrays, fast-check arbitraries for shapes and broadcast pairs, plain-loop reference maths, and
 * `checkOp`, which gradchecks an op in float64 and compares the float32 gradients with the
 * float64 ones.
 *
 * Expected values never come from the engine's own backward: gradcheck compares it with central
 * finite differences, and the hand derivations compare it with closed forms computed here with
 * plain loops on JS arrays.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { gradcheck, Tensor, type DType } from '../../engine/index.js';

// ------------------------------------------------------------------ random data

/** mulberry32: a tiny deterministic PRNG giving floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
export function shuffle(n: number, r: () => number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/** What values an input needs so that its op is differentiable and well conditioned there. */
export type Domain =
  | 'any' // [-2, 2]
  | 'positive' // [0.3, 2.5]
  | 'awayFromZero' // ±[0.5, 2]
  | 'distinct' // all different, at least 0.2 apart (max over a dim without ties)
  | 'exponent'; // [-2, 2], for number ** tensor and tensor ** tensor

/**
 * `n` values for `domain`, each exactly representable in float32 (so the float32 and float64
 * runs start from identical inputs).
 */
export function values(n: number, seed: number, domain: Domain = 'any'): number[] {
  const r = rng(seed);
  const out: number[] = [];
  if (domain === 'distinct') {
    const perm = shuffle(n, r);
    for (let i = 0; i < n; i++) out.push(Math.fround((perm[i] - n / 2) * 0.3 + r() * 0.05));
    return out;
  }
  for (let i = 0; i < n; i++) {
    const u = r();
    let v: number;
    switch (domain) {
      case 'positive': v = 0.3 + 2.2 * u; break;
      case 'awayFromZero': v = (0.5 + 1.5 * u) * (r() < 0.5 ? -1 : 1); break;
      default: v = -2 + 4 * u;
    }
    out.push(Math.fround(v));
  }
  return out;
}

/** Product of the sizes. */
export function numel(shape: readonly number[]): number {
  return shape.reduce((p, d) => p * d, 1);
}

/** A contiguous tensor holding `data` (row-major) in `dtype`. */
export function fromValues(data: readonly number[], shape: readonly number[], dtype: DType = 'float64', requiresGrad = false): Tensor {
  const arr = dtype === 'float64' ? Float64Array.from(data) : dtype === 'float32' ? Float32Array.from(data) : Int32Array.from(data);
  const t = Tensor.fromArray(arr, shape, dtype);
  return requiresGrad ? t.requiresGrad_() : t;
}

/** The elements of a tensor as a plain number array, row-major. */
export function flat(t: Tensor): number[] {
  return Array.from(t.toTypedArray(), Number);
}

// ------------------------------------------------------------------ op inputs

/**
 * One input of an op under test: its logical shape, value domain, and whether the op should see
 * it as a non-contiguous view (a leaf stored with its last two dims swapped, then transposed
 * back).
 */
export interface InputSpec {
  shape: readonly number[];
  seed: number;
  domain?: Domain;
  transposed?: boolean;
}

function storedShape(spec: InputSpec): number[] {
  const s = [...spec.shape];
  if (spec.transposed && s.length >= 2) [s[s.length - 2], s[s.length - 1]] = [s[s.length - 1], s[s.length - 2]];
  return s;
}

/** The leaf (contiguous, requires grad) that backs an input. */
export function makeLeaf(spec: InputSpec, dtype: DType): Tensor {
  const shape = storedShape(spec);
  return fromValues(values(numel(shape), spec.seed, spec.domain ?? 'any'), shape, dtype, true);
}

/** What the op sees: the leaf itself, or its transposed (non-contiguous) view. */
export function presented(leaf: Tensor, spec: InputSpec): Tensor {
  return spec.transposed && spec.shape.length >= 2 ? leaf.transpose(-1, -2) : leaf;
}

/** Options of `checkOp`. */
export interface CheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Skip the float32 comparison (for ops defined only in float64). */
  skipFloat32?: boolean;
  /** Relative tolerance of the float32-vs-float64 gradient comparison (default 2e-4). */
  f32rtol?: number;
}

/**
 * Check an op's gradients:
 * 1. float64: `gradcheck` (full Jacobian against central finite differences) on leaves that the
 *    op may see transposed (non-contiguous);
 * 2. float32: the same op on the same values in float32, backward with the same upstream
 *    gradient G, gives leaf gradients within a float32 tolerance of the float64 ones, and of
 *    dtype float32.
 */
export function checkOp(fn: (...xs: Tensor[]) => Tensor, specs: readonly InputSpec[], opts: CheckOptions = {}): void {
  const run = (leaves: Tensor[]) => fn(...leaves.map((l, i) => presented(l, specs[i])));
  const leaves64 = specs.map((s) => makeLeaf(s, 'float64'));
  gradcheck((...ls) => run(ls), leaves64, { eps: opts.eps, atol: opts.atol, rtol: opts.rtol });
  if (opts.skipFloat32) return;

  const out64 = run(leaves64);
  expect(out64.dtype).toBe('float64');
  const G = values(out64.numel(), 12345, 'any');
  leaves64.forEach((l) => (l.grad = null));
  if (out64.requiresGrad) out64.mul(fromValues(G, out64.shape, 'float64')).sum().backward();

  const leaves32 = specs.map((s) => makeLeaf(s, 'float32'));
  const out32 = run(leaves32);
  expect(out32.dtype).toBe('float32');
  expect(out32.shape).toEqual(out64.shape);
  expectClose(flat(out32), flat(out64), opts.f32rtol ?? 2e-4, 'forward value');
  if (out32.requiresGrad) out32.mul(fromValues(G, out32.shape, 'float32')).sum().backward();

  leaves32.forEach((l32, i) => {
    const g64 = leaves64[i].grad;
    const g32 = l32.grad;
    if (g64 === null) {
      expect(g32).toBeNull();
      return;
    }
    expect(g32, `float32 gradient of input ${i}`).not.toBeNull();
    expect(g32!.dtype).toBe('float32');
    expect(g32!.shape).toEqual(l32.shape);
    expectClose(flat(g32!), flat(g64), opts.f32rtol ?? 2e-4, `gradient of input ${i}`);
  });
}

/**
 * Elementwise |a − b| ≤ rtol·(|b| + scale), where scale is the largest |b| (at least 1): a
 * float32 tolerance relative to the magnitude of the values involved.
 */
export function expectClose(a: readonly number[], b: readonly number[], rtol: number, what = 'values'): void {
  expect(a.length, `${what}: length`).toBe(b.length);
  const scale = Math.max(1, ...b.map(Math.abs));
  for (let i = 0; i < a.length; i++) {
    const tol = rtol * (Math.abs(b[i]) + scale);
    if (!(Math.abs(a[i] - b[i]) <= tol)) {
      expect.fail(`${what}: element ${i} is ${a[i]}, expected ${b[i]} (±${tol.toExponential(2)})`);
    }
  }
}

// ------------------------------------------------------------------ arbitraries

/** A shape with `minDims`..`maxDims` dims of size 1..`maxSize`. */
export function shapeArb(minDims = 0, maxDims = 3, maxSize = 3): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 1, max: maxSize }), { minLength: minDims, maxLength: maxDims });
}

/** A seed for `values`. */
export const seedArb = fc.integer({ min: 0, max: 0x7fffffff });

/**
 * Derive an operand's shape from a broadcast result shape: drop `drop` leading dims and set the
 * dims flagged in `ones` to 1.
 */
export function deriveShape(out: readonly number[], drop: number, ones: readonly boolean[]): number[] {
  const kept = out.slice(Math.min(drop, out.length));
  return kept.map((d, i) => (ones[i] ? 1 : d));
}

/** Two shapes that broadcast together (each derived from a common result shape). */
export const broadcastPairArb: fc.Arbitrary<[number[], number[]]> = fc
  .record({
    out: shapeArb(0, 3),
    dropA: fc.integer({ min: 0, max: 3 }),
    dropB: fc.integer({ min: 0, max: 3 }),
    onesA: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    onesB: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  })
  .map(({ out, dropA, dropB, onesA, onesB }) => [deriveShape(out, dropA, onesA), deriveShape(out, dropB, onesB)]);

/** fast-check parameters for gradcheck properties: enough runs, bounded time. */
export const RUNS = { numRuns: 50 } as const;

// ------------------------------------------------------------------ plain-loop maths

/** A row-major matrix as nested arrays. */
export type Matrix = number[][];

/** Nested rows of a row-major flat array with `cols` columns. */
export function rows(data: readonly number[], cols: number): Matrix {
  const out: Matrix = [];
  for (let i = 0; i < data.length; i += cols) out.push(data.slice(i, i + cols));
  return out;
}

/** A·B with three nested loops. */
export function matmulLoops(A: Matrix, B: Matrix): Matrix {
  const n = A.length, k = B.length, m = B[0]?.length ?? 0;
  const C: Matrix = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(m).fill(0);
    for (let j = 0; j < m; j++) for (let p = 0; p < k; p++) row[j] += A[i][p] * B[p][j];
    C.push(row);
  }
  return C;
}

/** Aᵀ with loops. */
export function transposeLoops(A: Matrix): Matrix {
  const n = A.length, m = A[0]?.length ?? 0;
  const T: Matrix = [];
  for (let j = 0; j < m; j++) {
    const row: number[] = [];
    for (let i = 0; i < n; i++) row.push(A[i][j]);
    T.push(row);
  }
  return T;
}
