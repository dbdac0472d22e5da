/**
 * The user mistakes of issue #14, each run as a user runs it (a child process of
 * `tsx bigram/cli.ts`, in a scratch folder): exit status 2, ONE line on stderr naming the
 * problem, no stack trace, and no file written. The cases run in one batch (a few at a time:
 * child processes are slow on a loaded machine) before the checks.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../bigram/cli.js';
import { writeSafetensors } from '../../nn/safetensors.js';
import { SPAWN_TIMEOUT, expectUserError, runAll, runScript, type Result } from '../support/cli-child.js';

const work = mkdtempSync(join(tmpdir(), 'bigram-cli-errors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The lecture's vocabulary: '.', a … z. */
const ITOS = ['.', ...'abcdefghijklmnopqrstuvwxyz'];

/** A 27×27 model file whose W is 0 except for the given cells. */
function modelFile(name: string, cells: [number, number, number][]): void {
  const data = new Float32Array(27 * 27);
  for (const [i, j, v] of cells) data[i * 27 + j] = v;
  writeFileSync(join(work, name), writeSafetensors({ W: { dtype: 'F32', shape: [27, 27], data } }, { format: 'pt', itos: JSON.stringify(ITOS) }));
}

interface Case {
  what: string;
  args: string[];
  /** The one stderr line (after the `bigram <command>: ` prefix); absent for a run that must succeed. */
  message?: RegExp;
  /** The mistake is found while training: the steps before it were printed. */
  afterOutput?: boolean;
}

const HELP = (command: string) => ` \\(see: npx tsx bigram/cli\\.ts ${command} --help\\)$`;

const cases: Case[] = [
  // divergence: detected during training, nothing saved
  {
    what: 'train --lr 2000 (the lecture data)',
    args: ['train', '--lr', '2000', '--steps', '4', '--out', 'm-lr2000', '--plot', 'p-lr2000.svg'],
    message: /^bigram train: training diverged at step \d of 4: the loss is (NaN|Infinity); try a smaller --lr \(it is 2000\); nothing was saved$/,
    afterOutput: true,
  },
  {
    what: 'train --model nn --lr 1e6',
    args: ['train', '--model', 'nn', '--data', 'small.txt', '--lr', '1e6', '--steps', '5', '--out', 'm-nn'],
    // nn's crossEntropy keeps the loss finite; W after an update gives no probabilities
    message: /^bigram train: training diverged at step \d of 5: after its update the probabilities of row \d+ are not finite: .*; try a smaller --lr \(it is 1000000\); nothing was saved$/,
    afterOutput: true,
  },
  {
    what: 'train --lr 1e6 --steps 1: the loss was finite, W after the update is not usable',
    args: ['train', '--data', 'small.txt', '--lr', '1e6', '--steps', '1', '--out', 'm-last'],
    message: /^bigram train: training diverged at step 1 of 1: after its update the probabilities of row \d+ are not finite: exp\(W\[\d+, \d+\] = [\d.e+]+\) overflows float32; try a smaller --lr/,
    afterOutput: true,
  },
  // models that give no probabilities are refused on load
  {
    what: 'sample --model with a NaN weight',
    args: ['sample', '--model', 'nan.safetensors'],
    message: /^bigram sample: nan\.safetensors: 1 of the 729 values of W is not finite \(the first, W\[3, 5\], is NaN\); the model is unusable \(it may come from a training run that diverged: train again with a smaller learning rate\)$/,
  },
  {
    what: 'eval --model with an infinite weight',
    args: ['eval', '--model', 'inf.safetensors', 'emma'],
    message: /^bigram eval: inf\.safetensors: 2 of the 729 values of W are not finite \(the first, W\[0, 1\], is -Infinity\)/,
  },
  {
    what: 'sample --model with a weight whose exp overflows float32',
    args: ['sample', '--model', 'huge.safetensors'],
    message: /^bigram sample: huge\.safetensors: the probabilities of row 1 are not finite: exp\(W\[1, 0\] = 1000\) overflows float32/,
  },
  // output paths, checked before any work
  { what: 'train --out missing/dir/m', args: ['train', '--out', 'missing/dir/m'], message: /^bigram train: --out "missing\/dir\/m" cannot be written: the folder "missing\/dir" does not exist$/ },
  { what: 'train --out <a folder>', args: ['train', '--out', 'adir'], message: /^bigram train: --out "adir" cannot be written: it is a folder, not a file$/ },
  { what: 'train --plot in a missing folder', args: ['train', '--steps', '1', '--out', 'm-plot', '--plot', 'adir/x/p.svg'], message: /^bigram train: --plot "adir\/x\/p\.svg" cannot be written: the folder "adir\/x" does not exist$/ },
  { what: 'train --plot under a file', args: ['train', '--plot', 'small.txt/p.svg'], message: /^bigram train: --plot "small\.txt\/p\.svg" cannot be written: "small\.txt" is a file, not a folder$/ },
  { what: 'plot --out <a folder>', args: ['plot', '--out', 'adir'], message: /^bigram plot: --out "adir" cannot be written: it is a folder, not a file$/ },
  // numbers
  { what: '--seed 2^64', args: ['train', '--seed', '18446744073709551616', '--out', 'm-seed'], message: new RegExp(`^bigram train: --seed must be an integer from -9223372036854775808 to 18446744073709551615 \\(the range of torch\\.manual_seed\\), got "18446744073709551616"${HELP('train')}`) },
  { what: '--seed 1e3', args: ['counts', '--seed', '1e3'], message: /^bigram counts: --seed must be an integer from .*, got "1e3"/ },
  { what: '--steps -1', args: ['train', '--steps', '-1', '--out', 'm-neg'], message: new RegExp(`^bigram train: --steps must be a non-negative integer, got "-1"${HELP('train')}`) },
  { what: '--samples -1', args: ['sample', '--model', 'x', '--samples', '-1'], message: /^bigram sample: --samples must be a non-negative integer, got "-1"/ },
  { what: 'train --steps 0 --plot p --out m', args: ['train', '--steps', '0', '--plot', 'p-zero.svg', '--out', 'm-zero'], message: new RegExp(`^bigram train: --plot needs at least one training step \\(--steps is 0\\)${HELP('train')}`) },
  // words and files
  { what: 'eval Emma', args: ['eval', 'Emma'], message: /^bigram eval: cannot encode "Emma": character "E" \(position 0\) is not in the vocabulary of 27 symbols \(words are scored as typed and the names are lower-case: did you mean "emma"\?\)$/ },
  { what: 'counts --data <a folder>', args: ['counts', '--data', 'adir'], message: /^bigram counts: cannot read names file "adir": it is a folder, not a file$/ },
  { what: 'sample --model <a folder>', args: ['sample', '--model', 'adir'], message: /^bigram sample: cannot read safetensors file "adir": it is a folder, not a file$/ },
  { what: 'sample --model <missing>', args: ['sample', '--model', 'missing.safetensors'], message: /^bigram sample: cannot read safetensors file "missing\.safetensors": no such file$/ },
  { what: 'a corrupt model file', args: ['sample', '--model', 'small.txt'], message: /^bigram sample: small\.txt: / },
  { what: 'an unknown command', args: ['frobnicate'], message: /^bigram: unknown command "frobnicate" \(expected one of: counts, train, sample, eval, plot\) \(see: npx tsx bigram\/cli\.ts --help\)$/ },
  { what: 'no command', args: [], message: /^bigram: missing command/ },
  // the valid side of --steps 0: W as initialised is saved
  { what: 'train --steps 0 --out m (valid)', args: ['train', '--data', 'small.txt', '--steps', '0', '--samples', '1', '--out', 'm-init'] },
];

describe('user mistakes as child processes (exit 2, one line on stderr, nothing written)', () => {
  let results: Result[] = [];
  let before: string[] = [];
  beforeAll(async () => {
    writeFileSync(join(work, 'small.txt'), 'emma\nolivia\nava\nisabella\nsophia\n');
    mkdirSync(join(work, 'adir'));
    modelFile('nan.safetensors', [[3, 5, NaN]]);
    modelFile('inf.safetensors', [[0, 1, -Infinity], [2, 2, Infinity]]);
    modelFile('huge.safetensors', [[1, 0, 1000]]);
    before = readdirSync(work).sort();
    results = await runAll(cases.map((c) => () => runScript('bigram/cli.ts', c.args, work)));
  }, SPAWN_TIMEOUT);

  cases.forEach((c, i) => {
    it(c.what, () => {
      const r = results[i];
      if (c.message) {
        expectUserError(r, /^bigram( \w+)?: /, c.message, !c.afterOutput);
        if (c.afterOutput) expect(r.stdout.some((l) => /^step \d+\/\d+ loss /.test(l))).toBe(true);
      } else {
        expect(r.status, r.stderr.join('\n')).toBe(0);
        expect(r.stderr).toEqual([]);
      }
    });
  });

  it('no file was written but by the valid run', () => {
    expect(readdirSync(work).sort()).toEqual([...before, 'm-init'].sort());
    expect(readdirSync(join(work, 'adir'))).toEqual([]);
  });

  it('the model of --steps 0 loads and samples', () => {
    const out: string[] = [];
    expect(run(['sample', '--model', join(work, 'm-init'), '--samples', '2'], (l) => out.push(l), () => {})).toBe(0);
    expect(out).toHaveLength(2);
  });
});

describe('--seed (in-process)', () => {
  const names = (seed: string) => {
    const out: string[] = [];
    expect(run(['counts', '--data', join(work, 'small.txt'), '--seed', seed, '--samples', '4'], (l) => out.push(l), () => {})).toBe(0);
    return out.slice(1, 5);
  };

  it('2^64 − 1 is read exactly: the same stream as −1 (taken mod 2^64) and as 2^32 − 1 (its low 32 bits)', () => {
    // torch.manual_seed keeps the seed mod 2^64 and seeds MT19937 with its low 32 bits
    // (docs/random.md); a seed read as a double would round 2^64 − 1 up to 2^64, out of range
    const a = names('18446744073709551615');
    expect(names('-1')).toEqual(a);
    expect(names('4294967295')).toEqual(a);
    expect(names('2147483647')).not.toEqual(a);
  });
});

describe('files that already exist', () => {
  it('an existing --out file is replaced (as torch.save does)', () => {
    const dir = join(work, 'replace');
    mkdirSync(dir);
    const path = join(dir, 'W.safetensors');
    writeFileSync(path, 'old');
    expect(run(['train', '--data', join(work, 'small.txt'), '--steps', '1', '--samples', '0', '--out', path], () => {}, () => {})).toBe(0);
    expect(existsSync(path)).toBe(true);
    expect(run(['sample', '--model', path, '--samples', '1'], () => {}, () => {})).toBe(0);
  });
});
