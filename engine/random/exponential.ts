/**
 * `exponential_(lambd)` fill kernel of PyTorch 1.13.1 on the CPU without MKL
 * (`torch-rng.md` §4). The multinomial fast path uses it too.
 *
 * @module
 */
import type { Generator } from './generator.js';
import { logF64 } from './libm-f64.js';

/**
 * Fill `out` in element order with `(-1/lambd) * log(1 - u)`, `u` a double uniform (one
 * `random64`, two words, per element), computed in double and rounded to the array's dtype on
 * store. `u == 0` gives `-0`.
 *
 * @param g - the generator; consumes `2 * out.length` words.
 * @param out - the destination.
 * @param lambd - the rate, > 0 (default 1).
 * @returns `out`.
 * @throws Error with PyTorch's message when `lambd` is not > 0 (or is NaN).
 */
export function fillExponential<T extends Float32Array | Float64Array>(g: Generator, out: T, lambd = 1): T {
  if (!(lambd > 0)) throw new Error(`exponential_ expects lambda > 0.0, but found lambda=${lambd}`);
  const scale = -1 / lambd;
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = scale * logF64(1 - g.nextFloat64Uniform()); // glibc's log is correctly rounded; so is logF64
  return out;
}
