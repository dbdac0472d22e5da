/**
 * Joining: `cat` (PyTorch's `torch.cat`) glues tensors end to end along an existing dim; `stack`
 * (`torch.stack`) lines up equal-shaped tensors along a new dim. Both copy into one new
 * contiguous tensor, of the promoted dtype of all inputs (`cat([int32, float32])` is float32).
 *
 * ```
 *   cat([a [2, 3], b [1, 3]], 0)   → [3, 3]: rows of a, then the row of b
 *   stack([a [2, 3], b [2, 3]], 0) → [2, 2, 3]: out[0] = a, out[1] = b
 * ```
 *
 * Each input is written into its region of the output (the output's strides, an offset along
 * `dim`), so the backward is the opposite cut: input i's gradient is the same region of g, a
 * view of g (no copy).
 */
import { Tensor } from '../tensor.js';
import { promoteTypes, type DType } from '../dtype.js';
import { contiguousStrides, formatShape, normalizeDim, numelOf } from '../shape.js';
import { Storage } from '../storage.js';
import { forEachRow } from '../iterate.js';
import { record } from '../autograd/node.js';

/** Check that `tensors` is a non-empty list of tensors, naming the op. */
function checkList(op: string, tensors: readonly Tensor[], empty: string): void {
  if (!Array.isArray(tensors)) throw new TypeError(`${op}: expected a list of Tensors, got ${tensors === null ? 'null' : typeof tensors}`);
  if (tensors.length === 0) throw new RangeError(empty);
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new TypeError(`${op}: expected a list of Tensors, but element ${i} is ${t === null ? 'null' : typeof t}`);
  });
}

/** The promoted dtype of all tensors (PyTorch's `result_type` over the list). */
function promotedDType(tensors: readonly Tensor[]): DType {
  return tensors.reduce<DType>((d, t) => promoteTypes(d, t.dtype), tensors[0].dtype);
}

/**
 * Copy `src` into `out`'s storage at the region with `src`'s shape, the given strides and
 * offset. Values are converted by the typed-array store (int32 → float keeps the value, float64
 * → float32 rounds), which is what PyTorch's cast does for the promotions `cat` makes.
 */
function copyInto(out: Tensor, strides: readonly number[], offset: number, src: Tensor): void {
  const od = out.storage.data, sd = src.storage.data;
  forEachRow(src.shape, [strides, src.strides], [offset, src.offset], (n, p0, s0, p1, s1) => {
    for (let i = 0; i < n; i++, p0 += s0, p1 += s1) od[p0] = sd[p1];
  });
}

/**
 * Concatenate tensors along `dim` (PyTorch's `torch.cat`). All inputs must have the same number
 * of dims and the same sizes except along `dim`; the result has the promoted dtype. As in
 * PyTorch, a 1-d empty tensor (shape `[0]`) is skipped whatever the others' shapes (a legacy
 * rule), and 0-d tensors cannot be concatenated.
 *
 * Backward (CatBackward0): out = [x₀ | x₁ | …] along dim, so ∂out/∂xᵢ picks xᵢ's block:
 * grad_xᵢ = g.narrow(dim, offsetᵢ, sizeᵢ).
 *
 * @example
 * ```ts
 * cat([tensor([[1, 2]]), tensor([[3, 4], [5, 6]])]) // tensor([[1, 2], [3, 4], [5, 6]])
 * cat([tensor([[1], [2]]), tensor([[3.5], [4.5]])], 1) // tensor([[1.0000, 3.5000], [2.0000, 4.5000]])
 * ```
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  checkList('cat', tensors, 'torch.cat(): expected a non-empty list of Tensors');
  tensors.forEach((t, i) => {
    if (t.ndim === 0) throw new RangeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const dtype = promotedDType(tensors);
  const skipped = (t: Tensor) => t.ndim === 1 && t.shape[0] === 0;
  const ref = tensors.find((t) => !skipped(t));
  if (ref === undefined) {
    // every input is the legacy empty [0]: the result is one too
    const out = new Tensor(Storage.alloc(dtype, 0), [0]);
    return record(out, 'CatBackward0', tensors, (g) => tensors.map(() => g));
  }
  const d = normalizeDim(dim, ref.ndim, 'cat');
  let total = 0;
  tensors.forEach((t, i) => {
    if (skipped(t)) return;
    if (t.ndim !== ref.ndim) throw new RangeError(`Tensors must have same number of dimensions: got ${ref.ndim} and ${t.ndim} (shapes ${formatShape(ref.shape)} and ${formatShape(t.shape)} at position ${i})`);
    for (let k = 0; k < t.ndim; k++) {
      if (k !== d && t.shape[k] !== ref.shape[k]) {
        throw new RangeError(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[k]} but got size ${t.shape[k]} for tensor number ${i} in the list ` +
            `(shapes ${formatShape(ref.shape)} and ${formatShape(t.shape)}).`,
        );
      }
    }
    total += t.shape[d];
  });
  const shape = [...ref.shape];
  shape[d] = total;
  const out = new Tensor(Storage.allocUnfilled(dtype, numelOf(shape)), shape); // every element is written
  const strides = contiguousStrides(shape);
  const starts: number[] = [];
  let start = 0;
  for (const t of tensors) {
    starts.push(start);
    if (skipped(t)) continue;
    copyInto(out, strides, start * strides[d], t);
    start += t.shape[d];
  }
  return record(out, 'CatBackward0', tensors, (g) => tensors.map((t, i) => (skipped(t) ? new Tensor(Storage.alloc(g.dtype, 0), [0]) : g.narrow(d, starts[i], t.shape[d]))));
}

/**
 * Stack equal-shaped tensors along a new dim `dim` (PyTorch's `torch.stack`; `dim` may be from
 * `-(ndim + 1)` to `ndim`). The result has the promoted dtype.
 *
 * Backward (StackBackward0): out.select(dim, i) = xᵢ, so grad_xᵢ = g.select(dim, i).
 *
 * @example
 * ```ts
 * stack([tensor([1, 2]), tensor([3, 4])]) // tensor([[1, 2], [3, 4]])
 * stack([tensor([1, 2]), tensor([3, 4])], 1) // tensor([[1, 3], [2, 4]])
 * ```
 */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  checkList('stack', tensors, 'stack expects a non-empty TensorList');
  const ref = tensors[0];
  tensors.forEach((t, i) => {
    if (t.ndim !== ref.ndim || t.shape.some((s, k) => s !== ref.shape[k])) {
      throw new RangeError(`stack expects each tensor to be equal size, but got ${formatShape(ref.shape)} at entry 0 and ${formatShape(t.shape)} at entry ${i}`);
    }
  });
  const d = normalizeDim(dim, ref.ndim + 1, 'stack');
  const shape = [...ref.shape];
  shape.splice(d, 0, tensors.length);
  const out = new Tensor(Storage.allocUnfilled(promotedDType(tensors), numelOf(shape)), shape); // every element is written
  const strides = contiguousStrides(shape);
  const inner = strides.filter((_, k) => k !== d); // out.select(dim, i)'s strides
  tensors.forEach((t, i) => copyInto(out, inner, i * strides[d], t));
  return record(out, 'StackBackward0', tensors, (g) => tensors.map((_, i) => g.select(d, i)));
}
