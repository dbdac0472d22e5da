/**
 * The 32-bit Mersenne Twister (MT19937) exactly as PyTorch 1.13.1's `at::mt19937` runs it
 * (`ATen/core/MT19937RNGEngine.h`); see `torch-rng.md` §1.
 *
 * Everything is uint32 arithmetic done with `Math.imul` and `>>> 0`: no BigInt, no allocation
 * per draw. The output equals C++ `std::mt19937(seed32)`.
 *
 * @module
 */
import { simdWords } from '../fast/mt19937-fill.js';

/** Number of 32-bit words in the state (`N`). */
export const MT_N = 624;
/** The twist offset (`M`). */
export const MT_M = 397;
/** The twist matrix constant. */
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * Tempering: the four xor-shift steps applied to a state word before it is returned.
 *
 * @param y - a state word (uint32).
 * @returns the tempered word as a uint32 (a non-negative number below 2^32).
 */
export function temper(y: number): number {
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y >>> 0;
}

/**
 * Fill `mt` with the classic `init_genrand` sequence for a 32-bit seed:
 * `mt[0] = seed`, `mt[j] = 1812433253 * (mt[j-1] ^ (mt[j-1] >>> 30)) + j` (mod 2^32).
 *
 * @param mt - the 624-word state to overwrite.
 * @param seed32 - the seed; only its low 32 bits are used (it must be an integer number).
 */
export function initGenrand(mt: Uint32Array, seed32: number): void {
  let prev = seed32 >>> 0;
  mt[0] = prev;
  for (let j = 1; j < MT_N; j++) {
    prev = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + j) >>> 0;
    mt[j] = prev;
  }
}

/**
 * Regenerate all 624 words in place (the MT19937 "twist"), in increasing k, reading the
 * wrap-around entries already updated in this pass, exactly as the reference C code does.
 *
 * @param mt - the 624-word state, updated in place.
 */
export function twist(mt: Uint32Array): void {
  let k = 0;
  for (; k < MT_N - MT_M; k++) {
    const y = (mt[k] & UPPER_MASK) | (mt[k + 1] & LOWER_MASK);
    mt[k] = mt[k + MT_M] ^ (y >>> 1) ^ (mt[k + 1] & 1 ? MATRIX_A : 0);
  }
  for (; k < MT_N - 1; k++) {
    const y = (mt[k] & UPPER_MASK) | (mt[k + 1] & LOWER_MASK);
    mt[k] = mt[k + MT_M - MT_N] ^ (y >>> 1) ^ (mt[k + 1] & 1 ? MATRIX_A : 0);
  }
  const y = (mt[MT_N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
  mt[MT_N - 1] = mt[MT_M - 1] ^ (y >>> 1) ^ (mt[0] & 1 ? MATRIX_A : 0);
}

/**
 * An MT19937 engine: the state words plus PyTorch's `left`/`next` position.
 *
 * After seeding `left = 1` and `next = 0`, so the first draw twists before it outputs anything.
 * Between draws, either `left === 1` (a twist is due) or `left + next === 625`.
 */
export class MT19937 {
  /** The 624 state words. Mutated in place by {@link MT19937.nextU32}. */
  readonly state: Uint32Array = new Uint32Array(MT_N);
  /** Draws left before the next twist, plus one (PyTorch's `left_`), in 1..624. */
  left = 1;
  /** Index of the next state word to output (PyTorch's `next_`), in 0..624. */
  next = 0;

  /**
   * @param seed32 - initial seed; only the low 32 bits are used (default 5489, like C++).
   */
  constructor(seed32 = 5489) {
    this.seed(seed32);
  }

  /**
   * Re-seed with the low 32 bits of `seed32` and reset the position (`left = 1`, `next = 0`).
   *
   * @param seed32 - an integer number; its value mod 2^32 is used.
   */
  seed(seed32: number): void {
    initGenrand(this.state, seed32);
    this.left = 1;
    this.next = 0;
  }

  /**
   * The next 32-bit output (PyTorch's `random()`).
   *
   * @returns a uint32 as a non-negative number below 2^32.
   */
  nextU32(): number {
    if (--this.left === 0) {
      twist(this.state);
      this.left = MT_N;
      this.next = 0;
    }
    return temper(this.state[this.next++]);
  }

  /**
   * The next `end − start` outputs into `out[start … end − 1]`: the words `nextU32` would return
   * one by one, a whole run of the state at a time (for the bulk fills of `random/`).
   *
   * @param out - the destination (uint32 words).
   * @param start - the first index to write.
   * @param end - one past the last index to write.
   */
  fillU32(out: Uint32Array, start: number, end: number): void {
    if (simdWords(this, out, start, end)) return;
    const mt = this.state;
    let i = start;
    while (i < end) {
      if (this.left === 1) {
        twist(mt);
        this.left = MT_N + 1;
        this.next = 0;
      }
      // the words left before the next twist: left − 1 of them, from `next` on
      const run = Math.min(end - i, this.left - 1);
      let k = this.next;
      for (const stop = i + run; i < stop; i++, k++) out[i] = temper(mt[k]);
      this.next = k;
      this.left -= run;
    }
  }
}
