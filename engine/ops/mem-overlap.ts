/**
 * Memory overlap between two tensors that may share a storage (PyTorch's `get_overlap_status`,
 * `assert_no_partial_overlap`, `assert_no_internal_overlap` in ATen's MemoryOverlap.cpp).
 *
 * An in-place op reads its operand while it writes its target. When both look at the same cells
 * in the same order (`x.add_(x)`), each element is read before it is written: fine. When they
 * look at the same cells in a different order (`x.add_(x.T)`), or at shifted cells
 * (`a.narrow(0, 1, 4).copy_(a.narrow(0, 0, 4))`), an element may be read after an earlier step
 * of the loop overwrote it, and the result depends on the loop order: PyTorch refuses. All
 * checks are O(ndim) on shape, strides and offset, never per element.
 *
 * ```
 *  storage  [ 0 1 2 3 4 ]
 *  target       [1 2 3 4]   a.narrow(0, 1, 4)   ranges intersect, not the same cells in
 *  operand    [0 1 2 3]     a.narrow(0, 0, 4)   the same order  →  'partial'
 * ```
 */
import type { Tensor } from '../tensor.js';

/**
 * How two tensors' memory relates: `'no'` (disjoint, or different storages), `'full'` (the same
 * cells in the same order), `'partial'` (some shared cells, in another order or shifted),
 * `'tooHard'` (a tensor has gaps or repeats, so the ranges alone cannot tell; PyTorch lets such
 * ops run, this engine copies the operand first: `readableOperand`).
 */
export type MemOverlap = 'no' | 'full' | 'partial' | 'tooHard';

/**
 * True when the elements fill a block of memory with no gaps and no repeats, in some order of the
 * dims (PyTorch's `is_non_overlapping_and_dense`): a contiguous tensor, its transpose, a permute.
 * @example isNonOverlappingAndDense(zeros([2, 3]).T) // true
 */
export function isNonOverlappingAndDense(t: Tensor): boolean {
  const n = t.ndim;
  if (n === 0) return true;
  if (n === 1) return t.shape[0] < 2 || t.strides[0] === 1;
  const dims: number[] = [];
  for (let d = 0; d < n; d++) if (t.shape[d] !== 1) dims.push(d);
  dims.sort((a, b) => t.strides[a] - t.strides[b] || a - b);
  let expected = 1;
  for (const d of dims) {
    if (t.strides[d] !== expected) return false;
    expected *= t.shape[d];
  }
  return true;
}

/** First and one-past-last storage position an element of `t` occupies (strides are ≥ 0 here). */
function extent(t: Tensor): [number, number] {
  let end = t.offset + 1;
  for (let d = 0; d < t.ndim; d++) end += (t.shape[d] - 1) * t.strides[d];
  return [t.offset, end];
}

function sameGeometry(a: Tensor, b: Tensor): boolean {
  if (a.offset !== b.offset || a.ndim !== b.ndim) return false;
  for (let d = 0; d < a.ndim; d++) if (a.shape[d] !== b.shape[d] || a.strides[d] !== b.strides[d]) return false;
  return true;
}

/**
 * How the memory of `a` and `b` overlaps (see `MemOverlap`), PyTorch's `get_overlap_status`.
 * @example memOverlap(x, x.T) // 'partial' for a square 2-D x
 */
export function memOverlap(a: Tensor, b: Tensor): MemOverlap {
  if (a === b) return 'full';
  if (a.storage !== b.storage) return 'no';
  if (a.numel() === 0 || b.numel() === 0) return 'no';
  const [a0, a1] = extent(a);
  const [b0, b1] = extent(b);
  if (a1 <= b0 || b1 <= a0) return 'no'; // disjoint ranges: no shared cell whatever the layout
  if (sameGeometry(a, b)) return 'full';
  if (!isNonOverlappingAndDense(a) || !isNonOverlappingAndDense(b)) return 'tooHard';
  // both dense: the same range with other strides, or intersecting ranges
  return 'partial';
}

/**
 * PyTorch's `assert_no_partial_overlap`: throw when the written-to `target` and the operand
 * `input` share memory in a different order. Nothing has been written when it throws.
 * @example assertNoPartialOverlap('add_', x, x.T) // throws: clone() the operand first
 */
export function assertNoPartialOverlap(op: string, target: Tensor, input: Tensor): void {
  if (memOverlap(target, input) === 'partial') {
    throw new Error(
      `${op}: unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. ` +
        `Please clone() the tensor before performing the operation. (target: shape [${target.shape.join(', ')}], strides [${target.strides.join(', ')}], offset ${target.offset}; ` +
        `input: shape [${input.shape.join(', ')}], strides [${input.strides.join(', ')}], offset ${input.offset})`,
    );
  }
}

/**
 * PyTorch's `assert_no_internal_overlap`: throw when several elements of the written-to tensor
 * are one memory cell (an `expand`ed view: a stride 0 on a dim of size > 1). An empty tensor has
 * no elements, so nothing overlaps.
 * @example assertNoInternalOverlap('add_', tensor([1]).expand(3)) // throws
 */
export function assertNoInternalOverlap(op: string, target: Tensor): void {
  let stretched = false;
  for (let i = 0; i < target.ndim; i++) {
    if (target.shape[i] === 0) return;
    if (target.strides[i] === 0 && target.shape[i] > 1) stretched = true;
  }
  if (stretched) {
    throw new Error(
      `${op}: unsupported operation: more than one element of the written-to tensor refers to a single memory location ` +
        `(shape [${target.shape.join(', ')}], strides [${target.strides.join(', ')}]). Please clone() the tensor before performing the operation.`,
    );
  }
}
