/**
 * zerosLike / onesLike / fullLike / randLike / randnLike, linspace and logspace: shapes and
 * dtypes against the input, the random ones against rand/randn with the same seed, and the
 * ranges bit for bit against PyTorch 1.13.1 (spec/fixtures/torch/nn.json) and against a naive
 * formula in double.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Generator, fullLike, linspace, logspace, onesLike, rand, randLike, randn, randnLike, tensor, zeros, zerosLike,
} from '../../engine/index.js';
import { bitDiffs, bitsOf, torchNn } from '../support/torch-bits.js';

describe('*Like creation', () => {
  it('zerosLike / onesLike / fullLike keep shape and dtype, and make new contiguous leaves', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]).T; // int32, non-contiguous
    const z = zerosLike(x);
    expect([z.shape, z.dtype, z.isContiguous(), z.tolist()]).toEqual([[3, 2], 'int32', true, [[0, 0], [0, 0], [0, 0]]]);
    expect(onesLike(zeros([2], { dtype: 'float64' })).tolist()).toEqual([1, 1]);
    expect(onesLike(zeros([2], { dtype: 'float64' })).dtype).toBe('float64');
    expect(fullLike(zeros([2, 1]), 2.5).tolist()).toEqual([[2.5], [2.5]]);
    expect(fullLike(tensor([1, 2]), 1.7).tolist()).toEqual([1, 1]); // int32 truncates, as PyTorch
    expect(fullLike(tensor([1, 2]), 1.5, { dtype: 'float32' }).tolist()).toEqual([1.5, 1.5]);
    expect(zerosLike(zeros([0, 3])).shape).toEqual([0, 3]);
    const g = zerosLike(tensor([1, 2], { requiresGrad: true }), { requiresGrad: true });
    expect([g.requiresGrad, g.isLeaf, g.gradFn]).toEqual([true, true, null]);
  });

  it('randLike / randnLike draw what rand / randn draw with the same seed', () => {
    const x = zeros([4, 5], { dtype: 'float64' });
    expect(randLike(x, { generator: new Generator().manualSeed(3) }).tolist()).toEqual(rand([4, 5], { dtype: 'float64', generator: new Generator().manualSeed(3) }).tolist());
    const y = zeros([20]);
    expect(randnLike(y, { generator: new Generator().manualSeed(7) }).tolist()).toEqual(randn([20], { generator: new Generator().manualSeed(7) }).tolist());
    expect((randLike(y, { generator: new Generator().manualSeed(2147483647) }).tolist() as number[])[0]).toBe(0.7081288695335388); // the lecture's first draw
  });

  it('errors name the problem', () => {
    expect(() => zerosLike([1, 2] as never)).toThrow('zerosLike: expected a Tensor, got object');
    expect(() => fullLike(zeros([1]), 'a' as never)).toThrow('fullLike: value must be a number, got string');
    expect(() => randLike(tensor([1, 2]))).toThrow(/"rand" not implemented for 'Int'/);
    expect(() => randnLike(null as never)).toThrow('randnLike: expected a Tensor, got null');
  });
});

/** Bounds in ±1000, away from the subnormal range (where fma64 is not claimed exact). */
const boundArb = fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((v) => (Math.abs(v) < 1e-200 ? 0 : v));

describe('linspace', () => {
  it('equals PyTorch 1.13.1 bit for bit (float32 and float64)', () => {
    expect(torchNn.linspace.length).toBeGreaterThan(20);
    for (const c of torchNn.linspace) {
      const got = bitsOf(linspace(c.start, c.end, c.steps, { dtype: c.dtype }));
      expect(bitDiffs(got, c.bits), `linspace(${c.start}, ${c.end}, ${c.steps}, ${c.dtype})`).toEqual([]);
    }
    expect(linspace(0, 1, 0).shape).toEqual(torchNn.linspace_steps0);
  });

  it('is within float rounding of start + i·(end − start)/(steps − 1), and starts exactly at start', () => {
    fc.assert(
      fc.property(boundArb, boundArb, fc.integer({ min: 2, max: 300 }), (a, b, n) => {
        const got = linspace(a, b, n, { dtype: 'float64' }).tolist() as number[];
        expect(got.length).toBe(n);
        expect(got[0]).toBe(a);
        const scale = Math.max(Math.abs(a), Math.abs(b), 1e-300);
        got.forEach((v, i) => expect(Math.abs(v - (a + (i * (b - a)) / (n - 1)))).toBeLessThanOrEqual(8 * Number.EPSILON * scale));
      }),
      { numRuns: 200 },
    );
  });

  it('steps = 1 gives [start]; requiresGrad makes a leaf; errors', () => {
    expect(linspace(3, 7, 1).tolist()).toEqual([3]);
    expect(linspace(0, 1, 3, { requiresGrad: true }).requiresGrad).toBe(true);
    expect(() => linspace(0, 1, -1)).toThrow('linspace: number of steps must be non-negative, got -1');
    expect(() => linspace(0, 1, 2.5)).toThrow('linspace: steps must be an integer, got 2.5');
    expect(() => linspace(NaN, 1, 2)).toThrow('linspace: start must be a number, got NaN');
    expect(() => linspace(0, 1, 3, { dtype: 'int32' })).toThrow('linspace: only float32 and float64 outputs are supported, got int32');
  });
});

describe('logspace', () => {
  it('float32 equals PyTorch 1.13.1 bit for bit; float64 within one ulp (Math.pow is not always correctly rounded, glibc pow is)', () => {
    for (const c of torchNn.logspace) {
      const t = logspace(c.start, c.end, c.steps, c.base, { dtype: c.dtype });
      if (c.dtype === 'float32') {
        expect(bitDiffs(bitsOf(t), c.bits), `logspace(${c.start}, ${c.end}, ${c.steps}, ${c.base})`).toEqual([]);
        continue;
      }
      const got = t.tolist() as number[];
      c.bits.forEach((h: string, i: number) => {
        const want = Number(new Float64Array(new BigUint64Array([BigInt(`0x${h}`)]).buffer)[0]);
        const ulp = Math.abs(want) * Number.EPSILON;
        expect(Math.abs(got[i] - want), `logspace(${c.start}, ${c.end}, ${c.steps}, ${c.base}) float64 [${i}]`).toBeLessThanOrEqual(ulp);
      });
    }
  });

  it('is base ** linspace in double', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), fc.integer({ min: 2, max: 50 }), fc.double({ min: 0.5, max: 10, noNaN: true }), (a, b, n, base) => {
        const got = logspace(a, b, n, base, { dtype: 'float64' }).tolist() as number[];
        got.forEach((v, i) => {
          const e = a + (i * (b - a)) / (n - 1);
          expect(Math.abs(v - base ** e)).toBeLessThanOrEqual(1e-12 * base ** e * Math.max(1, Math.abs(e * Math.log(base))));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('steps = 1 gives [base ** start]; errors', () => {
    expect(logspace(2, 5, 1).tolist()).toEqual([100]);
    expect(logspace(0, 3, 4, 2).tolist()).toEqual([1, 2, 4, 8]);
    expect(() => logspace(0, 1, -2)).toThrow('logspace: number of steps must be non-negative, got -2');
    expect(() => logspace(0, 1, 2, 'e' as never)).toThrow('logspace: base must be a number, got string');
  });
});
