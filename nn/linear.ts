/**
 * `Linear`: `y = x · Wᵀ + b`, PyTorch's `nn.Linear`, initialised as PyTorch 1.13 does.
 *
 * The weight is `[outFeatures, inFeatures]`: row j holds the input weights of output neuron j.
 * The lecture's W is `[in, out]` (`xenc @ W`), so a Linear holding the lecture's model has
 * `weight = Wᵀ`.
 */
import { type DType, type Generator, type Tensor, zeros } from '../engine/index.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { fans, kaimingUniform_, uniform_ } from './init.js';

/**
 * Options of {@link Linear}.
 *
 * @example new Linear(27, 27, { bias: false, generator: g, dtype: 'float64' })
 */
export interface LinearOptions {
  /** Add a learnable bias (default true). */
  bias?: boolean;
  /** The generator the initial values are drawn from (default: the engine's default generator). */
  generator?: Generator;
  /** float32 (default) or float64. */
  dtype?: DType;
}

function checkFeatures(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Linear: ${name} must be a non-negative integer, got ${n}`);
}

/**
 * A fully connected layer: `forward(x) = x @ weight.T + bias` for `x` of shape `[…, in]`.
 *
 * Initialisation (PyTorch 1.13's `reset_parameters`), drawing from `generator`:
 * 1. `weight` ← `kaiming_uniform_(a=√5)`: uniform in `[−1/√in, 1/√in)`, filled in row-major
 *    order (`[out, in]`: row 0 first);
 * 2. then `bias` ← uniform in `[−1/√in, 1/√in)`.
 * So a fresh generator seeded like PyTorch's gives PyTorch's weights.
 *
 * @example
 * ```ts
 * const g = new Generator().manualSeed(42);
 * const layer = new Linear(27, 27, { bias: false, generator: g });
 * layer.weight.shape;                         // [27, 27]: [out, in]
 * layer.forward(oneHot(xs, 27).float());      // [n, 27] logits
 * ```
 */
export class Linear extends Module {
  /** Size of each input's last dimension. */
  readonly inFeatures: number;
  /** Size of each output's last dimension. */
  readonly outFeatures: number;
  /** `[outFeatures, inFeatures]`. */
  readonly weight: Parameter;
  /** `[outFeatures]`, or null when built with `bias: false`. */
  readonly bias: Parameter | null;

  /**
   * @param inFeatures - size of each input sample.
   * @param outFeatures - size of each output sample.
   * @param opts - `bias` (default true), `generator`, `dtype` (default float32).
   * @throws RangeError for negative or fractional sizes.
   */
  constructor(inFeatures: number, outFeatures: number, opts: LinearOptions = {}) {
    super();
    checkFeatures('inFeatures', inFeatures);
    checkFeatures('outFeatures', outFeatures);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    const dtype = opts.dtype ?? 'float32';
    this.weight = new Parameter(zeros([outFeatures, inFeatures], { dtype }));
    this.bias = (opts.bias ?? true) ? new Parameter(zeros([outFeatures], { dtype })) : null;
    this.resetParameters(opts.generator);
  }

  /**
   * Draw fresh initial values as PyTorch's `reset_parameters` does: the weight first, then the
   * bias (see the class comment).
   *
   * @example layer.resetParameters(new Generator().manualSeed(0))
   */
  resetParameters(generator?: Generator): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5), generator });
    if (this.bias) {
      const { fanIn } = fans(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform_(this.bias, -bound, bound, { generator });
    }
  }

  /**
   * PyTorch's `extra_repr`, printed by `String(layer)`.
   * @example new Linear(30, 200, { bias: false }).extraRepr() // 'in_features=30, out_features=200, bias=False'
   */
  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias ? 'True' : 'False'}`;
  }

  /**
   * `x @ weight.T + bias`.
   *
   * @param x - floating `[…, inFeatures]` (a 1-D `[inFeatures]` gives `[outFeatures]`).
   * @returns `[…, outFeatures]`.
   * @throws RangeError naming the shapes when the last dimension is not `inFeatures`.
   *
   * @example new Linear(3, 2).forward(zeros([5, 3])).shape // [5, 2]
   */
  forward(x: Tensor): Tensor {
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new RangeError(
        `Linear: the input's last dimension must be inFeatures = ${this.inFeatures}, got input of shape [${x.shape.join(', ')}] ` +
          `(weight is [${this.weight.shape.join(', ')}] = [out, in])`,
      );
    }
    const y = x.matmul(this.weight.T);
    return this.bias ? y.add(this.bias) : y;
  }
}
