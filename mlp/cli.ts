#!/usr/bin/env node
/**
 * The MLP command line: `makemore-mlp <command> [options]` when installed,
 * `npm run mlp -- <command> [options]` in the repository.
 *
 *   train    the notebook's training run (shuffle, split, minibatch SGD), then split losses and
 *            samples; --out saves the model, --plot the loss curve
 *   sample   names from a saved model
 *   eval     train/dev/test losses of a saved model on the data's split
 *   lr-find  the learning-rate finder: lr = 10^e for e from -3 to 0 over the steps, loss vs e
 *   plot     the 2-D embedding figure of a model's C (first two dimensions)
 *
 * The conventions are the bigram command line's (bigram/command-line.ts): a user mistake
 * (unknown command or option, bad number, unreadable data or model file, an output path that
 * cannot be written, a learning rate that makes training diverge) prints ONE line on stderr and
 * exits with status 2: no stack trace, and no file written. Every flag and path is checked
 * before the data is read or training starts.
 *
 * @module
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Generator, type NormalKernel } from '../engine/index.js';
import { lossCurveSvg, resolveDataset } from '../bigram/index.js';
import { UsageError, exitQuietlyWhenOutputCloses, formatCommandList, formatHelp, numberOption, parseCommandLine, programName, seedOption, type OptionTable } from '../bigram/command-line.js';
import { checkOutput, checkTrainingOutputs } from '../bigram/output-file.js';
import { writeFileOrExplain } from '../nn/file-access.js';
import { mlpData, type MlpData } from './data.js';
import { initMlp, lectureLr, sampleMlp, splitLoss, trainMlp, type MlpParams } from './model.js';
import { loadMlp, mlpParamsProblem, saveMlp, type LoadedMlp } from './model-file.js';
import { embeddingSvg } from './embedding-plot.js';
import { lrFinderRates } from './lr-find.js';
import { setFloat32Arithmetic, type Float32Arithmetic } from '../engine/ops/float32-arithmetic.js';

export { UsageError } from '../bigram/command-line.js';

/** The name the help uses when the caller gives none: the installed binary. */
const DEFAULT_PROGRAM = 'makemore-mlp';

/**
 * The defaults of the options (the notebook's values); `lr-steps` is lr-find's `--steps`, and
 * `sample` seeds its generator with `seed + 10` (the notebook's `2147483647 + 10`).
 *
 * @example MLP_DEFAULTS.hidden // 200
 */
export const MLP_DEFAULTS = Object.freeze({
  /** train's `--steps`: training steps. */
  steps: 200000,
  /** `--batch`: minibatch size. */
  batch: 32,
  /** `--emb`: embedding dimensions. */
  emb: 10,
  /** `--hidden`: hidden units. */
  hidden: 200,
  /** `--block`: context length. */
  block: 3,
  /** `--seed`: the generator's seed (sample's default is this + 10). */
  seed: 2147483647,
  /** `--lr`: learning rate before `--decay`. */
  lr: 0.1,
  /** `--lr2`: learning rate from `--decay` on. */
  lr2: 0.01,
  /** `--decay`: the step at which `--lr2` takes over. */
  decay: 100000,
  /** `--samples`: names to sample. */
  samples: 20,
  /** `--normal-kernel`: randn's float32 kernel. */
  'normal-kernel': 'avx2' as NormalKernel,
  /** `--arithmetic`: the float32 arithmetic of the training steps (engine/ops/float32-arithmetic.ts). */
  arithmetic: 'engine' as Float32Arithmetic,
  /** lr-find's `--steps`. */
  'lr-steps': 1000,
});

const D = MLP_DEFAULTS;

/**
 * Training stops as diverged when a step's loss is more than this many times the first step's
 * (the loss of the initial model): with lr 1e6 it jumps from 27.9 to 2.6e6 at step 1 and then
 * stays finite, so a non-finite loss alone would not stop it. The lecture's run only goes down.
 */
const BLOW_UP = 1000;

const opt = {
  data: { type: 'string', value: 'FILE', help: 'names file, one name per line', default: "the lecture's names.txt, embedded (32,033 names)" },
  batch: { type: 'string', value: 'N', help: 'minibatch size', default: String(D.batch) },
  emb: { type: 'string', value: 'E', help: 'embedding dimensions (columns of C)', default: String(D.emb) },
  hidden: { type: 'string', value: 'H', help: 'hidden units (columns of W1)', default: String(D.hidden) },
  block: { type: 'string', value: 'B', help: 'context length (characters before the predicted one)', default: String(D.block) },
  seed: { type: 'string', value: 'S', help: 'seed of the parameters and the minibatches, as torch.manual_seed (−2^63 … 2^64−1)', default: String(D.seed) },
  'normal-kernel': { type: 'string', value: 'KERNEL', help: "randn's float32 kernel: avx2 (PyTorch on x86) or scalar (ARM, the first lecture's Mac)", default: D['normal-kernel'] },
  arithmetic: { type: 'string', value: 'MODE', help: "float32 arithmetic of the training steps: engine (its own rules) or pytorch-x86 (PyTorch 1.13.1's bits on x86: with --normal-kernel avx2, PyTorch's losses exactly; several times slower)", default: D.arithmetic },
  samples: { type: 'string', value: 'M', help: 'how many names to sample', default: String(D.samples) },
  model: { type: 'string', value: 'FILE', help: 'a model saved by train --out (required)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies OptionTable;

interface Command {
  summary: string;
  usage: string;
  options: OptionTable;
}

const COMMANDS: Record<string, Command> = {
  train: {
    summary:
      "The notebook's training run (docs/mlp.md): shuffle and split the data, minibatch gradient descent, then the\n" +
      'train/dev/test losses and samples. Training stops with an error, nothing saved, when the loss is not finite or\n' +
      `rises to more than ${BLOW_UP} times the first step's (the learning rate is too large).`,
    usage: 'train [options]',
    options: {
      data: opt.data,
      steps: { type: 'string', value: 'T', help: 'training steps', default: String(D.steps) },
      batch: opt.batch,
      emb: opt.emb,
      hidden: opt.hidden,
      block: opt.block,
      seed: { ...opt.seed, help: `${opt.seed.help}; the samples use seed + 10` },
      'normal-kernel': opt['normal-kernel'],
      arithmetic: opt.arithmetic,
      lr: { type: 'string', value: 'LR', help: 'learning rate of the steps before --decay', default: String(D.lr) },
      lr2: { type: 'string', value: 'LR', help: 'learning rate from step --decay on', default: String(D.lr2) },
      decay: { type: 'string', value: 'STEP', help: 'the step at which --lr2 takes over', default: String(D.decay) },
      samples: opt.samples,
      out: { type: 'string', value: 'FILE', help: 'save the model (C, W1, b1, W2, b2 and the vocabulary) as safetensors', default: 'not saved' },
      plot: { type: 'string', value: 'FILE', help: 'write the loss curve (log10) as SVG (needs --steps ≥ 1)', default: 'none' },
      help: opt.help,
    },
  },
  sample: {
    summary: 'Names from a model saved by train --out.',
    usage: 'sample --model FILE [options]',
    options: {
      model: opt.model,
      samples: opt.samples,
      seed: { ...opt.seed, help: 'seed of the sampling generator, as torch.manual_seed', default: String(D.seed + 10) },
      help: opt.help,
    },
  },
  eval: {
    summary: "The train/dev/test losses of a model saved by train --out, on the data's shuffled 80/10/10 split.",
    usage: 'eval --model FILE [options]',
    options: { model: opt.model, data: { ...opt.data, help: 'names file (the one the model was trained on)' }, help: opt.help },
  },
  'lr-find': {
    summary: "The notebook's learning-rate finder: step i trains with lr = 10^(-3 + 3i/(T-1)); the loss of each step, and\nthe step with the lowest.",
    usage: 'lr-find [options]',
    options: {
      data: opt.data,
      steps: { type: 'string', value: 'T', help: 'steps (at least 2)', default: String(D['lr-steps']) },
      batch: opt.batch,
      emb: opt.emb,
      hidden: opt.hidden,
      block: opt.block,
      seed: opt.seed,
      'normal-kernel': opt['normal-kernel'],
      arithmetic: opt.arithmetic,
      out: { type: 'string', value: 'FILE', help: 'write the loss per step as SVG', default: 'none' },
      help: opt.help,
    },
  },
  plot: {
    summary: "The 2-D figure of a model's embeddings C (its first two dimensions), each point labelled with its character.",
    usage: 'plot --model FILE [options]',
    options: { model: opt.model, out: { type: 'string', value: 'FILE', help: 'the SVG file to write', default: 'embedding.svg' }, help: opt.help },
  },
};

const has = (command: string | undefined): command is string => command !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, command);

/**
 * The help text: of one command (its options with their defaults), or of the program (the commands).
 *
 * @param command - a command name; anything else gives the program's help.
 * @param program - how the program is run, for the usage lines (default `makemore-mlp`).
 *
 * @example console.log(mlpUsage('train')) // usage: makemore-mlp train [options] … --steps T  training steps (default: 200000) …
 */
export function mlpUsage(command?: string, program: string = DEFAULT_PROGRAM): string {
  if (has(command)) return formatHelp(`${program} ${COMMANDS[command].usage}`, COMMANDS[command].summary, COMMANDS[command].options);
  return formatCommandList(
    program,
    'The MLP of makemore part 2 (Bengio et al. 2003). Commands:',
    COMMANDS,
    `Without --data, the commands use the lecture's names.txt (embedded). "${program} <command> --help" lists a command's options and their defaults.`,
  );
}

/** A problem found after the options were accepted that is not the user's (status 1). */
class CommandError extends Error {}

/** Run `fn`; an Error it throws becomes a user mistake (one line, status 2). */
function userError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0], { pointToHelp: false });
  }
}

/** Write an output file that {@link checkOutput} accepted; a failure now is not the user's mistake. */
function write(path: string, text: string, what: string): void {
  try {
    writeFileOrExplain(path, text, what);
  } catch (e) {
    throw new CommandError((e as Error).message);
  }
}

/** The data's words, split and encoded; a file problem or an unusable name (mlpData builds the vocabulary) is the user's mistake. */
function loadData(path: string | undefined, blockSize: number): { description: string; d: MlpData } {
  return userError(() => {
    const ds = resolveDataset(path);
    return { description: ds.description, d: mlpData(ds.words, blockSize) };
  });
}

/** The model of `--model`, required; an unreadable or unusable file is the user's mistake. */
function loadModel(command: string, path: string | undefined): LoadedMlp {
  if (path === undefined) throw new UsageError(`${command} needs --model FILE`);
  return userError(() => loadMlp(path));
}

/** `seed + 10` as torch.manual_seed keeps it (mod 2^64), for the samples after training. */
function sampleSeed(seed: bigint): bigint {
  const s = seed + 10n;
  return s >= 2n ** 64n ? s - 2n ** 64n : s;
}

const f4 = (x: number) => x.toFixed(4);

/**
 * The line of split losses, `train 2.1234  dev 2.1700  test 2.1800`; a split without examples
 * (a data file of a few names) reads `dev - (no examples)` instead of PyTorch's nan.
 */
function splitLosses(p: MlpParams, d: MlpData): string {
  const one = (split: MlpData['train']) => (split.X.shape[0] === 0 ? '- (no examples)' : f4(splitLoss(p, split)));
  return `train ${one(d.train)}  dev ${one(d.dev)}  test ${one(d.test)}`;
}

/**
 * Run one command; `out` receives the lines to print, `err` the one line of a user mistake.
 * Returns the exit status: 0, 2 for a user mistake (nothing written), 1 when writing a checked
 * output file still failed.
 *
 * @param program - how the program is run, for the help (default `makemore-mlp`).
 *
 * @example process.exitCode = runMlpCli(['train', '--steps', '1000']);
 */
export function run(
  argv: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
  program: string = DEFAULT_PROGRAM,
): number {
  const [command, ...rest] = argv;
  const prefix = `mlp${has(command) ? ` ${command}` : ''}`;
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      out(mlpUsage(rest[0], program));
      return 0;
    }
    if (command === undefined) throw new UsageError(`missing command (expected one of: ${Object.keys(COMMANDS).join(', ')})`);
    if (!has(command)) throw new UsageError(`unknown command ${JSON.stringify(command)} (expected one of: ${Object.keys(COMMANDS).join(', ')})`);
    const v = parseCommandLine(rest, COMMANDS[command].options).values;
    if (v.help) {
      out(mlpUsage(command, program));
      return 0;
    }
    return runCommand(command, v, out);
  } catch (e) {
    if (e instanceof UsageError) {
      const hint = e.pointToHelp ? ` (see: ${program}${has(command) ? ` ${command}` : ''} --help)` : '';
      err(`${prefix}: ${e.message}${hint}`);
      return 2;
    }
    if (e instanceof CommandError) {
      err(`${prefix}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

/** The command, its options accepted by the parser: every value and path is checked first. */
function runCommand(command: string, v: Record<string, string | true>, out: (line: string) => void): number {
  const str = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
  switch (command) {
    case 'train':
    case 'lr-find':
      return trainCommand(command, v, out);
    case 'sample': {
      const samples = numberOption('samples', v.samples, D.samples, 'integer >= 0');
      const seed = seedOption(v.seed, BigInt(D.seed + 10));
      const m = loadModel(command, str('model'));
      for (const s of sampleMlp(m.params, m.vocab, samples, new Generator().manualSeed(seed))) out(s);
      return 0;
    }
    case 'eval': {
      const data = str('data');
      const m = loadModel(command, str('model'));
      const { d } = loadData(data, m.blockSize);
      if (d.vocab.size !== m.vocab.size || d.vocab.itos.some((s, i) => s !== m.vocab.itos[i])) {
        throw new UsageError(`the data's vocabulary (${d.vocab.size} symbols) differs from the model's (${m.vocab.size}): evaluate on the data it was trained on`, { pointToHelp: false });
      }
      out(splitLosses(m.params, d));
      return 0;
    }
    default: {
      // plot
      const path = str('out') ?? 'embedding.svg';
      checkOutput('out', path);
      const m = loadModel(command, str('model'));
      const C = m.params.C;
      if (C.shape[1] < 2) throw new UsageError(`the model's embeddings have ${C.shape[1]} dimension; the plot needs 2 (train with --emb 2 or more)`, { pointToHelp: false });
      const rows = C.detach().tolist() as number[][];
      write(path, embeddingSvg(rows.map((r) => [r[0], r[1]] as [number, number]), m.vocab.itos, C.shape[1] === 2 ? undefined : `embedding: dimensions 0 and 1 of ${C.shape[1]}`), 'embedding figure');
      out(`wrote ${path}`);
      return 0;
    }
  }
}

function trainCommand(command: 'train' | 'lr-find', v: Record<string, string | true>, out: (line: string) => void): number {
  const str = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
  const lrFind = command === 'lr-find';
  const steps = numberOption('steps', v.steps, lrFind ? D['lr-steps'] : D.steps, 'integer >= 0');
  if (lrFind && steps < 2) throw new UsageError(`--steps must be at least 2 for the finder (its rates go from 10^-3 to 10^0), got ${JSON.stringify(v.steps)}`);
  const batch = numberOption('batch', v.batch, D.batch, 'integer > 0');
  const embDim = numberOption('emb', v.emb, D.emb, 'integer > 0');
  const hidden = numberOption('hidden', v.hidden, D.hidden, 'integer > 0');
  const blockSize = numberOption('block', v.block, D.block, 'integer > 0');
  const seed = seedOption(v.seed, BigInt(D.seed));
  const normalKernel = str('normal-kernel') ?? D['normal-kernel'];
  if (normalKernel !== 'scalar' && normalKernel !== 'avx2') throw new UsageError(`--normal-kernel must be scalar or avx2, got ${JSON.stringify(normalKernel)}`);
  const arithmetic = str('arithmetic') ?? D.arithmetic;
  if (arithmetic !== 'engine' && arithmetic !== 'pytorch-x86') throw new UsageError(`--arithmetic must be engine or pytorch-x86, got ${JSON.stringify(arithmetic)}`);
  /** The training steps run in the chosen arithmetic; everything else in the default. */
  const inArithmetic = <T>(steps: () => T): T => {
    const previous = setFloat32Arithmetic(arithmetic);
    try { return steps(); } finally { setFloat32Arithmetic(previous); }
  };
  const lr = numberOption('lr', v.lr, D.lr, 'number >= 0');
  const lr2 = numberOption('lr2', v.lr2, D.lr2, 'number >= 0');
  const decay = numberOption('decay', v.decay, D.decay, 'integer >= 0');
  const samples = numberOption('samples', v.samples, D.samples, 'integer >= 0');
  const outPath = str('out');
  const plotPath = str('plot');
  checkTrainingOutputs(outPath, plotPath, steps); // everything that could stop the command after training
  const { description, d } = loadData(str('data'), blockSize);
  if (d.train.X.shape[0] === 0) throw new UsageError(`the training split is empty: the data needs more words (${description.replace(/^data: /, '')})`, { pointToHelp: false });
  out(description);
  out(`split: Xtr [${d.train.X.shape}], Xdev [${d.dev.X.shape}], Xte [${d.test.X.shape}]`);
  const g = new Generator({ normalKernel }).manualSeed(seed);
  const p = initMlp({ vocabSize: d.vocab.size, blockSize, embDim, hidden }, g);
  const count = [p.C, p.W1, p.b1, p.W2, p.b2].reduce((s, t) => s + t.numel(), 0);
  out(`parameters: ${count} (C [${p.C.shape}], W1 [${p.W1.shape}], b1 [${p.b1.shape}], W2 [${p.W2.shape}], b2 [${p.b2.shape}]), randn kernel ${normalKernel}`);
  if (arithmetic !== D.arithmetic) out(`float32 arithmetic of the training steps: ${arithmetic}`);
  const every = Math.max(1, Math.round(steps / 20));
  const t0 = performance.now();
  if (lrFind) {
    const { exponents, rates } = lrFinderRates(steps);
    const losses = inArithmetic(() => trainMlp(p, d.train, {
      steps, batch, generator: g, lr: (i) => rates[i],
      onStep: (i, loss) => {
        if (!Number.isFinite(loss)) {
          throw new UsageError(`the finder diverged at step ${i} of ${steps} (lr 10^${exponents[i].toFixed(3)}): the loss is ${loss}; nothing was written`, { pointToHelp: false });
        }
        if (i % every === 0 || i === steps - 1) out(`${String(i).padStart(7)}/${steps}: lr 10^${exponents[i].toFixed(3)}  loss ${f4(loss)}`);
      },
    }));
    const best = losses.indexOf(Math.min(...losses));
    out(`lowest loss ${f4(losses[best])} at step ${best}, lr exponent ${exponents[best].toFixed(3)} (lr ${rates[best].toPrecision(3)})`);
    if (outPath !== undefined) {
      write(outPath, lossCurveSvg(losses, { title: 'learning-rate finder', xLabel: `step i (lr = 10^(-3 + 3i/${steps - 1}))`, yLabel: 'loss' }), 'loss curve');
      out(`wrote ${outPath}`);
    }
    return 0;
  }
  const schedule = (i: number) => (i < decay ? lr : lr2);
  const diverged = (i: number, problem: string) => {
    const flag = i < decay ? `--lr (it is ${lr})` : `--lr2 (it is ${lr2})`;
    return new UsageError(`training diverged at step ${i} of ${steps}: ${problem}; try a smaller ${flag}; nothing was saved`, { pointToHelp: false });
  };
  let first = NaN;
  const losses = inArithmetic(() => trainMlp(p, d.train, {
    steps, batch, generator: g, lr: lr === D.lr && lr2 === D.lr2 && decay === D.decay ? lectureLr : schedule,
    onStep: (i, loss) => {
      // a loss that is not finite, or that blew up, stops training here (the exception leaves
      // the loop): nothing is saved
      if (!Number.isFinite(loss)) throw diverged(i, `the loss is ${loss}`);
      if (i === 0) first = loss;
      else if (loss > BLOW_UP * first) throw diverged(i, `the loss ${f4(loss)} is more than ${BLOW_UP} times the first step's ${f4(first)}`);
      if (i % every === 0 || i === steps - 1) out(`${String(i).padStart(7)}/${steps}: ${f4(loss)}  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    },
  }));
  // the last update comes after the last loss: the parameters it left must be usable too
  const problem = mlpParamsProblem(p);
  if (problem !== undefined) throw diverged(steps - 1, `after its update ${problem}`);
  const secs = (performance.now() - t0) / 1000;
  if (steps > 0) out(`${steps} steps in ${secs.toFixed(1)} s (${((secs * 1000) / steps).toFixed(3)} ms per step)`);
  out(splitLosses(p, d));
  if (samples > 0) for (const s of sampleMlp(p, d.vocab, samples, new Generator().manualSeed(sampleSeed(seed)))) out(s);
  if (outPath !== undefined) {
    save(outPath, p, d);
    out(`saved ${outPath}`);
  }
  if (plotPath !== undefined) {
    write(plotPath, lossCurveSvg(losses.map(Math.log10), { title: 'training loss (log10)', yLabel: 'log10 loss' }), 'loss curve');
    out(`wrote ${plotPath}`);
  }
  return 0;
}

/** Save a trained model to a checked path; a failure now is not the user's mistake. */
function save(path: string, p: MlpParams, d: MlpData): void {
  try {
    saveMlp(path, p, d.vocab);
  } catch (e) {
    throw new CommandError((e as Error).message);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  exitQuietlyWhenOutputCloses();
  process.exitCode = run(process.argv.slice(2), console.log, console.error, programName({ bin: 'makemore-mlp', npmScript: 'mlp', source: 'mlp/cli.ts' }));
}
