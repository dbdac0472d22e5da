/**
 * nn/file-access.ts: reading and writing files with errors that name the file and the problem in
 * plain words, and, where there is no file system (a browser), an error saying so instead of a
 * failure to load the module.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readFileOrExplain, writeFileOrExplain } from '../../nn/file-access.js';

const tmp = mkdtempSync(join(tmpdir(), 'nn-file-access-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('readFileOrExplain / writeFileOrExplain', () => {
  it('write then read gives the bytes back', () => {
    const path = join(tmp, 'x.bin');
    writeFileOrExplain(path, new Uint8Array([1, 2, 255]), 'test file');
    expect(Array.from(readFileOrExplain(path, 'test file'))).toEqual([1, 2, 255]);
    expect(Array.from(readFileSync(path))).toEqual([1, 2, 255]);
  });

  it('a missing file, a directory, a missing folder: named in plain words', () => {
    expect(() => readFileOrExplain(join(tmp, 'nope.txt'), 'names file')).toThrow(`cannot read names file "${join(tmp, 'nope.txt')}": no such file`);
    expect(() => readFileOrExplain(tmp, 'names file')).toThrow(`cannot read names file "${tmp}": it is a folder, not a file`);
    expect(() => writeFileOrExplain(tmp, new Uint8Array(1), 'model file')).toThrow(`cannot write model file "${tmp}": it is a folder, not a file`);
    const deep = join(tmp, 'no', 'such', 'm.safetensors');
    expect(() => writeFileOrExplain(deep, new Uint8Array(1), 'model file')).toThrow(`cannot write model file "${deep}": the folder "${join(tmp, 'no', 'such')}" does not exist`);
  });
});

describe('without a file system (as in a browser)', () => {
  const proc = process as unknown as { getBuiltinModule?: unknown };
  const original = proc.getBuiltinModule;
  afterEach(() => {
    proc.getBuiltinModule = original;
  });

  it('reading or writing says that a file system is needed and what to use instead', () => {
    proc.getBuiltinModule = undefined;
    expect(() => readFileOrExplain('W.safetensors', 'safetensors file')).toThrow(
      'reading safetensors file "W.safetensors" needs a file system (Node.js ≥ 20.16); this runtime has none: read the bytes another way and use the bytes-level function (e.g. parseSafetensors, parseNames)',
    );
    expect(() => writeFileOrExplain('W.safetensors', new Uint8Array(1), 'safetensors file')).toThrow(
      'writing safetensors file "W.safetensors" needs a file system (Node.js ≥ 20.16); this runtime has none: use the bytes-level function (e.g. writeSafetensors) and store the bytes another way',
    );
  });
});
