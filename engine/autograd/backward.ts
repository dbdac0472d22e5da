/**
 * backward(): reverse-mode differentiation over the recorded graph.
 *
 * 1. Topological sort of the nodes reachable from the output, iteratively (an explicit stack, so
 *    a 100,000-op chain does not overflow the call stack).
 * 2. Walk the nodes from the output back to the leaves. Each node gets the sum of the gradients
 *    its output received (a tensor used twice gets two contributions: gradients ACCUMULATE).
 *    Its backward function turns that into gradients for its inputs; the engine sums each one
 *    back to the input's shape (`sumToShape`, the one place broadcasting is undone) and
 *    converts it to the input's dtype (mixed float32/float64 ops).
 * 3. Leaves accumulate into `.grad` (`+=`, across backward calls too, until `grad = null`), once
 *    the whole walk has succeeded: a backward that raises changes no `.grad`.
 * 4. Memory: each node's step returns the gradients it used up; `memory.giveBack` returns
 *    their buffers to the pool unless a pending gradient shares them (`memory/backward-memory.ts`).
 *    Once the walk has freed the graph (no `retainGraph`), the forward tensors a `tidy` handed to
 *    it go back too (`memory/graph-memory.ts`).
 * 5. One shortcut: the backward of a softmax's `x / x.sum(-1, keepdim=True)` (and of the
 *    `x = exp(z)` before it) in one step, when nothing else can see the gradients in between
 *    (`row-normalise.ts`): the same bits as the steps one by one.
 *
 * Everything runs with grad mode off: gradients do not record graphs of their own.
 */
import { Tensor } from '../tensor.js';
import { formatShape, sameShape } from '../shape.js';
import { noGrad } from './grad-mode.js';
import { Node } from './node.js';
import { sumToShape } from './sum-to-shape.js';
import { absorbableExp, absorbingTarget, consumerCounts } from './row-normalise.js';
import { keepGrad, openBackwardMemory, type BackwardMemory } from '../memory/backward-memory.js';
import { releaseGraphMemory } from '../memory/graph-memory.js';

/** Options of `Tensor.backward`. */
export interface BackwardOptions {
  /** Keep saved tensors so backward can run through this graph again (default false). */
  retainGraph?: boolean;
}

/** The nodes reachable from `root`, each after all nodes that consume its output (root first). */
export function topologicalOrder(root: Node): Node[] {
  const post: Node[] = [];
  const visited = new Set<Node>([root]);
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [node, i] = top;
    if (i < node.inputs.length) {
      top[1]++;
      const next = node.next[i];
      if (next instanceof Node && !visited.has(next)) {
        visited.add(next);
        stack.push([next, 0]);
      }
    } else {
      stack.pop();
      post.push(node); // all inputs done: post-order
    }
  }
  return post.reverse();
}


function accumulateLeaf(leaf: Tensor, g: Tensor): void {
  if (leaf.grad === null) leaf.grad = g.clone(); // own the memory: g may be shared with others
  else addIntoGrad(leaf, g);
  keepGrad(leaf.grad!); // a leaf's .grad outlives backward (and any tidy around it)
}

/**
 * `leaf.grad += g`: in place, as PyTorch's AccumulateGrad does (`variable_grad += new_grad`), so
 * that a tensor that holds the old `.grad` (`const gw = w.grad`) sees the sum, as in PyTorch:
 * also a `.grad` set by hand to a strided view (`w.grad = buf.T`: the sum lands in `buf`) or to
 * a tensor that requires grad. The `grad` setter has checked that it has the leaf's dtype and
 * shape and is not the leaf itself. An `expand`ed `.grad`, whose elements share memory, cannot
 * take the sum in place: PyTorch raises there; the engine, which writes the leaves' gradients
 * after the walk, replaces it by a new tensor holding the sum (a backward that raised midway
 * would leave some leaves written and others not).
 */
function addIntoGrad(leaf: Tensor, g: Tensor): void {
  const grad = leaf.grad!;
  const stretched = grad.shape.some((n, d) => n > 1 && grad.strides[d] === 0);
  if (!stretched) grad.add_(g);
  else leaf.grad = grad.add(g);
}

/**
 * One step of the walk: `node`'s backward function turns `g` into its inputs' gradients, which
 * `distribute` hands on. Returns the gradients the step used up (for the memory).
 */
function propagate(node: Node, g: Tensor, grads: Map<Node, Tensor>, leafGrads: Map<Tensor, Tensor>, memory: BackwardMemory, consumers: ReadonlyMap<Node, number>): Tensor[] {
  // x / x.sum(-1, keepdim=True): x's whole gradient at once, the sum's node then gets none; and
  // when x = exp(z), z's gradient too, the exp's node then gets none (`row-normalise.ts`)
  const target = absorbingTarget(node, consumers, grads);
  if (target !== null) {
    const throughExp = absorbableExp(target, node);
    if (throughExp) {
      // the steps' order of checks: the division's saved tensors (x too) before the exp's, so that
      // x modified in place is reported as saved by DivBackward0, as the walk step by step does
      node.assertUsable();
      target.assertUsable();
    }
    const [gx] = memory.step(() => [node.applyAbsorbingDivisorSum(g, throughExp ? node.inputs[0] : null)]);
    if (gx !== null) {
      if (!throughExp) grads.set(target, gx);
      return throughExp ? [g, ...distribute(target, g, [gx], grads, leafGrads, memory)] : [g];
    }
  }
  const inputGrads = memory.step(() => node.apply(g));
  return [g, ...distribute(node, g, inputGrads, grads, leafGrads, memory)];
}

/**
 * Hand `node`'s input gradients on: each is summed back to its input's shape, converted to its
 * dtype, and added to what its target (a node in `grads`, or a leaf in `leafGrads`) has
 * received. `g` is the gradient the step started from. Returns the gradients used up.
 */
function distribute(node: Node, g: Tensor, inputGrads: (Tensor | null)[], grads: Map<Node, Tensor>, leafGrads: Map<Tensor, Tensor>, memory: BackwardMemory): Tensor[] {
  const usedUp: Tensor[] = [];
  node.next.forEach((target, i) => {
    const gi = inputGrads[i];
    const input = node.inputs[i];
    if (!target || !input || !gi) return;
    // an op on mixed float dtypes (float32 · float64 → float64) computes its gradients in the
    // result's dtype; each input gets its own dtype back, as PyTorch's engine does
    const summed = sumToShape(gi, input.shape);
    const reduced = summed.dtype === input.dtype ? summed : summed.to(input.dtype);
    usedUp.push(gi, summed, reduced);
    if (target instanceof Node) {
      // a second contribution: prev + reduced, into prev's own memory when nothing else shares
      // it (the same sums, element by element, without a new full-size tensor)
      const prev = grads.get(target);
      if (prev === undefined) grads.set(target, reduced);
      else if (memory.ownsAlone(prev, [g, ...inputGrads, summed, reduced, ...grads.values()])) prev.add_(reduced);
      else {
        usedUp.push(prev); // replaced by prev + reduced
        grads.set(target, prev.add(reduced));
      }
    } else {
      const prevLeaf = leafGrads.get(target);
      leafGrads.set(target, prevLeaf ? prevLeaf.add(reduced) : reduced.clone()); // own the memory
    }
  });
  return usedUp;
}

/** Run backward from `root` (see the file comment). */
export function runBackward(root: Tensor, gradient: Tensor | undefined, options: BackwardOptions): void {
  if (!root.requiresGrad) {
    throw new Error('element 0 of tensors does not require grad and does not have a grad_fn (did you create the parameters with requiresGrad: true, and compute the loss outside noGrad?)');
  }
  let g0: Tensor;
  if (gradient === undefined) {
    if (root.numel() !== 1) {
      throw new Error(`grad can be implicitly created only for scalar outputs; this tensor has shape ${formatShape(root.shape)}: call backward(gradient) with a gradient of that shape`);
    }
    g0 = Tensor.fromArray(root.dtype === 'float64' ? new Float64Array([1]) : new Float32Array([1]), root.shape);
  } else {
    if (!sameShape(gradient.shape, root.shape)) {
      throw new RangeError(`backward: Mismatch in shape: grad_output[0] has a shape of ${formatShape(gradient.shape)} and output[0] has a shape of ${formatShape(root.shape)}.`);
    }
    g0 = gradient.detach();
  }
  noGrad(() => {
    const rootNode = root.gradFn;
    if (rootNode === null) {
      accumulateLeaf(root, g0);
      return;
    }
    const order = topologicalOrder(rootNode);
    const grads = new Map<Node, Tensor>([[rootNode, g0]]);
    const consumers = consumerCounts(order);
    // the leaves' and retained tensors' gradients are written only once the whole walk has
    // succeeded: a backward that raises (a version error in a later node) leaves every .grad as it
    // was, instead of holding part of a gradient (PyTorch sums a leaf's contributions before its
    // AccumulateGrad too: G + (g1 + g2))
    const leafGrads = new Map<Tensor, Tensor>();
    const retainedGrads = new Map<Tensor, Tensor>();
    let completed = false;
    const memory = openBackwardMemory(); // the large gradients allocated from here on are ours
    try {
      for (const node of order) {
        const g = grads.get(node);
        grads.delete(node);
        if (g === undefined) continue; // no gradient reached this node
        if (node.retained) retainedGrads.set(node.retained, g.clone());
        const usedUp = propagate(node, g, grads, leafGrads, memory, consumers);
        memory.giveBack(usedUp, grads.values());
      }
      completed = true;
    } finally {
      memory.close();
      if (!options.retainGraph) {
        for (const node of order) node.release();
        releaseGraphMemory(order); // forward memory a tidy handed to this graph: nothing can use it now
      }
    }
    if (!completed) return;
    for (const [t, g] of retainedGrads) t.grad = t.grad ? t.grad.add(g) : g;
    for (const [leaf, g] of leafGrads) {
      if (leaf.grad === null) leaf.grad = g;
      else addIntoGrad(leaf, g);
      keepGrad(leaf.grad!); // a leaf's .grad outlives backward (and any tidy around it)
    }
  });
}
