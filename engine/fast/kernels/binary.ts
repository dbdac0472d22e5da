/**
 * `add|sub|mul|div_<a><b>`: `out = a op b` in float32 over `rows` rows of `cols`, 4 lanes at a
 * time. IEEE float32 operations are correctly rounded, and so is JavaScript's double result of
 * two float32 operands rounded to float32 (a double holds more than twice float32's 24 bits, so
 * rounding twice is harmless): the same bits as the plain loop. Operand layouts: `F` full
 * (`rows × cols` contiguous), `R` one value per row (`rows` contiguous), `S` one scalar.
 * `overlapOk` = 1 when `out` shares no memory with `a` or `b`. Driver: `simdBinary` in
 * `elementwise.ts`.
 */
import { defineKernel, type Kernel } from '../define-kernel.js';
import { F32, I32, V128, type Code, type Local } from '../wasm-encoder.js';

/** The binary ops with SIMD kernels. */
export type SimdBinaryOp = 'add' | 'sub' | 'mul' | 'div';
/** Operand layout of a binary kernel: full, per row, scalar. */
export type Layout = 'F' | 'R' | 'S';

/** `op`'s instruction on four float32 lanes (`f32x4.add` …) and on one float32 (`f32.add` …). */
export function opInstructions(op: SimdBinaryOp): { vectorOp: (c: Code) => void; scalarOp: (c: Code) => void } {
  return {
    vectorOp: (c) => ({ add: c.f32x4Add, sub: c.f32x4Sub, mul: c.f32x4Mul, div: c.f32x4Div })[op].call(c),
    scalarOp: (c) => ({ add: c.f32Add, sub: c.f32Sub, mul: c.f32Mul, div: c.f32Div })[op].call(c),
  };
}

/**
 * A row of `cols` float32 elements: 4 lanes at a time from j = 0 (`vectorAtJ` does the 4 at j),
 * then the last `cols % 4`. With 4 or more in the row (and, when `overlapOk` is given, that local
 * = 1: out overlaps no input) those are done by redoing the row's last 4 as one vector (the overlap
 * rewrites equal values); otherwise one at a time (`scalarAtJ` does the one at j).
 */
export function forRowOfLanes(c: Code, j: Local, cols: Local, vectorAtJ: () => void, scalarAtJ: () => void, overlapOk?: Local): void {
  c.forGroups(j, 0, cols, 4, vectorAtJ);
  if (overlapOk !== undefined) c.get(overlapOk);
  c.get(cols).i32Const(4).i32GeS();
  if (overlapOk !== undefined) c.i32And();
  c.get(j).get(cols).i32LtS().i32And();
  c.ifThen(() => {
    c.get(cols).i32Const(4).i32Sub().set(j);
    vectorAtJ();
    c.get(cols).set(j);
  });
  c.forRange(j, null, cols, 1, scalarAtJ);
}

function binaryKernel(op: SimdBinaryOp, la: Layout, lb: Layout): Kernel {
  return defineKernel({
    name: `${op}_${la}${lb}`,
    params: { out: I32, a: I32, b: I32, rows: I32, cols: I32, overlapOk: I32 },
    locals: { r: I32, j: I32, outRow: I32, aRow: I32, bRow: I32, va: V128, vb: V128, sa: F32, sb: F32 },
    body: (c, { out, a, b, rows, cols, overlapOk, r, j, outRow, aRow, bRow, va, vb, sa, sb }) => {
      const { vectorOp, scalarOp } = opInstructions(op);
      /** out[j … j+3] = a[j … j+3] op b[j … j+3] of the current row. */
      const vectorAtJ = () => {
        c.elementAddress(outRow, j, 4);
        if (la === 'F') c.elementAddress(aRow, j, 4).v128Load(); else c.get(va);
        if (lb === 'F') c.elementAddress(bRow, j, 4).v128Load(); else c.get(vb);
        vectorOp(c);
        c.v128Store();
      };
      // a scalar operand is the same for every row: load it once
      if (la === 'S') c.get(a).f32Load().tee(sa).f32x4Splat().set(va);
      if (lb === 'S') c.get(b).f32Load().tee(sb).f32x4Splat().set(vb);
      c.forRange(r, 0, rows, 1, () => {
        // byte offset of row r in a full operand: r·cols·4 (held in j for a moment)
        c.get(r).get(cols).i32Mul().i32Const(2).i32Shl().set(j);
        c.get(out).get(j).i32Add().set(outRow);
        for (const [layout, base, row, s, v] of [[la, a, aRow, sa, va], [lb, b, bRow, sb, vb]] as const) {
          if (layout === 'F') c.get(base).get(j).i32Add().set(row);
          if (layout === 'R') c.elementAddress(base, r, 4).f32Load().tee(s).f32x4Splat().set(v);
        }
        // the row, 4 lanes at a time; its last cols % 4 as a redone vector only when out overlaps no input
        forRowOfLanes(c, j, cols, vectorAtJ, () => {
          c.elementAddress(outRow, j, 4);
          if (la === 'F') c.elementAddress(aRow, j, 4).f32Load(); else c.get(sa);
          if (lb === 'F') c.elementAddress(bRow, j, 4).f32Load(); else c.get(sb);
          scalarOp(c);
          c.f32Store();
        }, overlapOk);
      });
    },
  });
}

/** The binary kernels by export name (`add_FR`): every op with every pair of layouts but two scalars. */
export const binaryKernels: Readonly<Record<string, Kernel>> = Object.fromEntries(
  (['add', 'sub', 'mul', 'div'] as const).flatMap((op) =>
    (['F', 'R', 'S'] as const).flatMap((la) =>
      (['F', 'R', 'S'] as const).filter((lb) => !(la === 'S' && lb === 'S')).map((lb) => [`${op}_${la}${lb}`, binaryKernel(op, la, lb)]))),
);
