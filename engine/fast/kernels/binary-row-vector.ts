/**
 * `add|sub|mul|div_<a><b>` with one operand a row vector: `out[r, j] = a[r, j] op v[j]` (`FV`) or
 * `v[j] op b[r, j]` (`VF`) in float32 over `rows` rows of `cols`, 4 lanes at a time: the bias of a
 * linear layer (`x @ W + b`, `[32, 200] + [200]`), which the kernels of `binary.ts` do not take
 * (their per-row layout is one value per row, not one row for all rows). The same float32
 * operations as the plain loop, one per element (see `binary.ts` for why the bits agree). `out`
 * must not overlap either operand: a row's last `cols % 4` elements are done by redoing its last
 * 4 as one vector when `cols ≥ 4`. Driver: `simdRowVectorBinary` in `row-vector-binary.ts`.
 */
import { defineKernel, type Kernel } from '../define-kernel.js';
import { I32 } from '../wasm-encoder.js';
import { forRowOfLanes, opInstructions, type SimdBinaryOp } from './binary.js';

/** Which operand is the row vector: `FV` (b) or `VF` (a). */
export type RowVectorLayout = 'FV' | 'VF';

function rowVectorKernel(op: SimdBinaryOp, layout: RowVectorLayout): Kernel {
  return defineKernel({
    name: `${op}_${layout}`,
    params: { out: I32, a: I32, b: I32, rows: I32, cols: I32 },
    locals: { r: I32, j: I32, outRow: I32, aRow: I32, bRow: I32 },
    body: (c, { out, a, b, rows, cols, r, j, outRow, aRow, bRow }) => {
      const { vectorOp, scalarOp } = opInstructions(op);
      /** out[j … j+3] = a[j … j+3] op b[j … j+3] of the current row. */
      const vectorAtJ = () => {
        c.elementAddress(outRow, j, 4);
        c.elementAddress(aRow, j, 4).v128Load();
        c.elementAddress(bRow, j, 4).v128Load();
        vectorOp(c);
        c.v128Store();
      };
      // the vector operand's row is the same for every row
      if (layout === 'VF') c.get(a).set(aRow);
      else c.get(b).set(bRow);
      c.forRange(r, 0, rows, 1, () => {
        // byte offset of row r in a full operand: r·cols·4 (held in j for a moment)
        c.get(r).get(cols).i32Mul().i32Const(2).i32Shl().set(j);
        c.get(out).get(j).i32Add().set(outRow);
        if (layout === 'VF') c.get(b).get(j).i32Add().set(bRow);
        else c.get(a).get(j).i32Add().set(aRow);
        // the row, 4 lanes at a time (out overlaps no operand, so its last cols % 4 may be a redone vector)
        forRowOfLanes(c, j, cols, vectorAtJ, () => {
          c.elementAddress(outRow, j, 4);
          c.elementAddress(aRow, j, 4).f32Load();
          c.elementAddress(bRow, j, 4).f32Load();
          scalarOp(c);
          c.f32Store();
        });
      });
    },
  });
}

/** The row-vector kernels by export name (`add_FV`): every op with the vector on either side. */
export const rowVectorKernels: Readonly<Record<string, Kernel>> = Object.fromEntries(
  (['add', 'sub', 'mul', 'div'] as const).flatMap((op) =>
    (['FV', 'VF'] as const).map((layout) => [`${op}_${layout}`, rowVectorKernel(op, layout)])),
);
