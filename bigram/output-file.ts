/**
 * Files the scripts write (a model, an SVG): checked before any work starts, so a training run
 * is not lost to a typo in `--out` (the writing itself is nn/file-access.ts's `writeFileOrExplain`).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fsProblem } from '../nn/file-access.js';

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
