/**
 * Reading a whole file with an error a user can act on: `cannot read <what> "<path>": no such
 * file` instead of Node's `ENOENT: no such file or directory, open …` with a stack trace.
 */
import { readFileSync } from 'node:fs';

/**
 * Why a file operation failed, in words, from Node's error: `no such file`, `it is a folder, not
 * a file`, `permission denied`, … (never the raw `EISDIR: illegal operation on a directory, read`).
 *
 * @example fsProblem(Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' })) // 'it is a folder, not a file'
 */
export function fsProblem(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENOSPC':
      return 'no space left on the device';
  }
  // another system error: its description without the code and the system call
  const message = e instanceof Error ? e.message : String(err);
  return message.replace(/^[A-Z0-9_]+: /, '').replace(/, [a-z]+( '.*')?$/, '');
}

/**
 * The bytes of `path`; on failure an Error naming `what` (e.g. "names file"), the path and the
 * problem in words ({@link fsProblem}).
 *
 * @example readFileOrExplain('names.txt', 'names file') // Uint8Array, or Error('cannot read names file "names.txt": no such file')
 */
export function readFileOrExplain(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new Error(`cannot read ${what} "${path}": ${fsProblem(err)}`);
  }
}
