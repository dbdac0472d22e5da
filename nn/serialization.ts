/**
 * Saving and loading a module's parameters in the safetensors format (what PyTorch's
 * `safetensors.torch.save_file(model.state_dict(), path)` writes), through the reader and
 * writer in safetensors.ts. Keys are the dotted parameter names (`linear.weight`).
 *
 * As bytes (`stateDictToSafetensors`, `stateDictFromSafetensors`: anywhere, a browser too) or as
 * files (`saveStateDict`, `readStateDict`, `loadStateDictFile`: where there is a file system).
 */
import { Tensor } from '../engine/index.js';
import { parseSafetensors, writeSafetensors, type SafetensorsTensor } from './safetensors.js';
import { loadSafetensorsFile, saveSafetensorsFile } from './safetensors-file.js';
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

/** name → safetensors entry for every tensor of `module.stateDict()`. */
function entriesOf(module: Module): Record<string, SafetensorsTensor> {
  const entries: Record<string, SafetensorsTensor> = {};
  for (const [name, t] of Object.entries(module.stateDict())) entries[name] = toEntry(name, t);
  return entries;
}

/** name → tensor for every entry. */
function tensorsOf(entries: Record<string, SafetensorsTensor>): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, e] of Object.entries(entries)) out[name] = fromEntry(e);
  return out;
}

/**
 * `module.stateDict()` as the bytes of a safetensors file (with `{"format": "pt"}` metadata
 * unless `metadata` says otherwise): for a download, IndexedDB, a fetch body.
 *
 * @example const bytes = stateDictToSafetensors(model); // Uint8Array, readable by safetensors.torch.load
 * @throws TypeError for a non-floating parameter.
 */
export function stateDictToSafetensors(module: Module, metadata: Record<string, string> = { format: 'pt' }): Uint8Array {
  return writeSafetensors(entriesOf(module), metadata);
}

/**
 * The tensors of a safetensors file's bytes as a state dict (name → tensor), for
 * {@link Module.loadStateDict}.
 *
 * @example model.loadStateDict(stateDictFromSafetensors(new Uint8Array(await (await fetch('bigram.safetensors')).arrayBuffer())))
 * @throws SafetensorsError when the bytes are not a valid safetensors file (see parseSafetensors).
 */
export function stateDictFromSafetensors(bytes: Uint8Array): Record<string, Tensor> {
  return tensorsOf(parseSafetensors(bytes).tensors);
}

/**
 * Write `module.stateDict()` to a `.safetensors` file (with `{"format": "pt"}` metadata unless
 * `metadata` says otherwise), readable by `safetensors.torch.load_file`.
 *
 * @example saveStateDict(model, 'bigram.safetensors')
 * @throws TypeError for a non-floating parameter; Error naming the path when it cannot be written.
 */
export function saveStateDict(module: Module, path: string, metadata: Record<string, string> = { format: 'pt' }): void {
  saveSafetensorsFile(path, entriesOf(module), metadata);
}

/**
 * The tensors of a `.safetensors` file as a state dict (name → tensor).
 *
 * @example Object.keys(readStateDict('bigram.safetensors')) // ['linear.weight']
 * @throws as `loadSafetensorsFile` (missing file, corrupt file, unsupported dtype).
 */
export function readStateDict(path: string): Record<string, Tensor> {
  return tensorsOf(loadSafetensorsFile(path));
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
