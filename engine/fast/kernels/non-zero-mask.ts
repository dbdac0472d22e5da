/**
 * `nonZeroMask`: the bit mask of the non-zero elements of a short float32 row (at most 32
 * elements), for the one-hot matmul kernels (`gemm-one-hot-rows.ts`, `gemm-kij-one-hot.ts`):
 * bit e is set when element e is not ±0 (NaN counts as non-zero, as in the plain loop's test
 * `a !== 0`). Then `mask & (mask − 1)` is 0 for a row with at most one non-zero, and `ctz(mask)`
 * is the column of its first non-zero: no branch per element.
 */
import type { Code, Local } from '../wasm-encoder.js';

/**
 * Emit `mask = (bits of the non-zero elements among the `count` floats at byte address `row`) &
 * valid`, four at a time. The last group may read up to three floats past
 * the row (an arena block has 16 spare bytes after its data; scratch regions have room): their
 * bits are cleared by `valid`, which holds `count` low one bits (`validBits`).
 */
export function nonZeroMask(c: Code, row: Local, count: Local, valid: Local, mask: Local): void {
  // unrolled: group g (floats 4g … 4g+3) when count > 4g, with constant offsets (the tests on
  // count go the same way for every row of a call)
  c.get(row).v128Load().f32Const0().f32x4Splat().f32x4Ne().i32x4Bitmask().set(mask);
  for (let g = 1; g < 8; g++) {
    c.get(count).i32Const(4 * g).i32GtS();
    c.ifThen(() => {
      c.get(mask);
      c.get(row).v128Load(16 * g).f32Const0().f32x4Splat().f32x4Ne().i32x4Bitmask();
      c.i32Const(4 * g).i32Shl().i32Or().set(mask);
    });
  }
  c.get(mask).get(valid).i32And().set(mask);
}

/** Emit `valid = −1 >>> (32 − count)`: the low `count` bits set (1 ≤ count ≤ 32). */
export function validBits(c: Code, count: Local, valid: Local): void {
  c.i32Const(-1).i32Const(32).get(count).i32Sub().i32ShrU().set(valid);
}
