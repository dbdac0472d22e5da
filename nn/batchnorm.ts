/**
 * `BatchNorm1d`: batch normalisation over `[N, C]` or `[N, C, L]` inputs (PyTorch's
 * `nn.BatchNorm1d`), with running statistics and PyTorch's train/eval behaviour.
 *
 * ```text
 *   training:  mean_c = mean of x[:, c, …]        var_c = biased variance (divide by n)
 *              y = (x − mean) / √(var + eps) · weight + bias
 *              running_mean ← (1 − m)·running_mean + m·mean
 *              running_var  ← (1 − m)·running_var  + m·var·n/(n − 1)    (unbiased)
 *              num_batches_tracked += 1;  m = momentum, or 1/num_batches_tracked when null
 *   eval:      y = (x − running_mean) / √(running_var + eps) · weight + bias
 * ```
 *
 * The forward is composed from engine ops, so the gradient (through the batch mean and variance)
 * comes from the tape. The running averages use PyTorch's update arithmetic (momentum cast to
 * the dtype). PyTorch's fused CPU kernel computes the batch statistics and the normalisation
 * (`x·α + β` with `α = weight/√(var + eps)`) with other roundings, so float32 results agree with
 * PyTorch's to rounding, not bit for bit: outputs within 1e-6 and running statistics within a
 * few ulps on the fixtures of spec/nn/batchnorm.spec.ts; float64 outputs and gradients within 1e-12.
 */
import { type DType, Tensor, noGrad, ones, zeros } from '../engine/index.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { pythonFloatRepr } from './python-repr.js';
import { fmt } from './functional/checks.js';

/**
 * Options of {@link BatchNorm1d}.
 *
 * @example new BatchNorm1d(200, { momentum: 0.001, eps: 1e-5 })
 */
export interface BatchNorm1dOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Weight of the new batch statistic in the running averages (default 0.1); null: the cumulative average. */
  momentum?: number | null;
  /** Learnable `weight` (init 1) and `bias` (init 0) per feature (default true). */
  affine?: boolean;
  /** Keep running statistics for eval mode (default true); false: eval mode uses batch statistics too. */
  trackRunningStats?: boolean;
  /** float32 (default) or float64. */
  dtype?: DType;
}

/**
 * Normalises each feature (channel, dim 1) over the batch (and length) dimensions.
 *
 * @example
 * ```ts
 * const bn = new BatchNorm1d(200);
 * const h = bn.forward(hpreact);   // training: batch statistics; updates runningMean/runningVar
 * bn.eval();
 * bn.forward(hpreact);             // eval: the running statistics
 * ```
 */
export class BatchNorm1d extends Module {
  /** Number of features C. */
  readonly numFeatures: number;
  /** Added to the variance. */
  readonly eps: number;
  /** Running-average weight; null for the cumulative average. */
  readonly momentum: number | null;
  /** Whether `weight` and `bias` exist. */
  readonly affine: boolean;
  /** Whether running statistics are kept. */
  readonly trackRunningStats: boolean;
  /** `[C]` scale (γ), or null without `affine`. */
  readonly weight: Parameter | null;
  /** `[C]` shift (β), or null without `affine`. */
  readonly bias: Parameter | null;
  /** `[C]` running mean (a buffer: saved as `running_mean`), or null. */
  readonly runningMean: Tensor | null;
  /** `[C]` running unbiased variance (saved as `running_var`), or null. */
  readonly runningVar: Tensor | null;
  /** 0-d int32 count of training batches seen (saved as `num_batches_tracked`), or null. */
  readonly numBatchesTracked: Tensor | null;

  /**
   * @param numFeatures - C, the size of dim 1 of the input.
   * @param opts - `eps`, `momentum`, `affine`, `trackRunningStats`, `dtype`.
   * @throws RangeError for a bad size, eps or momentum.
   */
  constructor(numFeatures: number, opts: BatchNorm1dOptions = {}) {
    super();
    if (!Number.isInteger(numFeatures) || numFeatures < 0) throw new RangeError(`BatchNorm1d: numFeatures must be a non-negative integer, got ${numFeatures}`);
    const eps = opts.eps ?? 1e-5;
    if (typeof eps !== 'number' || !(eps >= 0)) throw new RangeError(`BatchNorm1d: eps must be a non-negative number, got ${String(eps)}`);
    const momentum = opts.momentum === undefined ? 0.1 : opts.momentum;
    if (momentum !== null && (typeof momentum !== 'number' || !Number.isFinite(momentum))) throw new RangeError(`BatchNorm1d: momentum must be a number or null, got ${String(momentum)}`);
    const dtype = opts.dtype ?? 'float32';
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = opts.affine ?? true;
    this.trackRunningStats = opts.trackRunningStats ?? true;
    this.weight = this.affine ? new Parameter(ones([numFeatures], { dtype })) : null;
    this.bias = this.affine ? new Parameter(zeros([numFeatures], { dtype })) : null;
    this.runningMean = this.trackRunningStats ? zeros([numFeatures], { dtype }) : null;
    this.runningVar = this.trackRunningStats ? ones([numFeatures], { dtype }) : null;
    this.numBatchesTracked = this.trackRunningStats ? zeros([], { dtype: 'int32' }) : null;
    this.registerBuffer('runningMean', 'running_mean');
    this.registerBuffer('runningVar', 'running_var');
    this.registerBuffer('numBatchesTracked', 'num_batches_tracked');
  }

  /**
   * PyTorch's `extra_repr`.
   * @example new BatchNorm1d(200).extraRepr() // '200, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True'
   */
  override extraRepr(): string {
    const m = this.momentum === null ? 'None' : pythonFloatRepr(this.momentum);
    const py = (b: boolean) => (b ? 'True' : 'False');
    return `${this.numFeatures}, eps=${pythonFloatRepr(this.eps)}, momentum=${m}, affine=${py(this.affine)}, track_running_stats=${py(this.trackRunningStats)}`;
  }

  /**
   * Normalise `x` (`[N, C]` or `[N, C, L]`): with the batch's statistics in training mode (and
   * update the running ones), with the running statistics in eval mode.
   *
   * @throws RangeError for an input that is not 2-D or 3-D, whose dim 1 is not `numFeatures`,
   * or (training) that has only one value per feature.
   * @example new BatchNorm1d(3).forward(randn([32, 3])).shape // [32, 3]
   */
  forward(x: Tensor): Tensor {
    if (!(x instanceof Tensor)) throw new TypeError(`BatchNorm1d: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
    if (x.ndim !== 2 && x.ndim !== 3) throw new RangeError(`BatchNorm1d: expected 2D or 3D input (got ${x.ndim}D input of shape ${fmt(x.shape)})`);
    if (x.shape[1] !== this.numFeatures) {
      throw new RangeError(`BatchNorm1d: expected input with ${this.numFeatures} features in dim 1, got input of shape ${fmt(x.shape)}`);
    }
    if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new TypeError(`BatchNorm1d: expected a floating-point input, got ${x.dtype}`);
    const dims = x.ndim === 2 ? [0] : [0, 2];
    const n = x.numel() / Math.max(this.numFeatures, 1);
    const useBatch = this.training || this.runningMean === null;
    if (useBatch && this.training && n === 1) {
      throw new RangeError(`BatchNorm1d: Expected more than 1 value per channel when training, got input size ${fmt(x.shape)}`);
    }
    const pshape = x.ndim === 2 ? [this.numFeatures] : [this.numFeatures, 1]; // per-feature values broadcast over N (and L)
    let mean: Tensor, variance: Tensor;
    if (useBatch) {
      mean = x.mean(dims, true);
      const centred = x.sub(mean);
      variance = centred.mul(centred).mean(dims, true); // biased: divide by n
      if (this.training && this.runningMean && this.runningVar && this.numBatchesTracked) {
        this.updateRunningStats(mean, variance, n);
      }
    } else {
      mean = (this.runningMean as Tensor).reshape(pshape);
      variance = (this.runningVar as Tensor).reshape(pshape);
    }
    let y = x.sub(mean).div(variance.add(this.eps).sqrt());
    if (this.weight && this.bias) y = y.mul(this.weight.reshape(pshape)).add(this.bias.reshape(pshape));
    return y;
  }

  /**
   * The running averages with PyTorch's CPU arithmetic: momentum is cast to the dtype, the mean
   * is averaged in the dtype, the unbiased variance `var·n/(n − 1)` in double.
   */
  private updateRunningStats(mean: Tensor, variance: Tensor, n: number): void {
    const rm = this.runningMean as Tensor, rv = this.runningVar as Tensor, count = this.numBatchesTracked as Tensor;
    const r = rm.dtype === 'float32' ? Math.fround : (v: number) => v;
    noGrad(() => {
      count.add_(1);
      const m = r(this.momentum ?? 1 / count.item());
      const bm = mean.detach().toTypedArray(), bv = variance.detach().toTypedArray();
      const newM = rm.toTypedArray().map((v, c) => r(m * bm[c]) + r(r(1 - m) * v));
      const newV = rv.toTypedArray().map((v, c) => m * ((bv[c] * n) / (n - 1)) + r(r(1 - m) * v));
      rm.copy_(Tensor.fromArray(newM, rm.shape, rm.dtype));
      rv.copy_(Tensor.fromArray(newV, rv.shape, rv.dtype));
    });
  }
}
