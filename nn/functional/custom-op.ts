/**
 * Recording a functional op whose forward is a plain loop and whose backward is written by hand
 * (as the engine's own ops do), through the engine's public `Node`.
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
