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
 * He/Kaiming uniform initialisation (`nn.init.kaiming_uniform_(t, a, mode, nonlinearity)`):
 * uniform in `[−bound, bound)` with `bound = √3 · gain / √fan` (defaults: leaky_relu with slope
 * `a = 0`, fan_in mode). With `a = √5` (what `Linear` uses) the bound is `1/√fan_in`
 * up to the last bits of the double, which float32 rounding hides.
 * A tensor with a zero-size dimension is left alone and draws nothing (PyTorch warns and returns).
 *
 * @throws RangeError for fewer than 2 dims, an unknown mode or nonlinearity.
 * @example kaimingUniform_(linear.weight, { a: Math.sqrt(5), generator: g })
 * @returns `t`.
 */
export function kaimingUniform_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  if (t.shape.includes(0)) return t;
  const bound = Math.sqrt(3.0) * kaimingStd(t, opts);
  return uniform_(t, -bound, bound, opts);
}

/**
 * A nonlinearity name accepted by {@link calculateGain} (PyTorch's strings).
 *
 * @example calculateGain('tanh') // 5/3
 */
export type Nonlinearity =
  | 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d'
  | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

const LINEAR_FNS = ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'];

/**
 * PyTorch's `nn.init.calculate_gain(nonlinearity, param)`: 1 for linear/conv/sigmoid, 5/3 for
 * tanh, √2 for relu, √(2/(1 + slope²)) for leaky_relu (slope `param`, default 0.01), 3/4 for selu.
 *
 * @throws RangeError for an unknown nonlinearity or a non-number slope.
 * @example calculateGain('relu') // 1.4142135623730951
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  if (LINEAR_FNS.includes(nonlinearity) || nonlinearity === 'sigmoid') return 1;
  if (nonlinearity === 'tanh') return 5.0 / 3;
  if (nonlinearity === 'relu') return Math.sqrt(2.0);
  if (nonlinearity === 'leaky_relu') {
    if (param !== undefined && (typeof param !== 'number' || !Number.isFinite(param))) throw new RangeError(`negative_slope ${String(param)} not a valid number`);
    return leakyReluGain(param ?? 0.01);
  }
  if (nonlinearity === 'selu') return 3.0 / 4;
  throw new RangeError(`Unsupported nonlinearity ${String(nonlinearity)}`);
}

/**
 * Options of {@link kaimingNormal_} and {@link kaimingUniform_}.
 *
 * @example kaimingNormal_(w, { mode: 'fan_out', nonlinearity: 'relu', generator: g })
 */
export interface KaimingOptions extends InitOptions {
  /** The negative slope of leaky_relu (default 0; ignored by other nonlinearities). */
  a?: number;
  /** `'fan_in'` (default: preserves the forward pass's variance) or `'fan_out'` (the backward's). */
  mode?: 'fan_in' | 'fan_out';
  /** The nonlinearity that follows (default `'leaky_relu'`, with slope `a`). */
  nonlinearity?: Nonlinearity;
}

/** Kaiming's standard deviation `gain / √fan`, in double as PyTorch's Python code computes it. */
function kaimingStd(t: Tensor, opts: KaimingOptions): number {
  const mode = opts.mode ?? 'fan_in';
  if (mode !== 'fan_in' && mode !== 'fan_out') throw new RangeError(`Mode ${String(mode)} not supported, please use one of ['fan_in', 'fan_out']`);
  const f = fans(t);
  const fan = mode === 'fan_in' ? f.fanIn : f.fanOut;
  return calculateGain(opts.nonlinearity ?? 'leaky_relu', opts.a ?? 0) / Math.sqrt(fan);
}

/**
 * He/Kaiming normal initialisation (`nn.init.kaiming_normal_`): `normal_(0, std)` with
 * `std = gain / √fan`, fan = fan_in or fan_out (`mode`), gain from `nonlinearity` and `a`. The
 * draws are the generator's `normal_` (so PyTorch's for the same seed and normal kernel).
 * A tensor with a zero-size dimension is left alone and draws nothing.
 *
 * @returns `t`.
 * @throws RangeError for fewer than 2 dims, an unknown mode or nonlinearity.
 * @example kaimingNormal_(zeros([200, 30]), { nonlinearity: 'tanh', generator: g }) // std = (5/3)/√30
 */
export function kaimingNormal_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  if (t.shape.includes(0)) return t;
  return normal_(t, 0, kaimingStd(t, opts), opts);
}

/**
 * Xavier/Glorot uniform initialisation (`nn.init.xavier_uniform_`): uniform in `[−a, a)` with
 * `a = gain · √(6 / (fan_in + fan_out))` (computed as PyTorch does: `√3 · gain · √(2/(fan_in + fan_out))`).
 *
 * @returns `t`.
 * @throws RangeError for fewer than 2 dims.
 * @example xavierUniform_(zeros([30, 200]), { gain: calculateGain('tanh'), generator: g })
 */
export function xavierUniform_(t: Tensor, opts: InitOptions & { gain?: number } = {}): Tensor {
  const { fanIn, fanOut } = fans(t);
  const std = (opts.gain ?? 1) * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform_(t, -a, a, opts);
}

/**
 * Fill with zeros (`nn.init.zeros_`), without recording a graph.
 *
 * @returns `t`.
 * @example zeros_(layer.bias)
 */
export function zeros_(t: Tensor): Tensor {
  noGrad(() => t.zero_());
  return t;
}

/**
 * Fill with ones (`nn.init.ones_`), without recording a graph.
 *
 * @returns `t`.
 * @example ones_(bn.weight)
 */
export function ones_(t: Tensor): Tensor {
  noGrad(() => t.fill_(1));
  return t;
}
