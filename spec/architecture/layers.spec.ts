/**
 * The layers of the code, checked on the import graph (docs/README.md, "Layout"):
 *
 *   engine ← nn ← bigram ← mlp     (an arrow points from what is imported to what imports it)
 *   engine/ops ← engine/fast       never reversed: the fast paths know nothing of the ops
 *   engine/storage.ts              reaches no kernel: importing Storage builds nothing, reserves nothing
 *   engine/memory                  imports no kernel either (the kernels attach their memory to it)
 *
 * The graph is read from the source text (every `import … from`, `export … from`, bare `import`
 * and dynamic `import(…)` of a relative path, in single or double quotes; `import type` counts
 * for the layer rules, not for what runs at import time).
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { sourceFiles } from '../support/source-files.js';

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+(['"])(\.[^'"]+)\3/gm;
const BARE_IMPORT = /^\s*import\s+(['"])(\.[^'"]+)\1/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*(['"])(\.[^'"]+)\1\s*\)/g;

function edgesOf(file: string): Edge[] {
  const text = readFileSync(resolve(repoRoot, file), 'utf8');
  const edges: Edge[] = [];
  const target = (spec: string) => relative(repoRoot, resolve(repoRoot, dirname(file), spec)).replace(/\.js$/, '.ts');
  for (const m of text.matchAll(IMPORT)) edges.push({ from: file, to: target(m[4]), typeOnly: m[2] !== undefined });
  for (const m of text.matchAll(BARE_IMPORT)) edges.push({ from: file, to: target(m[2]), typeOnly: false });
  for (const m of text.matchAll(DYNAMIC_IMPORT)) edges.push({ from: file, to: target(m[2]), typeOnly: false });
  return edges;
}

const files = ['engine', 'nn', 'bigram', 'mlp', 'node'].flatMap(sourceFiles);
const edges = files.flatMap(edgesOf);
const under = (path: string, folder: string) => path.startsWith(`${folder}/`);
const show = (es: Edge[]) => es.map((e) => `${e.from} → ${e.to}`);

/** Every file reached from `start` through imports that run (not `import type`). */
function reachable(start: string): Set<string> {
  const seen = new Set<string>([start]);
  const todo = [start];
  while (todo.length > 0) {
    const f = todo.pop()!;
    for (const e of edges) {
      if (e.from === f && !e.typeOnly && !seen.has(e.to)) {
        seen.add(e.to);
        todo.push(e.to);
      }
    }
  }
  return seen;
}

describe('the import graph follows the layers', () => {
  it('reads a graph of the expected size (the parser finds the imports)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.length).toBeGreaterThan(400);
    // every edge points at a file that exists
    const known = new Set(files);
    expect(edges.filter((e) => !known.has(e.to)).map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  it('engine imports nothing from nn, bigram or mlp', () => {
    expect(show(edges.filter((e) => under(e.from, 'engine') && !under(e.to, 'engine')))).toEqual([]);
  });

  it('nn imports nothing from bigram or mlp', () => {
    expect(show(edges.filter((e) => under(e.from, 'nn') && (under(e.to, 'bigram') || under(e.to, 'mlp'))))).toEqual([]);
  });

  it('bigram never imports mlp (the second lecture builds on the first, not the reverse)', () => {
    expect(show(edges.filter((e) => under(e.from, 'bigram') && under(e.to, 'mlp')))).toEqual([]);
  });

  it('engine, nn, bigram and mlp import nothing from node/ (the Node-only entry sits on top)', () => {
    expect(show(edges.filter((e) => !under(e.from, 'node') && under(e.to, 'node')))).toEqual([]);
  });

  it('engine/fast never imports engine/ops (ops call their fast paths, not the reverse)', () => {
    expect(show(edges.filter((e) => under(e.from, 'engine/fast') && under(e.to, 'engine/ops')))).toEqual([]);
  });

  it('engine/memory imports no kernel and no op', () => {
    expect(show(edges.filter((e) => under(e.from, 'engine/memory') && !e.typeOnly && (under(e.to, 'engine/fast') || under(e.to, 'engine/ops'))))).toEqual([]);
  });

  it('importing engine/storage.ts runs no kernel code (no WebAssembly built, no memory reserved)', () => {
    const reached = [...reachable('engine/storage.ts')];
    expect(reached.filter((f) => under(f, 'engine/fast') || under(f, 'engine/ops'))).toEqual([]);
  });
});
