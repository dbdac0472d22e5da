/**
 * `cascade_row_sum_f32`: PyTorch's float32 row sum (`ops/cascade-sum.ts`, ATen's `cascade_sum`)
 * for rows of n ≥ 32 floats, the same bits as `cascadeSumF32`:
 *
 * - a row is ⌊n/8⌋ vectors of 8 lanes and a tail of n mod 8 floats;
 * - the vectors are read 4 at a time (`size = ⌊nvec/4⌋` groups of 32 floats) into 4 interleaved
 *   accumulators of 8 lanes (8 f32x4 locals), which cascade through 4 levels every
 *   2^`levelPower` groups (ATen's `multi_row_sum`: level j takes level j−1 and clears it, and
 *   the climb stops at the first level j < 3 whose bits of the group count are not all zero);
 * - levels 1, 2, 3 are added into level 0, the leftover vectors 4·size … nvec−1 into the first
 *   accumulator, then accumulators 1, 2, 3 into the first (`row_sum`);
 * - the sum is `((0 + tail…) + lane0) + … + lane7`, left to right.
 *
 * Every lane addition is a float32 addition (f32x4.add), as the float32 storage of the
 * TypeScript accumulators rounds every sum. `rows` rows of n, contiguous; one float per row to
 * `out`; `levelPower` = max(4, ⌊⌈log2 size⌉ / 4⌋) (`levelPowerOf` in `sums.ts`). Driver:
 * `simdRowSums` in `sums.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { F32, I32, V128, type Local } from '../wasm-encoder.js';

export const cascadeRowSum = defineKernel({
  name: 'cascade_row_sum_f32',
  params: { out: I32, x: I32, rows: I32, n: I32, levelPower: I32 },
  locals: { r: I32, row: I32, nvec: I32, size: I32, i: I32, end: I32, mask: I32, group: I32, acc: F32, zero: V128 },
  body: (c, { out, x, rows, n, levelPower, r, row, nvec, size, i, end, mask, group, acc, zero }) => {
    // levels[level][k][h]: accumulator k (of 4), lanes 4h … 4h+3 (of 8), at cascade level `level`
    const levels: Local[][][] = [0, 1, 2, 3].map((level) => [0, 1, 2, 3].map((k) => [0, 1].map((h) => c.local(`l${level}_${k}_${h}`, V128))));
    /** For every accumulator k and half h of level `to`: to += from (f32x4.add). */
    const addLevel = (to: number, from: number) => {
      for (let k = 0; k < 4; k++) for (let h = 0; h < 2; h++) c.get(levels[to][k][h]).get(levels[from][k][h]).f32x4Add().set(levels[to][k][h]);
    };
    /** Level 0 += groups i … end − 1 (32 floats each: accumulator k, half h at byte 32k + 16h). */
    const addGroups = () => c.forRange(i, null, end, 1, () => {
      c.get(row).get(i).i32Const(7).i32Shl().i32Add().set(group); // row + 128·i
      for (let k = 0; k < 4; k++) for (let h = 0; h < 2; h++) c.get(levels[0][k][h]).get(group).v128Load(32 * k + 16 * h).f32x4Add().set(levels[0][k][h]);
    });
    c.f32Const0().f32x4Splat().set(zero);
    c.get(n).i32Const(3).i32ShrS().set(nvec);
    c.get(nvec).i32Const(2).i32ShrS().set(size);
    c.i32Const(1).get(levelPower).i32Shl().i32Const(1).i32Sub().set(mask);
    c.forRange(r, 0, rows, 1, () => {
      c.elementAddress(x, () => c.get(r).get(n).i32Mul(), 4).set(row);
      for (const level of levels) for (const k of level) for (const half of k) c.get(zero).set(half);
      c.i32Const(0).set(i);
      // while i + 2^levelPower ≤ size: a block of groups into level 0, then the cascade
      c.loopUntil(() => c.get(i).i32Const(1).get(levelPower).i32Shl().i32Add().tee(end).get(size).i32GtS(), () => {
        addGroups();
        c.block();
        for (let j = 1; j < 4; j++) {
          addLevel(j, j - 1);
          for (const k of levels[j - 1]) for (const half of k) c.get(zero).set(half);
          // stop climbing when (i & (mask << j·levelPower)) ≠ 0
          if (j < 3) c.get(i).get(mask).get(levelPower).i32Const(j).i32Mul().i32Shl().i32And().brIf(0);
        }
        c.end();
      });
      // the remaining groups, then levels 1, 2, 3 into level 0
      c.get(size).set(end);
      addGroups();
      for (let j = 1; j < 4; j++) addLevel(0, j);
      // the leftover vectors (4·size … nvec − 1) into accumulator 0
      c.forRange(i, () => c.get(size).i32Const(2).i32Shl(), nvec, 1, () => {
        for (let h = 0; h < 2; h++) c.get(levels[0][0][h]).elementAddress(row, i, 32).v128Load(16 * h).f32x4Add().set(levels[0][0][h]);
      });
      // accumulators 1, 2, 3 into accumulator 0
      for (let k = 1; k < 4; k++) for (let h = 0; h < 2; h++) c.get(levels[0][0][h]).get(levels[0][k][h]).f32x4Add().set(levels[0][0][h]);
      // the tail, then the 8 lanes, one at a time
      c.f32Const0().set(acc);
      c.forRange(i, () => c.get(nvec).i32Const(3).i32Shl(), n, 1, () => {
        c.get(acc).elementAddress(row, i, 4).f32Load().f32Add().set(acc);
      });
      for (let h = 0; h < 2; h++) for (let l = 0; l < 4; l++) c.get(acc).get(levels[0][0][h]).f32x4ExtractLane(l).f32Add().set(acc);
      c.elementAddress(out, r, 4).get(acc).f32Store();
    });
  },
});
