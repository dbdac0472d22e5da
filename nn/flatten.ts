/**
 * `Flatten`: merge the dimensions `startDim … endDim` into one (PyTorch's `nn.Flatten`, whose
 * defaults keep the batch dimension: `[N, 3, 10]` → `[N, 30]`).
 */
import { Tensor } from '../engine/index.js';
import { Module } from './module.js';

function normDim(name: string, d: number, ndim: number): number {
  const n = Math.max(ndim, 1); // a 0-d tensor flattens as if it had one dimension
  if (!Number.isInteger(d) || d < -n || d >= n) {
    throw new RangeError(`Flatten: ${name} ${d} is out of range for a ${ndim}-D input (expected to be in range of [${-n}, ${n - 1}])`);
  }
  return d < 0 ? d + n : d;
}

/**
 * Flattens dims `startDim … endDim` (inclusive; negative counts from the end) into one, as a view
 * when the layout allows (else a copy, as `reshape`).
 *
 * @example
 * ```ts
 * const emb = C.index(X);                  // [32, 3, 10]
 * new Flatten().forward(emb).shape;        // [32, 30]
 * ```
 */
export class Flatten extends Module {
  /** First dimension to flatten (default 1). */
  readonly startDim: number;
  /** Last dimension to flatten (default −1). */
  readonly endDim: number;

  /**
   * @param startDim - default 1 (keep the batch dimension).
   * @param endDim - default −1.
   * @throws TypeError for non-integer dims.
   */
  constructor(startDim = 1, endDim = -1) {
    super();
    if (!Number.isInteger(startDim) || !Number.isInteger(endDim)) throw new TypeError(`Flatten: startDim and endDim must be integers, got ${startDim} and ${endDim}`);
    this.startDim = startDim;
    this.endDim = endDim;
  }

  /**
   * PyTorch's `extra_repr`.
   * @example new Flatten().extraRepr() // 'start_dim=1, end_dim=-1'
   */
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }

  /**
   * The input with dims `startDim … endDim` merged.
   *
   * @throws RangeError when a dim is out of range or `startDim` comes after `endDim`.
   * @example new Flatten(0).forward(zeros([2, 3, 4])).shape // [24]
   */
  forward(x: Tensor): Tensor {
    if (!(x instanceof Tensor)) throw new TypeError(`Flatten: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
    const s = normDim('startDim', this.startDim, x.ndim), e = normDim('endDim', this.endDim, x.ndim);
    if (s > e) throw new RangeError(`Flatten: start_dim cannot come after end_dim (startDim ${this.startDim} → ${s}, endDim ${this.endDim} → ${e} for a ${x.ndim}-D input)`);
    if (x.ndim === 0) return x.reshape([1]);
    const merged = x.shape.slice(s, e + 1).reduce((p, d) => p * d, 1);
    return x.reshape([...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
  }
}
