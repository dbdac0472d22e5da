/**
 * tanh's one-pass gradient `g · (1 − out²)` (engine/ops/tanh-backward.ts) gives the bits of the
 * chain of engine ops it replaces, `g.mul(out.mul(out).neg().add(1))`: random shapes and values
 * with NaN, ±inf, ±0, values near ±1 and huge values mixed in; float32 and float64; a contiguous
 * gradient, a single value broadcast (the gradient of `sum()`), views with an offset; layouts it
 * does not take (a transposed gradient) go to the chain. And through autograd: `tanh(x)`'s
 * gradient equals the chain's on the saved output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, arange, noGrad, tensor } from '../../engine/index.js';
import { tanhBackward, tanhBackwardOnePass } from '../../engine/ops/tanh-backward.js';

/** Bit patterns (NaN as NaN, −0 told from +0). */
const bits = (t: Tensor) => Array.from(t.toTypedArray(), (x) => (Object.is(x, -0) ? '-0' : String(x)));

/** The chain the one pass replaces (math.ts's backward before it). */
const chain = (g: Tensor, out: Tensor) => noGrad(() => g.mul(out.mul(out).neg().add(1)));

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.99999994, -0.99999994, 3e38, -3e38, 1e-40, 1e-20];
const value = fc.oneof(
  { weight: 20, arbitrary: fc.float({ min: -2, max: 2, noNaN: true }) },
  { weight: 4, arbitrary: fc.double({ min: -1, max: 1, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) },
);
const operands = fc.record({
  shape: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 0, maxLength: 3 }),
  dtype: fc.constantFrom('float32' as const, 'float64' as const),
  offset: fc.integer({ min: 0, max: 3 }),
}).chain(({ shape, dtype, offset }) => {
  const n = shape.reduce((p, d) => p * d, 1);
  return fc.record({
    shape: fc.constant(shape), dtype: fc.constant(dtype), offset: fc.constant(offset),
    y: fc.array(value, { minLength: n + offset, maxLength: n + offset }),
    g: fc.array(value, { minLength: n + offset, maxLength: n + offset }),
    single: value,
  });
});

/** `values[offset …]` viewed with `shape` (a view with an offset when offset > 0). */
const viewOf = (values: number[], dtype: 'float32' | 'float64', offset: number, shape: number[]) => {
  const n = shape.reduce((p, d) => p * d, 1);
  return tensor(values, { dtype }).narrow(0, offset, n).view(shape);
};

describe('tanh backward in one pass equals the chain of ops, bit for bit', () => {
  it('contiguous and single-value gradients, float32 and float64, views with an offset', () => {
    fc.assert(fc.property(operands, ({ shape, dtype, offset, y, g, single }) => {
      const out = viewOf(y, dtype, offset, shape);
      const G = viewOf(g, dtype, offset, shape);
      const fast = tanhBackwardOnePass(G, out);
      expect(fast).not.toBeNull();
      expect(fast!.shape).toEqual(shape);
      expect(fast!.dtype).toBe(dtype);
      expect(bits(fast!)).toEqual(bits(chain(G, out)));
      const S = tensor(single, { dtype }).expand(shape); // the gradient of sum(): one value, strides 0
      const fastS = tanhBackwardOnePass(S, out);
      expect(fastS).not.toBeNull();
      expect(bits(fastS!)).toEqual(bits(chain(S, out)));
    }), { numRuns: 400 });
  });

  it('every float32 output near the interesting points, with every sign of g', () => {
    // outputs from −1.25 to 1.25 in steps of 2^-12 plus the special values; g = ±1, ±0, 3, NaN
    const ys = [...Array.from({ length: 10241 }, (_, i) => -1.25 + i / 4096), ...SPECIAL];
    const out = tensor(ys, { dtype: 'float32' });
    for (const gv of [1, -1, 0, -0, 3, NaN, Infinity]) {
      const G = tensor(gv, { dtype: 'float32' }).expand([ys.length]);
      expect(bits(tanhBackwardOnePass(G, out)!), `g=${gv}`).toEqual(bits(chain(G, out)));
      const Gc = G.contiguous();
      expect(bits(tanhBackwardOnePass(Gc, out)!), `g=${gv} contiguous`).toEqual(bits(chain(Gc, out)));
    }
  });

  it('layouts and dtypes it does not take go to the chain', () => {
    const out = arange(12).float().mul(0.11).tanh().view(3, 4);
    const gT = arange(12).float().mul(0.7).view(4, 3).T; // transposed: not contiguous
    expect(tanhBackwardOnePass(gT, out)).toBeNull();
    expect(bits(tanhBackward(gT, out))).toEqual(bits(chain(gT, out)));
    const outT = arange(12).float().mul(0.11).tanh().view(4, 3).T;
    const g = arange(12).float().view(3, 4);
    expect(tanhBackwardOnePass(g, outT)).toBeNull();
    expect(bits(tanhBackward(g, outT))).toEqual(bits(chain(g, outT)));
    expect(tanhBackwardOnePass(g.double(), out)).toBeNull(); // dtypes differ
    expect(bits(tanhBackward(g.double(), out))).toEqual(bits(chain(g.double(), out)));
  });

  it('through autograd: tanh(x).backward(g) gives the chain\'s gradient on the saved output', () => {
    fc.assert(fc.property(operands, ({ shape, dtype, y, g }) => {
      const n = shape.reduce((p, d) => p * d, 1);
      const leaf = tensor(y.slice(0, n), { dtype, requiresGrad: true });
      const out = leaf.view(shape).tanh();
      const G = tensor(g.slice(0, n), { dtype }).view(shape);
      out.backward(G);
      expect(bits(leaf.grad!)).toEqual(bits(chain(G, out.detach()).reshape([n])));
    }), { numRuns: 200 });
  });
});
