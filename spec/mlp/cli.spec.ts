/**
 * The MLP command line in-process: the messages of option mistakes (one line, status 2, the
 * `--help` pointer), the per-command help with every option's default, and a tiny
 * train → sample → eval → plot round trip through a model file. The same mistakes as a user
 * meets them (child processes, nothing written) are in cli-errors.spec.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMlpCli, mlpUsage } from '../../node/index.js';
import { float32Arithmetic } from '../../engine/ops/float32-arithmetic.js';
import { repoRoot } from '../support/shared.js';

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runMlpCli(args, (l) => out.push(l), (l) => err.push(l), 'makemore-mlp');
  return { code, out: out.join('\n'), err };
}

describe('mlp CLI option mistakes (in-process)', () => {
  const cases: [string[], RegExp][] = [
    [[], /^mlp: missing command \(expected one of: train, sample, eval, lr-find, plot\) \(see: makemore-mlp --help\)$/],
    [['bogus'], /^mlp: unknown command "bogus" \(expected one of: train, sample, eval, lr-find, plot\)/],
    [['train', '--steps', 'x'], /^mlp train: --steps must be a non-negative integer, got "x" \(see: makemore-mlp train --help\)$/],
    [['train', '--steps', '-1'], /^mlp train: --steps must be a non-negative integer, got "-1"/],
    [['train', '--steps=-1'], /^mlp train: --steps must be a non-negative integer, got "-1"/],
    [['train', '--batch', '0'], /^mlp train: --batch must be a positive integer, got "0"/],
    [['train', '--hidden', '2.5'], /^mlp train: --hidden must be a positive integer, got "2.5"/],
    [['train', '--lr', '-0.1'], /^mlp train: --lr must be a non-negative number, got "-0.1"/],
    [['train', '--lr2', '1e400'], /^mlp train: --lr2 must be a non-negative number, got "1e400"/],
    [['train', '--normal-kernel', 'sse'], /^mlp train: --normal-kernel must be scalar or avx2, got "sse"/],
    [['train', '--arithmetic', 'x86'], /^mlp train: --arithmetic must be engine or pytorch-x86, got "x86" \(see: makemore-mlp train --help\)$/],
    [['lr-find', '--arithmetic', 'fma'], /^mlp lr-find: --arithmetic must be engine or pytorch-x86, got "fma"/],
    [['train', '--nope'], /^mlp train: unknown option "--nope" \(options: --data, --steps, /],
    [['train', '--data'], /^mlp train: --data needs a value \(FILE\)/],
    [['train', '--seed', '1.5'], /^mlp train: --seed must be an integer from -9223372036854775808 to 18446744073709551615 \(the range of torch\.manual_seed\), got "1\.5"/],
    [['sample'], /^mlp sample: sample needs --model FILE \(see: makemore-mlp sample --help\)$/],
    [['sample', '--model', 'x', '--samples', '-3'], /^mlp sample: --samples must be a non-negative integer, got "-3"/],
    [['lr-find', '--steps', '1'], /^mlp lr-find: --steps must be at least 2 for the finder .*, got "1"/],
    [['plot', 'extra'], /^mlp plot: unexpected argument "extra" \(this command takes options only\)/],
  ];
  for (const [args, message] of cases) {
    it(`${args.join(' ') || '(nothing)'} → status 2 and one line`, () => {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(message);
      expect(r.out).toBe('');
    });
  }

  it('--help of every command lists each of its options with its default', () => {
    const t = run(['train', '--help']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^usage: makemore-mlp train \[options\]/);
    for (const [flag, dflt] of [['steps', '200000'], ['batch', '32'], ['emb', '10'], ['hidden', '200'], ['block', '3'], ['seed', '2147483647'], ['normal-kernel', 'avx2'], ['arithmetic', 'engine'], ['lr', '0.1'], ['lr2', '0.01'], ['decay', '100000'], ['samples', '20'], ['out', 'not saved'], ['plot', 'none']]) {
      expect(t.out).toMatch(new RegExp(`--${flag} [A-Z]+ .*\\(default: ${dflt}\\)$`, 'm'));
    }
    expect(run(['sample', '-h']).out).toMatch(/--seed S .*\(default: 2147483657\)$/m);
    expect(run(['lr-find', '--help']).out).toMatch(/--steps T .*\(default: 1000\)$/m);
    expect(run(['plot', '--help']).out).toMatch(/--out FILE .*\(default: embedding\.svg\)$/m);
    expect(run(['--help']).out).toBe(mlpUsage(undefined, 'makemore-mlp'));
    expect(mlpUsage('eval', 'npm run mlp --')).toMatch(/^usage: npm run mlp -- eval --model FILE \[options\]/);
  });
});

describe('mlp CLI round trip', () => {
  it("train --arithmetic pytorch-x86 prints PyTorch's losses (reference run, 4 decimals) and restores the default", () => {
    const ref = JSON.parse(readFileSync(join(repoRoot, 'spec/fixtures/mlp/reference-mlp-200k.json'), 'utf8')) as { loss_first_1000: number[] };
    const t = run(['train', '--arithmetic', 'pytorch-x86', '--steps', '3', '--samples', '0']);
    expect(t.code, t.err.join('\n')).toBe(0);
    expect(t.out).toMatch(/^float32 arithmetic of the training steps: pytorch-x86$/m);
    const printed = [...t.out.matchAll(/^ +(\d)\/3: ([\d.]+) /gm)].map((m) => m[2]);
    expect(printed).toEqual(ref.loss_first_1000.slice(0, 3).map((l) => l.toFixed(4)));
    expect(float32Arithmetic()).toBe('engine');
  }, 60_000);


  it('a split without examples (a data file of four names: 3/0/1) prints "- (no examples)", not NaN', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlp-cli-'));
    const data = join(dir, 'four.txt');
    writeFileSync(data, 'emma\nolivia\nava\nisabella\n');
    const t = run(['train', '--data', data, '--steps', '2', '--hidden', '4', '--emb', '2', '--samples', '0']);
    expect(t.code, t.err.join('\n')).toBe(0);
    expect(t.out).toMatch(/^train \d+\.\d{4}  dev - \(no examples\)  test \d+\.\d{4}$/m);
    expect(t.out).not.toMatch(/NaN/);
  });

  it('train a tiny model, save it, sample, eval and plot from the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlp-cli-'));
    const model = join(dir, 'm.safetensors');
    const t = run(['train', '--steps', '3', '--hidden', '8', '--emb', '2', '--samples', '2', '--out', model, '--plot', join(dir, 'loss.svg')]);
    expect(t.code, t.err.join('\n')).toBe(0);
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
