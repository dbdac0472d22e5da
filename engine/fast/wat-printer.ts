/**
 * The WebAssembly text (WAT) of a module made by `encodeModule`: the same functions, with the
 * names of their parameters and locals, one instruction per line, nested `block`/`loop`/`if`
 * indented. docs/kernels.wat is the engine's kernels printed by it (kept current by
 * spec/fast-paths/kernels-wat.spec.ts), so that a learner can read the instructions the drivers
 * run.
 */
import { typeName, type FunctionDef, type MemoryImport } from './wasm-encoder.js';

/** The text of one function: `(func $name (export "name") (param $a i32) … (result …)`, its locals, its body. */
export function printFunction(f: FunctionDef): string {
  const { code } = f;
  const params = code.locals.slice(0, code.paramCount).map((l) => ` (param $${l.name} ${typeName(l.type)})`).join('');
  const results = f.results.map((t) => ` (result ${typeName(t)})`).join('');
  const lines = [`(func $${f.name} (export "${f.name}")${params}${results}`];
  for (const l of code.locals.slice(code.paramCount)) lines.push(`  (local $${l.name} ${typeName(l.type)})`);
  let depth = 1;
  for (const ins of code.instructions) {
    if (ins.nesting < 0) depth--;
    const indent = '  '.repeat(ins.text === 'else' ? depth - 1 : depth);
    lines.push(indent + ins.text);
    if (ins.nesting > 0) depth++;
  }
  if (depth !== 1) throw new Error(`printFunction: $${f.name} has ${depth - 1} unclosed block(s)`);
  return lines.join('\n') + ')';
}

/** The text of the module `encodeModule(memory, functions)` encodes. */
export function printModule(memory: MemoryImport, functions: FunctionDef[]): string {
  const limits = `${memory.minPages} ${memory.maxPages}${memory.shared ? ' shared' : ''}`;
  const body = [`(import "env" "memory" (memory ${limits}))`, ...functions.map(printFunction)];
  return `(module\n${body.map((text) => text.replace(/^/gm, '  ')).join('\n\n')})\n`;
}
