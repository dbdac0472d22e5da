/**
 * bigram/data.ts: reading names, the vocabulary (N2) and the training pairs (N1, N16).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BOUNDARY, Vocabulary, bigramPairs, loadNames, parseNames } from '../../bigram/data.js';
import { describeIfFile, loadReference, namesPath } from '../support/shared.js';

const tmp = mkdtempSync(join(tmpdir(), 'bigram-data-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Write `content` to a fresh temporary file and return its path. */
let fileCount = 0;
function tempFile(content: string | Uint8Array): string {
  const path = join(tmp, `names-${fileCount++}.txt`);
  writeFileSync(path, content);
  return path;
}

describeIfFile(namesPath, 'names.txt, the lecture data set (N1, N2, N16)', () => {
  const lecture = loadReference<{ first_10_words: string[]; itos: string[]; num_words: number }>('torch/lecture.json');
  const words = loadNames(namesPath);

  it('has 32,033 names, of lengths 2 to 15, beginning as in the lecture', () => {
    expect(words.length).toBe(32033);
    expect(words.length).toBe(lecture.num_words);
    expect(Math.min(...words.map((w) => w.length))).toBe(2);
    expect(Math.max(...words.map((w) => w.length))).toBe(15);
    expect(words.slice(0, 10)).toEqual(lecture.first_10_words);
  });

  it("builds the lecture's vocabulary: '.'=0, 'a'=1 … 'z'=26", () => {
    const vocab = Vocabulary.fromWords(words);
    expect(vocab.itos).toEqual(lecture.itos);
    expect(vocab.size).toBe(27);
    expect(vocab.stoi.get('.')).toBe(0);
    expect(vocab.stoi.get('a')).toBe(1);
    expect(vocab.stoi.get('z')).toBe(26);
  });

  it('gives 228,146 training pairs, emma first', () => {
    const vocab = Vocabulary.fromWords(words);
    const { xs, ys } = bigramPairs(words, vocab);
    expect(xs.length).toBe(228146);
    expect(ys.length).toBe(228146);
    expect(Array.from(xs.slice(0, 5))).toEqual([0, 5, 13, 13, 1]);
    expect(Array.from(ys.slice(0, 5))).toEqual([5, 13, 13, 1, 0]);
  });
});

describe('parseNames', () => {
  it('reads LF and CRLF lines, with or without a final newline', () => {
    expect(parseNames('emma\nolivia\nava')).toEqual(['emma', 'olivia', 'ava']);
    expect(parseNames('emma\nolivia\nava\n')).toEqual(['emma', 'olivia', 'ava']);
    expect(parseNames('emma\r\nolivia\r\nava\r\n')).toEqual(['emma', 'olivia', 'ava']);
    expect(parseNames('emma\r\nolivia\nava')).toEqual(['emma', 'olivia', 'ava']);
  });

  it('trims spaces and tabs around names and skips blank lines', () => {
    expect(parseNames('  emma \n\n\t olivia\t\r\n   \r\n\nava  ')).toEqual(['emma', 'olivia', 'ava']);
  });

  it('ignores a UTF-8 byte-order mark and keeps duplicates', () => {
    expect(parseNames('\uFEFFemma\nemma')).toEqual(['emma', 'emma']);
  });

  it('rejects text with no names, naming the source', () => {
    expect(() => parseNames('', 'my.txt')).toThrow('no names in my.txt: it is empty');
    expect(() => parseNames(' \n\r\n\t\n', 'my.txt')).toThrow('no names in my.txt: it has only blank lines');
  });
});

describe('loadNames on files', () => {
  it('reads a file with CRLF line ends, blank lines and spaces', () => {
    expect(loadNames(tempFile('emma\r\n\r\n  olivia  \r\nava\r\n'))).toEqual(['emma', 'olivia', 'ava']);
  });

  it('reads a file without a trailing newline', () => {
    expect(loadNames(tempFile('emma\nolivia'))).toEqual(['emma', 'olivia']);
  });

  it('reads UTF-8 names', () => {
    expect(loadNames(tempFile('zoë\nrené\n'))).toEqual(['zoë', 'rené']);
  });

  it('rejects an empty file and a file of blank lines, naming the path', () => {
    const empty = tempFile('');
    expect(() => loadNames(empty)).toThrow(`no names in names file "${empty}": it is empty`);
    const blank = tempFile('\n  \n\r\n');
    expect(() => loadNames(blank)).toThrow(`no names in names file "${blank}": it has only blank lines`);
  });

  it('rejects a missing file, naming the path', () => {
    const missing = join(tmp, 'no-such-file.txt');
    expect(() => loadNames(missing)).toThrow(`cannot read names file "${missing}": no such file`);
  });

  it('rejects a directory, naming the path', () => {
    expect(() => loadNames(tmp)).toThrow(`cannot read names file "${tmp}"`);
  });

  it('rejects bytes that are not UTF-8', () => {
    const latin1 = tempFile(new Uint8Array([0x7a, 0x6f, 0xeb, 0x0a])); // "zoë" in Latin-1
    expect(() => loadNames(latin1)).toThrow(`cannot read names file "${latin1}": it is not valid UTF-8 text`);
  });
});

describe('Vocabulary', () => {
  const vocab = Vocabulary.fromWords(['emma', 'olivia', 'ava']);

  it("is '.' then the sorted characters of the names", () => {
    expect(vocab.itos).toEqual(['.', 'a', 'e', 'i', 'l', 'm', 'o', 'v']);
    expect(vocab.size).toBe(8);
    expect([...vocab.stoi]).toEqual(vocab.itos.map((s, i) => [s, i]));
  });

  it('sorts by code point, as Python does', () => {
    // '.' always comes first; then '-' < 'a' < 'z' < 'é' (U+00E9) < 'ｚ' (U+FF5A) < '😀' (U+1F600).
    // '😀' is one symbol, and sorts last although its first UTF-16 unit (0xD83D) is below 0xFF5A.
    expect(Vocabulary.fromWords(['zé-a', '😀ｚ']).itos).toEqual(['.', '-', 'a', 'z', 'é', 'ｚ', '😀']);
  });

  it('encodes and decodes', () => {
    expect(vocab.encode('emma')).toEqual([2, 5, 5, 1]);
    expect(vocab.decode([0, 2, 5, 5, 1, 0])).toBe('.emma.');
    expect(vocab.decode(new Int32Array([7, 1]))).toBe('va');
    expect(vocab.encode('')).toEqual([]);
  });

  it('decode(encode(w)) = w for words over the vocabulary', () => {
    const letters = fc.constantFrom(...vocab.itos);
    fc.assert(
      fc.property(fc.array(letters, { maxLength: 20 }), (chars) => {
        const w = chars.join('');
        expect(vocab.decode(vocab.encode(w))).toBe(w);
      }),
    );
  });

  it('names the word, the character and its position when a character is unknown', () => {
    const az = Vocabulary.fromWords(['abcdefghijklmnopqrstuvwxyz']);
    expect(() => az.encode('ann3')).toThrow(
      'cannot encode "ann3": character "3" (position 3) is not in the vocabulary of 27 symbols',
    );
    expect(() => az.encode('Anna')).toThrow('character "A" (position 0)');
  });

  it('rejects indices outside the vocabulary when decoding', () => {
    expect(() => vocab.decode([1, 8])).toThrow('cannot decode index 8: the vocabulary has 8 symbols (0…7)');
    expect(() => vocab.decode([-1])).toThrow('cannot decode index -1');
    expect(() => vocab.decode([1.5])).toThrow('cannot decode index 1.5');
  });

  it("rejects a name containing '.', the start/end token", () => {
    expect(() => Vocabulary.fromWords(['emma', 'j.r.'])).toThrow(
      'cannot build the vocabulary: name 2 ("j.r.") is not usable: it contains ".", which is reserved as the start/end token',
    );
  });

  it('rejects an empty list and an empty name', () => {
    expect(() => Vocabulary.fromWords([])).toThrow('cannot build a vocabulary from an empty list of names');
    expect(() => Vocabulary.fromWords(['a', ''])).toThrow('name 2 ("") is not usable: it is empty');
  });

  it('can be rebuilt from its table, which must start with "." and have no repeats', () => {
    expect(new Vocabulary(vocab.itos).stoi).toEqual(vocab.stoi);
    expect(() => new Vocabulary(['a', '.'])).toThrow('must start with "."');
    expect(() => new Vocabulary(['.', 'a', 'a'])).toThrow('"a" appears twice (at 1 and 2)');
    expect(() => new Vocabulary(['.', 'ab'])).toThrow('each symbol must be one character');
  });

  it('is frozen', () => {
    expect(() => (vocab.itos as string[]).push('x')).toThrow();
    expect(BOUNDARY).toBe('.');
  });
});

describe('bigramPairs', () => {
  const vocab = new Vocabulary(['.', ...'abcdefghijklmnopqrstuvwxyz']);

  it("gives emma's pairs .e em mm ma a. (N1, N16)", () => {
    const { xs, ys } = bigramPairs(['emma'], vocab);
    expect(Array.from(xs)).toEqual([0, 5, 13, 13, 1]);
    expect(Array.from(ys)).toEqual([5, 13, 13, 1, 0]);
    const bigrams = Array.from(xs, (x, k) => vocab.itos[x] + vocab.itos[ys[k]]);
    expect(bigrams).toEqual(['.e', 'em', 'mm', 'ma', 'a.']);
  });

  it('gives len+1 pairs per name, in order, each name starting and ending at "."', () => {
    const word = fc.stringMatching(/^[a-z]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (words) => {
        const { xs, ys } = bigramPairs(words, vocab);
        expect(xs.length).toBe(words.reduce((n, w) => n + w.length + 1, 0));
        // Reading ys as a stream of symbols gives back the names, each followed by '.'
        expect(vocab.decode(ys)).toBe(words.map((w) => w + '.').join(''));
        // every pair chains: the next x is the previous y, except that each name starts at '.'
        expect(vocab.decode(xs)).toBe(words.map((w) => '.' + w).join(''));
      }),
    );
  });

  it('rejects a name with an unknown character, naming it', () => {
    expect(() => bigramPairs(['emma', 'ann3'], vocab)).toThrow('cannot encode "ann3": character "3" (position 3)');
  });

  it("rejects an empty name and a name containing '.'", () => {
    expect(() => bigramPairs(['emma', ''], vocab)).toThrow('name 2 ("") is not usable: it is empty');
    expect(() => bigramPairs(['e.mma'], vocab)).toThrow('name 1 ("e.mma") is not usable: it contains "."');
  });
});
