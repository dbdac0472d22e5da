/**
 * `randint`: uniform integers in [low, high), bit for bit as PyTorch 1.13.1's CPU
 * `torch.randint(low, high, size, generator=g)` (`random_from_to_kernel`).
 *
 * PyTorch's rule (`uniform_int_from_to_distribution`, `transformation::uniform_int_from_to`):
 * with `range = high - low` (as uint64), each element, in memory order, takes
 *
 * - one 32-bit word `w` when `range < 2^32`: `value = (w mod range) + low`;
 * - one `random64()` (two words, the first is the high half) when `range >= 2^32`:
 *   `value = (random64 mod range) + low`.
 *
 * A plain modulo, so small biases towards low values are PyTorch's too (about `range / 2^32`).
 *
 * @module
 */
import { Tensor } from '../tensor.js';
import { Storage } from '../storage.js';
import { checkShape } from '../shape.js';
import { defaultGenerator, Generator } from './generator.js';

/** Options of {@link randint}. */
export interface RandintOptions {
  /** The generator to draw from (default: the module's default generator). */
  generator?: Generator;
  /**
   * `'int32'` (default: the engine's stand-in for PyTorch's int64), `'float32'` or `'float64'`.
   * Float results are `static_cast<float>(integer)`, as PyTorch's.
   */
  dtype?: 'int32' | 'float32' | 'float64';
}

const TWO_POW_32 = 4294967296;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** The exact integer bounds each dtype can return (PyTorch's `check_from_to_in_range`). */
function bounds(dtype: 'int32' | 'float32' | 'float64'): [number, number, string] {
  if (dtype === 'int32') return [INT32_MIN, INT32_MAX, 'int'];
  if (dtype === 'float32') return [-(2 ** 24), 2 ** 24, 'float'];
  return [-(2 ** 53), 2 ** 53, 'double'];
}

/**
 * Fill `out` with PyTorch's `randint` values: `(w mod range) + low` with one word per element
 * when `range < 2^32`, `(random64 mod range) + low` with two words per element otherwise.
 *
 * @param g - the generator (consumed in element order).
 * @param out - the values, in memory order.
 * @param low - the smallest value (an integer).
 * @param range - `high - low`, a positive integer (at most 2^54 here).
 *
 * @example fillRandint(new Generator().manualSeed(2147483647), new Int32Array(5), 0, 10) // [1, 4, 9, 2, 3]
 */
export function fillRandint(g: Generator, out: Int32Array | Float32Array | Float64Array, low: number, range: number): void {
  const n = out.length;
  if (range < TWO_POW_32) {
    for (let i = 0; i < n; i++) out[i] = (g.nextU32() % range) + low;
  } else {
    // random64 mod range needs 64-bit integer arithmetic: BigInt (this path is rare)
    const r = BigInt(range);
    for (let i = 0; i < n; i++) {
      const hi = BigInt(g.nextU32());
      const lo = BigInt(g.nextU32());
      out[i] = Number(((hi << 32n) | lo) % r) + low;
    }
  }
}

function isIntegerNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x);
}

/**
 * Uniform random integers in `[low, high)`, as `torch.randint(low, high, size, generator=g)`,
 * bit for bit (PyTorch 1.13.1, CPU). The short form `randint(high, size, opts)` is
 * `torch.randint(high, size)`, with `low = 0`.
 *
 * Each element takes one 32-bit word `w` and is `(w mod (high - low)) + low` (two words and a
 * 64-bit modulo when `high - low >= 2^32`). The result is int32 (the engine's int64), or
 * float32/float64 with `dtype`.
 *
 * @param low - the smallest value (inclusive); in the short form, `high`.
 * @param high - one more than the largest value; in the short form, the size.
 * @param size - the shape (a number for 1-D).
 * @param opts - `generator`, `dtype`.
 * @returns a new tensor of shape `size`.
 * @throws Error "random_ expects 'from' to be less than 'to'" as PyTorch, when `low >= high`;
 *   RangeError when `high - 1` or `low` does not fit the dtype; TypeError for non-integer bounds.
 *
 * @example
 * ```ts
 * const g = new Generator().manualSeed(2147483647);
 * randint(0, 10, [5], { generator: g }) // tensor([1, 4, 9, 2, 3]), as torch.randint(0, 10, (5,), generator=g)
 * randint(27, [2, 3]) // low = 0: torch.randint(27, (2, 3))
 * ```
 */
export function randint(low: number, high: number, size: number | readonly number[], opts?: RandintOptions): Tensor;
/**
 * The short form `torch.randint(high, size)`: integers in `[0, high)`.
 *
 * @example randint(27, [32], { generator: g }) // 32 draws in [0, 27)
 */
export function randint(high: number, size: number | readonly number[], opts?: RandintOptions): Tensor;
export function randint(
  a: number,
  b: number | readonly number[],
  c?: number | readonly number[] | RandintOptions,
  d?: RandintOptions,
): Tensor {
  let low: number, high: number, size: number | readonly number[], opts: RandintOptions | undefined;
  if (typeof b === 'number' && (typeof c === 'number' || Array.isArray(c))) {
    low = a; high = b; size = c as number | readonly number[]; opts = d;
  } else if (typeof b === 'number' && c === undefined && d === undefined) {
    // randint(high, n): a 1-D size given as a number
    low = 0; high = a; size = b; opts = undefined;
  } else {
    if (d !== undefined) throw new TypeError('randint: expected (low, high, size, opts?) or (high, size, opts?)');
    low = 0; high = a; size = b; opts = c as RandintOptions | undefined;
  }
  if (!isIntegerNumber(low) || !isIntegerNumber(high)) {
    throw new TypeError(`randint: low and high must be integers, got low=${String(low)}, high=${String(high)}`);
  }
  if (size === undefined || (typeof size !== 'number' && !Array.isArray(size))) {
    throw new TypeError(`randint: size must be a number or an array of sizes, got ${String(size)}`);
  }
  const g = opts?.generator ?? defaultGenerator;
  if (!(g instanceof Generator)) throw new TypeError(`randint: generator must be a Generator, got ${typeof g}`);
  const dtype = opts?.dtype ?? 'int32';
  if (dtype !== 'int32' && dtype !== 'float32' && dtype !== 'float64') {
    throw new TypeError(`randint: dtype must be 'int32', 'float32' or 'float64', got ${String(dtype)}`);
  }
  const shape = checkShape(typeof size === 'number' ? [size] : [...size], 'randint');
  if (low >= high) {
    throw new RangeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  }
  const [lo, hi, name] = bounds(dtype);
  if (low < lo || low > hi) throw new RangeError(`randint: from is out of bounds for ${name} [${lo}, ${hi}], got ${low}`);
  if (high - 1 < lo || high - 1 > hi) throw new RangeError(`randint: to - 1 is out of bounds for ${name} [${lo}, ${hi}], got ${high - 1}`);
  const numel = shape.reduce((p, s) => p * s, 1);
  const st = Storage.alloc(dtype, numel);
  fillRandint(g, st.data as Int32Array | Float32Array | Float64Array, low, high - low);
  return new Tensor(st, shape);
}
