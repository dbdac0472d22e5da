/**
 * The row kernels of int32 `add`, `sub` and `mul` (and `add_`, `sub_`, `mul_`): results wrap
 * around modulo 2^32, as torch.int32 does.
 *
 * They are kernels of their own, not the loops the other dtypes share, for speed: a loop that
 * only ever sees `Int32Array`s is compiled by the JIT to plain integer loads and stores, where a
 * loop shared with float arrays has to check the array type at every access. The two layouts of
 * nearly every call, both operands contiguous (`xs * V + ys`) or a contiguous operand and a
 * scalar (`xs * V`), get loops of their own, four elements per iteration. Each element is still
 * read and written in the plain loop's order (and the scalar is read once only when the output is
 * another array), so the results are the same even when the output overlaps an input
 * (`spec/fast-paths/int32-loops.spec.ts`). The plain loop they must equal is `mapBinary`'s in
 * ops/map.ts with the op's arithmetic.
 */
import type { TypedArray } from '../dtype.js';

/** A row loop of a binary op (the shape of `BinaryKernel` in ops/map.ts): `out[o + i] = a[ai + i·as] op b[bi + i·bs]`, i < n. */
type Int32RowLoop = (
  out: TypedArray, o: number, a: TypedArray, ai: number, as: number, b: TypedArray, bi: number, bs: number, n: number,
) => void;

/**
 * `out[o + i] = a[ai + i·as] + b[bi + i·bs]` in int32: the double sum of two int32 values is
 * exact, and the store into the `Int32Array` wraps it modulo 2^32.
 */
export const addInt32: Int32RowLoop = (o, oi, p, pi, ps, q, qi, qs, n) => {
  let i = 0;
  if (ps === 1 && qs === 1) {
    for (; i + 4 <= n; i += 4) {
      o[oi + i] = p[pi + i] + q[qi + i];
      o[oi + i + 1] = p[pi + i + 1] + q[qi + i + 1];
      o[oi + i + 2] = p[pi + i + 2] + q[qi + i + 2];
      o[oi + i + 3] = p[pi + i + 3] + q[qi + i + 3];
    }
  } else if (ps === 1 && qs === 0 && q !== o) {
    const v = q[qi];
    for (; i + 4 <= n; i += 4) {
      o[oi + i] = p[pi + i] + v;
      o[oi + i + 1] = p[pi + i + 1] + v;
      o[oi + i + 2] = p[pi + i + 2] + v;
      o[oi + i + 3] = p[pi + i + 3] + v;
    }
  }
  for (pi += i * ps, qi += i * qs; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] + q[qi];
};

/** `out[o + i] = a[ai + i·as] − b[bi + i·bs]` in int32 (exact in double, wrapped by the store). */
export const subInt32: Int32RowLoop = (o, oi, p, pi, ps, q, qi, qs, n) => {
  let i = 0;
  if (ps === 1 && qs === 1) {
    for (; i + 4 <= n; i += 4) {
      o[oi + i] = p[pi + i] - q[qi + i];
      o[oi + i + 1] = p[pi + i + 1] - q[qi + i + 1];
      o[oi + i + 2] = p[pi + i + 2] - q[qi + i + 2];
      o[oi + i + 3] = p[pi + i + 3] - q[qi + i + 3];
    }
  } else if (ps === 1 && qs === 0 && q !== o) {
    const v = q[qi];
    for (; i + 4 <= n; i += 4) {
      o[oi + i] = p[pi + i] - v;
      o[oi + i + 1] = p[pi + i + 1] - v;
      o[oi + i + 2] = p[pi + i + 2] - v;
      o[oi + i + 3] = p[pi + i + 3] - v;
    }
  }
  for (pi += i * ps, qi += i * qs; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] - q[qi];
};

/**
 * `out[o + i] = a[ai + i·as] · b[bi + i·bs]` in int32: `Math.imul` gives the low 32 bits of
 * the product exactly, where the double product (beyond 2^53) would already have lost them.
 */
export const mulInt32: Int32RowLoop = (o, oi, p, pi, ps, q, qi, qs, n) => {
  let i = 0;
  if (ps === 1 && qs === 1) {
    for (; i + 4 <= n; i += 4) {
      o[oi + i] = Math.imul(p[pi + i], q[qi + i]);
      o[oi + i + 1] = Math.imul(p[pi + i + 1], q[qi + i + 1]);
      o[oi + i + 2] = Math.imul(p[pi + i + 2], q[qi + i + 2]);
      o[oi + i + 3] = Math.imul(p[pi + i + 3], q[qi + i + 3]);
    }
  } else if (ps === 1 && qs === 0 && q !== o) {
    const v = q[qi];
    for (; i + 4 <= n; i += 4) {
      o[oi + i] = Math.imul(p[pi + i], v);
      o[oi + i + 1] = Math.imul(p[pi + i + 1], v);
      o[oi + i + 2] = Math.imul(p[pi + i + 2], v);
      o[oi + i + 3] = Math.imul(p[pi + i + 3], v);
    }
  }
  for (pi += i * ps, qi += i * qs; i < n; i++, pi += ps, qi += qs) o[oi + i] = Math.imul(p[pi], q[qi]);
};
