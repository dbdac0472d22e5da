/**
 * The TypeScript source files under a folder of the repository (recursively, `.d.ts` excluded),
 * as repository-relative paths: for the tests that read the code as text (the import graph, the
 * node names the engine records).
 */
import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './shared.js';

/** Every `.ts` file under `dir` (relative to the repository root), e.g. `engine/ops/exp.ts`. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(resolve(repoRoot, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(resolve(repoRoot, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}
