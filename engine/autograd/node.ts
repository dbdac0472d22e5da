/**
 * A node of the tape: the record an op leaves on its output so that backward can run it in
 * reverse. It holds the op's inputs (the edges of the graph), the tensors the derivative needs
 * (saved, each with the version it had when saved) and the backward function written
 * beside the op's forward.
 */
import type { Tensor } from '../tensor.js';
import { isGradEnabled } from './grad-mode.js';

/**
 * Given the gradient of the loss with respect to the op's output (same shape as the output),
 * return the gradient with respect to each input, in the order of `inputs` (null where an input
 * needs none). A gradient may have the broadcast (output) shape: the engine sums it back to the
 * input's shape in one place (`sumToShape`).
 */
export type BackwardFn = (grad: Tensor) => (Tensor | null)[];

/** A tensor saved for backward, with the version it had at that moment. */
export interface SavedTensor {
  /** The tensor. */
  readonly tensor: Tensor;
  /** Its version when it was saved. */
  readonly version: number;
}

/**
 * One recorded op. `name` follows PyTorch's (`MulBackward0`, `MeanBackward0`, …).
 * @example tensor([1, 2], { dtype: 'float32', requiresGrad: true }).exp().gradFn instanceof Node // true
 */
export class Node {
  /** PyTorch-style name of the backward function, e.g. `MeanBackward0`. */
  readonly name: string;
  /** The op's tensor inputs (null for plain numbers). */
  readonly inputs: readonly (Tensor | null)[];
  /**
   * Where each input's gradient goes, fixed when the op ran (PyTorch's `next_functions`): the
   * node that produced the input, the input itself if it is a leaf that requires grad, or null.
   * Fixed at record time so that a later in-place op on an input (which gives the input a new
   * node) does not reroute the gradients of ops that used the old value.
   */
  readonly next: readonly (Node | Tensor | null)[];
  /** Tensors the derivative needs; empty after the graph is released. */
  saved: SavedTensor[];
  /** Set by `Tensor.retainGrad()`: the output tensor that wants its `.grad` kept. */
  retained: Tensor | null = null;
  /**
   * Set by `div` on `x / y`: the whole gradient of x when y is `x.sum(-1, keepdim=True)` and the
   * division and that sum are x's only consumers (the division's and the sum's contributions in
   * one pass, the same bits as the two steps), times `factor` element by element when given (the
   * gradient through exp, `x = exp(z)`: the factor is x), or null when the shapes do not allow it. The walk
   * decides when it applies (`autograd/row-normalise.ts`) and calls it through
   * `applyAbsorbingDivisorSum`.
   */
  absorbDivisorSum: ((grad: Tensor, factor: Tensor | null) => Tensor | null) | null = null;
  private backwardFn: BackwardFn | null;

  constructor(name: string, inputs: readonly (Tensor | null)[], backward: BackwardFn, saved: readonly Tensor[]) {
    this.name = name;
    this.inputs = inputs;
    this.next = inputs.map((t) => (t && t.requiresGrad ? t.gradFn ?? t : null));
    this.backwardFn = backward;
    this.saved = saved.map((t) => ({ tensor: t, version: t.version }));
  }

  /**
   * True once backward ran without `retainGraph` and freed this node's saved tensors (a node
   * that saved nothing is never released).
   * @example
   * ```ts
   * const y = tensor([1, 2], { dtype: 'float32', requiresGrad: true }).exp();
   * y.sum().backward(); y.gradFn?.released // true (exp saved its output; the sum's node saved nothing: not released)
   * ```
   */
  get released(): boolean {
    return this.backwardFn === null;
  }

  /**
   * Run the backward function after checking that nothing saved was modified in place.
   * @example
   * ```ts
   * const y = tensor([1, 2], { dtype: 'float32', requiresGrad: true }).mul(3);
   * y.gradFn?.apply(ones([2]))[0] // tensor([3., 3.]): the gradient for the first input
   * ```
   */
  apply(grad: Tensor): (Tensor | null)[] {
    this.assertUsable();
    return this.backwardFn!(grad);
  }

  /**
   * `absorbDivisorSum` (see there) after the same checks as `apply`: x's whole gradient (times
   * `factor` element by element, when given), or null.
   * @example
   * ```ts
   * const x = tensor([[1, 3]], { dtype: 'float32', requiresGrad: true }).mul(1);
   * x.div(x.sum(-1, true)).gradFn?.applyAbsorbingDivisorSum(ones([1, 2])) // tensor([[0., 0.]])
   * ```
   */
  applyAbsorbingDivisorSum(grad: Tensor, factor: Tensor | null = null): Tensor | null {
    const absorb = this.absorbDivisorSum;
    if (absorb === null) return null;
    this.assertUsable();
    return absorb(grad, factor);
  }

  /**
   * Throw if the graph was freed here (a second backward without `retainGraph`) or a saved
   * tensor was modified in place since it was saved: what `apply` checks before it runs.
   * @example y.gradFn?.assertUsable() // throws after y's graph was freed
   */
  assertUsable(): void {
    if (this.backwardFn === null) {
      throw new Error(
        `Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed): ` +
          `${this.name}'s saved tensors were freed by the first backward(). Call backward({ retainGraph: true }) the first time if you need to backward twice.`,
      );
    }
    for (const s of this.saved) {
      if (s.tensor.version !== s.version) {
        throw new Error(
          `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
            `[${s.tensor.dtype} tensor of shape [${s.tensor.shape.join(', ')}]], saved by ${this.name}, is at version ${s.tensor.version}; expected version ${s.version} instead. ` +
            `Use an out-of-place op (or clone()) instead of modifying it in place before backward().`,
        );
      }
    }
  }

  /**
   * Free the saved tensors and, if there were any, the backward function (after a backward
   * without retainGraph). A node that saved nothing stays usable, as in PyTorch.
   * @example
   * ```ts
   * const y = tensor([1, 2], { dtype: 'float32', requiresGrad: true }).exp();
   * y.gradFn?.release(); // what backward() does unless retainGraph: backward through y now throws
   * ```
   */
  release(): void {
    // a node that saved nothing has nothing to free: like PyTorch, backward may run through it again
    if (this.saved.length > 0) {
      this.backwardFn = null;
      this.absorbDivisorSum = null;
    }
    this.saved = [];
  }
}

/** True when grad mode is on and at least one of the inputs requires grad. */
export function needsGrad(...inputs: (Tensor | number | null | undefined)[]): boolean {
  if (!isGradEnabled()) return false;
  for (const t of inputs) if (t !== null && typeof t === 'object' && t.requiresGrad) return true;
  return false;
}

/**
 * Attach a backward node to `out` if any input requires grad (and grad mode is on). Called by
 * every differentiable op right after its forward computation; returns `out`.
 */
export function record(
  out: Tensor,
  name: string,
  inputs: readonly (Tensor | number | null)[],
  backward: BackwardFn,
  saved: readonly Tensor[] = [],
): Tensor {
  if (!needsGrad(...inputs)) return out;
  const edges = inputs.map((t) => (t !== null && typeof t === 'object' ? t : null));
  out.setGradFn(new Node(name, edges, backward, saved));
  return out;
}
