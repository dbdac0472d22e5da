/**
 * The counting bigram model (notes N3–N15): count every bigram into a V×V integer matrix N,
 * smooth and normalise it into P, sample names from P, and score names by their negative
 * log-likelihood.
 */
import { Generator, Tensor, bincount, multinomial, sampleRow, tensor, zeros } from '../engine/index.js';
import { bigramPairs, type Vocabulary } from './data.js';
import { pyFloat } from './pyrepr.js';

/**
 * N (N3): `N[ix1, ix2] += 1` for every bigram, written as the lecture writes it, one in-place
 * add through a 0-d view per bigram (`N.index(ix1, ix2).add_(1)`). int32, V×V.
 *
 * @example countBigramsLoop(['emma'], Vocabulary.fromWords(['emma'])).sum() // tensor(5): one count per bigram
 */
export function countBigramsLoop(words: readonly string[], vocab: Vocabulary): Tensor {
  const { xs, ys } = bigramPairs(words, vocab);
  const N = zeros([vocab.size, vocab.size], { dtype: 'int32' });
  for (let k = 0; k < xs.length; k++) N.index(xs[k], ys[k]).add_(1);
  return N;
}

/**
 * N again, vectorised: number each pair by its place in N read row-major, `xs * V + ys`, count
 * those numbers with one `bincount` (V·V bins), and view the counts as V×V. int32, V×V; one
 * pass over the pairs instead of 228,146 small ops.
 *
 * @example countBigrams(['emma', 'ava'], Vocabulary.fromWords(['emma', 'ava'])).index(0) // tensor([0, 1, 1, 0, 0]): '.a' and '.e'
 */
export function countBigrams(words: readonly string[], vocab: Vocabulary): Tensor {
  const { xs, ys } = bigramPairs(words, vocab);
  const V = vocab.size;
  // xs * V + ys, computed in place in the pairs' own fresh arrays (no 228,146-element temporaries)
  const cell = Tensor.fromArray(xs, [xs.length], 'int32').mul_(V).add_(Tensor.fromArray(ys, [ys.length], 'int32'));
  return bincount(cell, { minlength: V * V }).view(V, V);
}

/**
 * P (N4, N12, N15): `P = (N + k).float(); P /= P.sum(1, keepdim=True)`. Each row is the
 * distribution of the next character. `k` (default 1) smooths: no bigram gets probability 0.
 * Note the keepdim: without it, column j would be divided by the sum of row j (N12).
 *
 * @example probabilities(countBigrams(words, vocab)).sum(1) // every row sums to 1
 */
export function probabilities(N: Tensor, smoothing = 1): Tensor {
  if (!(smoothing >= 0) || !Number.isFinite(smoothing)) throw new RangeError(`smoothing must be a finite number >= 0, got ${smoothing}`);
  const P = N.add(smoothing).float();
  P.div_(P.sum(1, true));
  return P;
}

/**
 * Sample names (N7): start at index 0 (`.`), draw the next index from row `ix` of P with
 * `multinomial(p, 1, replacement)`, append its character, stop when index 0 comes back.
 * `next(ix)` gives the distribution to draw from (a row of P, or the net's softmax).
 *
 * @example
 * ```ts
 * const g = new Generator().manualSeed(2147483647);
 * sampleWith((ix) => P.index(ix), vocab, g, 5) // the same names as sampleNames(P, vocab, g, 5)
 * ```
 */
export function sampleWith(next: (ix: number) => Tensor, vocab: Vocabulary, generator: Generator, count: number): string[] {
  return sampleLoop((ix) => multinomial(next(ix), 1, { replacement: true, generator }).item(), vocab, count);
}

/**
 * Sample `count` names from the counts model's P: `sampleWith((ix) => P.index(ix), …)`, each
 * draw made by `sampleRow(P, ix)` (the same index and generator consumption, without a row view
 * and a result tensor per character).
 * @example sampleNames(P, vocab, new Generator().manualSeed(2147483647), 5) // names.txt: ['mor.', 'axx.', 'minaymoryles.', 'kondlaisah.', 'anchshizarie.']
 */
export function sampleNames(P: Tensor, vocab: Vocabulary, generator: Generator, count: number): string[] {
  return sampleLoop((ix) => sampleRow(P, ix, { generator }), vocab, count);
}

/** `count` names, each drawn one character at a time with `draw(ix)` from index 0 (`.`) until 0 comes back. */
function sampleLoop(draw: (ix: number) => number, vocab: Vocabulary, count: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    let out = '';
    let ix = 0;
    do {
      ix = draw(ix);
      out += vocab.itos[ix];
    } while (ix !== 0);
    names.push(out);
  }
  return names;
}

/** One bigram's probability under a model and its log. */
export interface BigramScore {
  /** The two symbols, e.g. `.e`. */
  bigram: string;
  /** The model's probability of the second symbol after the first. */
  prob: number;
  /** Its natural log (float32). */
  logprob: number;
}

/** The lecture's quality measure (N14) over some words. */
export interface Evaluation {
  /** Sum of log P over all bigrams (a float32 running sum, as the lecture's loop). */
  logLikelihood: number;
  /** −logLikelihood. */
  nll: number;
  /** Number of bigrams. */
  n: number;
  /** nll / n: the loss (lower is better; `inf` if a bigram has probability 0, N15). */
  avgNll: number;
  /** Per-bigram probabilities and logs, in order. */
  bigrams: BigramScore[];
}

/**
 * Score `words` under P exactly as the lecture's loop does: `logprob = torch.log(P[ix1, ix2])`,
 * `log_likelihood += logprob` (float32, in order), `nll = -log_likelihood`, then `nll / n`.
 *
 * @example evaluate(probabilities(countBigrams(words, vocab)), words, vocab).avgNll // names.txt: 2.4543561935424805
 */
export function evaluate(P: Tensor, words: readonly string[], vocab: Vocabulary, keepBigrams = true): Evaluation {
  const { xs, ys } = bigramPairs(words, vocab);
  let logLikelihood = tensor(0, { dtype: 'float32' });
  const bigrams: BigramScore[] = [];
  for (let k = 0; k < xs.length; k++) {
    const prob = P.index(xs[k], ys[k]);
    const logprob = prob.log();
    logLikelihood = logLikelihood.add(logprob);
    if (keepBigrams) bigrams.push({ bigram: vocab.itos[xs[k]] + vocab.itos[ys[k]], prob: prob.item(), logprob: logprob.item() });
  }
  const nll = logLikelihood.neg();
  return { logLikelihood: logLikelihood.item(), nll: nll.item(), n: xs.length, avgNll: nll.div(xs.length).item(), bigrams };
}

/**
 * `.e: 0.0478 -3.0410`: a bigram's line as the lecture prints it (`f'{ch1}{ch2}: {prob:.4f} {logprob:.4f}'`).
 * @example formatBigramScore({ bigram: '.e', prob: 0.0478, logprob: -3.041 }) // '.e: 0.0478 -3.0410'
 */
export function formatBigramScore(s: BigramScore): string {
  const f4 = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : pyFloat(x));
  return `${s.bigram}: ${f4(s.prob)} ${f4(s.logprob)}`;
}
