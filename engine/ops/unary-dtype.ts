/**
 * The result dtype of a unary op, as PyTorch picks it: "floating" ops (log2, sin, rsqrt, …)
 * compute integers and bools in float32 (the default float type); ops that keep the dtype
 * (abs, floor, …) refuse bools where PyTorch has no bool kernel.
 */
import type { Tensor } from '../tensor.js';
import { isFloating, torchTypeName, type DType } from '../dtype.js';

/** float32/float64 stay; int32 and bool compute in float32. */
export function floatResult(x: Tensor): DType {
  return isFloating(x.dtype) ? x.dtype : 'float32';
}

/** Throw PyTorch's "not implemented for 'Bool'" error, naming the kernel, for a bool input. */
export function rejectBool(x: Tensor, kernel: string): void {
  if (x.dtype === 'bool') throw new TypeError(`"${kernel}" not implemented for '${torchTypeName(x.dtype)}' (convert with .int() or .float() first)`);
}
