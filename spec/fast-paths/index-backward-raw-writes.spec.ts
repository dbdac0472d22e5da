/**
 * Two bugs found (by the prtest helper) while testing 42ec837, present at 4bf049a too, fixed
 * since: an index made out of range by a raw typed-array write between forward and backward
 * (index backward now checks the values it scatters by, ops/indexing.ts `checkIndices`), and the
 * size of an empty descending range (−0, engine/creation.ts `arange`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor, arange, oneHot } from '../../engine/index.js';
import { setTableRows } from '../../engine/fast/table-rows.js';
import { tableRowsBothWays } from '../support/table-rows-both-ways.js';

afterEach(() => setTableRows(true));
const ints = (v: number[]) => Tensor.fromArray(Int32Array.from(v), [v.length], 'int32');

describe('index backward after a raw write; empty descending ranges', () => {
  it('a class index made out of range by a raw typed-array write after the forward: PyTorch raises; the engine does not, and table rows on/off disagree', () => {
    const r = tableRowsBothWays(() => {
      const W = Tensor.fromArray(Float32Array.of(0), [1, 1]).requiresGrad_();
      const counts = oneHot(ints([0, 0, 0, 0]), 1).float().matmul(W).exp();
      const probs = counts.div(counts.sum(1, true));
      probs.retainGrad();
      const y = ints([-1, 0, 0, -1]);
      const loss = probs.index(arange(4), y).log().mean().neg();
      (y.storage.data as Int32Array)[3] = -2; // out of range for size 1; no version, no write count
      loss.backward();
      return [probs.grad];
    });
    expect(r.on).toEqual(r.off); // failed: off scattered (added) into row 2, on wrote (overwrote) row 2's entry
    expect(r.off).toMatch(/index -2 is out of bounds for dimension 1 with size 1/); // PyTorch's error (raised by neither before)
  });

  it('an empty descending integer range has size +0, as in PyTorch (torch.arange(5, 5, -2).shape == [0])', () => {
    expect(Object.is(arange(5, 5, -2).shape[0], 0)).toBe(true); // was −0 (Math.ceil(0 / −2))
    expect(arange(0, 0, -1).shape).toEqual([0]); // was [-0]
  });
});
