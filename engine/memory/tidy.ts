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
 *   tensor also its `.grad` and the tensors its autograd graph saved, so `backward()` still works
 *   outside),
 * - `.grad` of leaves filled by a `backward()` inside (the parameters' gradients),
 * - storages passed to `keep(t)` inside.
 *
 * Using a released tensor afterwards throws a clear error. `fn` must be synchronous. Scopes nest:
 * what an inner `tidy` returns belongs to the enclosing one.
 */
import { Tensor } from '../tensor.js';
import { Node } from '../autograd/node.js';
import { closeScope, openScope, trackAllocation, untrack } from './scope.js';
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
  const live = reachableStorages(result);
  for (const st of scope) {
    if (live.has(st)) trackAllocation(st); // returned: the enclosing scope owns it now
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

/** Storages reachable from `value`: through tensors (their storage, grad, saved graph), arrays, objects, Maps and Sets. */
function reachableStorages(value: unknown): Set<Storage> {
  const out = new Set<Storage>();
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof Tensor) {
      out.add(v.storage);
      stack.push(v.grad, v.gradFn);
    } else if (v instanceof Node) {
      for (const s of v.saved) stack.push(s.tensor);
      stack.push(...v.inputs, ...v.next, v.retained);
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
  return out;
}
