/**
 * The memory of one `backward()` call: every large gradient made during the walk is the engine's
 * own. As soon as the node that consumed one is done and no pending gradient shares its storage,
 * its buffer goes back to the memory pool (or the arena), so the next op, or the next training
 * step, reuses it instead of paying for fresh pages.
 *
 * What `autograd/backward.ts` does about memory goes through this file (and, for the forward's
 * memory, `releaseGraphMemory` in `graph-memory.ts`): `openBackwardMemory()` before the walk, then
 * `step(fn)` around each node's backward function, `ownsAlone` before adding a gradient in place,
 * `giveBack(usedUp, pending)` after each node and `close()` when the walk ends; `keepGrad(t)` for
 * each `.grad` it writes.
 */
import type { Tensor } from '../tensor.js';
import { closeScope, openScope, trackAllocation, untrack, type MemoryScope } from './scope.js';

/**
 * A leaf's `.grad` outlives the backward call and any `tidy` around it: no memory scope may give
 * its buffer back.
 * @example keepGrad(w.grad!) // after backward wrote w.grad
 */
export function keepGrad(grad: Tensor): void {
  untrack(grad.storage);
}

/** The memory of one backward walk (see the file comment). */
export interface BackwardMemory {
  /**
   * Give back the buffers of the `usedUp` gradients that this backward allocated and that no
   * gradient still waiting in `pending` shares: nothing else can reach them.
   */
  giveBack(usedUp: Iterable<Tensor>, pending: Iterable<Tensor>): void;
  /**
   * True when `t` is a gradient this walk made whose memory nothing else shares (no tensor of
   * `others` uses its storage) and which covers its storage exactly (contiguous, from offset 0):
   * it can be updated in place, as nobody else can see the change.
   */
  ownsAlone(t: Tensor, others: Iterable<Tensor | null>): boolean;
  /**
   * Run one node's backward function: the large tensors it makes and does not return (its
   * temporaries, like the `−b` of a division's gradient) are given back when it returns; what it
   * returns belongs to the walk.
   */
  step(fn: () => (Tensor | null)[]): (Tensor | null)[];
  /** End the walk: what was not given back is handed to the enclosing `tidy`, if any. */
  close(): void;
}

/**
 * Open the memory of a backward walk: the large gradients allocated from here on are its own.
 * @example const memory = openBackwardMemory(); try { walk(memory) } finally { memory.close() }
 */
export function openBackwardMemory(): BackwardMemory {
  const scope: MemoryScope = openScope();
  return {
    giveBack(usedUp, pending) {
      const pendingStorages = new Set<unknown>();
      let listed = false;
      for (const t of usedUp) {
        const st = t.storage;
        if (!scope.has(st)) continue; // not made here (the user's, saved by the forward, small) or already given back
        if (!listed) {
          for (const p of pending) pendingStorages.add(p.storage);
          listed = true;
        }
        if (pendingStorages.has(st)) continue;
        scope.delete(st);
        st.release();
      }
    },
    ownsAlone(t, others) {
      const st = t.storage;
      if (!scope.has(st) || t.offset !== 0 || t.numel() !== st.length || !t.isContiguous()) return false;
      for (const o of others) if (o !== null && o !== t && o.storage === st) return false;
      return true;
    },
    step(fn) {
      const temporaries = openScope();
      let out: (Tensor | null)[];
      try {
        out = fn();
      } finally {
        closeScope(temporaries);
        for (const st of temporaries) scope.add(st); // the walk's, until the loop below decides
      }
      const returned = new Set<unknown>();
      for (const t of out) if (t) returned.add(t.storage);
      for (const st of temporaries) {
        if (returned.has(st)) continue;
        scope.delete(st);
        st.release();
      }
      return out;
    },
    close() {
      closeScope(scope);
      for (const st of scope) trackAllocation(st); // not given back: an enclosing tidy decides
    },
  };
}
