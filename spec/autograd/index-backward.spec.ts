/**
 * The backward of advanced indexing with two index tensors and nothing else (`probs[arange(n), ys]`,
 * engine/ops/indexing.ts `scatterAdd2`): the incoming gradient is added into a zero tensor of the
 * input's shape at the indexed positions, in order, duplicates accumulating, negative indices
 * counting from the end, index tensors broadcast against each other. Checked against a naive loop
 * (float32 additions in index order) on random cases.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../engine/index.js';

const f32 = Math.fround;

const caseOf = fc.record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 6 }), n: fc.integer({ min: 1, max: 12 }), broadcast: fc.boolean(), strided: fc.boolean(), seed: fc.integer({ min: 0, max: 2 ** 30 }) });

describe('index backward with two index tensors', () => {
  it('scatters the gradient in order (duplicates accumulate, negatives count from the end, broadcast and strided indices)', () => {
    fc.assert(fc.property(caseOf, ({ rows, cols, n, broadcast, strided, seed }) => {
      let s = seed;
      const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24;
      // index values in [-size, size): every valid index, negatives included
      const ints = (count: number, size: number) => Int32Array.from({ length: count }, () => Math.floor(next() * 2 * size) - size);
      // i: [n] (or [n, 1] against j: [1, 3] when broadcast), maybe a strided view of a longer tensor
      const iVals = ints(strided ? 2 * n : n, rows);
      let i = Tensor.fromArray(iVals, [iVals.length], 'int32');
      if (strided) i = i.narrow(0, 0, 2 * n).reshape([n, 2]).select(1, 1);
      const jVals = ints(broadcast ? 3 : n, cols);
      let j = Tensor.fromArray(jVals, [jVals.length], 'int32');
      if (broadcast) {
        i = i.reshape([n, 1]);
        j = j.reshape([1, 3]);
      }
      const x = Tensor.fromArray(new Float32Array(rows * cols), [rows, cols]).requiresGrad_();
      const y = x.index(i, j);
      const g = Float32Array.from({ length: y.numel() }, () => f32((next() - 0.5) * 100));
      y.backward(Tensor.fromArray(g, y.shape));
      // the naive loop: position b of the broadcast index pair gets g[b], in order b = 0, 1, …
      const want = new Float32Array(rows * cols);
      const iv = i.expand(y.shape).contiguous().toTypedArray(), jv = j.expand(y.shape).contiguous().toTypedArray();
      for (let b = 0; b < g.length; b++) {
        const r = iv[b] < 0 ? iv[b] + rows : iv[b], c = jv[b] < 0 ? jv[b] + cols : jv[b];
        want[r * cols + c] = f32(want[r * cols + c] + g[b]);
      }
      const got = x.grad!.toTypedArray();
      for (let k = 0; k < want.length; k++) if (!Object.is(got[k], want[k])) expect.fail(`element ${k}: got ${got[k]}, expected ${want[k]}`);
    }), { numRuns: 300 });
  });
});
