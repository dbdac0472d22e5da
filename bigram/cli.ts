#!/usr/bin/env node
/**
 * The bigram command line: `npx tsx bigram/cli.ts <command> [options]` (or `npm run bigram --`).
 *
 *   counts  the counting model: sample names, print the average NLL
 *   train   the neural net: gradient descent with a loss display, then samples; --out saves W
 *   sample  names from a saved model
 *   eval    average NLL of the data or of given words, with the per-bigram breakdown
 *   plot    the lecture's 27×27 counts figure as SVG
 *
 * User errors (unknown command or flag, unreadable file, bad number) print one line and the
 * usage, and exit with status 2; no stack traces.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Generator, type Tensor } from '../engine/index.js';
import { Vocabulary } from './data.js';
import { resolveDataset } from './builtin-names.js';
import { countBigrams, evaluate, formatBigramScore, probabilities, sampleNames } from './counts.js';
import { initWeights, sampleFromNet, train, trainingSet, type TrainOptions } from './neural.js';
import { BigramModel, trainBigram } from './bigram-model.js';
import { loadModel, saveModel } from './model-file.js';
import { countsFigureSvg, lossCurveSvg } from './plot.js';
import { pyFloat } from './pyrepr.js';

/**
 * An error in what the user typed: reported in one line with the usage.
 * @example runCli(['no-such-command'], console.log, console.error) // a UsageError inside: prints the usage, returns 2
 */
export class UsageError extends Error {}

const USAGE: Record<string, string> = {
  counts: 'counts [--data FILE] [--smoothing K] [--seed S] [--samples M]',
  train: 'train [--data FILE] [--model lecture|nn] [--steps T] [--lr LR] [--reg R] [--seed S] [--samples M] [--out model.safetensors] [--plot loss.svg]',
  sample: 'sample --model FILE [--data FILE] [--seed S] [--samples M]',
  eval: 'eval [--data FILE] [--model FILE] [--smoothing K] [WORD...]',
  plot: 'plot [--data FILE] [--out counts.svg]',
};

/**
 * The usage text, for one command or all.
 * @example console.log(cliUsage('train')) // the options of the train command
 */
export function usage(command?: string): string {
  const lines = command && USAGE[command] ? [USAGE[command]] : Object.values(USAGE);
  return `usage: npx tsx bigram/cli.ts ${lines.join('\n       npx tsx bigram/cli.ts ')}`;
}

type Options = NonNullable<ParseArgsConfig['options']>;
const common: Options = { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } };
const OPTIONS: Record<string, Options> = {
  counts: { ...common, smoothing: { type: 'string' }, seed: { type: 'string' }, samples: { type: 'string' } },
  train: { ...common, model: { type: 'string' }, steps: { type: 'string' }, lr: { type: 'string' }, reg: { type: 'string' }, seed: { type: 'string' }, samples: { type: 'string' }, out: { type: 'string' }, plot: { type: 'string' } },
  sample: { ...common, model: { type: 'string' }, seed: { type: 'string' }, samples: { type: 'string' } },
  eval: { ...common, model: { type: 'string' }, smoothing: { type: 'string' } },
  plot: { ...common, out: { type: 'string' } },
};

/** Parse a number option: `kind` says what is allowed. */
function num(name: string, raw: unknown, dflt: number, kind: 'int>=0' | 'int>0' | '>=0' | 'seed'): number {
  if (raw === undefined) return dflt;
  const v = Number(raw);
  const ok = raw !== '' && Number.isFinite(v) && (kind === 'seed' ? Number.isInteger(v) : v >= 0) && (kind.startsWith('int') ? Number.isInteger(v) : true) && (kind === 'int>0' ? v > 0 : true);
  if (!ok) {
    const what = { 'int>=0': 'a non-negative integer', 'int>0': 'a positive integer', '>=0': 'a non-negative number', seed: 'an integer' }[kind];
    throw new UsageError(`--${name} must be ${what}, got ${JSON.stringify(raw)}`);
  }
  return v;
}

/**
 * Run one command; `out` receives the lines to print. Returns the exit status.
 * @example process.exitCode = runCli(['train', '--steps', '100']);
 */
export function run(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): number {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      err('bigram: missing command');
      err(usage());
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      out(usage());
      return 0;
    }
    if (!OPTIONS[command]) throw new UsageError(`unknown command ${JSON.stringify(command)} (expected one of: ${Object.keys(OPTIONS).join(', ')})`);
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: OPTIONS[command], allowPositionals: command === 'eval', strict: true });
    } catch (e) {
      throw new UsageError((e as Error).message.split('\n')[0]);
    }
    const v = parsed.values as Record<string, string | boolean | undefined>;
    if (v.help) {
      out(usage(command));
      return 0;
    }
    const data = v.data as string | undefined;
    const seed = num('seed', v.seed, 2147483647, 'seed');
    // every number is checked before any data is read
    const smoothing = num('smoothing', v.smoothing, 1, '>=0');
    const samples = num('samples', v.samples, 5, 'int>=0');
    const loadData = () => {
      try {
        const ds = resolveDataset(data);
        Vocabulary.fromWords(ds.words); // a name containing '.' is the user's error, not a crash
        return ds;
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    };
    switch (command) {
      case 'counts': {
        const ds = loadData();
        out(ds.description);
        const vocab = Vocabulary.fromWords(ds.words);
        const P = probabilities(countBigrams(ds.words, vocab), smoothing);
        for (const name of sampleNames(P, vocab, new Generator().manualSeed(seed), samples)) out(name);
        out(`average negative log-likelihood: ${evaluate(P, ds.words, vocab, false).avgNll.toFixed(4)}`);
        return 0;
      }
      case 'train': {
        const steps = num('steps', v.steps, 100, 'int>=0');
        const lr = num('lr', v.lr, 50, '>=0');
        const reg = num('reg', v.reg, 0.01, '>=0');
        const style = (v.model as string | undefined) ?? 'lecture';
        if (style !== 'lecture' && style !== 'nn') throw new UsageError(`--model must be lecture or nn, got ${JSON.stringify(style)}`);
        const ds = loadData();
        out(ds.description);
        const vocab = Vocabulary.fromWords(ds.words);
        const set = trainingSet(ds.words, vocab);
        const W = initWeights(vocab.size, new Generator().manualSeed(seed));
        const tty = process.stdout.isTTY && out === console.log;
        // 'lecture': the hand-written loop of bigram/neural.ts; 'nn': Linear + crossEntropy + SGD
        // from nn/, started from the same W (same losses within float32 rounding)
        const model = style === 'nn' ? BigramModel.fromLectureWeights(W) : null;
        const fit = model ? (o: TrainOptions) => trainBigram(model, set, o) : (o: TrainOptions) => train(W, set, o);
        const losses = fit({
          steps, lr, reg,
          onStep: (k, loss) => {
            if (tty) {
              const width = 30, done = Math.round(((k + 1) / steps) * width);
              process.stdout.write(`\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] step ${k + 1}/${steps} loss ${loss.toFixed(4)}`);
              if (k + 1 === steps) process.stdout.write('\n');
            } else out(`step ${k + 1}/${steps} loss ${loss.toFixed(4)}`);
          },
        });
        if (model) W.data.copy_(model.linear.weight.detach().T);
        if (v.out) {
          saveModel(v.out as string, W, vocab);
          out(`saved W to ${v.out}`);
        }
        if (v.plot) {
          if (losses.length === 0) throw new UsageError('--plot needs at least one training step');
          writeFileSync(v.plot as string, lossCurveSvg(losses, { title: `training loss (lr ${lr}, reg ${reg})` }));
          out(`wrote the loss curve to ${v.plot}`);
        }
        for (const name of sampleFromNet(W, vocab, new Generator().manualSeed(seed), samples)) out(name);
        return 0;
      }
      case 'sample': {
        if (!v.model) throw new UsageError('sample needs --model FILE');
        const fallback = data ? Vocabulary.fromWords(loadData().words) : undefined;
        const { W, vocab } = loadModelOrUsage(v.model as string, fallback);
        for (const name of sampleFromNet(W, vocab, new Generator().manualSeed(seed), samples)) out(name);
        return 0;
      }
      case 'eval': {
        const words = parsed.positionals.map((w) => w.trim().toLowerCase());
        let P: Tensor;
        let vocab: Vocabulary;
        const ds = !v.model || words.length === 0 || data ? loadData() : null;
        if (ds) out(ds.description);
        if (v.model) {
          const m = loadModelOrUsage(v.model as string, ds ? Vocabulary.fromWords(ds.words) : undefined);
          vocab = m.vocab;
          const counts = m.W.exp();
          P = counts.div(counts.sum(1, true));
        } else {
          vocab = Vocabulary.fromWords(ds!.words);
          P = probabilities(countBigrams(ds!.words, vocab), smoothing);
        }
        const target = words.length ? words : ds!.words;
        let e;
        try {
          e = evaluate(P, target, vocab, words.length > 0);
        } catch (er) {
          throw new UsageError((er as Error).message);
        }
        for (const s of e.bigrams) out(formatBigramScore(s));
        out(`log_likelihood=${pyFloat(e.logLikelihood)}`);
        out(`nll=${pyFloat(e.nll)}`);
        out(`average nll=${pyFloat(e.avgNll)} over ${e.n} bigrams`);
        return 0;
      }
      case 'plot': {
        const ds = loadData();
        out(ds.description);
        const vocab = Vocabulary.fromWords(ds.words);
        const N = countBigrams(ds.words, vocab).tolist() as number[][];
        const path = (v.out as string | undefined) ?? 'counts.svg';
        writeFileSync(path, countsFigureSvg(N, vocab.itos));
        out(`wrote the ${vocab.size}×${vocab.size} counts figure to ${path}`);
        return 0;
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`bigram ${command ?? ''}: ${e.message}`.replace('bigram : ', 'bigram: '));
      err(usage(OPTIONS[command ?? ''] ? command : undefined));
      return 2;
    }
    if (e instanceof Error && 'code' in e && typeof (e as NodeJS.ErrnoException).code === 'string') {
      err(`bigram ${command}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

function loadModelOrUsage(path: string, fallback?: Vocabulary) {
  try {
    return loadModel(path, fallback);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) process.exitCode = run(process.argv.slice(2));
