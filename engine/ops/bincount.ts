/**
 * `bincount(input, { weights, minlength })`: PyTorch's `torch.bincount`. How often each value
 * occurs in a 1-d tensor of non-negative integers: `out[v]` is the number of positions i with
 * `input[i] = v` (with weights: the sum of `weights[i]` over those i). One pass over the input,
 * however many bins there are.
 *
 * The lecture's counting loop `N[ix1, ix2] += 1` is one bincount: number the pairs row-major,
 * `xs * V + ys`, count them, and view the V·V counts as the V×V matrix N.
 */
import { Tensor } from '../tensor.js';
import { Storage } from '../storage.js';
import { torchTypeName, type TypedArray } from '../dtype.js';
import { isGradEnabled } from '../autograd/grad-mode.js';

/** torch's message for an input that is not 1-d or has a negative value. */
const NEGATIVE = 'bincount only supports 1-d non-negative integral inputs.';

/** Options of `bincount`. */
export interface BincountOptions {
  /**
   * One weight per input element (1-d, same length): each bin sums the weights of its
   * elements instead of counting them. float32 weights give float32 bins (summed in float32);
   * any other dtype gives float64 bins, as in PyTorch.
   */
  weights?: Tensor | null;
  /** The least number of bins (default 0): the result has `max(max(input) + 1, minlength)`. */
  minlength?: number;
}

/**
 * Count the occurrences of each value of a 1-d int32 tensor of non-negative values, as
 * `torch.bincount(input, weights, minlength)`: the result has `max(max(input) + 1, minlength)`
 * bins; int32 counts without weights (torch's int64), float32 or float64 sums with them. An
 * empty input gives `minlength` int32 zeros, with or without weights (as torch gives int64
 * zeros). Not differentiable: weights that require grad are an error while grad mode is on.
 *
 * Errors, in torch's order and with its messages: a non-integer input dtype
 * (`"bincount_cpu" not implemented for 'Float'`), `minlength should be >= 0`, an input that is
 * not 1-d or has a negative value (`bincount only supports 1-d non-negative integral inputs.`),
 * weights of another shape (`weights should be 1-d and have the same length as input`).
 *
 * @example
 * ```ts
 * bincount(tensor([1, 1, 3])) // tensor([0, 2, 0, 1])
 * bincount(tensor([1, 1, 3]), { minlength: 6 }) // tensor([0, 2, 0, 1, 0, 0])
 * bincount(tensor([1, 1, 3]), { weights: tensor([0.5, 0.25, 2]) }) // tensor([0.0000, 0.7500, 0.0000, 2.0000])
 * ```
 */
export function bincount(input: Tensor, opts: BincountOptions = {}): Tensor {
  if (!(input instanceof Tensor)) throw new TypeError(`bincount: input must be a Tensor, got ${input === null ? 'null' : typeof input}`);
  const weights = opts.weights ?? null;
  const minlength = opts.minlength ?? 0;
  if (weights !== null && !(weights instanceof Tensor)) {
    throw new TypeError(`bincount: weights must be a Tensor or null, got ${typeof weights}`);
  }
  if (!Number.isInteger(minlength)) throw new TypeError(`bincount: minlength must be an integer, got ${minlength}`);
  // torch dispatches on the input's dtype first: integer types only
  if (input.dtype !== 'int32') throw new TypeError(`"bincount_cpu" not implemented for '${torchTypeName(input.dtype)}'`);
  if (minlength < 0) throw new RangeError('minlength should be >= 0');
  if (weights !== null && weights.requiresGrad && isGradEnabled()) {
    throw new Error(`bincount: the derivative for 'weights' is not implemented (pass weights.detach(), or call it inside noGrad)`);
  }
  if (input.ndim === 1 && input.numel() === 0) return new Tensor(Storage.alloc('int32', minlength), [minlength]);

  if (input.ndim !== 1) throw new RangeError(NEGATIVE);
  const x = input.contiguous();
  if (weights === null) return countValues(x.storage.data, x.offset, x.shape[0], minlength);
  const xd = x.storage.data;
  const start = x.offset;
  const n = x.shape[0];
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < start + n; i++) {
    const v = xd[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min < 0) throw new RangeError(NEGATIVE);
  if (weights.ndim !== 1 || weights.shape[0] !== n) {
    throw new RangeError('weights should be 1-d and have the same length as input');
  }
  const nbins = Math.max(max + 1, minlength);
  // float32 weights sum in float32: the double sum, rounded by the store, is the float32 sum
  // (double has more than 2·24 + 2 bits, so rounding twice equals rounding once); others in float64
  const w = weights.contiguous();
  const wd = w.storage.data;
  const out = Storage.alloc(w.dtype === 'float32' ? 'float32' : 'float64', nbins);
  const od = out.data;
  for (let i = 0, j = w.offset; i < n; i++, j++) od[xd[start + i]] += wd[j];
  return new Tensor(out, [nbins]);
}

/**
 * The counts of `n` int32 values from `xd[start]` in one pass: straight into `minlength` bins
 * (what `xs * V + ys` with `minlength: V * V` always fits), growing the bins only when a larger
 * value turns up, so the maximum needs no pass of its own. A negative value is an error (the
 * same as the two-pass check: bincount has no other effect to undo).
 */
function countValues(xd: TypedArray, start: number, n: number, minlength: number): Tensor {
  let bins = new Int32Array(Math.max(minlength, 1));
  let nbins = minlength; // max(largest value + 1, minlength) so far
  for (let i = start, end = start + n; i < end; i++) {
    const v = xd[i];
    if (v < nbins) {
      if (v < 0) throw new RangeError(NEGATIVE);
      bins[v]++;
      continue;
    }
    nbins = v + 1;
    if (nbins > bins.length) {
      const grown = new Int32Array(Math.max(nbins, 2 * bins.length));
      grown.set(bins);
      bins = grown;
    }
    bins[v]++;
  }
  const out = Storage.allocUnfilled('int32', nbins);
  out.data.set(nbins === bins.length ? bins : bins.subarray(0, nbins));
  return new Tensor(out, [nbins]);
}
