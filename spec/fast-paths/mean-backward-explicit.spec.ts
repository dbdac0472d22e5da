/**
 * mean's backward is PyTorch's `grad.expand(sizes) / numel`: a tensor of g/n. So `f(x).mean()`
 * must give x the gradient that `f(x).backward(G)` gives with G an ordinary (contiguous) tensor
 * full of g/n, bit for bit, for any f. (Written against 42ec837, where mean's backward was a
 * stride-0 view that backwards summing their gradient over trailing dims, sumToShape and nn's
 * logSoftmax, summed in float64 instead of the float32 row order; it is a contiguous deferred
 * constant since, engine/fast/deferred-constant.ts.)
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, cat, full } from '../../engine/index.js';
import { logSoftmax, softmax } from '../../nn/index.js';
import { tensorBits } from '../support/table-rows-both-ways.js';

const OPS: [string, (x: Tensor, c: Tensor) => Tensor][] = [
  ['x + c (c [n, 1])', (x, c) => x.add(c)],
  ['c − x', (x, c) => c.sub(x)],
  ['x · c', (x, c) => x.mul(c)],
  ['cat([x, c], 1)', (x, c) => cat([x, c], 1)],
  ['logSoftmax(x, 1)', (x) => logSoftmax(x, 1)],
  ['softmax(x, 1)', (x) => softmax(x, 1)],
  ['x.tanh()', (x) => x.tanh()],
  ['x.exp() / x.exp().sum(1, true)', (x) => x.exp().div(x.exp().sum(1, true))],
];

describe('f(x).mean() and f(x).backward(a tensor of g/n): the same gradients', () => {
  it('for ops whose backward sums over trailing dims, and others', () => {
    const arb = fc.record({ n: fc.integer({ min: 1, max: 40 }), m: fc.integer({ min: 1, max: 70 }), seed: fc.integer({ min: 0, max: 1000 }) });
    fc.assert(fc.property(arb, fc.constantFrom(...OPS), ({ n, m, seed }, [name, f]) => {
      const val = (i: number) => ((((i + seed) * 37) % 19) - 9) / 8;
      const leaves = () => [Tensor.fromArray(Float32Array.from({ length: n * m }, (_, i) => val(i)), [n, m]).requiresGrad_(), Tensor.fromArray(Float32Array.from({ length: n }, (_, i) => val(i * 5 + 1)), [n, 1]).requiresGrad_()];
      const [x1, c1] = leaves(), [x2, c2] = leaves();
      const y1 = f(x1, c1);
      y1.mean().backward();
      const y2 = f(x2, c2);
      y2.backward(full(y2.shape, Math.fround(1 / y2.numel())));
      expect(tensorBits(x1.grad), `${name} n=${n} m=${m}: x.grad`).toEqual(tensorBits(x2.grad));
      expect(tensorBits(c1.grad), `${name} n=${n} m=${m}: c.grad`).toEqual(tensorBits(c2.grad));
    }), { numRuns: 300 });
  });
});
