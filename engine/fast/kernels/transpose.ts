/**
 * `transpose_f32`: `dst[c·ldd + r] = src[r·lds + c]` for the `rows × cols` floats at `src` (`lds`
 * floats from row to row): blocks of 4×4 transposed by shuffles, the rest one float at a time
 * (each float copied as it is). Driver: `simdGemmF32` (`matmul.ts`), which stages a transposed A
 * (`h.T`, `emb.T` in a backward) as rows of k floats for `gemm_f32`.
 */
import { defineKernel } from '../define-kernel.js';
import { I32, V128 } from '../wasm-encoder.js';
import { transpose4 } from './transpose4.js';

export const transposeF32 = defineKernel({
  name: 'transpose_f32',
  params: { dst: I32, ldd: I32, src: I32, lds: I32, rows: I32, cols: I32 },
  locals: { r: I32, c: I32, s: I32, d: I32 },
  body: (code, { dst, ldd, src, lds, rows, cols, r, c, s, d }) => {
    const v = [0, 1, 2, 3].map((i) => code.local(`v${i}`, V128));
    const t = [0, 1, 2, 3].map((i) => code.local(`t${i}`, V128));
    /** One float: dst[c·ldd + r] = src[r·lds + c]. */
    const one = () => {
      code.elementAddress(dst, () => code.get(c).get(ldd).i32Mul().get(r).i32Add(), 4);
      code.elementAddress(src, () => code.get(r).get(lds).i32Mul().get(c).i32Add(), 4).f32Load();
      code.f32Store();
    };
    code.forGroups(r, 0, rows, 4, () => {
      code.forGroups(c, 0, cols, 4, () => {
        // the 4×4 block at (r, c): rows r … r+3 of src become columns r … r+3 of dst
        code.elementAddress(src, () => code.get(r).get(lds).i32Mul().get(c).i32Add(), 4).set(s);
        for (let i = 0; i < 4; i++) {
          code.get(s).v128Load().set(v[i]);
          if (i < 3) code.elementAddress(s, lds, 4).set(s);
        }
        code.elementAddress(dst, () => code.get(c).get(ldd).i32Mul().get(r).i32Add(), 4).set(d);
        transpose4(code, v, t, (q, column) => {
          code.get(d);
          column();
          code.v128Store();
          if (q < 3) code.elementAddress(d, ldd, 4).set(d);
        });
      });
      // the last cols % 4 columns of these four rows
      const r0 = code.local('r0', I32);
      code.get(r).set(r0);
      code.forRange(c, null, cols, 1, () => {
        code.forRange(r, null, () => code.get(r0).i32Const(4).i32Add(), 1, one);
        code.get(r0).set(r);
      });
    });
    // the last rows % 4 rows, every column
    code.forRange(r, null, rows, 1, () => code.forRange(c, 0, cols, 1, one));
  },
});
