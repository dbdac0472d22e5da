/**
 * A training step in tidy asks for no fresh large memory after its first step (docs/tensor.md,
 * docs/examples/memory-tidy.ts), with the pair gather's gradient (fast/pair-gather.ts).
 * (Written against 42ec837, where it failed: `RowNumbering.byPairs` numbers all R·W pairs, used
 * or not, so the softmax's distinct-rows backward makes a table of 729 × 27 floats = 78,732
 * bytes, a pooled size, which `deferRows` untracked: no scope gave it back, and every step took a
 * fresh block. `deferRows` now copies a table that lives in the arena out of it.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor, arange, memoryStats, oneHot, resetMemoryStats, tidy } from '../../engine/index.js';
import { setTableRows } from '../../engine/fast/table-rows.js';

afterEach(() => setTableRows(true));

function freshPerStep(n: number, pairOf: (i: number) => [number, number]): number[] {
  const V = 27;
  const xs = Tensor.fromArray(Int32Array.from({ length: n }, (_, i) => pairOf(i)[0]), [n], 'int32');
  const ys = Tensor.fromArray(Int32Array.from({ length: n }, (_, i) => pairOf(i)[1]), [n], 'int32');
  const W = Tensor.fromArray(Float32Array.from({ length: V * V }, (_, i) => Math.sin(i)), [V, V]).requiresGrad_();
  const fresh: number[] = [];
  for (let step = 0; step < 4; step++) {
    resetMemoryStats();
    tidy(() => {
      const counts = oneHot(xs, V).float().matmul(W).exp();
      const loss = counts.div(counts.sum(1, true)).index(arange(n), ys).log().mean().neg();
      W.grad = null;
      loss.backward();
      W.data.add_(W.grad!.mul(-10));
    });
    fresh.push(memoryStats().fresh);
  }
  return fresh;
}

describe('the pair gather\'s gradient in a tidy training loop', () => {
  it('27 pairs used of 729 (docs/examples/memory-tidy.ts): no fresh large memory after the first step', () => {
    expect(freshPerStep(100_000, (i) => [i % 27, (i * 7) % 27]).slice(1)).toEqual([0, 0, 0]);
  });

  // (failed at 4bf049a too: 621 used pairs made a 621 × 27 table, 67,068 bytes, also untracked)
  it('~600 pairs used of 729 (the lecture\'s mix): no fresh large memory after the first step', () => {
    expect(freshPerStep(100_000, (i) => [i % 27, Math.floor(i / 27) % 23]).slice(1)).toEqual([0, 0, 0]);
  });
});
