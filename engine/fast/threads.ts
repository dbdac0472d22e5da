/**
 * Helper threads for the SIMD kernels: the large kernels split their work by rows (matmul) or by
 * ranges of elements (elementwise, exp) between this thread and the helpers. Each part is
 * computed by the same kernel with the same operations in the same order as the whole would be,
 * and the parts write disjoint memory, so the result has the same bits with any number of
 * threads.
 *
 * How it works: the kernels' memory is shared (a SharedArrayBuffer, `kernels.ts`), and each helper
 * is a `worker_threads` Worker that instantiates the same compiled module on it. A helper sleeps
 * in `Atomics.wait` on its control block (a few int32 in the scratch memory) until this thread
 * writes a job there (a kernel and its arguments) and wakes it; this thread then computes its own
 * part, and waits for the helper's "done" before it returns. Helpers start in the background at
 * the first large kernel call; until they are ready, the kernels run on this thread alone.
 * Helpers are `unref`'d: they never keep the process alive.
 *
 * Where there is no `worker_threads` (a browser) or no shared memory, everything runs on one
 * thread. `setNumThreads(1)` pins one thread; the environment variable `MAKEMORE_THREADS=1` does
 * so from start-up, and then the memory is not shared either (shared memory makes some kernels
 * ~20% slower), so `setNumThreads(2)` later has no helpers to use.
 */
import { REGION, kernels } from './kernels.js';
import { kernelList } from './kernel-list.js';
import { MAX_THREADS, startupThreads } from './thread-count.js';

/** The part of `worker_threads.Worker` used here (kept local so the engine needs no Node types). */
interface WorkerLike {
  on(event: 'error' | 'exit', listener: (arg: unknown) => void): void;
  unref(): void;
}
type WorkerCtor = new (code: string, options: { eval: true; workerData: unknown }) => WorkerLike;

/** Int32 slots of a control block. */
const STATE = 0, KERNEL = 1, ARGS = 2, RESULT = 12, READY = 13, FAILED = 14, BLOCK_INTS = 16;
/** Values of STATE. */
const IDLE = 0, JOB = 1, DONE = 2;

/** The code of a helper (plain JavaScript, evaluated by the Worker). */
const HELPER_CODE = `
const { workerData } = require('node:worker_threads');
const { module, memory, block, names } = workerData;
const c = new Int32Array(memory.buffer, block, ${BLOCK_INTS});
let fns;
try {
  const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
  fns = names.map((n) => ex[n]);
  Atomics.store(c, ${READY}, 1);
} catch (e) {
  Atomics.store(c, ${FAILED}, 1);
  throw e;
}
for (;;) {
  const s = Atomics.load(c, ${STATE});
  if (s !== ${JOB}) { Atomics.wait(c, ${STATE}, s); continue; }
  try {
    c[${RESULT}] = fns[c[${KERNEL}]](c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]) | 0;
  } catch (e) {
    Atomics.store(c, ${FAILED}, 1);
  }
  Atomics.store(c, ${STATE}, ${DONE});
  Atomics.notify(c, ${STATE});
}
`;

/**
 * The kernels a helper can run, by export name (a job names one by its index here): every kernel
 * of the registry (`kernel-list.ts`), in module order.
 */
export const HELPER_KERNELS = kernelList().map((k) => k.name);

/**
 * Bounds of part `index` of `count` equal parts of [0, size), each a multiple of `align` long
 * except the last (which ends at size).
 */
export function partBounds(size: number, index: number, count: number, align = 1): [number, number] {
  const at = (i: number) => (i >= count ? size : Math.floor(Math.floor((i * size) / count) / align) * align);
  return [at(index), at(index + 1)];
}

interface Helper {
  worker: WorkerLike;
  control: Int32Array;
}

const helpers: Helper[] = [];
let requested = startupThreads();
let jobs = 0;
/** Set when a helper could not be started. */
let broken = false;

function workerCtor(): WorkerCtor | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const wt = proc?.getBuiltinModule?.('node:worker_threads') as { Worker?: WorkerCtor } | undefined;
  return wt?.Worker ?? null;
}

/**
 * Use `n` threads for the large SIMD kernels (this one and `n − 1` helpers), as
 * `torch.set_num_threads`. Results are the same bits with any `n`; only the speed differs.
 * The default is the machine's available parallelism (at most 8), or `MAKEMORE_THREADS`.
 * @example setNumThreads(1); // pin the kernels to the calling thread
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`setNumThreads: expected a positive integer, got ${n}`);
  requested = Math.min(n, MAX_THREADS); // helpers beyond n − 1 stay idle (asleep), ready for later
}

/**
 * The number of threads the large SIMD kernels may use (`torch.get_num_threads`): 1 where helper
 * threads cannot run (no `worker_threads`, or the engine started with `MAKEMORE_THREADS=1`, so
 * its memory is not shared).
 * @example getNumThreads() // 2 on a two-core machine
 */
export function getNumThreads(): number {
  return helpersPossible() ? requested : 1;
}

/** Whether helper threads can run here: shared kernel memory and `worker_threads`. */
function helpersPossible(): boolean {
  return !broken && kernels !== null && kernels.shared && workerCtor() !== null;
}

/** Jobs the helper threads have run since start-up (tests check with it that a split really ran). */
export function helperJobs(): number {
  return jobs;
}

/** Start the missing helpers (in the background); false when helpers are impossible here. */
function startHelpers(): boolean {
  if (!helpersPossible()) return false;
  const Worker = workerCtor()!;
  if (kernels === null) return false;
  while (helpers.length < requested - 1) {
    const index = helpers.length;
    const block = REGION.threads + 4 * BLOCK_INTS * index;
    const control = new Int32Array(kernels.buffer, block, BLOCK_INTS);
    control.fill(0);
    let worker: WorkerLike;
    try {
      worker = new Worker(HELPER_CODE, { eval: true, workerData: { module: kernels.module, memory: kernels.memory, block, names: HELPER_KERNELS } });
    } catch {
      return false;
    }
    worker.on('error', () => Atomics.store(control, FAILED, 1));
    worker.on('exit', () => Atomics.store(control, FAILED, 1));
    worker.unref();
    helpers.push({ worker, control });
  }
  return true;
}

/**
 * Start the helper threads now (they otherwise start at the first large kernel call) and resolve,
 * once they are ready, to the number of threads the kernels will use (1 where there are no
 * helpers, or when they failed to start within `timeoutMs`).
 * @example await startHelperThreads() // 2 on a two-core machine
 */
export async function startHelperThreads(timeoutMs = 5000): Promise<number> {
  if (requested <= 1 || !startHelpers()) return 1;
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const ready = helpers.filter((h) => Atomics.load(h.control, READY) === 1 && Atomics.load(h.control, FAILED) === 0).length;
    if (ready === helpers.length || helpers.some((h) => Atomics.load(h.control, FAILED) === 1)) return ready + 1;
    await new Promise((r) => setTimeout(r, 5));
  }
  return 1;
}

/** The helpers ready for a job now (starting them on first use). */
function readyHelpers(): Helper[] {
  if (requested <= 1) return [];
  if (helpers.length < requested - 1 && !startHelpers()) {
    broken = true; // a helper could not start: one thread from now on
    return [];
  }
  return helpers.slice(0, requested - 1).filter((h) => Atomics.load(h.control, READY) === 1 && Atomics.load(h.control, FAILED) === 0);
}

/**
 * Split a kernel call into `parts` (at most the threads ready now): `part(i, count)` returns the
 * kernel name and arguments of part i, or null for an empty part. Part 0 runs here, the others on
 * helpers; returns each part's kernel result, or null when no helper is ready (the caller then
 * makes one call on its own).
 */
export function runSplit(minPartSize: number, size: number, part: (index: number, count: number) => [string, number[]] | null): number[] | null {
  const ready = size >= 2 * minPartSize ? readyHelpers() : [];
  if (ready.length === 0) return null;
  const count = Math.min(ready.length + 1, Math.floor(size / minPartSize));
  const used: [Helper, number][] = [];
  const results = new Array<number>(count).fill(0);
  for (let i = 1; i < count; i++) {
    const job = part(i, count);
    if (job === null) continue;
    const h = ready[i - 1];
    const kernel = HELPER_KERNELS.indexOf(job[0]);
    if (kernel < 0) throw new Error(`runSplit: ${job[0]} is not a helper kernel`);
    h.control[KERNEL] = kernel;
    for (let a = 0; a < 10; a++) h.control[ARGS + a] = job[1][a] ?? 0;
    Atomics.store(h.control, STATE, JOB);
    Atomics.notify(h.control, STATE);
    used.push([h, i]);
    jobs++;
  }
  const t0 = Date.now();
  try {
    const own = part(0, count);
    if (own !== null) results[0] = call(own[0], own[1]);
  } finally {
    // wait for every helper, also when this thread's part threw: they write memory its caller owns
    const failed = waitForHelpers(used, results, Math.max(10_000, 20 * (Date.now() - t0)));
    if (failed) throw new Error('a SIMD helper thread failed or stopped answering; call setNumThreads(1) to run the kernels on this thread only');
  }
  return results;
}

/**
 * Wait until each used helper is done (or has failed), collecting the results; a helper still
 * busy after `timeoutMs` is marked failed (a helper that died cannot say so: its exit event would
 * need this thread's event loop). True when any failed.
 */
function waitForHelpers(used: [Helper, number][], results: number[], timeoutMs: number): boolean {
  let failed = false;
  const deadline = Date.now() + timeoutMs;
  for (const [h, i] of used) {
    while (Atomics.load(h.control, STATE) === JOB && Atomics.load(h.control, FAILED) === 0) {
      if (Atomics.wait(h.control, STATE, JOB, 50) === 'timed-out' && Date.now() > deadline) Atomics.store(h.control, FAILED, 1);
    }
    if (Atomics.load(h.control, FAILED) === 1) failed = true;
    results[i] = h.control[RESULT];
    if (!failed) Atomics.store(h.control, STATE, IDLE);
  }
  return failed;
}

function call(name: string, args: number[]): number {
  const ex = kernels!.exports[name] as (...a: number[]) => number | undefined;
  return (ex(...args) ?? 0) | 0;
}
