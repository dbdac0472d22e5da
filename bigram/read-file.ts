/**
 * Reading a whole file with an error a user can act on: `cannot read <what> "<path>": no such
 * file` instead of Node's `ENOENT: no such file or directory, open …` with a stack trace.
 */
import { readFileSync } from 'node:fs';

/**
 * The bytes of `path`; on failure an Error naming `what` (e.g. "names file") and the path.
 *
 * @example readFileOrExplain('names.txt', 'names file') // Uint8Array, or Error('cannot read names file "names.txt": no such file')
 */
export function readFileOrExplain(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new Error(`cannot read ${what} "${path}": ${reason}`);
  }
}
