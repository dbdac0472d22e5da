/**
 * `exp_f32`: exp of `n` floats (n a multiple of 4), a group of 4 per step: the reduction in
 * float32 lanes, a short float64 polynomial on two pairs, the float32 rounding checked and the
 * scaling done in float32 lanes:
 *
 *   kk = x·(1024/ln2) + 1.5·2^23  (f32x4: k = kk − 1.5·2^23 is an integer, its bits in kk's low bits)
 *   t  = x − k·(ln2/1024)          (f64x2; |t| ≤ 0.512·ln2/1024 < 2^-11.49)
 *   d  = T[k & 1023] · (1 + t·(1 + t/2))   (f64x2; T[j] = 2^(j/1024), the table at EXP_TABLE)
 *   y  = float32(d) · 2^(k >> 10)  (f32x4; the exponent added to the bits: exact, y is normal)
 *
 * d is only accurate to about 2^-37 (relative), not to a float64 ulp; what makes fround(y) equal
 * to `Math.fround(Math.exp(x))` is a test of each lane: the group of 4 is listed at `list` (the
 * index of its first element, for the driver to redo with `expF32`, which is exact) when a lane's
 * d lies within 2^17 float64 ulps of a float32 rounding midpoint (its low 29 mantissa bits within
 * 2^17 of 2^28), or its x is outside (−87.3, 88.7) (NaN, ±∞, overflow, results below 2^-126).
 * Returns how many groups it listed. Driver: `simdExpF32` in `elementwise.ts`.
 *
 * The error bound (relative to e^(x − ⌊k/1024⌋·ln2), i.e. before the scaling, which is exact):
 * 1. k: the float32 product x·INV (INV = float32(1024/ln2), |INV − 1024/ln2| ≤ 2^-24·INV) is
 *    within 2^-8 of x·INV (|x·INV| < 2^17, where float32 ulps are 2^-7), rounding to an integer
 *    adds at most 1/2, and |x|·|INV − 1024/ln2| < 2^-7: |x·1024/ln2 − k| < 0.512, so
 *    |x − k·ln2/1024| < 0.512·ln2/1024 < 2^-11.49.
 * 2. t: C = double(ln2)/1024 is within 2^-55.3/1024 of ln2/1024, times |k| < 2^17: 2^-48.3;
 *    k·C (< 89) is rounded by at most 2^-47, the subtraction by 2^-65: |t − t_exact| < 2^-46.4,
 *    a relative error of e^t below 2^-46.3.
 * 3. The polynomial is e^t's Taylor series to t²: |e^t − (1 + t + t²/2)| ≤ e^|t|·|t|³/6 < 2^-37.05
 *    (and e^t > 0.9996); evaluating it rounds 3 times (t/2 is exact): < 2^-51.
 * 4. T[j] = `2 ** (j / 1024)` (within an ulp, 2^-52) and the product T·p (2^-53).
 * Together: |d − e^(x − ⌊k/1024⌋·ln2)| < 2^-37.0·d, and `Math.exp` is within an ulp (2^-52) of
 * e^x, so d·2^(k>>10) and `Math.exp(x)` differ by less than 2^-36.9·d, which is less than 2^16.1
 * float64 ulps of d (d < 2^(E+1) where an ulp is 2^(E−52)). The test allows 2^17. Outside that
 * band every value within 2^17 ulps of d rounds to the same float32 as d (rounding is monotonic
 * and no midpoint lies in between; a power of 2 between them is itself a float32 and the
 * midpoints next to it are 2^27 ulps or more away), `Math.exp(x)` included. About one lane in
 * 2^11 falls in the band (one group of 4 in 500). For −87.3 < x < 88.7, float32(d) is normal and
 * 2^-126 ≤ y < 2^128, so adding the exponent to the bits multiplies exactly.
 *
 * The schedule (session 8; the arithmetic above, and so every bit, is unchanged): the loop is
 * software-pipelined in two stages. Stage A of group g (x loaded, the range test, k, the table
 * offsets taken out with `i32x4.extract_lane`, the four table reads and t) runs in the same
 * iteration as stage B of group g − 1 (the series, the band test, the list entry, the scaling and
 * the store), so the table reads of one group overlap the arithmetic of the one before: the chain
 * of one group (load → k → table → series → test → store) is longer than the processor's
 * reordering window lets two iterations overlap. The list entry is written without a branch:
 * `list[count] = i` for every group and `count` advanced only when a lane is not vouched for (an
 * entry is overwritten by the next group's unless counted; at most one entry per group is written). Kernel alone, 16,384
 * floats in the scratch memory, ms per 1e6 (minimum of 400 runs): 2.09 before, 1.90 with the
 * branchless list, 1.83 pipelined too, 1.75 with the extracts instead of parking the offsets in
 * `out` (which session 6 measured the other way round without the pipeline).
 *
 * Checked exhaustively: every float32 bit pattern through the kernel and its driver equals
 * `Math.fround(Math.exp(x))` (the opt-in test in spec/fast-paths/simd.spec.ts,
 * `MAKEMORE_LONG_TESTS=1`), and the always-on tests (spec/fast-paths/exp-kernel.spec.ts) include
 * inputs in the band and lengths that end the pipeline at every position.
 */
import { defineKernel } from '../define-kernel.js';
import { REGION } from '../scratch.js';
import { I32, type Local, SWAP_HALVES, V128 } from '../wasm-encoder.js';
import { f32x4, f64x2, i32x4, memoryConstants } from './memory-constants.js';
import { appendUnlessVouched, bandConstants, demote4, outsideBand } from './midpoint-band.js';

/** Steps of the reduction per power of 2 (x is reduced by multiples of ln2/STEPS). */
const STEPS = 1024;
/** Byte offset of the table T[j] = 2^(j/1024) (1024 doubles): after log's table in the table region. */
export const EXP_TABLE = REGION.frac + 8192;
/** T[j] = 2^(j/1024), j = 0 … 1023, for `EXP_TABLE` (written into each memory by kernels.ts). */
export const EXP_STEP_TABLE = new Float64Array(STEPS).map((_, j) => 2 ** (j / STEPS));

/** Half-width of the band around a float32 midpoint, in float64 ulps (see the error bound). */
const BAND = 2 ** 17;

/** The kernel's constants, in memory (see memory-constants.ts): after log's table in the table region. */
const K = memoryConstants(REGION.frac + 5120, {
  inv: f32x4(STEPS / Math.LN2),
  magic: f32x4(1.5 * 2 ** 23),
  lowest: f32x4(-87.3),
  highest: f32x4(88.7),
  mask: i32x4(STEPS - 1),
  ...bandConstants(BAND),
  step: f64x2(Math.LN2 / STEPS),
  half: f64x2(0.5),
  one: f64x2(1),
});

/** Write the kernel's constants and its table T into a memory of the kernels (each module instance's, once). */
export function writeExpTables(buffer: ArrayBufferLike): void {
  K.write(buffer);
  new Float64Array(buffer, EXP_TABLE, STEPS).set(EXP_STEP_TABLE);
}

export const expF32 = defineKernel({
  name: 'exp_f32',
  params: { out: I32, x: I32, n: I32, list: I32 },
  results: [I32],
  // stage A's results (kk … tb) and their copies for stage B of the next iteration (kkB … tbB)
  locals: { i: I32, iB: I32, count: I32, v: V128, k: V128, ix: V128, v2: V128, k2: V128, kk: V128, good: V128, t: V128, t2: V128,
    ta: V128, tb: V128, kkB: V128, goodB: V128, tB: V128, t2B: V128, taB: V128, tbB: V128, d: V128, d2: V128 },
  body: (c, { out, x, n, list, i, iB, count, v, k, ix, v2, k2, kk, good, t, t2, ta, tb, kkB, goodB, tB, t2B, taB, tbB, d, d2 }) => {
    const splat = (name: Parameters<typeof K.push>[1]) => K.push(c, name);
    /** T[j] for lanes `lane`, `lane + 1`, as an f64x2 (left on the stack), from their byte offsets j·8 in ix. */
    const table = (lane: number) => {
      c.get(ix).i32x4ExtractLane(lane + 1);
      c.get(ix).i32x4ExtractLane(lane).v128Load64Zero(EXP_TABLE);
      // v128.load64_lane takes (address, vector): the address was pushed first
      c.v128Load64Lane(1, EXP_TABLE);
    };
    /** t = x − k·(ln2/1024) for lanes 0, 1 of xs and ks, into `to`. */
    const reduce = (xs: Local, ks: Local, to: Local) => {
      c.get(xs).f64x2PromoteLowF32x4().get(ks).f64x2PromoteLowF32x4();
      splat('step');
      c.f64x2Mul().f64x2Sub().set(to);
    };
    /** d = T·(1 + t·(1 + t·(1/2))) for one pair, into `to`. */
    const series = (tt: Local, tab: Local, to: Local) => {
      c.get(tab);
      c.get(tt); splat('half'); c.f64x2Mul(); splat('one'); c.f64x2Add();
      c.get(tt).f64x2Mul(); splat('one'); c.f64x2Add();
      c.f64x2Mul().set(to);
    };
    /** Stage A of the group at element i: the range mask, kk, the table pairs ta, tb and t, t2. */
    const stageA = () => {
      c.elementAddress(x, i, 4).v128Load().set(v);
      // good (all bits set, per lane): −87.3 < x < 88.7 (false for NaN); the midpoint test is added in stage B
      c.get(v); splat('lowest'); c.f32x4Gt().get(v); splat('highest'); c.f32x4Lt().v128And().set(good);
      c.get(v); splat('inv'); c.f32x4Mul(); splat('magic'); c.f32x4Add().tee(kk);
      splat('magic'); c.f32x4Sub().set(k);
      // the table offsets (k & 1023)·8
      c.get(kk); splat('mask'); c.v128And().i32Const(3).i32x4Shl().set(ix);
      table(0);
      c.set(ta);
      table(2);
      c.set(tb);
      reduce(v, k, t);
      // lanes 2, 3 moved down
      c.get(v).get(v).i8x16Shuffle(SWAP_HALVES).set(v2);
      c.get(k).get(k).i8x16Shuffle(SWAP_HALVES).set(k2);
      reduce(v2, k2, t2);
    };
    /** Stage A's results to stage B's locals. */
    const handOver = () => {
      c.get(kk).set(kkB).get(good).set(goodB).get(t).set(tB).get(t2).set(t2B).get(ta).set(taB).get(tb).set(tbB);
    };
    /** Stage B of the group at element iB (stage A's results in kkB … tbB): its output and its list entry. */
    const stageB = () => {
      series(tB, taB, d);
      series(t2B, tbB, d2);
      // the midpoint test (midpoint-band.ts) and the range
      outsideBand(c, d, d2, splat);
      c.get(goodB).v128And();
      // list[count] = iB for every group; count advances unless all 4 lanes are vouched for (no branch)
      appendUnlessVouched(c, { list, count, i: iB });
      // float32(d) · 2^(k >> 10): the exponent added to the bits
      c.elementAddress(out, iB, 4);
      demote4(c, d, d2);
      c.get(kkB).i32Const(Math.log2(STEPS)).i32x4ShrU().i32Const(23).i32x4Shl().i32x4Add();
      c.v128Store();
    };
    c.i32Const(0).set(count);
    c.get(n).i32Const(4).i32GeS().ifThen(() => {
      // group 0's stage A; then for each next group its stage A and the previous one's stage B
      c.i32Const(0).set(i);
      stageA();
      c.forRange(i, 4, n, 4, () => {
        handOver();
        stageA();
        c.get(i).i32Const(4).i32Sub().set(iB);
        stageB();
      });
      // the last group's stage B
      handOver();
      c.get(n).i32Const(4).i32Sub().set(iB);
      stageB();
    });
    c.get(count);
  },
});
