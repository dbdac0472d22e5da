/**
 * The data side of the bigram model (makemore lecture 1, notes N1, N2 and N16): reading a list
 * of names, the character vocabulary, and the (previous character → next character) pairs the
 * model learns from. Nothing here needs tensors: the pairs come out as plain `Int32Array`s.
 *
 * ```ts
 * const words = loadNames('../shared/data/names.txt'); // ['emma', 'olivia', ...]
 * const vocab = Vocabulary.fromWords(words);           // '.'=0, 'a'=1 … 'z'=26
 * const { xs, ys } = bigramPairs(words, vocab);         // 228,146 pairs for names.txt
 * ```
 */
import { readFileOrExplain } from '../nn/file-access.js';

/**
 * The start/end token. Every name is read as `.` + name + `.`, so the model also learns which
 * letters begin a name (pairs out of `.`) and which end one (pairs into `.`). It is always
 * index 0 of the vocabulary.
 *
 * @example Vocabulary.fromWords(['emma']).encode(BOUNDARY) // [0]
 */
export const BOUNDARY = '.';

/**
 * Split the text of a names file into names: one per line, LF or CRLF line ends, with or without
 * a newline at the end; spaces around a name are trimmed and blank lines are skipped. A leading
 * UTF-8 byte-order mark is ignored.
 *
 * @param text - the whole file.
 * @param source - what to call the text in an error message (a path, say); default `"input"`.
 * @returns the names in file order (duplicates are kept, as in the lecture).
 * @throws Error when there is no name at all (empty text, or only blank lines).
 *
 * @example parseNames('emma\r\nolivia\n\n  ava\n') // ['emma', 'olivia', 'ava']
 */
export function parseNames(text: string, source = 'input'): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const words: string[] = [];
  for (const line of body.split(/\r\n|\n|\r/)) {
    const word = line.trim();
    if (word !== '') words.push(word);
  }
  if (words.length === 0) {
    const what = body.length === 0 ? 'it is empty' : 'it has only blank lines';
    throw new Error(`no names in ${source}: ${what} (expected one name per line)`);
  }
  return words;
}

/**
 * Read a names file (UTF-8, one name per line; see {@link parseNames} for the exact rules).
 *
 * @param path - the file to read, e.g. `../shared/data/names.txt`.
 * @returns the names in file order.
 * @throws Error naming the path when the file is missing or unreadable, is not valid UTF-8, or
 * holds no names.
 *
 * @example const words = loadNames('../shared/data/names.txt'); // 32,033 names, words[0] === 'emma'
 */
export function loadNames(path: string): string[] {
  const bytes = readFileOrExplain(path, 'names file');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`cannot read names file "${path}": it is not valid UTF-8 text`);
  }
  return parseNames(text, `names file "${path}"`);
}

/** Compare two strings by Unicode code point, as Python's `sorted` does (JS's default sort
 * compares UTF-16 code units, which differs for characters beyond U+FFFF). */
function byCodePoint(a: string, b: string): number {
  return a.codePointAt(0)! - b.codePointAt(0)!;
}

/** Why `word` cannot be one name of the data set, or `undefined` when it can. */
function wordProblem(word: string): string | undefined {
  if (word.length === 0) return 'it is empty';
  if (word.includes(BOUNDARY)) {
    return `it contains "${BOUNDARY}", which is reserved as the start/end token`;
  }
  return undefined;
}

/**
 * The character vocabulary of the lecture (N2): `.` at index 0, then the sorted set of all
 * characters that occur in the names. For names.txt that is 27 symbols: `.`=0, `a`=1 … `z`=26.
 *
 * Characters are Unicode code points (so an emoji is one symbol, not two UTF-16 halves).
 * The tables are frozen: a vocabulary never changes once built.
 *
 * @example
 * ```ts
 * const vocab = Vocabulary.fromWords(['emma', 'olivia', 'ava']);
 * vocab.decode(vocab.encode('.ava.')) // '.ava.'
 * ```
 */
export class Vocabulary {
  /** Index → symbol (`itos[0]` is `.`). Frozen. */
  readonly itos: string[];
  /** Symbol → index, the inverse of {@link Vocabulary.itos}. */
  readonly stoi: Map<string, number>;
  /** The number of symbols, `.` included (27 for names.txt). */
  readonly size: number;

  /**
   * A vocabulary from its symbol table, e.g. one saved with a model.
   *
   * @param itos - the symbols in index order; `itos[0]` must be `.`, and each symbol must be
   * one character and appear once.
   * @throws Error when the table breaks one of those rules.
   */
  constructor(itos: readonly string[]) {
    if (itos[0] !== BOUNDARY) {
      throw new Error(`a vocabulary must start with "${BOUNDARY}" (the start/end token) at index 0`);
    }
    const stoi = new Map<string, number>();
    itos.forEach((symbol, i) => {
      if ([...symbol].length !== 1) {
        throw new Error(`vocabulary symbol ${i} is ${JSON.stringify(symbol)}: each symbol must be one character`);
      }
      if (stoi.has(symbol)) {
        throw new Error(`vocabulary symbol "${symbol}" appears twice (at ${stoi.get(symbol)} and ${i})`);
      }
      stoi.set(symbol, i);
    });
    this.itos = Object.freeze([...itos]) as string[];
    this.stoi = stoi;
    this.size = itos.length;
  }

  /**
   * Build the vocabulary as the lecture does:
   * `chars = sorted(list(set(''.join(words))))`, `stoi = {s: i+1 …}`, `stoi['.'] = 0`.
   *
   * @param words - the names.
   * @throws Error when there are no words, or a word is empty or contains `.` (the start/end
   * token cannot also be a letter of a name).
   *
   * @example Vocabulary.fromWords(['emma', 'ava']).itos // ['.', 'a', 'e', 'm', 'v']
   */
  static fromWords(words: readonly string[]): Vocabulary {
    if (words.length === 0) throw new Error('cannot build a vocabulary from an empty list of names');
    const chars = new Set<string>();
    words.forEach((word, i) => {
      const problem = wordProblem(word);
      if (problem !== undefined) {
        throw new Error(`cannot build the vocabulary: name ${i + 1} (${JSON.stringify(word)}) is not usable: ${problem}`);
      }
      for (const ch of word) chars.add(ch);
    });
    return new Vocabulary([BOUNDARY, ...[...chars].sort(byCodePoint)]);
  }

  /**
   * The indices of the characters of `word` (the start/end token `.` is not added).
   *
   * @example `vocab.encode('emma')` is `[5, 13, 13, 1]` for names.txt.
   * @throws Error naming the word and the character when a character is not in the vocabulary.
   */
  encode(word: string): number[] {
    const ixs: number[] = [];
    let position = 0;
    for (const ch of word) {
      const ix = this.stoi.get(ch);
      if (ix === undefined) {
        throw new Error(
          `cannot encode ${JSON.stringify(word)}: character ${JSON.stringify(ch)} (position ${position}) ` +
            `is not in the vocabulary of ${this.size} symbols`,
        );
      }
      ixs.push(ix);
      position++;
    }
    return ixs;
  }

  /**
   * The string of the symbols at the given indices (index 0 gives `.`).
   *
   * @example `vocab.decode([5, 13, 13, 1, 0])` is `"emma."`.
   * @throws Error when an index is not an integer in `0 … size-1`.
   */
  decode(ixs: Iterable<number>): string {
    let out = '';
    for (const ix of ixs) {
      const symbol = Number.isInteger(ix) ? this.itos[ix] : undefined;
      if (symbol === undefined) {
        throw new Error(`cannot decode index ${ix}: the vocabulary has ${this.size} symbols (0…${this.size - 1})`);
      }
      out += symbol;
    }
    return out;
  }
}

/** Consecutive symbol pairs: `ys[k]` follows `xs[k]`. */
export interface BigramPairs {
  /** Index of the first symbol of each pair. */
  xs: Int32Array;
  /** Index of the symbol after it. */
  ys: Int32Array;
}

/**
 * The training set of the bigram model (N1, N16): for every name, the pairs of consecutive
 * symbols of `.` + name + `.`. `xs[k]` is the index of a symbol and `ys[k]` of the one after it.
 * `emma` gives `.e em mm ma a.`, i.e. `xs = [0,5,13,13,1]`, `ys = [5,13,13,1,0]`.
 * A name of n characters gives n+1 pairs; names.txt gives 228,146.
 *
 * @param words - the names, in order (pairs keep that order).
 * @param vocab - the vocabulary to encode with.
 * @throws Error when a name is empty, contains `.`, or has a character outside the vocabulary.
 *
 * @example
 * ```ts
 * const { xs, ys } = bigramPairs(['emma'], Vocabulary.fromWords(['emma']));
 * [xs, ys] // [Int32Array [0, 2, 3, 3, 1], Int32Array [2, 3, 3, 1, 0]]: .e em mm ma a.
 * ```
 */
export function bigramPairs(words: readonly string[], vocab: Vocabulary): BigramPairs {
  // Most symbols are one UTF-16 code unit: `table` maps such a unit to its index (-1 for the
  // others, and 0 for `.`). A word is encoded through the table in one pass; a word with a unit
  // the table does not give as a letter (index <= 0: `.`, half of a two-unit symbol, or a
  // character outside the vocabulary), or an empty word, starts over on the slow path, which
  // also reports what is wrong with it.
  const table = codeUnitTable(vocab);
  let bound = 0; // n + 1 pairs per name of n code points, and n <= its code units
  for (let w = 0; w < words.length; w++) bound += words[w].length + 1;
  const xs = new Int32Array(bound);
  const ys = new Int32Array(bound);
  let k = 0;
  for (let w = 0; w < words.length; w++) {
    const word = words[w];
    const start = k;
    // pair k is (previous symbol, this symbol): each symbol is written once as ys[k] and once
    // as xs[k + 1], the first symbol of the next pair; '.' starts every name …
    xs[k] = 0;
    let c = 0;
    for (; c < word.length; c++) {
      const unit = word.charCodeAt(c);
      const ix = unit < table.length ? table[unit] : -1;
      if (ix <= 0) break;
      ys[k] = ix;
      xs[++k] = ix;
    }
    if (c === 0 || c < word.length) k = encodeSlowly(word, w, vocab, xs, ys, start);
    ys[k++] = 0; // … and ends it
  }
  return k === bound ? { xs, ys } : { xs: xs.slice(0, k), ys: ys.slice(0, k) };
}

/**
 * The slow path of {@link bigramPairs} for one word: check it, encode it with `vocab.encode`
 * (symbols of two UTF-16 units, and the error for an unknown character), and write its pairs
 * from `k`, up to the last one (into `.`), whose first symbol it writes. Returns that pair's index.
 */
function encodeSlowly(word: string, w: number, vocab: Vocabulary, xs: Int32Array, ys: Int32Array, k: number): number {
  const problem = wordProblem(word);
  if (problem !== undefined) {
    throw new Error(`cannot make pairs: name ${w + 1} (${JSON.stringify(word)}) is not usable: ${problem}`);
  }
  xs[k] = 0;
  for (const ix of vocab.encode(word)) {
    ys[k] = ix;
    xs[++k] = ix;
  }
  return k;
}

/** UTF-16 code unit → vocabulary index, for the symbols that are one code unit (not a surrogate). */
function codeUnitTable(vocab: Vocabulary): Int32Array {
  const single = (s: string) => s.length === 1 && (s.charCodeAt(0) < 0xd800 || s.charCodeAt(0) > 0xdfff);
  let max = -1;
  for (const s of vocab.itos) if (single(s)) max = Math.max(max, s.charCodeAt(0));
  const table = new Int32Array(max + 1).fill(-1);
  vocab.itos.forEach((s, i) => {
    if (single(s)) table[s.charCodeAt(0)] = i;
  });
  return table;
}
