/**
 * The same bigram model as a one-layer neural net (notes N16–N22): one-hot inputs times a V×V
 * weight matrix W give log-counts; exp and row-normalisation (softmax) give probabilities; the
 * loss is the mean negative log-likelihood of the correct next character plus `reg·mean(W²)`;
 * gradient descent on W. Written with the engine exactly as the lecture writes it in PyTorch.
 */
import { Generator, Tensor, arange, noGrad, oneHot, randn, tidy } from '../engine/index.js';
import { bigramPairs, type Vocabulary } from './data.js';
import { sampleWith } from './counts.js';

/** The training set (N16): inputs `xs` and targets `ys`, int32. */
export interface TrainingSet {
  /** Input symbol indices, int32 `[n]`. */
  xs: Tensor;
  /** Target (next symbol) indices, int32 `[n]`. */
  ys: Tensor;
  /** Number of examples (228,146 for names.txt). */
  n: number;
}

/**
 * `xs`, `ys` of all bigrams of `words` (emma → xs [0,5,13,13,1], ys [5,13,13,1,0]).
 * @example trainingSet(['emma'], Vocabulary.fromWords(['emma'])).ys // tensor([2, 3, 3, 1, 0])
 */
export function trainingSet(words: readonly string[], vocab: Vocabulary): TrainingSet {
  const { xs, ys } = bigramPairs(words, vocab);
  return { xs: Tensor.fromArray(xs, [xs.length], 'int32'), ys: Tensor.fromArray(ys, [ys.length], 'int32'), n: xs.length };
}

/**
 * `W = torch.randn((V, V), generator=g, requires_grad=True)` (N18).
 * @example initWeights(27, new Generator().manualSeed(2147483647)) // the lecture's W, 27×27, requires grad
 */
export function initWeights(vocabSize: number, generator: Generator): Tensor {
  return randn([vocabSize, vocabSize], { generator, requiresGrad: true });
}

/**
 * The forward pass (N18, N19): `xenc = one_hot(xs).float()`, `logits = xenc @ W`,
 * `counts = logits.exp()`, `probs = counts / counts.sum(1, keepdim=True)`.
 *
 * @example forward(W, xs).sum(1) // probabilities: each row sums to 1
 */
export function forward(W: Tensor, xs: Tensor): Tensor {
  const xenc = oneHot(xs, W.shape[0]).float();
  const logits = xenc.matmul(W); // log-counts
  const counts = logits.exp(); // equivalent to N
  return counts.div(counts.sum(1, true)); // probabilities for the next character
}

/**
 * The loss (N20, N21): `-probs[arange(n), ys].log().mean() + reg * (W**2).mean()`.
 *
 * The forward's tensors (one-hot inputs, logits, counts, probabilities: 24.6 MB each on the
 * lecture's data) never leave this function except through the loss's graph, which saved them
 * for backward. So it runs in `tidy`: they are given back by the `backward()` that frees the
 * graph, and the next call reuses their memory instead of asking for fresh pages (the values are
 * the same; a caller that never runs backward leaves them to the garbage collector, as before).
 *
 * @example loss(W, xs, ys, 0.01).backward() // fills W.grad
 */
export function loss(W: Tensor, xs: Tensor, ys: Tensor, reg: number): Tensor {
  return tidy(() => {
    const probs = forward(W, xs);
    const nll = probs.index(arange(xs.shape[0]), ys).log().mean().neg();
    return reg === 0 ? nll : nll.add(W.pow(2).mean().mul(reg));
  });
}

/** Options of `train`. */
export interface TrainOptions {
  /** Number of gradient-descent steps. */
  steps: number;
  /** Learning rate (the lecture uses 50). */
  lr: number;
  /** Regularisation strength (the lecture uses 0.01). */
  reg: number;
  /**
   * Called after each step with the step index and the loss before the update. An exception it
   * throws stops training there, after that step's update (the CLI stops a run whose loss is no
   * longer finite this way).
   */
  onStep?: (step: number, loss: number) => void;
}

/**
 * Gradient descent (N22), the lecture's loop: forward, `W.grad = None`, `loss.backward()`,
 * `W.data += -lr * W.grad`. Updates W in place; returns the losses.
 *
 * Each step runs inside `tidy`, so the step's large tensors (one-hot inputs, logits, counts,
 * probabilities, gradients) go back to the memory pool when it ends and the next step reuses
 * them: the values are the same as without it, only fresh memory is not asked for every step.
 *
 * @example const losses = train(W, trainingSet(words, vocab), { steps: 100, lr: 50, reg: 0.01 }); // W is updated in place
 */
export function train(W: Tensor, data: TrainingSet, opts: TrainOptions): number[] {
  for (const [name, v] of [['steps', opts.steps], ['lr', opts.lr], ['reg', opts.reg]] as const) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`train: ${name} must be a finite number >= 0, got ${v}`);
  }
  if (!Number.isInteger(opts.steps)) throw new RangeError(`train: steps must be an integer, got ${opts.steps}`);
  const losses: number[] = [];
  for (let k = 0; k < opts.steps; k++) {
    const value = tidy(() => {
      const l = loss(W, data.xs, data.ys, opts.reg);
      W.grad = null; // set to zero the gradient
      l.backward();
      W.data.add_(W.grad!.mul(-opts.lr));
      return l.item();
    });
    losses.push(value);
    opts.onStep?.(k, value);
  }
  return losses;
}

/**
 * Sample names from the net (the lecture's last cell): for the current index, one-hot it, run
 * the forward pass to get a 1×V distribution, draw the next index from it.
 *
 * @example sampleFromNet(W, vocab, new Generator().manualSeed(2147483647), 5) // five names from the trained net
 */
export function sampleFromNet(W: Tensor, vocab: Vocabulary, generator: Generator, count: number): string[] {
  if (W.shape[0] !== vocab.size || W.shape[1] !== vocab.size) {
    throw new RangeError(`the model's W is ${W.shape.join('×')} but the vocabulary has ${vocab.size} symbols`);
  }
  return noGrad(() => sampleWith((ix) => forward(W, Tensor.fromArray(new Int32Array([ix]), [1], 'int32')), vocab, generator, count));
}
