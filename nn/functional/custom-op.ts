/**
 * Recording a functional op whose backward is written by hand (as the engine's own ops do),
 * through the engine's public `Node`: softplus and binaryCrossEntropy, and the fused nodes of
 * softmax, logSoftmax and nllLoss (PyTorch's fused kernels record one node with the closed-form
 * derivative instead of the tape of the composition; spec/nn/fused-nodes.spec.ts proves the
 * closed forms equal the composition). Saved tensors have their versions checked in backward.
 */
import { Node, type BackwardFn, type Tensor, isGradEnabled } from '../../engine/index.js';

/**
 * Attach a backward node named `name` to `out` when grad mode is on and an input requires grad
 * (the engine's `record`, for ops defined outside the engine). Returns `out`.
 *
 * @example recordOp(out, 'SoftplusBackward0', [x], (g) => [g.mul(slope)], [x])
 */
export function recordOp(out: Tensor, name: string, inputs: (Tensor | null)[], backward: BackwardFn, saved: Tensor[] = []): Tensor {
  if (!isGradEnabled() || !inputs.some((t) => t !== null && t.requiresGrad)) return out;
  out.setGradFn(new Node(name, inputs, backward, saved));
  return out;
}
