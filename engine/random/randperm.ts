/**
 * `randperm`: a random permutation of 0..n-1, bit for bit as PyTorch 1.13.1's CPU
 * `torch.randperm(n, generator=g)` (`randperm_cpu`).
 *
 * PyTorch's algorithm is a forward Fisher–Yates shuffle of `0, 1, ..., n-1` with a plain modulo:
 * for i = 0 .. n-2, draw one 32-bit word `w`, set `z = w mod (n - i)` and swap `r[i]` with
 * `r[i + z]`. That is n - 1 words (none for n ≤ 1).
 *
 * @module
 */
import { Tensor } from '../tensor.js';
import { defaultGenerator, Generator } from './generator.js';

/** Options of {@link randperm}. */
export interface RandpermOptions {
  /** The generator to draw from (default: the module's default generator). */
  generator?: Generator;
}

/**
 * Shuffle `r` (already holding 0..n-1, or anything) in place with PyTorch's `randperm_cpu`
 * loop: for i = 0 .. n-2, `z = nextU32() mod (n - i)`, swap `r[i]` and `r[i + z]`.
 *
 * @example
 * ```ts
 * const r = Int32Array.from({ length: 10 }, (_, i) => i);
 * fillRandperm(new Generator().manualSeed(2147483647), r); // r = [1, 9, 7, 4, 0, 5, 6, 8, 3, 2]
 * ```
 */
export function fillRandperm(g: Generator, r: Int32Array): void {
  const n = r.length;
  for (let i = 0; i < n - 1; i++) {
    const z = g.nextU32() % (n - i);
    const sav = r[i];
    r[i] = r[i + z];
    r[i + z] = sav;
  }
}

/**
 * A random permutation of the integers 0..n-1 (int32), as `torch.randperm(n, generator=g)`,
 * bit for bit (PyTorch 1.13.1, CPU): n - 1 words, one per step of a forward Fisher–Yates
 * shuffle with `word mod (n - i)`.
 *
 * @param n - a non-negative integer (at most 2^31 - 1).
 * @param opts - `generator`.
 * @throws RangeError as PyTorch's "Trying to create tensor with negative dimension" for n < 0,
 *   TypeError for a non-integer n.
 *
 * @example randperm(10, { generator: new Generator().manualSeed(2147483647) }) // tensor([1, 9, 7, 4, 0, 5, 6, 8, 3, 2])
 */
export function randperm(n: number, opts?: RandpermOptions): Tensor {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new TypeError(`randperm: n must be an integer, got ${String(n)}`);
  if (n < 0) throw new RangeError(`randperm: Trying to create tensor with negative dimension ${n}: [${n}]`);
  if (n > 2147483647) throw new RangeError(`randperm: n = ${n} does not fit int32 (the engine's int64)`);
  const g = opts?.generator ?? defaultGenerator;
  if (!(g instanceof Generator)) throw new TypeError(`randperm: generator must be a Generator, got ${typeof g}`);
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  fillRandperm(g, r);
  return Tensor.fromArray(r, [n], 'int32');
}
