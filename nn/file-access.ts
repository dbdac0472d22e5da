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
  writeFileSync(path: string, data: Uint8Array): void;
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

/** A Node error code as a few plain words (the code's own message otherwise). */
function reasonOf(err: unknown, writing: boolean): string {
  switch ((err as { code?: string }).code) {
    case 'ENOENT': return writing ? 'no such folder' : 'no such file';
    case 'EISDIR': return 'it is a directory';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    default: return (err as Error).message;
  }
}

/**
 * The bytes of `path`; on failure an Error naming `what` (e.g. "names file") and the path.
 *
 * @example readFileOrExplain('names.txt', 'names file') // Uint8Array, or Error('cannot read names file "names.txt": no such file')
 */
export function readFileOrExplain(path: string, what: string): Uint8Array {
  const fs = fileSystem(`reading ${what} "${path}"`, 'read the bytes another way and use the bytes-level function (e.g. parseSafetensors, parseNames)');
  try {
    return fs.readFileSync(path);
  } catch (err) {
    throw new Error(`cannot read ${what} "${path}": ${reasonOf(err, false)}`);
  }
}

/**
 * Write `bytes` to `path` (replacing the file); on failure an Error naming `what` and the path.
 *
 * @example writeFileOrExplain('W.safetensors', bytes, 'safetensors file') // or Error('cannot write safetensors file "W.safetensors": no such folder')
 */
export function writeFileOrExplain(path: string, bytes: Uint8Array, what: string): void {
  const fs = fileSystem(`writing ${what} "${path}"`, 'use the bytes-level function (e.g. writeSafetensors) and store the bytes another way');
  try {
    fs.writeFileSync(path, bytes);
  } catch (err) {
    throw new Error(`cannot write ${what} "${path}": ${reasonOf(err, true)}`);
  }
}
