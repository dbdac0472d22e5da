/**
 * Losses: `nllLoss`, `crossEntropy`, `mseLoss`, with PyTorch 1.13's semantics, computed with
 * engine ops. `nllLoss` records one `NllLossBackward0` node with the closed-form gradient (as
 * PyTorch does), so `crossEntropy` = `nllLoss(logSoftmax(...))` shows PyTorch's `grad_fn`.
 *
 * The lecture's loss (notes N19–N20) is the cross-entropy written out by hand:
 *
 * ```text
 *   probs = exp(logits) / exp(logits).sum(1, keepdim)      softmax
 *   loss  = −probs[arange(n), ys].log().mean()              mean negative log-likelihood
 *         = nllLoss(logSoftmax(logits, 1), ys)              = crossEntropy(logits, ys)
 * ```
 *
 * The composed gradient with respect to the logits is `(softmax(logits) − onehot(ys)) / n`
 * (derivation in docs/nn.md; checked against plain loops in spec/nn/losses.spec.ts).
 */
import { Tensor, arange, nllRows, nllRowsGradient, noGrad, zeros } from '../../engine/index.js';
import { logSoftmax } from './softmax.js';
import { recordOp } from './custom-op.js';
import { checkClassTargets, checkFloating, checkReduction, fmt, type Reduction } from './checks.js';
import { crossEntropyWithOptions, needsTargetOptions } from './cross-entropy-options.js';
import { needsNllOptions, nllLossWithOptions } from './nll-loss-options.js';

/**
 * Options of {@link nllLoss}.
 *
 * @example nllLoss(logProbs, ys, { reduction: 'sum' })
 */
export interface NllLossOptions {
  /** `'mean'` (default), `'sum'`, or `'none'` (one loss per example, shape `[N]`). */
  reduction?: Reduction;
  /** A floating `[C]` weight per class (default: all 1); the mean is then weighted (nll-loss-options.ts). */
  weight?: Tensor;
  /** Rows whose target is this class index count for nothing (default −100, as PyTorch). */
  ignoreIndex?: number;
}

/**
 * Options of {@link crossEntropy}.
 *
 * @example crossEntropy(logits, ys, { reduction: 'mean', labelSmoothing: 0.1 })
 */
export interface CrossEntropyOptions {
  /** `'mean'` (default), `'sum'`, or `'none'` (one loss per example, shape `[N]`). */
  reduction?: Reduction;
  /**
   * ε in [0, 1] (default 0). The target distribution becomes `(1 − ε)·onehot(y) + ε/C` per row,
   * so the loss is `(1 − ε)·nll + (ε/C)·(−Σ_c logp[i, c])`, as PyTorch defines it.
   */
  labelSmoothing?: number;
  /** A floating `[C]` weight per class (default: all 1); the mean is then weighted (cross-entropy-options.ts). */
  weight?: Tensor;
  /** Rows whose target is this class index count for nothing (default −100, as PyTorch). */
  ignoreIndex?: number;
}

/**
 * Options of {@link mseLoss}.
 *
 * @example mseLoss(ypred, ys, { reduction: 'sum' })
 */
export interface MseLossOptions {
  /** `'mean'` (default), `'sum'`, or `'none'` (the squared errors, input's shape). */
  reduction?: Reduction;
}

/** Apply a reduction to per-example losses `[N]`. */
function reduce(perExample: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return perExample;
  return reduction === 'sum' ? perExample.sum() : perExample.mean();
}

/**
 * The negative log-likelihood loss: `−logProbs[i, targets[i]]` per example, then reduced.
 * `logProbs` are log-probabilities (e.g. from {@link logSoftmax}); this picks one per row.
 *
 * @param logProbs - floating `[N, C]`.
 * @param targets - int32 `[N]`, each in `0 … C−1`.
 * @param opts - `reduction` (default `'mean'`; the mean of an empty batch is NaN, as in PyTorch),
 * `weight` (a `[C]` weight per class), `ignoreIndex` (default −100: rows with this target count for nothing).
 * @returns a 0-d loss, or `[N]` with `reduction: 'none'`.
 * @throws TypeError / RangeError naming the shapes for a wrong dtype, rank, batch size or target.
 *
 * @example
 * ```ts
 * const logProbs = logSoftmax(logits, 1);               // [5, 27]
 * nllLoss(logProbs, ys);                                 // −logProbs[arange(5), ys].mean()
 * nllLoss(logProbs, ys, { reduction: 'none' }).shape;   // [5]
 * ```
 */
export function nllLoss(logProbs: Tensor, targets: Tensor, opts: NllLossOptions = {}): Tensor {
  const reduction = opts.reduction ?? 'mean';
  checkReduction('nllLoss', reduction);
  if (needsNllOptions(targets, opts)) return nllLossWithOptions(logProbs, targets, { ...opts, reduction }); // weight, ignoreIndex
  checkClassTargets('nllLoss', logProbs, targets);
  const [n, c] = logProbs.shape;
  const out = (reduction === 'none' ? null : nllRows(logProbs, targets, reduction)) ?? noGrad(() => {
    const picked = logProbs.index(arange(n), targets); // [N]: logProbs[i, targets[i]]
    return reduce(picked.neg(), reduction); // negate first: the sum of an empty batch is +0
  });
  // d loss/d logProbs[i, j] = −w_i where j = targets[i], 0 elsewhere; w_i = g_i ('none'), g ('sum'),
  // g / N ('mean')   (PyTorch's NllLossBackward0)
  return recordOp(out, 'NllLossBackward0', [logProbs], (g) => {
    const oneEntry = reduction === 'none' ? null : nllRowsGradient(g, logProbs, targets, reduction); // one value per row, kept so
    if (oneEntry !== null) return [oneEntry];
    const ys = targets.toTypedArray();
    const gd = g.toTypedArray();
    const grad = zeros([n, c], { dtype: g.dtype });
    const d = grad.storage.data;
    for (let i = 0; i < n; i++) d[i * c + ys[i]] = -(reduction === 'none' ? gd[i] : reduction === 'sum' ? gd[0] : gd[0] / n);
    return [grad];
  }, [targets]);
}

/**
 * Cross-entropy between the softmax of `logits` and class targets: PyTorch's
 * `F.cross_entropy(logits, targets, reduction=…, label_smoothing=…)` for `[N, C]` logits.
 * Equal to `nllLoss(logSoftmax(logits, 1), targets)` without smoothing, and stable for any
 * finite logits (logits of ±1000 give finite losses and gradients).
 *
 * @param logits - floating `[N, C]` unnormalised log-probabilities.
 * @param targets - int32 `[N]` class indices in `0 … C−1` (or `ignoreIndex`), or floating `[N, C]`
 * class probabilities.
 * @param opts - `reduction` (default `'mean'`), `labelSmoothing` (default 0), `weight`, `ignoreIndex` (default −100).
 * @returns a 0-d loss, or `[N]` with `reduction: 'none'`.
 * @throws TypeError / RangeError naming the shapes for a wrong dtype, rank, batch size or target,
 * or a label smoothing outside [0, 1].
 *
 * @example
 * ```ts
 * const logits = xenc.matmul(W);            // [n, 27]
 * const loss = crossEntropy(logits, ys);    // = −probs[arange(n), ys].log().mean()
 * loss.backward();                          // logits' gradient: (softmax(logits) − onehot(ys)) / n
 * ```
 */
export function crossEntropy(logits: Tensor, targets: Tensor, opts: CrossEntropyOptions = {}): Tensor {
  if (needsTargetOptions(targets, opts)) return crossEntropyWithOptions(logits, targets, opts); // weight, ignoreIndex, probabilities
  const reduction = opts.reduction ?? 'mean';
  const eps = opts.labelSmoothing ?? 0;
  checkReduction('crossEntropy', reduction);
  if (typeof eps !== 'number' || !(eps >= 0 && eps <= 1)) {
    throw new RangeError(`crossEntropy: labelSmoothing must be between 0.0 and 1.0, got ${eps}`);
  }
  checkClassTargets('crossEntropy', logits, targets);
  const logProbs = logSoftmax(logits, 1);
  const nll = nllLoss(logProbs, targets, { reduction });
  if (eps === 0) return nll;
  // PyTorch's cross_entropy_loss_label_smoothing: smooth_i = −Σ_c logp[i, c], reduced the same
  // way, then (1 − ε)·nll + (ε / C)·smooth
  const smooth = reduce(logProbs.sum(1).neg(), reduction);
  return nll.mul(1 - eps).add(smooth.mul(eps / logits.shape[1]));
}

/**
 * Mean squared error (notes N23): `(input − target)²`, then reduced; `1/n Σ (y − ŷ)²` by default.
 * Gradients flow to both arguments.
 *
 * Unlike PyTorch, which warns and broadcasts when the shapes differ (usually a bug: `[N, 1]`
 * against `[N]` gives an `[N, N]` loss), different shapes are an error here.
 *
 * @param input - floating predictions.
 * @param target - floating targets of the same shape.
 * @param opts - `reduction` (default `'mean'`).
 * @returns a 0-d loss, or the elementwise squared errors with `reduction: 'none'`.
 * @throws TypeError for non-floating tensors; RangeError naming both shapes when they differ.
 *
 * @example
 * ```ts
 * const ypred = tensor([1, 2], { requiresGrad: true });
 * const loss = mseLoss(ypred, tensor([1, 4], { dtype: 'float32' })); // tensor(2.) = (0² + 2²) / 2
 * loss.backward();                          // ypred.grad = 2·(ypred − y)/n = [0, -2]
 * ```
 */
export function mseLoss(input: Tensor, target: Tensor, opts: MseLossOptions = {}): Tensor {
  const reduction = opts.reduction ?? 'mean';
  checkReduction('mseLoss', reduction);
  checkFloating('mseLoss', 'input', input);
  checkFloating('mseLoss', 'target', target);
  if (input.ndim !== target.ndim || input.shape.some((d, i) => d !== target.shape[i])) {
    throw new RangeError(
      `mseLoss: input ${fmt(input.shape)} and target ${fmt(target.shape)} must have the same shape ` +
        `(PyTorch would broadcast them, which is almost always a bug); reshape one of them`,
    );
  }
  const sq = input.sub(target).pow(2);
  if (reduction === 'none') return sq;
  return reduction === 'sum' ? sq.sum() : sq.mean();
}
