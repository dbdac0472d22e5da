/**
 * `Embedding`: a lookup table, PyTorch's `nn.Embedding`. Row i of the weight is the vector of
 * token i; `forward(ix)` gathers rows (`weight[ix]`), and the gradient scatters back into the
 * rows that were used (a row used twice gets the sum), through the engine's index op.
 *
 * For one-hot inputs it is the same as a bias-free Linear: `onehot(ix) @ W` picks row `ix` of W,
 * so `Embedding.weight` plays the role of the lecture's W directly (not transposed).
 */
import { type DType, type Generator, Tensor, zeros } from '../engine/index.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { normal_ } from './init.js';

/**
 * Options of {@link Embedding}.
 *
 * @example new Embedding(27, 10, { generator: g })
 */
export interface EmbeddingOptions {
  /** The generator the initial values are drawn from (default: the engine's default generator). */
  generator?: Generator;
  /** float32 (default) or float64. */
  dtype?: DType;
}

/**
 * A table of `numEmbeddings` vectors of size `embeddingDim`, initialised from N(0, 1) as
 * PyTorch does (`normal_` on the `[num, dim]` weight, so with a fresh generator it equals
 * `randn([num, dim])` with the same seed).
 *
 * @example
 * ```ts
 * const emb = new Embedding(27, 27, { generator: new Generator().manualSeed(2147483647) });
 * emb.forward(xs);          // [n, 27]: row xs[i] of the table for each i (the lecture's logits)
 * ```
 */
export class Embedding extends Module {
  /** Number of rows (the vocabulary size). */
  readonly numEmbeddings: number;
  /** Size of each row. */
  readonly embeddingDim: number;
  /** `[numEmbeddings, embeddingDim]`. */
  readonly weight: Parameter;

  /**
   * @param numEmbeddings - number of rows.
   * @param embeddingDim - size of each row.
   * @param opts - `generator`, `dtype` (default float32).
   * @throws RangeError for negative or fractional sizes.
   */
  constructor(numEmbeddings: number, embeddingDim: number, opts: EmbeddingOptions = {}) {
    super();
    for (const [name, n] of [['numEmbeddings', numEmbeddings], ['embeddingDim', embeddingDim]] as const) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`Embedding: ${name} must be a non-negative integer, got ${n}`);
    }
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.weight = new Parameter(zeros([numEmbeddings, embeddingDim], { dtype: opts.dtype ?? 'float32' }));
    this.resetParameters(opts.generator);
  }

  /**
   * Draw fresh values from N(0, 1) (PyTorch's `reset_parameters`).
   *
   * @example emb.resetParameters(new Generator().manualSeed(0))
   */
  resetParameters(generator?: Generator): void {
    normal_(this.weight, 0, 1, { generator });
  }

  /**
   * PyTorch's `extra_repr`, printed by `String(emb)`.
   * @example new Embedding(27, 10).extraRepr() // '27, 10'
   */
  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}`;
  }

  /**
   * The rows of the table at `indices`: `weight[indices]`.
   *
   * @param indices - int32 of any shape, each in `0 … numEmbeddings−1`.
   * @returns `[...indices.shape, embeddingDim]`.
   * @throws TypeError for non-int32 indices; RangeError for an index out of range.
   *
   * @example emb.forward(tensor([[0, 5], [13, 13]])).shape // [2, 2, 27]
   */
  forward(indices: Tensor): Tensor {
    if (!(indices instanceof Tensor) || indices.dtype !== 'int32') {
      throw new TypeError(`Embedding: indices must be an int32 tensor, got ${indices instanceof Tensor ? `${indices.dtype} of shape [${indices.shape.join(', ')}]` : typeof indices}`);
    }
    const ix = indices.toTypedArray();
    for (let i = 0; i < ix.length; i++) {
      if (ix[i] < 0 || ix[i] >= this.numEmbeddings) {
        throw new RangeError(`Embedding: index ${ix[i]} at position ${i} is out of range for a table of ${this.numEmbeddings} rows (valid: 0…${this.numEmbeddings - 1})`);
      }
    }
    return this.weight.index(indices);
  }
}
