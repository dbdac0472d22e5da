/**
 * bigram/dataset.ts: which data set the scripts use. Without a file: the lecture's names.txt,
 * embedded (checked here against ../shared/data/names.txt when that is present; its bytes are
 * checked by SHA-256 in lecture-names.spec.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDataset } from '../../bigram/dataset.js';
import { Vocabulary } from '../../bigram/data.js';
import { describeIfFile, namesPath } from '../support/shared.js';

const tmp = mkdtempSync(join(tmpdir(), 'bigram-dataset-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('resolveDataset', () => {
  it("without a path: the lecture's 32,033 names, embedded, and a description saying so", () => {
    const d = resolveDataset();
    expect(d.source).toBe('builtin');
    expect(d.path).toBeUndefined();
    expect(d.words.length).toBe(32033);
    expect(d.words.slice(0, 3)).toEqual(['emma', 'olivia', 'ava']);
    expect(d.words[d.words.length - 1]).toBe('zzyzx');
    expect(d.description).toBe("data: the lecture's names.txt (karpathy/makemore, MIT), embedded (32,033 names)");
    // the lecture's vocabulary: '.', a … z
    expect(Vocabulary.fromWords(d.words).itos.join('')).toBe('.abcdefghijklmnopqrstuvwxyz');
  });

  it('gives a fresh array each time (a caller may change its copy)', () => {
    const a = resolveDataset();
    a.words.length = 0;
    expect(resolveDataset().words.length).toBe(32033);
  });

  it('loads an explicit path', () => {
    const path = join(tmp, 'mine.txt');
    writeFileSync(path, 'emma\nolivia\n');
    const d = resolveDataset(path);
    expect(d.words).toEqual(['emma', 'olivia']);
    expect(d.source).toBe('path');
    expect(d.path).toBe(path);
    expect(d.description).toBe(`data: ${path} (2 names)`);
  });

  it('fails on an explicit path that does not exist or is a folder, never falling back', () => {
    const missing = join(tmp, 'missing.txt');
    expect(() => resolveDataset(missing)).toThrow(`cannot read names file "${missing}": no such file`);
    expect(() => resolveDataset(tmp)).toThrow(`cannot read names file "${tmp}": it is a folder, not a file`);
  });
});

describeIfFile(namesPath, 'resolveDataset and the lecture data set in ../shared', () => {
  it('the embedded names are the names of ../shared/data/names.txt, in order', () => {
    expect(resolveDataset().words).toEqual(readFileSync(namesPath, 'utf8').split('\n').filter((l) => l !== ''));
  });

  it('loads names.txt when pointed at it', () => {
    const d = resolveDataset(namesPath);
    expect(d.words.length).toBe(32033);
    expect(d.description).toBe(`data: ${namesPath} (32,033 names)`);
  });
});
