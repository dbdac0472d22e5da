/**
 * Found by the rev9 review (it was there before this session), fixed since: an integer arange
 * whose values pass 2^31 − 1 wrapped silently in int32 (the engine's integer type plays int64's
 * role). PyTorch: torch.arange(2**31 - 1, 2**31 + 2) is int64 [2147483647, 2147483648, 2147483649].
 * Here: a clear RangeError naming the values and int32, not wrapped ones.
 */
import { describe, expect, it } from 'vitest';
import { arange } from '../../engine/index.js';

describe('arange past int32', () => {
  it('arange(2³¹ − 1, 2³¹ + 2): an error naming int32\'s bound, not [2147483647, −2147483648, −2147483647]', () => {
    expect(() => arange(2 ** 31 - 1, 2 ** 31 + 2).toTypedArray()).toThrow(/int32/);
  });
});
