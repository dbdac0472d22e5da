/**
 * Where the tests find the read-only material beside the project (`../shared`): the lecture's
 * data set and PyTorch's reference outputs.
 *
 * - `MAKEMORE_SHARED` overrides the folder (default: `../shared` next to the repository root).
 * - `MAKEMORE_NAMES` overrides the names file (default: `<shared>/data/names.txt`).
 *
 * Tests that need a file that is absent are reported as skipped with the reason (see
 * `describeIfFile`), never silently passed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

/** The repository root (this file lives in `spec/support/`). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared folder: `$MAKEMORE_SHARED` or `../shared` beside the repository. */
export const sharedDir = process.env.MAKEMORE_SHARED
  ? resolve(process.env.MAKEMORE_SHARED)
  : resolve(repoRoot, '..', 'shared');

/** The lecture's names file: `$MAKEMORE_NAMES` or `<shared>/data/names.txt`. */
export const namesPath = process.env.MAKEMORE_NAMES
  ? resolve(process.env.MAKEMORE_NAMES)
  : resolve(sharedDir, 'data', 'names.txt');

/** Path of a file under `<shared>/reference/`. */
export function referencePath(rel: string): string {
  return resolve(sharedDir, 'reference', rel);
}

/** Parse a JSON reference file under `<shared>/reference/`. */
export function loadReference<T = any>(rel: string): T {
  return JSON.parse(readFileSync(referencePath(rel), 'utf8')) as T;
}

/** True when the reference file exists. */
export function hasReference(rel: string): boolean {
  return existsSync(referencePath(rel));
}

/**
 * `describe` when `path` exists, otherwise a skipped `describe` whose name carries the reason,
 * so the run reports the tests as skipped instead of passing them silently.
 */
export function describeIfFile(path: string, name: string, fn: () => void): void {
  if (existsSync(path)) describe(name, fn);
  else describe.skip(`${name} [skipped: ${path} not found; set MAKEMORE_SHARED or MAKEMORE_NAMES]`, fn);
}

/** A float32 value from its 8-hex-digit bit pattern (the `*_bits` fields of the references). */
export function f32FromBits(hex: string): number {
  const b = new DataView(new ArrayBuffer(4));
  b.setUint32(0, parseInt(hex, 16));
  return b.getFloat32(0);
}

/** The 8-hex-digit bit pattern of a number rounded to float32. */
export function bitsOfF32(x: number): string {
  const b = new DataView(new ArrayBuffer(4));
  b.setFloat32(0, x);
  return b.getUint32(0).toString(16).padStart(8, '0');
}

/** Reference JSON encodes non-finite values as strings: decode one value. */
export function refNumber(v: number | string): number {
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === 'nan') return NaN;
  return v as number;
}
