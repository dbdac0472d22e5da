/** Integer sums that overflow int32 are an error; console.log prints a tensor as PyTorch does. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { full, tensor } from '../../engine/index.js';

describe('int32 sums', () => {
  it('a sum that fits is exact: 3 × 2^29 = 1610612736', () => {
    expect(full([3], 2 ** 29, { dtype: 'int32' }).sum().item()).toBe(1610612736);
  });
  it('a sum beyond int32 throws instead of wrapping (3 × 2^30 = 3221225472)', () => {
    expect(() => full([3], 2 ** 30, { dtype: 'int32' }).sum()).toThrow(/3221225472 does not fit in int32/);
  });
});

describe('printing through util.inspect', () => {
  it('console.log shows the PyTorch-style string', () => {
    expect(inspect(tensor([1, 2, 3]))).toBe('tensor([1, 2, 3])');
  });
});
