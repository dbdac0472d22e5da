/**
 * Safetensors files: {@link writeSafetensors} and {@link parseSafetensors} (bytes, in
 * `safetensors.ts`) joined to reading and writing a file (`file-access.ts`: Node's file system,
 * looked up when called; in a browser these functions throw and the bytes-level ones work).
 */
import { readFileOrExplain, writeFileOrExplain } from './file-access.js';
import { SafetensorsError, parseSafetensors, writeSafetensors, type SafetensorsFile, type SafetensorsTensor } from './safetensors.js';

/**
 * Write tensors to a `.safetensors` file (see {@link writeSafetensors}).
 *
 * @throws SafetensorsError for bad tensors; Error naming the path when the file cannot be written.
 *
 * @example saveSafetensorsFile('W.safetensors', { W: { dtype: 'F32', shape: [27, 27], data: W.toTypedArray() as Float32Array } });
 */
export function saveSafetensorsFile(
  path: string,
  tensors: Record<string, SafetensorsTensor>,
  metadata?: Record<string, string>,
): void {
  writeFileOrExplain(path, writeSafetensors(tensors, metadata), 'safetensors file');
}

/**
 * Read a `.safetensors` file: its tensors and metadata (see {@link parseSafetensors}).
 *
 * @throws Error naming the path when the file cannot be read; SafetensorsError naming the path
 * and the problem when it is not a valid safetensors file.
 *
 * @example parseSafetensorsFile('bigram.safetensors').metadata // { format: 'pt', itos: '[".","a",…]' } after saveModel
 */
export function parseSafetensorsFile(path: string): SafetensorsFile {
  const bytes = readFileOrExplain(path, 'safetensors file');
  try {
    return parseSafetensors(bytes);
  } catch (err) {
    if (err instanceof SafetensorsError) throw new SafetensorsError(`${path}: ${err.message}`);
    throw err;
  }
}

/**
 * The tensors of a `.safetensors` file (its metadata: {@link parseSafetensorsFile}).
 *
 * @example `loadSafetensorsFile('W.safetensors').W.shape` is `[27, 27]`.
 * @throws as {@link parseSafetensorsFile}.
 */
export function loadSafetensorsFile(path: string): Record<string, SafetensorsTensor> {
  return parseSafetensorsFile(path).tensors;
}
