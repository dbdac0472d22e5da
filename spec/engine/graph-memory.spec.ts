/**
 * tidy hands the forward tensors a returned loss's graph saved to that graph, and the backward
 * that frees the graph gives them back (`engine/memory/graph-memory.ts`).
 *
 * Both sides are checked: what a later step may reuse is really given back (and then reused, not
 * fresh memory), and nothing the user can still reach is ever given back or overwritten: a
 * returned tensor, a tensor made outside tidy, `.grad`, a graph kept by `retainGraph`, a storage
 * another returned graph still holds. A saved tensor the user dug out of the graph (`gradFn.saved`)
 * is released with the graph: reading it afterwards throws, it never shows another step's values.
 * Gradients are compared with closed forms in plain float64 loops.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Generator, Node, Tensor, arange, emptyCache, memoryStats, resetMemoryStats, tidy } from '../../engine/index.js';
import { Vocabulary } from '../../bigram/data.js';
import { initWeights, loss, trainingSet } from '../../bigram/neural.js';
import { rng } from '../support/autograd-helpers.js';

const n = 1 << 16; // 256 KiB of float32: a pooled (tracked) size

beforeEach(() => {
  emptyCache();
  resetMemoryStats();
});
afterEach(() => emptyCache());

function randomFloat32(len: number, seed: number): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: len }, () => r() * 2 - 1);
}

/** Σ exp(x)² through a saved exp output; d/dx = 2·exp(2x). */
function expSquareLoss(x: Tensor, grab?: (e: Tensor) => void): Tensor {
  return tidy(() => {
    const e = x.exp();
    grab?.(e);
    return e.mul(e).sum();
  });
}

function expectGradient(x: Tensor): void {
  const g = x.grad!.toTypedArray(), xv = x.toTypedArray();
  for (let i = 0; i < n; i += 257) expect(g[i] / (2 * Math.exp(2 * xv[i]))).toBeCloseTo(1, 5);
}

describe('tidy hands a returned graph its saved forward tensors; backward gives them back', () => {
  it('kept until backward (which still works outside tidy), given back by it, reused by the next step', () => {
    const x = Tensor.fromArray(randomFloat32(n, 1), [n], 'float32').requiresGrad_();
    let e: Tensor | null = null;
    const l = expSquareLoss(x, (t) => (e = t));
    expect(e!.storage.released).toBe(false); // the graph still needs it
    l.backward();
    expectGradient(x);
    expect(e!.storage.released).toBe(true);
    expect(() => e!.sum()).toThrow(/memory was released/);
    expect(x.storage.released).toBe(false); // made outside tidy: never touched
    expect(x.grad!.storage.released).toBe(false);
    expect(l.storage.released).toBe(false);
    // the next step takes the memory back instead of fresh memory, and gives the same gradient
    const first = x.grad!.toTypedArray().slice();
    resetMemoryStats();
    x.grad = null;
    expSquareLoss(x).backward();
    expect(memoryStats().fresh).toBe(1); // only the new x.grad: the user dropped the old one (grad = null), which only the garbage collector sees
    expect(x.grad!.toTypedArray()).toEqual(first);
  });

  it('retainGraph keeps them for the second backward; the backward that frees the graph gives them back', () => {
    const x = Tensor.fromArray(randomFloat32(n, 2), [n], 'float32').requiresGrad_();
    let e: Tensor | null = null;
    const l = expSquareLoss(x, (t) => (e = t));
    l.backward({ retainGraph: true });
    expect(e!.storage.released).toBe(false);
    for (let k = 0; k < 3; k++) tidy(() => x.mul(3).exp().mul(2)); // would reuse e's memory if it had been given back
    l.backward();
    expect(e!.storage.released).toBe(true);
    const g = x.grad!.toTypedArray(), xv = x.toTypedArray();
    for (let i = 0; i < n; i += 257) expect(g[i] / (4 * Math.exp(2 * xv[i]))).toBeCloseTo(1, 5); // two backwards accumulated
  });

  it('a tensor returned beside the loss is the caller\'s: never given back, even though the graph saved it', () => {
    const x = Tensor.fromArray(randomFloat32(n, 3), [n], 'float32').requiresGrad_();
    const { l, e } = tidy(() => {
      const e = x.exp();
      return { l: e.mul(e).sum(), e };
    });
    const before = e.toTypedArray().slice();
    l.backward();
    expect(e.storage.released).toBe(false);
    for (let k = 0; k < 3; k++) expSquareLoss(x).backward(); // steps that recycle memory of this size
    expect(e.toTypedArray()).toEqual(before);
  });

  it('a storage two returned graphs saved stays until the second graph is freed too', () => {
    const x = Tensor.fromArray(randomFloat32(n, 4), [n], 'float32').requiresGrad_();
    let e: Tensor | null = null;
    const [l1, l2] = tidy(() => {
      e = x.detach().exp(); // no graph of its own: only the two MulBackward nodes save it
      return [e.mul(x).sum(), e.mul(x).mul(2).sum()];
    });
    const ev = e!.toTypedArray().slice();
    l1.backward();
    expect(x.grad!.toTypedArray()).toEqual(ev); // d Σ e·x / dx = e
    expect(e!.storage.released).toBe(false); // l2's graph still holds it
    x.grad = null;
    l2.backward();
    expect(x.grad!.toTypedArray()).toEqual(ev.map((v) => 2 * v));
    expect(e!.storage.released).toBe(true);
  });

  it('a saved tensor dug out of the graph before backward is released with it: reading it throws, it never shows other values', () => {
    const x = Tensor.fromArray(randomFloat32(n, 5), [n], 'float32').requiresGrad_();
    const l = expSquareLoss(x);
    const saved = l.gradFn!.next.flatMap((node) => (node !== null && !(node instanceof Tensor) ? node.saved.map((s) => s.tensor) : []));
    expect(saved.length).toBeGreaterThan(0);
    l.backward();
    for (let k = 0; k < 3; k++) expSquareLoss(x).backward(); // reuse the memory
    for (const t of saved) expect(() => t.toTypedArray()).toThrow(/memory was released/);
  });

  it('a graph that never runs backward keeps its memory; an enclosing tidy still gives it back', () => {
    const x = Tensor.fromArray(randomFloat32(n, 6), [n], 'float32').requiresGrad_();
    let e: Tensor | null = null;
    const value = tidy(() => {
      const l = expSquareLoss(x, (t) => (e = t));
      expect(e!.storage.released).toBe(false);
      return l.item();
    });
    expect(Number.isFinite(value)).toBe(true);
    expect(e!.storage.released).toBe(true);
  });

  it('the lecture loss without tidy around the step: same losses and W as inside tidy, and no fresh memory after the first step', () => {
    const words = ['emma', 'olivia', 'ava', 'isabella', 'sophia', 'charlotte', 'mia', 'amelia'];
    const many = Array.from({ length: 3000 }, (_, i) => words[i % words.length]); // 28,000 bigrams: pooled sizes
    const vocab = Vocabulary.fromWords(words);
    const data = trainingSet(many, vocab);
    const run = (wrap: boolean) => {
      const W = initWeights(vocab.size, new Generator().manualSeed(2147483647));
      const losses: number[] = [];
      const fresh: number[] = [];
      for (let k = 0; k < 4; k++) {
        const step = () => {
          const l = loss(W, data.xs, data.ys, 0.01);
          W.grad = null;
          l.backward();
          W.data.add_(W.grad!.mul(-50));
          losses.push(l.item());
        };
        if (wrap) tidy(step);
        else step();
        fresh.push(memoryStats().fresh);
      }
      return { losses, W: W.toTypedArray(), fresh };
    };
    const tidied = run(true);
    const plain = run(false);
    expect(plain.losses).toEqual(tidied.losses);
    expect(plain.W).toEqual(tidied.W);
    expect(plain.fresh[3]).toBe(plain.fresh[1]); // the second step on reuses every large buffer
  });
});

describe('backward gives back the temporaries of each backward function', () => {
  it('what a backward function makes and does not return is given back; a returned view of a temporary is kept', () => {
    const x = Tensor.fromArray(randomFloat32(n, 7), [n], 'float32').requiresGrad_();
    const made: Tensor[] = [];
    // y = 3x with a hand-written node whose backward makes a temporary and returns a view of another
    const y = new Tensor(x.detach().mul(3).storage, [n]);
    y.setGradFn(new Node('TripleBackward', [x], (g) => {
      const scratch = g.mul(7); // not returned
      const grad = g.mul(3).reshape([1, n]); // returned as a view of a temporary
      made.push(scratch, grad);
      return [grad.reshape([n])];
    }, []));
    y.sum().backward();
    expect(made[0].storage.released).toBe(true);
    // the returned view's memory was not given back with the temporaries: x.grad was copied from it intact
    expect(x.grad!.toTypedArray().every((v) => v === 3)).toBe(true);
  });

  it('a loop of steps without tidy does not grow the arena (the −b of the division\'s gradient used to stay)', () => {
    const N = 4000, V = 27;
    const X = Tensor.fromArray(randomFloat32(N * V, 8), [N, V], 'float32');
    const y = Tensor.fromArray(Int32Array.from({ length: N }, (_, i) => (i * 7) % V), [N], 'int32');
    const W = Tensor.fromArray(randomFloat32(V * V, 9), [V, V], 'float32').requiresGrad_();
    const step = () => {
      const l = tidy(() => {
        const counts = X.matmul(W).exp();
        const probs = counts.div(counts.sum(1, true));
        return probs.index(arange(N), y).log().mean().neg();
      });
      W.grad = null;
      l.backward();
      W.data.add_(W.grad!.mul(-1));
    };
    step();
    step();
    const before = memoryStats().arenaBytes;
    for (let k = 0; k < 5; k++) step();
    expect(memoryStats().arenaBytes).toBe(before);
  });

  it('a second contribution is added in place only into a gradient nothing else shares (closed form, both orders)', () => {
    const xv = randomFloat32(n, 10), wv = randomFloat32(n, 11);
    const w = Tensor.fromArray(wv, [n], 'float32');
    for (const order of [0, 1]) {
      const x = Tensor.fromArray(xv, [n], 'float32').requiresGrad_();
      // L = Σ (p + q)·w + 3p with p = exp(x), q = x·x: AddBackward sends the same gradient to p and
      // q, so p's gradient may be shared with q's while p gets its second contribution
      const p = x.exp(), q = x.mul(x);
      const L = order === 0 ? p.add(q).mul(w).add(p.mul(3)).sum() : p.mul(3).add(p.add(q).mul(w)).sum();
      L.backward();
      const g = x.grad!.toTypedArray();
      for (let i = 0; i < n; i += 131) {
        const expected = (wv[i] + 3) * Math.exp(xv[i]) + wv[i] * 2 * xv[i];
        expect(g[i]).toBeCloseTo(expected, 4);
      }
    }
  });

  it('many returned tensors of one graph are kept whole, as before: their memory is the garbage collector\'s', () => {
    const x = Tensor.fromArray(randomFloat32(n, 12), [n], 'float32').requiresGrad_();
    let e: Tensor | null = null;
    const parts = tidy(() => {
      e = x.exp();
      return Array.from({ length: 6 }, (_, k) => e!.mul(e!).mul(k + 1).sum());
    });
    parts[0].backward();
    expect(e!.storage.released).toBe(false);
    expectGradient(x);
  });
});
