/**
 * The packing of `gemm_f32`'s B (`kernels/gemm-f32.ts`) into panels of 8 columns, in WebAssembly
 * instead of element by element in TypeScript: the same floats in the same places as the loops of
 * `simdGemmF32` (`matmul.ts`). Panel jb holds `B[p, c0 … c0+7]` for each p (32 bytes per p), with
 * c0 = min(8·jb, m − 8) (m ≥ 8: the last panel may overlap the one before it). Driver:
 * `simdGemmF32`, which reads B in place in the arena or first copies it into the scratch memory
 * (`set`).
 *
 * - `pack_cols8_f32`: row-major B (k rows of `ld` floats): two f32x4 copies per p.
 * - `pack_rows8_f32`: a transposed B (`W.T`: B[p, j] = W[j, p], W's rows `ld` floats apart): the
 *   8 rows c0 … c0+7 of W, four p at a time, each block of 4 rows × 4 p transposed by shuffles;
 *   the last k % 4 p one float at a time.
 */
import { defineKernel } from '../define-kernel.js';
import type { Code, Local } from '../wasm-encoder.js';
import { I32, V128 } from '../wasm-encoder.js';
import { transpose4 } from './transpose4.js';

/** `c0 = min(8·jb, m − 8)`. */
function panelStart(code: Code, jb: Local, m: Local, c0: Local): void {
  code.get(jb).i32Const(3).i32Shl();
  code.get(m).i32Const(8).i32Sub();
  code.get(jb).i32Const(3).i32Shl().get(m).i32Const(8).i32Sub().i32LtS();
  code.select().set(c0);
}

export const packCols8F32 = defineKernel({
  name: 'pack_cols8_f32',
  params: { dst: I32, src: I32, ld: I32, nbj: I32, m: I32, k: I32 },
  locals: { jb: I32, c0: I32, p: I32, d: I32, s: I32, rowBytes: I32 },
  body: (code, { dst, src, ld, nbj, m, k, jb, c0, p, d, s, rowBytes }) => {
    code.get(ld).i32Const(2).i32Shl().set(rowBytes);
    code.get(dst).set(d);
    code.forRange(jb, 0, nbj, 1, () => {
      panelStart(code, jb, m, c0);
      code.elementAddress(src, c0, 4).set(s);
      code.forRange(p, 0, k, 1, () => {
        code.get(d).get(s).v128Load().v128Store();
        code.get(d).get(s).v128Load(16).v128Store(16);
        code.get(d).i32Const(32).i32Add().set(d);
        code.get(s).get(rowBytes).i32Add().set(s);
      });
    });
  },
});

export const packRows8F32 = defineKernel({
  name: 'pack_rows8_f32',
  params: { dst: I32, src: I32, ld: I32, nbj: I32, m: I32, k: I32 },
  locals: { jb: I32, c0: I32, p: I32, d: I32, rowBytes: I32 },
  body: (code, { dst, src, ld, nbj, m, k, jb, c0, p, d, rowBytes }) => {
    const s = [0, 1, 2, 3, 4, 5, 6, 7].map((c) => code.local(`s${c}`, I32)); // the byte address of W[c0 + c, p]
    const v = [0, 1, 2, 3].map((r) => code.local(`v${r}`, V128));
    const t = [0, 1, 2, 3].map((r) => code.local(`t${r}`, V128));
    code.get(ld).i32Const(2).i32Shl().set(rowBytes);
    code.get(dst).set(d);
    code.forRange(jb, 0, nbj, 1, () => {
      panelStart(code, jb, m, c0);
      code.get(c0).get(rowBytes).i32Mul().get(src).i32Add().set(s[0]);
      for (let c = 1; c < 8; c++) code.get(s[c - 1]).get(rowBytes).i32Add().set(s[c]);
      code.forGroups(p, 0, k, 4, () => {
        for (let half = 0; half < 2; half++) {
          // rows 4·half … 4·half+3 at p … p+3, transposed: column q of the block is p + q
          for (let r = 0; r < 4; r++) code.get(s[4 * half + r]).v128Load().set(v[r]);
          transpose4(code, v, t, (q, column) => {
            code.get(d);
            column();
            code.v128Store(32 * q + 16 * half);
          });
        }
        code.get(d).i32Const(128).i32Add().set(d);
        for (let c = 0; c < 8; c++) code.get(s[c]).i32Const(16).i32Add().set(s[c]);
      });
      code.forRange(p, null, k, 1, () => {
        for (let c = 0; c < 8; c++) {
          code.get(d).get(s[c]).f32Load().f32Store(4 * c);
          code.get(s[c]).i32Const(4).i32Add().set(s[c]);
        }
        code.get(d).i32Const(32).i32Add().set(d);
      });
    });
  },
});

/** Both packing kernels, by export name. */
export const packPanels8Kernels = { pack_cols8_f32: packCols8F32, pack_rows8_f32: packRows8F32 } as const;
