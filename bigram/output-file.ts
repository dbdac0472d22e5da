/**
 * Files the scripts write (a model, an SVG): checked before any work starts, so a training run
 * is not lost to a typo in `--out` (the writing itself is nn/file-access.ts's `writeFileOrExplain`).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fsProblem } from '../nn/file-access.js';
import { UsageError } from './command-line.js';

/**
 * Why `path` cannot be written as a new or replaced file, or `undefined` when it can: it is a
 * folder, its folder does not exist or is not a folder, or either is not writable.
 *
 * @example outputProblem('no/such/folder/model.safetensors') // 'the folder "no/such/folder" does not exist'
 */
export function outputProblem(path: string): string | undefined {
  if (path === '') return 'the path is empty';
  try {
    const st = statSync(path);
    if (st.isDirectory()) return 'it is a folder, not a file';
    accessSync(path, constants.W_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return fsProblem(err);
  }
  // a new file: its folder must exist, be a folder, and be writable
  const folder = dirname(path);
  try {
    const st = statSync(resolve(folder));
    if (!st.isDirectory()) return `"${folder}" is a file, not a folder`;
    accessSync(folder, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `the folder "${folder}" does not exist`;
    if (code === 'EACCES' || code === 'EPERM') return `the folder "${folder}" is not writable`;
    return `the folder "${folder}": ${fsProblem(err)}`;
  }
}

/**
 * Fail now (before any work) when `path`, the value of `--flag`, cannot be written: a
 * {@link UsageError} naming the flag, the path and the problem.
 *
 * @example checkOutput('out', 'no/such/folder/m.safetensors') // throws: --out "no/such/folder/m.safetensors" cannot be written: the folder "no/such/folder" does not exist
 */
export function checkOutput(flag: string, path: string): void {
  const problem = outputProblem(path);
  if (problem) throw new UsageError(`--${flag} ${JSON.stringify(path)} cannot be written: ${problem}`, { pointToHelp: false });
}

/**
 * The checks of a training command's `--out` and `--plot` before training starts, so that no
 * run is lost to a bad path: each can be written, `--plot` has a curve to draw, and the two are
 * not the same file.
 *
 * @example checkTrainingOutputs('m.safetensors', 'm.safetensors', 10) // throws: --out and --plot name the same file "m.safetensors"
 */
export function checkTrainingOutputs(outPath: string | undefined, plotPath: string | undefined, steps: number): void {
  if (plotPath !== undefined && steps === 0) throw new UsageError('--plot needs at least one training step (--steps is 0)');
  if (outPath !== undefined) checkOutput('out', outPath);
  if (plotPath !== undefined) checkOutput('plot', plotPath);
  if (outPath !== undefined && plotPath !== undefined && resolve(outPath) === resolve(plotPath)) {
    throw new UsageError(`--out and --plot name the same file ${JSON.stringify(outPath)}`);
  }
}
