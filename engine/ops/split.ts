/**
 * Splitting: `split` (PyTorch's `Tensor.split`) and `chunk` (`Tensor.chunk`) cut a tensor into
 * consecutive pieces along a dim. Each piece is a VIEW (same storage, an offset along the dim),
 * as in PyTorch, so a write into the input shows in the pieces and the pieces cost no copy.
 *
 * ```
 *   arange(10).split(3)       → [0 1 2] [3 4 5] [6 7 8] [9]      (the last piece may be shorter)
 *   arange(10).split([2, 8])  → [0 1] [2 … 9]
 *   arange(10).chunk(3)       → [0 1 2 3] [4 5 6 7] [8 9]         (pieces of ceil(10 / 3) = 4)
 * ```
 *
 * Autograd: PyTorch records ONE node with several outputs; this engine's nodes have one output,
 * so every piece gets a node of its own with the same name (SplitBackward0, or
 * SplitWithSizesBackward0 for a list of sizes). The gradients reaching the input are the same.
 */
import { Tensor } from '../tensor.js';
import { formatShape, normalizeDim } from '../shape.js';
import { Storage } from '../storage.js';
import { record } from '../autograd/node.js';
import { isGradEnabled } from '../autograd/grad-mode.js';

/**
 * The piece `[start, start + length)` of `x` along `d`, as a view recorded under `name`.
 * Backward: out = x.narrow(d, start, length), so ∂out/∂x is 1 on that block and 0 elsewhere:
 * grad_x = zeros of x's shape with g written into the block.
 */
function piece(x: Tensor, d: number, start: number, length: number, name: string, index: number): Tensor {
  const shape = [...x.shape];
  shape[d] = length;
  const out = new Tensor(x.storage, shape, x.strides, x.offset + start * x.strides[d], x.base ?? x);
  // one of several views: PyTorch refuses recorded in-place writes through it (inplace.ts)
  out.multiOutput = { index, recorded: isGradEnabled() && x.requiresGrad };
  return record(out, name, [x], (g) => {
    const gx = new Tensor(Storage.alloc(g.dtype, x.numel()), x.shape);
    gx.narrow(d, start, length).copy_(g);
    return [gx];
  });
}

/**
 * Split `x` along `dim` into views: pieces of `size` elements (the last one shorter when `size`
 * does not divide the dim), or pieces of the listed sizes, which must add up to the dim's size
 * (PyTorch's `Tensor.split(split_size_or_sections, dim)`). A size of 0 is allowed only for an
 * empty dim.
 *
 * Backward (SplitBackward0 / SplitWithSizesBackward0): piece k is x.narrow(dim, startₖ, sizeₖ),
 * so its gradient is zeros of x's shape with g in that block; the pieces' gradients add up.
 *
 * @example
 * ```ts
 * arange(5).split(2) // [tensor([0, 1]), tensor([2, 3]), tensor([4])]
 * arange(5).split([1, 4]) // [tensor([0]), tensor([1, 2, 3, 4])]
 * ```
 */
export function split(x: Tensor, sizeOrSizes: number | readonly number[], dim = 0): Tensor[] {
  if (x.ndim === 0) throw new RangeError('split expects at least a 1-dimensional tensor');
  const d = normalizeDim(dim, x.ndim, 'split');
  const size = x.shape[d];
  if (typeof sizeOrSizes === 'number') {
    const s = sizeOrSizes;
    if (!Number.isInteger(s)) throw new TypeError(`split: split_size must be an integer, got ${s}`);
    if (s < 0) throw new RangeError(`split expects split_size be non-negative, but got split_size=${s}`);
    if (s === 0 && size !== 0) throw new RangeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`);
    const count = s === 0 ? 1 : Math.max(Math.ceil(size / s), 1);
    const out: Tensor[] = [];
    for (let k = 0; k < count; k++) out.push(piece(x, d, k * s, Math.min(s, size - k * s), 'SplitBackward0', k));
    return out;
  }
  if (!Array.isArray(sizeOrSizes)) throw new TypeError(`split: expected a size or a list of sizes, got ${typeof sizeOrSizes}`);
  const sizes = sizeOrSizes as readonly number[];
  if (sizes.some((s) => !Number.isInteger(s))) throw new TypeError(`split: split_sizes must be integers, got [${sizes.join(', ')}]`);
  if (sizes.some((s) => s < 0)) throw new RangeError(`split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[${sizes.join(', ')}]`);
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (sum !== size) {
    throw new RangeError(
      `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=[${sizes.join(', ')}] (input shape ${formatShape(x.shape)})`,
    );
  }
  const out: Tensor[] = [];
  let start = 0;
  for (const s of sizes) {
    out.push(piece(x, d, start, s, 'SplitWithSizesBackward0', out.length));
    start += s;
  }
  return out;
}

/**
 * Split `x` along `dim` into at most `chunks` views of `ceil(size / chunks)` elements each (the
 * last one shorter), as PyTorch's `Tensor.chunk`: there may be fewer than `chunks` pieces
 * (`arange(6).chunk(4)` gives 3 pieces of 2). An empty dim gives `chunks` empty pieces.
 *
 * Backward (SplitBackward0, as in PyTorch, where chunk is a split; SplitWithSizesBackward0 for an
 * empty dim): see `split`.
 *
 * @example arange(6).chunk(4) // [tensor([0, 1]), tensor([2, 3]), tensor([4, 5])]
 */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks)) throw new TypeError(`chunk: chunks must be an integer, got ${chunks}`);
  if (x.ndim === 0) throw new RangeError('chunk expects at least a 1-dimensional tensor');
  if (chunks <= 0) throw new RangeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = normalizeDim(dim, x.ndim, 'chunk');
  const size = x.shape[d];
  if (size === 0) return Array.from({ length: chunks }, (_, k) => piece(x, d, 0, 0, 'SplitWithSizesBackward0', k));
  return split(x, Math.ceil(size / chunks), d);
}
