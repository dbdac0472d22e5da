/**
 * CPython's `random` module (`random.Random`), bit for bit, for what the MLP lecture uses:
 * `random.seed(42)` and `random.shuffle(words)`; also `random()`, `getrandbits(k)` and
 * `_randbelow(n)` (the shuffle's building blocks).
 *
 * Python's Mersenne Twister is the same MT19937 as PyTorch's (the engine's
 * `engine/random/mt19937.ts`: twist and tempering), seeded differently: `seed(n)` for an int
 * `n` calls `init_by_array` with the 32-bit words of `|n|`, least significant first (`[0]` for
 * 0), and that starts from `init_genrand(19650218)` and mixes the key in
 * (`Modules/_randommodule.c`). The first draw twists, as in PyTorch's engine.
 *
 * @module
 */
import { initGenrand, MT19937, MT_N } from '../engine/random/mt19937.js';

/**
 * Fill `mt` with MT19937's reference `init_by_array(key)` (as CPython's `_randommodule.c`):
 * `init_genrand(19650218)`, then `max(624, key.length)` mixing steps that add the key words,
 * then 623 steps that subtract the index, then `mt[0] = 0x80000000`.
 *
 * @param mt - the 624-word state to overwrite.
 * @param key - the key words (uint32 each), at least one.
 *
 * @example
 * ```ts
 * const mt = new Uint32Array(624);
 * initByArray(mt, [42]); // the state of Python's random.seed(42)
 * ```
 */
export function initByArray(mt: Uint32Array, key: readonly number[]): void {
  if (key.length === 0) throw new Error('initByArray: the key needs at least one word');
  initGenrand(mt, 19650218);
  let i = 1;
  let j = 0;
  for (let k = Math.max(MT_N, key.length); k > 0; k--) {
    const prev = (mt[i - 1] ^ (mt[i - 1] >>> 30)) >>> 0;
    // mt[i] = (mt[i] ^ (prev * 1664525)) + key[j] + j   (mod 2^32)
    mt[i] = (((mt[i] ^ Math.imul(prev, 1664525)) >>> 0) + (key[j] >>> 0) + j) >>> 0;
    i++;
    j++;
    if (i >= MT_N) {
      mt[0] = mt[MT_N - 1];
      i = 1;
    }
    if (j >= key.length) j = 0;
  }
  for (let k = MT_N - 1; k > 0; k--) {
    const prev = (mt[i - 1] ^ (mt[i - 1] >>> 30)) >>> 0;
    // mt[i] = (mt[i] ^ (prev * 1566083941)) - i   (mod 2^32)
    mt[i] = (((mt[i] ^ Math.imul(prev, 1566083941)) >>> 0) - i) >>> 0;
    i++;
    if (i >= MT_N) {
      mt[0] = mt[MT_N - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000; // MSB is 1: a non-zero initial state
}

/** The 32-bit words of |n|, least significant first; `[0]` for 0 (CPython's `random_seed`). */
function seedKey(seed: number | bigint): number[] {
  let n: bigint;
  if (typeof seed === 'bigint') n = seed;
  else if (typeof seed === 'number' && Number.isSafeInteger(seed)) n = BigInt(seed);
  else throw new TypeError(`PythonRandom.seed: the seed must be a safe integer or a bigint, got ${String(seed)}`);
  if (n < 0n) n = -n;
  const key: number[] = [];
  while (n > 0n) {
    key.push(Number(n & 0xffffffffn));
    n >>= 32n;
  }
  return key.length === 0 ? [0] : key;
}

/** `int.bit_length()` of a positive safe integer. */
function bitLength(n: number): number {
  return n < 4294967296 ? 32 - Math.clz32(n) : 32 + bitLength(Math.floor(n / 4294967296));
}

/**
 * Python's `random.Random` for integer seeds: the same numbers as CPython 3 for `random()`,
 * `getrandbits`, `_randbelow` (the `getrandbits` rejection method) and `shuffle`.
 *
 * @example
 * ```ts
 * const words = ['a', 'b', 'c', 'd'];
 * new PythonRandom(42).shuffle(words); // as random.seed(42); random.shuffle(words)
 * ```
 */
export class PythonRandom {
  private readonly engine = new MT19937();

  /**
   * @param seed - an integer (number or bigint), as `random.seed(seed)`; the sign is dropped.
   */
  constructor(seed: number | bigint) {
    this.seed(seed);
  }

  /**
   * Re-seed as `random.seed(n)` does for an int: `init_by_array` with the 32-bit words of `|n|`.
   * @example new PythonRandom(0).seed(42)
   */
  seed(seed: number | bigint): this {
    initByArray(this.engine.state, seedKey(seed));
    this.engine.left = 1; // CPython: index = 624, so the first draw twists
    this.engine.next = 0;
    return this;
  }

  /**
   * The next raw 32-bit word (CPython's `genrand_uint32`).
   * @example new PythonRandom(42).nextU32()
   */
  nextU32(): number {
    return this.engine.nextU32();
  }

  /**
   * `random.random()`: a double in [0, 1) from two words, `(a >> 5, b >> 6)` as 53 bits.
   * @example new PythonRandom(42).random() // 0.6394267984578837
   */
  random(): number {
    const a = this.engine.nextU32() >>> 5;
    const b = this.engine.nextU32() >>> 6;
    return (a * 67108864 + b) * (1 / 9007199254740992);
  }

  /**
   * `random.getrandbits(k)` for 0 ≤ k ≤ 53: one word per 32 bits, least significant word first;
   * the last word keeps its top bits (`w >>> (32 - bits)`).
   * @example new PythonRandom(42).getrandbits(8)
   */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k > 53) throw new RangeError(`getrandbits: k must be an integer in [0, 53] here, got ${k}`);
    if (k === 0) return 0;
    if (k <= 32) return this.engine.nextU32() >>> (32 - k);
    const lo = this.engine.nextU32();
    const hi = this.engine.nextU32() >>> (64 - k);
    return hi * 4294967296 + lo;
  }

  /**
   * `random._randbelow(n)` (CPython's `_randbelow_with_getrandbits`): draw `k = n.bit_length()`
   * bits until the value is below n.
   * @example new PythonRandom(42).randbelow(10)
   */
  randbelow(n: number): number {
    if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`randbelow: n must be a positive integer, got ${n}`);
    const k = bitLength(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /**
   * `random.shuffle(x)` in place: for i = len-1 down to 1, `j = _randbelow(i + 1)`, swap x[i], x[j].
   * @returns x, shuffled.
   * @example new PythonRandom(42).shuffle([1, 2, 3])
   */
  shuffle<T>(x: T[]): T[] {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      const t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
    return x;
  }

  /**
   * The 624 state words (a copy), as `random.getstate()[1][:624]`.
   * @example new PythonRandom(42).stateWords().length // 624
   */
  stateWords(): number[] {
    return Array.from(this.engine.state);
  }
}
