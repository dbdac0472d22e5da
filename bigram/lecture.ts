#!/usr/bin/env node
/**
 * The lecture, end to end: walks the makemore part 1 notebook in order and prints each step's
 * result the way PyTorch printed it. Each section is headed by the notes item it illustrates
 * (`../shared/seed/README.md`, N1–N22).
 *
 *     npm run lecture                      # the lecture's names.txt, embedded in the package
 *     npm run lecture -- --data FILE       # another names file
 *
 * Without `--data` it prints exactly the notebook's values. With another data set the headings
 * and shapes follow its vocabulary (V×V instead of 27×27). A mistake in the options or the data
 * file prints one line on stderr and exits with status 2.
 */
import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import { Generator, arange, explainBroadcast, multinomial, noGrad, oneHot, rand, tensor, type NormalKernel } from '../engine/index.js';
import { Vocabulary, bigramPairs } from './data.js';
import { resolveDataset } from './dataset.js';
import { UsageError, exitQuietlyWhenOutputCloses, formatHelp, numberOption, parseCommandLine, programName, type OptionTable } from './command-line.js';
import { countBigramsLoop, evaluate, formatBigramScore, probabilities, sampleNames } from './counts.js';
import { forward, initWeights, loss, sampleFromNet, train, trainingSet } from './neural.js';
import { pyFloat, pyRepr, torchSize } from './pyrepr.js';

/** Options of the lecture run. */
export interface LectureOptions {
  /** Names file (default: the lecture's names.txt, embedded). */
  data?: string;
  /** The generator's normal_fill kernel for `randn` (default 'scalar', the lecture's). */
  kernel?: NormalKernel;
  /** Training steps before the first samples (100) and in all (300). */
  steps?: number;
  /** Training steps in all (300: the notebook's last names appear from step 250 on); below `steps`, `steps` (the command line refuses it). */
  totalSteps?: number;
}

const SEED = 2147483647;

/**
 * Run the lecture, writing lines through `print`.
 * @example runLecture({ steps: 10 }, (line) => console.log(line));
 */
export function runLecture(opts: LectureOptions = {}, print: (line: string) => void = console.log): void {
  const kernel = opts.kernel ?? 'scalar';
  const seeded = () => new Generator({ normalKernel: kernel }).manualSeed(SEED);
  const section = (id: string, title: string) => print(`\n## ${id}: ${title}`);
  const dataset = resolveDataset(opts.data);
  const words = dataset.words;
  print(dataset.description);

  section('N1', 'the data set');
  print(pyRepr(words.slice(0, 10)));
  print(String(words.length));
  print(String(Math.min(...words.map((w) => w.length))));
  print(String(Math.max(...words.map((w) => w.length))));

  section('N1', 'bigrams, most common first (<S> and <E> mark start and end)');
  const b = new Map<string, number>();
  for (const w of words) {
    const chs = ['<S>', ...w, '<E>'];
    for (let i = 0; i + 1 < chs.length; i++) {
      const key = `${chs[i]}\u0000${chs[i + 1]}`;
      b.set(key, (b.get(key) ?? 0) + 1);
    }
  }
  const top = [...b.entries()].sort((x, y) => y[1] - x[1]).slice(0, 10);
  print(pyRepr(top.map(([k, c]) => ({ tuple: [{ tuple: k.split('\u0000') }, c] }))));

  const vocab = Vocabulary.fromWords(words);
  const V = vocab.size; // 27 for names.txt
  section('N2–N3', `the vocabulary and the ${V}×${V} count matrix N (N[ix1, ix2] += 1)`);
  print(pyRepr(vocab.itos));
  const N = countBigramsLoop(words, vocab);
  print(`N.shape = ${torchSize(N.shape)}, N.sum() = ${N.sum().item()}`);
  print(N.index(0).toString());

  section('N4', 'p = N[0].float(); p = p / p.sum()');
  const p = N.index(0).float();
  p.div_(p.sum());
  print(p.toString());
  {
    const g = seeded();
    const ix = multinomial(p, 1, { replacement: true, generator: g }).item();
    print(`ix = ${ix}, itos[ix] = ${pyRepr(vocab.itos[ix])}`);
  }

  section('N5–N6', 'a seeded generator, torch.rand(3) normalised, 100 multinomial draws');
  {
    const g = seeded();
    let q = rand(3, { generator: g });
    q = q.div(q.sum());
    print(q.toString());
    print(multinomial(q, 100, { replacement: true, generator: g }).toString());
  }

  section('N8–N13', 'P = (N+1).float(); P /= P.sum(1, keepdim=True) (in place, N13)');
  const P = probabilities(N, 1);
  print(`P.sum(1, keepdim=True).shape = ${torchSize(P.sum(1, true).shape)}`);
  print(`P.sum(1).shape = ${torchSize(P.sum(1).shape)}`);
  print('P / P.sum(1) would broadcast like this (the keepdim trap, N12):');
  print(explainBroadcast(P, P.sum(1)));
  print(`rows of P sum to: ${P.sum(1).index(arange(Math.min(3, V))).toString()} ...`);

  section('N7', 'sampling five names from the counts model (fresh generator, seed 2147483647)');
  for (const name of sampleNames(P, vocab, seeded(), 5)) print(name);

  section('N14', 'the quality of the model: log-likelihood and average negative log-likelihood');
  {
    const e = evaluate(P, words, vocab, false);
    print(`log_likelihood=${tensor([e.logLikelihood], { dtype: 'float32' }).index(0).toString()}`);
    print(`nll=${tensor([e.nll], { dtype: 'float32' }).index(0).toString()}`);
    print(`${tensor([e.avgNll], { dtype: 'float32' }).index(0).toString()}`);
  }

  section('N15', "a word with an unseen bigram ('andrejq'): smoothed, then unsmoothed");
  for (const [label, PP] of [['P = (N+1)', P], ['P = N', probabilities(N, 0)]] as const) {
    if (!['a', 'n', 'd', 'r', 'e', 'j', 'q'].every((c) => vocab.stoi.has(c))) break;
    const e = evaluate(PP, ['andrejq'], vocab);
    print(`${label}:`);
    for (const s of e.bigrams) print(formatBigramScore(s));
    print(`average nll: ${pyFloat(e.avgNll)}`);
  }

  section('N16', "the training set of the neural net, for 'emma'");
  const emma = vocab.stoi.has('e') && vocab.stoi.has('m') && vocab.stoi.has('a') ? ['emma'] : [words[0]];
  const { xs: ex, ys: ey } = trainingSet(emma, vocab);
  print(`xs = ${ex.toString()}`);
  print(`ys = ${ey.toString()}`);

  section('N17', `one-hot encoding: xenc = F.one_hot(xs, num_classes=${V}).float()`);
  const xenc = oneHot(ex, V).float();
  print(xenc.toString());
  print(`xenc.shape = ${torchSize(xenc.shape)}, xenc.dtype = torch.float32`);

  section('N18–N20', `W = torch.randn((${V}, ${V}), generator=g); probs = softmax(xenc @ W); per-example loss`);
  {
    const W = initWeights(V, seeded());
    const probs = noGrad(() => forward(W, ex));
    print(`probs.shape = ${torchSize(probs.shape)}`);
    const nlls: number[] = [];
    const pairs = bigramPairs(emma, vocab);
    for (let i = 0; i < pairs.xs.length; i++) {
      const x = pairs.xs[i], y = pairs.ys[i];
      print('--------');
      print(`bigram example ${i + 1}: ${vocab.itos[x]}${vocab.itos[y]} (indexes ${x},${y})`);
      print(`input to the neural net: ${x}`);
      print(`output probabilities from the neural net: ${probs.index(i).toString()}`);
      print(`label (actual next character): ${y}`);
      const pr = probs.index(i, y);
      print(`probability assigned by the net to the the correct character: ${pyFloat(pr.item())}`);
      const logp = pr.log();
      print(`log likelihood: ${pyFloat(logp.item())}`);
      const nll = logp.neg();
      print(`negative log likelihood: ${pyFloat(nll.item())}`);
      nlls.push(nll.item());
    }
    print('=========');
    const avg = tensor(nlls, { dtype: 'float32' }).mean();
    print(`average negative log likelihood, i.e. loss = ${pyFloat(avg.item())}`);
    const l = loss(W, ex, ey, 0);
    print(`loss = ${l.toString().replace(/, grad_fn=.*\)$/, ')')}`);
  }

  section('N22', 'gradient descent on the whole data set (lr 50, regularisation 0.01, N21)');
  const data = trainingSet(words, vocab);
  print(`number of examples: ${data.n}`);
  const W = initWeights(V, seeded());
  const first = opts.steps ?? 100;
  const total = Math.max(opts.totalSteps ?? 300, first);
  const losses = train(W, data, { steps: first, lr: 50, reg: 0.01 });
  for (let k = 0; k < losses.length; k += 5) print(losses.slice(k, k + 5).map((v) => v.toFixed(4)).join('  '));
  print(`\nfive names from the net after ${first} steps (fresh generator):`);
  for (const name of sampleFromNet(W, vocab, seeded(), 5)) print(name);
  if (total > first) {
    const more = train(W, data, { steps: total - first, lr: 50, reg: 0.01 });
    print(`\nafter ${total} steps the loss is ${more[more.length - 1].toFixed(4)}; five names (the notebook's last cell):`);
    for (const name of sampleFromNet(W, vocab, seeded(), 5)) print(name);
  }
}

/** The lecture script's options, with their defaults for `--help`. */
const OPTIONS: OptionTable = {
  data: { type: 'string', value: 'FILE', help: 'names file, one name per line', default: "the lecture's names.txt, embedded (32,033 names)" },
  kernel: { type: 'string', value: 'KERNEL', help: "randn's float32 kernel: scalar (the lecture's) or avx2", default: 'scalar' },
  steps: { type: 'string', value: 'N', help: 'training steps before the first samples', default: '100' },
  'total-steps': { type: 'string', value: 'M', help: 'training steps in all (at least N)', default: '300' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

function main(): void {
  const program = programName({ bin: 'makemore-lecture', npmScript: 'lecture', source: 'bigram/lecture.ts' });
  let opts: LectureOptions;
  try {
    const { values } = parseCommandLine(process.argv.slice(2), OPTIONS);
    if (values.help) {
      console.log(formatHelp(`${program} [options]`, "The first makemore lecture's notebook, section by section (notes N1–N22), printed as PyTorch printed it.", OPTIONS));
      return;
    }
    const kernel = values.kernel ?? 'scalar';
    if (kernel !== 'scalar' && kernel !== 'avx2') throw new UsageError(`--kernel must be scalar or avx2, got ${JSON.stringify(kernel)}`);
    const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);
    const steps = numberOption('steps', values.steps, 100, 'integer >= 0');
    const totalSteps = numberOption('total-steps', values['total-steps'], 300, 'integer >= 0');
    if (values['total-steps'] !== undefined && totalSteps < steps) {
      throw new UsageError(`--total-steps (${totalSteps}) must be at least --steps (${steps}): it counts every training step, the first --steps included`);
    }
    opts = { data: str(values.data), kernel, steps, totalSteps };
    // the data set is the user's: a file that cannot be read or a name that cannot be used is
    // reported here, in one line (runLecture reads it again: 32,033 names take milliseconds)
    try {
      Vocabulary.fromWords(resolveDataset(opts.data).words);
    } catch (e) {
      throw new UsageError((e as Error).message, { pointToHelp: false });
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`lecture: ${e.message}${e.pointToHelp ? ` (see: ${program} --help)` : ''}`);
    process.exitCode = 2;
    return;
  }
  runLecture(opts);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  exitQuietlyWhenOutputCloses();
  main();
}
