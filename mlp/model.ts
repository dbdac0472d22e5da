/**
 * The MLP character model of makemore part 2 (Bengio et al. 2003), written as the notebook
 * writes it: an embedding table `C`, a tanh hidden layer `W1, b1`, an output layer `W2, b2`.
 *
 *     emb = C[X]                              [n, block, emb]
 *     h = tanh(emb.view(-1, block·emb) @ W1 + b1)    [n, hidden]
 *     logits = h @ W2 + b2                    [n, vocab]
 *     loss = cross_entropy(logits, Y)
 *
 * @module
 */
import { Generator, multinomial, noGrad, randint, randn, tensor, tidy, type Tensor } from '../engine/index.js';
import { crossEntropy, softmax } from '../nn/index.js';
import type { Vocabulary } from '../bigram/index.js';
import type { MlpSplit } from './data.js';

/** The sizes of the model. */
export interface MlpConfig {
  /** Number of symbols (27 for names.txt). */
  vocabSize: number;
  /** Context length (the notebook's `block_size`, 3). */
  blockSize: number;
  /** Embedding dimensions per symbol (10). */
  embDim: number;
  /** Hidden units (200). */
  hidden: number;
}

/** The notebook's final sizes: 27 symbols, block 3, 10-d embeddings, 200 hidden units. */
export const LECTURE_CONFIG: Readonly<MlpConfig> = Object.freeze({ vocabSize: 27, blockSize: 3, embDim: 10, hidden: 200 });

/** The five parameter tensors (float32 leaves that require grad). */
export interface MlpParams {
  /** Embedding table `[vocab, emb]`. */
  C: Tensor;
  /** Hidden weights `[block·emb, hidden]`. */
  W1: Tensor;
  /** Hidden bias `[hidden]`. */
  b1: Tensor;
  /** Output weights `[hidden, vocab]`. */
  W2: Tensor;
  /** Output bias `[vocab]`. */
  b2: Tensor;
}

/**
 * The parameters as the notebook creates them: `randn` from `g`, in the order C, W1, b1, W2, b2.
 *
 * @example const p = initMlp(LECTURE_CONFIG, new Generator({ normalKernel: 'avx2' }).manualSeed(2147483647));
 */
export function initMlp(config: MlpConfig, g: Generator): MlpParams {
  for (const k of ['vocabSize', 'blockSize', 'embDim', 'hidden'] as const) {
    if (!Number.isInteger(config[k]) || config[k] < 1) throw new RangeError(`initMlp: ${k} must be a positive integer, got ${config[k]}`);
  }
  const { vocabSize, blockSize, embDim, hidden } = config;
  const o = { generator: g, requiresGrad: true };
  const C = randn([vocabSize, embDim], o);
  const W1 = randn([blockSize * embDim, hidden], o);
  const b1 = randn([hidden], o);
  const W2 = randn([hidden, vocabSize], o);
  const b2 = randn([vocabSize], o);
  return { C, W1, b1, W2, b2 };
}

/**
 * `[C, W1, b1, W2, b2]`, the notebook's `parameters` list.
 * @example mlpParameters(p).reduce((s, t) => s + t.numel(), 0) // 11897 for the lecture's sizes
 */
export function mlpParameters(p: MlpParams): Tensor[] {
  return [p.C, p.W1, p.b1, p.W2, p.b2];
}

/**
 * The logits for contexts `X` (int32 `[n, block]`): `tanh(C[X].view(-1, block·emb) @ W1 + b1) @ W2 + b2`.
 * @example const logits = mlpLogits(p, Xtr.index(ix)); // [32, 27]
 */
export function mlpLogits(p: MlpParams, X: Tensor): Tensor {
  const emb = p.C.index(X);
  const h = emb.view(-1, p.W1.shape[0]).matmul(p.W1).add(p.b1).tanh();
  return h.matmul(p.W2).add(p.b2);
}

/**
 * The mean cross-entropy of a whole split, without a graph (the notebook's `split_loss`).
 * @example splitLoss(p, data.dev) // about 2.17 after the lecture's 200,000 steps
 */
export function splitLoss(p: MlpParams, split: MlpSplit): number {
  return tidy(() => noGrad(() => crossEntropy(mlpLogits(p, split.X), split.Y).item()));
}

/** Options of {@link trainMlp}. */
export interface TrainMlpOptions {
  /** Number of steps (the notebook: 200,000). */
  steps: number;
  /** Minibatch size (32). */
  batch?: number;
  /** The learning rate of step i (default: 0.1 for i < 100,000, then 0.01). */
  lr?: (step: number) => number;
  /** The generator of the minibatch indices (the notebook's `g`, after the parameters). */
  generator: Generator;
  /** Called after each step with its index and loss. */
  onStep?: (step: number, loss: number) => void;
}

/**
 * The notebook's schedule: `0.1 if i < 100000 else 0.01`.
 * @example lectureLr(99999) // 0.1
 */
export function lectureLr(step: number): number {
  return step < 100000 ? 0.1 : 0.01;
}

/**
 * One training step, as the notebook's loop body: `ix = randint(0, n, [batch])`, forward,
 * `loss = cross_entropy`, zero grads, backward, `p.data += -lr * p.grad`.
 *
 * @returns the minibatch loss (before the update).
 * @example const loss = trainStep(p, data.train, 32, 0.1, g);
 */
export function trainStep(p: MlpParams, split: MlpSplit, batch: number, lr: number, g: Generator): number {
  return tidy(() => {
    const ix = randint(0, split.X.shape[0], [batch], { generator: g });
    const loss = crossEntropy(mlpLogits(p, split.X.index(ix)), split.Y.index(ix));
    const params = mlpParameters(p);
    for (const t of params) t.grad = null;
    loss.backward();
    for (const t of params) t.data.add_(t.grad!.mul(-lr));
    return loss.item();
  });
}

/**
 * Minibatch gradient descent, the notebook's training loop.
 * @returns the loss of every step.
 * @example const losses = trainMlp(p, data.train, { steps: 1000, generator: g });
 */
export function trainMlp(p: MlpParams, split: MlpSplit, opts: TrainMlpOptions): number[] {
  const { steps, batch = 32, lr = lectureLr, generator, onStep } = opts;
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`trainMlp: steps must be a non-negative integer, got ${steps}`);
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`trainMlp: batch must be a positive integer, got ${batch}`);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const loss = trainStep(p, split, batch, lr(i), generator);
    losses.push(loss);
    onStep?.(i, loss);
  }
  return losses;
}

/**
 * Sample names as the notebook does: a context of zeros; softmax of the logits;
 * `multinomial(probs, 1, generator)` (PyTorch 1.13's no-replacement path); slide the context;
 * stop at `.`. Returns the names with their final `.`.
 *
 * @example sampleMlp(p, vocab, 20, new Generator().manualSeed(2147483647 + 10))
 */
export function sampleMlp(p: MlpParams, vocab: Vocabulary, count: number, g: Generator, maxLength = 1000): string[] {
  const blockSize = p.W1.shape[0] / p.C.shape[1];
  const out: string[] = [];
  noGrad(() => {
    for (let s = 0; s < count; s++) {
      const context = new Array<number>(blockSize).fill(0);
      const ixs: number[] = [];
      for (;;) {
        const ix = tidy(() => {
          const logits = mlpLogits(p, tensor([context], { dtype: 'int32' }));
          return multinomial(softmax(logits, 1), 1, { generator: g }).item();
        });
        context.shift();
        context.push(ix);
        ixs.push(ix);
        if (ix === 0 || ixs.length >= maxLength) break;
      }
      out.push(vocab.decode(ixs));
    }
  });
  return out;
}
