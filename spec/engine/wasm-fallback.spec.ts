/**
 * The plain-loop fallback: where WebAssembly cannot be compiled (a page whose
 * Content-Security-Policy lacks 'wasm-unsafe-eval', `node --jitless`, old runtimes), the engine
 * still loads and computes the same results with its plain loops, with at most one warning.
 *
 * Each case runs `wasm-fallback-probe.ts` in a child process (the kernels are built once, when
 * the engine is loaded): normally (SIMD kernels), with WebAssembly compilation made to throw as a
 * browser does under such a policy, and under `node --jitless` (no WebAssembly at all). The
 * results (float32 bits of matmul, exp, the arithmetic ops, sums, a gradient; inside and outside
 * `tidy`) must be the same bits in all three.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

interface Probe {
  status: number | null;
  report: { simd: boolean; wasm: string; results: Record<string, string> };
  stderr: string[];
}

/** `node [flags] --import tsx wasm-fallback-probe.ts [mode]` from the repository root. */
function probe(flags: string[], mode: string[]): Promise<Probe> {
  return new Promise((resolvePromise, reject) => {
    const script = join('spec', 'engine', 'wasm-fallback-probe.ts');
    const child = spawn(process.execPath, [...flags, '--import', 'tsx', script, ...mode], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => {
      try {
        resolvePromise({ status, report: JSON.parse(stdout), stderr: stderr.split('\n').filter((l) => l !== '') });
      } catch {
        reject(new Error(`probe ${[...flags, ...mode].join(' ')} exited ${status}:\n${stdout}\n${stderr}`));
      }
    });
  });
}

/** The engine's warnings among the stderr lines. */
const engineWarnings = (lines: string[]) => lines.filter((l) => l.includes('makemore-ts:'));

describe('the plain-loop fallback when WebAssembly cannot be compiled', () => {
  let simd: Probe, forbidden: Probe, jitless: Probe;
  beforeAll(async () => {
    [simd, forbidden, jitless] = await Promise.all([probe([], []), probe([], ['forbid']), probe(['--jitless'], [])]);
  }, 300_000);

  it('normally the SIMD kernels are in use, without a warning', () => {
    expect(simd.status).toBe(0);
    expect(simd.report.simd).toBe(true);
    expect(engineWarnings(simd.stderr)).toEqual([]);
    expect(Object.keys(simd.report.results).length).toBe(26);
  });

  it('compilation refused (as under a CSP without wasm-unsafe-eval): the same bits from the plain loops', () => {
    expect(forbidden.status).toBe(0);
    expect(forbidden.report.simd).toBe(false);
    expect(forbidden.report.results).toEqual(simd.report.results);
  });

  it('compilation refused: exactly one warning, naming the cause and the remedy', () => {
    const warnings = engineWarnings(forbidden.stderr);
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toContain('WebAssembly cannot be compiled here');
    expect(warnings[0]).toContain("Refused to compile or instantiate WebAssembly module because 'wasm-unsafe-eval'");
    expect(warnings[0]).toContain("allow 'wasm-unsafe-eval'");
  });

  it('node --jitless (no WebAssembly): the same bits, no warning from the engine', () => {
    expect(jitless.status).toBe(0);
    expect(jitless.report.wasm).toBe('undefined'); // Node 20 and 22 drop WebAssembly under --jitless
    expect(jitless.report.simd).toBe(false);
    expect(jitless.report.results).toEqual(simd.report.results);
    expect(engineWarnings(jitless.stderr)).toEqual([]);
  });
});
