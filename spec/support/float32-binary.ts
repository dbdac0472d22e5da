/**
 * What the property tests of the float32 add/sub/mul/div fast paths share
 * (spec/fast-paths/small-binary.spec.ts, row-vector-binary.spec.ts): the ops, an independent
 * loop (each element as JavaScript's double operation rounded to float32), the plain loop (SIMD
 * off), bit patterns, and generated values with NaN, ±inf and ±0.
 */
import fc from 'fast-check';
import { Tensor, setSimdEnabled, tensor } from '../../engine/index.js';

export type Op = 'add' | 'sub' | 'mul' | 'div';
export const OPS: Op[] = ['add', 'sub', 'mul', 'div'];

/** `x op y` through the engine. */
export const apply = (op: Op, x: Tensor, y: Tensor) => (op === 'add' ? x.add(y) : op === 'sub' ? x.sub(y) : op === 'mul' ? x.mul(y) : x.div(y));

const f32 = Math.fround;
const scalarOp = (op: Op, p: number, q: number) => f32(op === 'add' ? p + q : op === 'sub' ? p - q : op === 'mul' ? p * q : p / q);

/** Bit patterns (NaN as NaN, −0 told from +0). */
export const bits = (t: Tensor | Float32Array) => Array.from(t instanceof Tensor ? t.toTypedArray() : t, (x) => (Object.is(x, -0) ? '-0' : String(x)));

/** The independent loop: one float32 operation per element of the operands broadcast to `shape`. */
export function naive(op: Op, x: Tensor, y: Tensor, shape: number[]): Float32Array {
  const xs = x.expand(shape).toTypedArray(), ys = y.expand(shape).toTypedArray();
  return Float32Array.from(xs, (p, i) => scalarOp(op, p, ys[i]));
}

/** The plain loop's result (SIMD off). */
export function plain(op: Op, x: Tensor, y: Tensor): Tensor {
  setSimdEnabled(false);
  try {
    return apply(op, x, y);
  } finally {
    setSimdEnabled(true);
  }
}

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 3.4e38, -3.4e38, 1e-45, 1e-40];
/** float32 values, mostly ordinary, sometimes special. */
export const value = fc.oneof(
  { weight: 20, arbitrary: fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) },
);

/** Values for n elements: the generated ones, repeated with a twist so that neighbours differ. */
export const fill = (seed: number[], n: number) => Array.from({ length: n }, (_, i) => {
  const v = seed[i % seed.length];
  return Number.isFinite(v) && v !== 0 ? v * (1 + (i % 7) / 8) : v;
});

/** `shape`'s elements starting at `offset` of a longer float32 tensor (a view with an offset when offset > 0). */
export const viewOf = (values: number[], offset: number, shape: number[]) =>
  tensor(values, { dtype: 'float32' }).narrow(0, offset, shape.reduce((p, d) => p * d, 1)).view(shape);
