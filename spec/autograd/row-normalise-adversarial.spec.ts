/**
 * An adversarial review of the softmax backward shortcut (engine/autograd/row-normalise.ts, the
 * walk's propagate/distribute in backward.ts, `divBackwardRowSum` and the division's kept
 * quotient in ops/arithmetic.ts): every way a user can touch the graph between the forward and
 * the backward, each compared bit for bit (Object.is) with the same computation forced step by
 * step. The step-by-step reference: `s.retainGrad()` on the sum, which keeps the walk from
 * absorbing it (row-normalise.ts: a retained sum is never absorbed), so the division's, the sum's
 * and the exp's backward run one by one as before the shortcut. Where PyTorch's semantics are
 * the question (errors, `.data`), the PyTorch 1.13.1 facts are stated in the comments (found
 * with /usr/bin/python3 on the same values).
 *
 * Two holes found by this file (both fixed):
 * - `p.data.mul_(3)` on the division's output p before backward: PyTorch's DivBackward0 saves
 *   its inputs, not its output, so z.grad is unchanged; the engine read the quotient x/y from p
 *   (kept "while unchanged" by p's version, but `.data` has a version counter of its own) and
 *   gave a different gradient, on both paths. Now `Storage.writes` counts every in-place write.
 * - x = z.exp() modified in place before backward: the step-by-step walk reports x as saved by
 *   DivBackward0 (the first node it runs); the shortcut checked the exp's node first and named
 *   ExpBackward0. Now the division's node is checked first.
 */
import { describe, expect, it } from 'vitest';
import { Tensor, noGrad, tensor, tidy, type DType } from '../../engine/index.js';
import { rng } from '../support/autograd-helpers.js';
import { expectSameBits } from '../support/same-bits.js';

const f32 = Math.fround;

/** Float values in (−4, 4), rounded to float32, `count` of them from `seed`. */
function vals(count: number, seed: number): number[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => f32((r() - 0.5) * 8));
}

function leaf(shape: number[], seed: number, dtype: DType = 'float32'): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return Tensor.fromArray(dtype === 'float64' ? new Float64Array(vals(n, seed)) : new Float32Array(vals(n, seed)), shape).requiresGrad_();
}

function bits(t: Tensor | null): Float32Array | Float64Array {
  expect(t, 'a gradient').not.toBeNull();
  const a = t!.contiguous().toTypedArray();
  return a instanceof Float64Array ? a : new Float32Array(a as ArrayLike<number>);
}

function same(got: Tensor | null, want: Tensor | null, what: string): void {
  const a = bits(got), b = bits(want);
  expect(a.constructor, what).toBe(b.constructor);
  expect(got!.shape, what).toEqual(want!.shape);
  expectSameBits(a instanceof Float64Array ? new Float32Array(0) : a, b instanceof Float64Array ? new Float32Array(0) : b, what);
  if (a instanceof Float64Array) for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect.fail(`${what}: element ${i}: got ${a[i]}, expected ${b[i]}`);
}

/**
 * Run `scenario` twice, on fresh leaves: as the user wrote it, and with the sum's `.grad`
 * retained (the walk's steps one by one); every tensor it returns must have a `.grad` of the same
 * bits both times (the sum's own `.grad` is left out: only the forced run keeps it).
 */
function againstSteps(scenario: (forceSteps: boolean, sumOf: (x: Tensor) => Tensor) => Tensor[]): void {
  const run = (force: boolean): Tensor[] =>
    scenario(force, (x) => {
      const s = x.sum(-1, true);
      if (force && s.requiresGrad) s.retainGrad();
      return s;
    });
  const fast = run(false), steps = run(true);
  expect(fast.length).toBe(steps.length);
  fast.forEach((t, i) => same(t.grad, steps[i].grad, `tensor ${i}'s .grad`));
}

const W = (shape: number[], seed = 99): Tensor => Tensor.fromArray(new Float32Array(vals(shape.reduce((a, b) => a * b, 1), seed)), shape);

describe('the softmax shortcut against the same graph step by step', () => {
  for (const [shape, label] of [[[3, 5], 'small (plain loop)'], [[40, 27], 'kernel-sized'], [[7], '1-D'], [[2, 3, 9], '3-D'], [[4, 1], 'one column']] as [number[], string][]) {
    it(`softmax z → z.exp() → x / x.sum(-1, keepdim), ${label} ${JSON.stringify(shape)}, outside and inside tidy`, () => {
      const w = W(shape);
      const scenario = (force: boolean, sumOf: (x: Tensor) => Tensor): Tensor[] => {
        const z = leaf(shape, 1);
        const x = z.exp();
        x.div(sumOf(x)).mul(w).sum().backward();
        return [z];
      };
      againstSteps(scenario);
      againstSteps((force, sumOf) => tidy(() => scenario(force, sumOf)));
    });
  }

  it('retainGrad on counts, on probs: their .grad and z.grad as step by step', () => {
    for (const which of ['counts', 'probs', 'both'] as const) {
      againstSteps((_f, sumOf) => {
        const z = leaf([6, 10], 2);
        const x = z.exp();
        if (which !== 'probs') x.retainGrad();
        const p = x.div(sumOf(x));
        if (which !== 'counts') p.retainGrad();
        p.mul(W([6, 10])).sum().backward();
        return which === 'counts' ? [z, x] : which === 'probs' ? [z, p] : [z, x, p];
      });
    }
  });

  it('retainGraph, then a second backward through the same graph: .grad accumulates as step by step', () => {
    againstSteps((_f, sumOf) => {
      const z = leaf([5, 12], 3);
      const x = z.exp();
      const loss = x.div(sumOf(x)).mul(W([5, 12])).sum();
      loss.backward({ retainGraph: true });
      loss.backward({ retainGraph: true });
      loss.backward();
      return [z];
    });
  });

  it('a second backward without retainGraph raises the same error on both paths, and leaves .grad as the first left it', () => {
    const msgs: string[] = [];
    for (const force of [false, true]) {
      const z = leaf([3, 9], 4);
      const x = z.exp(), s = x.sum(-1, true);
      if (force) s.retainGrad();
      const loss = x.div(s).mul(W([3, 9])).sum();
      loss.backward();
      const first = Float32Array.from(z.grad!.toTypedArray() as Float32Array);
      expect(() => loss.backward()).toThrow(/Trying to backward through the graph a second time/);
      msgs.push(String((() => { try { loss.backward(); } catch (e) { return (e as Error).message; } })()));
      expectSameBits(z.grad!.toTypedArray() as Float32Array, first, 'z.grad after the failed second backward');
    }
    expect(msgs[0]).toBe(msgs[1]);
  });

  it('x with a third consumer, the sum used elsewhere, exp with another consumer: as step by step', () => {
    againstSteps((_f, sumOf) => {
      const z = leaf([4, 11], 5);
      const x = z.exp();
      return (x.div(sumOf(x)).mul(W([4, 11])).sum().add(x.mul(W([4, 11], 7)).sum()).backward(), [z]);
    });
    againstSteps((_f, sumOf) => {
      const z = leaf([4, 11], 6);
      const x = z.exp(), s = sumOf(x);
      x.div(s).mul(W([4, 11])).sum().add(s.mul(W([4, 1], 8)).sum()).backward();
      return [z];
    });
    againstSteps((_f, sumOf) => {
      const z = leaf([4, 11], 9);
      const e = z.exp(), x = e.mul(1); // x is not exp's output: only the sum is absorbed
      x.div(sumOf(x)).mul(W([4, 11])).sum().add(e.sum()).backward();
      return [z];
    });
  });

  it('x a leaf that requires grad (no exp), and exp of an intermediate: as step by step', () => {
    againstSteps((_f, sumOf) => {
      const x = leaf([5, 9], 10);
      x.div(sumOf(x)).mul(W([5, 9])).sum().backward();
      return [x];
    });
    againstSteps((_f, sumOf) => {
      const a = leaf([5, 9], 11);
      const x = a.mul(0.5).exp();
      x.div(sumOf(x)).mul(W([5, 9])).sum().backward();
      return [a];
    });
  });

  it('float64 z, and x of float64 divided by a float32 sum: as step by step', () => {
    againstSteps((_f, sumOf) => {
      const z = leaf([4, 10], 12, 'float64');
      const x = z.exp();
      x.div(sumOf(x)).mul(W([4, 10]).double()).sum().backward();
      return [z];
    });
    againstSteps((_f, sumOf) => {
      const z = leaf([4, 10], 13);
      const x = z.exp();
      x.double().div(sumOf(x)).mul(W([4, 10]).double()).sum().backward();
      return [z];
    });
  });

  it('non-contiguous x (a transpose, and a view with an offset), and a transposed z: as step by step', () => {
    againstSteps((_f, sumOf) => {
      const z = leaf([10, 6], 14);
      const x = z.exp().T;
      x.div(sumOf(x)).mul(W([6, 10])).sum().backward();
      return [z];
    });
    againstSteps((_f, sumOf) => {
      const z = leaf([7, 12], 15);
      const x = z.exp().narrow(0, 2, 4).narrow(1, 1, 9);
      x.div(sumOf(x)).mul(W([4, 9])).sum().backward();
      return [z];
    });
    againstSteps((_f, sumOf) => {
      const z = leaf([12, 5], 16);
      const x = z.T.exp();
      x.div(sumOf(x)).mul(W([5, 12])).sum().backward();
      return [z];
    });
  });

  it('divisors that are not x.sum(-1, keepdim) of x itself: as step by step / a naive loop', () => {
    // a sum over dim 0 (keepdim), a sum with keepdim false on a square x (broadcast along the
    // other dim), a sum over every dim of a one-row x, and a sum of another tensor of equal values
    for (const divisor of ['dim0', 'nokeep', 'all', 'other'] as const) {
      const shape = divisor === 'all' ? [1, 12] : [9, 9];
      const grads: Float32Array[] = [];
      for (const force of [false, true]) {
        const z = leaf(shape, 17), z2 = leaf(shape, 17);
        const x = z.exp();
        const s = divisor === 'dim0' ? x.sum(0, true) : divisor === 'nokeep' ? x.sum(-1) : divisor === 'all' ? x.sum([0, 1], true) : z2.exp().sum(-1, true);
        if (force) s.retainGrad();
        x.div(s).mul(W(shape)).sum().backward();
        grads.push(bits(z.grad) as Float32Array);
      }
      expectSameBits(grads[0], grads[1], `divisor ${divisor}`);
    }
  });

  it('the divisor x.detach().sum(-1, keepdim) (no gradient through it): g / y for x, by a naive loop', () => {
    const z = leaf([3, 10], 18);
    const x = z.exp();
    const s = x.detach().sum(-1, true);
    const w = W([3, 10]);
    x.div(s).mul(w).sum().backward();
    // z.grad = (w / s) · x, each a float32 operation (DivBackward0's g/y, ExpBackward0's g·out)
    const xd = x.toTypedArray(), sd = s.toTypedArray(), wd = w.toTypedArray();
    const want = new Float32Array(30);
    for (let r = 0; r < 3; r++) for (let j = 0; j < 10; j++) want[r * 10 + j] = f32(f32(wd[r * 10 + j] / sd[r]) * xd[r * 10 + j]);
    expectSameBits(bits(z.grad) as Float32Array, want, 'z.grad');
  });

  it('zero-size rows and zero rows: gradients of the input\'s shape, as step by step', () => {
    for (const shape of [[0, 5], [3, 0]]) {
      againstSteps((_f, sumOf) => {
        const z = leaf(shape, 19);
        const x = z.exp();
        x.div(sumOf(x)).sum().backward();
        return [z];
      });
    }
  });

  it('noGrad forward: no graph; requiresGrad on none: no graph either; integer x: values as a naive loop', () => {
    const z = leaf([3, 8], 20);
    const p = noGrad(() => { const x = z.exp(); return x.div(x.sum(-1, true)); });
    expect(p.requiresGrad).toBe(false);
    expect(p.gradFn).toBeNull();
    const xi = tensor([[1, 2, 3], [4, 0, 5]]);
    const q = xi.div(xi.sum(-1, true));
    expect(q.dtype).toBe('float32');
    const want = new Float32Array([1 / 6, 2 / 6, 3 / 6, 4 / 9, 0, 5 / 9]);
    expectSameBits(q.toTypedArray() as Float32Array, want, 'int32 x / x.sum');
  });

  it('in-place writes on the division\'s output after the forward: the gradient PyTorch gives (its DivBackward0 does not save the output)', () => {
    // PyTorch 1.13.1: z = tensor(…, requires_grad=True); x = z.exp(); p = x / x.sum(-1, keepdim=True);
    // l = (p * w).sum(); then p.data.mul_(3), or p.detach().mul_(3): z.grad after l.backward() is
    // the same as without the write (DivBackward0 saves self and other, never its result)
    // (and [40, 20] inside tidy: the kernel's path, its operands in the arena)
    for (const shape of [[6, 12], [40, 20]]) {
      for (const write of ['data', 'detach', 'view-of-data'] as const) {
        for (const force of [false, true]) {
          const run = (doWrite: boolean): Float32Array => {
            const z = leaf(shape, 21);
            tidy(() => {
              const x = z.exp(), s = x.sum(-1, true);
              if (force) s.retainGrad();
              const p = x.div(s);
              const l = p.mul(W(shape)).sum();
              if (doWrite) {
                if (write === 'data') p.data.mul_(3);
                else if (write === 'detach') p.detach().mul_(3);
                else p.data.narrow(0, 1, 2).add_(1);
              }
              l.backward();
            });
            return bits(z.grad) as Float32Array;
          };
          expectSameBits(run(true), run(false), `${JSON.stringify(shape)}: p.${write} written (${force ? 'step by step' : 'shortcut'})`);
        }
      }
    }
  });

  it('an in-place op on probs recorded by autograd (p.mul_(2)): as step by step, and as the chain without it', () => {
    againstSteps((_f, sumOf) => {
      const z = leaf([6, 12], 22);
      const x = z.exp();
      const p = x.div(sumOf(x));
      p.mul_(2);
      p.mul(W([6, 12])).sum().backward();
      return [z];
    });
  });

  it('x modified in place after the forward: the error names DivBackward0 on both paths, and no .grad is written', () => {
    // PyTorch 1.13.1 raises "one of the variables needed for gradient computation has been
    // modified by an inplace operation: [torch.FloatTensor [2, 4]], which is output 0 of
    // AddBackward0, is at version 1; expected version 0 instead." (DivBackward0 is the first node
    // its walk reaches that saved x); the engine names the node that saved it
    const msgs: string[] = [];
    for (const force of [false, true]) {
      const z = leaf([2, 4], 23);
      const x = z.exp(), s = x.sum(-1, true);
      if (force) s.retainGrad();
      const l = x.div(s).mul(W([2, 4])).sum();
      x.add_(1);
      let msg = '';
      try { l.backward(); } catch (e) { msg = (e as Error).message; }
      expect(msg).toMatch(/modified by an inplace operation: \[float32 tensor of shape \[2, 4\]\], saved by DivBackward0, is at version 1; expected version 0/);
      expect(z.grad).toBeNull();
      msgs.push(msg);
    }
    expect(msgs[0]).toBe(msgs[1]);
  });

  it('the sum modified in place after the forward, and x written through .data: as step by step (error, resp. values)', () => {
    const msgs: string[] = [];
    for (const force of [false, true]) {
      const z = leaf([3, 9], 24);
      const x = z.exp(), s = x.sum(-1, true);
      if (force) s.retainGrad();
      const l = x.div(s).mul(W([3, 9])).sum();
      s.mul_(1);
      try { l.backward(); } catch (e) { msgs.push((e as Error).message); }
      expect(z.grad).toBeNull();
    }
    expect(msgs.length).toBe(2);
    expect(msgs[0]).toMatch(/saved by DivBackward0/);
    expect(msgs[0]).toBe(msgs[1]);
    // x.data written: PyTorch uses the new values silently (no version seen); the shortcut must
    // compute with the same (new) x as the steps do
    againstSteps((_f, sumOf) => {
      const z = leaf([5, 12], 25);
      const x = z.exp();
      const l = x.div(sumOf(x)).mul(W([5, 12])).sum();
      x.data.mul_(2);
      l.backward();
      return [z];
    });
  });

  it('two losses through one graph (retainGraph), the second also through a third consumer: as step by step', () => {
    againstSteps((_f, sumOf) => {
      const z = leaf([8, 16], 26);
      const x = z.exp();
      const p = x.div(sumOf(x));
      p.mul(W([8, 16])).sum().backward({ retainGraph: true });
      p.mul(W([8, 16], 5)).sum().add(x.sum()).backward();
      return [z];
    });
  });

  it('backward from probs with a given gradient: probs itself (sharing its memory), a transposed one, one with an offset: as step by step', () => {
    for (const kind of ['itself', 'transposed', 'offset'] as const) {
      againstSteps((_f, sumOf) => {
        const z = leaf([9, 12], 28);
        const x = z.exp();
        const p = x.div(sumOf(x));
        const g = kind === 'itself' ? p.detach() : kind === 'transposed' ? W([12, 9]).T : W([10, 12]).narrow(0, 1, 9);
        p.backward(g);
        return [z];
      });
    }
  });

  it('the forward inside tidy, backward after it (loss kept): as step by step', () => {
    againstSteps((_f, sumOf) => {
      const z = leaf([40, 20], 27);
      const loss = tidy(() => {
        const x = z.exp();
        return x.div(sumOf(x)).mul(W([40, 20])).sum();
      });
      loss.backward();
      return [z];
    });
  });
});
