/**
 * A one-line TSDoc example that shows its result as a printed tensor,
 * `@example exp(tensor([0, 1])) // tensor([1.0000, 2.7183])`, prints that today.
 *
 * Scanned: every `.ts` file of engine/, nn/, bigram/ and mlp/ known to git. Checked: each line
 * `@example <expression> // tensor(…)` whose expression uses only the package's exports (the
 * entry points' names, in scope) and literals; it is evaluated and `String(result)` must equal the
 * comment (whitespace aside; the comment may go on after the tensor, e.g. `tensor(2.) = …`). The
 * expression is TypeScript (compiled with esbuild); several statements (`manualSeed(42); randn(2)`)
 * give the last one's value.
 * Not checked: examples with a variable of their own (`W`, `xs`: a ReferenceError when evaluated),
 * or a comment that is not a printed tensor. The expected text is the
 * example's, written by hand; the engine only computes the value.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.js';
import * as nn from '../../nn/index.js';
import * as bigram from '../../bigram/index.js';
import * as mlp from '../../mlp/index.js';
import { repoRoot } from '../support/shared.js';

const scope: Record<string, unknown> = { ...engine, ...nn, ...bigram, ...mlp };
const names = Object.keys(scope);

interface Example {
  where: string;
  code: string;
  expected: string;
}

function examples(): Example[] {
  const files = execFileSync('git', ['ls-files', 'engine', 'nn', 'bigram', 'mlp'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.ts'));
  const out: Example[] = [];
  for (const file of files) {
    readFileSync(join(repoRoot, file), 'utf8').split('\n').forEach((line, i) => {
      const m = /@example\s+(.+?)\s*\/\/\s*(tensor\(.*)$/.exec(line);
      if (m) out.push({ where: `${file}:${i + 1}`, code: m[1].replace(/;\s*$/, ''), expected: m[2] });
    });
  }
  return out;
}

/** `a; b; c` → ['a', 'b', 'c'], at the top level only (not inside brackets or strings). */
function statements(code: string): string[] {
  const parts: string[] = [];
  let depth = 0, quote = '', start = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (quote) {
      if (c === quote && code[i - 1] !== '\\') quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ';' && depth === 0) {
      parts.push(code.slice(start, i));
      start = i + 1;
    }
  }
  return [...parts, code.slice(start)].map((p) => p.trim()).filter((p) => p !== '');
}

/** The value of the example's last statement, or undefined when it names something outside the package's exports. */
function evaluate(code: string): { value: unknown } | undefined {
  // TypeScript to JavaScript (non-null assertions, `as`), then the last statement is returned
  const js = transformSync(code, { loader: 'ts' }).code;
  const parts = statements(js);
  const body = [...parts.slice(0, -1), `return (${parts[parts.length - 1]})`].join(';\n');
  try {
    return { value: new Function(...names, `"use strict";\n${body}`)(...names.map((n) => scope[n])) };
  } catch (e) {
    if (e instanceof ReferenceError) return undefined;
    throw e;
  }
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('TSDoc examples print the tensors they show', () => {
  const all = examples();

  it('finds the examples, and evaluates most of them', () => {
    expect(all.length).toBeGreaterThan(150);
    expect(all.filter((e) => evaluate(e.code) !== undefined).length).toBeGreaterThan(150);
  });

  it('each self-contained `@example … // tensor(…)` prints what its comment says', () => {
    const wrong: string[] = [];
    for (const e of all) {
      let got: string;
      try {
        const r = evaluate(e.code);
        if (r === undefined) continue;
        got = squash(String(r.value));
      } catch (err) {
        wrong.push(`${e.where}: ${e.code} throws ${(err as Error).message}`);
        continue;
      }
      const expected = squash(e.expected);
      if (!expected.startsWith(got)) wrong.push(`${e.where}: ${e.code}\n  says ${expected}\n  gives ${got}`);
    }
    expect(wrong).toEqual([]);
  });
});
