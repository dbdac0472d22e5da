/**
 * mean's gradient summed back over broadcast trailing dims, against PyTorch 1.13.1
 * (spec/fixtures/mean-broadcast-grad.json, made by scripts/fixtures/mean_broadcast_grad.py).
 *
 * PyTorch's mean backward is `grad.expand(sizes) / numel`: a fresh contiguous tensor, whose rows
 * `sum_to_size` then sums in PyTorch's float32 order. The engine matched all 49 cases at 4bf049a;
 * at 42ec837 mean's backward was a stride-0 view (`expandBack(g.div(count))`), which
 * `sumInto` (engine/ops/reduce.ts) no longer summed by the PyTorch-order row sums (they need
 * `x.isContiguous()`) but in float64: 29 of 49 cases differed in the last bit.
 * (Written against 42ec837, where it failed; mean's backward is a contiguous deferred constant
 * since, engine/fast/deferred-constant.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tensor, zeros } from '../../engine/index.js';
import { fixturesDir } from '../support/shared.js';

interface Case { name: string; n: number; m: number; column: number[]; matrix: number[]; columnGrad: string[]; matrixGradHead: string[] }
const fixture = JSON.parse(readFileSync(join(fixturesDir, 'mean-broadcast-grad.json'), 'utf8')) as { cases: Case[] };

/** float32 bits as 8 hex digits, big-endian (the fixture's form). */
const hex = (t: Tensor) => Array.from(new Uint32Array(Float32Array.from(t.toTypedArray()).buffer), (b) => b.toString(16).padStart(8, '0'));

/** The script's weights: (((i·37) mod 19) − 9) / 8, row-major. */
function weights(shape: number[]): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  return Tensor.fromArray(Float32Array.from({ length: n }, (_, i) => (((i * 37) % 19) - 9) / 8), shape);
}

const LOSSES: Record<string, (z: Tensor) => Tensor> = {
  'column + matrix, mean()': (z) => z.mean(),
  'column + matrix, mean(0).sum()': (z) => z.mean(0).sum(),
  'column + matrix, (mean(0) * w).sum()': (z) => z.mean(0).mul(weights([z.shape[1]])).sum(),
  'column + matrix, mean([0, 1], keepdim) * 3': (z) => z.mean([0, 1], true).sum().mul(3),
  '[1, 1] + matrix, mean()': (z) => z.mean(),
  '[n, 1, 1] + [n, m, 3], mean()': (z) => z.mean(),
  '[n, 1, 1] + [n, m, 3], (mean(0) * w).sum()': (z) => z.mean(0).mul(weights([z.shape[1], z.shape[2]])).sum(),
};

describe('mean\'s gradient summed over broadcast trailing dims: PyTorch\'s bits', () => {
  it.each(fixture.cases.map((c) => [`${c.name}, n=${c.n} m=${c.m}`, c] as const))('%s', (_name, c) => {
    const a = zeros(c.column).requiresGrad_(), b = weights(c.matrix).requiresGrad_();
    LOSSES[c.name](a.add(b)).backward();
    expect(hex(b.grad!).slice(0, 16), 'the matrix\'s gradient').toEqual(c.matrixGradHead);
    expect(hex(a.grad!), 'the column\'s gradient (its rows summed)').toEqual(c.columnGrad);
  });
});
