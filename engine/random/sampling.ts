/**
 * Random tensors: `rand`, `randn`, `multinomial`, and the in-place `uniform_`, `normal_`,
 * `exponential_`. Thin wrappers that shape the output and call the bit-exact kernels of this
 * folder with a `Generator` (the module's default generator when none is given).
 */
import { Tensor } from '../tensor.js';
import { checkDType, isFloating, torchTypeName, type DType } from '../dtype.js';
import { checkShape } from '../shape.js';
import { Storage } from '../storage.js';
import { defaultGenerator, Generator } from './generator.js';
import { fillUniform } from './uniform.js';
import { fillNormal } from './normal.js';
import { fillExponential } from './exponential.js';
import { checkMultinomialArgs, multinomialKernel, sampleWithReplacementAt } from './multinomial.js';
import { checkInplace } from '../ops/inplace.js';

/** Options of the random creation functions. */
export interface RandomOptions {
  /** The generator to draw from (default: the module's default generator, see `manualSeed`). */
  generator?: Generator;
  /** float32 (default) or float64. */
  dtype?: DType;
  /** Make the new leaf require grad. */
  requiresGrad?: boolean;
}

function floatStorage(op: string, shape: number | readonly number[], opts: RandomOptions | undefined): { st: Storage; shape: number[] } {
  const s = checkShape(typeof shape === 'number' ? [shape] : [...shape], op);
  const dtype = checkDType(opts?.dtype ?? 'float32');
  if (!isFloating(dtype)) throw new TypeError(`${op}: "${op}" not implemented for '${torchTypeName(dtype)}': use float32 or float64`);
  // every element is written (rand, randn), so the storage is not zero-filled first
  return { st: Storage.allocUnfilled(dtype, s.reduce((p, d) => p * d, 1)), shape: s };
}

function checkGenerator(op: string, g: unknown): Generator {
  if (g === undefined) return defaultGenerator;
  if (!(g instanceof Generator)) throw new TypeError(`${op}: generator must be a Generator, got ${typeof g}`);
  return g;
}

function leaf(st: Storage, shape: number[], opts: RandomOptions | undefined): Tensor {
  const t = new Tensor(st, shape);
  if (opts?.requiresGrad) t.requiresGrad_(true);
  return t;
}

/**
 * Uniform samples in [0, 1), as `torch.rand(shape, generator=g)`: one 32-bit word per float32
 * (its low 24 bits), one 64-bit draw per float64.
 *
 * @example rand(3, { generator: new Generator().manualSeed(2147483647) }) // the lecture's [0.7081, 0.3542, 0.1054]
 */
export function rand(shape: number | readonly number[], opts?: RandomOptions): Tensor {
  const g = checkGenerator('rand', opts?.generator);
  const { st, shape: s } = floatStorage('rand', shape, opts);
  fillUniform(g, st.data as Float32Array | Float64Array);
  return leaf(st, s, opts);
}

/**
 * Standard normal samples, as `torch.randn(shape, generator=g)`, bit for bit (see
 * `docs/random.md` for the two paths and the generator's `normalKernel`).
 *
 * @example randn([27, 27], { generator: new Generator().manualSeed(2147483647), requiresGrad: true })
 */
export function randn(shape: number | readonly number[], opts?: RandomOptions): Tensor {
  const g = checkGenerator('randn', opts?.generator);
  const { st, shape: s } = floatStorage('randn', shape, opts);
  fillNormal(g, st.data as Float32Array | Float64Array);
  return leaf(st, s, opts);
}

/** Options of `multinomial`. */
export interface MultinomialOptions {
  /** Draw with replacement (default false, as in PyTorch). */
  replacement?: boolean;
  /** The generator (default: the module's default generator). */
  generator?: Generator;
}

/**
 * Draw `numSamples` category indices from each row of `probs` (1-D or 2-D, non-negative
 * weights, need not sum to 1), as `torch.multinomial` in PyTorch 1.13.1, with its error
 * messages. Result: int32, shape `[numSamples]` or `[rows, numSamples]` (notes N6).
 *
 * @example multinomial(p, 1, { replacement: true, generator: g }).item()
 */
export function multinomial(probs: Tensor, numSamples: number, opts: MultinomialOptions = {}): Tensor {
  if (!(probs instanceof Tensor)) throw new TypeError('multinomial: probs must be a Tensor');
  const g = checkGenerator('multinomial', opts.generator);
  const replacement = opts.replacement ?? false;
  if (!Number.isInteger(numSamples)) throw new TypeError(`multinomial: numSamples must be an integer, got ${numSamples}`);
  const floating = isFloating(probs.dtype);
  const dtypeName = floating ? '' : probs.dtype === 'int32' ? 'Long' : torchTypeName(probs.dtype); // only for the error
  checkMultinomialArgs(probs.ndim, floating, dtypeName, numSamples, replacement, probs.shape[probs.ndim - 1] ?? 0);
  const ncat = probs.shape[probs.ndim - 1];
  const nrows = probs.ndim === 2 ? probs.shape[0] : 1;
  // the weights where they are (a row of P is a contiguous run of its storage): no copy
  const x = probs.contiguous();
  const data = x.storage.data as Float32Array | Float64Array;
  let out: Int32Array;
  if (replacement) {
    out = new Int32Array(nrows * numSamples);
    sampleWithReplacementAt(g, data, x.offset, nrows, ncat, numSamples, out);
  } else {
    out = multinomialKernel(g, data.subarray(x.offset, x.offset + nrows * ncat), nrows, ncat, numSamples, false);
  }
  return Tensor.fromArray(out, probs.ndim === 2 ? [nrows, numSamples] : [numSamples], 'int32');
}

/** Receives the index `sampleRow` draws (read right after the synchronous kernel call). */
const drawn = new Int32Array(1);

/**
 * One index drawn with replacement from row `row` of the 2-d weights `probs`: the number
 * `multinomial(probs.index(row), 1, { replacement: true, generator }).item()` gives (the same
 * index, the same generator consumption, the same errors), without making the row view and the
 * one-element result tensor. For loops that draw one token at a time (1,000 names are about
 * 7,000 draws).
 *
 * @example sampleRow(P, ix, { generator: g }) // torch.multinomial(P[ix], 1, replacement=True, generator=g).item()
 */
export function sampleRow(probs: Tensor, row: number, opts: { generator?: Generator } = {}): number {
  if (!(probs instanceof Tensor)) throw new TypeError('sampleRow: probs must be a Tensor');
  const { shape, strides } = probs;
  const direct =
    shape.length === 2 && isFloating(probs.dtype) && Number.isInteger(row) && row >= -shape[0] && row < shape[0] &&
    (strides[1] === 1 || shape[1] === 1);
  if (!direct) return multinomial(probs.index(row), 1, { replacement: true, generator: opts.generator }).item(); // reports the errors
  const g = checkGenerator('multinomial', opts.generator);
  checkMultinomialArgs(1, true, '', 1, true, shape[1]); // what multinomial checks of the row (its length)
  const offset = probs.offset + (row < 0 ? row + shape[0] : row) * strides[0];
  sampleWithReplacementAt(g, probs.storage.data as Float32Array | Float64Array, offset, 1, shape[1], 1, drawn);
  return drawn[0];
}

/** Fill `target` (any layout) from a contiguous buffer filled by `fill`, bumping its version. */
function fillInPlace(op: string, target: Tensor, fill: (buf: Float32Array | Float64Array) => void): Tensor {
  if (!isFloating(target.dtype)) throw new TypeError(`${op}: "${op}" not implemented for '${torchTypeName(target.dtype)}'`);
  checkInplace(op, target, []); // before any draw: a refused fill leaves the generator untouched too
  const buf = Storage.alloc(target.dtype, target.numel());
  fill(buf.data as Float32Array | Float64Array);
  target.copy_(new Tensor(buf, target.shape));
  return target;
}

/**
 * Fill `target` in place with uniform samples in [lo, hi) (PyTorch's `uniform_`).
 * @example uniform_(zeros([3]), -1, 1, { generator: new Generator().manualSeed(42) }) // tensor([ 0.7645,  0.8300, -0.2343])
 */
export function uniform_(target: Tensor, lo = 0, hi = 1, opts: { generator?: Generator } = {}): Tensor {
  if (!(lo <= hi)) throw new RangeError(`uniform_ expects to return a [from, to) range, but found from=${lo} > to=${hi}`);
  const g = checkGenerator('uniform_', opts.generator);
  return fillInPlace('uniform_', target, (b) => fillUniform(g, b, lo, hi));
}

/**
 * Fill `target` in place with normal samples (PyTorch's `normal_`).
 * @example normal_(zeros([27, 27]), 0, 1, { generator: new Generator().manualSeed(2147483647) }) // the lecture's W: row 0 starts 1.5674, -0.2373
 */
export function normal_(target: Tensor, mean = 0, std = 1, opts: { generator?: Generator } = {}): Tensor {
  const g = checkGenerator('normal_', opts.generator);
  return fillInPlace('normal_', target, (b) => fillNormal(g, b, mean, std, target.isContiguous()));
}

/**
 * Fill `target` in place with exponential samples of rate `lambd` (PyTorch's `exponential_`).
 * @example exponential_(zeros([3]), 1, { generator: new Generator().manualSeed(42) }) // tensor([0.0599, 0.0650, 0.1319])
 */
export function exponential_(target: Tensor, lambd = 1, opts: { generator?: Generator } = {}): Tensor {
  const g = checkGenerator('exponential_', opts.generator);
  return fillInPlace('exponential_', target, (b) => fillExponential(g, b, lambd));
}
