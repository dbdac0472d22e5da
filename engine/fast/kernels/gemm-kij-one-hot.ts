/**
 * `gemm_kij_one_hot`: `gemm_kij` (the k-i-j loop in float64 of `gemm.ts` gemmKIJ, zero terms of
 * A skipped) for columns of A of at most 32 elements (n ≤ 32) and m ≥ 4, the lecture's backward
 * `xencᵀ · G`, which also checks that B is finite as it reads it: it returns 1 when every row of B
 * it checked is finite, else 0 (then the caller throws `acc` away and runs a loop that skips
 * nothing, since 0·inf is NaN).
 *
 * For each p, the non-zeros of column p of A are found at once (`nonZeroMask`), without a branch
 * per element, and for each non-zero A[i,p], i ascending, `acc[i,:] += A[i,p]·B[p,:]` in float64
 * (the lanes past m collect garbage and are ignored). Each acc[i,j] takes its terms in order
 * p = 0 … kc−1, the plain loop's order. Every row of B is checked (x − x is +0 for a finite x,
 * NaN otherwise): its whole groups of four as the products read them (or by a loop of their own
 * when column p of A is all zeros), its last four columns by a load that may overlap the group
 * before.
 *
 * A is given column by column (`n` float32 per p, `lda` apart), B row by row (`m` float32 per p),
 * `acc` holds n rows of `mp` doubles (m rounded up to a multiple of 4). Driver: `simdGemmKIJOneHot`
 * in `matmul.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { I32, V128 } from '../wasm-encoder.js';
import { accumulateGroupF64 } from './gemm-kij.js';
import { nonZeroMask, validBits } from './non-zero-mask.js';
import { unrolledGroups } from './unrolled-groups.js';

export const gemmKIJOneHot = defineKernel({
  name: 'gemm_kij_one_hot',
  params: { acc: I32, a: I32, b: I32, kc: I32, n: I32, m: I32, mp: I32, lda: I32 },
  results: [I32],
  locals: { p: I32, i: I32, j: I32, mask: I32, valid: I32, col: I32, bRow: I32, row: I32, av: V128, bv: V128, check: V128 },
  body: (c, { acc, a, b, kc, n, m, mp, lda, p, i, j, mask, valid, col, bRow, row, av, bv, check }) => {
    /** The address of acc[i, j] (row = the address of acc[i, 0]). */
    const accAt = () => c.elementAddress(row, j, 8);
    /** check += v − v for the four floats of B[p, j … j+3]. */
    const checkGroup = () => {
      c.get(check).elementAddress(bRow, j, 4).v128Load().tee(bv).get(bv).f32x4Sub().f32x4Add().set(check);
    };
    c.f32Const0().f32x4Splat().set(check);
    validBits(c, n, valid);
    c.get(a).set(col);
    c.get(b).set(bRow);
    /** acc[i, j … j+3] += A[i,p] · B[p, j … j+3] in float64, B's four floats in bv. */
    const accumulateGroup = () => accumulateGroupF64(c, accAt, av, bv);
    c.forRange(p, 0, kc, 1, () => {
      nonZeroMask(c, col, n, valid, mask);
      // a column of zeros: row p of B is checked all the same (the plain loop's 0·b is NaN for an inf b)
      c.get(mask).i32Eqz();
      c.ifThen(() => unrolledGroups(c, j, m, 0, checkGroup));
      // acc[i,:] += A[i,p] · B[p,:] for each non-zero A[i,p], i ascending; the whole groups of
      // B[p,:] are checked as they are read (the partial group's lanes past m are not B's)
      c.loopUntil(() => c.get(mask).i32Eqz(), () => {
        c.get(mask).i32Ctz().set(i);
        c.get(mask).get(mask).i32Const(1).i32Sub().i32And().set(mask);
        c.elementAddress(col, i, 4).f32Load().f64PromoteF32().f64x2Splat().set(av);
        c.elementAddress(acc, () => c.get(i).get(mp).i32Mul(), 8).set(row);
        unrolledGroups(c, j, m, 0, () => {
          checkGroup(); // (loads B[p, j … j+3] into bv)
          accumulateGroup();
        });
        c.get(j).get(m).i32LtS();
        c.ifThen(() => {
          c.elementAddress(bRow, j, 4).v128Load().set(bv);
          accumulateGroup();
        });
      });
      // the last four columns of row p of B (m ≥ 4; a partial last group is covered here)
      c.get(m).i32Const(4).i32Sub().set(j);
      checkGroup();
      c.elementAddress(col, lda, 4).set(col);
      c.elementAddress(bRow, m, 4).set(bRow);
    });
    // 1 when every lane of check is still +0 (every checked float was finite)
    c.get(check).f32Const0().f32x4Splat().f32x4Eq().i32x4AllTrue();
  },
});
