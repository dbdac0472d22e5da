/**
 * `uniform_(lo, hi)` / `torch.rand` fill kernels (`torch-rng.md` §2): serial, in element order.
 *
 * - float32: one word per element, `x = (w & 0xFFFFFF) * 2^-24`, then `x * f32(hi - lo) + lo`
 *   in float32. The AVX2 build of torch contracts that into one FMA (`fma32`); the scalar
 *   (`default`) build rounds twice. With `[lo, hi) = [0, 1)` both give `x`.
 * - float64: one `random64()` per element, `x = (r & (2^53 - 1)) * 2^-53`, then
 *   `x * (hi - lo) + lo` in double, rounded twice in both kernels. (A gcc AVX2 build may contract
 *   this into a double FMA; that is not verified and does not affect `[0, 1)`.)
 *
 * @module
 */
import { fma32 } from './fma32.js';
import type { Generator } from './generator.js';

const F32_MAX = 3.4028234663852886e38;

/**
 * Fill `out` with uniforms in `[lo, hi)` exactly as `tensor.uniform_(lo, hi, generator=g)`
 * (or `torch.rand` for the defaults) does in PyTorch 1.13.1 on the CPU. The float32 rounding of
 * the affine map follows `g.normalKernel` (`'avx2'`: fused; `'scalar'`: two roundings).
 *
 * @param g - the generator; consumes `out.length` words (float32) or `2 * out.length` (float64).
 * @param out - the destination, filled in element order.
 * @param lo - lower bound (default 0).
 * @param hi - upper bound (default 1).
 * @returns `out`.
 * @throws Error with PyTorch's messages when `lo > hi` (or either is NaN), or the range is
 *   outside the dtype's finite range.
 */
export function fillUniform<T extends Float32Array | Float64Array>(g: Generator, out: T, lo = 0, hi = 1): T {
  const isF32 = out instanceof Float32Array;
  const dtype = isF32 ? 'float' : 'double';
  const max = isF32 ? F32_MAX : Number.MAX_VALUE;
  if (!(lo >= -max && lo <= max)) throw new Error(`from is out of bounds for ${dtype}`);
  if (!(hi >= -max && hi <= max)) throw new Error(`to is out of bounds for ${dtype}`);
  if (!(lo <= hi)) {
    throw new Error(`uniform_ expects to return a [from, to) range, but found from=${lo} > to=${hi}`);
  }
  if (!(hi - lo <= max)) {
    throw new Error(
      `uniform_ expects to-from <= std::numeric_limits<${isF32 ? 'Float' : 'Double'}>::max(), but found to=${hi} and from=${lo} which result in to-from to exceed the limit`,
    );
  }
  const n = out.length;
  if (isF32) {
    const from = Math.fround(lo);
    const range = Math.fround(Math.fround(hi) - from);
    if (from === 0 && range === 1) {
      for (let i = 0; i < n; i++) out[i] = g.nextFloat32Uniform();
    } else if (g.normalKernel === 'avx2') {
      for (let i = 0; i < n; i++) out[i] = fma32(g.nextFloat32Uniform(), range, from);
    } else {
      for (let i = 0; i < n; i++) out[i] = Math.fround(g.nextFloat32Uniform() * range) + from;
    }
  } else {
    const range = hi - lo;
    if (lo === 0 && range === 1) {
      for (let i = 0; i < n; i++) out[i] = g.nextFloat64Uniform();
    } else {
      for (let i = 0; i < n; i++) out[i] = g.nextFloat64Uniform() * range + lo;
    }
  }
  return out;
}
