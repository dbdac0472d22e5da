#!/usr/bin/env node
/**
 * The MLP command line: `npx tsx mlp/cli.ts <command> [options]` (or `npm run mlp --`).
 *
 *   train    the notebook's training run (shuffle, split, minibatch SGD), then split losses and
 *            samples; --out saves the model, --plot the loss curve
 *   sample   names from a saved model
 *   eval     train/dev/test losses of a saved model on the data's split
 *   lr-find  the learning-rate finder: lr = 10^e for e from -3 to 0 over the steps, loss vs e
 *   plot     the 2-D embedding figure of a model's C (first two dimensions)
 *
 * User errors (unknown command or flag, bad number, unreadable file) print one line and the
 * usage, and exit with status 2; no stack traces.
 *
 * @module
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Generator, type NormalKernel } from '../engine/index.js';
import { lectureNames, loadNames, lossCurveSvg } from '../bigram/index.js';
import { mlpData } from './data.js';
import { initMlp, lectureLr, sampleMlp, splitLoss, trainMlp } from './model.js';
import { loadMlp, saveMlp } from './model-file.js';
import { embeddingSvg } from './embedding-plot.js';
import { lrFinderRates } from './lr-find.js';

/**
 * An error in what the user typed: reported in one line with the usage, exit status 2.
 * @example runMlpCli(['no-such-command'], console.log, console.error) // prints the usage, returns 2
 */
export class MlpUsageError extends Error {}

/** The defaults of the options (the notebook's values). */
export const MLP_DEFAULTS = Object.freeze({
  steps: 200000, batch: 32, emb: 10, hidden: 200, block: 3, seed: 2147483647, lr: 0.1, lr2: 0.01,
  decay: 100000, samples: 20, 'normal-kernel': 'avx2' as NormalKernel, 'lr-steps': 1000,
});

const D = MLP_DEFAULTS;
const SIZES = `[--emb E=${D.emb}] [--hidden H=${D.hidden}] [--block B=${D.block}] [--seed S=${D.seed}] [--normal-kernel scalar|avx2=${D['normal-kernel']}]`;
const USAGE: Record<string, string> = {
  train: `train [--data FILE=lecture names] [--steps T=${D.steps}] [--batch N=${D.batch}] ${SIZES} [--lr LR=${D.lr}] [--lr2 LR=${D.lr2}] [--decay STEP=${D.decay}] [--samples M=${D.samples}] [--out model.safetensors] [--plot loss.svg]`,
  sample: `sample --model FILE [--samples M=${D.samples}] [--seed S=${D.seed + 10}]`,
  eval: 'eval --model FILE [--data FILE=lecture names]',
  'lr-find': `lr-find [--data FILE] [--steps T=${D['lr-steps']}] [--batch N=${D.batch}] ${SIZES} [--out lr.svg]`,
  plot: 'plot --model FILE [--out embedding.svg]',
};

/**
 * The usage text, for one command or all.
 * @example console.log(mlpUsage('train'))
 */
export function mlpUsage(command?: string): string {
  const lines = command && USAGE[command] ? [USAGE[command]] : Object.values(USAGE);
  return `usage: npm run mlp -- ${lines.join('\n       npm run mlp -- ')}`;
}

type Options = NonNullable<ParseArgsConfig['options']>;
const str = { type: 'string' } as const;
const sizes: Options = { emb: str, hidden: str, block: str, seed: str, 'normal-kernel': str, batch: str, data: str };
const help: Options = { help: { type: 'boolean', short: 'h' } };
const OPTIONS: Record<string, Options> = {
  train: { ...help, ...sizes, steps: str, lr: str, lr2: str, decay: str, samples: str, out: str, plot: str },
  sample: { ...help, model: str, samples: str, seed: str },
  eval: { ...help, model: str, data: str },
  'lr-find': { ...help, ...sizes, steps: str, out: str },
  plot: { ...help, model: str, out: str },
};

function int(name: string, raw: unknown, dflt: number, min: number): number {
  if (raw === undefined) return dflt;
  const v = Number(raw);
  if (raw === '' || !Number.isSafeInteger(v) || v < min) {
    throw new MlpUsageError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  }
  return v;
}

function positive(name: string, raw: unknown, dflt: number): number {
  if (raw === undefined) return dflt;
  const v = Number(raw);
  if (raw === '' || !Number.isFinite(v) || v <= 0) throw new MlpUsageError(`--${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return v;
}

function kernel(raw: unknown): NormalKernel {
  if (raw === undefined) return D['normal-kernel'];
  if (raw !== 'scalar' && raw !== 'avx2') throw new MlpUsageError(`--normal-kernel must be scalar or avx2, got ${JSON.stringify(raw)}`);
  return raw;
}

function words(path: unknown): { words: string[]; what: string } {
  if (path === undefined) return { words: lectureNames(), what: "the lecture's names.txt (embedded)" };
  try {
    return { words: loadNames(String(path)), what: String(path) };
  } catch (e) {
    throw new MlpUsageError((e as Error).message.split('\n')[0]);
  }
}

function load(path: unknown) {
  if (path === undefined) throw new MlpUsageError('this command needs --model FILE');
  try {
    return loadMlp(String(path));
  } catch (e) {
    throw new MlpUsageError((e as Error).message.split('\n')[0]);
  }
}

function write(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new MlpUsageError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

const f4 = (x: number) => x.toFixed(4);

/**
 * Run one command; `out` receives the lines to print, `err` the errors. Returns the exit status
 * (0, 1 for a failure while running, 2 for a usage error).
 * @example process.exitCode = runMlpCli(['train', '--steps', '1000']);
 */
export function run(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): number {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h') {
      if (command === undefined) err('mlp: missing command');
      (command === undefined ? err : out)(mlpUsage());
      return command === undefined ? 2 : 0;
    }
    if (!OPTIONS[command]) throw new MlpUsageError(`unknown command ${JSON.stringify(command)} (expected one of: ${Object.keys(OPTIONS).join(', ')})`);
    let v: Record<string, string | boolean | undefined>;
    try {
      v = parseArgs({ args: rest, options: OPTIONS[command], strict: true, allowPositionals: false }).values as typeof v;
    } catch (e) {
      throw new MlpUsageError((e as Error).message.split('\n')[0]);
    }
    if (v.help) {
      out(mlpUsage(command));
      return 0;
    }
    if (command === 'train' || command === 'lr-find') {
      const lrFind = command === 'lr-find';
      const steps = int('steps', v.steps, lrFind ? D['lr-steps'] : D.steps, lrFind ? 2 : 0);
      const batch = int('batch', v.batch, D.batch, 1);
      const embDim = int('emb', v.emb, D.emb, 1);
      const hidden = int('hidden', v.hidden, D.hidden, 1);
      const blockSize = int('block', v.block, D.block, 1);
      const seed = int('seed', v.seed, D.seed, 0);
      const normalKernel = kernel(v['normal-kernel']);
      const lr = positive('lr', v.lr, D.lr);
      const lr2 = positive('lr2', v.lr2, D.lr2);
      const decay = int('decay', v.decay, D.decay, 0);
      const samples = int('samples', v.samples, D.samples, 0);
      const data = words(v.data);
      out(`data: ${data.what}, ${data.words.length} words`);
      const d = mlpData(data.words, blockSize);
      out(`split: Xtr [${d.train.X.shape}], Xdev [${d.dev.X.shape}], Xte [${d.test.X.shape}]`);
      const g = new Generator({ normalKernel }).manualSeed(seed);
      const p = initMlp({ vocabSize: d.vocab.size, blockSize, embDim, hidden }, g);
      const count = [p.C, p.W1, p.b1, p.W2, p.b2].reduce((s, t) => s + t.numel(), 0);
      out(`parameters: ${count} (C [${p.C.shape}], W1 [${p.W1.shape}], b1 [${p.b1.shape}], W2 [${p.W2.shape}], b2 [${p.b2.shape}]), randn kernel ${normalKernel}`);
      if (d.train.X.shape[0] === 0) throw new MlpUsageError('the training split is empty: the data needs more words');
      const every = Math.max(1, Math.round(steps / 20));
      const t0 = performance.now();
      if (lrFind) {
        const { exponents, rates } = lrFinderRates(steps);
        const losses = trainMlp(p, d.train, {
          steps, batch, generator: g, lr: (i) => rates[i],
          onStep: (i, loss) => { if (i % every === 0 || i === steps - 1) out(`${String(i).padStart(7)}/${steps}: lr 10^${exponents[i].toFixed(3)}  loss ${f4(loss)}`); },
        });
        const best = losses.indexOf(Math.min(...losses));
        out(`lowest loss ${f4(losses[best])} at step ${best}, lr exponent ${exponents[best].toFixed(3)} (lr ${rates[best].toPrecision(3)})`);
        if (v.out) {
          write(String(v.out), lossCurveSvg(losses, { title: 'learning-rate finder', xLabel: `step i (lr = 10^(-3 + 3i/${steps - 1}))`, yLabel: 'loss' }));
          out(`wrote ${v.out}`);
        }
        return 0;
      }
      const schedule = (i: number) => (i < decay ? lr : lr2);
      const losses = trainMlp(p, d.train, {
        steps, batch, generator: g, lr: lr === D.lr && lr2 === D.lr2 && decay === D.decay ? lectureLr : schedule,
        onStep: (i, loss) => {
          if (i % every === 0 || i === steps - 1) out(`${String(i).padStart(7)}/${steps}: ${f4(loss)}  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
        },
      });
      const secs = (performance.now() - t0) / 1000;
      if (steps > 0) out(`${steps} steps in ${secs.toFixed(1)} s (${((secs * 1000) / steps).toFixed(3)} ms per step)`);
      out(`train ${f4(splitLoss(p, d.train))}  dev ${f4(splitLoss(p, d.dev))}  test ${f4(splitLoss(p, d.test))}`);
      if (samples > 0) for (const s of sampleMlp(p, d.vocab, samples, new Generator().manualSeed(seed + 10))) out(s);
      if (v.out) {
        saveMlp(String(v.out), p, d.vocab);
        out(`saved ${v.out}`);
      }
      if (v.plot) {
        if (losses.length === 0) throw new MlpUsageError('--plot needs at least one training step');
        write(String(v.plot), lossCurveSvg(losses.map(Math.log10), { title: 'training loss (log10)', yLabel: 'log10 loss' }));
        out(`wrote ${v.plot}`);
      }
      return 0;
    }
    if (command === 'sample') {
      const m = load(v.model);
      const n = int('samples', v.samples, D.samples, 0);
      const seed = int('seed', v.seed, D.seed + 10, 0);
      for (const s of sampleMlp(m.params, m.vocab, n, new Generator().manualSeed(seed))) out(s);
      return 0;
    }
    if (command === 'eval') {
      const m = load(v.model);
      const data = words(v.data);
      const d = mlpData(data.words, m.blockSize);
      if (d.vocab.size !== m.vocab.size || d.vocab.itos.some((s, i) => s !== m.vocab.itos[i])) {
        throw new MlpUsageError(`the data's vocabulary (${d.vocab.size} symbols) differs from the model's (${m.vocab.size}): evaluate on the data it was trained on`);
      }
      out(`train ${f4(splitLoss(m.params, d.train))}  dev ${f4(splitLoss(m.params, d.dev))}  test ${f4(splitLoss(m.params, d.test))}`);
      return 0;
    }
    // plot
    const m = load(v.model);
    const C = m.params.C;
    if (C.shape[1] < 2) throw new MlpUsageError(`the model's embeddings have ${C.shape[1]} dimension; the plot needs 2`);
    const rows = C.detach().tolist() as number[][];
    const path = String(v.out ?? 'embedding.svg');
    write(path, embeddingSvg(rows.map((r) => [r[0], r[1]] as [number, number]), m.vocab.itos, C.shape[1] === 2 ? undefined : `embedding: dimensions 0 and 1 of ${C.shape[1]}`));
    out(`wrote ${path}`);
    return 0;
  } catch (e) {
    if (e instanceof MlpUsageError) {
      err(`mlp: ${e.message}`);
      err(mlpUsage(command !== undefined && USAGE[command] ? command : undefined));
      return 2;
    }
    err(`mlp: ${(e as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) process.exitCode = run(process.argv.slice(2));
