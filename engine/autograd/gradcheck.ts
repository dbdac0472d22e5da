/**
 * gradcheck: compare autograd's gradients with central finite differences, in float64, like
 * `torch.autograd.gradcheck`.
 *
 * For f: inputs → output (m elements), the Jacobian J[j, i] = ∂out_j/∂in_i is built twice:
 * numerically, column by column, with (f(x + eps·e_i) − f(x − eps·e_i)) / (2·eps); and
 * analytically, row by row, by running backward with the one-hot gradient e_j (a vector-Jacobian
 * product). Every entry must satisfy |analytic − numeric| ≤ atol + rtol·|numeric|.
 */
import { Tensor } from '../tensor.js';
import { noGrad } from './grad-mode.js';

/** Options of `gradcheck`. */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-3). */
  rtol?: number;
  /** Throw on failure (default true); otherwise return the report. */
  raiseException?: boolean;
}

/** What gradcheck found: whether it passed and the worst entry. */
export interface GradcheckResult {
  /** True when every Jacobian entry is within tolerance. */
  ok: boolean;
  /** Largest |analytic − numeric| − (atol + rtol·|numeric|) over all entries (≤ 0 means pass). */
  worstExcess: number;
  /** The entry with the largest excess. */
  worst: GradcheckEntry | null;
  /** A one-line summary. */
  message: string;
}

/** One entry of the Jacobian as gradcheck saw it. */
export interface GradcheckEntry {
  /** Which input (position in `inputs`). */
  input: number;
  /** Element of that input, row-major. */
  inputElement: number;
  /** Element of the output, row-major. */
  outputElement: number;
  /** d output / d input from backward. */
  analytic: number;
  /** The same from central finite differences. */
  numeric: number;
}

/**
 * Check the gradients of `fn` at `inputs`. Inputs must be float64 tensors; those with
 * `requiresGrad` are checked.
 *
 * @example gradcheck((x) => x.exp().sum(), [tensor([1, 2], { dtype: 'float64', requiresGrad: true })])
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: Tensor[], opts: GradcheckOptions = {}): GradcheckResult {
  const eps = opts.eps ?? 1e-6, atol = opts.atol ?? 1e-5, rtol = opts.rtol ?? 1e-3;
  inputs.forEach((x, i) => {
    if (x.dtype !== 'float64') throw new TypeError(`gradcheck: input ${i} is ${x.dtype}; gradcheck needs float64 inputs (finite differences in float32 are too coarse): use .double()`);
  });
  const checked = inputs.map((x, i) => ({ x, i })).filter(({ x }) => x.requiresGrad);
  if (checked.length === 0) throw new Error('gradcheck: no input requires grad');
  const evalOut = () => noGrad(() => fn(...inputs)).double().toTypedArray() as Float64Array;
  const m = evalOut().length;
  let worstExcess = -Infinity;
  let worst: GradcheckResult['worst'] = null;
  for (const { x, i } of checked) {
    const n = x.numel();
    // numeric Jacobian: column k from perturbing element k (write through a flat view)
    const flat = x.detach().reshape(-1);
    if (flat.storage !== x.storage) throw new Error(`gradcheck: input ${i} must be contiguous (call .contiguous() first)`);
    const numeric = new Float64Array(m * n);
    for (let k = 0; k < n; k++) {
      const pos = flat.offset + k * (flat.strides[0] ?? 1);
      const orig = x.storage.data[pos];
      x.storage.data[pos] = orig + eps;
      const plus = evalOut();
      x.storage.data[pos] = orig - eps;
      const minus = evalOut();
      x.storage.data[pos] = orig;
      for (let j = 0; j < m; j++) numeric[j * n + k] = (plus[j] - minus[j]) / (2 * eps);
    }
    // analytic Jacobian: row j from backward with the one-hot output gradient e_j
    for (let j = 0; j < m; j++) {
      const saved = inputs.map((t) => t.grad);
      inputs.forEach((t) => (t.grad = null));
      const out = fn(...inputs);
      const e = new Float64Array(m);
      e[j] = 1;
      if (out.requiresGrad) out.backward(Tensor.fromArray(e, out.shape).to(out.dtype));
      const gx = x.grad ? (x.grad.double().toTypedArray() as Float64Array) : new Float64Array(n);
      inputs.forEach((t, q) => (t.grad = saved[q]));
      for (let k = 0; k < n; k++) {
        const a = gx[k], num = numeric[j * n + k];
        const excess = Math.abs(a - num) - (atol + rtol * Math.abs(num));
        if (excess > worstExcess || Number.isNaN(excess)) {
          worstExcess = Number.isNaN(excess) ? Infinity : excess;
          worst = { input: i, inputElement: k, outputElement: j, analytic: a, numeric: num };
        }
      }
    }
  }
  const ok = worstExcess <= 0;
  const message = ok
    ? `gradcheck passed (worst excess over tolerance ${worstExcess.toExponential(2)})`
    : `Jacobian mismatch for output ${worst!.outputElement} with respect to input ${worst!.input}, element ${worst!.inputElement}: ` +
      `numerical ${worst!.numeric}, analytical ${worst!.analytic} (atol ${atol}, rtol ${rtol})`;
  if (!ok && opts.raiseException !== false) throw new Error(`gradcheck failed: ${message}`);
  return { ok, worstExcess, worst, message };
}
