/**
 * `clamp(x, min?, max?)`: bounds are numbers (ClampBackward1) or tensors that broadcast with x
 * (ClampBackward0), as PyTorch's two overloads; at least one bound must be given. The result
 * dtype is PyTorch's result type of x and the bounds (`clamp(int32, 0.5)` is float32).
 *
 * NaN, as PyTorch 1.13's CPU kernels: a NaN in x stays NaN; a NaN tensor bound, or a NaN number
 * bound when both bounds are given, gives NaN; a NaN number as the only bound leaves x unchanged.
 * `min > max` gives `max` everywhere.
 */
import { Tensor, type TensorLike } from '../tensor.js';
import { category, promoteTypes, scalarDType, type DType } from '../dtype.js';
import { broadcastShapesFor, expandStrides } from '../shape.js';
import { Storage } from '../storage.js';
import { forEachRow } from '../iterate.js';
import { record } from '../autograd/node.js';
import { scalarTensor } from './map.js';
import { toDType } from './cast.js';
import { weightedGrad } from './grad-where.js';

/**
 * PyTorch's result type of several operands: dimensioned tensors decide, unless a 0-d tensor or
 * (then) a plain number is of a higher category (bool < integer < floating); a fractional number
 * brings float32, an integer int32.
 */
function resultTypeOf(xs: readonly TensorLike[]): DType {
  let dim: DType | null = null, zero: DType | null = null, wrapped: DType | null = null;
  const join = (a: DType | null, b: DType) => (a === null ? b : promoteTypes(a, b));
  for (const x of xs) {
    if (x instanceof Tensor) {
      if (x.ndim > 0) dim = join(dim, x.dtype);
      else zero = join(zero, x.dtype);
    } else wrapped = join(wrapped, scalarDType(x));
  }
  const combine = (higher: DType | null, lower: DType | null): DType | null => {
    if (higher === null) return lower;
    if (lower === null) return higher;
    return category(lower) > category(higher) ? lower : higher;
  };
  return combine(dim, combine(zero, wrapped))!;
}

function checkBound(b: TensorLike | null | undefined, name: string): void {
  if (b !== null && b !== undefined && !(b instanceof Tensor) && typeof b !== 'number') {
    throw new TypeError(`clamp: '${name}' must be a number, a Tensor or null, got ${typeof b}`);
  }
}

/**
 * Limit every element to [min, max].
 * d clamp(x)/dx = 1 where min ≤ x ≤ max (the bounds included: PyTorch's subgradient), else 0
 *   →  grad_x = where(min ≤ x ≤ max, g, 0);
 * for tensor bounds also d/dmin = 1 where x < min (and min < max), d/dmax = 1 where x > max (or
 * max < min)  →  grad_min = where(x < min ∧ min < max, g, 0), grad_max = where(x > max ∨ max < min, g, 0).
 *
 * @example clamp(tensor([-2, 0.5, 3]), 0, 1) // tensor([0.0000, 0.5000, 1.0000])
 */
export function clamp(x: Tensor, min?: TensorLike | null, max?: TensorLike | null): Tensor {
  checkBound(min, 'min');
  checkBound(max, 'max');
  const lo = min ?? null, hi = max ?? null;
  if (lo === null && hi === null) throw new TypeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  const tensorBounds = lo instanceof Tensor || hi instanceof Tensor;
  if (tensorBounds && (typeof lo === 'number' || typeof hi === 'number')) {
    throw new TypeError('clamp: the bounds must both be Tensors or both be numbers (PyTorch has no clamp(Tensor, Tensor, Number)); wrap the number with tensor()');
  }
  const given = [x, ...[lo, hi].filter((b): b is TensorLike => b !== null)];
  const dt = resultTypeOf(given);
  const asDt = (t: TensorLike) => (t instanceof Tensor ? toDType(t.detach(), dt) : scalarTensor(t, dt));
  const xv = asDt(x);
  const lv = lo === null ? null : asDt(lo);
  const hv = hi === null ? null : asDt(hi);
  const both = lv !== null && hv !== null;
  const f = (v: number, l: number, h: number): number => {
    if (v !== v) return v;
    if (tensorBounds || both) {
      if (l !== l || h !== h) return NaN;
      return v < l ? (l > h ? h : l) : v > h ? h : v;
    }
    return v < l ? l : v > h ? h : v; // one number bound: a NaN bound compares false, x stays
  };
  const out = ternary(xv, lv, hv, dt, f);
  if (!tensorBounds) {
    return record(out, 'ClampBackward1', [x], (g) => {
      // 1 where lo ≤ x ≤ hi (a missing bound always passes)
      let w = lo === null ? x.le(hi as number) : x.ge(lo as number);
      if (lo !== null && hi !== null) w = w.mul(x.le(hi as number));
      return [weightedGrad(g, w)];
    }, [x]);
  }
  return record(out, 'ClampBackward0', [x, lo, hi], (g) => {
    const l = lo as Tensor | null, h = hi as Tensor | null;
    let wx: Tensor, wl: Tensor | null = null, wh: Tensor | null = null;
    if (l !== null && h !== null) {
      wx = x.ge(l).mul(x.le(h));
      wl = x.lt(l).mul(l.lt(h));
      wh = x.gt(h).add(h.lt(l)); // a bool sum is a logical or
    } else if (l !== null) {
      wx = x.ge(l);
      wl = x.lt(l);
    } else {
      wx = x.le(h!);
      wh = x.gt(h!);
    }
    return [weightedGrad(g, wx), wl && weightedGrad(g, wl), wh && weightedGrad(g, wh)];
  }, [x, ...tensorsOf(lo), ...tensorsOf(hi)]);
}

function tensorsOf(b: Tensor | number | null): Tensor[] {
  return b instanceof Tensor ? [b] : [];
}

/** `f(x, lo, hi)` with broadcasting (a missing bound reads as −∞ / +∞). */
function ternary(x: Tensor, lo: Tensor | null, hi: Tensor | null, dt: DType, f: (v: number, l: number, h: number) => number): Tensor {
  const shape = broadcastShapesFor('clamp', [x.shape, ...(lo ? [lo.shape] : []), ...(hi ? [hi.shape] : [])]);
  const n = shape.reduce((p, d) => p * d, 1);
  const out = Storage.allocUnfilled(dt, n);
  const od = out.data;
  const xd = x.storage.data;
  const xs = expandStrides(x.shape, x.strides, shape);
  const ld = lo?.storage.data, hd = hi?.storage.data;
  const ls = lo ? expandStrides(lo.shape, lo.strides, shape) : shape.map(() => 0);
  const hs = hi ? expandStrides(hi.shape, hi.strides, shape) : shape.map(() => 0);
  let k = 0;
  forEachRow(shape, [xs, ls, hs], [x.offset, lo?.offset ?? 0, hi?.offset ?? 0], (len, p0, s0, p1, s1, p2, s2) => {
    for (let i = 0; i < len; i++, p0 += s0, p1 += s1, p2 += s2) {
      od[k++] = f(xd[p0], ld ? ld[p1] : -Infinity, hd ? hd[p2] : Infinity);
    }
  });
  return new Tensor(out, shape);
}
