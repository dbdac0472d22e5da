/**
 * `tril` and `triu`: the lower and upper triangle of the last two dims (a batch of matrices),
 * the rest set to zero. Diagonal `k` shifts the boundary: element (i, j) is on diagonal j − i.
 *
 * ```
 *   tril(ones 3×3)       tril(ones 3×3, -1)     triu(ones 3×3, 1)
 *   1 0 0                0 0 0                  0 1 1
 *   1 1 0                1 0 0                  0 0 1
 *   1 1 1                1 1 0                  0 0 0
 * ```
 *
 * A copy (as in PyTorch). The causal mask of a transformer is `tril(ones([T, T]))`.
 */
import type { Tensor } from '../tensor.js';
import { formatShape } from '../shape.js';
import { record } from '../autograd/node.js';
import { copyContiguous } from './views.js';

/** A copy of `x` with the elements (i, j) of its last two dims zeroed where `zero(j − i)`. */
function triangle(op: string, x: Tensor, k: number, zero: (diag: number) => boolean): Tensor {
  if (x.ndim < 2) throw new RangeError(`${op}: input tensor must have at least 2 dimensions, got shape ${formatShape(x.shape)}`);
  if (!Number.isInteger(k)) throw new TypeError(`${op}: diagonal must be an integer, got ${k}`);
  const out = copyContiguous(x);
  const od = out.storage.data;
  const rows = x.shape[x.ndim - 2], cols = x.shape[x.ndim - 1];
  const batch = x.numel() / (rows * cols || 1);
  for (let b = 0, p = 0; b < batch && rows * cols > 0; b++) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++, p++) if (zero(j - i)) od[p] = 0;
    }
  }
  return out;
}

/**
 * The lower triangle of the last two dims: elements (i, j) with j − i ≤ k kept, the others 0
 * (PyTorch's `torch.tril(input, diagonal=k)`; batched over leading dims).
 *
 * Backward (TrilBackward0): out = x on the kept elements and 0 elsewhere, so ∂out/∂x is 1 on
 * the kept elements and 0 elsewhere: grad_x = tril(g, k).
 *
 * @example
 * ```ts
 * tril(ones([3, 3])) // tensor([[1., 0., 0.], [1., 1., 0.], [1., 1., 1.]])
 * tril(tensor([[1, 2, 3], [4, 5, 6]]), 1) // tensor([[1, 2, 0], [4, 5, 6]])
 * ```
 */
export function tril(x: Tensor, k = 0): Tensor {
  const out = triangle('tril', x, k, (diag) => diag > k);
  return record(out, 'TrilBackward0', [x], (g) => [tril(g, k)]);
}

/**
 * The upper triangle of the last two dims: elements (i, j) with j − i ≥ k kept, the others 0
 * (PyTorch's `torch.triu(input, diagonal=k)`; batched over leading dims).
 *
 * Backward (TriuBackward0): grad_x = triu(g, k), as for `tril`.
 *
 * @example
 * ```ts
 * triu(ones([3, 3])) // tensor([[1., 1., 1.], [0., 1., 1.], [0., 0., 1.]])
 * triu(tensor([[1, 2, 3], [4, 5, 6]]), 1) // tensor([[0, 2, 3], [0, 0, 6]])
 * ```
 */
export function triu(x: Tensor, k = 0): Tensor {
  const out = triangle('triu', x, k, (diag) => diag < k);
  return record(out, 'TriuBackward0', [x], (g) => [triu(g, k)]);
}
