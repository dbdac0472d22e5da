/**
 * Arithmetic: add, sub, mul, div, neg, pow. Each op's forward loop and its backward stand side by
 * side, with the derivative in the comment. Backward functions return gradients in the OUTPUT's
 * (broadcast) shape; the engine sums them back to each input's shape (`sumToShape`).
 */
import { Tensor, type TensorLike } from '../tensor.js';
import { isFloating } from '../dtype.js';
import { sameShape } from '../shape.js';
import { record } from '../autograd/node.js';
import { mapBinary, mapUnary, operands, type BinaryKernel } from './map.js';
import { Storage } from '../storage.js';
import { addInt32, mulInt32, subInt32 } from '../fast/int32-loops.js';
import { simdDivBackwardRows } from '../fast/div-backward.js';
import { cascadeSumF32 } from './cascade-sum.js';
import { distinctRowsBackward } from '../fast/distinct-rows-backward.js';

/**
 * `a + b`.
 * d(a+b)/da = 1, d(a+b)/db = 1  →  grad_a = g, grad_b = g.
 *
 * @example add(tensor([1, 2]), 10) // tensor([11, 12])
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dt] = operands('add', a, b);
  const out = mapBinary('add', x, y, dt, dt === 'int32' ? addInt32 : addRows);
  return record(out, 'AddBackward0', [a, b], (g) => [g, g]);
}

/** add's loop over one row of float operands (`o = p + q`; `add_` uses it too). */
export const addRows: BinaryKernel = (o, oi, p, pi, ps, q, qi, qs, n) => {
  for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] + q[qi];
};

/**
 * `a - b`.
 * d(a-b)/da = 1, d(a-b)/db = -1  →  grad_a = g, grad_b = -g.
 *
 * @example sub(10, tensor([1, 2])) // tensor([9, 8])
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dt] = operands('sub', a, b);
  if (isBool(a) && isBool(b)) throw new TypeError(`sub: ${SUB_TWO_BOOLS}`);
  if (isBool(a) || isBool(b)) throw new TypeError(`sub: ${SUB_BOOL}`);
  const out = mapBinary('sub', x, y, dt, dt === 'int32' ? subInt32 : subRows);
  return record(out, 'SubBackward0', [a, b], (g) => [g, g.neg()]);
}

/** sub's loop over one row of float operands (`o = p − q`; `sub_` uses it too). */
export const subRows: BinaryKernel = (o, oi, p, pi, ps, q, qi, qs, n) => {
  for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] - q[qi];
};

/**
 * `a * b`.
 * d(ab)/da = b, d(ab)/db = a  →  grad_a = g·b, grad_b = g·a.
 *
 * @example mul(tensor([1, 2]), tensor([[3], [4]])) // tensor([[3, 6], [4, 8]])
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dt] = operands('mul', a, b);
  const out = mapBinary('mul', x, y, dt, dt === 'int32' ? mulInt32 : mulRows);
  // saves only what the gradients need: y for grad_a (if a needs one), x for grad_b; a product
  // with a constant number saves nothing that the user could modify
  return record(out, 'MulBackward0', [a, b], (g) => mulBackward(g, x, y, needs(a), needs(b)), savedOf(needs(a) && b instanceof Tensor && y, needs(b) && a instanceof Tensor && x));
}

/** mul's loop over one row of float operands (`o = p · q`; `mul_` uses it too). */
export const mulRows: BinaryKernel = (o, oi, p, pi, ps, q, qi, qs, n) => {
  for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] * q[qi];
};

/** mul's gradients for `x · y` (`mul_` uses them too): grad_x = g·y, grad_y = g·x, each only when wanted. */
export function mulBackward(g: Tensor, x: Tensor, y: Tensor, wantX: boolean, wantY: boolean): (Tensor | null)[] {
  return [wantX ? g.mul(y) : null, wantY ? g.mul(x) : null];
}

/**
 * `a / b`, true division: integer inputs give a float32 result (as `torch.div`).
 * d(a/b)/da = 1/b, d(a/b)/db = -a/b²  →  grad_a = g/b, grad_b = -g·((a/b)/b), computed in
 * PyTorch's order (`div_tensor_other_backward`) so the rounding is the same.
 *
 * @example div(tensor([1, 3]), 2) // tensor([0.5000, 1.5000])
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dt0] = operands('div', a, b);
  const dt = isFloating(dt0) ? dt0 : 'float32';
  const out = mapBinary('div', x, y, dt, divRows);
  // a per-row divisor: the backward reads x/y from the output while it is unchanged (the same
  // bits as computing it again); other divisions do not keep their output
  const quotient = needs(a) && needs(b) && perRowDivisor(x, x, y) ? whileUnchanged(out) : () => null;
  record(out, 'DivBackward0', [a, b], (g) => divBackward(g, x, y, needs(a), needs(b), quotient()), savedOf(needs(b) && x, y)); // y for both gradients, x only for grad_b
  if (out.gradFn !== null && x === a && y === b) out.gradFn.absorbDivisorSum = (g, factor) => divBackwardRowSum(g, x, y, quotient(), factor);
  return out;
}

/**
 * `t` as long as it keeps the values it has now (no in-place write into its memory, through
 * it, its views or a `.data` of its own version counter; its memory not released), then null.
 * A function of its own, so that only the closure it returns holds `t`.
 */
function whileUnchanged(t: Tensor): () => Tensor | null {
  const storage = t.storage, writes = storage.writes;
  return () => (!storage.released && storage.writes === writes ? t : null);
}

/** div's loop over one row (`o = p / q`; `div_` uses it too). */
export const divRows: BinaryKernel = (o, oi, p, pi, ps, q, qi, qs, n) => {
  for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = p[pi] / q[qi];
};

/**
 * div's gradients for `x / y` (`div_` uses them too, with x the target's old value): grad_x = g/y,
 * grad_y = -g·((x/y)/y) in PyTorch's order (`div_tensor_other_backward`). For grad_y, one
 * full-size temporary q = x/y is updated in place (it is ours: nothing else sees it); q / (-y) · g
 * is exactly -g · ((x/y)/y): negating is exact and commutes with the rounding. `quotient`, when
 * given, is `x / y` as the forward computed it (unchanged since), read instead of dividing again.
 */
export function divBackward(g: Tensor, x: Tensor, y: Tensor, wantX: boolean, wantY: boolean, quotient: Tensor | null = null): (Tensor | null)[] {
  if (wantX && wantY && perRowDivisor(g, x, y)) return divBackwardRows(g, x, y, quotient);
  return [wantX ? g.div(y) : null, wantY ? x.div(y).div_(y.neg()).mul_(g) : null];
}

/**
 * True when `x / y` divides float32 rows by one value each (`counts / counts.sum(1, keepdim)`):
 * g and x contiguous of the same shape [..., n], y contiguous of that shape with n = 1.
 */
function perRowDivisor(g: Tensor, x: Tensor, y: Tensor): boolean {
  if (g.dtype !== 'float32' || x.dtype !== 'float32' || y.dtype !== 'float32') return false;
  const nd = x.ndim;
  if (nd < 1 || x.numel() === 0 || g.ndim !== nd || y.ndim !== nd || y.shape[nd - 1] !== 1 || x.shape[nd - 1] === 1) return false;
  for (let d = 0; d < nd; d++) if (g.shape[d] !== x.shape[d] || (d < nd - 1 && y.shape[d] !== x.shape[d])) return false;
  return g.isContiguous() && x.isContiguous() && y.isContiguous();
}

/**
 * divBackward for a per-row divisor (see `perRowDivisor`), both gradients in one pass over the
 * rows: grad_x = g/y, and grad_y already summed over each row (what `sumToShape` makes of
 * -g·((x/y)/y)), with the same float32 operations and the same row-sum order (`cascadeSumF32`),
 * so the same bits as the unfused chain, without its full-size temporary. x/y is read from
 * `quotient` (the forward's output, unchanged: the bits of dividing again, one division fewer
 * per element), or computed into a temporary when there is none. With `addRowSum`
 * (y = x.sum(-1, keepdim), see `divBackwardRowSum`), each row's grad_y is then added to its
 * grad_x, and grad_x is returned alone, multiplied by `factor` element by element when given.
 */
function divBackwardRows(g: Tensor, x: Tensor, y: Tensor, quotient: Tensor | null, addRowSum = false, factor: Tensor | null = null): Tensor[] {
  if (addRowSum) {
    // table rows and a one-entry gradient (the lecture's): on the distinct rows only, the same bits
    // the operands x, y, then the quotient and the factor when given (the callback gets their rows in that order)
    const optional = [quotient, factor].filter((t): t is Tensor => t !== null);
    const t = distinctRowsBackward(g, [x, y, ...optional], (gs, xs, ys, ...rest) => {
      const qs = quotient === null ? null : rest[0], fs = factor === null ? null : rest[rest.length - 1];
      return divBackwardRows(gs, xs, ys, qs, true, fs)[0];
    });
    if (t !== null) return [t];
  }
  const n = x.shape[x.ndim - 1], rows = x.numel() / n;
  const q = quotient ?? x.div(y); // x/y, float32, contiguous
  const ga = Storage.allocUnfilled('float32', rows * n), gb = Storage.allocUnfilled('float32', rows); // every element is written
  const gad = ga.data, gbd = gb.data, gd = g.storage.data, qd = q.storage.data, yd = y.storage.data;
  const times = factor === null ? null : { data: factor.storage.data, offset: factor.offset };
  if (!simdDivBackwardRows(gad, 0, gbd, 0, gd, g.offset, qd, q.offset, yd, y.offset, rows, n, addRowSum, times)) {
    const fr = Math.fround, t = new Float32Array(n);
    for (let r = 0; r < rows; r++) {
      const beta = yd[y.offset + r];
      for (let j = 0, k = r * n; j < n; j++, k++) {
        const gk = gd[g.offset + k];
        gad[k] = gk / beta; // rounded to float32 when stored
        t[j] = fr(fr(qd[q.offset + k] / -beta) * gk); // ((x/y) / (-y)) · g
      }
      gbd[r] = cascadeSumF32(t, 0, n);
      if (addRowSum) for (let k = r * n, gbr = gbd[r]; k < (r + 1) * n; k++) gad[k] = gad[k] + gbr; // a float32 sum, rounded when stored
      if (times !== null) for (let k = r * n; k < (r + 1) * n; k++) gad[k] = gad[k] * times.data[times.offset + k]; // a float32 product
    }
  }
  return addRowSum ? [new Tensor(ga, x.shape)] : [new Tensor(ga, x.shape), new Tensor(gb, y.shape)];
}

/**
 * The whole gradient of x in `x / x.sum(-1, keepdim=True)` (the softmax's normalisation) when
 * the division and the sum are x's only consumers: the division's grad_x = g/y plus the sum's,
 * grad_y broadcast back over each row, in one pass (`divBackwardRows` with `addRowSum`). The
 * same float32 operations in the same order as the walk's three steps (the division's backward,
 * the sum's, `grad_x.add_(grad_y.expand(…))`), so the same bits. With `factor` (float32,
 * contiguous, x's shape), that gradient times `factor`, element by element: `x = exp(z)`'s
 * backward `grad_x.mul(x)` in the same pass. Null when y is not one value per row of x (the walk
 * then runs the steps one by one). Autograd calls it (`autograd/row-normalise.ts`); the
 * division's node carries it (`Node.absorbDivisorSum`).
 */
function divBackwardRowSum(g: Tensor, x: Tensor, y: Tensor, quotient: Tensor | null, factor: Tensor | null): Tensor | null {
  if (!perRowDivisor(g, x, y)) return null;
  if (factor !== null && !(factor.dtype === 'float32' && factor.isContiguous() && sameShape(factor.shape, x.shape))) return null;
  return divBackwardRows(g, x, y, quotient, true, factor)[0];
}

/**
 * `-a`.
 * d(-a)/da = -1  →  grad = -g.
 *
 * @example neg(tensor([1, -2])) // tensor([-1,  2])
 */
export function neg(a: Tensor): Tensor {
  if (a.dtype === 'bool') throw new TypeError('neg: negation of a bool tensor is not supported (use logical not, or convert with .int())');
  const out = mapUnary(a, a.dtype, (o, oi, p, pi, ps, n) => {
    for (let i = 0; i < n; i++, pi += ps) o[oi + i] = -p[pi];
  });
  return record(out, 'NegBackward0', [a], (g) => [g.neg()]);
}

/**
 * `a ** b` for tensor ** number, number ** tensor and tensor ** tensor.
 * d(a^b)/da = b·a^(b-1);  d(a^b)/db = a^b·ln(a)  (taken as 0 where a = 0 and b ≥ 0, as PyTorch).
 *
 * @example pow(2, tensor([0, 1, 2])) // tensor([1, 2, 4])
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dt] = operands('pow', a, b);
  if (dt === 'bool') throw new TypeError(`pow: "pow" not implemented for 'Bool' (both operands are bool); convert with .int() first`);
  if (!isFloating(dt) && typeof b === 'number' && b < 0) {
    throw new RangeError(`pow: integers to negative integer powers are not allowed (got exponent ${b}); convert the base with .float() first`);
  }
  // float32 x ** 2 is x · x, the bits of Math.pow(x, 2) (x² is exact in double; every float32 is
  // checked in spec/fast-paths/math-f32.spec.ts): the multiplication's kernels, SIMD included
  const special = typeof b === 'number' && isFloating(dt) ? powByOtherOps(b, dt === 'float32') : null;
  const out = b === 2 && dt === 'float32' ? mapBinary('mul', x, x, dt, mulRows) : mapBinary('pow', x, y, dt, dt === 'int32' ? powInt32Kernel : special !== null ? (o, oi, p, pi, ps, _q, _qi, _qs, n) => {
    for (let i = 0; i < n; i++, pi += ps) o[oi + i] = special(p[pi]);
  } : (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = powC(p[pi], q[qi]);
  });
  if (typeof b === 'number') {
    // tensor ** k:  grad_a = g · (k · a^(k-1)) (PyTorch's pow_backward, in its order), and 0 for
    // k = 0 (not 0·0^-1 = NaN)
    const name = 'PowBackward0';
    return record(out, name, [a, null], (g) => [b === 0 ? zerosLike(g) : g.mul(x.pow(b - 1).mul(b)), null], [x]);
  }
  return record(out, typeof a === 'number' ? 'PowBackward2' : 'PowBackward1', [a, b], (g) => {
    // grad_a = g · (b · a^(b-1)), set to 0 where b == 0 (PyTorch's where(exponent == 0, 0, ...):
    // at a = 0 the formula would give 0 · 0^-1 = NaN)
    const ga = typeof a === 'number' ? null : zeroWhere(g.mul(x.pow(y.sub(1)).mul(y)), y.eq(0));
    // grad_b = g · (a^b · ln a), set to 0 where a == 0 and b >= 0 (the limit PyTorch uses)
    const gb = zeroWhere(g.mul(out.mul(x.log())), x.eq(0).mul(y.ge(0)));
    return [ga, gb];
  }, [x, y, out]);
}

/**
 * The exponents PyTorch's float pow computes with other operations (ATen's
 * `pow_tensor_scalar_kernel`: ½ → `sqrt`, −½ → `rsqrt`, −1 → `reciprocal`; then
 * `pow_tensor_scalar_optimized_kernel`: 3 → x·x·x, −2 → 1/(x·x)), each step rounded to the dtype
 * (`f32`): their bits, not the correctly rounded power (x³ differs in about one float32 in four),
 * and their signed zeros ((−0)^½ = −0, (−0)^−½ = −∞). Null for any other exponent (C's `pow`).
 */
function powByOtherOps(k: number, f32: boolean): ((v: number) => number) | null {
  const r = f32 ? Math.fround : (v: number) => v;
  switch (k) {
    case 0.5: return Math.sqrt;
    case -0.5: return (v) => 1 / r(Math.sqrt(v));
    case -1: return (v) => 1 / v;
    case 3: return (v) => r(v * v) * v;
    case -2: return (v) => 1 / r(v * v);
    default: return null;
  }
}

/**
 * C's `pow` where JavaScript's `Math.pow` differs: 1^y = 1 and (−1)^±∞ = 1, also for y = NaN
 * (JavaScript gives NaN). PyTorch computes with C's `pow`.
 */
function powC(a: number, b: number): number {
  if (a === 1) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return Math.pow(a, b);
}

/** a^b in int32 by repeated squaring with wrapping products (torch.int32 wraps modulo 2^32). */
function powInt(a: number, b: number): number {
  if (b < 0) return a === 1 ? 1 : a === -1 ? (b % 2 === 0 ? 1 : -1) : 0; // C++ integer pow's answer
  let result = 1;
  let base = a | 0;
  for (let e = b; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
  }
  return result;
}

const powInt32Kernel: BinaryKernel = (o, oi, p, pi, ps, q, qi, qs, n) => {
  for (let i = 0; i < n; i++, pi += ps, qi += qs) o[oi + i] = powInt(p[pi], q[qi]);
};

/** Zeros with `g`'s shape and dtype (a gradient that is exactly 0, whatever g holds). */
function zerosLike(g: Tensor): Tensor {
  return new Tensor(Storage.alloc(g.dtype, g.numel()), g.shape);
}

/** `t` (a fresh, contiguous gradient of the mask's shape) with 0 where `mask` is true. */
function zeroWhere(t: Tensor, mask: Tensor): Tensor {
  const m = mask.expand(t.shape).toTypedArray(); // the mask broadcast to the gradient's shape
  const d = t.storage.data;
  for (let i = 0; i < m.length; i++) if (m[i]) d[t.offset + i] = 0;
  return t;
}

/** The tensors to save, leaving out those a gradient does not need (false). */
function savedOf(...ts: (Tensor | false)[]): Tensor[] {
  return ts.filter((t): t is Tensor => t !== false);
}

/** True for a bool tensor or a JavaScript boolean. */
function isBool(t: TensorLike | boolean): boolean {
  return typeof t === 'boolean' || (t instanceof Tensor && t.dtype === 'bool');
}

/** PyTorch's message for `-` with a bool operand. */
export const SUB_BOOL = 'Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.';

/** PyTorch's message for `-` with two bool operands. */
export const SUB_TWO_BOOLS = 'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.';

/** Whether an operand wants a gradient (a number or a tensor without requiresGrad does not). */
function needs(t: TensorLike): boolean {
  return t instanceof Tensor && t.requiresGrad;
}
