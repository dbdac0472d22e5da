/**
 * `gemm_kij`: the k-i-j loop of `gemm.ts` gemmKIJ over `kc` values of p: for each p and each i
 * with A[i,p] ≠ 0, `acc[i,:] += A[i,p]·B[p,:]` in float64. A is given column by column (`n`
 * float32 per p, `lda` apart: Aᵀ row-major, or a range of its columns), B row by row (`m` float32
 * per p). `acc` holds n rows of `mp` doubles (m rounded up to a multiple of 4); the lanes past m
 * collect garbage and are ignored. Driver: `simdGemmKIJ` in `matmul.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { I32, SWAP_HALVES, V128, type Code, type Local } from '../wasm-encoder.js';
import { scanNonZero } from './scan-non-zero.js';

export const gemmKIJ = defineKernel({
  name: 'gemm_kij',
  params: { acc: I32, a: I32, b: I32, kc: I32, n: I32, m: I32, mp: I32, lda: I32 },
  locals: { p: I32, i: I32, j: I32, av: V128, bv: V128, row: I32 },
  body: (c, { acc, a, b, kc, n, m, mp, lda, p, i, j, av, bv, row }) => {
    /** The address of A[i, p] (column p of A at a + p·lda floats). */
    const aAddr = () => c.elementAddress(a, () => c.get(p).get(lda).i32Mul().get(i).i32Add(), 4);
    /** The address of acc[i, j] (row = the address of acc[i, 0]). */
    const accAt = () => c.elementAddress(row, j, 8);
    c.forRange(p, 0, kc, 1, () => {
      const accumulate = () => {
        aAddr().f32Load().f32Const0().f32Ne();
        c.ifThen(() => {
          aAddr().f32Load().f64PromoteF32().f64x2Splat().set(av);
          c.elementAddress(acc, () => c.get(i).get(mp).i32Mul(), 8).set(row);
          c.forRange(j, 0, m, 4, () => {
            c.elementAddress(b, () => c.get(p).get(m).i32Mul().get(j).i32Add(), 4).v128Load().set(bv);
            accumulateGroupF64(c, accAt, av, bv);
          });
        });
        c.get(i).i32Const(1).i32Add().set(i);
      };
      scanNonZero(c, aAddr, i, n, accumulate);
    });
  },
});

/**
 * Emit `acc[i, j … j+3] += A[i,p] · B[p, j … j+3]` in float64: `av` holds A[i,p] as two doubles,
 * `bv` B's four floats, `accAt()` pushes the address of acc[i, j] (four doubles, two per lane
 * pair). Used by `gemm_kij` and `gemm_kij_one_hot`.
 */
export function accumulateGroupF64(c: Code, accAt: () => unknown, av: Local, bv: Local): void {
  // lanes 0, 1
  accAt();
  accAt();
  c.v128Load();
  c.get(av).get(bv).f64x2PromoteLowF32x4().f64x2Mul().f64x2Add().v128Store();
  // lanes 2, 3
  accAt();
  accAt();
  c.v128Load(16);
  c.get(av).get(bv).get(bv).i8x16Shuffle(SWAP_HALVES).f64x2PromoteLowF32x4().f64x2Mul().f64x2Add().v128Store(16);
}
