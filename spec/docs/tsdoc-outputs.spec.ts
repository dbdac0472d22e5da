/**
 * A TSDoc example that shows its result, `@example exp(tensor([0, 1])) // tensor([1.0000, 2.7183])`,
 * gives that result today.
 *
 * Scanned: every `.ts` file of engine/, nn/, bigram/ and mlp/; each `@example` line,
 * and each ```ts block that follows an `@example` tag. A line whose comment starts with a printed
 * tensor (`// tensor(…)`) or a boolean (`// true`, `// false:` …; not `// true inside tidy`, a
 * condition) is checked: its last statement is evaluated (the example is TypeScript, compiled by
 * esbuild; the lines before it in the block run first) and `String(value)` must be what the
 * comment starts with (whitespace aside). The package's exports are in scope. Not checked: an
 * example that uses a variable of its own (`W`, `xs`: a ReferenceError), a line whose last
 * statement declares something, or any other comment. The expected text is the example's,
 * written by hand; the engine only computes the value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.js';
import * as nn from '../../nn/index.js';
import * as bigram from '../../bigram/index.js';
import * as mlp from '../../mlp/index.js';
import { repoRoot } from '../support/shared.js';
import { sourceFiles } from '../support/source-files.js';

const scope: Record<string, unknown> = { ...engine, ...nn, ...bigram, ...mlp };
const names = Object.keys(scope);

interface Example {
  /** `file:line` of the `@example` tag. */
  where: string;
  /** The example's lines of code, comments included. */
  lines: string[];
}

function examples(): Example[] {
  const files = ['engine', 'nn', 'bigram', 'mlp'].flatMap(sourceFiles);
  const out: Example[] = [];
  for (const file of files) {
    const lines = readFileSync(join(repoRoot, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      const tag = /@example\b(.*)$/.exec(line);
      if (tag && tag[1].trim() !== '') out.push({ where: `${file}:${i + 1}`, lines: [tag[1]] });
      else if (tag && /^\s*\*\s*```ts\s*$/.test(lines[i + 1] ?? '')) {
        const body: string[] = [];
        for (let j = i + 2; j < lines.length && !/^\s*\*\s*```\s*$/.test(lines[j]); j++) body.push(lines[j].replace(/^\s*\*\s?/, ''));
        out.push({ where: `${file}:${i + 1}`, lines: body });
      }
    });
  }
  return out;
}

/**
 * A line's code split into top-level statements (not inside brackets or strings) and its
 * trailing `//` comment (null when there is none).
 */
function parseLine(line: string): { statements: string[]; comment: string | null } {
  const statements: string[] = [];
  let depth = 0, quote = '', start = 0, comment: string | null = null, end = line.length;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '/' && line[i + 1] === '/') {
      comment = line.slice(i + 2).trim();
      end = i;
      break;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ';' && depth === 0) {
      statements.push(line.slice(start, i));
      start = i + 1;
    }
  }
  statements.push(line.slice(start, end));
  return { statements: statements.map((s) => s.trim()).filter((s) => s !== ''), comment };
}

/** The result a comment shows, or null when it shows none (prose, or a condition after a boolean). */
function shownResult(comment: string | null): string | null {
  if (comment === null) return null;
  if (comment.startsWith('tensor(')) return comment;
  return /^(true|false)(?=$|[:;,.]|\s\()/.test(comment) ? comment : null;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

interface Outcome {
  /** Null when the example uses a name of its own (not evaluated). */
  checks: { expected: string; got: string }[] | null;
  /** What went wrong when it threw (not a ReferenceError). */
  error?: string;
}

/** Run an example; each line that shows a result reports its last statement's value. */
function run(example: Example): Outcome {
  const body: string[] = [], expected: string[] = [];
  for (const line of example.lines) {
    const { statements, comment } = parseLine(line);
    const shown = shownResult(comment);
    const last = statements[statements.length - 1];
    if (shown !== null && last !== undefined && !/^(const|let|var|for|if|while|class|function)\b/.test(last)) {
      body.push(...statements.slice(0, -1).map((s) => `${s};`), `__check(${expected.length}, ${last});`);
      expected.push(shown);
    } else body.push(...statements.map((s) => `${s};`));
  }
  if (expected.length === 0) return { checks: [] };
  const got: string[] = [];
  try {
    const js = transformSync(body.join('\n'), { loader: 'ts' }).code;
    new Function('__check', ...names, js)((k: number, v: unknown) => (got[k] = squash(String(v))), ...names.map((n) => scope[n]));
  } catch (e) {
    if (e instanceof ReferenceError) return { checks: null };
    return { checks: [], error: (e as Error).message };
  }
  return { checks: expected.map((e, k) => ({ expected: squash(e), got: got[k] ?? '(not reached)' })) };
}

describe('TSDoc examples give the results they show', () => {
  const outcomes = examples().map((e) => ({ example: e, outcome: run(e) }));

  it('finds the examples, and checks most of those that show a result', () => {
    const checked = outcomes.flatMap(({ outcome }) => outcome.checks ?? []);
    expect(outcomes.length).toBeGreaterThan(500);
    expect(checked.length).toBeGreaterThan(200);
  });

  it('each checked line gives what its comment shows', () => {
    const wrong: string[] = [];
    for (const { example, outcome } of outcomes) {
      if (outcome.error !== undefined) wrong.push(`${example.where}: throws ${outcome.error}\n  ${example.lines.join('\n  ')}`);
      for (const c of outcome.checks ?? []) {
        if (!c.expected.startsWith(c.got)) wrong.push(`${example.where}:\n  ${example.lines.join('\n  ')}\n  shows ${c.expected}\n  gives ${c.got}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
