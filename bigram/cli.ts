#!/usr/bin/env node
/**
 * The bigram command line: `makemore-bigram <command> [options]` when installed,
 * `npm run bigram -- <command> [options]` in the repository.
 *
 *   counts  the counting model: sample names, print the average NLL
 *   train   the neural net: gradient descent with a loss display, then samples; --out saves W
 *   sample  names from a saved model
 *   eval    average NLL of the data or of given words, with the per-bigram breakdown
 *   plot    the lecture's counts figure (V×V, 27×27 for names.txt) as SVG
 *
 * Without `--data`, every command uses the lecture's names.txt, embedded in the package.
 *
 * A user mistake (unknown command or option, bad number, unreadable data or model file, an
 * output path that cannot be written, a learning rate that makes training diverge) prints ONE
 * line on stderr and exits with status 2: no stack trace, and no file written. Every flag and
 * path is checked before the data is read or training starts.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Generator, type Tensor } from '../engine/index.js';
import { Vocabulary } from './data.js';
import { resolveDataset, type Dataset } from './dataset.js';
import { countBigrams, evaluate, formatBigramScore, probabilities, sampleNames } from './counts.js';
import { initWeights, sampleFromNet, train, trainingSet, type TrainOptions } from './neural.js';
import { BigramModel, trainBigram } from './bigram-model.js';
import { loadModel, saveModel, weightsProblem } from './model-file.js';
import { countsFigureSvg, lossCurveSvg } from './plot.js';
import { pyFloat } from './pyrepr.js';
import { checkOutput, checkTrainingOutputs } from './output-file.js';
import { writeFileOrExplain } from '../nn/file-access.js';
import { UsageError, exitQuietlyWhenOutputCloses, formatCommandList, formatHelp, numberOption, parseCommandLine, programName, seedOption, type OptionTable } from './command-line.js';

export { UsageError } from './command-line.js';

/** The name the help uses when the caller gives none: the installed binary. */
const DEFAULT_PROGRAM = 'makemore-bigram';

const DEFAULT_SEED = 2147483647n;

const opt = {
  data: { type: 'string', value: 'FILE', help: 'names file, one name per line', default: "the lecture's names.txt, embedded (32,033 names)" },
  seed: { type: 'string', value: 'S', help: 'seed of the generator, as torch.manual_seed (−2^63 … 2^64−1)', default: '2147483647' },
  samples: { type: 'string', value: 'M', help: 'how many names to sample', default: '5' },
  smoothing: { type: 'string', value: 'K', help: 'add K to every count before normalising (0: none)', default: '1' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies OptionTable;

interface Command {
  summary: string;
  usage: string;
  options: OptionTable;
  /** What the command takes besides options, or false for nothing. */
  positionals: string | false;
  extra?: string[];
}

const COMMANDS: Record<string, Command> = {
  counts: {
    summary: 'The counting model (notes N3–N15): count the bigrams, sample names, print the average negative log-likelihood.',
    usage: 'counts [options]',
    options: { data: opt.data, smoothing: opt.smoothing, seed: opt.seed, samples: opt.samples, help: opt.help },
    positionals: false,
  },
  train: {
    summary: 'The neural net (notes N16–N22): gradient descent on W with the loss of each step, then samples.\nTraining stops with an error when the loss stops being finite (the learning rate is too large).',
    usage: 'train [options]',
    options: {
      data: opt.data,
      model: { type: 'string', value: 'STYLE', help: "lecture (the notebook's loop) or nn (Linear + crossEntropy + SGD)", default: 'lecture' },
      steps: { type: 'string', value: 'T', help: 'gradient-descent steps', default: '100' },
      lr: { type: 'string', value: 'LR', help: 'learning rate', default: '50' },
      reg: { type: 'string', value: 'R', help: 'regularisation: adds R·mean(W²) to the loss', default: '0.01' },
      seed: { ...opt.seed, help: 'seed of W = randn(V, V) and of the samples, as torch.manual_seed' },
      samples: opt.samples,
      out: { type: 'string', value: 'FILE', help: 'save W and the vocabulary as safetensors', default: 'not saved' },
      plot: { type: 'string', value: 'FILE', help: 'write the loss curve as SVG (needs --steps ≥ 1)', default: 'none' },
      help: opt.help,
    },
    positionals: false,
  },
  sample: {
    summary: 'Names from a model saved by train --out.',
    usage: 'sample --model FILE [options]',
    options: {
      model: { type: 'string', value: 'FILE', help: 'the safetensors file (required)' },
      data: { ...opt.data, help: 'names file giving the vocabulary, for a model file without one', default: "the file's vocabulary" },
      seed: opt.seed,
      samples: opt.samples,
      help: opt.help,
    },
    positionals: false,
  },
  eval: {
    summary: 'The average negative log-likelihood of WORDs (or of every name of the data), with the per-bigram breakdown.\nWORDs are scored as typed: the vocabulary is case-sensitive, as the data is.',
    usage: 'eval [options] [WORD...]',
    options: {
      data: opt.data,
      model: { type: 'string', value: 'FILE', help: 'score with a model saved by train --out', default: 'the counts model of the data' },
      smoothing: { ...opt.smoothing, help: 'add K to every count (counts model only)' },
      help: opt.help,
    },
    positionals: 'WORD',
    extra: ["WORD...: the words to score (default: every name of the data)"],
  },
  plot: {
    summary: "The lecture's figure of the bigram counts (V×V cells, labelled with the bigram and its count) as SVG.",
    usage: 'plot [options]',
    options: { data: opt.data, out: { type: 'string', value: 'FILE', help: 'the SVG file to write', default: 'counts.svg' }, help: opt.help },
    positionals: false,
  },
};

/**
 * The help text: of one command (its options with their defaults), or of the program (the commands).
 *
 * @param command - a command name; anything else gives the program's help.
 * @param program - how the program is run, for the usage lines (default `makemore-bigram`).
 *
 * @example console.log(usage('train')) // usage: makemore-bigram train [options] … --steps T  gradient-descent steps (default: 100) …
 */
export function usage(command?: string, program: string = DEFAULT_PROGRAM): string {
  const c = command !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (c) return formatHelp(`${program} ${c.usage}`, c.summary, c.options, c.extra);
  return formatCommandList(
    program,
    'The bigram model of the first makemore lecture. Commands:',
    COMMANDS,
    `Without --data, every command uses the lecture's names.txt (embedded). "${program} <command> --help" lists a command's options and their defaults.`,
  );
}

/** A problem found after the options were accepted; `status` 2 for a user mistake, 1 otherwise. */
class CommandError extends Error {
  constructor(message: string, readonly status: 1 | 2) {
    super(message);
  }
}

/** Run `fn`; an Error it throws becomes a user mistake (one line, status 2). */
function userError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new UsageError((e as Error).message, { pointToHelp: false });
  }
}

/** The data set and its vocabulary; a file problem or an unusable name is the user's mistake. */
function loadData(path: string | undefined): { ds: Dataset; vocab: Vocabulary } {
  return userError(() => {
    const ds = resolveDataset(path);
    return { ds, vocab: Vocabulary.fromWords(ds.words) }; // a name containing '.' is the user's error, not a crash
  });
}

/**
 * Run one command; `out` receives the lines to print, `err` the one line of a user mistake.
 * Returns the exit status: 0, 2 for a user mistake (nothing written), 1 when writing a checked
 * output file still failed.
 *
 * @param program - how the program is run, for the help (default `makemore-bigram`).
 *
 * @example process.exitCode = runCli(['train', '--steps', '100']);
 */
export function run(
  argv: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
  program: string = DEFAULT_PROGRAM,
): number {
  const [command, ...rest] = argv;
  const prefix = `bigram${command !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, command) ? ` ${command}` : ''}`;
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      out(usage(rest[0], program));
      return 0;
    }
    if (command === undefined) throw new UsageError(`missing command (expected one of: ${Object.keys(COMMANDS).join(', ')})`);
    const spec = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!spec) throw new UsageError(`unknown command ${JSON.stringify(command)} (expected one of: ${Object.keys(COMMANDS).join(', ')})`);
    const parsed = parseCommandLine(rest, spec.options, spec.positionals);
    const v = parsed.values;
    if (v.help) {
      out(usage(command, program));
      return 0;
    }
    return runCommand(command, v, parsed.positionals, out);
  } catch (e) {
    if (e instanceof UsageError) {
      const hint = e.pointToHelp ? ` (see: ${program}${prefix === 'bigram' ? '' : ` ${command}`} --help)` : '';
      err(`${prefix}: ${e.message}${hint}`);
      return 2;
    }
    if (e instanceof CommandError) {
      err(`${prefix}: ${e.message}`);
      return e.status;
    }
    throw e;
  }
}

/** The command, its options accepted by the parser: every value and path is checked first. */
function runCommand(command: string, v: Record<string, string | true>, words: string[], out: (line: string) => void): number {
  const str = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
  const data = str('data');
  const seed = seedOption(v.seed, DEFAULT_SEED);
  const smoothing = numberOption('smoothing', v.smoothing, 1, 'number >= 0');
  const samples = numberOption('samples', v.samples, 5, 'integer >= 0');
  const seeded = () => new Generator().manualSeed(seed);
  switch (command) {
    case 'counts': {
      const { ds, vocab } = loadData(data);
      out(ds.description);
      const P = probabilities(countBigrams(ds.words, vocab), smoothing);
      for (const name of sampleNames(P, vocab, seeded(), samples)) out(name);
      out(`average negative log-likelihood: ${evaluate(P, ds.words, vocab, false).avgNll.toFixed(4)}`);
      return 0;
    }
    case 'train':
      return trainCommand(v, data, seed, samples, out);
    case 'sample': {
      const model = str('model');
      if (model === undefined) throw new UsageError('sample needs --model FILE');
      const fallback = data !== undefined ? loadData(data).vocab : undefined;
      const { W, vocab } = userError(() => loadModel(model, fallback));
      for (const name of sampleFromNet(W, vocab, seeded(), samples)) out(name);
      return 0;
    }
    case 'eval': {
      const model = str('model');
      // words are scored as typed (trimmed like the lines of a names file): the vocabulary is
      // case-sensitive, so "Emma" is refused with a hint rather than silently lower-cased
      const typed = words.map((w) => w.trim());
      const ds = model === undefined || typed.length === 0 || data !== undefined ? loadData(data) : null;
      let P: Tensor;
      let vocab: Vocabulary;
      if (model !== undefined) {
        const m = userError(() => loadModel(model, ds?.vocab));
        vocab = m.vocab;
        const counts = m.W.exp();
        P = counts.div(counts.sum(1, true));
      } else {
        vocab = ds!.vocab;
        P = probabilities(countBigrams(ds!.ds.words, vocab), smoothing);
      }
      for (const w of typed) checkWord(w, vocab);
      const target = typed.length ? typed : ds!.ds.words;
      const e = userError(() => evaluate(P, target, vocab, typed.length > 0));
      if (ds) out(ds.ds.description);
      for (const s of e.bigrams) out(formatBigramScore(s));
      out(`log_likelihood=${pyFloat(e.logLikelihood)}`);
      out(`nll=${pyFloat(e.nll)}`);
      out(`average nll=${pyFloat(e.avgNll)} over ${e.n} bigrams`);
      return 0;
    }
    case 'plot': {
      const path = str('out') ?? 'counts.svg';
      checkOutput('out', path);
      const { ds, vocab } = loadData(data);
      out(ds.description);
      const N = countBigrams(ds.words, vocab).tolist() as number[][];
      write(path, countsFigureSvg(N, vocab.itos), 'counts figure');
      out(`wrote the ${vocab.size}×${vocab.size} counts figure to ${path}`);
      return 0;
    }
  }
  return 0;
}

/** A word to score must be encodable; an upper-case word whose lower case is gets a hint. */
function checkWord(word: string, vocab: Vocabulary): void {
  if (word === '') throw new UsageError('an empty WORD cannot be scored', { pointToHelp: false });
  try {
    vocab.encode(word);
  } catch (e) {
    const lower = word.toLowerCase();
    let hint = '';
    if (lower !== word) {
      try {
        vocab.encode(lower);
        hint = ` (words are scored as typed and the names are lower-case: did you mean "${lower}"?)`;
      } catch {
        // the lower-case word is not encodable either: no hint
      }
    }
    throw new UsageError(`${(e as Error).message}${hint}`, { pointToHelp: false });
  }
}

/** Write an output file that {@link checkOutput} accepted; a failure now is not the user's mistake. */
function write(path: string, data: string, what: string): void {
  try {
    writeFileOrExplain(path, data, what);
  } catch (e) {
    throw new CommandError((e as Error).message, 1);
  }
}

function trainCommand(v: Record<string, string | true>, data: string | undefined, seed: bigint, samples: number, out: (line: string) => void): number {
  const str = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
  const steps = numberOption('steps', v.steps, 100, 'integer >= 0');
  const lr = numberOption('lr', v.lr, 50, 'number >= 0');
  const reg = numberOption('reg', v.reg, 0.01, 'number >= 0');
  const style = str('model') ?? 'lecture';
  if (style !== 'lecture' && style !== 'nn') throw new UsageError(`--model must be lecture or nn, got ${JSON.stringify(style)}`);
  const outPath = str('out');
  const plotPath = str('plot');
  checkTrainingOutputs(outPath, plotPath, steps); // everything that could stop the command after training
  const { ds, vocab } = loadData(data);
  out(ds.description);
  const set = trainingSet(ds.words, vocab);
  const W = initWeights(vocab.size, new Generator().manualSeed(seed));
  const tty = process.stdout.isTTY && out === console.log;
  // 'lecture': the hand-written loop of bigram/neural.ts; 'nn': Linear + crossEntropy + SGD
  // from nn/, started from the same W (same losses within float32 rounding)
  const model = style === 'nn' ? BigramModel.fromLectureWeights(W) : null;
  const fit = model ? (o: TrainOptions) => trainBigram(model, set, o) : (o: TrainOptions) => train(W, set, o);
  const diverged = (what: string) =>
    new UsageError(`training diverged at ${what}; try a smaller --lr (it is ${lr}); nothing was saved`, { pointToHelp: false });
  // W as the lecture lays it out (inputs × outputs): nn's Linear keeps its transpose
  let midLine = false; // the progress bar (on a terminal) is drawn on one line, redrawn each step
  const currentW = () => (model ? model.linear.weight.detach().T : W);
  const losses = fit({
    steps,
    lr,
    reg,
    onStep: (k, loss) => {
      // a non-finite loss, or a W after this step's update that gives no probabilities, stops
      // training here (the exception leaves the loop); nothing is saved
      const stop = (problem: string) => {
        if (midLine) process.stdout.write('\n'); // end the progress bar's line
        return new UsageError(`training diverged at step ${k + 1} of ${steps}: ${problem}; try a smaller --lr (it is ${lr}); nothing was saved`, { pointToHelp: false });
      };
      if (!Number.isFinite(loss)) throw stop(`the loss is ${loss}`);
      if (tty) {
        const width = 30, done = Math.round(((k + 1) / steps) * width);
        process.stdout.write(`\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] step ${k + 1}/${steps} loss ${loss.toFixed(4)}`);
        midLine = k + 1 < steps;
        if (!midLine) process.stdout.write('\n');
      } else out(`step ${k + 1}/${steps} loss ${loss.toFixed(4)}`);
      const problem = weightsProblem(currentW());
      if (problem !== undefined) throw stop(`after its update ${problem}`);
    },
  });
  if (model) W.data.copy_(model.linear.weight.detach().T);
  if (outPath !== undefined) {
    try {
      saveModel(outPath, W, vocab);
    } catch (e) {
      throw new CommandError((e as Error).message, 1);
    }
    out(`saved W to ${outPath}`);
  }
  if (plotPath !== undefined) {
    write(plotPath, lossCurveSvg(losses, { title: `training loss (lr ${lr}, reg ${reg})` }), 'loss curve');
    out(`wrote the loss curve to ${plotPath}`);
  }
  for (const name of sampleFromNet(W, vocab, new Generator().manualSeed(seed), samples)) out(name);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  exitQuietlyWhenOutputCloses();
  process.exitCode = run(process.argv.slice(2), console.log, console.error, programName({ bin: 'makemore-bigram', npmScript: 'bigram', source: 'bigram/cli.ts' }));
}
