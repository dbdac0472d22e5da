/**
 * The checks every op taking an index tensor makes (gather, scatter, indexSelect, indexAdd_,
 * indexPut_): the index must be an int32 tensor (int32 is this engine's int64, PyTorch's index
 * type), and each index value must lie in its dim. Negative values count from the end only
 * where PyTorch allows them (advanced indexing, `indexPut_`); gather, scatter, indexSelect and
 * indexAdd_ refuse them, as PyTorch does.
 */
import { Tensor } from '../tensor.js';
import { formatShape } from '../shape.js';

/**
 * An int32 tensor, or an array of integers made into one; otherwise an error naming the op.
 * `what` names the argument in messages (`index`, `indices[1]`).
 */
export function indexTensor(op: string, index: unknown, what = 'index'): Tensor {
  if (Array.isArray(index)) {
    const vals = index as unknown[];
    if (vals.some((v) => typeof v !== 'number' || !Number.isInteger(v))) throw new TypeError(`${op}: ${what} must hold integers, got [${vals.map(String).join(', ')}]`);
    return Tensor.fromArray(Int32Array.from(vals as number[]), [vals.length], 'int32');
  }
  if (!(index instanceof Tensor)) throw new TypeError(`${op}: ${what} must be an int32 Tensor, got ${index === null ? 'null' : typeof index}`);
  if (index.dtype !== 'int32') {
    throw new TypeError(`${op}: expected dtype int32 for ${what} (this engine's int64), but got ${index.dtype} (convert with .int())`);
  }
  return index;
}

/**
 * The error for an index value outside its dim: `index 3 is out of bounds for dimension 1 with
 * size 3`, as PyTorch words it, with the op and the tensor's shape.
 */
export function outOfBounds(op: string, value: number, dim: number, size: number, shape: readonly number[]): RangeError {
  return new RangeError(`${op}: index ${value} is out of bounds for dimension ${dim} with size ${size} (tensor of shape ${formatShape(shape)})`);
}
