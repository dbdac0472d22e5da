/**
 * Saving and loading the MLP: its five tensors (`C`, `W1`, `b1`, `W2`, `b2`, float32) in a
 * safetensors file (loads in PyTorch with `safetensors.torch.load_file(path)`), the vocabulary
 * (`itos`, a JSON array) and the context length (`block_size`) in the file's metadata.
 *
 * @module
 */
import { Tensor } from '../engine/index.js';
import { parseSafetensorsFile, saveSafetensorsFile } from '../nn/index.js';
import { Vocabulary } from '../bigram/index.js';
import type { MlpParams } from './model.js';

const NAMES = ['C', 'W1', 'b1', 'W2', 'b2'] as const;

/**
 * Save the parameters with the vocabulary and the block size.
 * @example saveMlp('mlp.safetensors', params, vocab);
 */
export function saveMlp(path: string, p: MlpParams, vocab: Vocabulary): void {
  if (p.C.shape[0] !== vocab.size) throw new RangeError(`saveMlp: C has ${p.C.shape[0]} rows but the vocabulary has ${vocab.size} symbols`);
  const blockSize = p.W1.shape[0] / p.C.shape[1];
  const tensors: Record<string, { dtype: 'F32'; shape: number[]; data: Float32Array }> = {};
  for (const k of NAMES) tensors[k] = { dtype: 'F32', shape: [...p[k].shape], data: p[k].detach().contiguous().toTypedArray() as Float32Array };
  saveSafetensorsFile(path, tensors, { format: 'pt', itos: JSON.stringify(vocab.itos), block_size: String(blockSize) });
}

/** An MLP read from a file. */
export interface LoadedMlp {
  /** The parameters (float32 leaves that require grad). */
  params: MlpParams;
  /** The vocabulary saved with them. */
  vocab: Vocabulary;
  /** The context length. */
  blockSize: number;
}

/**
 * Load an MLP saved by {@link saveMlp}, checking that the shapes fit together.
 * @throws Error naming the file and the problem (missing tensor, wrong shape, no vocabulary).
 * @example const { params, vocab } = loadMlp('mlp.safetensors');
 */
export function loadMlp(path: string): LoadedMlp {
  const { tensors, metadata } = parseSafetensorsFile(path);
  const t: Partial<Record<(typeof NAMES)[number], Tensor>> = {};
  for (const k of NAMES) {
    const e = tensors[k];
    if (!e) throw new Error(`${path}: no tensor named "${k}" (the file has ${Object.keys(tensors).join(', ') || 'no tensors'}); is it an MLP model file?`);
    t[k] = Tensor.fromArray(e.dtype === 'F32' ? e.data : Float32Array.from(e.data), e.shape, 'float32').requiresGrad_(true);
  }
  const { C, W1, b1, W2, b2 } = t as Record<(typeof NAMES)[number], Tensor>;
  if (metadata?.itos === undefined) throw new Error(`${path}: the file has no vocabulary ("itos" metadata)`);
  let itos: unknown;
  try {
    itos = JSON.parse(metadata.itos);
  } catch {
    throw new Error(`${path}: the metadata "itos" is not valid JSON`);
  }
  if (!Array.isArray(itos) || !itos.every((s) => typeof s === 'string')) throw new Error(`${path}: the metadata "itos" must be a JSON array of strings`);
  const vocab = new Vocabulary(itos);
  const shapes = `C [${C.shape}], W1 [${W1.shape}], b1 [${b1.shape}], W2 [${W2.shape}], b2 [${b2.shape}]`;
  const ok = C.ndim === 2 && W1.ndim === 2 && b1.ndim === 1 && W2.ndim === 2 && b2.ndim === 1 &&
    C.shape[0] === vocab.size && W1.shape[0] % C.shape[1] === 0 && b1.shape[0] === W1.shape[1] &&
    W2.shape[0] === W1.shape[1] && W2.shape[1] === vocab.size && b2.shape[0] === vocab.size;
  if (!ok) throw new Error(`${path}: the tensors do not fit together (${shapes}, ${vocab.size} symbols)`);
  const blockSize = W1.shape[0] / C.shape[1];
  if (metadata.block_size !== undefined && Number(metadata.block_size) !== blockSize) {
    throw new Error(`${path}: block_size ${metadata.block_size} in the metadata does not match W1 [${W1.shape}] and C [${C.shape}]`);
  }
  return { params: { C, W1, b1, W2, b2 }, vocab, blockSize };
}
