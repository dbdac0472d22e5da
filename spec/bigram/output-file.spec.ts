/**
 * bigram/output-file.ts and nn/file-access.ts: paths checked before work starts, and file errors in
 * words (never Node's raw `EISDIR: illegal operation on a directory`).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outputProblem } from '../../bigram/output-file.js';
import { fsProblem, readFileOrExplain, writeFileOrExplain } from '../../nn/file-access.js';

const tmp = mkdtempSync(join(tmpdir(), 'bigram-output-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('outputProblem', () => {
  it('a new file in an existing folder, or an existing file, can be written', () => {
    expect(outputProblem(join(tmp, 'new.svg'))).toBeUndefined();
    writeFileSync(join(tmp, 'old.svg'), 'x');
    expect(outputProblem(join(tmp, 'old.svg'))).toBeUndefined();
  });

  it('names what is wrong: a folder, a missing folder, a file used as a folder, an empty path', () => {
    mkdirSync(join(tmp, 'sub'));
    expect(outputProblem(join(tmp, 'sub'))).toBe('it is a folder, not a file');
    expect(outputProblem(join(tmp, 'missing', 'x.svg'))).toBe(`the folder "${join(tmp, 'missing')}" does not exist`);
    writeFileSync(join(tmp, 'file'), 'x');
    expect(outputProblem(join(tmp, 'file', 'x.svg'))).toBe(`"${join(tmp, 'file')}" is a file, not a folder`);
    expect(outputProblem('')).toBe('the path is empty');
  });
});

describe('writeFileOrExplain, readFileOrExplain, fsProblem', () => {
  it('write and read back; errors name the file and the problem in words', () => {
    const path = join(tmp, 'w.txt');
    writeFileOrExplain(path, 'hello', 'test file');
    expect(readFileSync(path, 'utf8')).toBe('hello');
    expect(() => writeFileOrExplain(tmp, 'x', 'test file')).toThrow(`cannot write test file "${tmp}": it is a folder, not a file`);
    expect(() => readFileOrExplain(tmp, 'test file')).toThrow(`cannot read test file "${tmp}": it is a folder, not a file`);
    expect(() => readFileOrExplain(join(tmp, 'nope'), 'test file')).toThrow(`cannot read test file "${join(tmp, 'nope')}": no such file`);
  });

  it('an error code without a description of its own: the message without the code and the call', () => {
    const e = Object.assign(new Error("EMFILE: too many open files, open '/x'"), { code: 'EMFILE' });
    expect(fsProblem(e)).toBe('too many open files');
  });
});
