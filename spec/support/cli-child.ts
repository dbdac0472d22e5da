/**
 * Running the scripts (`bigram/cli.ts`, `bigram/lecture.ts`, `mlp/cli.ts`, `mlp/lecture.ts`) as a user does, in a child process,
 * and the shape every user mistake must have: exit status 2, nothing on stdout before it is
 * found, ONE line on stderr naming the problem, no stack trace, no raw Node error code.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from './shared.js';

/** A run's exit status and its output lines. */
export interface Result {
  status: number | null;
  stdout: string[];
  stderr: string[];
}

/** Long enough for a child process on a loaded machine. */
export const SPAWN_TIMEOUT = 600_000;

/** Split output into lines, without the empty string after a final newline. */
export const lines = (s: string): string[] => s.split('\n').filter((l, i, a) => !(i === a.length - 1 && l === ''));

/**
 * `tsx <repoRoot>/<script> …args` in `cwd` (default the repository root), with `env` added to
 * this process's environment. tsx is started from
 * node_modules/.bin, not through npx (one process less). Asynchronous on purpose: a spawnSync
 * that blocks the worker for a minute makes vitest's worker RPC time out.
 */
export function runScript(script: 'bigram/cli.ts' | 'bigram/lecture.ts' | 'mlp/cli.ts' | 'mlp/lecture.ts' | 'bench/run.ts' | 'mlp/drift.ts', args: readonly string[], cwd: string = repoRoot, env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
    const child = spawn(tsx, [join(repoRoot, script), ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill(), SPAWN_TIMEOUT);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, stdout: lines(stdout), stderr: lines(stderr) });
    });
  });
}

/** Run the jobs with at most `concurrency` at a time; the results in job order. */
export async function runAll<T>(jobs: readonly (() => Promise<T>)[], concurrency = 3): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return results;
}

/**
 * A user mistake: status 2, exactly one line on stderr starting with `prefix` and matching
 * `message`, no stack trace and no raw Node error (`EISDIR: …`, `ENOENT: …`). `stdoutEmpty`:
 * the mistake was found before anything was printed (the default).
 */
export function expectUserError(r: Result, prefix: RegExp, message: RegExp, stdoutEmpty = true): void {
  const all = r.stderr.join('\n');
  expect(r.status, all).toBe(2);
  expect(r.stderr, all).toHaveLength(1);
  expect(r.stderr[0]).toMatch(prefix);
  expect(r.stderr[0]).toMatch(message);
  expect(all).not.toMatch(/^\s+at |Error:|\.ts:\d+|\bE[A-Z]{3,}\b: /m);
  if (stdoutEmpty) expect(r.stdout).toEqual([]);
}
