/**
 * Memory that `tidy` hands to an autograd graph: the forward tensors of a function that returned
 * a loss, kept alive only because the loss's graph saved them for `backward()`.
 *
 * `tidy(() => loss(...))` returns the loss; the function's other tensors (the one-hot inputs,
 * logits, counts, probabilities) are not returned, so by tidy's contract nothing outside reaches
 * them, except the loss's graph, which saved them for its backward. Before this file they stayed
 * alive until the garbage collector found the graph unreachable, which a synchronous training loop
 * leaves until much later: every step asked for fresh memory. Now tidy hands them to the graph's
 * root node (`handToGraph`), and the backward that releases that node (`backward()` without
 * `retainGraph`) gives them back (`releaseGraphMemory`): after it, nothing can use them (the nodes'
 * saved tensors are freed, and a second backward through them throws), so the next step reuses
 * their memory. PyTorch frees saved tensors at the same moment (reference counts do it there).
 *
 * A storage reachable from several returned graphs is given back when the last of their roots
 * was released. A graph that never runs backward keeps its storages until the garbage collector
 * collects it (or an enclosing `tidy` ends, which also owns them).
 */
import type { Node } from '../autograd/node.js';
import type { Storage } from '../storage.js';

/** For each root node tidy handed memory to: the storages it holds. */
const heldByRoot = new WeakMap<Node, Storage[]>();
/** For each handed storage: how many roots still hold it. */
const holders = new WeakMap<Storage, number>();

/**
 * Hand `storages` to the graph whose output node is `root`: they are given back once a backward
 * has released `root` (and every other root holding them).
 */
export function handToGraph(root: Node, storages: Iterable<Storage>): void {
  const list = heldByRoot.get(root) ?? [];
  for (const st of storages) {
    if (st.released || list.includes(st)) continue;
    list.push(st);
    holders.set(st, (holders.get(st) ?? 0) + 1);
  }
  if (list.length > 0) heldByRoot.set(root, list);
}

/**
 * A backward walk released `nodes` (their saved tensors are gone): give back the storages handed
 * to any of them that no other root still holds.
 */
export function releaseGraphMemory(nodes: Iterable<Node>): void {
  for (const node of nodes) {
    const list = heldByRoot.get(node);
    if (list === undefined) continue;
    heldByRoot.delete(node);
    for (const st of list) {
      const left = (holders.get(st) ?? 1) - 1;
      if (left > 0) {
        holders.set(st, left);
        continue;
      }
      holders.delete(st);
      st.release();
    }
  }
}
