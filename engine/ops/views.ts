/**
 * Views: ops that return a tensor sharing the input's storage, changing only shape, strides and
 * offset (O(1), no copy; a write through the view is seen by the base). Each backward maps the
 * gradient back through the inverse rearrangement.
 *
 * ```
 *  x: shape [2, 3]  strides [3, 1]   x.transpose(0, 1): shape [3, 2]  strides [1, 3]
 *  x.expand(4, 2, 3):  shape [4, 2, 3]  strides [0, 3, 1]   (stride 0: every "copy" reads the same cells)
 * ```
 */
import { Tensor } from '../tensor.js';
import { contiguousStrides, formatShape, normalizeDim, numelOf, type Shape } from '../shape.js';
import { Storage } from '../storage.js';
import { forEachRow } from '../iterate.js';
import { record } from '../autograd/node.js';

/** Wrap a possibly negative dim (re-exported name used by Tensor). */
export const wrapDim = normalizeDim;

/** A view of `x`'s storage with new geometry. */
function viewOf(x: Tensor, shape: Shape, strides: readonly number[], offset: number): Tensor {
  const out = new Tensor(x.storage, shape, strides, offset, x.base ?? x);
  if (x.multiOutput !== null) out.multiOutput = { index: 0, recorded: x.multiOutput.recorded }; // a view of a split piece is one too
  return out;
}

/** Resolve one -1 in a requested shape against `numel`, with PyTorch's messages. */
export function inferShape(op: string, shape: readonly number[], numel: number, from: Shape): number[] {
  let infer = -1;
  let known = 1;
  shape.forEach((d, i) => {
    if (d === -1) {
      if (infer >= 0) throw new RangeError(`${op}: only one dimension can be inferred (-1), got shape ${formatShape(shape)}`);
      infer = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw new RangeError(`${op}: invalid shape dimension ${d} in ${formatShape(shape)}`);
    } else known *= d;
  });
  const out = [...shape];
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0) {
      throw new RangeError(`${op}: shape '${formatShape(shape)}' is invalid for input of size ${numel} (input shape ${formatShape(from)})`);
    }
    out[infer] = numel / known;
  } else if (known !== numel) {
    throw new RangeError(`${op}: shape '${formatShape(shape)}' is invalid for input of size ${numel} (input shape ${formatShape(from)})`);
  }
  return out;
}

/**
 * Strides that let `newShape` view memory laid out as (oldShape, oldStrides), or null when no
 * such strides exist (PyTorch's `computeStride`): dims can be merged or split only inside runs of
 * dimensions that are contiguous with each other.
 */
function viewStrides(oldShape: Shape, oldStrides: readonly number[], newShape: Shape): number[] | null {
  if (numelOf(oldShape) === 0 || oldShape.length === 0) return contiguousStrides(newShape);
  const newStrides = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  let chunkBase = oldStrides[oldStrides.length - 1];
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d];
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = oldStrides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1 ? newStrides : null;
}

/**
 * A view with a new shape (one size may be -1).
 * Backward: the gradient is reshaped back to the input's shape.
 */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape('view', shape, x.numel(), x.shape);
  const strides = viewStrides(x.shape, x.strides, target);
  if (strides === null) {
    throw new Error(
      `view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces): ` +
        `cannot view shape ${formatShape(x.shape)} with strides ${formatShape(x.strides)} as ${formatShape(target)}. Use .reshape(...) instead.`,
    );
  }
  const out = viewOf(x, target, strides, x.offset);
  return record(out, 'ViewBackward0', [x], (g) => [g.reshape(x.shape)]);
}

/**
 * A view when the layout allows it (PyTorch 1.13 names its node `ReshapeAliasBackward0`),
 * otherwise a contiguous copy reshaped (`UnsafeViewBackward0`).
 * Backward: the gradient reshaped back to the input's shape.
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape('reshape', shape, x.numel(), x.shape);
  const strides = viewStrides(x.shape, x.strides, target);
  if (strides !== null) {
    return record(viewOf(x, target, strides, x.offset), 'ReshapeAliasBackward0', [x], (g) => [g.reshape(x.shape)]);
  }
  const copy = copyContiguous(x);
  const out = new Tensor(copy.storage, target);
  return record(out, 'UnsafeViewBackward0', [x], (g) => [g.reshape(x.shape)]);
}

/**
 * Swap two dimensions.
 * Backward: swap them back.
 */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const a = normalizeDim(dim0, x.ndim, 'transpose');
  const b = normalizeDim(dim1, x.ndim, 'transpose');
  // a 0-d tensor is its own transpose, still recorded so that gradients flow through it
  if (x.ndim === 0) return record(viewOf(x, [], [], x.offset), 'TransposeBackward0', [x], (g) => [g]);
  const shape = [...x.shape];
  const strides = [...x.strides];
  [shape[a], shape[b]] = [shape[b], shape[a]];
  [strides[a], strides[b]] = [strides[b], strides[a]];
  const out = viewOf(x, shape, strides, x.offset);
  return record(out, 'TransposeBackward0', [x], (g) => [g.transpose(a, b)]);
}

/** `x.T`: the transpose of a tensor with at most 2 dimensions. */
export function t(x: Tensor): Tensor {
  if (x.ndim > 2 && !warnedT) {
    // PyTorch 1.13 reverses the dims with this warning (once per process)
    warnedT = true;
    console.warn(
      `UserWarning: The use of \`x.T\` on tensors of dimension other than 2 to reverse their shape is deprecated and it will throw an error in a future release ` +
        `(here: shape ${formatShape(x.shape)}). Use x.transpose(-2, -1) to transpose batches of matrices, or x.permute(...) to reverse the dimensions.`,
    );
  }
  // PyTorch's `.T` is a permute of the reversed dims (PermuteBackward0), for any number of dims
  return permute(x, x.shape.map((_, i) => x.ndim - 1 - i));
}

/** Whether `.T` on more than 2 dims already printed PyTorch's deprecation warning. */
let warnedT = false;

/**
 * Reorder dimensions: output dim i is input dim `dims[i]`.
 * Backward: permute by the inverse permutation.
 */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== x.ndim) {
    throw new RangeError(`permute: number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x.ndim} is not equal to len(dims) = ${dims.length}`);
  }
  const d = dims.map((k) => normalizeDim(k, x.ndim, 'permute'));
  if (new Set(d).size !== d.length) throw new RangeError(`permute: repeated dim in ${formatShape(dims)}`);
  const out = viewOf(x, d.map((k) => x.shape[k]), d.map((k) => x.strides[k]), x.offset);
  const inverse = new Array<number>(d.length);
  d.forEach((k, i) => (inverse[k] = i));
  return record(out, 'PermuteBackward0', [x], (g) => [g.permute(inverse)]);
}

/**
 * Broadcast to a larger shape without copying: stretched dims get stride 0. -1 keeps a size.
 * Backward: the gradient has the expanded shape; the engine sums it back over the stretched
 * dims (`sumToShape`), so the backward itself is the identity.
 */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  if (shape.length < x.ndim) {
    throw new RangeError(`expand: the number of sizes provided (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`);
  }
  const lead = shape.length - x.ndim;
  const outShape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    const want = shape[i];
    if (i < lead) {
      if (want === -1) throw new RangeError(`expand: the expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`);
      if (!Number.isInteger(want) || want < 0) throw new RangeError(`expand: invalid size ${want}`);
      outShape.push(want);
      strides.push(0);
      continue;
    }
    const have = x.shape[i - lead];
    const size = want === -1 ? have : want;
    if (size === have) {
      outShape.push(size);
      strides.push(x.strides[i - lead]);
    } else if (have === 1 && Number.isInteger(size) && size >= 0) {
      outShape.push(size);
      strides.push(0);
    } else {
      throw new RangeError(
        `The expanded size of the tensor (${size}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: ${formatShape(shape)}.  Tensor sizes: ${formatShape(x.shape)}`,
      );
    }
  }
  const out = viewOf(x, outShape, strides, x.offset);
  return record(out, 'ExpandBackward0', [x], (g) => [g]);
}

/**
 * Insert a size-1 dimension at `dim` (-1 appends).
 * Backward: squeeze it out again.
 */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.ndim + 1, 'unsqueeze');
  const shape = [...x.shape];
  const strides = [...x.strides];
  shape.splice(d, 0, 1);
  strides.splice(d, 0, d < x.ndim ? x.shape[d] * x.strides[d] : 1);
  const out = viewOf(x, shape, strides, x.offset);
  return record(out, 'UnsqueezeBackward0', [x], (g) => [g.reshape(x.shape)]);
}

/**
 * Remove size-1 dims: all of them, or only `dim` (a no-op if that dim's size is not 1, as in
 * PyTorch).
 * Backward: reshape to the input's shape.
 */
export function squeeze(x: Tensor, dim?: number): Tensor {
  const d = dim === undefined ? -1 : normalizeDim(dim, x.ndim, 'squeeze'); // checked also for a 0-d x (range [-1, 0])
  const keep = (i: number) => (dim === undefined ? x.shape[i] !== 1 : i !== d || x.shape[i] !== 1);
  const idx = x.shape.map((_, i) => i).filter(keep);
  const out = viewOf(x, idx.map((i) => x.shape[i]), idx.map((i) => x.strides[i]), x.offset);
  return record(out, dim === undefined ? 'SqueezeBackward0' : 'SqueezeBackward1', [x], (g) => [g.reshape(x.shape)]);
}

/** Check an index along a dim and wrap negatives. */
function wrapIndex(op: string, x: Tensor, dim: number, i: number): number {
  const size = x.shape[dim];
  if (!Number.isInteger(i)) throw new TypeError(`${op}: index must be an integer, got ${i}`);
  if (i < -size || i >= size) {
    throw new RangeError(`${op}: index ${i} is out of bounds for dimension ${dim} with size ${size} (tensor of shape ${formatShape(x.shape)})`);
  }
  return i < 0 ? i + size : i;
}

/** Zeros with `x`'s shape and `g`'s dtype, the gradient `g` written into the region `region(zeros)`. */
function scatterIntoZeros(x: Tensor, g: Tensor, region: (z: Tensor) => Tensor): Tensor {
  const z = new Tensor(Storage.alloc(g.dtype, x.numel()), x.shape);
  region(z).copy_(g);
  return z;
}

/**
 * The slice at index `i` along `dim`; the dim is removed. `x.select(0, 2)` is `x[2]`.
 * Backward: zeros of the input's shape with the gradient written into that slice.
 */
export function select(x: Tensor, dim: number, i: number): Tensor {
  if (x.ndim === 0) throw new RangeError('select() cannot be applied to a 0-dim tensor.');
  const d = normalizeDim(dim, x.ndim, 'select');
  const k = wrapIndex('select', x, d, i);
  const shape = [...x.shape];
  const strides = [...x.strides];
  shape.splice(d, 1);
  strides.splice(d, 1);
  const out = viewOf(x, shape, strides, x.offset + k * x.strides[d]);
  return record(out, 'SelectBackward0', [x], (g) => [scatterIntoZeros(x, g, (z) => select(z, d, k))]);
}

/**
 * `length` elements along `dim` from `start` (negative `start` counts from the end).
 * Backward: zeros of the input's shape with the gradient written into that range.
 */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  if (x.ndim === 0) throw new RangeError('narrow() cannot be applied to a 0-dim tensor.');
  const d = normalizeDim(dim, x.ndim, 'narrow');
  const size = x.shape[d];
  const s = start < 0 && start >= -size ? start + size : start;
  if (!Number.isInteger(s) || s < 0 || s > size) {
    throw new RangeError(`narrow: start (${start}) is out of range for dimension ${d} of size ${size} (shape ${formatShape(x.shape)})`);
  }
  if (!Number.isInteger(length) || length < 0 || s + length > size) {
    throw new RangeError(`narrow: start (${s}) + length (${length}) exceeds dimension size (${size}) of dimension ${d} (shape ${formatShape(x.shape)})`);
  }
  return sliceDim(x, d, s, s + length, 1);
}

/**
 * Python-style `x[start:end:step]` along `dim`, with Python's clamping of out-of-range bounds.
 * Backward: zeros of the input's shape with the gradient written into the sliced positions.
 */
export function sliceDim(x: Tensor, dim: number, start: number | null, end: number | null, step: number): Tensor {
  if (x.ndim === 0) throw new RangeError('slicing cannot be applied to a 0-dim tensor.');
  const d = normalizeDim(dim, x.ndim, 'slice');
  if (!Number.isInteger(step) || step <= 0) throw new RangeError(`slice step must be a positive integer, got ${step}`);
  const size = x.shape[d];
  const clamp = (v: number | null, dflt: number) => {
    if (v === null) return dflt;
    if (!Number.isInteger(v)) throw new TypeError(`slice bounds must be integers or null, got ${v}`);
    const w = v < 0 ? v + size : v;
    return Math.min(Math.max(w, 0), size);
  };
  const s = clamp(start, 0);
  const e = Math.max(clamp(end, size), s);
  const len = Math.ceil((e - s) / step);
  const shape = [...x.shape];
  const strides = [...x.strides];
  shape[d] = len;
  strides[d] = x.strides[d] * step;
  const out = viewOf(x, shape, strides, x.offset + s * x.strides[d]);
  return record(out, 'SliceBackward0', [x], (g) => [scatterIntoZeros(x, g, (z) => sliceDim(z, d, s, e, step))]);
}

/** A contiguous row-major copy of `x`'s values (no autograd). */
export function copyContiguous(x: Tensor): Tensor {
  const out = Storage.alloc(x.dtype, x.numel());
  const od = out.data;
  const xd = x.storage.data;
  let k = 0;
  forEachRow(x.shape, [x.strides], [x.offset], (n, p, s) => {
    if (s === 1) {
      od.set(xd.subarray(p, p + n), k);
      k += n;
    } else for (let i = 0; i < n; i++, p += s) od[k++] = xd[p];
  });
  return new Tensor(out, x.shape);
}

/**
 * A contiguous copy. d clone(x)/dx = identity  →  grad = g.
 * (A copy of the whole of a deferred storage, not written out yet, is another deferred storage
 * with the same recipe, written when read: a recipe's sources never change, fast/table-rows.ts.)
 */
export function clone(x: Tensor): Tensor {
  const recipe = x.storage.recipe;
  const whole = recipe !== null && x.offset === 0 && x.isContiguous() && x.numel() === x.storage.length;
  const copy = whole ? new Tensor(Storage.deferred(x.dtype, x.numel(), recipe), x.shape) : copyContiguous(x);
  return record(copy, 'CloneBackward0', [x], (g) => [g]);
}

/** `x` itself when already contiguous, else a contiguous copy (recorded as a clone). */
export function contiguous(x: Tensor): Tensor {
  return x.isContiguous() ? x : clone(x);
}
