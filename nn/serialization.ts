/**
 * Saving and loading a module's parameters as a safetensors file (the format PyTorch's
 * `safetensors.torch.save_file(model.state_dict(), path)` writes), through the reader and
 * writer in bigram/safetensors.ts. Keys are the dotted parameter names (`linear.weight`).
 */
import { Tensor } from '../engine/index.js';
import { loadSafetensorsFile, saveSafetensorsFile, type SafetensorsTensor } from '../bigram/safetensors.js';
import type { LoadStateDictOptions, LoadStateDictResult, Module } from './module.js';

/** A tensor as a safetensors entry (float32 → F32, float64 → F64, row-major copy). */
function toEntry(name: string, t: Tensor): SafetensorsTensor {
  const shape = [...t.shape];
  if (t.dtype === 'float32') return { dtype: 'F32', shape, data: t.toTypedArray() as Float32Array };
  if (t.dtype === 'float64') return { dtype: 'F64', shape, data: t.toTypedArray() as Float64Array };
  throw new TypeError(`saveStateDict: "${name}" is ${t.dtype}; only float32 and float64 tensors can be saved`);
}

/** A safetensors entry as a tensor (owning a copy of the data). */
function fromEntry(e: SafetensorsTensor): Tensor {
  return e.dtype === 'F32'
    ? Tensor.fromArray(new Float32Array(e.data), e.shape, 'float32')
    : Tensor.fromArray(new Float64Array(e.data), e.shape, 'float64');
}

/**
 * Write `module.stateDict()` to a `.safetensors` file (with `{"format": "pt"}` metadata unless
 * `metadata` says otherwise), readable by `safetensors.torch.load_file`.
 *
 * @example saveStateDict(model, 'bigram.safetensors')
 * @throws TypeError for a non-floating parameter; Error naming the path when it cannot be written.
 */
export function saveStateDict(module: Module, path: string, metadata: Record<string, string> = { format: 'pt' }): void {
  const entries: Record<string, SafetensorsTensor> = {};
  for (const [name, t] of Object.entries(module.stateDict())) entries[name] = toEntry(name, t);
  saveSafetensorsFile(path, entries, metadata);
}

/**
 * The tensors of a `.safetensors` file as a state dict (name → tensor).
 *
 * @example Object.keys(readStateDict('bigram.safetensors')) // ['linear.weight']
 * @throws as `loadSafetensorsFile` (missing file, corrupt file, unsupported dtype).
 */
export function readStateDict(path: string): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, e] of Object.entries(loadSafetensorsFile(path))) out[name] = fromEntry(e);
  return out;
}

/**
 * Load a `.safetensors` file into `module` with {@link Module.loadStateDict} (strict by default:
 * the keys must match, and the shapes always must).
 *
 * @example loadStateDictFile(model, 'bigram.safetensors')
 * @returns the missing and unexpected keys (empty after a strict load).
 * @throws as `readStateDict`, and StateDictError for mismatched keys or shapes.
 */
export function loadStateDictFile(module: Module, path: string, opts: LoadStateDictOptions = {}): LoadStateDictResult {
  return module.loadStateDict(readStateDict(path), opts);
}
