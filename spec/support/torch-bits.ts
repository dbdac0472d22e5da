/**
 * Reading `spec/fixtures/torch/nn.json` (written by scripts/fixtures/nn.py from PyTorch 1.13.1):
 * float32 values are 8-hex-digit bit patterns, float64 values 16-hex-digit ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tensor } from '../../engine/index.js';
import { repoRoot } from './shared.js';

/** The parsed fixture file (typed loosely: each spec reads the section it needs). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const torchNn: any = JSON.parse(readFileSync(join(repoRoot, 'spec', 'fixtures', 'torch', 'nn.json'), 'utf8'));

const view = new DataView(new ArrayBuffer(8));

/** The number a bit pattern stands for (8 hex digits: float32, 16: float64). */
export function fromBits(h: string): number {
  if (h.length === 8) {
    view.setUint32(0, parseInt(h, 16));
    return view.getFloat32(0);
  }
  view.setBigUint64(0, BigInt(`0x${h}`));
  return view.getFloat64(0);
}

/** The bit pattern of each element of `t` (row-major), in the fixture's format. */
export function bitsOf(t: Tensor): string[] {
  return Array.from(t.contiguous().toTypedArray(), (v) => {
    if (t.dtype === 'float64') {
      view.setFloat64(0, v);
      return view.getBigUint64(0).toString(16).padStart(16, '0');
    }
    view.setFloat32(0, v);
    return view.getUint32(0).toString(16).padStart(8, '0');
  });
}

/** A tensor of `shape` from a list of bit patterns (float32 for 8 hex digits, else float64). */
export function tensorFromBits(bits: string[], shape: readonly number[]): Tensor {
  const f64 = bits.length > 0 && bits[0].length === 16;
  const data = f64 ? new Float64Array(bits.map(fromBits)) : new Float32Array(bits.map(fromBits));
  return Tensor.fromArray(data, [...shape], f64 ? 'float64' : 'float32');
}

/** Indices where two bit lists differ (empty when equal). */
export function bitDiffs(actual: string[], expected: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) if (actual[i] !== expected[i]) out.push(i);
  return out;
}
