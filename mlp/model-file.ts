/**
 * Saving and loading the MLP: its five tensors (`C`, `W1`, `b1`, `W2`, `b2`, float32) in a
 * safetensors file (loads in PyTorch with `safetensors.torch.load_file(path)`), the vocabulary
 * (`itos`, a JSON array) and the context length (`block_size`) in the file's metadata.
 *
 * @module
 */
import { Tensor } from '../engine/index.js';
import { parseSafetensorsFile, saveSafetensorsFile } from '../nn/index.js';
import { Vocabulary, vocabularyFromItos } from '../bigram/index.js';
import type { MlpParams } from './model.js';

const NAMES = ['C', 'W1', 'b1', 'W2', 'b2'] as const;

/**
 * Why the parameters cannot be a usable model, or `undefined` when they can: the count of values
 * that are not finite (NaN or ±Infinity: from a training run that diverged) and the first one,
 * named by tensor and index.
 *
 * @example mlpParamsProblem(p) // undefined, or '3 of the 11897 parameters are not finite (the first, W1[0, 4], is NaN)'
 */
export function mlpParamsProblem(p: MlpParams): string | undefined {
  let count = 0;
  let total = 0;
  let first = '';
  for (const k of NAMES) {
    const t = p[k];
    const data = t.detach().contiguous().toTypedArray();
    const cols = t.ndim === 2 ? t.shape[1] : data.length;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) {
        if (count === 0) first = `${k}[${t.ndim === 2 ? `${Math.floor(i / cols)}, ${i % cols}` : i}], is ${data[i]}`;
        count++;
      }
    }
    total += data.length;
  }
  if (count === 0) return undefined;
  return `${count} of the ${total} parameters ${count === 1 ? 'is' : 'are'} not finite (the first, ${first})`;
}

/**
 * Save the parameters with the vocabulary and the block size. Parameters that are not all finite
 * (see {@link mlpParamsProblem}) are refused: nothing is written.
 * @throws RangeError when C does not fit the vocabulary or a parameter is not finite; Error
 * naming the path when the file cannot be written.
 * @example saveMlp('mlp.safetensors', params, vocab);
 */
export function saveMlp(path: string, p: MlpParams, vocab: Vocabulary): void {
  if (p.C.shape[0] !== vocab.size) throw new RangeError(`saveMlp: C has ${p.C.shape[0]} rows but the vocabulary has ${vocab.size} symbols`);
  const problem = mlpParamsProblem(p);
  if (problem) throw new RangeError(`saveMlp: ${problem}; nothing was written to "${path}"`);
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
 * @throws Error naming the file and the problem (missing tensor, wrong shape, no vocabulary, a
 * parameter that is not finite: such a file comes from a training run that diverged).
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
  const vocab = vocabularyFromItos(path, metadata.itos);
  const shapes = `C [${C.shape}], W1 [${W1.shape}], b1 [${b1.shape}], W2 [${W2.shape}], b2 [${b2.shape}]`;
  const ok = C.ndim === 2 && W1.ndim === 2 && b1.ndim === 1 && W2.ndim === 2 && b2.ndim === 1 &&
    C.shape[0] === vocab.size && W1.shape[0] % C.shape[1] === 0 && b1.shape[0] === W1.shape[1] &&
    W2.shape[0] === W1.shape[1] && W2.shape[1] === vocab.size && b2.shape[0] === vocab.size;
  if (!ok) throw new Error(`${path}: the tensors do not fit together (${shapes}, ${vocab.size} symbols)`);
  const blockSize = W1.shape[0] / C.shape[1];
  if (metadata.block_size !== undefined && Number(metadata.block_size) !== blockSize) {
    throw new Error(`${path}: block_size ${metadata.block_size} in the metadata does not match W1 [${W1.shape}] and C [${C.shape}]`);
  }
  const params = { C, W1, b1, W2, b2 };
  const problem = mlpParamsProblem(params);
  if (problem) throw new Error(`${path}: ${problem}; the model is unusable (it may come from a training run that diverged: train again with a smaller learning rate)`);
  return { params, vocab, blockSize };
}
