/**
 * The number of threads the SIMD kernels use at start-up: `MAKEMORE_THREADS` when set to a
 * positive integer, else the machine's available parallelism; at most `MAX_THREADS`. Read by
 * `kernels.ts` (a single thread needs no shared memory, which costs the kernels some speed) and by
 * `threads.ts` (the default of `getNumThreads`).
 */

/** At most this many threads (this one and the helpers). */
export const MAX_THREADS = 8;

/** The MAKEMORE_THREADS value last warned about: one warning per value, however often it is read. */
let warnedFor: string | undefined;

/** The start-up thread count (see the file comment). */
export function startupThreads(): number {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined>; getBuiltinModule?: (id: string) => unknown; emitWarning?: (message: string) => void } }).process;
  const env = proc?.env?.MAKEMORE_THREADS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (Number.isInteger(n) && n >= 1) return Math.min(n, MAX_THREADS);
    if (warnedFor !== env) proc?.emitWarning?.(`MAKEMORE_THREADS=${JSON.stringify(env)} is not a positive integer; it is ignored (the default is the machine's available parallelism)`);
    warnedFor = env;
  }
  const os = proc?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  return Math.max(1, Math.min(os?.availableParallelism?.() ?? 1, MAX_THREADS));
}
