/**
 * The end of a group of 4 in the kernels that compute a float32 result as a float64 d accurate
 * to some 2^-37…2^-42 (`exp_f32`, `tanh_f32`, `log_f32`) and must give the bits of
 * `Math.fround(Math.f(x))`: a lane is vouched for unless d lies within `band` float64 ulps of a
 * float32 rounding midpoint, that is unless d's low 29 mantissa bits (those float32 rounding
 * drops, for a d in float32's normal range) are within `band` of 2^28. When |d − Math.f(x)| is
 * below `band` ulps of d, a d outside the band rounds to the same float32 as `Math.f(x)`:
 * rounding is monotonic and no midpoint lies between them (a power of 2 between them is itself a
 * float32, and the midpoints next to it are 2^27 ulps of d or more away). About
 * 2·band / 2^29 of the lanes fall in the band. The two pairs of a group are d (lanes 0, 1) and
 * d2 (lanes 2, 3).
 */
import type { Code, Local } from '../wasm-encoder.js';
import { i32x4 } from './memory-constants.js';

/** The low 8 bytes of two v128s (`i8x16.shuffle` lanes): lanes 0, 1 of each f32x4, lane 0 of each f64x2. */
export const LOW_HALVES = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
/** The low 4 bytes of each f64 lane of two v128s: the low words of 4 doubles. */
const LOW_WORDS = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];

/** The test's constants for a band of `band` ulps (entries for a kernel's `memoryConstants`). */
export function bandConstants(band: number): { below: Int32Array; low29: Int32Array; outside: Int32Array } {
  return { below: i32x4(2 ** 28 - band), low29: i32x4(2 ** 29 - 1), outside: i32x4(2 * band) };
}

/**
 * Push a mask with all bits set in the lanes outside the band: (low − (2^28 − band)) mod 2^29 >
 * 2·band, on the low words of d and d2. `push` pushes the constants of `bandConstants`.
 */
export function outsideBand(c: Code, d: Local, d2: Local, push: (name: 'below' | 'low29' | 'outside') => void): void {
  c.get(d).get(d2).i8x16Shuffle(LOW_WORDS);
  push('below');
  c.i32x4Sub();
  push('low29');
  c.v128And();
  push('outside');
  c.i32x4GtS();
}

/**
 * On a mask of the vouched lanes (on the stack): unless all 4 are set, append `i + offset` for
 * each offset to the i32 list at `list` (count entries so far) and add to count.
 */
export function listUnlessVouched(c: Code, g: { list: Local; count: Local; i: Local }, offsets: number[]): void {
  c.i32x4Bitmask().i32Const(15).i32Xor().ifThen(() => {
    offsets.forEach((offset, q) => {
      c.elementAddress(g.list, g.count, 4).get(g.i);
      if (offset !== 0) c.i32Const(offset).i32Add();
      c.i32Store(4 * q);
    });
    c.get(g.count).i32Const(offsets.length).i32Add().set(g.count);
  });
}

/**
 * The same without a branch, for a kernel whose driver redoes groups of 4: on a mask of the
 * vouched lanes (on the stack), `list[count] = i` for every group, and count advances unless all
 * 4 lanes are set (an entry not counted is overwritten by the next group's; at most one entry per
 * group is written). A predictable `if` around the append costs more than these four scalar
 * instructions: the exp kernel measured 2.09 → 1.90 ms per 1e6 elements with this alone.
 */
export function appendUnlessVouched(c: Code, g: { list: Local; count: Local; i: Local }): void {
  c.elementAddress(g.list, g.count, 4).get(g.i).i32Store();
  c.i32x4Bitmask().i32Const(15).i32Ne().get(g.count).i32Add().set(g.count);
}

/** Push the 4 lanes of the pairs d, d2 rounded to float32 (an f32x4). */
export function demote4(c: Code, d: Local, d2: Local): void {
  c.get(d).f32x4DemoteF64x2Zero().get(d2).f32x4DemoteF64x2Zero().i8x16Shuffle(LOW_HALVES);
}
