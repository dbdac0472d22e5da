/**
 * Float32 values as bit patterns for property tests of fast paths that must keep every bit:
 * ordinary values, the edge values (±0, ±inf, NaN with several payloads and signs, subnormals,
 * the largest finite, exp's overflow and underflow edges), and any bit pattern at all.
 */
import * as fc from 'fast-check';
import { Tensor } from '../../engine/index.js';

const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);

/** The float32 bits of `v` (rounded to float32 first). */
export function bitsOfFloat(v: number): number {
  f32[0] = v;
  return u32[0];
}

/** The float32 value of the bits `b`. */
export function floatOfBits(b: number): number {
  u32[0] = b >>> 0;
  return f32[0];
}

/** Edge values as bits: ±0, ±inf, NaN (quiet, negative, signalling payloads), subnormals, huge, exp's edges. */
export const EDGE_BITS: readonly number[] = [
  0, -0, Infinity, -Infinity, NaN, 1e-45, -1e-45, 1e-40, -1e-40, 1.1754943508222875e-38, 3.4028234663852886e38,
  -3.4028234663852886e38, 88.72283935546875, 88.8, -87.3, -103.97, -104, 1e-30, 1, -1, 0.5, 2 ** -25,
].map(bitsOfFloat).concat([0xffc00000, 0x7f800001, 0x7fbfffff, 0xffa00005, 0x7fc12345]);

/** A float32 as its bits: mostly ordinary values, sometimes an edge value or any bit pattern. */
export const floatBitsArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 10, arbitrary: fc.float({ min: -6, max: 6, noNaN: true }).map(bitsOfFloat) },
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_BITS) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffffffff }) },
);

/** A float32 tensor of `shape` holding exactly the given bits (row-major). */
export function floatsFromBits(bits: readonly number[], shape: readonly number[]): Tensor {
  return Tensor.fromArray(new Float32Array(Uint32Array.from(bits).buffer), [...shape]);
}
