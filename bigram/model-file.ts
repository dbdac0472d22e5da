/**
 * Saving and loading the neural bigram model: W as a float32 tensor named `W` in a safetensors
 * file (loads in PyTorch with `safetensors.torch.load_file(path)["W"]`), with the vocabulary in
 * the file's metadata (`itos`, a JSON array) so `sample` needs no data set.
 */
import { Tensor, noGrad } from '../engine/index.js';
import { parseSafetensorsFile, writeSafetensors } from '../nn/index.js';
import { writeFileOrExplain } from '../nn/file-access.js';
import { Vocabulary } from './data.js';

/**
 * Where the first non-finite value (NaN, ±Infinity) of a V×V matrix is, and how many there are;
 * `undefined` when every value is finite.
 */
function nonFinite(data: Float32Array, cols: number): { count: number; row: number; col: number; value: number } | undefined {
  let count = 0;
  let first = -1;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      if (first < 0) first = i;
      count++;
    }
  }
  return first < 0 ? undefined : { count, row: Math.floor(first / cols), col: first % cols, value: data[first] };
}

/**
 * Why W cannot be a bigram model, or `undefined` when it can: a value of W is NaN or infinite,
 * or a row's probabilities `exp(W[i]) / exp(W[i]).sum()` (the lecture's softmax, without the max
 * subtraction) are not finite because `exp` overflows float32 (a weight above about 88.7) or the row's `exp`
 * values all underflow to 0. Such
 * a W comes from a training run that diverged.
 *
 * @example weightsProblem(tensor([[0, 1], [1000, 0]], { dtype: 'float32' })) // 'the probabilities of row 1 are not finite: exp(W[1, 0] = 1000) overflows float32'
 */
export function weightsProblem(W: Tensor): string | undefined {
  const w = W.detach().float().contiguous();
  const data = w.toTypedArray() as Float32Array;
  const cols = W.shape[W.ndim - 1];
  const bad = nonFinite(data, cols);
  if (bad) {
    return `${bad.count} of the ${data.length} values of W ${bad.count === 1 ? 'is' : 'are'} not finite (the first, W[${bad.row}, ${bad.col}], is ${bad.value})`;
  }
  const counts = w.exp();
  const probs = noGrad(() => counts.div(counts.sum(1, true))).toTypedArray() as Float32Array;
  const badP = nonFinite(probs, cols);
  if (badP) {
    const r = badP.row;
    let col = 0;
    for (let j = 0; j < cols; j++) if (data[r * cols + j] > data[r * cols + col]) col = j;
    const max = data[r * cols + col];
    const why = max > 88 ? `exp(W[${r}, ${col}] = ${max}) overflows float32` : `exp of every value of the row underflows to 0 (the largest is W[${r}, ${col}] = ${max})`;
    return `the probabilities of row ${r} are not finite: ${why}`;
  }
  return undefined;
}

/**
 * Save W (V×V float32) and its vocabulary. A W that gives no probabilities (see
 * {@link weightsProblem}: from a training run that diverged) is refused.
 *
 * @throws RangeError when W's shape does not fit the vocabulary or W gives no probabilities;
 * Error naming the path when the file cannot be written.
 *
 * @example saveModel('bigram.safetensors', W, vocab);
 */
export function saveModel(path: string, W: Tensor, vocab: Vocabulary): void {
  if (W.ndim !== 2 || W.shape[0] !== vocab.size || W.shape[1] !== vocab.size) {
    throw new RangeError(`saveModel: W has shape [${W.shape.join(', ')}] but the vocabulary has ${vocab.size} symbols`);
  }
  const problem = weightsProblem(W);
  if (problem) throw new RangeError(`saveModel: ${problem}; nothing was written to "${path}"`);
  const data = W.detach().float().contiguous().toTypedArray() as Float32Array;
  const bytes = writeSafetensors({ W: { dtype: 'F32', shape: [...W.shape], data } }, { format: 'pt', itos: JSON.stringify(vocab.itos) });
  writeFileOrExplain(path, bytes, 'model file');
}

/** A model read from a file. */
export interface LoadedModel {
  /** The V×V weights (float32). */
  W: Tensor;
  /** The vocabulary it was trained with. */
  vocab: Vocabulary;
}

/**
 * Load W and the vocabulary saved with it (or `fallback` when the file has none). A W that gives
 * no probabilities (see {@link weightsProblem}: such a file comes from a training run that
 * diverged, saved by another program) is refused.
 *
 * @throws Error naming the path and the problem: unreadable or invalid file, no square W, a
 * vocabulary that does not fit W, weights that give no probabilities.
 *
 * @example const { W, vocab } = loadModel('bigram.safetensors');
 */
export function loadModel(path: string, fallback?: Vocabulary): LoadedModel {
  const { tensors, metadata } = parseSafetensorsFile(path);
  const names = Object.keys(tensors);
  const t = tensors.W ?? (names.length === 1 ? tensors[names[0]] : undefined);
  if (!t) throw new Error(`${path}: no tensor named "W" (the file has ${names.length ? names.join(', ') : 'no tensors'})`);
  if (t.shape.length !== 2 || t.shape[0] !== t.shape[1]) throw new Error(`${path}: W must be a square matrix, got shape [${t.shape.join(', ')}]`);
  const W = Tensor.fromArray(t.dtype === 'F32' ? t.data : Float32Array.from(t.data), t.shape, 'float32');
  const problem = weightsProblem(W);
  if (problem) throw new Error(`${path}: ${problem}; the model is unusable (it may come from a training run that diverged: train again with a smaller learning rate)`);
  const vocab = metadata?.itos !== undefined ? vocabularyFromItos(path, metadata.itos) : fallback;
  if (!vocab) throw new Error(`${path}: the file has no vocabulary ("itos" metadata); pass --data with the names it was trained on`);
  if (vocab.size !== t.shape[0]) throw new Error(`${path}: W is ${t.shape[0]}×${t.shape[1]} but the vocabulary has ${vocab.size} symbols`);
  return { W, vocab };
}

/**
 * The vocabulary a model file stores in its `itos` metadata (a JSON array of strings); errors
 * name the file.
 *
 * @example vocabularyFromItos('W.safetensors', '[".", "a", "b"]').size // 3
 */
export function vocabularyFromItos(path: string, itosJson: string): Vocabulary {
  let itos: unknown;
  try {
    itos = JSON.parse(itosJson);
  } catch {
    throw new Error(`${path}: the metadata "itos" is not valid JSON`);
  }
  if (!Array.isArray(itos) || !itos.every((s) => typeof s === 'string')) throw new Error(`${path}: the metadata "itos" must be a JSON array of strings`);
  return new Vocabulary(itos);
}
