/**
 * `gemm_one_hot_rows`: `gemm_sparse_a` (C = A·B in float32 for a mostly-zero A, same arguments)
 * for rows of at most 32 elements (k ≤ 32) and m ≥ 4, the lecture's one-hot forward `xenc · W`.
 * The non-zeros of a row of A are found at once (`nonZeroMask`), without a branch per element:
 * - a row with at most one non-zero a = A[r,p] (a one-hot row): C[r,:] = fl(+0 + fl(a·B[p,:])),
 *   the plain loop's sum with its zero terms skipped, written straight (no zeroing first, no
 *   read back). A row of zeros takes p = 0 and a = A[r,0], ±0: fl(+0 + fl(±0·B[0,j])) is +0,
 *   the plain loop's sum of zero terms (B is finite, checked by the caller: ±0·b is ±0 and
 *   +0 + ±0 = +0);
 * - a row with more: the row of C = +0, then `c = fl(c + fl(a·B[p,:]))` for each non-zero, p
 *   ascending (as `gemm_sparse_a`).
 * Skipping a zero term is exact since B is finite (see `fastGemm` in gemm.ts). The last four
 * columns of a row are written by a store that may overlap the group before (the same values
 * again): nothing is written past a row, so parts of the rows can run on different threads.
 * B is given in float32 at `b32`, `m4` (m rounded up to a multiple of 4) floats per row. Driver:
 * `simdGemmSparseA` in `matmul.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { F32, I32, V128 } from '../wasm-encoder.js';
import { nonZeroMask, validBits } from './non-zero-mask.js';
import { unrolledGroups } from './unrolled-groups.js';
import { addScaledRow } from './gemm-sparse-a.js';

export const gemmOneHotRows = defineKernel({
  name: 'gemm_one_hot_rows',
  params: { out: I32, a: I32, b32: I32, rows: I32, k: I32, m: I32, m4: I32 },
  locals: { r: I32, p: I32, j: I32, mask: I32, valid: I32, aRow: I32, row: I32, bRow: I32, av: V128, zero: V128, sa: F32 },
  body: (c, { out, a, b32, rows, k, m, m4, r, p, j, mask, valid, aRow, row, bRow, av, zero, sa }) => {
    /** The address of C[r, j] (row = the address of C[r, 0]). */
    const rowAt = () => c.elementAddress(row, j, 4);
    /** Push the address of B[p, 0] (bRow). */
    const setBRow = () => c.elementAddress(b32, () => c.get(p).get(m4).i32Mul(), 4).set(bRow);
    /** C[r, j … j+3] = fl(+0 + fl(a·B[p, j … j+3])). */
    const storeProducts = () => {
      rowAt();
      c.get(zero).get(av).elementAddress(bRow, j, 4).v128Load().f32x4Mul().f32x4Add().v128Store();
    };
    c.f32Const0().f32x4Splat().set(zero);
    validBits(c, k, valid);
    c.get(a).set(aRow);
    c.get(out).set(row);
    c.forRange(r, 0, rows, 1, () => {
      nonZeroMask(c, aRow, k, valid, mask);
      c.get(mask).get(mask).i32Const(1).i32Sub().i32And().i32Eqz();
      c.ifThen(() => {
        // at most one non-zero: p = its column (0 for none), a = A[r, p] (±0 for none)
        c.get(mask).i32Ctz().i32Const(0).get(mask).select().set(p);
        c.elementAddress(aRow, p, 4).f32Load().f32x4Splat().set(av);
        setBRow();
        unrolledGroups(c, j, m, 0, storeProducts);
        // the last (partial) group: the four columns m−4 … m−1 (m ≥ 4)
        c.get(j).get(m).i32LtS();
        c.ifThen(() => {
          c.get(m).i32Const(4).i32Sub().set(j);
          storeProducts();
        });
      }, () => {
        // two or more: the row = +0, then row += A[r,p] · B[p,:] for each non-zero, p ascending
        const columns = (vector: () => void, scalar: () => void) => {
          c.forGroups(j, 0, m, 4, vector);
          c.forRange(j, null, m, 1, scalar);
        };
        columns(() => { rowAt(); c.get(zero).v128Store(); }, () => { rowAt(); c.f32Const0().f32Store(); });
        c.loopUntil(() => c.get(mask).i32Eqz(), () => {
          c.get(mask).i32Ctz().set(p);
          c.get(mask).get(mask).i32Const(1).i32Sub().i32And().set(mask);
          c.elementAddress(aRow, p, 4).f32Load().tee(sa).f32x4Splat().set(av);
          setBRow();
          addScaledRow(c, columns, rowAt, av, sa, bRow, j);
        });
      });
      c.elementAddress(aRow, k, 4).set(aRow);
      c.elementAddress(row, m, 4).set(row);
    });
  },
});
