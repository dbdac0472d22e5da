/**
 * `oneHot(indices, numClasses)`: PyTorch's `F.one_hot`. Each integer i becomes a row of
 * `numClasses` zeros with a 1 at position i; the result is int32 with shape
 * `[...indices.shape, numClasses]` (notes N17: `.float()` it before feeding a net).
 */
import { Tensor } from '../tensor.js';
import { Storage } from '../storage.js';
import { simdOneHot } from '../fast/one-hot-rows.js';
import { isArenaArray, zeroArenaArray } from '../memory/arena.js';
import { deferRows, worthDeferring } from '../fast/table-rows.js';

/**
 * One-hot encode an integer tensor. `numClasses = -1` uses `max(indices) + 1`.
 * @example oneHot(tensor([0, 2]), 3) // tensor([[1, 0, 0], [0, 0, 1]])
 */
export function oneHot(indices: Tensor, numClasses = -1): Tensor {
  if (!(indices instanceof Tensor) || indices.dtype !== 'int32') {
    throw new TypeError(`one_hot is only applicable to index tensor (int32 here; got ${indices instanceof Tensor ? indices.dtype : typeof indices})`);
  }
  // the indices in row-major order: in place when contiguous (no copy of 228,146 values)
  const contiguous = indices.isContiguous();
  const vals = contiguous ? indices.storage.data : indices.toTypedArray();
  const from = contiguous ? indices.offset : 0;
  const count = indices.numel();
  // numClasses given: the kernel writes the rows and checks each index on the way (in range: done);
  // not for more elements than the arena can hold (its 1 GiB: the kernel works there only)
  const given = Number.isInteger(numClasses) && numClasses >= 1 && count * numClasses <= 2 ** 28;
  // a vector of indices, each in range: the rows of the identity, kept as table rows (fast/table-rows.ts)
  if (given && indices.ndim === 1 && worthDeferring('int32', count * numClasses, count, numClasses)) {
    const rows = identityRows(vals, from, count, numClasses);
    if (rows !== null) return rows;
  }
  const out = given ? Storage.allocUnfilled('int32', count * numClasses) : null; // every element is written
  if (out !== null && simdOneHot(out.data as Int32Array, vals, from, count, numClasses)) return new Tensor(out, [...indices.shape, numClasses]);
  // otherwise (no kernel, numClasses inferred or invalid, or an index out of range) the checks here
  let max = -1;
  for (let i = 0; i < count; i++) {
    const v = vals[from + i];
    if (v < 0) throw new RangeError(`one_hot: class values must be non-negative, got ${v} at position ${i}`);
    if (v > max) max = v;
  }
  let c = numClasses;
  if (c === -1) {
    if (count === 0) throw new RangeError('one_hot: can not infer total number of classes from empty tensor; pass numClasses');
    c = max + 1;
  }
  if (!Number.isInteger(c) || c < 1) throw new RangeError(`one_hot: numClasses must be a positive integer or -1, got ${numClasses}`);
  if (max >= c) throw new RangeError(`one_hot: class values must be smaller than num_classes (${c}), got ${max}`);
  const store = out ?? Storage.allocUnfilled('int32', count * c); // (out has c columns when given)
  const od = store.data as Int32Array;
  // zeros (memory.fill for an arena block: a typed array's fill is slow on shared memory), then the ones
  if (isArenaArray(od)) zeroArenaArray(od);
  else od.fill(0);
  for (let i = 0, row = 0; i < count; i++, row += c) od[row + vals[from + i]] = 1;
  return new Tensor(store, [...indices.shape, c]);
}

/**
 * `oneHot` of a vector of indices as table rows: row i is row `vals[from + i]` of the identity.
 * Null when an index is out of range (the caller's checks then make the error).
 */
function identityRows(vals: ArrayLike<number>, from: number, count: number, c: number): Tensor | null {
  const index = new Int32Array(count); // a copy: the rows must not change if the indices do
  for (let i = 0; i < count; i++) {
    const v = vals[from + i];
    if (!(v >= 0 && v < c)) return null;
    index[i] = v;
  }
  const eye = Storage.alloc('int32', c * c);
  for (let k = 0; k < c; k++) eye.data[k * c + k] = 1;
  return deferRows(new Tensor(eye, [c, c]), index);
}
