/**
 * The short road for small same-shape float32 ops (engine/fast/small-binary.ts) gives the bits of
 * the plain loop (SIMD off) and of an independent loop (each element as JavaScript's double
 * operation rounded to float32): random shapes of 256 … 16,384 elements, operands that are views
 * with an offset, NaN, ±inf, ±0; and it declines what it does not take (broadcasting, a
 * transposed or narrowed operand, too few or too many elements, another dtype), where the op
 * still gives the same bits.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor, setSimdEnabled, tensor } from '../../engine/index.js';
import { OPS, apply, bits, fill, naive, plain, value, viewOf } from '../support/float32-binary.js';
import { simdSmallSameShape } from '../../engine/fast/small-binary.js';
import { Storage } from '../../engine/storage.js';

afterEach(() => setSimdEnabled(true));

const cases = fc.record({
  shape: fc.array(fc.integer({ min: 1, max: 130 }), { minLength: 1, maxLength: 3 }),
  op: fc.constantFrom(...OPS),
  offsets: fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })),
  seedA: fc.array(value, { minLength: 61, maxLength: 61 }),
  seedB: fc.array(value, { minLength: 67, maxLength: 67 }),
}).filter(({ shape }) => {
  const n = shape.reduce((p, d) => p * d, 1);
  return n >= 256 && n <= 16000;
});

describe('the short road for small same-shape float32 ops equals the plain loop, bit for bit', () => {
  it('random shapes, views with offsets, special values', () => {
    fc.assert(fc.property(cases, ({ shape, op, offsets, seedA, seedB }) => {
      const n = shape.reduce((p, d) => p * d, 1);
      const x = viewOf(fill(seedA, n + offsets[0]), offsets[0], shape);
      const y = viewOf(fill(seedB, n + offsets[1]), offsets[1], shape);
      const out = new Tensor(Storage.allocUnfilled('float32', n), shape);
      expect(simdSmallSameShape(op, out, x, y)).toBe(true);
      const expected = bits(naive(op, x, y, shape));
      expect(bits(out)).toEqual(expected);
      expect(bits(apply(op, x, y))).toEqual(expected);
      expect(bits(plain(op, x, y))).toEqual(expected);
      expect(bits(apply(op, x, x))).toEqual(bits(naive(op, x, x, shape))); // the same tensor twice (h + h)
    }), { numRuns: 100 });
  });

  it('declines what it does not take, and the op still gives the same bits', () => {
    const x = tensor(Array.from({ length: 40 * 30 }, (_, i) => Math.sin(i) * 100), { dtype: 'float32' }).view(40, 30);
    const y = tensor(Array.from({ length: 40 * 30 }, (_, i) => (i % 9 === 0 ? -0 : Math.cos(i))), { dtype: 'float32' }).view(40, 30);
    const declined: [string, Tensor, Tensor][] = [
      ['broadcast', x, y.select(0, 0)],
      ['a transposed operand', x, y.view(30, 40).T],
      ['fewer than 256 elements', x.narrow(0, 0, 8), y.narrow(0, 0, 8)],
      ['a narrowed (non-contiguous) operand', x.narrow(1, 0, 20), y.narrow(1, 5, 20)],
      ['float64', x.double(), y.double()],
      ['more than one chunk', x.repeat([14, 1]), y.repeat([14, 1])],
    ];
    for (const [what, p, q] of declined) {
      const shape = [...(p.ndim >= q.ndim ? p.shape : q.shape)];
      const out = new Tensor(Storage.allocUnfilled(p.dtype, shape.reduce((s, d) => s * d, 1)), shape);
      expect(simdSmallSameShape('add', out, p, q), what).toBe(false);
      for (const op of OPS) expect(bits(apply(op, p, q)), `${what} ${op}`).toEqual(bits(plain(op, p, q)));
    }
  });
});
