/**
 * The backward of a row normalisation, `x / x.sum(-1, keepdim=True)` (the softmax's last step,
 * the lecture's `counts / counts.sum(1, keepdim=True)`), in one step of the walk.
 *
 * x has two consumers, the division and the sum, so its gradient has two contributions: the
 * division's g/y, and the sum's, grad_y broadcast back over each row. Step by step the walk
 * makes g/y (a full-size tensor), grad_y, then at the sum's node adds grad_y to every element of
 * the row in another full-size pass. When the division and the sum are x's only consumers and
 * the division is y's only consumer, nothing else can reach x's gradient in between, so the
 * division's node computes the sum in the same pass over the rows (`Node.absorbDivisorSum`,
 * `divBackwardRowSum` in `ops/arithmetic.ts`): the same float32 operations in the same order,
 * so the same bits; the sum's node then receives no gradient and is skipped. When x is the
 * output of `exp` (the softmax: `counts = logits.exp()`), the exp's backward, grad_x · x, is one
 * more float32 operation in the same pass, and the exp's node is skipped too.
 */
import { Node } from './node.js';
import type { Tensor } from '../tensor.js';

/**
 * How many edges of the walk's nodes lead to each node (its consumers in this graph).
 * @example consumerCounts(topologicalOrder(loss.gradFn!)) // Map { node → 2, … }
 */
export function consumerCounts(order: readonly Node[]): Map<Node, number> {
  const counts = new Map<Node, number>();
  for (const node of order) for (const next of node.next) if (next instanceof Node) counts.set(next, (counts.get(next) ?? 0) + 1);
  return counts;
}

/**
 * For a division's node `x / y`: x's node when y is the output of `x.sum(…, keepdim=True)`, the
 * division is y's only consumer (and y keeps no `.grad`), and the division and the sum are x's
 * only consumers, with no gradient for x received yet; otherwise null. (In the walk's depth-first
 * order a third consumer of x runs either before the division, so x has a gradient already, or
 * after the sum, where (a + b) + c is what the steps compute too; the count keeps the rule from
 * depending on that order.) (Whether y is one value
 * per row of x is the division's to check: `applyAbsorbingDivisorSum` returns null if not.)
 * @example absorbingTarget(divNode, consumerCounts(order), grads) // counts' node, or null
 */
export function absorbingTarget(node: Node, consumers: ReadonlyMap<Node, number>, grads: ReadonlyMap<Node, Tensor>): Node | null {
  if (node.absorbDivisorSum === null) return null;
  const [toX, toY] = node.next;
  if (!(toX instanceof Node) || !(toY instanceof Node)) return null;
  const sumOfX = toY.name === 'SumBackward1' && toY.inputs[0] === node.inputs[0] && toY.next[0] === toX;
  if (!sumOfX || toY.retained !== null || consumers.get(toY) !== 1 || consumers.get(toX) !== 2 || grads.has(toX)) return null;
  return toX;
}

/**
 * Whether the division's x is the output of `exp` whose backward (`grad_x · x`, ExpBackward0's
 * `g.mul(out)` with the output it saved) can be done in the same pass: x's node `target` is that
 * exp (its saved output is the division's x) and x keeps no `.grad`. The walk then hands the
 * product to the exp's input directly, and the exp's node gets no gradient.
 * @example absorbableExp(countsNode, divNode) // true for `counts = logits.exp(); counts / counts.sum(1, true)`
 */
export function absorbableExp(target: Node, division: Node): boolean {
  return target.name === 'ExpBackward0' && target.retained === null && target.saved.length === 1 && target.saved[0].tensor === division.inputs[0];
}
