/**
 * The WebAssembly SIMD kernel of PyTorch's float32 row sum (`ops/cascade-sum.ts`, ATen's
 * `cascade_sum`) for rows of 32 floats or more, the same bits as `cascadeSumF32`:
 *
 * - a row of n floats is ⌊n/8⌋ vectors of 8 lanes and a tail of n mod 8 floats;
 * - the vectors are read 4 at a time (`sizeIlp = ⌊nvec/4⌋` groups of 32 floats) into 4
 *   interleaved accumulators of 8 lanes (8 f32x4 locals), which cascade through 4 levels every
 *   `2^levelPower` groups (ATen's `multi_row_sum`: level j takes level j−1 and clears it, and
 *   stops climbing at the first level whose bits of the group count are not all zero);
 * - the levels are added into level 0, the leftover ⌊nvec/4⌋·4 … nvec−1 vectors into the first
 *   accumulator, the 4 accumulators into the first (`row_sum`);
 * - the sum is `((0 + tail…) + lane0) + … + lane7`, left to right, in float32.
 *
 * Every lane addition is a float32 addition (f32x4.add), as the float32 storage of the
 * TypeScript accumulators rounds every sum. The module imports the same memory as `kernels.ts`
 * (one instance on the kernels' memory, one on the copy kernels' scratch memory).
 */
import { Code, encodeModule, F32, I32, V128, type FunctionDef } from './wasm-encoder.js';
import { copyKernels, kernels, type Kernels, type WasmApi } from './kernels.js';

/** `out[r] = cascade sum of x[r·n … r·n + n − 1]` for r < rows (n ≥ 32; levelPower from `levelPowerOf`). */
export type CascadeRowSum = (out: number, x: number, rows: number, n: number, levelPower: number) => void;

/**
 * ATen's level power for `size` groups: max(4, ⌊⌈log2 size⌉ / 4⌋).
 * @example levelPowerOf(31) // 4
 */
export function levelPowerOf(size: number): number {
  const ceilLog2 = size <= 1 ? 0 : Math.ceil(Math.log2(size));
  return Math.max(4, Math.floor(ceilLog2 / 4));
}

function cascadeRowSumKernel(): FunctionDef {
  // params
  const OUT = 0, X = 1, ROWS = 2, N = 3, LP = 4;
  // i32 locals
  const R = 5, ROW = 6, NVEC = 7, SIZE = 8, I = 9, END = 10, MASK = 11, P = 12;
  // f32 local, then v128 locals: 4 levels × 4 accumulators × 2 halves, and zero
  const ACC = 13, LV = 14, ZERO = LV + 32;
  const lv = (level: number, k: number, h: number) => LV + level * 8 + k * 2 + h;
  const c = new Code();
  c.f32Const0().f32x4Splat().set(ZERO);
  c.get(N).i32Const(3).i32ShrS().set(NVEC);
  c.get(NVEC).i32Const(2).i32ShrS().set(SIZE);
  // level mask (2^lp − 1)
  c.i32Const(1).get(LP).i32Shl().i32Const(1).i32Sub().set(MASK);
  /** level 0 += the group at byte address P (32 floats: accumulator k, half h at P + 32k + 16h). */
  const addGroup = () => {
    for (let k = 0; k < 4; k++) {
      for (let h = 0; h < 2; h++) c.get(lv(0, k, h)).get(P).v128Load(32 * k + 16 * h).f32x4Add().set(lv(0, k, h));
    }
  };
  /** Add groups I … END−1 into level 0 (I ends at END). */
  const addGroupsTo = () => {
    c.block().loop();
    c.get(I).get(END).i32GeS().brIf(1);
    c.get(ROW).get(I).i32Const(7).i32Shl().i32Add().set(P);
    addGroup();
    c.get(I).i32Const(1).i32Add().set(I).br(0);
    c.end().end();
  };
  c.i32Const(0).set(R);
  c.block().loop();
  {
    c.get(R).get(ROWS).i32GeS().brIf(1);
    c.get(X).get(R).get(N).i32Mul().i32Const(2).i32Shl().i32Add().set(ROW);
    for (let q = 0; q < 32; q++) c.get(ZERO).set(LV + q);
    c.i32Const(0).set(I);
    // while (i + step ≤ size): add a block of step groups, then cascade
    c.block().loop();
    {
      c.get(I).i32Const(1).get(LP).i32Shl().i32Add().tee(END).get(SIZE).i32GtS().brIf(1);
      addGroupsTo();
      // level j takes level j − 1 (and clears it); stop when i has bits under level j's mask
      c.block();
      for (let j = 1; j < 4; j++) {
        for (let k = 0; k < 4; k++) {
          for (let h = 0; h < 2; h++) {
            c.get(lv(j, k, h)).get(lv(j - 1, k, h)).f32x4Add().set(lv(j, k, h));
            c.get(ZERO).set(lv(j - 1, k, h));
          }
        }
        if (j < 3) {
          // (i & (mask << j·lp)) ≠ 0: break
          c.get(I).get(MASK).get(LP).i32Const(j).i32Mul().i32Shl().i32And().brIf(0);
        }
      }
      c.end();
      c.br(0);
    }
    c.end().end();
    // the remaining groups
    c.get(SIZE).set(END);
    addGroupsTo();
    // level 0 += levels 1, 2, 3 (in that order)
    for (let j = 1; j < 4; j++) {
      for (let k = 0; k < 4; k++) for (let h = 0; h < 2; h++) c.get(lv(0, k, h)).get(lv(j, k, h)).f32x4Add().set(lv(0, k, h));
    }
    // the leftover vectors (size·4 … nvec − 1) into accumulator 0
    c.get(SIZE).i32Const(2).i32Shl().set(I);
    c.block().loop();
    {
      c.get(I).get(NVEC).i32GeS().brIf(1);
      c.get(ROW).get(I).i32Const(5).i32Shl().i32Add().set(P);
      for (let h = 0; h < 2; h++) c.get(lv(0, 0, h)).get(P).v128Load(16 * h).f32x4Add().set(lv(0, 0, h));
      c.get(I).i32Const(1).i32Add().set(I).br(0);
    }
    c.end().end();
    // accumulators 1, 2, 3 into accumulator 0
    for (let k = 1; k < 4; k++) for (let h = 0; h < 2; h++) c.get(lv(0, 0, h)).get(lv(0, k, h)).f32x4Add().set(lv(0, 0, h));
    // the tail, then the 8 lanes, one at a time
    c.f32Const0().set(ACC);
    c.get(NVEC).i32Const(3).i32Shl().set(I);
    c.block().loop();
    {
      c.get(I).get(N).i32GeS().brIf(1);
      c.get(ACC).get(ROW).get(I).i32Const(2).i32Shl().i32Add().f32Load().f32Add().set(ACC);
      c.get(I).i32Const(1).i32Add().set(I).br(0);
    }
    c.end().end();
    for (let h = 0; h < 2; h++) for (let l = 0; l < 4; l++) c.get(ACC).get(lv(0, 0, h)).f32x4ExtractLane(l).f32Add().set(ACC);
    c.get(OUT).get(R).i32Const(2).i32Shl().i32Add().get(ACC).f32Store();
    c.get(R).i32Const(1).i32Add().set(R).br(0);
  }
  c.end().end();
  return {
    name: 'cascade_row_sum_f32', params: [I32, I32, I32, I32, I32], results: [],
    locals: [...Array<number>(8).fill(I32), F32, ...Array<number>(33).fill(V128)], body: c,
  };
}

/** The kernel instantiated on the memory of `k` (null without kernels). */
function instantiate(k: Kernels | null): CascadeRowSum | null {
  if (k === null) return null;
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly!;
  const pages = k.buffer.byteLength / 65536;
  const bytes = encodeModule({ minPages: pages, maxPages: pages, shared: k.shared }, [cascadeRowSumKernel()]);
  const instance = new wasm.Instance(new wasm.Module(bytes), { env: { memory: k.memory } });
  return instance.exports.cascade_row_sum_f32 as CascadeRowSum;
}

/** The kernel on the kernels' memory (operands in the arena), or null without SIMD. */
export const cascadeRowSum: CascadeRowSum | null = instantiate(kernels);
/** The kernel on the copy kernels' scratch memory (operands copied in), or null without SIMD. */
export const copyCascadeRowSum: CascadeRowSum | null = copyKernels === kernels ? cascadeRowSum : instantiate(copyKernels);
