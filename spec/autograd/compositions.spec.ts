/**
 * Random programs: chains of 2–6 ops (elementwise, broadcasting binary ops with extra leaves,
 * reductions, views, indexing, matmul) on random shapes pass gradcheck in float64. Gradients
 * meet at shared tensors (x·x, a leaf used twice), cross views and broadcasts, and flow through
 * several paths, which single-op checks do not exercise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradcheck, noGrad, slice, Tensor, zeros } from '../../engine/index.js';
import { fromValues, numel, rng, seedArb, shapeArb, shuffle, values } from '../support/autograd-helpers.js';

/** One step of a program: `t` is the running value, `ins` the program's inputs (leaves). */
type Step = { name: string; apply: (t: Tensor, ins: Tensor[]) => Tensor };

/**
 * Build a random program of `depth` steps starting from a leaf of `shape`. Extra leaves (second
 * operands) are appended to `leaves`; steps refer to them by index so the program can be rerun
 * on perturbed inputs. Every step keeps values in a range where its derivative is smooth (no
 * kinks, no ties, no division by values near 0, no overflow).
 */
function buildProgram(shape: number[], depth: number, seed: number, leaves: Tensor[]): Step[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const steps: Step[] = [];
  let cur = zeros(shape, { dtype: 'float64' }); // shape tracker (values irrelevant)

  const newLeaf = (s: number[]): number => {
    leaves.push(fromValues(values(numel(s), Math.floor(r() * 2 ** 31)), s, 'float64', true));
    return leaves.length - 1;
  };
  /** A shape that broadcasts with `s`: some leading dims dropped, some dims set to 1. */
  const broadcastable = (s: readonly number[]) => s.slice(Math.floor(r() * (s.length + 1))).map((d) => (r() < 0.3 ? 1 : d));

  for (let k = 0; k < depth; k++) {
    const s = cur.shape;
    const nd = s.length;
    const candidates: (() => Step)[] = [
      () => ({ name: 'tanh', apply: (t) => t.tanh() }),
      () => ({ name: 'exp(tanh)', apply: (t) => t.tanh().exp() }),
      () => ({ name: 'log(x²+0.5)', apply: (t) => t.mul(t).add(0.5).log() }),
      () => ({ name: 'sqrt(x²+0.5)', apply: (t) => t.pow(2).add(0.5).sqrt() }),
      () => ({ name: 'pow 3 (of tanh)', apply: (t) => t.tanh().pow(3) }),
      () => ({ name: 'neg', apply: (t) => t.neg() }),
      () => ({ name: 'h·h (h = tanh)', apply: (t) => { const h = t.tanh(); return h.mul(h); } }),
      () => ({ name: '(1.5 − tanh/2) ** tanh', apply: (t) => t.tanh().mul(-0.5).add(1.5).pow(t.tanh()) }),
      () => {
        const i = newLeaf(broadcastable(s));
        return { name: `add leaf ${i}`, apply: (t, ins) => t.add(ins[i]) };
      },
      () => {
        const i = newLeaf(broadcastable(s));
        return { name: `mul leaf ${i}`, apply: (t, ins) => t.mul(ins[i]) };
      },
      () => {
        const i = newLeaf(broadcastable(s));
        return { name: `sub from leaf ${i}`, apply: (t, ins) => ins[i].sub(t) };
      },
      () => {
        const i = newLeaf(broadcastable(s));
        return { name: `div by leaf ${i}²+1`, apply: (t, ins) => t.div(ins[i].mul(ins[i]).add(1)) };
      },
      () => ({ name: 'mul input 0', apply: (t, ins) => (ins[0].ndim <= t.ndim && broadcasts(ins[0].shape, t.shape) ? t.mul(ins[0].tanh()) : t) }),
      () => ({ name: 'clone', apply: (t) => t.clone() }),
    ];
    if (nd >= 1) {
      const d = Math.floor(r() * nd);
      const keep = r() < 0.5;
      const i = Math.floor(r() * s[d]);
      const idx = Array.from({ length: 3 }, () => Math.floor(r() * s[d]));
      candidates.push(
        () => ({ name: `sum(${d}, ${keep})`, apply: (t) => t.sum(d, keep) }),
        () => ({ name: `mean(${d - nd}, ${keep})`, apply: (t) => t.mean(d - nd, keep) }),
        () => ({ name: 'sum()', apply: (t) => t.sum() }),
        () => ({ name: `select(${d}, ${i})`, apply: (t) => t.select(d, i) }),
        () => ({ name: `index(${d}: [${idx}])`, apply: (t) => t.index(...Array<null>(d).fill(null), idx) }),
        () => ({ name: `index(${d}: ::2)`, apply: (t) => t.index(...Array<null>(d).fill(null), slice(null, null, 2)) }),
        () => ({ name: 'reshape(-1)', apply: (t) => t.reshape(-1) }),
        () => ({ name: `unsqueeze(${d})`, apply: (t) => t.unsqueeze(d) }),
        () => ({ name: `expand(2, ...)`, apply: (t) => t.expand([2, ...t.shape]) }),
      );
    } else {
      candidates.push(() => ({ name: 'unsqueeze(0).expand(3)', apply: (t) => t.unsqueeze(0).expand(3) }));
    }
    if (nd >= 2) {
      const perm = shuffle(nd, r);
      candidates.push(
        () => ({ name: 'transpose(-1, -2)', apply: (t) => t.transpose(-1, -2) }),
        () => ({ name: `permute(${perm})`, apply: (t) => t.permute(perm) }),
        () => ({ name: 'contiguous(T)', apply: (t) => t.transpose(0, 1).contiguous() }),
        () => {
          const i = newLeaf([s[nd - 1], 1 + Math.floor(r() * 3)]);
          return { name: `matmul leaf ${i}`, apply: (t, ins) => t.matmul(ins[i]) };
        },
        () => {
          const i = newLeaf([2, s[nd - 2]]);
          return { name: `leaf ${i} matmul`, apply: (t, ins) => ins[i].matmul(t) };
        },
      );
    }
    if (nd === 1) {
      candidates.push(() => {
        const i = newLeaf([s[0]]);
        return { name: `dot leaf ${i}`, apply: (t, ins) => t.matmul(ins[i]) };
      });
    }
    const step = pick(candidates)();
    steps.push(step);
    cur = noGrad(() => step.apply(cur, leaves));
    if (numel(cur.shape) > 64) break; // keep the Jacobian small
  }
  return steps;
}

function broadcasts(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 1; i <= a.length; i++) {
    const x = a[a.length - i], y = b[b.length - i];
    if (y === undefined || (x !== y && x !== 1)) return false;
  }
  return true;
}

describe('random compositions of ops', () => {
  it('depth 2–6 on random shapes pass gradcheck in float64', () => {
    fc.assert(
      fc.property(shapeArb(0, 3), fc.integer({ min: 2, max: 6 }), seedArb, seedArb, (shape, depth, pseed, vseed) => {
        const leaves = [fromValues(values(numel(shape), vseed), shape, 'float64', true)];
        const steps = buildProgram(shape, depth, pseed, leaves);
        const run = (...ins: Tensor[]) => steps.reduce((t, st) => st.apply(t, ins), ins[0]);
        const res = gradcheck(run, leaves, { raiseException: false });
        if (!res.ok) expect.fail(`program ${steps.map((s) => s.name).join(' → ')} on ${JSON.stringify(shape)}: ${res.message}`);
        // every leaf the result depends on got a gradient of its own shape
        run(...leaves).sum().backward();
        for (const l of leaves) if (l.grad) expect(l.grad.shape).toEqual(l.shape);
      }),
      { numRuns: 100 },
    );
  });

  it('the generator can fail: a program with a wrong gradient is reported', () => {
    // x.detach() cuts the graph: autograd sees no dependency while finite differences do
    const x = fromValues([0.3, -0.7], [2], 'float64', true);
    const res = gradcheck((t) => t.mul(t.detach()), [x], { raiseException: false });
    expect(res.ok).toBe(false);
  });
});
