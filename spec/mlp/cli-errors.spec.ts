/**
 * The user mistakes of the MLP scripts, each run as a user runs it (a child process of
 * `tsx mlp/cli.ts` or `tsx mlp/lecture.ts`, in a scratch folder): exit status 2, ONE line on
 * stderr naming the problem, no stack trace, and no file written. The cases run in one batch
 * (a few at a time: child processes are slow on a loaded machine) before the checks.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Generator, tensor } from '../../engine/index.js';
import { Vocabulary } from '../../bigram/index.js';
import { writeSafetensors } from '../../nn/safetensors.js';
import { initMlp, loadMlp, mlpParamsProblem, saveMlp, type MlpParams } from '../../mlp/index.js';
import { SPAWN_TIMEOUT, expectUserError, runAll, runScript, type Result } from '../support/cli-child.js';

const work = mkdtempSync(join(tmpdir(), 'mlp-cli-errors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The lecture's vocabulary: '.', a … z. */
const ITOS = ['.', ...'abcdefghijklmnopqrstuvwxyz'];

/**
 * A model file for the lecture's vocabulary (block 3, `emb` dimensions, 4 hidden units) whose
 * values are 0.5 except for the given cells (tensor name, flat index, value).
 */
function modelFile(name: string, emb: number, cells: [string, number, number][] = []): void {
  const shapes: Record<string, number[]> = { C: [27, emb], W1: [3 * emb, 4], b1: [4], W2: [4, 27], b2: [27] };
  const tensors: Record<string, { dtype: 'F32'; shape: number[]; data: Float32Array }> = {};
  for (const [k, shape] of Object.entries(shapes)) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5);
    for (const [t, i, v] of cells) if (t === k) data[i] = v;
    tensors[k] = { dtype: 'F32', shape, data };
  }
  writeFileSync(join(work, name), writeSafetensors(tensors, { format: 'pt', itos: JSON.stringify(ITOS), block_size: '3' }));
}

interface Case {
  what: string;
  script?: 'mlp/cli.ts' | 'mlp/lecture.ts';
  args: string[];
  /** The one stderr line; absent for a run that must succeed. */
  message?: RegExp;
  /** The mistake is found while training: the steps before it were printed. */
  afterOutput?: boolean;
}

const HELP = (command: string) => ` \\(see: npx tsx mlp/cli\\.ts ${command} --help\\)$`;

const cases: Case[] = [
  // divergence: detected during training, nothing saved
  {
    what: 'train --lr 1e6: the loss blows up at step 1',
    args: ['train', '--lr', '1e6', '--steps', '5', '--hidden', '20', '--out', 'm-lr', '--plot', 'p-lr.svg'],
    message: /^mlp train: training diverged at step 1 of 5: the loss [\d.]+ is more than 1000 times the first step's [\d.]+; try a smaller --lr \(it is 1000000\); nothing was saved$/,
    afterOutput: true,
  },
  {
    what: 'train --lr2 1e30 after --decay 1: the loss is not finite',
    args: ['train', '--data', 'small.txt', '--lr2', '1e30', '--decay', '1', '--steps', '4', '--hidden', '8', '--out', 'm-lr2'],
    message: /^mlp train: training diverged at step [1-3] of 4: the loss is (NaN|Infinity); try a smaller --lr2 \(it is 1e\+30\); nothing was saved$/,
    afterOutput: true,
  },
  // models that are not usable are refused on load
  {
    what: 'sample --model with a NaN parameter',
    args: ['sample', '--model', 'nan.safetensors'],
    message: /^mlp sample: nan\.safetensors: 1 of the \d+ parameters is not finite \(the first, W1\[1, 1\], is NaN\); the model is unusable \(it may come from a training run that diverged: train again with a smaller learning rate\)$/,
  },
  {
    what: 'eval --model with infinite parameters',
    args: ['eval', '--model', 'inf.safetensors'],
    message: /^mlp eval: inf\.safetensors: 2 of the \d+ parameters are not finite \(the first, C\[0, 1\], is -Infinity\)/,
  },
  { what: 'plot --model with a 1-D embedding', args: ['plot', '--model', 'emb1.safetensors', '--out', 'e1.svg'], message: /^mlp plot: the model's embeddings have 1 dimension; the plot needs 2 \(train with --emb 2 or more\)$/ },
  { what: "eval on data whose vocabulary is not the model's", args: ['eval', '--model', 'good.safetensors', '--data', 'small.txt'], message: /^mlp eval: the data's vocabulary \(\d+ symbols\) differs from the model's \(27\): evaluate on the data it was trained on$/ },
  // output paths, checked before any work
  { what: 'train --out missing/dir/m', args: ['train', '--out', 'missing/dir/m'], message: /^mlp train: --out "missing\/dir\/m" cannot be written: the folder "missing\/dir" does not exist$/ },
  { what: 'train --out <a folder>', args: ['train', '--out', 'adir'], message: /^mlp train: --out "adir" cannot be written: it is a folder, not a file$/ },
  { what: 'train --plot under a file', args: ['train', '--steps', '1', '--out', 'm-plot', '--plot', 'small.txt/p.svg'], message: /^mlp train: --plot "small\.txt\/p\.svg" cannot be written: "small\.txt" is a file, not a folder$/ },
  { what: 'train --out and --plot the same file', args: ['train', '--out', 'same', '--plot', './same'], message: /^mlp train: --out and --plot name the same file "same"/ },
  { what: 'lr-find --out <a folder>', args: ['lr-find', '--out', 'adir'], message: /^mlp lr-find: --out "adir" cannot be written: it is a folder, not a file$/ },
  { what: 'plot --out in a missing folder (before the model is read)', args: ['plot', '--model', 'missing.safetensors', '--out', 'no/e.svg'], message: /^mlp plot: --out "no\/e\.svg" cannot be written: the folder "no" does not exist$/ },
  // numbers
  { what: '--seed 2^64', args: ['train', '--seed', '18446744073709551616', '--out', 'm-seed'], message: new RegExp(`^mlp train: --seed must be an integer from -9223372036854775808 to 18446744073709551615 \\(the range of torch\\.manual_seed\\), got "18446744073709551616"${HELP('train')}`) },
  { what: '--steps -1', args: ['train', '--steps', '-1', '--out', 'm-neg'], message: new RegExp(`^mlp train: --steps must be a non-negative integer, got "-1"${HELP('train')}`) },
  { what: '--block 0', args: ['lr-find', '--block', '0'], message: new RegExp(`^mlp lr-find: --block must be a positive integer, got "0"${HELP('lr-find')}`) },
  { what: '--samples -1', args: ['sample', '--model', 'good.safetensors', '--samples', '-1'], message: /^mlp sample: --samples must be a non-negative integer, got "-1"/ },
  { what: 'train --steps 0 --plot p --out m', args: ['train', '--steps', '0', '--plot', 'p-zero.svg', '--out', 'm-zero'], message: new RegExp(`^mlp train: --plot needs at least one training step \\(--steps is 0\\)${HELP('train')}`) },
  // data and model files
  { what: 'train --data <a folder>', args: ['train', '--data', 'adir', '--out', 'm-dir'], message: /^mlp train: cannot read names file "adir": it is a folder, not a file$/ },
  { what: 'train --data with a name containing "."', args: ['train', '--data', 'dot.txt', '--out', 'm-dot'], message: /^mlp train: cannot build the vocabulary: name 2 \("j\.r"\) is not usable: it contains "\.", which is reserved as the start\/end token$/ },
  { what: 'train --data with too few words', args: ['train', '--data', 'one.txt', '--out', 'm-one'], message: /^mlp train: the training split is empty: the data needs more words \(one\.txt/ },
  { what: 'sample --model <missing>', args: ['sample', '--model', 'missing.safetensors'], message: /^mlp sample: cannot read safetensors file "missing\.safetensors": no such file$/ },
  { what: 'eval --model <a folder>', args: ['eval', '--model', 'adir'], message: /^mlp eval: cannot read safetensors file "adir": it is a folder, not a file$/ },
  { what: 'a corrupt model file', args: ['sample', '--model', 'small.txt'], message: /^mlp sample: small\.txt: / },
  { what: 'an unknown command', args: ['frobnicate'], message: /^mlp: unknown command "frobnicate" \(expected one of: train, sample, eval, lr-find, plot\) \(see: npx tsx mlp\/cli\.ts --help\)$/ },
  // the lecture script
  { what: 'mlp-lecture --steps -1', script: 'mlp/lecture.ts', args: ['--steps', '-1'], message: /^mlp-lecture: --steps must be a non-negative integer, got "-1" \(see: npx tsx mlp\/lecture\.ts --help\)$/ },
  { what: 'mlp-lecture --normal-kernel sse', script: 'mlp/lecture.ts', args: ['--normal-kernel', 'sse'], message: /^mlp-lecture: --normal-kernel must be scalar or avx2, got "sse"/ },
  { what: 'mlp-lecture --every 0', script: 'mlp/lecture.ts', args: ['--every', '0'], message: /^mlp-lecture: --every must be a positive integer, got "0"/ },
  { what: 'mlp-lecture --out x (no such option)', script: 'mlp/lecture.ts', args: ['--out', 'x'], message: /^mlp-lecture: unknown option "--out" \(options: --steps, --normal-kernel, --every, --help\)/ },
  // the valid side: a short run saves its model
  { what: 'train --steps 2 --out m (valid)', args: ['train', '--data', 'small.txt', '--steps', '2', '--hidden', '8', '--samples', '1', '--out', 'm-ok'] },
];

describe('user mistakes as child processes (exit 2, one line on stderr, nothing written)', () => {
  let results: Result[] = [];
  let before: string[] = [];
  beforeAll(async () => {
    writeFileSync(join(work, 'small.txt'), 'emma\nolivia\nava\nisabella\nsophia\nmia\nzoe\nlily\nanna\nella\n');
    writeFileSync(join(work, 'dot.txt'), 'emma\nj.r\n');
    writeFileSync(join(work, 'one.txt'), 'emma\n');
    mkdirSync(join(work, 'adir'));
    modelFile('good.safetensors', 2);
    modelFile('emb1.safetensors', 1);
    modelFile('nan.safetensors', 2, [['W1', 5, NaN]]);
    modelFile('inf.safetensors', 2, [['C', 1, -Infinity], ['b2', 3, Infinity]]);
    before = readdirSync(work).sort();
    results = await runAll(cases.map((c) => () => runScript(c.script ?? 'mlp/cli.ts', c.args, work)));
  }, SPAWN_TIMEOUT);

  cases.forEach((c, i) => {
    it(c.what, () => {
      const r = results[i];
      if (c.message) {
        expectUserError(r, /^mlp(-lecture|( [\w-]+)?): /, c.message, !c.afterOutput);
        if (c.afterOutput) expect(r.stdout.some((l) => /^\s*0\/\d+: /.test(l))).toBe(true);
      } else {
        expect(r.status, r.stderr.join('\n')).toBe(0);
        expect(r.stderr).toEqual([]);
      }
    });
  });

  it('no file was written but by the valid run', () => {
    expect(readdirSync(work).sort()).toEqual([...before, 'm-ok'].sort());
    expect(readdirSync(join(work, 'adir'))).toEqual([]);
    expect(loadMlp(join(work, 'm-ok')).params.W1.shape).toEqual([30, 8]);
  });
});

describe('non-finite parameters (in-process)', () => {
  const vocab = new Vocabulary(ITOS);
  const params = () => initMlp({ vocabSize: 27, blockSize: 3, embDim: 2, hidden: 4 }, new Generator().manualSeed(1));
  /** `p` with b1 = [0, 0, NaN, 0] and W2[1, 5] = +Infinity. */
  const broken = (p: MlpParams): MlpParams => {
    const w2 = new Array(4 * 27).fill(0);
    w2[1 * 27 + 5] = Infinity;
    return { ...p, b1: tensor([0, 0, NaN, 0], { dtype: 'float32' }), W2: tensor(w2, { dtype: 'float32' }).view(4, 27) };
  };

  it('mlpParamsProblem: none for finite parameters; else the count and the first value, by tensor and index', () => {
    expect(mlpParamsProblem(params())).toBeUndefined();
    expect(mlpParamsProblem(broken(params()))).toBe('2 of the 217 parameters are not finite (the first, b1[2], is NaN)'); // C 27·2 + W1 6·4 + b1 4 + W2 4·27 + b2 27
  });

  it('saveMlp refuses them and writes nothing', () => {
    const path = join(work, 'refused.safetensors');
    expect(() => saveMlp(path, broken(params()), vocab)).toThrow(/^saveMlp: 2 of the \d+ parameters are not finite \(the first, b1\[2\], is NaN\); nothing was written to ".*refused\.safetensors"$/);
    expect(existsSync(path)).toBe(false);
  });
});
