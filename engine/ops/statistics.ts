/**
 * `var` and `std` with PyTorch 2's signature: `var(x, dim?, { correction = 1, keepdim })`
 * (`unbiased: false` is `correction: 0`). Floating tensors only, as in PyTorch.
 *
 * The order follows PyTorch 1.13's CPU kernels, so float32 results have its bits:
 * - one output (all dims): the float32 mean first (`mean()`), then Σ(x − mean)² in float64,
 *   divided by max(0, n − correction), square-rooted for std, rounded once;
 * - several outputs: Welford's running mean and M2 in float64 along each slice, then
 *   M2 / (n − correction) (0 when n ≤ correction), rounded once.
 */
import { Tensor } from '../tensor.js';
import { allocArray, isFloating } from '../dtype.js';
import { record } from '../autograd/node.js';
import { reductionRows, type Rows } from './reduce-rows.js';
import { mean } from './reduce.js';
import { weightedGrad } from './grad-where.js';
import { mapUnary } from './map.js';

/** Options of `var` and `std`. */
export interface VarOptions {
  /** Subtracted from the count in the divisor (default 1: Bessel's correction). */
  correction?: number;
  /** PyTorch 1's spelling: true is correction 1, false is correction 0. */
  unbiased?: boolean;
  /** Keep the reduced dims with size 1. */
  keepdim?: boolean;
}

function correctionOf(op: string, opts: VarOptions): number {
  if (opts.correction !== undefined && opts.unbiased !== undefined) {
    throw new TypeError(`${op}: pass either correction or unbiased, not both (got correction ${opts.correction}, unbiased ${opts.unbiased})`);
  }
  if (opts.unbiased !== undefined) return opts.unbiased ? 1 : 0;
  const c = opts.correction ?? 1;
  if (!Number.isInteger(c)) throw new RangeError(`${op}: correction must be an integer, got ${c}`);
  return c;
}

/** Σ(x − mean)² and the count per row: two passes for one output, Welford for several. */
function sumSquaredDeviations(x: Tensor, r: Rows): Float64Array {
  const m2 = new Float64Array(r.rows);
  const d = r.data;
  if (r.rows === 1) {
    const mu = mean(x.detach()).item(); // in x's dtype, as PyTorch's self.mean()
    let s = 0;
    for (let j = 0; j < r.len; j++) {
      const dx = d[j] - mu;
      s += dx * dx;
    }
    m2[0] = s;
    return m2;
  }
  for (let row = 0, base = 0; row < r.rows; row++, base += r.len) {
    let mu = 0, acc = 0;
    for (let j = 0; j < r.len; j++) {
      const v = d[base + j];
      const delta = v - mu;
      mu += delta / (j + 1);
      acc += delta * (v - mu);
    }
    m2[row] = acc;
  }
  return m2;
}

function varianceOf(op: string, x: Tensor, dim: number | readonly number[] | null | undefined, opts: VarOptions, takeSqrt: boolean): { out: Tensor; r: Rows; correction: number } {
  if (!isFloating(x.dtype)) throw new TypeError(`${op}: std and var only support floating point and complex dtypes (got ${x.dtype}; convert with .float() first)`);
  const correction = correctionOf(op, opts);
  const r = reductionRows(op, x, dim, opts.keepdim ?? false);
  const out = allocArray(x.dtype, r.rows);
  if (x.numel() === 0) out.fill(NaN);
  else {
    const m2 = sumSquaredDeviations(x, r);
    for (let i = 0; i < r.rows; i++) {
      const v = m2[i] / Math.max(0, r.len - correction);
      out[i] = takeSqrt ? Math.sqrt(v) : v;
    }
  }
  return { out: Tensor.fromArray(out, r.outShape, x.dtype), r, correction };
}

/**
 * The gradient of the variance: (2 / (n − correction)) · g · (x − mean), PyTorch's
 * `var_backward`. Over all dims with n ≤ correction it is ±∞ (NaN where x equals the mean).
 */
function varianceGrad(g: Tensor, x: Tensor, r: Rows, correction: number, allDims: boolean): Tensor {
  const dof = r.len - correction;
  if (allDims || x.ndim === 0) {
    const mu = mean(x);
    if (dof <= 0) {
      // 2/(n − c) is +∞ (n = c) or negative: PyTorch returns g · (NaN where x = mean, else ∞)
      const special = mapUnary(x.eq(mu), g.dtype, (o, oi, p, pi, ps, n) => {
        for (let i = 0; i < n; i++, pi += ps) o[oi + i] = p[pi] ? NaN : Infinity;
      });
      return g.mul(special);
    }
    return g.mul(2 / dof).mul(x.sub(mu));
  }
  return g.reshape(r.keepShape).mul(2 / dof).mul(x.sub(mean(x, r.dims, true)));
}

/**
 * Variance over `dim` (all dims when omitted), with `correction` subtracted from the count.
 * d var/dx_i = 2(x_i − mean)/(n − correction)  →  grad = (2/(n − c)) · g · (x − mean).
 *
 * @example variance(tensor([1, 2, 3, 4]).float()) // tensor(1.6667)
 */
export function variance(x: Tensor, dim?: number | readonly number[] | null, opts: VarOptions = {}): Tensor {
  const { out, r, correction } = varianceOf('var', x, dim, opts, false);
  const allDims = dim === undefined || dim === null;
  return record(out, 'VarBackward0', [x], (g) => [varianceGrad(g, x, r, correction, allDims)], [x]);
}

/**
 * Standard deviation over `dim` (all dims when omitted): √var.
 * d std/dx = (d var/dx) / (2·std)  →  grad = var's gradient of g / (2·out), 0 where out = 0.
 *
 * @example std(tensor([1, 2, 3, 4]).float()) // tensor(1.2910)
 */
export function std(x: Tensor, dim?: number | readonly number[] | null, opts: VarOptions = {}): Tensor {
  const { out, r, correction } = varianceOf('std', x, dim, opts, true);
  const allDims = dim === undefined || dim === null;
  return record(out, 'StdBackward0', [x], (g) => {
    const gv = weightedGrad(g.div(out.mul(2)), out.ne(0)); // (g / (2·out)), masked to 0 where out = 0
    return [varianceGrad(gv, x, r, correction, allDims)];
  }, [x, out]);
}
