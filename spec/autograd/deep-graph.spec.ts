/**
 * Deep graphs: backward walks the tape with an explicit stack, so a chain of 100,000 ops neither
 * overflows the call stack nor loses precision in the bookkeeping, and gives the right gradient.
 */
import { describe, expect, it } from 'vitest';
import { graphOf, toDot } from '../../engine/index.js';
import { flat, fromValues } from '../support/autograd-helpers.js';

const N = 100_000;
/** Length of the other deep-graph checks (long enough to overflow a recursive walk). */
const M = 20_000;

describe('deep graphs', () => {
  it('a 100,000-op chain of x.add(1): backward runs without stack overflow and the gradient is ones', () => {
    const x = fromValues([0.5, -1, 2], [3], 'float64', true);
    let y = x;
    for (let i = 0; i < N; i++) y = y.add(1);
    expect(flat(y)).toEqual([N + 0.5, N - 1, N + 2]);
    y.sum().backward();
    expect(flat(x.grad!)).toEqual([1, 1, 1]);
  });

  it('x.mul(1 + 5e-5) repeated 20,000 times: the gradient is the product of the factors (≈ e)', () => {
    const c = 1 + 5e-5;
    const x = fromValues([1, 2], [2], 'float64', true);
    let y = x;
    for (let i = 0; i < M; i++) y = y.mul(c);
    y.sum().backward();
    let expected = 1;
    for (let i = 0; i < M; i++) expected *= c; // the same product, by a plain loop
    const g = flat(x.grad!);
    expect(Math.abs(g[0] - expected)).toBeLessThan(1e-9);
    expect(Math.abs(g[1] - expected)).toBeLessThan(1e-9);
    expect(expected).toBeCloseTo(Math.exp(1), 3); // (1 + 1/n)^n ≈ e
  });

  it('20,000 tanh steps (each saving its output), also listed by graphOf and toDot: the gradient is Π(1 − tanh²)', () => {
    const x = fromValues([0.75], [1], 'float64', true);
    let y = x;
    for (let i = 0; i < M; i++) y = y.tanh();
    const g = graphOf(y);
    expect(g.length).toBe(M);
    expect(g.every((e, i) => e.node.name === 'TanhBackward0' && (i === M - 1 ? e.inputs[0]?.kind === 'leaf' : e.inputs[0]?.kind === 'node'))).toBe(true);
    expect(toDot(y).split('\n').filter((l) => l.includes('->')).length).toBe(M + 1);
    y.sum().backward();
    // the same chain by a plain loop: v ← tanh v, gradient ← gradient · (1 − v²)
    let v = 0.75, expected = 1;
    for (let i = 0; i < M; i++) {
      v = Math.tanh(v);
      expected *= 1 - v * v;
    }
    expect(x.grad!.item()).toBeCloseTo(expected, 12);
  });

  it('a wide fan-in (one leaf used by 20,000 ops chained together) accumulates every contribution', () => {
    const x = fromValues([3], [1], 'float64', true);
    let acc = x.mul(0);
    for (let i = 0; i < M; i++) acc = acc.add(x);
    acc.sum().backward();
    expect(x.grad!.item()).toBe(M);
  });
});
