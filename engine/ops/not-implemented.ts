/**
 * PyTorch records a `NotImplemented` node for ops whose derivative it does not define
 * (`floor_divide`, `remainder(number, tensor)`): the forward works, and `backward()` through it
 * fails with a clear error. The same here.
 */
import type { Tensor } from '../tensor.js';
import { record } from '../autograd/node.js';

/** Record a node on `out` that throws "derivative for aten::<op> is not implemented" in backward. */
export function recordNotImplemented(out: Tensor, op: string, inputs: readonly (Tensor | number | null)[]): Tensor {
  return record(out, 'NotImplemented', inputs, () => {
    throw new Error(`derivative for aten::${op} is not implemented (the result of ${op} has no gradient; detach() its inputs)`);
  });
}
