/**
 * The playground's data set: the lecture's names by default, or a file the user picks, checked
 * as the CLI checks `--data` (UTF-8, at least one name, no `.` inside a name: bigram/data.ts)
 * plus what a page must also refuse (a file too large to count in a tab, control characters,
 * more symbols than the heatmap can draw). A file either loads whole or not at all: the
 * current data set is replaced only after every check passed.
 */
import { Vocabulary, parseNames } from '../../bigram/index.js';
import { LECTURE_NAMES_SOURCE, lectureNames } from '../../bigram/index.js';

/** Largest file the page accepts (the lecture's names.txt is 228 KB). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Most symbols (`.` included) a vocabulary may have: the heatmaps draw V×V cells. */
export const MAX_SYMBOLS = 64;

/** A checked data set. */
export interface Dataset {
  /** The names, in file order. */
  words: string[];
  /** Their vocabulary (`.` = 0, then the sorted characters). */
  vocab: Vocabulary;
  /** One line saying where the names came from. */
  description: string;
}

/** `32033` → `32,033`. */
function thousands(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * The lecture's data set (names.txt, embedded).
 * @example lectureDataset().words.length // 32033
 */
export function lectureDataset(): Dataset {
  const words = lectureNames();
  return { words, vocab: Vocabulary.fromWords(words), description: `${LECTURE_NAMES_SOURCE}: ${thousands(words.length)} names` };
}

/**
 * Refuse an empty or too large file before reading it (its size is known from the picker).
 * @throws Error naming the file and its size.
 * @example checkUploadSize(0, 'empty.txt') // throws: "empty.txt" is empty (0 bytes) …
 */
export function checkUploadSize(bytes: number, fileName: string): void {
  if (bytes === 0) throw new Error(`"${fileName}" is empty (0 bytes): expected one name per line`);
  if (bytes > MAX_UPLOAD_BYTES) {
    throw new Error(`"${fileName}" is ${(bytes / 1024 / 1024).toFixed(1)} MB: the playground takes files up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB (names.txt is 0.2 MB)`);
  }
}

/**
 * Check and parse an uploaded file.
 * @param bytes - the file's contents.
 * @param fileName - its name, for the messages.
 * @throws Error with a message for the user: empty, too large, not UTF-8, no names, a control
 * character, a `.` inside a name, too many distinct characters.
 * @example datasetFromBytes(new TextEncoder().encode('emma\nava\n'), 'two.txt').words // ['emma', 'ava']
 */
export function datasetFromBytes(bytes: Uint8Array, fileName: string): Dataset {
  const where = `"${fileName}"`;
  checkUploadSize(bytes.length, fileName);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${where} is not UTF-8 text (is it a binary file?): expected one name per line`);
  }
  const words = parseNames(text, where);
  words.forEach((word, i) => {
    const bad = /\p{Cc}/u.exec(word);
    if (bad) {
      const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      throw new Error(`name ${i + 1} of ${where} (${JSON.stringify(word)}) contains the control character U+${code}: names must be printable text`);
    }
  });
  let vocab: Vocabulary;
  try {
    vocab = Vocabulary.fromWords(words); // refuses a '.' inside a name, naming it
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
  if (vocab.size > MAX_SYMBOLS) {
    throw new Error(`${where} uses ${vocab.size - 1} distinct characters: the playground draws at most ${MAX_SYMBOLS - 1} (plus "."); names.txt uses 26`);
  }
  return { words, vocab, description: `${where}: ${thousands(words.length)} names, ${vocab.size - 1} distinct characters` };
}
