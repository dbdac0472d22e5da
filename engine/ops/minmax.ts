/**
 * Minima and maxima: elementwise `maximum`/`minimum` of two tensors, and the reductions `min`
 * (all, or over a dim with indices), `argmin`, `amax`/`amin` (over several dims). NaN wins
 * everywhere, as in PyTorch: the maximum of [1, NaN] is NaN and its index is the NaN's.
 * `max` over all or one dim lives in `reduce.ts`; `max` here only dispatches to it.
 */
import { Tensor, type MaxResult } from '../tensor.js';
import { allocArray, type DType } from '../dtype.js';
import { formatShape } from '../shape.js';
import { record } from '../autograd/node.js';
import { mapBinary, operands } from './map.js';
import { needTensor } from './logical.js';
import { weightedGrad } from './grad-where.js';
import { reductionRows, rowsAlong, type Rows } from './reduce-rows.js';
import { maxAll, maxDim } from './reduce.js';
import { isnan } from './float-classes.js';

// ---------------------------------------------------------------- elementwise

function elementwise(op: string, name: string, a: Tensor, b: Tensor, takeA: (v: number, w: number) => boolean): Tensor {
  needTensor(op, a, 1, 'input');
  needTensor(op, b, 2, 'other');
  const [x, y, dt] = operands(op, a, b);
  const out = mapBinary(op, x, y, dt, (o, oi, p, pi, ps, q, qi, qs, n) => {
    for (let i = 0; i < n; i++, pi += ps, qi += qs) {
      const v = p[pi], w = q[qi];
      o[oi + i] = v !== v ? v : w !== w ? w : takeA(v, w) ? v : w;
    }
  });
  // each input gets g where it is the chosen one, g/2 on ties (PyTorch's rule), 0 where it lost
  const weights = (mine: Tensor, other: Tensor, wins: (v: number, w: number) => boolean) =>
    mapBinary(op, mine, other, mine.dtype === 'float64' || other.dtype === 'float64' ? 'float64' : 'float32', (o, oi, p, pi, ps, q, qi, qs, n) => {
      for (let i = 0; i < n; i++, pi += ps, qi += qs) {
        const v = p[pi], w = q[qi];
        o[oi + i] = v === w ? 0.5 : wins(v, w) || v !== v || w !== w ? 1 : 0;
      }
    });
  return record(out, name, [a, b], (g) => [
    a.requiresGrad ? weightedGrad(g, weights(x, y, takeA)) : null,
    b.requiresGrad ? weightedGrad(g, weights(y, x, takeA)) : null,
  ], [x, y]);
}

/**
 * Elementwise maximum of two tensors (broadcasting; NaN if either is NaN).
 * d max(a, b)/da = 1 where a > b, ½ where a = b, 0 where a < b (and the mirror for b)
 *   →  grad_a = where(a = b, g/2, g) with 0 where a < b; grad_b likewise.
 *
 * @example maximum(tensor([1, 5]), tensor([3, 2])) // tensor([3, 5])
 */
export function maximum(a: Tensor, b: Tensor): Tensor {
  return elementwise('maximum', 'MaximumBackward0', a, b, (v, w) => v > w);
}

/**
 * Elementwise minimum of two tensors (broadcasting; NaN if either is NaN).
 * d min(a, b)/da = 1 where a < b, ½ where a = b, 0 where a > b  →  as `maximum`, mirrored.
 *
 * @example minimum(tensor([1, 5]), tensor([3, 2])) // tensor([1, 2])
 */
export function minimum(a: Tensor, b: Tensor): Tensor {
  return elementwise('minimum', 'MinimumBackward0', a, b, (v, w) => v < w);
}

// ---------------------------------------------------------------- reductions

/** For each row: the best value (the first on ties, the first NaN if any) and its position. */
function scanRows(r: Rows, better: (v: number, best: number) => boolean): { values: Float64Array; indices: Int32Array } {
  const values = new Float64Array(r.rows);
  const indices = new Int32Array(r.rows);
  const d = r.data;
  for (let row = 0, base = 0; row < r.rows; row++, base += r.len) {
    let best = d[base], bi = 0;
    if (best === best) {
      for (let j = 1; j < r.len; j++) {
        const v = d[base + j];
        if (v !== v) { best = v; bi = j; break; }
        if (better(v, best)) { best = v; bi = j; }
      }
    }
    values[row] = best;
    indices[row] = bi;
  }
  return { values, indices };
}

const less = (v: number, best: number) => v < best;
const greater = (v: number, best: number) => v > best;

function fromValues(values: Float64Array, shape: number[], dtype: DType): Tensor {
  const a = allocArray(dtype, values.length);
  a.set(values);
  return Tensor.fromArray(a, shape, dtype);
}

/** PyTorch's error for a reduction over an empty dim (IndexError there). */
export function emptyDimError(op: string, x: Tensor, dims: readonly number[]): void {
  const d = dims.find((k) => x.shape[k] === 0);
  if (d !== undefined) throw new RangeError(`${op}(): Expected reduction dim ${d} to have non-zero size (input shape ${formatShape(x.shape)})`);
}

/**
 * Gradient of a reduction to ONE value per slice: `g` shared evenly among the elements equal to
 * that value (all NaNs when it is NaN), PyTorch's `evenly_distribute_backward`.
 */
function evenlyDistribute(g: Tensor, x: Tensor, value: Tensor): Tensor {
  const v = value.item();
  const mask = v !== v ? isnan(x) : x.eq(value);
  return weightedGrad(g.div(mask.sum()).expand(x.shape), mask);
}

/**
 * Gradient of a value-selecting op (min/max over a dim, sort, topk): `g` written at `indices`
 * along `dim`, 0 elsewhere. `g` and `indices` have x's shape except along `dim` (k picks per
 * slice, distinct within a slice).
 */
export function scatterToIndices(g: Tensor, x: Tensor, dim: number, indices: Tensor): Tensor {
  const out = allocArray(g.dtype, x.numel());
  const idx = indices.toTypedArray();
  const gd = g.toTypedArray();
  const inner = x.shape.slice(dim + 1).reduce((p, s) => p * s, 1);
  const len = x.shape[dim];
  const k = indices.shape[dim];
  const outer = x.shape.slice(0, dim).reduce((p, s) => p * s, 1);
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < inner; i++) {
        const src = (o * k + c) * inner + i;
        out[(o * len + idx[src]) * inner + i] += gd[src];
      }
    }
  }
  return Tensor.fromArray(out, x.shape, g.dtype);
}

/**
 * Minimum of all elements (0-d; NaN if any is NaN). Bools are allowed, as in PyTorch.
 * d min/dx = 1 at the minimum  →  g shared evenly among the elements equal to it.
 */
export function minAll(x: Tensor): Tensor {
  if (x.numel() === 0) {
    throw new RangeError("min(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
  }
  const r = reductionRows('min', x, null, false);
  const { values } = scanRows(r, less);
  const out = fromValues(values, [], x.dtype);
  return record(out, 'MinBackward1', [x], (g) => [evenlyDistribute(g, x, out)], [x, out]);
}

/**
 * Minimum over `dim`: `{ values, indices }` (int32 indices, the first minimum on ties).
 * d min/dx = 1 at the chosen index  →  grad = g scattered to `indices`.
 */
export function minDim(x: Tensor, dim: number, keepdim = false): MaxResult {
  const r = rowsAlong('min', x, dim, keepdim);
  emptyDimError('min', x, r.dims);
  const { values, indices } = scanRows(r, less);
  const v = fromValues(values, r.outShape, x.dtype);
  const i = Tensor.fromArray(indices, r.outShape);
  const d = r.dims[0] ?? 0;
  record(v, 'MinBackward0', [x], (g) => [x.ndim === 0 ? g : scatterToIndices(g.reshape(r.keepShape), x, d, i.reshape(r.keepShape))], [i]);
  return { values: v, indices: i };
}

/**
 * The minimum of all elements (`min(x)`), or over `dim` with the indices (`min(x, dim, keepdim)`).
 * @example min(tensor([[3, 1], [0, 2]]), 1).indices // tensor([1, 0])
 */
export function min(x: Tensor): Tensor;
/** Minimum over `dim`: the values and the index of the first minimum. */
export function min(x: Tensor, dim: number, keepdim?: boolean): MaxResult;
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | MaxResult {
  return dim === undefined ? minAll(x) : minDim(x, dim, keepdim);
}

/**
 * The maximum of all elements (`max(x)`), or over `dim` with the indices (`max(x, dim, keepdim)`).
 * @example max(tensor([[3, 1], [0, 2]]), 1).values // tensor([3, 2])
 */
export function max(x: Tensor): Tensor;
/** Maximum over `dim`: the values and the index of the first maximum. */
export function max(x: Tensor, dim: number, keepdim?: boolean): MaxResult;
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | MaxResult {
  return dim === undefined ? maxAll(x) : maxDim(x, dim, keepdim);
}

/**
 * Index of the minimum along `dim`, or of the flattened tensor when `dim` is omitted (int32;
 * the first minimum on ties, the first NaN if any).
 * @example argmin(tensor([[3, 1], [0, 2]]), 1) // tensor([1, 0])
 */
export function argmin(x: Tensor, dim?: number, keepdim = false): Tensor {
  if (dim === undefined) {
    if (x.numel() === 0) throw new RangeError('argmin(): Expected reduction dim to be specified for input.numel() == 0.');
    const r = reductionRows('argmin', x, null, false);
    const { indices } = scanRows(r, less);
    return Tensor.fromArray(indices, keepdim ? x.shape.map(() => 1) : []);
  }
  const r = rowsAlong('argmin', x, dim, keepdim);
  emptyDimError('argmin', x, r.dims);
  return Tensor.fromArray(scanRows(r, less).indices, r.outShape);
}

function extremum(op: string, name: string, x: Tensor, dim: number | readonly number[] | null | undefined, keepdim: boolean, better: typeof less): Tensor {
  const r = reductionRows(op, x, dim, keepdim);
  emptyDimError(op, x, r.dims.length ? r.dims : x.shape.map((_, i) => i));
  const out = fromValues(scanRows(r, better).values, r.outShape, x.dtype);
  // d amax/dx = 1 at the maximum of each slice  →  (g / count of ties) at every tie, 0 elsewhere
  // (PyTorch's order: mask = (out == x); grad = g / mask.sum(dims) · mask)
  return record(out, name, [x], (g) => {
    const mask = out.reshape(r.keepShape).eq(x);
    return [g.reshape(r.keepShape).div(mask.sum(r.dims, true)).mul(mask)];
  }, [x, out]);
}

/**
 * Maximum over one or several dims (all when omitted), values only; ties share the gradient
 * evenly. Bools allowed.
 * d amax/dx = 1 at the maximum  →  grad = (g / number of ties) at every tie, 0 elsewhere.
 *
 * @example amax(tensor([[3, 1], [0, 2]]), 0) // tensor([3, 2])
 */
export function amax(x: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  return extremum('amax', 'AmaxBackward0', x, dim, keepdim, greater);
}

/**
 * Minimum over one or several dims (all when omitted), values only; ties share the gradient
 * evenly.
 * d amin/dx = 1 at the minimum  →  grad = (g / number of ties) at every tie, 0 elsewhere.
 *
 * @example amin(tensor([[3, 1], [0, 2]]), [0, 1]) // tensor(0)
 */
export function amin(x: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  return extremum('amin', 'AminBackward0', x, dim, keepdim, less);
}
