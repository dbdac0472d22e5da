/**
 * The safetensors file format (Hugging Face), enough of it to save and load a model's weights
 * (`Module.stateDict()`) so that PyTorch (`safetensors.torch.load_file`) can read them and we can
 * read theirs.
 *
 * A file is three parts:
 *
 * ```text
 * ┌──────────────┬──────────────────────────────────┬──────────────────────────────┐
 * │ N: u64, LE   │ header: N bytes of UTF-8 JSON    │ data: the tensors' bytes     │
 * │ (8 bytes)    │ padded with spaces to 8k bytes   │ packed back to back, LE      │
 * └──────────────┴──────────────────────────────────┴──────────────────────────────┘
 * header = {"__metadata__": {"format": "pt"},
 *           "W": {"dtype": "F32", "shape": [27, 27], "data_offsets": [0, 2916]}}
 * ```
 *
 * `data_offsets` are `[begin, end)` byte offsets into the data part (not the file). Tensors are
 * row-major ("C" order), little-endian whatever the machine, and together they cover the data
 * part exactly: sorted by offset, the first starts at 0 and each starts where the previous one
 * ends, and the last ends at the end of the file. `__metadata__` is an optional map of strings.
 *
 * The reader checks all of that and says what is wrong; it is meant to be safe on any file.
 * It reads F32 and F64 tensors; the writer writes them. Values are copied byte for byte, so
 * -0, infinities and the bit pattern of every NaN survive a round trip.
 *
 * This module works on bytes only (no file access), so it runs in a browser as well; reading
 * and writing files is `safetensors-file.ts`.
 */

/** The dtypes this module reads and writes. */
export type SafetensorsDtype = 'F32' | 'F64';

/** One tensor: its dtype, shape and row-major elements (`data.length` = product of `shape`). */
export type SafetensorsTensor = SafetensorsF32 | SafetensorsF64;

/** A float32 tensor of a safetensors file. */
export interface SafetensorsF32 {
  /** `F32`: little-endian IEEE binary32. */
  dtype: 'F32';
  /** Size of each dimension. */
  shape: number[];
  /** The elements, row-major. */
  data: Float32Array;
}

/** A float64 tensor of a safetensors file. */
export interface SafetensorsF64 {
  /** `F64`: little-endian IEEE binary64. */
  dtype: 'F64';
  /** Size of each dimension. */
  shape: number[];
  /** The elements, row-major. */
  data: Float64Array;
}

/** A whole file: the named tensors and the string-to-string `__metadata__` (empty if absent). */
export interface SafetensorsFile {
  /** The tensors by name. */
  tensors: Record<string, SafetensorsTensor>;
  /** The `__metadata__` strings (empty if absent). */
  metadata: Record<string, string>;
}

/** Every dtype of the format and its size in bytes (the reader names the unsupported ones). */
const DTYPE_SIZES: Record<string, number> = {
  BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1,
  I16: 2, U16: 2, F16: 2, BF16: 2,
  I32: 4, U32: 4, F32: 4,
  I64: 8, U64: 8, F64: 8,
};

/** Typed-array constructors of the supported dtypes. */
const ARRAY_TYPES = { F32: Float32Array, F64: Float64Array } as const;

/** The reference implementation refuses headers above 100 MB (a guard against hostile files). */
export const MAX_HEADER_BYTES = 100_000_000;

/** The reserved header key for free-form metadata. */
const METADATA_KEY = '__metadata__';

/**
 * An error in a safetensors file or in tensors given to the writer.
 * @example try { parseSafetensors(new Uint8Array(3)); } catch (e) { if (e instanceof SafetensorsError) console.error(e.message); }
 */
export class SafetensorsError extends Error {
  /** The error's class name. */
  override name = 'SafetensorsError';
}

/** True on a little-endian machine (nearly all of them); the file is little-endian always. */
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Copy `bytes` into a fresh buffer, reversing each `width`-byte group on a big-endian machine so
 * that the copy is in host order (reading) or little-endian order (writing): the same swap both
 * ways. A plain byte copy, never a number conversion, so NaN payloads are kept.
 */
function copyLittleEndian(bytes: Uint8Array, width: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes); // copies, and the copy starts at offset 0 (aligned)
  if (!HOST_IS_LITTLE_ENDIAN) {
    for (let i = 0; i < out.length; i += width) out.subarray(i, i + width).reverse();
  }
  return out;
}

/** The number of elements of a shape (1 for the scalar shape `[]`). */
function numel(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/** `[27,27]` → `"[27, 27]"` for messages. */
function showShape(shape: readonly unknown[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * An empty object to use as a string-keyed map. Its prototype is null so that any name, even
 * `"__proto__"`, becomes an ordinary property (on a `{}` that name would set the prototype).
 */
function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A non-negative integer small enough to be exact in a JS number. */
function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

// ─── writing ─────────────────────────────────────────────────────────────────────────────────

/**
 * Serialise tensors to the bytes of a safetensors file.
 *
 * Like the reference writer, tensors are laid out by decreasing dtype size, then by name, and
 * the header is padded with spaces so the data starts at a multiple of 8 bytes.
 *
 * @param tensors - name → tensor. Names must be non-empty and not `__metadata__`.
 * @param metadata - optional strings stored under `__metadata__` (e.g. `{ format: 'pt' }`).
 * @returns the file's bytes.
 * @throws SafetensorsError when a tensor's shape does not match its data, its dtype does not
 * match its array type, a name is not allowed, or a metadata value is not a string.
 *
 * @example writeSafetensors({ W: { dtype: 'F32', shape: [2], data: new Float32Array([1, 2]) } }, { format: 'pt' }) // the file's bytes
 */
export function writeSafetensors(
  tensors: Record<string, SafetensorsTensor>,
  metadata?: Record<string, string>,
): Uint8Array {
  const names = Object.keys(tensors);
  for (const name of names) checkTensorToWrite(name, tensors[name]);
  names.sort((a, b) => DTYPE_SIZES[tensors[b].dtype] - DTYPE_SIZES[tensors[a].dtype] || (a < b ? -1 : a > b ? 1 : 0));

  const header = emptyRecord<unknown>();
  if (metadata !== undefined && Object.keys(metadata).length > 0) {
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') {
        throw new SafetensorsError(`metadata "${key}" must be a string, got ${typeof value}`);
      }
    }
    header[METADATA_KEY] = metadata;
  }
  let offset = 0;
  for (const name of names) {
    const { dtype, shape, data } = tensors[name];
    header[name] = { dtype, shape, data_offsets: [offset, offset + data.byteLength] };
    offset += data.byteLength;
  }

  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength); // spaces
  let at = 8 + headerLength;
  for (const name of names) {
    const { data } = tensors[name];
    out.set(copyLittleEndian(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), data.BYTES_PER_ELEMENT), at);
    at += data.byteLength;
  }
  return out;
}

/** The writer's checks on one tensor. */
function checkTensorToWrite(name: string, tensor: SafetensorsTensor): void {
  if (name === '' || name === METADATA_KEY) {
    throw new SafetensorsError(`a tensor cannot be named ${JSON.stringify(name)}`);
  }
  const { dtype, shape, data } = tensor;
  const ArrayType = ARRAY_TYPES[dtype];
  if (ArrayType === undefined) {
    throw new SafetensorsError(`tensor "${name}": dtype ${JSON.stringify(dtype)} cannot be written (supported: F32, F64)`);
  }
  if (!(data instanceof ArrayType)) {
    throw new SafetensorsError(`tensor "${name}": dtype ${dtype} needs its data in a ${ArrayType.name}`);
  }
  if (!Array.isArray(shape) || !shape.every(isIndex)) {
    throw new SafetensorsError(`tensor "${name}": shape must be a list of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  if (numel(shape) !== data.length) {
    throw new SafetensorsError(
      `tensor "${name}": shape ${showShape(shape)} has ${numel(shape)} elements but the data has ${data.length}`,
    );
  }
}

// ─── reading ─────────────────────────────────────────────────────────────────────────────────

/** A header entry after its fields have been checked. */
interface Entry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Parse the bytes of a safetensors file, checking everything: the header length, the JSON,
 * every entry (dtype, shape, offsets, sizes), and that the tensors tile the data part exactly.
 *
 * @returns the tensors (each with its own freshly allocated array) and the metadata.
 * @throws SafetensorsError saying what is wrong: file shorter than 8 bytes, header length past
 * the end of the file or over 100 MB, header not UTF-8 / not JSON / not an object / with a
 * duplicate name, an unknown or unsupported dtype (named), a bad shape or offsets, a size that
 * does not match shape × dtype, offsets outside the data, overlapping tensors or a gap between
 * them, truncated data, or bytes after the last tensor.
 *
 * @example parseSafetensors(writeSafetensors({ W: { dtype: 'F32', shape: [2], data: new Float32Array([1, 2]) } })).tensors.W.shape // [2]
 */
export function parseSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (bytes.length < 8) {
    throw new SafetensorsError(
      `file is only ${bytes.length} bytes long; a safetensors file starts with an 8-byte header length`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_BYTES)) {
    throw new SafetensorsError(`header length ${n} bytes is over the ${MAX_HEADER_BYTES}-byte limit (not a safetensors file?)`);
  }
  const headerLength = Number(n);
  if (8 + headerLength > bytes.length) {
    throw new SafetensorsError(
      `header length ${headerLength} bytes goes past the end of the file (${bytes.length} bytes, so at most ` +
        `${bytes.length - 8} bytes of header)`,
    );
  }
  const header = parseHeader(bytes.subarray(8, 8 + headerLength));
  const data = bytes.subarray(8 + headerLength);

  const metadata = readMetadata(header[METADATA_KEY]);
  const entries = Object.keys(header)
    .filter((name) => name !== METADATA_KEY)
    .map((name) => readEntry(name, header[name]));
  checkLayout(entries, data.length);

  const tensors = emptyRecord<SafetensorsTensor>();
  for (const { name, dtype, shape, begin, end } of entries) {
    const ArrayType = ARRAY_TYPES[dtype];
    const copy = copyLittleEndian(data.subarray(begin, end), ArrayType.BYTES_PER_ELEMENT);
    const array = new ArrayType(copy.buffer, 0, (end - begin) / ArrayType.BYTES_PER_ELEMENT);
    tensors[name] = { dtype, shape, data: array } as SafetensorsTensor;
  }
  return { tensors, metadata };
}

/**
 * The tensors of a safetensors file (see {@link parseSafetensors} for the checks).
 *
 * @example `readSafetensors(bytes).W` is `{ dtype: 'F32', shape: [27, 27], data: Float32Array(729) }`.
 */
export function readSafetensors(bytes: Uint8Array): Record<string, SafetensorsTensor> {
  return parseSafetensors(bytes).tensors;
}

/** Decode and parse the JSON header; it must be a JSON object with no repeated name. */
function parseHeader(headerBytes: Uint8Array): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(headerBytes);
  } catch {
    throw new SafetensorsError('header is not valid UTF-8');
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (err) {
    throw new SafetensorsError(`header is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new SafetensorsError(`header must be a JSON object, got ${Array.isArray(header) ? 'an array' : JSON.stringify(header)}`);
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== undefined) {
    throw new SafetensorsError(`header names ${JSON.stringify(duplicate)} twice (duplicate keys are not allowed)`);
  }
  return header as Record<string, unknown>;
}

/**
 * The first key that occurs twice at the top level of a JSON object text, if any. `JSON.parse`
 * silently keeps the last of two equal keys; the format forbids them. Walks the (already valid)
 * JSON, tracking nesting depth and skipping over strings; a string at depth 1 followed by `:`
 * is a key.
 */
function firstDuplicateKey(json: string): string | undefined {
  const seen = new Set<string>();
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      let j = i + 1; // find the closing quote, stepping over escapes such as \"
      while (json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      let k = j + 1; // a key is followed by optional whitespace and ':'
      while (k < json.length && ' \t\n\r'.includes(json[k])) k++;
      if (depth === 1 && json[k] === ':') {
        const key = JSON.parse(json.slice(i, j + 1)) as string;
        if (seen.has(key)) return key;
        seen.add(key);
      }
      i = j;
    }
  }
  return undefined;
}

/** Check `__metadata__`: absent, or an object whose values are all strings. */
function readMetadata(value: unknown): Record<string, string> {
  if (value === undefined) return emptyRecord<string>();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SafetensorsError(`"${METADATA_KEY}" must be an object of strings, got ${JSON.stringify(value)}`);
  }
  const metadata = emptyRecord<string>();
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      throw new SafetensorsError(`"${METADATA_KEY}"."${key}" must be a string, got ${JSON.stringify(v)}`);
    }
    metadata[key] = v;
  }
  return metadata;
}

/** Check one header entry on its own: fields present and well-typed, dtype supported, size. */
function readEntry(name: string, value: unknown): Entry {
  const where = `tensor "${name}"`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SafetensorsError(`${where}: header entry must be an object with dtype, shape and data_offsets`);
  }
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (typeof dtype !== 'string') {
    throw new SafetensorsError(`${where}: "dtype" must be a string such as "F32", got ${JSON.stringify(dtype)}`);
  }
  if (!(dtype in DTYPE_SIZES)) {
    throw new SafetensorsError(`${where}: unknown dtype "${dtype}"`);
  }
  if (!(dtype in ARRAY_TYPES)) {
    throw new SafetensorsError(`${where}: dtype "${dtype}" is not supported (this reader supports F32 and F64)`);
  }
  if (!Array.isArray(shape) || !shape.every(isIndex)) {
    throw new SafetensorsError(`${where}: "shape" must be a list of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex)) {
    throw new SafetensorsError(
      `${where}: "data_offsets" must be [begin, end] with non-negative integers, got ${JSON.stringify(offsets)}`,
    );
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) {
    throw new SafetensorsError(`${where}: data_offsets [${begin}, ${end}] end before they begin`);
  }
  const needed = numel(shape) * DTYPE_SIZES[dtype];
  if (!Number.isSafeInteger(needed)) {
    throw new SafetensorsError(`${where}: shape ${showShape(shape)} is too large`);
  }
  if (needed !== end - begin) {
    throw new SafetensorsError(
      `${where}: shape ${showShape(shape)} of ${dtype} needs ${needed} bytes, but data_offsets [${begin}, ${end}] ` +
        `span ${end - begin}`,
    );
  }
  return { name, dtype: dtype as SafetensorsDtype, shape: shape as number[], begin, end };
}

/**
 * Check that the tensors tile the data part: sorted by offsets, the first begins at 0, each
 * begins where the previous ends, and the last ends at the end of the file.
 */
function checkLayout(entries: Entry[], dataLength: number): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  // Find the first break in the tiling, if any, before reporting out-of-range offsets: when the
  // tensors tile well and only the file is short, "truncated" is the better message.
  let tiling: string | undefined;
  let expected = 0;
  let previous: Entry | undefined;
  for (const e of sorted) {
    if (e.begin < expected) {
      tiling = `tensors "${previous!.name}" [${previous!.begin}, ${previous!.end}] and "${e.name}" [${e.begin}, ${e.end}] overlap`;
    } else if (e.begin > expected) {
      tiling =
        previous === undefined
          ? `tensor "${e.name}" starts at byte ${e.begin} of the data, not 0: the first ${e.begin} bytes belong to no tensor`
          : `gap of ${e.begin - expected} bytes between tensors "${previous.name}" (ends at ${expected}) and "${e.name}" ` +
            `(starts at ${e.begin}): tensors must be contiguous`;
    }
    if (tiling !== undefined) break;
    expected = e.end;
    previous = e;
  }
  const outside = sorted.find((e) => e.end > dataLength);
  if (outside !== undefined) {
    if (tiling === undefined) {
      throw new SafetensorsError(
        `data is truncated: the header describes ${expected} bytes of tensor data but only ${dataLength} follow ` +
          `the header (tensor "${outside.name}" needs bytes [${outside.begin}, ${outside.end}))`,
      );
    }
    throw new SafetensorsError(
      `tensor "${outside.name}": data_offsets [${outside.begin}, ${outside.end}] are out of range: ` +
        `the data part holds ${dataLength} bytes`,
    );
  }
  if (tiling !== undefined) throw new SafetensorsError(tiling);
  if (expected < dataLength) {
    throw new SafetensorsError(
      `${dataLength - expected} bytes at the end of the file belong to no tensor (the header describes ${expected} ` +
        `bytes of data, the file has ${dataLength})`,
    );
  }
}
