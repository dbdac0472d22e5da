/**
 * Every node name the code records (`record(out, 'XBackwardN', …)`, `recordOp(…)`, in engine/ and
 * nn/) appears in docs/autograd.md's derivative table (§7, "Each derivative"), so a learner who
 * sees `grad_fn=<XBackwardN>` finds its derivative there. Names are read from the source text:
 * every string literal of the form `XBackwardN` (or PyTorch's `CopyBackwards`, copy_'s node, the
 * one name without a number), and `'XBackward' + (… '0' : '1')` as both.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { sourceFiles } from '../support/source-files.js';

function recordedNames(): Set<string> {
  const names = new Set<string>();
  for (const file of ['engine', 'nn'].flatMap(sourceFiles)) {
    const text = readFileSync(resolve(repoRoot, file), 'utf8');
    for (const m of text.matchAll(/['"]([A-Z][A-Za-z0-9]*Backward(?:\d+|s))['"]/g)) names.add(m[1]);
    // 'SumBackward' + (dim === undefined ? '0' : '1')
    for (const m of text.matchAll(/'([A-Z][A-Za-z0-9]*Backward)'\s*\+\s*\([^)]*'(\d)'\s*:\s*'(\d)'\)/g)) {
      names.add(m[1] + m[2]);
      names.add(m[1] + m[3]);
    }
  }
  return names;
}

function derivativeTable(): string {
  const doc = readFileSync(resolve(repoRoot, 'docs/autograd.md'), 'utf8');
  const start = doc.indexOf('## 7. Each derivative');
  const end = doc.indexOf('\n## ', start + 1);
  expect(start).toBeGreaterThan(0);
  return doc.slice(start, end).split('\n').filter((line) => line.startsWith('|')).join('\n');
}

describe('docs/autograd.md names every node the engine records', () => {
  it('finds the names (the scan is not empty: exp, sum with and without dims, nn\'s nllLoss)', () => {
    const names = recordedNames();
    expect(names.size).toBeGreaterThan(80);
    for (const n of ['ExpBackward0', 'SumBackward0', 'SumBackward1', 'MeanBackward1', 'NllLossBackward0', 'CopyBackwards']) expect(names.has(n), n).toBe(true);
  });

  it('every recorded …Backward… name is in the derivative table', () => {
    const table = derivativeTable();
    const missing = [...recordedNames()].filter((n) => !table.includes(`\`${n}\``)).sort();
    expect(missing).toEqual([]);
  });
});
