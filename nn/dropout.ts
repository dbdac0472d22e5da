/**
 * `Dropout`: the layer form of {@link dropout} (PyTorch's `nn.Dropout`): active in training
 * mode, the identity after `eval()`.
 */
import { Generator, type Tensor } from '../engine/index.js';
import { Module } from './module.js';
import { checkDropoutP, dropout } from './functional/dropout.js';
import { pythonFloatRepr } from './python-repr.js';

/**
 * Options of {@link Dropout}.
 *
 * @example new Dropout(0.2, { generator: g })
 */
export interface DropoutLayerOptions {
  /** The generator masks are drawn from (default: the engine's default generator). */
  generator?: Generator;
}

/**
 * Zeroes each element with probability `p` in training mode and scales the rest by `1/(1 − p)`;
 * the identity in evaluation mode.
 *
 * @example
 * ```ts
 * const drop = new Dropout(0.2, { generator: new Generator().manualSeed(0) });
 * drop.forward(h);          // training: about 20% zeros, the rest × 1.25
 * drop.eval().forward(h);   // h itself
 * ```
 */
export class Dropout extends Module {
  /** The probability of zeroing an element. */
  readonly p: number;
  private readonly generator: Generator | undefined;

  /**
   * @param p - default 0.5.
   * @param opts - `generator`.
   * @throws RangeError unless 0 ≤ p ≤ 1.
   */
  constructor(p = 0.5, opts: DropoutLayerOptions = {}) {
    super();
    checkDropoutP(p);
    this.p = p;
    this.generator = opts.generator;
  }

  /**
   * PyTorch's `extra_repr`.
   * @example new Dropout(0.2).extraRepr() // 'p=0.2, inplace=False'
   */
  override extraRepr(): string {
    return `p=${pythonFloatRepr(this.p)}, inplace=False`;
  }

  /**
   * `dropout(x, p, { training: this.training })`.
   * @example new Dropout(0.5).eval().forward(x) === x // true
   */
  forward(x: Tensor): Tensor {
    return dropout(x, this.p, { training: this.training, generator: this.generator });
  }
}
