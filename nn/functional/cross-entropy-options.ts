/**
 * The options of `crossEntropy` beyond the lecture's plain case: class `weight`s,
 * `ignoreIndex`, and class-probability targets, each combined with label smoothing exactly as
 * PyTorch 1.13 defines them (`cross_entropy_loss_prob_target` and
 * `cross_entropy_loss_label_smoothing` in its Loss.cpp):
 *
 * ```text
 *   class indices y, weights w (1 if none), ignored rows have w_yi := 0:
 *     nll_i    = −w[y_i] · logp[i, y_i]
 *     'mean'   = Σ nll_i / Σ w[y_i]                    (a weighted mean over the kept rows)
 *     smoothing ε:  smooth_i = −Σ_c w[c]·logp[i, c]  (0 for ignored rows)
 *                   'mean' of smooth: Σ smooth_i / Σ w[y_i] with weights, else the plain mean over all N rows
 *                   loss = (1 − ε)·nll + (ε/C)·smooth
 *   probability targets q [N, C]:  q ← (1 − ε)·q + ε/C;   loss_i = −Σ_c w[c]·q[i, c]·logp[i, c]
 *                   'mean' = Σ loss_i / N
 * ```
 *
 * Everything is composed from engine ops, so the gradient with respect to the logits comes
 * from the tape (the weights and targets get none, as in PyTorch).
 */
import { Tensor, arange } from '../../engine/index.js';
import { logSoftmax } from './softmax.js';
import { checkFloating, checkReduction, fmt, type Reduction } from './checks.js';

/** PyTorch's default `ignore_index`. */
export const DEFAULT_IGNORE_INDEX = -100;

/**
 * The options this file handles (a subset of `CrossEntropyOptions`).
 *
 * @example crossEntropyWithOptions(logits, ys, { weight: w, ignoreIndex: 0 })
 */
export interface CrossEntropyTargetOptions {
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
  /** ε in [0, 1] (default 0). */
  labelSmoothing?: number;
  /** A floating `[C]` weight per class (default: all 1). */
  weight?: Tensor;
  /** A class index whose rows count for nothing (default −100). Not for probability targets. */
  ignoreIndex?: number;
}

/**
 * True when `crossEntropy` must take this file's path: a weight, an explicit ignoreIndex,
 * floating (probability) targets, or a target equal to the default ignore index −100.
 *
 * @example needsTargetOptions(ys, {}) // false for class indices in range
 */
export function needsTargetOptions(targets: unknown, opts: CrossEntropyTargetOptions): boolean {
  if (opts.weight !== undefined || opts.ignoreIndex !== undefined) return true;
  if (!(targets instanceof Tensor)) return false;
  if (targets.dtype === 'float32' || targets.dtype === 'float64') return true;
  return targets.dtype === 'int32' && targets.toTypedArray().includes(DEFAULT_IGNORE_INDEX);
}

function reduceRows(rows: Tensor, reduction: Reduction, divisor: Tensor | number): Tensor {
  if (reduction === 'none') return rows;
  const s = rows.sum();
  return reduction === 'sum' ? s : s.div(divisor);
}

/**
 * Cross-entropy with class weights, an ignored class, or class-probability targets (see the
 * file comment for the formulas); `crossEntropy` calls this when one of them is used.
 *
 * @param logits - floating `[N, C]`.
 * @param targets - int32 `[N]` class indices (or `ignoreIndex`), or floating `[N, C]` probabilities.
 * @param opts - `reduction`, `labelSmoothing`, `weight`, `ignoreIndex`.
 * @throws TypeError / RangeError naming the shapes and values for a bad logits, target or weight.
 *
 * @example crossEntropyWithOptions(logits, tensor([0, -100, 2]), { weight: tensor([1, 2, 0.5]) })
 */
export function crossEntropyWithOptions(logits: Tensor, targets: Tensor, opts: CrossEntropyTargetOptions = {}): Tensor {
  const op = 'crossEntropy';
  const reduction = opts.reduction ?? 'mean';
  const eps = opts.labelSmoothing ?? 0;
  checkReduction(op, reduction);
  if (typeof eps !== 'number' || !(eps >= 0 && eps <= 1)) throw new RangeError(`${op}: labelSmoothing must be between 0.0 and 1.0, got ${eps}`);
  checkFloating(op, 'input', logits);
  if (logits.ndim !== 2) throw new RangeError(`${op}: expected a 2-D input of shape [N, C] (N examples, C classes), got ${logits.ndim}-D ${fmt(logits.shape)}`);
  const [n, c] = logits.shape;
  const { weight } = opts;
  if (weight !== undefined) {
    checkFloating(op, 'weight', weight);
    if (weight.ndim !== 1 || weight.shape[0] !== c) {
      throw new RangeError(`${op}: weight tensor should be defined either for all ${c} classes or no classes but got weight tensor of shape: ${fmt(weight.shape)}`);
    }
  }
  if (!(targets instanceof Tensor)) throw new TypeError(`${op}: targets must be a Tensor, got ${targets === null ? 'null' : typeof targets}`);
  const logp = logSoftmax(logits, 1);
  const w = weight?.detach().to(logits.dtype);

  if (targets.dtype === 'float32' || targets.dtype === 'float64') {
    // class-probability targets
    if (opts.ignoreIndex !== undefined && opts.ignoreIndex >= 0) throw new RangeError(`${op}: ignoreIndex is not supported for class-probability targets (got ${opts.ignoreIndex})`);
    if (targets.ndim !== 2 || targets.shape[0] !== n || targets.shape[1] !== c) {
      throw new RangeError(`${op}: class-probability targets must have the input's shape ${fmt(logits.shape)}, got ${fmt(targets.shape)}`);
    }
    let q = targets.detach().to(logits.dtype);
    if (eps > 0) q = q.mul(1 - eps).add(eps / c);
    let prod = logp.mul(q);
    if (w) prod = prod.mul(w);
    if (reduction === 'none') return prod.sum(1).neg();
    const total = prod.sum().neg();
    return reduction === 'sum' ? total : total.div(n); // NaN for an empty batch (0/0), as PyTorch
  }

  if (targets.dtype !== 'int32') throw new TypeError(`${op}: targets must be int32 class indices or floating class probabilities, got ${targets.dtype} of shape ${fmt(targets.shape)}`);
  if (targets.ndim !== 1 || targets.shape[0] !== n) {
    throw new RangeError(`${op}: expected targets of shape [${n}] (one class index per row of the input ${fmt(logits.shape)}), got ${fmt(targets.shape)}`);
  }
  const ignore = opts.ignoreIndex ?? DEFAULT_IGNORE_INDEX;
  if (!Number.isInteger(ignore)) throw new TypeError(`${op}: ignoreIndex must be an integer, got ${ignore}`);
  const ys = targets.toTypedArray();
  const safe = new Int32Array(n); // ignored rows pick class 0, with weight 0
  const rowWeight = logits.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  const kept = logits.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  const wv = w?.toTypedArray();
  for (let i = 0; i < n; i++) {
    if (ys[i] === ignore) continue;
    if (ys[i] < 0 || ys[i] >= c) {
      throw new RangeError(`${op}: target ${ys[i]} at position ${i} is out of bounds: the input ${fmt(logits.shape)} has ${c} classes (valid targets are 0…${c - 1}, or ignoreIndex ${ignore})`);
    }
    safe[i] = ys[i];
    rowWeight[i] = wv ? wv[ys[i]] : 1;
    kept[i] = 1;
  }
  const rw = Tensor.fromArray(rowWeight, [n], logits.dtype);
  const picked = logp.index(arange(n), Tensor.fromArray(safe, [n], 'int32'));
  const nll = reduceRows(picked.neg().mul(rw), reduction, rw.sum());
  if (eps === 0) return nll;
  let smooth = (w ? logp.mul(w) : logp).sum(1).neg().mul(Tensor.fromArray(kept, [n], logits.dtype));
  smooth = reduceRows(smooth, reduction, w ? rw.sum() : n);
  return nll.mul(1 - eps).add(smooth.mul(eps / c));
}
