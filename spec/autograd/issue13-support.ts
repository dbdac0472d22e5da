/**
 * Reading spec/fixtures/issue13-semantics.json (PyTorch's answers, produced by
 * scripts/fixtures/issue13_semantics.py) and comparing engine tensors with them.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Tensor } from '../../engine/index.js';

type Json = number | boolean | string | null | Json[] | { [k: string]: Json };

const fixture = JSON.parse(readFileSync(new URL('../fixtures/issue13-semantics.json', import.meta.url), 'utf8')) as {
  cases: Record<string, Record<string, Json>>;
};

/** PyTorch's recorded outputs of one case (`error` holds its message when it raised). */
export function torchCase(name: string): Record<string, Json> {
  const c = fixture.cases[name];
  if (c === undefined) throw new Error(`no PyTorch case ${name} in the fixture`);
  return c;
}

/** Decode the fixture's 'nan', 'inf', '-inf', '-0' strings. */
function decode(v: Json): Json {
  if (Array.isArray(v)) return v.map(decode);
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === '-0') return -0;
  return v;
}

/** The tensor's values equal PyTorch's (exactly, NaN = NaN, and the sign of zero counts). */
export function expectTorch(t: Tensor, expected: Json): void {
  expect(t.tolist()).toEqual(decode(expected));
}

/** The first line of PyTorch's error message for a case that raised. */
export function torchError(name: string): string {
  const e = torchCase(name).error;
  if (typeof e !== 'string') throw new Error(`PyTorch did not raise in case ${name}`);
  return e;
}
