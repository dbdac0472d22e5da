/**
 * `dropout(x, p, training)`: zero each element with probability `p` and scale the survivors by
 * `1/(1 − p)`, with PyTorch 1.13's CPU draws (its non-MKL `bernoulli_`), so that a generator
 * seeded like PyTorch's gives PyTorch's mask:
 *
 * ```text
 *   for each element, in row-major order:  u = one double uniform (a 64-bit draw, torch-rng.md §2)
 *                                          keep = u < 1 − p
 *   noise = keep / f32(1 − p)   (in the input's dtype)          out = x · noise
 * ```
 *
 * PyTorch builds linked against MKL (the x86-64 pip wheels) draw the mask with MKL's own stream
 * instead (`viRngBernoulli`, seeded by one 32-bit draw), so their masks differ from these.
 */
import { Generator, Tensor, defaultGenerator, zeros } from '../../engine/index.js';
import { checkFloating } from './checks.js';

/**
 * Options of {@link dropout}.
 *
 * @example dropout(x, 0.2, { training: true, generator: g })
 */
export interface DropoutOptions {
  /** Apply dropout (default true); false returns the input unchanged. */
  training?: boolean;
  /** The generator the mask is drawn from (default: the engine's default generator). */
  generator?: Generator;
}

/**
 * Check a dropout probability, with PyTorch's message.
 *
 * @example checkDropoutP(0.5)
 * @throws RangeError unless 0 ≤ p ≤ 1.
 */
export function checkDropoutP(p: unknown): asserts p is number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${String(p)}`);
}

/**
 * PyTorch's `F.dropout(x, p, training)`: during training each element is zeroed with probability
 * `p` and the others are multiplied by `1/(1 − p)`, so the expected value is unchanged. The
 * gradient is the same mask times the incoming gradient (`MulBackward0`). `p = 0`, `training:
 * false` or an empty input return `x` itself and draw nothing; `p = 1` gives `x · 0`.
 *
 * @param x - a floating tensor.
 * @param p - the probability of zeroing an element (default 0.5).
 * @param opts - `training` (default true), `generator`.
 * @throws RangeError unless 0 ≤ p ≤ 1; TypeError for a non-floating input.
 *
 * @example dropout(ones([8]), 0.5, { generator: new Generator().manualSeed(0) }) // zeros and 2s
 */
export function dropout(x: Tensor, p = 0.5, opts: DropoutOptions = {}): Tensor {
  checkDropoutP(p);
  checkFloating('dropout', 'input', x);
  const g = opts.generator ?? defaultGenerator;
  if (!(g instanceof Generator)) throw new TypeError(`dropout: generator must be a Generator, got ${typeof g}`);
  if (p === 0 || opts.training === false || x.numel() === 0) return x;
  if (p === 1) return x.mul(zeros([], { dtype: x.dtype }));
  const keep = 1 - p;
  const n = x.numel();
  const noise = x.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  const scale = x.dtype === 'float64' ? 1 / keep : Math.fround(1 / Math.fround(keep)); // noise.div_(1 − p) in the dtype
  for (let i = 0; i < n; i++) noise[i] = g.nextFloat64Uniform() < keep ? scale : 0;
  return x.mul(Tensor.fromArray(noise, x.shape, x.dtype));
}
