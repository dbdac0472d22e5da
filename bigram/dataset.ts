/**
 * Which names the scripts train on: the file the user names with `--data`, else the lecture's
 * own data set, embedded in the package ({@link lectureNames}: names.txt of karpathy/makemore,
 * 32,033 names), so `npm run lecture` and every CLI command print the notebook's numbers with
 * nothing beside the package.
 *
 * A `names.txt` in the current folder is NOT picked up: as in PyTorch, where the notebook opens
 * the file it names, another data set is always asked for explicitly (`--data names.txt`), and a
 * stray file cannot silently change the numbers.
 */
import { loadNames } from './data.js';
import { LECTURE_NAMES_SOURCE, lectureNames } from './lecture-names.js';

/** The data set chosen by {@link resolveDataset}. */
export interface Dataset {
  /** The names to train on. */
  words: string[];
  /** One line for the user: which data set is in use and how many names it has. */
  description: string;
  /** `'path'`: read from the file the user named; `'builtin'`: the embedded lecture data set. */
  source: 'path' | 'builtin';
  /** The file read, when the names came from a file. */
  path?: string;
}

/** `32033` → `"32,033 names"`, `1` → `"1 name"`. */
function count(n: number): string {
  return `${n.toLocaleString('en-US')} name${n === 1 ? '' : 's'}`;
}

/**
 * Pick the data set: an explicit `path` is loaded (an error if it cannot be, never a silent
 * fallback); without one, the lecture's names.txt embedded in the package.
 *
 * @param path - the file the user asked for (the value of `--data`), if any.
 * @throws Error (naming the path) when the file cannot be read or holds no names.
 *
 * @example resolveDataset().description // "data: the lecture's names.txt (karpathy/makemore, MIT), embedded (32,033 names)"
 */
export function resolveDataset(path?: string): Dataset {
  if (path !== undefined) {
    const words = loadNames(path);
    return { words, source: 'path', path, description: `data: ${path} (${count(words.length)})` };
  }
  const words = lectureNames();
  return { words, source: 'builtin', description: `data: ${LECTURE_NAMES_SOURCE} (${count(words.length)})` };
}
