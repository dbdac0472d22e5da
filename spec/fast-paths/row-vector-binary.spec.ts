/**
 * The row-vector kernels (engine/fast/kernels/binary-row-vector.ts, driver
 * engine/fast/row-vector-binary.ts): `full op rowVector` and `rowVector op full` in float32 give
 * the bits of the plain loop (SIMD off) and of an independent loop (each element as JavaScript's
 * double operation rounded to float32): random shapes (a vector over one or more leading
 * dimensions, rows that are not a multiple of 4 long, sizes across the scratch memory's chunks),
 * views with offsets, NaN, ±inf and ±0; inside a memory scope (operands in the arena, used in
 * place) and outside; layouts the driver must decline still give the same bits.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor, setSimdEnabled, tensor } from '../../engine/index.js';
import { OPS, apply, bits, fill, naive, plain, value, viewOf } from '../support/float32-binary.js';
import { simdRowVectorBinary } from '../../engine/fast/row-vector-binary.js';
import { isArenaArray } from '../../engine/memory/arena.js';
import { closeScope, openScope } from '../../engine/memory/scope.js';
import { Storage } from '../../engine/storage.js';

afterEach(() => setSimdEnabled(true));

const cases = fc.record({
  lead: fc.oneof(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 2 }), fc.tuple(fc.integer({ min: 90, max: 300 }))), // broadcast dims
  row: fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 2 }), // the vector's dims
  op: fc.constantFrom(...OPS),
  vectorFirst: fc.boolean(),
  offsets: fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })),
  seedValues: fc.array(value, { minLength: 64, maxLength: 64 }),
}).filter(({ lead, row }) => {
  const n = [...lead, ...row].reduce((p, d) => p * d, 1);
  // a row of one value is a scalar operand (simdBinary's layout)
  return n >= 256 && n <= 40000 && lead.some((d) => d > 1) && row.some((d) => d > 1);
});

describe('row-vector SIMD kernels equal the plain loop and an independent loop, bit for bit', () => {
  for (const scoped of [false, true]) {
    it(`random shapes, both sides, views with offsets ${scoped ? 'inside a memory scope' : 'outside any scope'}`, () => {
      fc.assert(fc.property(cases, ({ lead, row, op, vectorFirst, offsets, seedValues }) => {
        const shape = [...lead, ...row];
        const n = shape.reduce((p, d) => p * d, 1), c = row.reduce((p, d) => p * d, 1);
        const full = viewOf(fill(seedValues, n + offsets[0]), offsets[0], shape);
        const vec = viewOf(fill(seedValues.slice().reverse(), c + offsets[1]), offsets[1], row);
        const [x, y] = vectorFirst ? [vec, full] : [full, vec];
        const scope = scoped ? openScope() : null;
        try {
          const out = new Tensor(Storage.allocUnfilled('float32', n), shape);
          expect(simdRowVectorBinary(op, out, x, y)).toBe(true);
          const expected = naive(op, x, y, shape);
          expect(bits(out)).toEqual(bits(expected));
          expect(bits(apply(op, x, y))).toEqual(bits(expected));
          expect(bits(plain(op, x, y))).toEqual(bits(expected));
        } finally {
          if (scope) closeScope(scope);
        }
      }), { numRuns: 100 });
    });
  }

  it('operands in the arena are used in place (a large output inside a scope), across chunk-sized sizes', () => {
    for (const [rows, cols] of [[100, 200], [84, 197], [2, 16384], [1000, 17], [8200, 2], [5462, 3]]) {
      const scope = openScope();
      try {
        const full = tensor(Array.from({ length: rows * cols }, (_, i) => Math.sin(i) * 1e3), { dtype: 'float32' }).mul(1).view(rows, cols);
        const vec = tensor(Array.from({ length: cols }, (_, i) => (i % 5 === 0 ? -0 : Math.cos(i))), { dtype: 'float32' });
        for (const op of OPS) {
          const out = apply(op, full, vec);
          const out2 = apply(op, vec, full);
          expect(isArenaArray(full.storage.data) && isArenaArray(out.storage.data), `${rows}×${cols} in the arena`).toBe(true);
          expect(bits(out), `${op} ${rows}×${cols}`).toEqual(bits(naive(op, full, vec, [rows, cols])));
          expect(bits(out2), `${op} ${rows}×${cols} vector first`).toEqual(bits(naive(op, vec, full, [rows, cols])));
        }
      } finally {
        closeScope(scope);
      }
    }
  });

  it('declines what it does not take, and the op still gives the same bits', () => {
    const full = tensor(Array.from({ length: 32 * 20 }, (_, i) => i * 0.37 - 100), { dtype: 'float32' }).view(32, 20);
    const vec = tensor(Array.from({ length: 40 }, (_, i) => 1 / (i - 7)), { dtype: 'float32' });
    const declined: [string, Tensor, Tensor][] = [
      ['a strided vector', full, vec.view(20, 2).select(1, 0)],
      ['one value per row (simdBinary\'s layout)', full, vec.narrow(0, 0, 32).view(32, 1)],
      ['two row vectors', vec.narrow(0, 0, 20).view(1, 20).expand(32, 20), vec.narrow(0, 20, 20)],
      ['fewer than 256 elements', full.narrow(0, 0, 12), vec.narrow(0, 0, 20)],
      ['float64', full.double(), vec.narrow(0, 0, 20).double()],
    ];
    for (const [what, x, y] of declined) {
      const shape = x.shape.length >= y.shape.length ? [...x.shape] : [...y.shape];
      const out = new Tensor(Storage.allocUnfilled(x.dtype, shape.reduce((p, d) => p * d, 1)), shape);
      expect(simdRowVectorBinary('add', out, x, y), what).toBe(false);
      for (const op of OPS) expect(bits(apply(op, x, y)), `${what} ${op}`).toEqual(bits(plain(op, x, y)));
    }
    // a transposed full operand: not row-major, so the vector layout does not apply
    const t = full.view(20, 32).T; // [32, 20], strides [1, 32]
    const out = new Tensor(Storage.allocUnfilled('float32', 640), [32, 20]);
    expect(simdRowVectorBinary('add', out, t, vec.narrow(0, 0, 20))).toBe(false);
    for (const op of OPS) expect(bits(apply(op, t, vec.narrow(0, 0, 20))), `transposed ${op}`).toEqual(bits(naive(op, t, vec.narrow(0, 0, 20), [32, 20])));
  });
});
