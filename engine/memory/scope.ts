/**
 * Memory scopes: which large storages were allocated while some piece of engine code ran, so
 * that the engine can give their buffers back to the pool (`pool.ts`) at the moment it can
 * prove nothing else reaches them.
 *
 * Two users: `backward()` opens a scope and releases each gradient as soon as the node that
 * consumed it is done (`autograd/backward.ts`), and `tidy(fn)` opens one around a user's
 * function and releases, when it returns, everything not reachable from its result (`tidy.ts`).
 * Scopes nest: what an inner scope neither released nor kept is handed to the enclosing one.
 * Small storages (under `MIN_POOLED_BYTES`) are never tracked: the garbage collector is good
 * enough for them.
 */
import type { Storage } from '../storage.js';

/** A set of storages allocated while the scope was innermost and not yet released or kept. */
export type MemoryScope = Set<Storage>;

const scopes: MemoryScope[] = [];

/** Called by `Storage.alloc` for every large storage: the innermost scope, if any, takes it. */
export function trackAllocation(st: Storage): void {
  if (scopes.length > 0) scopes[scopes.length - 1].add(st);
}

/** True while some scope is open (a large allocation will be tracked). */
export function inScope(): boolean {
  return scopes.length > 0;
}

/** Open a new innermost scope. */
export function openScope(): MemoryScope {
  const scope: MemoryScope = new Set();
  scopes.push(scope);
  return scope;
}

/**
 * Close `scope` (it must be the innermost one). The storages still in it are untracked by it;
 * the caller releases them or hands them on with `trackAllocation`.
 */
export function closeScope(scope: MemoryScope): void {
  if (scopes[scopes.length - 1] !== scope) throw new Error('internal error: memory scopes closed out of order');
  scopes.pop();
}

/** Remove `st` from every open scope: no scope will release it. */
export function untrack(st: Storage): void {
  for (const scope of scopes) scope.delete(st);
}
