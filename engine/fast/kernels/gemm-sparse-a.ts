/**
 * `gemm_sparse_a`: C = A·B in float32 for a mostly-zero A (`gemm.ts` gemmSparseA): for each of
 * `rows` rows of A (`k` float32, contiguous), the row of C (`m` floats) starts at +0 and takes
 * `c = fl(c + fl(a·B[p, :]))` for each non-zero a = A[r,p], in order p = 0 … k−1 (the plain
 * float32 loop, with its zero terms skipped: see `fastGemm` in gemm.ts). B is given in float32 at
 * `b32`, `m4` (m rounded up to a multiple of 4) floats per row. Rows of C are written four floats
 * at a time, then one at a time: nothing past a row, so parts of the rows can run on different
 * threads. Driver: `simdGemmSparseA` in `matmul.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { F32, I32, V128, type Code, type Local } from '../wasm-encoder.js';
import { scanNonZero } from './scan-non-zero.js';

export const gemmSparseA = defineKernel({
  name: 'gemm_sparse_a',
  params: { out: I32, a: I32, b32: I32, rows: I32, k: I32, m: I32, m4: I32 },
  locals: { r: I32, p: I32, j: I32, row: I32, av: V128, zero: V128, bRow: I32, sa: F32 },
  body: (c, { out, a, b32, rows, k, m, m4, r, p, j, row, av, zero, bRow, sa }) => {
    /** The address of A[r, p]. */
    const aAddr = () => c.elementAddress(a, () => c.get(r).get(k).i32Mul().get(p).i32Add(), 4);
    /** The address of C[r, j] (row = the address of C[r, 0]). */
    const rowAt = () => c.elementAddress(row, j, 4);
    /** for (j = 0; j + 4 ≤ m; j += 4) vector(); for (; j < m; j++) scalar(): nothing past the row. */
    const columns = (vector: () => void, scalar: () => void) => {
      c.forGroups(j, 0, m, 4, vector);
      c.forRange(j, null, m, 1, scalar);
    };
    c.f32Const0().f32x4Splat().set(zero);
    c.forRange(r, 0, rows, 1, () => {
      c.elementAddress(out, () => c.get(r).get(m).i32Mul(), 4).set(row);
      // the row = +0
      columns(() => { rowAt(); c.get(zero).v128Store(); }, () => { rowAt(); c.f32Const0().f32Store(); });
      // row += A[r,p] · B[p,:] for the non-zero A[r,p] (four A values are tested at once first)
      const accumulate = () => {
        aAddr();
        c.f32Load().f32Const0().f32Ne();
        c.ifThen(() => {
          aAddr();
          c.f32Load().tee(sa).f32x4Splat().set(av);
          c.elementAddress(b32, () => c.get(p).get(m4).i32Mul(), 4).set(bRow);
          addScaledRow(c, columns, rowAt, av, sa, bRow, j);
        });
        c.get(p).i32Const(1).i32Add().set(p);
      };
      scanNonZero(c, aAddr, p, k, accumulate);
    });
  },
});

/**
 * Emit `C[r, :] = fl(C[r, :] + fl(a · B[p, :]))` over the row's columns (`columns(vector,
 * scalar)`: groups of four, then one by one): `av` holds a in four lanes, `sa` a as a float,
 * `bRow` the address of B[p, 0], `rowAt()` pushes the address of C[r, j]. Used by `gemm_sparse_a`
 * and `gemm_one_hot_rows`.
 */
export function addScaledRow(
  c: Code, columns: (vector: () => void, scalar: () => void) => void, rowAt: () => unknown,
  av: Local, sa: Local, bRow: Local, j: Local,
): void {
  columns(() => {
    rowAt();
    rowAt(); c.v128Load();
    c.get(av).elementAddress(bRow, j, 4).v128Load().f32x4Mul();
    c.f32x4Add().v128Store();
  }, () => {
    rowAt();
    rowAt(); c.f32Load();
    c.get(sa).elementAddress(bRow, j, 4).f32Load().f32Mul();
    c.f32Add().f32Store();
  });
}
