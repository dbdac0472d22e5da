/**
 * `softmax` and `logSoftmax` along a dimension (notes N19). The forward is composed from engine
 * ops; the backward is one node with PyTorch's name and closed-form derivative (`recordOp`),
 * as PyTorch's fused kernels record.
 *
 * Both subtract the row maximum first. softmax is unchanged by adding a constant to a row
 * (the constant cancels between numerator and denominator), and with the maximum subtracted the
 * largest exponent is e⁰ = 1: `exp` cannot overflow, and the sum is at least 1, so its log is
 * finite. The maximum is DETACHED: it is a constant shift, its own gradient would cancel out
 * exactly (∂/∂m of softmax(x − m) is 0), so recording it would only cost time.
 *
 * ```text
 *   x = [1000, 999]   exp(x) = [inf, inf] → NaN        (the lecture's formula, N19)
 *   m = 1000          exp(x − m) = [1, 0.368] → [0.731, 0.269]
 * ```
 */
import { Tensor, logSoftmaxRows, logSoftmaxRowsBackward, noGrad } from '../../engine/index.js';
import { recordOp } from './custom-op.js';
import { checkFloating } from './checks.js';

/** `x − max(x, dim)` with the max detached: the stable shift both functions start from. */
function shifted(op: string, x: Tensor, dim: number): Tensor {
  checkFloating(op, 'input', x);
  if (!Number.isInteger(dim)) throw new TypeError(`${op}: dim must be an integer, got ${dim}`);
  if (x.numel() === 0) return x.sub(0); // nothing to shift (PyTorch: an empty result of the same shape)
  return x.sub(x.max(dim, true).values.detach());
}

/**
 * Softmax along `dim`: `exp(x) / sum(exp(x), dim)`, computed as
 * `e = exp(x − max)`, `e / e.sum(dim, keepdim)`. Each slice along `dim` sums to 1.
 *
 * @param x - a floating tensor of logits.
 * @param dim - the dimension to normalise (negative counts from the end).
 * @returns probabilities, same shape as `x`.
 * @throws TypeError for integer tensors (convert with `.float()`); RangeError for a bad `dim`.
 *
 * @example
 * ```ts
 * softmax(tensor([[1, 2, 3]], { dtype: 'float32' }), 1); // tensor([[0.0900, 0.2447, 0.6652]])
 * ```
 */
export function softmax(x: Tensor, dim: number): Tensor {
  const out = noGrad(() => {
    const e = shifted('softmax', x, dim).exp();
    return e.div(e.sum(dim, true));
  });
  // d softmax_i/d x_j = y_i (δ_ij − y_j)  →  grad = y · (g − Σ_dim g·y)   (PyTorch's _softmax_backward_data)
  // the output is saved: an in-place write on it before backward is a version error, as in PyTorch
  return recordOp(out, 'SoftmaxBackward0', [x], (g) => [out.mul(g.sub(g.mul(out).sum(dim, true)))], [out]);
}

/**
 * Log-softmax along `dim`: `x − log(sum(exp(x), dim))`, computed as `z − log(sum(exp(z)))`
 * with `z = x − max`. Finite for any finite logits (logits of 1000 give 0 and −1000, not NaN).
 * The gradient the tape produces is `g − softmax(x) · sum(g, dim)`.
 *
 * @param x - a floating tensor of logits.
 * @param dim - the dimension to normalise (negative counts from the end).
 * @returns log-probabilities, same shape as `x`.
 * @throws TypeError for integer tensors (convert with `.float()`); RangeError for a bad `dim`.
 *
 * @example
 * ```ts
 * logSoftmax(tensor([[1000, 0]], { dtype: 'float32' }), 1); // tensor([[    0., -1000.]])
 * ```
 */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  // a float32 [N, C] over its rows: one pass per row, the same bits as the chain (engine's logSoftmaxRows)
  const rows = x instanceof Tensor && x.ndim === 2 && (dim === 1 || dim === -1);
  const out = (rows ? logSoftmaxRows(x) : null) ?? noGrad(() => {
    const z = shifted('logSoftmax', x, dim);
    return z.sub(z.exp().sum(dim, true).log());
  });
  // d logsoftmax_i/d x_j = δ_ij − softmax_j  →  grad = g − exp(out) · Σ_dim g   (PyTorch's _log_softmax_backward_data)
  return recordOp(out, 'LogSoftmaxBackward0', [x], (g) => [(rows ? logSoftmaxRowsBackward(g, out) : null) ?? g.sub(out.exp().mul(g.sum(dim, true)))], [out]);
}
