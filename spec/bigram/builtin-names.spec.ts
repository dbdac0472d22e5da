/**
 * bigram/builtin-names.ts: which data set the scripts use when no file is named.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_ALPHABET, BUILTIN_PACKAGES, builtinNames, resolveDataset } from '../../bigram/builtin-names.js';
import { Vocabulary, bigramPairs } from '../../bigram/data.js';
import { describeIfFile, namesPath } from '../support/shared.js';

const tmp = mkdtempSync(join(tmpdir(), 'bigram-builtin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('builtinNames', () => {
  const { words, excluded } = builtinNames();

  it('merges the two @stdlib lists: 8,422 distinct lower-case names (version 0.2.3)', () => {
    // 4,951 female + 3,898 male = 8,849 names; 427 are in both lists.
    expect(words.length).toBe(8422);
    expect(excluded).toEqual([]);
    expect(new Set(words).size).toBe(words.length);
    for (const w of words) {
      expect(w).toBe(w.trim().toLowerCase());
      expect(w).toMatch(BUILTIN_ALPHABET);
    }
  });

  it('is sorted, so its order does not depend on the packages', () => {
    expect([...words].sort()).toEqual(words);
    expect(words.slice(0, 3)).toEqual(['aaren', 'aarika', 'aaron']);
  });

  it('has both female and male names, and double names with "-"', () => {
    expect(words).toContain('emma');
    expect(words).toContain('aaron');
    expect(words).toContain('anne-marie');
    expect(words.filter((w) => w.includes('-')).length).toBe(19);
  });

  it('gives a vocabulary of 28 symbols: ".", "-" and a–z', () => {
    const vocab = Vocabulary.fromWords(words);
    expect(vocab.size).toBe(28);
    expect(vocab.itos.join('')).toBe('.-abcdefghijklmnopqrstuvwxyz');
    const { xs } = bigramPairs(words, vocab);
    expect(xs.length).toBe(words.reduce((n, w) => n + w.length + 1, 0));
  });
});

describe('resolveDataset', () => {
  it('loads an explicit path', () => {
    const path = join(tmp, 'mine.txt');
    writeFileSync(path, 'emma\nolivia\n');
    const d = resolveDataset(path, { cwd: tmp });
    expect(d.words).toEqual(['emma', 'olivia']);
    expect(d.source).toBe('path');
    expect(d.path).toBe(path);
    expect(d.description).toBe(`data: ${path} (2 names)`);
  });

  it('fails on an explicit path that does not exist, never falling back', () => {
    const missing = join(tmp, 'missing.txt');
    expect(() => resolveDataset(missing)).toThrow(`cannot read names file "${missing}": no such file`);
  });

  it('else uses names.txt in the working directory', () => {
    const dir = mkdtempSync(join(tmp, 'cwd-'));
    writeFileSync(join(dir, 'names.txt'), 'ava\r\nmia\r\n');
    const d = resolveDataset(undefined, { cwd: dir });
    expect(d.words).toEqual(['ava', 'mia']);
    expect(d.source).toBe('cwd');
    expect(d.path).toBe(join(dir, 'names.txt'));
    expect(d.description).toContain('names.txt in the current directory');
  });

  it('else uses the built-in names, and says how to use names.txt', () => {
    const empty = mkdtempSync(join(tmp, 'empty-'));
    const d = resolveDataset(undefined, { cwd: empty });
    expect(d.source).toBe('builtin');
    expect(d.words).toEqual(builtinNames().words);
    expect(d.description).not.toContain('\n');
    expect(d.description).toContain('built-in list of 8,422 English first names');
    for (const pkg of BUILTIN_PACKAGES) expect(d.description).toContain(pkg);
    expect(d.description).toContain('--data ../shared/data/names.txt');
  });

  it('defaults to the process working directory', () => {
    const d = resolveDataset();
    expect(['cwd', 'builtin']).toContain(d.source);
  });
});

describeIfFile(namesPath, 'resolveDataset with the lecture data set', () => {
  it('loads names.txt when pointed at it', () => {
    const d = resolveDataset(namesPath);
    expect(d.words.length).toBe(32033);
    expect(d.description).toBe(`data: ${namesPath} (32,033 names)`);
  });
});
