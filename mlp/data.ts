/**
 * The MLP lecture's data: `random.seed(42); random.shuffle(words)` (CPython's, bit for bit),
 * the 80/10/10 split, and the contexts of `block_size` characters (`build_dataset`).
 *
 * @module
 */
import { Tensor } from '../engine/index.js';
import { Vocabulary } from '../bigram/index.js';
import { PythonRandom } from './python-random.js';

/** Inputs and targets of one split: `X` int32 `[n, blockSize]` (contexts), `Y` int32 `[n]`. */
export interface MlpSplit {
  /** The contexts: `blockSize` symbol indices before each target, `0` (`.`) padded at the start. */
  X: Tensor;
  /** The symbol that follows each context. */
  Y: Tensor;
}

/**
 * The notebook's `build_dataset(words)`: for each word, a context of `blockSize` zeros that
 * slides over `word + '.'`, one (context, next symbol) example per symbol.
 *
 * @param words - the names.
 * @param vocab - the vocabulary (`.` is 0).
 * @param blockSize - the context length (the notebook's `block_size = 3`).
 * @returns `X` int32 `[n, blockSize]`, `Y` int32 `[n]`, n = total characters + words.
 * @throws Error naming the word when a character is not in the vocabulary.
 *
 * @example
 * ```ts
 * const { X, Y } = buildDataset(['emma'], vocab, 3);
 * // X = [[0,0,0],[0,0,5],[0,5,13],[5,13,13],[13,13,1]], Y = [5,13,13,1,0]
 * ```
 */
export function buildDataset(words: readonly string[], vocab: Vocabulary, blockSize: number): MlpSplit {
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError(`buildDataset: blockSize must be a positive integer, got ${blockSize}`);
  const encoded = words.map((w) => vocab.encode(w));
  const n = encoded.reduce((s, e) => s + e.length + 1, 0);
  const X = new Int32Array(n * blockSize);
  const Y = new Int32Array(n);
  const context = new Int32Array(blockSize);
  let row = 0;
  for (const ixs of encoded) {
    context.fill(0);
    for (let k = 0; k <= ixs.length; k++) {
      const ix = k < ixs.length ? ixs[k] : 0;
      X.set(context, row * blockSize);
      Y[row] = ix;
      context.copyWithin(0, 1);
      context[blockSize - 1] = ix;
      row++;
    }
  }
  return { X: Tensor.fromArray(X, [n, blockSize], 'int32'), Y: Tensor.fromArray(Y, [n], 'int32') };
}

/** The shuffled words and the split points. */
export interface ShuffledWords {
  /** The words after `random.seed(seed); random.shuffle(words)` (a new array). */
  words: string[];
  /** `int(0.8 * len(words))`: the end of the training words. */
  n1: number;
  /** `int(0.9 * len(words))`: the end of the dev words. */
  n2: number;
}

/**
 * `random.seed(seed); random.shuffle(words)` exactly as CPython, then the notebook's split
 * points `n1 = int(0.8·n)`, `n2 = int(0.9·n)`. The input is not modified.
 *
 * @example shuffleAndSplit(lectureNames()).words.slice(0, 3) // ['yuheng', 'diondre', 'xavien']
 */
export function shuffleAndSplit(words: readonly string[], seed: number | bigint = 42): ShuffledWords {
  const shuffled = new PythonRandom(seed).shuffle([...words]);
  const n = shuffled.length;
  // int(0.8 * n) in Python: the double product, truncated
  return { words: shuffled, n1: Math.trunc(0.8 * n), n2: Math.trunc(0.9 * n) };
}

/** The three splits and what they were made from. */
export interface MlpData {
  /** The vocabulary (`.` and the sorted characters). */
  vocab: Vocabulary;
  /** The shuffled words and the split points. */
  shuffled: ShuffledWords;
  /** Training examples (words `[0, n1)`). */
  train: MlpSplit;
  /** Dev/validation examples (words `[n1, n2)`). */
  dev: MlpSplit;
  /** Test examples (words `[n2, n)`). */
  test: MlpSplit;
}

/**
 * The notebook's data pipeline: vocabulary, shuffle with Python's `random.seed(seed)`, split
 * 80/10/10, contexts of `blockSize`. For names.txt and block 3: Xtr `[182625, 3]`,
 * Xdev `[22655, 3]`, Xte `[22866, 3]`.
 *
 * @example const { train, dev, test } = mlpData(lectureNames(), 3);
 */
export function mlpData(words: readonly string[], blockSize = 3, seed: number | bigint = 42): MlpData {
  const vocab = Vocabulary.fromWords(words);
  const shuffled = shuffleAndSplit(words, seed);
  const w = shuffled.words;
  return {
    vocab,
    shuffled,
    train: buildDataset(w.slice(0, shuffled.n1), vocab, blockSize),
    dev: buildDataset(w.slice(shuffled.n1, shuffled.n2), vocab, blockSize),
    test: buildDataset(w.slice(shuffled.n2), vocab, blockSize),
  };
}
