/**
 * `nllLoss` with class weights or ignored rows (PyTorch's `weight` and `ignore_index`): one
 * `NllLossBackward0` node with the closed-form gradient, as PyTorch's `nll_loss`.
 *
 * ```text
 *   kept rows K = { i : y_i ≠ ignoreIndex },  w_i = weight[y_i] (1 without weight)
 *   'none': loss_i = −w_i·logp[i, y_i] for i in K, 0 for ignored rows
 *   'sum':  Σ_{i∈K} −w_i·logp[i, y_i]
 *   'mean': Σ_{i∈K} −w_i·logp[i, y_i] / Σ_{i∈K} w_i     (NaN when nothing is kept, as PyTorch)
 *   d loss / d logp[i, y_i] = −w_i·g_i ('none'), −w_i·g ('sum'), −w_i·g / Σ w ('mean'); 0 elsewhere
 * ```
 *
 * Ignored rows get an exact 0 gradient, even when the mean divides by a total weight of 0.
 */
import { Tensor, arange, noGrad, zeros } from '../../engine/index.js';
import { recordOp } from './custom-op.js';
import { checkFloating, fmt, type Reduction } from './checks.js';

/** PyTorch's default `ignore_index`. */
export const DEFAULT_NLL_IGNORE_INDEX = -100;

/** Options of {@link nllLossWithOptions}. */
export interface NllLossTargetOptions {
  /** `'mean'`, `'sum'` or `'none'`. */
  reduction: Reduction;
  /** A floating `[C]` weight per class. */
  weight?: Tensor;
  /** The class index of rows that count for nothing (default −100). */
  ignoreIndex?: number;
}

/**
 * True when `nllLoss` must take this file's path: a weight, an explicit ignoreIndex, or an int32
 * target equal to the default ignore index −100.
 *
 * @example needsNllOptions(ys, {}) // false for class indices in range
 */
export function needsNllOptions(targets: unknown, opts: { weight?: Tensor; ignoreIndex?: number }): boolean {
  if (opts.weight !== undefined || opts.ignoreIndex !== undefined) return true;
  return targets instanceof Tensor && targets.dtype === 'int32' && targets.toTypedArray().includes(DEFAULT_NLL_IGNORE_INDEX);
}

/**
 * The negative log-likelihood loss with class weights and an ignored class (see the file
 * comment); `nllLoss` calls this when one of them is used.
 *
 * @param logProbs - floating `[N, C]`.
 * @param targets - int32 `[N]` class indices, or `ignoreIndex`.
 * @param opts - `reduction`, `weight`, `ignoreIndex`.
 * @throws TypeError / RangeError naming the shapes and values for a bad input, target or weight.
 *
 * @example nllLossWithOptions(logProbs, tensor([0, -100, 2], { dtype: 'int32' }), { reduction: 'mean' })
 */
export function nllLossWithOptions(logProbs: Tensor, targets: Tensor, opts: NllLossTargetOptions): Tensor {
  const op = 'nllLoss';
  const { reduction, weight } = opts;
  checkFloating(op, 'input', logProbs);
  if (logProbs.ndim !== 2) throw new RangeError(`${op}: expected a 2-D input of shape [N, C] (N examples, C classes), got ${logProbs.ndim}-D ${fmt(logProbs.shape)}`);
  const [n, c] = logProbs.shape;
  if (weight !== undefined) {
    checkFloating(op, 'weight', weight);
    if (weight.ndim !== 1 || weight.shape[0] !== c) {
      throw new RangeError(`${op}: weight tensor should be defined either for all ${c} classes or no classes but got weight tensor of shape: ${fmt(weight.shape)}`);
    }
  }
  if (!(targets instanceof Tensor) || targets.dtype !== 'int32') {
    throw new TypeError(`${op}: targets must be an int32 tensor of class indices (shape [N])`);
  }
  if (targets.ndim !== 1 || targets.shape[0] !== n) {
    throw new RangeError(`${op}: expected targets of shape [${n}] (one class index per row of the input ${fmt(logProbs.shape)}), got ${fmt(targets.shape)}`);
  }
  const ignore = opts.ignoreIndex ?? DEFAULT_NLL_IGNORE_INDEX;
  if (!Number.isInteger(ignore)) throw new TypeError(`${op}: ignoreIndex must be an integer, got ${ignore}`);
  const ys = targets.toTypedArray();
  const wv = weight?.detach().to(logProbs.dtype).toTypedArray();
  const keptRows: number[] = [];
  const rowWeight: number[] = [];
  for (let i = 0; i < n; i++) {
    if (ys[i] === ignore) continue;
    if (ys[i] < 0 || ys[i] >= c) {
      throw new RangeError(`${op}: target ${ys[i]} at position ${i} is out of bounds: the input ${fmt(logProbs.shape)} has ${c} classes (valid targets are 0…${c - 1}, or ignoreIndex ${ignore})`);
    }
    keptRows.push(i);
    rowWeight.push(wv ? wv[ys[i]] : 1);
  }
  const k = keptRows.length;
  const rows = Tensor.fromArray(Int32Array.from(keptRows), [k], 'int32');
  const classes = Tensor.fromArray(Int32Array.from(keptRows, (i) => ys[i]), [k], 'int32');
  const rw = Tensor.fromArray(logProbs.dtype === 'float64' ? Float64Array.from(rowWeight) : Float32Array.from(rowWeight), [k], logProbs.dtype);
  const total = noGrad(() => rw.sum());
  const out = noGrad(() => {
    const kept = logProbs.index(rows, classes).neg().mul(rw); // −w_i·logp[i, y_i]
    if (reduction === 'none') return zeros([n], { dtype: logProbs.dtype }).indexAdd_(0, rows, kept);
    return reduction === 'sum' ? kept.sum() : kept.sum().div(total);
  });
  // d loss/d logp[i, y_i] = −w_i·(g_i | g | g / Σw), 0 elsewhere (ignored rows included)
  return recordOp(out, 'NllLossBackward0', [logProbs], (g) => {
    const gd = g.toTypedArray();
    const t = total.item();
    const grad = zeros([n, c], { dtype: g.dtype });
    const d = grad.storage.data;
    keptRows.forEach((i, j) => {
      const gi = reduction === 'none' ? gd[i] : reduction === 'sum' ? gd[0] : gd[0] / t;
      d[i * c + ys[i]] = -rowWeight[j] * gi;
    });
    return [grad];
  }, [targets]);
}
