/**
 * Initialisers (PyTorch's `torch.nn.init`), in place and without recording a graph. They draw
 * through the engine's `uniform_`/`normal_`, so a seeded {@link Generator} gives PyTorch's
 * values: element by element in row-major order, with PyTorch's float32 rounding of
 * `u·(hi − lo) + lo` (torch-rng.md §2; the generator's `normalKernel` picks the fused AVX2
 * rounding or the scalar kernel's two roundings).
 *
 * The bounds are computed in double exactly as PyTorch's Python code computes them, so they
 * round to the same float32 `lo` and `hi`.
 */
import { type Generator, type Tensor, noGrad } from '../engine/index.js';

/** Fan-in and fan-out of a weight tensor. */
export interface Fans {
  /** Inputs feeding each output unit (`shape[1]` × receptive field). */
  fanIn: number;
  /** Outputs fed by each input unit (`shape[0]` × receptive field). */
  fanOut: number;
}

/**
 * Options of the random initialisers.
 *
 * @example init.normal_(t, 0, 1, { generator: new Generator().manualSeed(0) })
 */
export interface InitOptions {
  /** The generator to draw from (default: the engine's default generator). */
  generator?: Generator;
}

/**
 * `fan_in` and `fan_out` of a weight (`_calculate_fan_in_and_fan_out`): for `[out, in]`, `in` and
 * `out`; higher dims multiply both by the receptive field (the product of `shape[2:]`).
 *
 * @example fans(zeros([27, 5])) // { fanIn: 5, fanOut: 27 }
 * @throws RangeError for a tensor with fewer than 2 dimensions.
 */
export function fans(t: Tensor): Fans {
  if (t.ndim < 2) {
    throw new RangeError(`Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (shape [${t.shape.join(', ')}])`);
  }
  const receptive = t.shape.slice(2).reduce((p, d) => p * d, 1);
  return { fanIn: t.shape[1] * receptive, fanOut: t.shape[0] * receptive };
}

/**
 * `calculate_gain('leaky_relu', negativeSlope)` = `√(2 / (1 + slope²))`, in double as Python
 * computes it (`√5 ** 2` is 5.000000000000001, and that is what PyTorch uses).
 *
 * @example leakyReluGain(Math.sqrt(5)) // 0.5773502691896257 (≈ 1/√3)
 */
export function leakyReluGain(negativeSlope = 0.01): number {
  return Math.sqrt(2.0 / (1 + negativeSlope * negativeSlope));
}

/**
 * Fill `t` with uniform values in `[lo, hi)` (`nn.init.uniform_`).
 *
 * @example uniform_(bias, -0.2, 0.2, { generator: g })
 * @returns `t`.
 */
export function uniform_(t: Tensor, lo = 0, hi = 1, opts: InitOptions = {}): Tensor {
  noGrad(() => t.uniform_(lo, hi, { generator: opts.generator }));
  return t;
}

/**
 * Fill `t` with normal values (`nn.init.normal_`), as `t.normal_(mean, std)`.
 *
 * @example normal_(embedding.weight, 0, 1, { generator: g })
 * @returns `t`.
 */
export function normal_(t: Tensor, mean = 0, std = 1, opts: InitOptions = {}): Tensor {
  noGrad(() => t.normal_(mean, std, { generator: opts.generator }));
  return t;
}

/**
 * He/Kaiming uniform initialisation for a leaky-ReLU gain with slope `a`, fan-in mode
 * (`nn.init.kaiming_uniform_(t, a)`): uniform in `[−bound, bound)` with
 * `bound = √3 · gain(a) / √fan_in`. With `a = √5` (what `Linear` uses) the bound is `1/√fan_in`
 * up to the last bits of the double, which float32 rounding hides.
 * A tensor with a zero-size dimension is left alone and draws nothing (PyTorch warns and returns).
 *
 * @example kaimingUniform_(linear.weight, { a: Math.sqrt(5), generator: g })
 * @returns `t`.
 */
export function kaimingUniform_(t: Tensor, opts: InitOptions & { a?: number } = {}): Tensor {
  if (t.shape.includes(0)) return t;
  const std = leakyReluGain(opts.a ?? 0) / Math.sqrt(fans(t).fanIn);
  const bound = Math.sqrt(3.0) * std;
  return uniform_(t, -bound, bound, opts);
}
