/**
 * `div_backward_rows_f32`: both gradients of `a / b` in one pass, for `b` one value per row of
 * `n` floats (8 ≤ n < 32: the lecture's `counts / counts.sum(1, keepdim=True)`, rows of 27),
 * given the quotient `q = a / b` (the forward's output). For each row r, with β = b[r]:
 *
 *   grad_a[j] = g[j] / β                           (`g.div(y)`)
 *   t[j]      = (q[j] / (−β)) · g[j]                (`x.div(y).div_(y.neg()).mul_(g)`)
 *   grad_b[r] = Σ_j t[j]                            (`sumToShape`'s `sum(1, keepdim)` of t)
 *
 * The same float32 operations as the unfused chain, each correctly rounded (f32x4 and f32 ops are
 * IEEE), and t summed in the order of `row_sum_f32` (`row-sum.ts`, PyTorch's order for rows of 8
 * to 31): lanes = (0 + t₀…₃ + t₈…₁₁ + …) + 0 and (0 + t₄…₇ + …) + 0, then
 * `((0 + tail…) + lane0) + … + lane7`. So the bits are those of the three full-size passes and
 * the row sum it replaces, without the full-size temporary t. `−β` is β with its sign bit flipped
 * (`y.neg()`). `ga`, `g`, `q`: rows × n contiguous; `gb`, `b`: one float per row.
 *
 * With `mode` 1, the row's grad_b is then added to each of its grad_a, while the row is still in
 * cache: `grad_a[j] = grad_a[j] + grad_b[r]`, one f32 addition each (f32x4 lanes, then the
 * tail), the bits of the walk's `grad_a.add_(grad_b.expand(…))` when b is `a.sum(-1,
 * keepdim=True)` and the two gradients of `a` meet (`autograd/row-normalise.ts`). With `mode` 2,
 * also `grad_a[j] = grad_a[j] · f[j]` after the addition (`f` rows × n like `ga`): the backward of
 * `a = exp(z)`, `grad_a.mul(a)`, in the same pass (`f` is `a`).
 * Driver: `simdDivBackwardRows` in `div-backward.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { F32, I32, V128 } from '../wasm-encoder.js';

export const divBackwardRows = defineKernel({
  name: 'div_backward_rows_f32',
  params: { ga: I32, gb: I32, g: I32, q: I32, b: I32, rows: I32, n: I32, mode: I32, f: I32 },
  locals: {
    r: I32, j: I32, offset: I32, nvec: I32, beta: V128, negBeta: V128, sign: V128, zero: V128,
    lanes0: V128, lanes1: V128, gv: V128, sb: F32, snb: F32, gs: F32, acc: F32, accv: V128,
  },
  body: (c, { ga, gb, g, q, b, rows, n, mode, f, r, j, offset, nvec, beta, negBeta, sign, zero, lanes0, lanes1, gv, sb, snb, gs, acc, accv }) => {
    c.f32Const0().f32x4Splat().set(zero);
    c.i32Const(0x80000000).i32x4Splat().set(sign);
    c.get(n).i32Const(3).i32ShrS().set(nvec);
    c.forRange(r, 0, rows, 1, () => {
      c.elementAddress(b, r, 4).f32Load().f32x4Splat().tee(beta).get(sign).v128Xor().set(negBeta);
      c.get(beta).f32x4ExtractLane(0).set(sb);
      c.get(negBeta).f32x4ExtractLane(0).set(snb);
      c.get(zero).set(lanes0);
      c.get(zero).set(lanes1);
      // the vectors of 8 lanes, in order: j counts bytes into the row, `offset` is the row's start
      c.get(r).get(n).i32Mul().i32Const(2).i32Shl().set(offset);
      c.forRange(j, 0, () => c.get(nvec).i32Const(5).i32Shl(), 32, () => {
        const at = (base: typeof g) => c.get(base).get(offset).i32Add().get(j).i32Add();
        for (const [half, lanes] of [[0, lanes0], [16, lanes1]] as const) {
          // grad_a = g / β
          at(ga);
          at(g).v128Load(half).tee(gv).get(beta).f32x4Div();
          c.v128Store(half);
          // t = (q / (−β)) · g, added to this half's lanes
          c.get(lanes);
          at(q).v128Load(half).get(negBeta).f32x4Div().get(gv).f32x4Mul();
          c.f32x4Add().set(lanes);
        }
      });
      c.get(lanes0).get(zero).f32x4Add().set(lanes0);
      c.get(lanes1).get(zero).f32x4Add().set(lanes1);
      // the tail, one at a time, then the 8 lanes
      c.f32Const0().set(acc);
      c.forRange(j, () => c.get(nvec).i32Const(5).i32Shl(), () => c.get(n).i32Const(2).i32Shl(), 4, () => {
        c.get(ga).get(offset).i32Add().get(j).i32Add();
        c.get(g).get(offset).i32Add().get(j).i32Add().f32Load().tee(gs).get(sb).f32Div();
        c.f32Store();
        c.get(acc);
        c.get(q).get(offset).i32Add().get(j).i32Add().f32Load().get(snb).f32Div().get(gs).f32Mul();
        c.f32Add().set(acc);
      });
      for (let l = 0; l < 4; l++) c.get(acc).get(lanes0).f32x4ExtractLane(l).f32Add().set(acc);
      for (let l = 0; l < 4; l++) c.get(acc).get(lanes1).f32x4ExtractLane(l).f32Add().set(acc);
      c.elementAddress(gb, r, 4).get(acc).f32Store();
      // grad_a += grad_b over the row (mode 1), then grad_a *= f (mode 2): 4 lanes at a time, then the tail
      const rowPass = (times: boolean) => {
        const at = (base: typeof g) => c.get(base).get(offset).i32Add().get(j).i32Add();
        c.get(acc).f32x4Splat().set(accv);
        c.forGroups(j, 0, () => c.get(n).i32Const(2).i32Shl(), 16, () => {
          at(ga);
          at(ga).v128Load().get(accv).f32x4Add();
          if (times) at(f).v128Load().f32x4Mul();
          c.v128Store();
        });
        c.forRange(j, null, () => c.get(n).i32Const(2).i32Shl(), 4, () => {
          at(ga);
          at(ga).f32Load().get(acc).f32Add();
          if (times) at(f).f32Load().f32Mul();
          c.f32Store();
        });
      };
      c.get(mode).i32Const(1).i32Sub().i32Eqz().ifThen(() => rowPass(false));
      c.get(mode).i32Const(2).i32Sub().i32Eqz().ifThen(() => rowPass(true));
    });
  },
});
