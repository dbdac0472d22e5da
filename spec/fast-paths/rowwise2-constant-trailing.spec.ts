/**
 * Found by the rev9 review, fixed since: rowwise2's `oneRow` replaced a deferred constant
 * ([n, ...rest]) by its value as a [1] tensor (`constantRow`), dropping `rest`. When the table-rows
 * operand has size-1 dims where the constant does not ([n, 1] against [n, W]), the op on the
 * tables gave [R, 1] instead of [R, W], and the result had the shape [n, 1]: backward then failed with
 * "internal autograd error: gradient of shape [n, 1] does not broadcast from input shape …".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor, oneHot } from '../../engine/index.js';
import { setTableRows } from '../../engine/fast/table-rows.js';
import { tableRowsBothWays } from '../support/table-rows-both-ways.js';

afterEach(() => setTableRows(true));
const ints = (v: readonly number[]) => Tensor.fromArray(Int32Array.from(v), [v.length], 'int32');

describe('a deferred constant (mean\'s gradient) against table rows with size-1 trailing dims', () => {
  it('(a [n,1] table rows) · x[1,W], mean: x.grad[j] = Σ_b a[b] / (n·W), exactly 1/4 here (default threshold, n = 16384)', () => {
    const n = 16384, W = 4, C = 2;
    const xs = ints(Array.from({ length: n }, (_, b) => b % C));
    const x = Tensor.fromArray(Float32Array.of(0.5, -1, 2, 7), [1, W], 'float32').requiresGrad_();
    const a = oneHot(xs, C).float().sum(1, true); // [n, 1] table rows: 1 in every row
    a.mul(x).mean().backward();
    // Σ_b 1 / (n·W): n = 2^14 terms 2^-16, every partial sum exact: 1/4
    expect(Array.from(x.grad!.toTypedArray())).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('logits · logits.sum(1, keepdim), mean (the lecture\'s logits): the same bits with table rows on and off', () => {
    const C = 3, n = 50;
    const xs = ints(Array.from({ length: n }, (_, i) => (i * 7) % C));
    const { off, on } = tableRowsBothWays(() => {
      const W = Tensor.fromArray(Float32Array.from({ length: C * C }, (_, k) => (k - 4) / 3), [C, C], 'float32').requiresGrad_();
      const l = oneHot(xs, C).float().matmul(W);
      const loss = l.mul(l.sum(1, true)).mean();
      loss.backward();
      return [loss, W.grad];
    });
    expect(typeof off).not.toBe('string');
    expect(on).toEqual(off);
  });
});
