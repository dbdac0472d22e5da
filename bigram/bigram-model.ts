/**
 * The lecture's neural bigram model (notes N16–N22) in the nn idiom: a bias-free `Linear(V, V)`
 * on one-hot inputs, `crossEntropy` for the loss, `SGD` for the step.
 *
 * ```text
 *   lecture (bigram/neural.ts)                    nn idiom (this file)
 *   xenc = one_hot(xs, 27).float()                 xenc = oneHot(xs, 27).float()
 *   logits = xenc @ W                              logits = linear.forward(xenc)   (weight = Wᵀ)
 *   probs = exp(logits) / sum(…, keepdim)          ┐
 *   loss = −probs[arange(n), ys].log().mean()      ┘ loss = crossEntropy(logits, ys)
 *        + reg · (W**2).mean()                           + reg · (weight**2).mean()
 *   W.grad = None; loss.backward()                 opt.zeroGrad(); loss.backward()
 *   W.data += −lr · W.grad                         opt.step()
 * ```
 *
 * Started from the same W, both reach the same loss at every step (spec/bigram/bigram-model.spec.ts).
 */
import { Generator, type Tensor, multinomial, noGrad, oneHot, tensor, tidy } from '../engine/index.js';
import { Linear, Module, SGD, crossEntropy, softmax } from '../nn/index.js';

/**
 * Options of {@link BigramModel}.
 *
 * @example new BigramModel(27, { generator: new Generator().manualSeed(2147483647) })
 */
export interface BigramModelOptions {
  /** The generator of the initial weights (default: the engine's default generator). */
  generator?: Generator;
}

/**
 * `V` neurons with `V` inputs each, no bias: logits = `onehot(x) @ weightᵀ`.
 *
 * @example
 * ```ts
 * const model = new BigramModel(27, { generator: new Generator().manualSeed(2147483647) });
 * model.loss(xs, ys, 0.01).item(); // the mean NLL plus the regularisation term
 * ```
 */
export class BigramModel extends Module {
  /** The number of symbols (27 for names.txt). */
  readonly vocabSize: number;
  /** `Linear(V, V, { bias: false })`: `weight[j, i]` is the lecture's `W[i, j]`. */
  readonly linear: Linear;

  /**
   * @param vocabSize - the number of symbols V.
   * @param opts - `generator` for the initial weights (PyTorch's Linear initialisation).
   */
  constructor(vocabSize: number, opts: BigramModelOptions = {}) {
    super();
    this.vocabSize = vocabSize;
    this.linear = new Linear(vocabSize, vocabSize, { bias: false, generator: opts.generator });
  }

  /**
   * A model holding the lecture's `W` (`[V, V]`, used as `xenc @ W`): `linear.weight = Wᵀ`.
   *
   * @example BigramModel.fromLectureWeights(initWeights(27, g)) // same logits as bigram/neural.ts
   */
  static fromLectureWeights(W: Tensor): BigramModel {
    if (W.ndim !== 2 || W.shape[0] !== W.shape[1]) throw new RangeError(`BigramModel: W must be square [V, V], got [${W.shape.join(', ')}]`);
    const model = new BigramModel(W.shape[0], { generator: new Generator() }); // leaves the default generator alone
    model.loadStateDict({ 'linear.weight': W.detach().T });
    return model;
  }

  /**
   * Logits (log-counts) of the next symbol for each input symbol.
   *
   * @param xs - int32 `[n]` symbol indices.
   * @returns `[n, V]`.
   * @example model.forward(tensor([0, 5])).shape // [2, 27]
   */
  forward(xs: Tensor): Tensor {
    return this.linear.forward(oneHot(xs, this.vocabSize).float());
  }

  /**
   * The lecture's loss: mean negative log-likelihood of `ys` plus `reg · mean(weight²)` (N21).
   *
   * @param xs - int32 `[n]` inputs.
   * @param ys - int32 `[n]` next symbols.
   * @param reg - regularisation strength (default 0; the lecture uses 0.01).
   * @example model.loss(xs, ys, 0.01).backward()
   */
  loss(xs: Tensor, ys: Tensor, reg = 0): Tensor {
    const nll = crossEntropy(this.forward(xs), ys);
    return reg === 0 ? nll : nll.add(this.linear.weight.pow(2).mean().mul(reg));
  }

  /**
   * Sample sequences as the lecture does: start at index 0, draw the next index from the
   * softmax of the current row (`multinomial(p, 1, replacement=True)`), stop at 0.
   *
   * @param generator - the generator to draw from.
   * @param count - how many sequences.
   * @returns each sequence's indices, ending with 0 (decode with the vocabulary: `itos`).
   * @example model.sample(new Generator().manualSeed(2147483647), 5).map((ixs) => vocab.decode(ixs))
   */
  sample(generator: Generator, count: number): number[][] {
    return noGrad(() => {
      const out: number[][] = [];
      for (let k = 0; k < count; k++) {
        const ixs: number[] = [];
        let ix = 0;
        do {
          const p = softmax(this.forward(tensor([ix], { dtype: 'int32' })), 1);
          ix = multinomial(p.reshape(-1), 1, { replacement: true, generator }).item();
          ixs.push(ix);
        } while (ix !== 0);
        out.push(ixs);
      }
      return out;
    });
  }
}

/**
 * Options of {@link trainBigram}.
 *
 * @example trainBigram(model, data, { steps: 100, lr: 50, reg: 0.01, onStep: (k, l) => console.log(k, l) })
 */
export interface TrainBigramOptions {
  /** Number of gradient steps. */
  steps: number;
  /** Learning rate (the lecture uses 50). */
  lr: number;
  /** Regularisation strength (default 0; the lecture uses 0.01). */
  reg?: number;
  /** Called after each step with the step index and the loss before the update. */
  onStep?: (step: number, loss: number) => void;
}

/**
 * The lecture's training loop with an optimiser: forward, `zeroGrad`, `backward`, `step`.
 *
 * @param model - updated in place.
 * @param data - int32 `xs` and `ys` of the same length.
 * @returns the loss before each step.
 * @example trainBigram(model, { xs, ys }, { steps: 100, lr: 50, reg: 0.01 })
 */
export function trainBigram(model: BigramModel, data: { xs: Tensor; ys: Tensor }, opts: TrainBigramOptions): number[] {
  if (!Number.isInteger(opts.steps) || opts.steps < 0) throw new RangeError(`trainBigram: steps must be an integer >= 0, got ${opts.steps}`);
  const opt = new SGD(model.parameters(), { lr: opts.lr });
  const losses: number[] = [];
  for (let k = 0; k < opts.steps; k++) {
    // tidy: the step's large tensors go back to the memory pool for the next step
    const value = tidy(() => {
      const loss = model.loss(data.xs, data.ys, opts.reg ?? 0);
      opt.zeroGrad();
      loss.backward();
      opt.step();
      return loss.item();
    });
    losses.push(value);
    opts.onStep?.(k, value);
  }
  return losses;
}
