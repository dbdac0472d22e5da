/**
 * `normal_(mean, std)` / `torch.randn` fill kernels of PyTorch 1.13.1 on the CPU
 * (`torch-rng.md` §3):
 *
 * - fewer than 16 elements, a non-contiguous destination: per-element double Box–Muller with the
 *   generator's cached second value ({@link nextDoubleNormal}, §3.2);
 * - float32 with 16 or more contiguous elements: `normal_fill` (§3.3) with the generator's
 *   kernel, `'scalar'` (§3.3) or `'avx2'` (§3.4);
 * - float64 with 16 or more contiguous elements: `normal_fill` in double (§3.5).
 *
 * @module
 */
import { cephesLogF32, cephesSinCosF32 } from './cephes-f32.js';
import { fma32 } from './fma32.js';
import { cosF64, logF64, sinF64 } from './libm-f64.js';
import type { Generator } from './generator.js';
import { simdBoxMuller, simdNormalFill } from '../fast/normal-fill.js';

/** 2*pi as a double: the scalar kernels multiply the float uniform by it in double. */
const TWO_PI = 6.283185307179586;
/** f32(2*pi) (bits 0x40C90FDB): the AVX2 kernel's float32 constant. */
const TWO_PI_F = Math.fround(2 * Math.PI);

/** Scratch for the AVX2 sincos lane, so the hot loop allocates nothing. */
const sincos = new Float64Array(2);

/**
 * One standard normal double from PyTorch's `at::normal_distribution<double>` (§3.2): returns
 * and clears the generator's cached value if there is one (no words consumed); otherwise draws
 * `u1`, `u2` (two `random64`, four words), returns `r*cos(theta)` and caches `r*sin(theta)` with
 * `r = sqrt(-2 log(1 - u2))`, `theta = 2*pi*u1`.
 *
 * @param g - the generator whose stream and cache are used.
 * @returns the raw (mean 0, std 1) double sample.
 */
export function nextDoubleNormal(g: Generator): number {
  const cached = g.cachedDoubleNormal;
  if (cached !== null) {
    g.cachedDoubleNormal = null;
    return cached;
  }
  const u1 = g.nextFloat64Uniform();
  const u2 = g.nextFloat64Uniform();
  const r = Math.sqrt(-2 * logF64(1 - u2));
  const theta = TWO_PI * u1;
  g.cachedDoubleNormal = r * sinF64(theta);
  return r * cosF64(theta);
}

/**
 * Scalar float32 `normal_fill_16` on `d[o .. o+15]` (§3.3) with `Math.fround(Math.log/cos/sin)`
 * standing in for libm's `logf/cosf/sinf` (correctly rounded here; glibc's are not always).
 */
function fill16Scalar(d: Float32Array, o: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - d[o + j];
    const u2 = d[o + j + 8];
    const radius = Math.fround(Math.sqrt(-2 * Math.fround(Math.log(u1))));
    const theta = Math.fround(TWO_PI * u2);
    const c = Math.fround(Math.cos(theta));
    const s = Math.fround(Math.sin(theta));
    // Stores round to float32: f32(f32(f32(radius*c)*std) + mean).
    d[o + j] = Math.fround(Math.fround(radius * c) * std) + mean;
    d[o + j + 8] = Math.fround(Math.fround(radius * s) * std) + mean;
  }
}

/** AVX2 float32 `normal_fill_16_AVX2` on `d[o .. o+15]` (§3.4), lane by lane. */
function fill16Avx2(d: Float32Array, o: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - d[o + j];
    const u2 = d[o + j + 8];
    const radius = Math.fround(Math.sqrt(-2 * cephesLogF32(u1)));
    const theta = Math.fround(TWO_PI_F * u2);
    cephesSinCosF32(theta, sincos);
    const n1 = Math.fround(radius * sincos[1]);
    const n2 = Math.fround(radius * sincos[0]);
    d[o + j] = fma32(n1, std, mean);
    d[o + j + 8] = fma32(n2, std, mean);
  }
}

/** Double `normal_fill_16` on `d[o .. o+15]` (§3.5). */
function fill16Double(d: Float64Array, o: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - d[o + j];
    const u2 = d[o + j + 8];
    const radius = Math.sqrt(-2 * logF64(u1));
    const theta = TWO_PI * u2;
    d[o + j] = radius * cosF64(theta) * std + mean;
    d[o + j + 8] = radius * sinF64(theta) * std + mean;
  }
}

/**
 * Fill `out` with normals exactly as `tensor.normal_(mean, std, generator=g)` (and
 * `torch.randn`) does in PyTorch 1.13.1 on the CPU.
 *
 * Words consumed: per-element path, 4 per fresh Box–Muller pair (none when the cache is used);
 * `normal_fill`, `n + (n % 16 ? 16 : 0)` uniforms (words for float32, `random64` for float64).
 * The `normal_fill` paths neither read nor clear the generator's cached normal.
 *
 * @param g - the generator (its `normalKernel` picks the float32 `normal_fill` variant).
 * @param out - the destination, in memory order.
 * @param mean - the mean (default 0); cast to float32 for the float32 `normal_fill` kernels.
 * @param std - the standard deviation (default 1, must be >= 0); cast likewise.
 * @param contiguous - false when the destination tensor is a non-contiguous view; PyTorch then
 *   always uses the per-element path (default true).
 * @returns `out`.
 * @throws Error when `std` is negative or NaN.
 */
export function fillNormal<T extends Float32Array | Float64Array>(
  g: Generator,
  out: T,
  mean = 0,
  std = 1,
  contiguous = true,
): T {
  if (!(std >= 0)) throw new Error(`normal expects std >= 0.0, but found std ${std}`);
  const n = out.length;
  if (n < 16 || !contiguous) {
    for (let i = 0; i < n; i++) out[i] = nextDoubleNormal(g) * std + mean;
    return out;
  }
  if (out instanceof Float32Array) {
    const m = Math.fround(mean);
    const s = Math.fround(std);
    const fill16 = g.normalKernel === 'avx2' ? fill16Avx2 : fill16Scalar;
    // the scalar kernel's whole blocks in SIMD (the blocks it cannot vouch for are left to fill16),
    // drawing the uniforms in the same pass where it can
    const scalar = g.normalKernel === 'scalar';
    let redo = scalar ? simdNormalFill({ fill: (o, a, b) => g.fillFloat32Uniforms(o, a, b), chunks: (k, consume) => g.float32UniformChunks(k, consume) }, out, n, m, s) : null;
    if (redo === null) {
      g.fillFloat32Uniforms(out, 0, n);
      if (scalar) redo = simdBoxMuller(out, n >> 4, m, s);
    }
    if (redo === null) for (let i = 0; i < n - 15; i += 16) fill16(out, i, m, s);
    else for (const b of redo) fill16(out, 16 * b, m, s);
    if (n % 16 !== 0) {
      // Recompute the last 16 values from 16 fresh uniforms.
      g.fillFloat32Uniforms(out, n - 16, n);
      fill16(out, n - 16, m, s);
    }
  } else {
    const d = out as Float64Array;
    g.fillFloat64Uniforms(d, 0, n);
    for (let i = 0; i < n - 15; i += 16) fill16Double(d, i, mean, std);
    if (n % 16 !== 0) {
      g.fillFloat64Uniforms(d, n - 16, n);
      fill16Double(d, n - 16, mean, std);
    }
  }
  return out;
}
