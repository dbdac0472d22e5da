/**
 * Saving and loading the neural bigram model: W as a float32 tensor named `W` in a safetensors
 * file (loads in PyTorch with `safetensors.torch.load_file(path)["W"]`), with the vocabulary in
 * the file's metadata (`itos`, a JSON array) so `sample` needs no data set.
 */
import { Tensor } from '../engine/index.js';
import { parseSafetensorsFile, saveSafetensorsFile } from '../nn/index.js';
import { Vocabulary } from './data.js';

/**
 * Save W (V×V float32) and its vocabulary.
 * @example saveModel('bigram.safetensors', W, vocab);
 */
export function saveModel(path: string, W: Tensor, vocab: Vocabulary): void {
  if (W.ndim !== 2 || W.shape[0] !== vocab.size || W.shape[1] !== vocab.size) {
    throw new RangeError(`saveModel: W has shape [${W.shape.join(', ')}] but the vocabulary has ${vocab.size} symbols`);
  }
  const data = W.detach().float().contiguous().toTypedArray() as Float32Array;
  saveSafetensorsFile(path, { W: { dtype: 'F32', shape: [...W.shape], data } }, { format: 'pt', itos: JSON.stringify(vocab.itos) });
}

/** A model read from a file. */
export interface LoadedModel {
  /** The V×V weights (float32). */
  W: Tensor;
  /** The vocabulary it was trained with. */
  vocab: Vocabulary;
}

/**
 * Load W and the vocabulary saved with it (or `fallback` when the file has none).
 * @example const { W, vocab } = loadModel('bigram.safetensors');
 */
export function loadModel(path: string, fallback?: Vocabulary): LoadedModel {
  const { tensors, metadata } = parseSafetensorsFile(path);
  const names = Object.keys(tensors);
  const t = tensors.W ?? (names.length === 1 ? tensors[names[0]] : undefined);
  if (!t) throw new Error(`${path}: no tensor named "W" (the file has ${names.length ? names.join(', ') : 'no tensors'})`);
  if (t.shape.length !== 2 || t.shape[0] !== t.shape[1]) throw new Error(`${path}: W must be a square matrix, got shape [${t.shape.join(', ')}]`);
  const W = Tensor.fromArray(t.dtype === 'F32' ? t.data : Float32Array.from(t.data), t.shape, 'float32');
  let vocab = fallback;
  if (metadata?.itos !== undefined) {
    let itos: unknown;
    try {
      itos = JSON.parse(metadata.itos);
    } catch {
      throw new Error(`${path}: the metadata "itos" is not valid JSON`);
    }
    if (!Array.isArray(itos) || !itos.every((s) => typeof s === 'string')) throw new Error(`${path}: the metadata "itos" must be a JSON array of strings`);
    vocab = new Vocabulary(itos);
  }
  if (!vocab) throw new Error(`${path}: the file has no vocabulary ("itos" metadata); pass --data with the names it was trained on`);
  if (vocab.size !== t.shape[0]) throw new Error(`${path}: W is ${t.shape[0]}×${t.shape[1]} but the vocabulary has ${vocab.size} symbols`);
  return { W, vocab };
}
