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
import { Tensor, arange, zeros } from '../../engine/index.js';
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
    let q = targets.to(logits.dtype); // not detached: PyTorch differentiates the loss w.r.t. the targets too
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
  const keptRows: number[] = []; // the rows whose target is not ignoreIndex
  const rowWeight: number[] = [];
  const wv = w?.toTypedArray();
  for (let i = 0; i < n; i++) {
    if (ys[i] === ignore) continue;
    if (ys[i] < 0 || ys[i] >= c) {
      throw new RangeError(`${op}: target ${ys[i]} at position ${i} is out of bounds: the input ${fmt(logits.shape)} has ${c} classes (valid targets are 0…${c - 1}, or ignoreIndex ${ignore})`);
    }
    keptRows.push(i);
    rowWeight.push(wv ? wv[ys[i]] : 1);
  }
  const k = keptRows.length;
  const rows = Tensor.fromArray(Int32Array.from(keptRows), [k], 'int32');
  const classes = Tensor.fromArray(Int32Array.from(keptRows, (i) => ys[i]), [k], 'int32');
  const rw = Tensor.fromArray(logits.dtype === 'float64' ? Float64Array.from(rowWeight) : Float32Array.from(rowWeight), [k], logits.dtype);
  // Only the kept rows enter the loss, as PyTorch's nll_loss skips ignored rows: their gradient is
  // exactly 0 even when the mean divides by a total weight of 0 (all rows ignored: loss NaN, grad 0).
  // 'none' keeps one loss per row, 0 for the ignored ones (scattered back below).
  const logpKept = logp.index(rows); // [k, C]
  const nllKept = logpKept.index(arange(k), classes).neg().mul(rw); // [k]
  const total = rw.sum(); // Σ w[y_i] over kept rows (= their count without weight)
  const perRow = (kept: Tensor): Tensor => zeros([n], { dtype: logits.dtype }).indexAdd_(0, rows, kept);
  const nll = reduction === 'none' ? perRow(nllKept) : reduceRows(nllKept, reduction, total);
  if (eps === 0) return nll;
  const smoothKept = (w ? logpKept.mul(w) : logpKept).sum(1).neg(); // [k]: −Σ_c w_c·logp[i, c]
  const smooth = reduction === 'none' ? perRow(smoothKept) : reduceRows(smoothKept, reduction, total);
  return nll.mul(1 - eps).add(smooth.mul(eps / c));
}
