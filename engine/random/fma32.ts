/**
 * Single-rounding float32 fused multiply-add in plain JS (`torch-rng.md` §3.4).
 *
 * The AVX2 `normal_fill` kernel (explicit `_mm256_fmadd_ps` plus the multiply-adds gcc
 * contracts) rounds `a*b + c` once to float32. JS has no `fmaf`, so:
 *
 * 1. `p = a*b` is exact in double (two 24-bit significands need at most 48 bits);
 * 2. `s = p + c` is rounded once to double; TwoSum gives its exact error `e`;
 * 3. `r = fround(s)` is the correctly rounded float32 of the exact sum `p + c`, **unless** the
 *    double rounding landed `s` exactly on a float32 half-way point that the exact sum
 *    `s + e` does not sit on. Then ties-to-even may have picked the wrong neighbour, and the
 *    result moves one float32 ulp in the direction of `e`.
 *
 * The common case (no tie) costs two `fround`s; the tie fix-up lives in a separate function so
 * that V8 inlines the fast path into the Cephes polynomials.
 *
 * @module
 */

/** Largest finite float32. */
const F32_MAX = 3.4028234663852886e38;
/** The float32 overflow threshold: half-way between `F32_MAX` and 2^128. */
const F32_OVERFLOW_TIE = 3.4028235677973366e38;

/**
 * `fround(a*b + c)` with a single rounding, for float32 inputs (like C's `fmaf`).
 *
 * @param a - a float32 value (a double that is exactly representable in float32).
 * @param b - a float32 value.
 * @param c - a float32 value.
 * @returns the float32 nearest to the exact `a*b + c` (ties to even), as a number. The result
 *   for inputs that are not float32 values is unspecified.
 */
export function fma32(a: number, b: number, c: number): number {
  const s = a * b + c; // a*b is exact; one double rounding here
  const r = Math.fround(s);
  // s is a float32 half-way point iff the reflection of r through s is a float32 (and s != r).
  // 2s - r is exact: it lies within one float32 ulp of r on the double grid of s.
  const n = 2 * s - r;
  if (r === s || Math.fround(n) !== n) return r;
  return fixTie(a, b, c, s, r, n);
}

/** The rare case: `s` sits on a float32 half-way point (or float32 overflowed). */
function fixTie(a: number, b: number, c: number, s: number, r: number, n: number): number {
  const p = a * b;
  // TwoSum: e = (p + c) - s exactly.
  const bb = s - p;
  const e = p - (s - bb) + (c - bb);
  if (e === 0) return r; // the exact sum is the tie itself: ties-to-even was right
  if (r === Infinity || r === -Infinity) {
    // Overflow: only the exact tie with F32_MAX + ulp/2, pulled toward zero, stays finite.
    if (Math.abs(s) === F32_OVERFLOW_TIE && e > 0 !== s > 0) return s > 0 ? F32_MAX : -F32_MAX;
    return r;
  }
  // The exact sum lies beyond s, away from r, when e has the sign of s - r: round to n.
  return e > 0 === s - r > 0 ? n : r;
}
