/**
 * Where the tests find the lecture's data set and PyTorch's reference outputs. Both are in the
 * repository, so the suite needs nothing beside the clone:
 *
 * - the reference outputs are test fixtures, `spec/fixtures/` (copied byte for byte from the
 *   workshop's `../shared/reference/`; see spec/fixtures/README.md);
 * - the names are the library's embedded copy of the lecture's `names.txt`
 *   (`LECTURE_NAMES_TEXT`, bigram/lecture-names.ts). Tests that need it as a file (the CLI and
 *   the lecture script read `--data <file>`) get `namesPath`, a file written from that text.
 *
 * A fixture that is missing is a failing test naming it (`describeIfFile`), never a skip.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { LECTURE_NAMES_TEXT } from '../../bigram/lecture-names.js';

/** The repository root (this file lives in `spec/support/`). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder of the committed reference outputs: `spec/fixtures/`. */
export const fixturesDir = resolve(repoRoot, 'spec', 'fixtures');

/**
 * The lecture's `names.txt` as a file: the embedded text written once to the system's temporary
 * folder, under a name that carries its SHA-256 (so every test worker shares one copy, and a
 * changed text gets a new file). Written to a unique name, then renamed: atomic for the workers.
 */
export const namesPath = writeNamesFile();

function writeNamesFile(): string {
  const bytes = Buffer.from(LECTURE_NAMES_TEXT, 'utf8');
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const path = join(tmpdir(), `makemore-ts-names-${digest}.txt`);
  if (existsSync(path) && statSync(path).size === bytes.length) return path;
  const part = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(part, bytes);
  renameSync(part, path);
  return path;
}

/** Path of a reference file under `spec/fixtures/` (e.g. `torch/lecture.json`). */
export function referencePath(rel: string): string {
  return resolve(fixturesDir, rel);
}

/** Parse a JSON reference file under `spec/fixtures/`. */
export function loadReference<T = any>(rel: string): T {
  return JSON.parse(readFileSync(referencePath(rel), 'utf8')) as T;
}

/** True when the reference file exists. */
export function hasReference(rel: string): boolean {
  return existsSync(referencePath(rel));
}

/**
 * `describe(name, fn)` for tests that read the file `path` (a fixture, or `namesPath`). The
 * files are part of the repository, so a missing one is an error: the suite then reports a
 * failing test naming the file, instead of the tests.
 */
export function describeIfFile(path: string, name: string, fn: () => void): void {
  if (existsSync(path)) describe(name, fn);
  else {
    describe(name, () => {
      it(`needs ${path}`, () => {
        throw new Error(`${path} is missing: the reference fixtures are committed under spec/fixtures/ (see its README.md)`);
      });
    });
  }
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
