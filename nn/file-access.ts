/**
 * Reading and writing whole files, for the functions that save and load models and data sets,
 * with errors a user can act on: `cannot read names file "x.txt": no such file` instead of
 * Node's `ENOENT: no such file or directory, open …` and a stack trace.
 *
 * Node's file system is looked up when a file is read or written
 * (`process.getBuiltinModule('node:fs')`, Node ≥ 20.16), not imported: so the modules that offer
 * file functions (`serialization.ts`, `safetensors-file.ts`, bigram's `loadNames`) still load and
 * bundle in a browser, where only calling a file function fails, with an error that says so and
 * names the bytes-level function to use instead.
 */

/** The part of `node:fs` used here. */
interface FileSystem {
  readFileSync(path: string): Uint8Array;
  writeFileSync(path: string, data: string | Uint8Array): void;
}

/** Node's `fs` module, or an Error naming `what` needed it and what to do instead. */
function fileSystem(what: string, instead: string): FileSystem {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as FileSystem | undefined;
  if (fs === undefined) {
    throw new Error(`${what} needs a file system (Node.js ≥ 20.16); this runtime has none: ${instead}`);
  }
  return fs;
}

/**
 * Why a file operation failed, in words, from Node's error: `no such file`, `it is a folder, not
 * a file`, `permission denied`, … (never the raw `EISDIR: illegal operation on a directory, read`).
 *
 * @example fsProblem(Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' })) // 'it is a folder, not a file'
 */
export function fsProblem(err: unknown): string {
  switch ((err as { code?: string } | null)?.code) {
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
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^[A-Z0-9_]+: /, '').replace(/, [a-z]+( '.*')?$/, '');
}

/** The folder part of `path` (`.` when there is none), without Node's `path` module. */
function folderOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? '.' : i === 0 ? path.slice(0, 1) : path.slice(0, i);
}

/**
 * The bytes of `path`; on failure an Error naming `what` (e.g. "names file"), the path and the
 * problem in words ({@link fsProblem}).
 *
 * @example readFileOrExplain('names.txt', 'names file') // Uint8Array, or Error('cannot read names file "names.txt": no such file')
 */
export function readFileOrExplain(path: string, what: string): Uint8Array {
  const fs = fileSystem(`reading ${what} "${path}"`, 'read the bytes another way and use the bytes-level function (e.g. parseSafetensors, parseNames)');
  try {
    return fs.readFileSync(path);
  } catch (err) {
    throw new Error(`cannot read ${what} "${path}": ${fsProblem(err)}`);
  }
}

/**
 * Write `bytes` (or text, as UTF-8) to `path`, replacing the file; on failure an Error naming
 * `what`, the path and the problem in words.
 *
 * @example writeFileOrExplain('out/W.safetensors', bytes, 'safetensors file') // or Error('cannot write safetensors file "out/W.safetensors": the folder "out" does not exist')
 */
export function writeFileOrExplain(path: string, bytes: string | Uint8Array, what: string): void {
  const fs = fileSystem(`writing ${what} "${path}"`, 'use the bytes-level function (e.g. writeSafetensors) and store the bytes another way');
  try {
    fs.writeFileSync(path, bytes);
  } catch (err) {
    const missing = (err as { code?: string } | null)?.code === 'ENOENT'; // only the folder can be missing
    throw new Error(`cannot write ${what} "${path}": ${missing ? `the folder "${folderOf(path)}" does not exist` : fsProblem(err)}`);
  }
}
