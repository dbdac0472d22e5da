/**
 * The MLP command line: usage errors (one line + usage, status 2, no stack trace), a tiny
 * train → sample → eval → plot round trip through a model file, and bad model files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMlpCli } from '../../mlp/index.js';
import { repoRoot } from '../support/shared.js';

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runMlpCli(args, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('mlp CLI errors', () => {
  const cases: [string[], RegExp][] = [
    [[], /missing command/],
    [['bogus'], /unknown command "bogus" \(expected one of: train, sample, eval, lr-find, plot\)/],
    [['train', '--steps', 'x'], /--steps must be an integer ≥ 0, got "x"/],
    [['train', '--steps=-1'], /--steps must be an integer ≥ 0, got "-1"/],
    [['train', '--batch', '0'], /--batch must be an integer ≥ 1, got "0"/],
    [['train', '--hidden', '2.5'], /--hidden must be an integer ≥ 1, got "2.5"/],
    [['train', '--lr=-0.1'], /--lr must be a positive number, got "-0.1"/],
    [['train', '--normal-kernel', 'sse'], /--normal-kernel must be scalar or avx2, got "sse"/],
    [['train', '--nope'], /Unknown option '--nope'/],
    [['train', '--data', '/no/such/names.txt'], /no\/such\/names.txt/],
    [['sample'], /this command needs --model FILE/],
    [['sample', '--model', '/no/such/model.safetensors'], /no\/such\/model.safetensors/],
    [['lr-find', '--steps', '1'], /--steps must be an integer ≥ 2, got "1"/],
  ];
  for (const [args, message] of cases) {
    it(`${args.join(' ') || '(nothing)'} → status 2 and "${message.source}"`, () => {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).toMatch(/usage: npm run mlp --/);
      expect(r.err).not.toMatch(/\n\s+at /);
    });
  }
  it('--help prints the defaults and exits 0', () => {
    const r = run(['train', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--steps T=200000.*--batch N=32.*--emb E=10.*--hidden H=200.*--block B=3.*--seed S=2147483647.*--normal-kernel scalar\|avx2=avx2/);
  });
  it('a not-a-model file is a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlp-cli-'));
    const bad = join(dir, 'bad.safetensors');
    writeFileSync(bad, 'not a safetensors file');
    const r = run(['eval', '--model', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad.safetensors/);
  });
  it('as a process: exit status 2, one error line, no stack trace', () => {
    const p = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'mlp/cli.ts'), 'train', '--block', '0'], { encoding: 'utf8', cwd: repoRoot });
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/^mlp: --block must be an integer ≥ 1, got "0"\n/);
    expect(p.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('mlp CLI round trip', () => {
  it('train a tiny model, save it, sample, eval and plot from the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlp-cli-'));
    const model = join(dir, 'm.safetensors');
    const t = run(['train', '--steps', '3', '--hidden', '8', '--emb', '2', '--samples', '2', '--out', model, '--plot', join(dir, 'loss.svg')]);
    expect(t.code, t.err).toBe(0);
    expect(t.out).toMatch(/split: Xtr \[182625,3\], Xdev \[22655,3\], Xte \[22866,3\]/);
    expect(t.out).toMatch(/parameters: 353 \(C \[27,2\], W1 \[6,8\], b1 \[8\], W2 \[8,27\], b2 \[27\]\)/); // 54 + 48 + 8 + 216 + 27 = 353
    const trained = t.out.split('\n');
    const losses = trained.find((l) => l.startsWith('train '))!;
    const samples = trained.slice(trained.indexOf(losses) + 1, trained.indexOf(losses) + 3);
    expect(samples.every((s) => /^[a-z]*\.$/.test(s))).toBe(true);
    const s = run(['sample', '--model', model, '--samples', '2']);
    expect(s.code).toBe(0);
    expect(s.out.split('\n')).toEqual(samples);
    const e = run(['eval', '--model', model]);
    expect(e.code).toBe(0);
    expect(e.out).toBe(losses);
    const p = run(['plot', '--model', model, '--out', join(dir, 'emb.svg')]);
    expect(p.code).toBe(0);
    const svg = readFileSync(join(dir, 'emb.svg'), 'utf8');
    expect(svg.match(/<circle /g)?.length).toBe(27);
    expect(readFileSync(join(dir, 'loss.svg'), 'utf8')).toMatch(/^<svg /);
  });
});
