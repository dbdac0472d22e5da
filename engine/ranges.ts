/**
 * Evenly spaced ranges: `linspace` and `logspace`, with PyTorch 1.13's CPU arithmetic, so that
 * they give PyTorch's float32 (and float64) values bit for bit.
 *
 * PyTorch computes `step = (end − start) / (steps − 1)` in the output dtype and fills the first
 * half from the start and the second half from the end:
 *
 * ```text
 *   i <  steps/2:  start + step·i
 *   i ≥  steps/2:  end − step·(steps − 1 − i)
 * ```
 *
 * `linspace`'s kernel is vectorised: over a contiguous output it fills blocks of 8 float32
 * (4 float64) values, two blocks at a time, and a block computes only its first value with the
 * formula above (`base`); the others are `base + j·step` (PyTorch's `Vectorized::arange`). The
 * tail that does not fill two blocks takes the scalar formula. Which formula a block uses is
 * decided by its first index. (So the last value is exactly `end` only when the scalar tail or
 * the first value of a block computes it.) This file repeats that schedule (for one thread: PyTorch splits
 * outputs of 32,768 or more elements over its threads, each split restarting the schedule).
 * `logspace` is a plain loop: `pow(base, exponent)` in double, the exponent computed as above in
 * the output dtype.
 */
import { checkDType, isFloating, type DType } from './dtype.js';
import { Tensor } from './tensor.js';
import type { TensorOptions } from './creation.js';
import { fma32 } from './random/fma32.js';
import { fma64 } from './fma64.js';

/** Values per vector register for each dtype (256-bit: 8 float32, 4 float64). */
const VECTOR_SIZE = { float32: 8, float64: 4 } as const;

interface RangeArgs {
  dtype: 'float32' | 'float64';
  /** Rounds to the dtype (Math.fround for float32, identity for float64). */
  r: (v: number) => number;
  start: number;
  end: number;
  step: number;
  halfway: number;
}

function rangeArgs(op: string, start: number, end: number, steps: number, opts: TensorOptions | undefined): RangeArgs {
  for (const [name, v] of [['start', start], ['end', end]] as const) {
    if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`${op}: ${name} must be a number, got ${String(v)}`);
  }
  if (typeof steps !== 'number' || !Number.isInteger(steps)) throw new TypeError(`${op}: steps must be an integer, got ${String(steps)}`);
  if (steps < 0) throw new RangeError(`${op}: number of steps must be non-negative, got ${steps}`);
  const dtype: DType = checkDType(opts?.dtype ?? 'float32');
  if (!isFloating(dtype)) {
    throw new TypeError(`${op}: only float32 and float64 outputs are supported, got ${dtype}`);
  }
  const r = dtype === 'float32' ? Math.fround : (v: number) => v;
  const s = r(start), e = r(end);
  // (end − start) / (steps − 1) in the output dtype; steps − 1 is converted to it first
  const step = r(r(e - s) / r(steps - 1));
  return { dtype: dtype as 'float32' | 'float64', r, start: s, end: e, step, halfway: Math.floor(steps / 2) };
}

function finish(t: Tensor, opts: TensorOptions | undefined): Tensor {
  return opts?.requiresGrad ? t.requiresGrad_(true) : t;
}

/**
 * `steps` values from `start` to `end` inclusive, evenly spaced (PyTorch's `torch.linspace`),
 * float32 by default: PyTorch's values bit for bit (see the file comment for its schedule).
 *
 * @param start - the first value.
 * @param end - the last value (the second half is computed from the end).
 * @param steps - how many values (≥ 0; 1 gives `[start]`).
 * @param opts - `dtype` (float32 or float64), `requiresGrad`.
 * @throws RangeError for a negative `steps`; TypeError for a fractional `steps`, NaN bounds or an integer dtype.
 *
 * @example linspace(0, 1, 5) // tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
 */
export function linspace(start: number, end: number, steps: number, opts?: TensorOptions): Tensor {
  const a = rangeArgs('linspace', start, end, steps, opts);
  const out = a.dtype === 'float32' ? new Float32Array(steps) : new Float64Array(steps);
  if (steps === 1) out[0] = a.start;
  if (steps > 1) {
    const { r, step, halfway } = a;
    const fma = a.dtype === 'float32' ? fma32 : fma64;
    // the scalar formula: from the start in the first half, from the end in the second; each
    // x + y·z is one fused multiply-add (gcc contracts it in PyTorch's AVX2 kernel file)
    const at = (i: number) => (i < halfway ? fma(step, a.r(i), a.start) : fma(-step, a.r(steps - i - 1), a.end));
    const vs = VECTOR_SIZE[a.dtype];
    let i = 0;
    // one vector: its first value by the formula, the others base + j·step in two roundings
    // (Vectorized::arange, not contracted)
    const block = (i0: number) => {
      const base = at(i0);
      out[i0] = base;
      for (let j = 1; j < vs; j++) out[i0 + j] = r(base + r(j * step));
    };
    for (; i <= steps - 2 * vs; i += 2 * vs) {
      block(i); // PyTorch's vectorized loop stores two vectors per turn
      block(i + vs);
    }
    for (; i < steps; i++) out[i] = at(i);
  }
  return finish(Tensor.fromArray(out, [steps], a.dtype), opts);
}

/**
 * `steps` values from `base^start` to `base^end`, with evenly spaced exponents (PyTorch's
 * `torch.logspace`): `pow(base, e)` in double, the exponent `e` computed in the output dtype as
 * in {@link linspace}'s scalar formula; PyTorch's values bit for bit.
 *
 * @param start - the first exponent.
 * @param end - the last exponent.
 * @param steps - how many values (≥ 0).
 * @param base - the base (default 10).
 * @param opts - `dtype` (float32 or float64), `requiresGrad`.
 * @throws RangeError for a negative `steps`; TypeError for a fractional `steps`, NaN bounds or an integer dtype.
 *
 * @example logspace(0, 3, 4) // tensor([   1.,   10.,  100., 1000.])
 */
export function logspace(start: number, end: number, steps: number, base = 10, opts?: TensorOptions): Tensor {
  if (typeof base !== 'number') throw new TypeError(`logspace: base must be a number, got ${typeof base}`);
  const a = rangeArgs('logspace', start, end, steps, opts);
  const out = a.dtype === 'float32' ? new Float32Array(steps) : new Float64Array(steps);
  // steps = 1: pow(base, start) with start as given (a double), not rounded to the dtype first
  if (steps === 1) out[0] = Math.pow(base, start);
  if (steps > 1) {
    // the exponents in double whatever the output dtype
    const step = (end - start) / (steps - 1), halfway = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++) {
      const e = i < halfway ? start + step * i : end - step * (steps - i - 1);
      out[i] = Math.pow(base, e);
    }
  }
  return finish(Tensor.fromArray(out, [steps], a.dtype), opts);
}
