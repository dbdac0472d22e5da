#!/usr/bin/env node
/**
 * makemore part 2, the notebook's final form, cell by cell, with this engine's numbers:
 * `makemore-mlp-lecture [--steps T] [--normal-kernel scalar|avx2] [--every N]` when installed,
 * `npm run mlp-lecture -- [options]` in the repository. A mistake in the options prints one line
 * on stderr and exits with status 2 (the bigram scripts' conventions, bigram/command-line.ts).
 *
 * Prints what the notebook printed: the data, the shuffled split's shapes, the parameter count,
 * the loss during training, the train/dev/test losses, and 20 samples.
 *
 * @module
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Generator, type NormalKernel } from '../engine/index.js';
import { lectureNames } from '../bigram/index.js';
import { UsageError, exitQuietlyWhenOutputCloses, formatHelp, numberOption, parseCommandLine, programName, type OptionTable } from '../bigram/command-line.js';
import { mlpData } from './data.js';
import { initMlp, LECTURE_CONFIG, mlpParameters, sampleMlp, splitLoss, trainMlp } from './model.js';

/** Options of {@link runMlpLecture}. */
export interface MlpLectureOptions {
  /** Training steps (default 200,000, as the notebook). */
  steps?: number;
  /** The randn kernel (default `'avx2'`, as PyTorch on x86). */
  normalKernel?: NormalKernel;
  /** Print the loss every this many steps (default 10,000). */
  every?: number;
}

const shape = (s: readonly number[]) => `torch.Size([${s.join(', ')}])`;

/**
 * Walk the notebook, printing each cell's output through `out`.
 * @example runMlpLecture({ steps: 1000 }, console.log)
 */
export function runMlpLecture(opts: MlpLectureOptions = {}, out: (line: string) => void = console.log): void {
  const { steps = 200000, normalKernel = 'avx2', every = 10000 } = opts;
  const cell = (title: string) => {
    out('');
    out(`# ${title}`);
  };
  const words = lectureNames();
  cell("words = open('names.txt', 'r').read().splitlines(); len(words)");
  out(String(words.length));
  cell('random.seed(42); random.shuffle(words); n1 = int(0.8*len(words)); n2 = int(0.9*len(words))');
  const d = mlpData(words, LECTURE_CONFIG.blockSize);
  out(`words[:10] = ${JSON.stringify(d.shuffled.words.slice(0, 10))}`);
  out(`n1 = ${d.shuffled.n1}, n2 = ${d.shuffled.n2}`);
  cell('Xtr, Ytr = build_dataset(words[:n1]); Xdev, Ydev = ...; Xte, Yte = ...');
  for (const s of [d.train, d.dev, d.test]) out(`${shape(s.X.shape)} ${shape(s.Y.shape)}`);
  cell('g = torch.Generator().manual_seed(2147483647); C, W1, b1, W2, b2 = randn(...)');
  const g = new Generator({ normalKernel }).manualSeed(2147483647);
  const p = initMlp(LECTURE_CONFIG, g);
  out(`(randn kernel: ${normalKernel})`);
  cell('sum(p.nelement() for p in parameters)');
  out(String(mlpParameters(p).reduce((s, t) => s + t.numel(), 0)));
  cell(`for i in range(${steps}): minibatch of 32, forward, backward, update (lr 0.1, then 0.01 from step 100000)`);
  const t0 = performance.now();
  const losses = trainMlp(p, d.train, {
    steps, generator: g,
    onStep: (i, loss) => { if (i % every === 0) out(`${String(i).padStart(7)}/${steps}: ${loss.toFixed(4)}`); },
  });
  const secs = (performance.now() - t0) / 1000;
  out(`(${steps} steps in ${secs.toFixed(1)} s)`);
  if (losses.length > 0) {
    cell('print(loss.item())');
    out(String(losses[losses.length - 1]));
  }
  cell('split_loss: train, dev, test');
  out(`train ${splitLoss(p, d.train)}`);
  out(`dev ${splitLoss(p, d.dev)}`);
  out(`test ${splitLoss(p, d.test)}`);
  cell('g = torch.Generator().manual_seed(2147483647 + 10); sample 20 names');
  for (const s of sampleMlp(p, d.vocab, 20, new Generator().manualSeed(2147483647 + 10))) out(s);
}

/** The lecture script's options, with their defaults for `--help`. */
const OPTIONS: OptionTable = {
  steps: { type: 'string', value: 'T', help: 'training steps', default: '200000' },
  'normal-kernel': { type: 'string', value: 'KERNEL', help: "randn's float32 kernel: avx2 (PyTorch on x86) or scalar (ARM, the first lecture's Mac)", default: 'avx2' },
  every: { type: 'string', value: 'N', help: 'print the loss every N steps', default: '10000' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

function main(): void {
  const program = programName({ bin: 'makemore-mlp-lecture', npmScript: 'mlp-lecture', source: 'mlp/lecture.ts' });
  let opts: MlpLectureOptions;
  try {
    const { values } = parseCommandLine(process.argv.slice(2), OPTIONS);
    if (values.help) {
      console.log(formatHelp(`${program} [options]`, "The second makemore lecture's notebook (the MLP) in its final form, cell by cell, with this engine's numbers.", OPTIONS));
      return;
    }
    const steps = numberOption('steps', values.steps, 200000, 'integer >= 0');
    const every = numberOption('every', values.every, 10000, 'integer > 0');
    const k = values['normal-kernel'] ?? 'avx2';
    if (k !== 'scalar' && k !== 'avx2') throw new UsageError(`--normal-kernel must be scalar or avx2, got ${JSON.stringify(k)}`);
    opts = { steps, every, normalKernel: k };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`mlp-lecture: ${e.message}${e.pointToHelp ? ` (see: ${program} --help)` : ''}`);
    process.exitCode = 2;
    return;
  }
  runMlpLecture(opts);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  exitQuietlyWhenOutputCloses();
  main();
}
