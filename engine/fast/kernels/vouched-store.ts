/**
 * The end of a group of 4 in the kernels that compute a float32 result in float64 and vouch for
 * its rounding (`log_f32`, `tanh_f32`): the two f64x2 pairs `d` (lanes 0, 1) and `d2` (lanes 2,
 * 3) are rounded to float32 and stored; the group is listed at `list` (its first element's
 * index, for the driver to redo with the plain function) unless every lane's d·UP and d·DOWN
 * round to the same float32 (so that any value between them, the plain function's included,
 * does too) and no lane is marked in `bad`.
 */
import type { Code, Local } from '../wasm-encoder.js';

/** The low halves of two v128s (`i8x16.shuffle` lanes): lanes 0, 1 of each f32x4, lane 0 of each f64x2. */
export const LOWS = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];

/** The locals the group's end reads: the pairs, the scales (f64x2 splats), the list and store addresses. */
export interface VouchedGroup {
  d: Local;
  d2: Local;
  up: Local;
  down: Local;
  /** Lanes (all bits set) that must be redone whatever their rounding, or null. */
  bad: Local | null;
  out: Local;
  list: Local;
  count: Local;
  i: Local;
}

/** Push the 4 lanes of the pairs d, d2 (each times `scale`, if given) rounded to float32. */
function demote4(c: Code, d: Local, d2: Local, scale?: Local): void {
  c.get(d);
  if (scale !== undefined) c.get(scale).f64x2Mul();
  c.f32x4DemoteF64x2Zero().get(d2);
  if (scale !== undefined) c.get(scale).f64x2Mul();
  c.f32x4DemoteF64x2Zero().i8x16Shuffle(LOWS);
}

/** Emit the group's end (see the file comment): list it unless vouched for, then store it. */
export function storeVouched(c: Code, g: VouchedGroup): void {
  demote4(c, g.d, g.d2, g.up);
  demote4(c, g.d, g.d2, g.down);
  c.f32x4Eq();
  if (g.bad !== null) c.get(g.bad).v128AndNot();
  c.i32x4AllTrue().i32Eqz().ifThen(() => {
    c.elementAddress(g.list, g.count, 4).get(g.i).i32Store();
    c.get(g.count).i32Const(1).i32Add().set(g.count);
  });
  c.elementAddress(g.out, g.i, 4);
  demote4(c, g.d, g.d2);
  c.v128Store();
}
