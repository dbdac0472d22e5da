/**
 * tanh's gradient in SIMD (`tanh_backward_f32`, engine/fast/tanh-backward.ts, #18 session 9)
 * gives the bits of the chain of engine ops it replaces (`g.mul(out.mul(out).neg().add(1))`) and
 * of an independent loop (each step as a double operation rounded by Math.fround): float32
 * tensors of 64 to ~5,000 elements (the MLP's 32×200 among them), a gradient of the output's
 * shape or a single value broadcast (the gradient of `sum()`), views with an offset, tensors in
 * the arena (read in place) or not (through the scratch memory), NaN, ±inf, ±0, subnormals,
 * values near ±1 and huge ones; element counts that are not a multiple of 4 (the last ones by the
 * loop). A spy checks that the kernel ran.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Tensor, noGrad, tensor, tidy } from '../../engine/index.js';
import { tanhBackwardOnePass } from '../../engine/ops/tanh-backward.js';
import { copyKernels, kernels } from '../../engine/fast/kernels.js';
import { isArenaArray } from '../../engine/memory/arena.js';

afterEach(() => vi.restoreAllMocks());

const f32 = Math.fround;
const bits = (xs: ArrayLike<number>) => Array.from(xs, (x) => (Object.is(x, -0) ? '-0' : String(x)));
const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.99999994, -0.99999994, 3e38, -3e38, 1e-40, 1e-45, 1e-20, 2e19];

/** n float32 values from a seed: mostly in (−2, 2), 1 in `rare` special. */
function values(seed: number, n: number, rare: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32;
    return f32(u * rare < 1 ? SPECIAL[Math.floor(u * rare * SPECIAL.length)] : (u - 0.5) * 4);
  });
}

/** `vals` from `offset` as a float32 view of `shape`, its storage a copy made in the current tidy when `arena` (in the arena when large enough). */
function viewOf(vals: number[], offset: number, shape: number[], arena: boolean): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  const t = tensor(vals, { dtype: 'float32' });
  return (arena ? t.clone() : t).narrow(0, offset, n).view(shape);
}

/** The calls of the kernel on either memory during `f`. */
function withSpy<T>(f: () => T): [T, number] {
  const spies = [kernels, copyKernels].filter((k, i, all) => k !== null && all.indexOf(k) === i)
    .map((ks) => vi.spyOn(ks as unknown as Record<string, () => void>, 'tanhBackward'));
  try {
    const result = f();
    return [result, spies.reduce((s, spy) => s + spy.mock.calls.length, 0)];
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

const cases = fc.record({
  rows: fc.integer({ min: 1, max: 64 }), cols: fc.integer({ min: 1, max: 80 }),
  offset: fc.integer({ min: 0, max: 5 }), single: fc.boolean(), arena: fc.boolean(),
  seed: fc.integer({ min: 1, max: 2 ** 30 }), rare: fc.constantFrom(6, 50, 1e9),
}).map((c) => (c.arena ? { ...c, rows: 128 + (c.rows % 33), cols: 128 + (c.cols % 3) } : c)) // in the arena: 16,384 elements and more (the result too)
  .filter(({ rows, cols }) => rows * cols >= 64);

describe('tanh backward in SIMD equals the chain of ops and an independent loop, bit for bit', () => {
  it('float32, full and single-value gradients, offsets, in the arena and not, special values', () => {
    fc.assert(fc.property(cases, ({ rows, cols, offset, single, arena, seed, rare }) => {
      const n = rows * cols, shape = [rows, cols];
      const y = values(seed, n + offset, rare), g = values(seed + 1, n + offset, rare);
      const [[got, chain, inArena], calls] = withSpy(() => tidy(() => {
        const out = viewOf(y, offset, shape, arena);
        const G = single ? tensor(g[0], { dtype: 'float32' }).expand(shape) : viewOf(g, offset, shape, arena);
        const fast = tanhBackwardOnePass(G, out)!;
        const ref = noGrad(() => G.mul(out.mul(out).neg().add(1)));
        return [bits(fast.toTypedArray()), bits(ref.toTypedArray()), isArenaArray(out.storage.data)] as const;
      }));
      const loop = Array.from({ length: n }, (_, i) => f32((single ? g[0] : g[offset + i]) * f32(1 - f32(y[offset + i] * y[offset + i]))));
      expect(got).toEqual(chain);
      expect(got).toEqual(bits(loop));
      expect(inArena).toBe(arena);
      expect(calls).toBeGreaterThan(0);
    }), { numRuns: 120, seed: 9183 });
  });

  it('the MLP\'s 32×200 through autograd: tanh(x).sum() and tanh(x)·w', () => {
    const x = tensor(values(5, 6400, 40), { dtype: 'float32' }).view(32, 200).requiresGrad_(true);
    const w = tensor(values(6, 6400, 40), { dtype: 'float32' }).view(32, 200);
    for (const [what, loss] of [['sum', (t: Tensor) => t.sum()], ['weighted', (t: Tensor) => t.mul(w).sum()]] as const) {
      const [, calls] = withSpy(() => {
        x.grad = null;
        loss(x.tanh()).backward();
      });
      const out = noGrad(() => x.tanh());
      const g = what === 'sum' ? tensor(1, { dtype: 'float32' }).expand([32, 200]) : w;
      expect(bits(x.grad!.toTypedArray()), what).toEqual(bits(noGrad(() => g.mul(out.mul(out).neg().add(1))).toTypedArray()));
      expect(calls, what).toBe(1);
    }
  });
});
