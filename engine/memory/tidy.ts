/**
 * `tidy(fn)` and `keep(t)`: explicit lifetimes for the large tensors of one piece of work (one
 * training step, say), so their memory is reused instead of left to the garbage collector.
 *
 * JavaScript has no reference counts: the engine cannot know when the user drops the last
 * reference to `logits` or `probs`, and the garbage collector frees their buffers late, so a
 * synchronous loop keeps asking the system for fresh memory (see `pool.ts` for what that
 * costs). `tidy` is the explicit answer (TensorFlow.js has the same function): every large storage
 * allocated while `fn` runs is given back to the memory pool when `fn` returns, except
 *
 * - storages reachable from `fn`'s return value (tensors, arrays, objects, Maps and Sets; for a
 *   tensor also its `.grad`),
 * - storages reachable only through the autograd graph of a returned tensor (the tensors it saved
 *   for backward, its nodes' inputs): they are handed to that graph (`graph-memory.ts`) and given
 *   back by the first `backward()` through it that frees the graph (no `retainGraph`), so
 *   `return loss` from a forward pass keeps backward working outside while the forward's memory
 *   is still reused by the next step (for up to four returned graphs; with more, all they reach
 *   is kept as if returned),
 * - `.grad` of leaves filled by a `backward()` inside (the parameters' gradients),
 * - storages passed to `keep(t)` inside.
 *
 * Using a released tensor afterwards throws a clear error. `fn` must be synchronous. Scopes nest:
 * what an inner `tidy` returns belongs to the enclosing one.
 */
import { Tensor } from '../tensor.js';
import { Node } from '../autograd/node.js';
import { closeScope, openScope, trackAllocation, untrack } from './scope.js';
import { handToGraph } from './graph-memory.js';
import type { Storage } from '../storage.js';

/**
 * Run `fn`, then give back the memory of the large tensors it created and did not return.
 *
 * @example
 * ```ts
 * for (let k = 0; k < 100; k++) {
 *   const l = tidy(() => {
 *     const loss = forward(W, xs, ys);   // probs, logits, … are released when tidy returns
 *     W.grad = null;
 *     loss.backward();                   // W.grad is kept: it belongs to W, made outside
 *     W.data.add_(W.grad!.mul(-50));
 *     return loss.item();
 *   });
 * }
 * ```
 */
export function tidy<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw new TypeError(`tidy: expected a function, got ${fn === null ? 'null' : typeof fn}`);
  const scope = openScope();
  let result: T;
  try {
    result = fn();
  } catch (err) {
    closeScope(scope);
    for (const st of scope) trackAllocation(st); // release nothing on failure: hand on to the enclosing scope
    throw err;
  }
  closeScope(scope);
  if (result instanceof Promise) {
    for (const st of scope) trackAllocation(st);
    throw new TypeError('tidy: the function returned a Promise; tidy needs a synchronous function (its tensors would be released before the Promise settles)');
  }
  const { direct, graphs } = reachableStorages(result);
  const viaGraph = new Set<Storage>();
  for (const [root, storages] of graphs) {
    const handed = [...storages].filter((st) => scope.has(st) && !direct.has(st));
    handToGraph(root, handed);
    for (const st of handed) viaGraph.add(st);
  }
  for (const st of scope) {
    // returned, or saved by a returned graph: the enclosing scope owns it now (a graph's memory
    // goes back earlier, when a backward frees the graph)
    if (direct.has(st) || viaGraph.has(st)) trackAllocation(st);
    else st.release();
  }
  return result;
}

/**
 * Keep `t`'s memory past every enclosing `tidy` (for state that outlives the step: an
 * optimiser's momentum buffer, a cache). Returns `t`.
 * @example tidy(() => { saved = keep(W.mul(2)); }); saved.sum() // still usable
 */
export function keep<T extends Tensor>(t: T): T {
  if (!(t instanceof Tensor)) throw new TypeError(`keep: expected a Tensor, got ${t === null ? 'null' : typeof t}`);
  untrack(t.storage);
  return t;
}

/**
 * Storages reachable from `value`: `direct`ly (through tensors, their grads, arrays, objects, Maps
 * and Sets), and through the autograd graph of each tensor reached directly (`graphs`: for each
 * such tensor's node, the storages of the tensors its graph saved or took as inputs).
 */
function reachableStorages(value: unknown): { direct: Set<Storage>; graphs: Map<Node, Set<Storage>> } {
  const direct = new Set<Storage>();
  const roots = new Set<Node>();
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof Tensor) {
      direct.add(v.storage);
      stack.push(v.grad);
      if (v.gradFn !== null) roots.add(v.gradFn);
    } else if (v instanceof Node) {
      roots.add(v);
    } else if (Array.isArray(v)) {
      stack.push(...v);
    } else if (v instanceof Map) {
      for (const [k, x] of v) stack.push(k, x);
    } else if (v instanceof Set) {
      for (const x of v) stack.push(x);
    } else if (!ArrayBuffer.isView(v)) {
      for (const key of Object.keys(v)) stack.push((v as Record<string, unknown>)[key]);
    }
  }
  const graphs = new Map<Node, Set<Storage>>();
  if (roots.size <= MAX_GRAPH_ROOTS) {
    for (const root of roots) graphs.set(root, graphStorages([root], direct));
  } else {
    // many returned graphs (often one graph, shared): one walk, and everything it reaches is
    // kept as if returned (walking each graph apart would cost roots × nodes)
    for (const st of graphStorages([...roots], direct)) direct.add(st);
  }
  return { direct, graphs };
}

/** Returned graphs handed their own memory at most; more are kept whole (see `reachableStorages`). */
const MAX_GRAPH_ROOTS = 4;

/**
 * The storages of the tensors the graphs of `roots` hold (saved, inputs, retained); the `.grad`
 * of a tensor in a graph is added to `direct` (it is the user's, reachable through the graph).
 */
function graphStorages(roots: Node[], direct: Set<Storage>): Set<Storage> {
  const out = new Set<Storage>();
  const seen = new Set<Node | Tensor>();
  const stack: (Node | Tensor | null)[] = [...roots];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || v === undefined || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof Tensor) {
      out.add(v.storage);
      if (v.grad !== null) direct.add(v.grad.storage);
      stack.push(v.gradFn);
    } else {
      for (const s of v.saved) stack.push(s.tensor);
      stack.push(...v.inputs, ...v.next, v.retained);
    }
  }
  return out;
}
