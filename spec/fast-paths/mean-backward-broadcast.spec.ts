/**
 * Adversarial checks of mean's backward as `expandBack(g.div(count))` (engine/ops/reduce.ts: g/n
 * computed once, then broadcast as a stride-0 view) and of `rowwise2` taking an operand whose
 * dim 0 has stride 0 (engine/fast/table-rows.ts `oneRow`: the first row stands for all).
 *
 * The promises under test: x.grad is `g/n` element by element, rounded once, as PyTorch's
 * `grad.expand(sizes) / numel` gives (a plain loop here); the gradient a leaf or a retained
 * tensor ends up with is its own contiguous memory (a write into it changes nothing else), also
 * when a node gets several broadcast contributions; a broadcast operand next to table rows gives
 * the same bits, values and gradients, as with table rows off and as its contiguous copy.
 */
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor, oneHot, tidy } from '../../engine/index.js';
import { setTableRows, tableRowsOf } from '../../engine/fast/table-rows.js';
import { tableRowsBothWays, tensorBits } from '../support/table-rows-both-ways.js';
import { floatBitsArb, floatsFromBits } from '../support/float32-edges.js';

afterEach(() => setTableRows(true));

const ints = (v: readonly number[]) => Tensor.fromArray(Int32Array.from(v), [v.length], 'int32');

/** Row-major strides of a shape. */
function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  for (let d = shape.length - 1, acc = 1; d >= 0; d--) {
    s[d] = acc;
    acc *= shape[d];
  }
  return s;
}

/** NaN as one value; −0 and +0 told apart (float32 bits). */
const canon = (b: number) => ((b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0 ? -1 : b >>> 0);

// ---------------------------------------------------------------- mean's gradient against a plain loop

const meanCase = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }).chain((shape) => fc.record({
  shape: fc.constant(shape),
  dims: fc.option(fc.subarray(shape.map((_, d) => d), { minLength: 1 }), { nil: undefined }),
  keepdim: fc.boolean(),
  negDims: fc.boolean(),
  x: fc.array(floatBitsArb, { minLength: 64, maxLength: 64 }),
  g: fc.array(floatBitsArb, { minLength: 64, maxLength: 64 }),
  double: fc.boolean(),
}));

describe('mean\'s backward: g/n once, broadcast', () => {
  it('x.grad[i] = g[reduced i] / n rounded once (float32 and float64, any dims, keepdim, negative dims), contiguous, its own memory', () => {
    fc.assert(fc.property(meanCase, ({ shape, dims, keepdim, negDims, x, g, double }) => {
      const numel = shape.reduce((p, d) => p * d, 1);
      const dimArg = dims === undefined ? undefined : dims.map((d) => (negDims ? d - shape.length : d));
      let xt = floatsFromBits(x.slice(0, numel), shape);
      if (double) xt = xt.double();
      xt.requiresGrad_();
      const out = dimArg === undefined ? xt.mean() : xt.mean(dimArg, keepdim);
      let gt = floatsFromBits(g.slice(0, out.numel()), out.shape);
      if (double) gt = gt.double();
      out.backward(gt);
      const reduced = new Set(dims ?? shape.map((_, d) => d));
      const count = shape.reduce((p, d, i) => (reduced.has(i) ? p * d : p), 1);
      // the plain loop: the position of element i in g (the reduced dims dropped, or kept as size 1)
      const gShapeKept = shape.map((d, i) => (reduced.has(i) ? 1 : d)), gStrides = stridesOf(gShapeKept), xStrides = stridesOf(shape);
      const gv = gt.toTypedArray(), grad = xt.grad!;
      expect(grad.shape).toEqual(shape);
      expect(grad.strides, 'x.grad contiguous').toEqual(xStrides);
      expect(grad.storage.length, 'x.grad covers its own storage').toBe(numel);
      const got = grad.toTypedArray();
      for (let i = 0; i < numel; i++) {
        let gi = 0;
        for (let d = 0, rest = i; d < shape.length; d++) {
          const c = Math.floor(rest / xStrides[d]);
          rest -= c * xStrides[d];
          if (!reduced.has(d)) gi += c * gStrides[d];
        }
        const want = double ? gv[gi] / count : Math.fround(gv[gi] / count); // count < 2^24: exact in float32
        if (!Object.is(got[i], want) && !(Number.isNaN(got[i]) && Number.isNaN(want))) {
          expect.fail(`element ${i} of x.grad (shape [${shape}], dims ${JSON.stringify(dimArg)}, keepdim ${keepdim}): ${got[i]}, want ${want}`);
        }
      }
    }), { numRuns: 300 });
  });

  it('a write into x.grad (or a retained y.grad) changes no other gradient, value or tensor', () => {
    const x = Tensor.fromArray(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3]).requiresGrad_();
    const z = x.detach().clone().requiresGrad_();
    const y = x.mul(1);
    y.retainGrad();
    const loss = y.mean().add(z.mean()).add(x.mean(1).sum());
    loss.backward();
    const before = [x.grad!, z.grad!, y.grad!, loss].map((t) => tensorBits(t));
    x.grad!.add_(100);
    x.grad!.data.narrow(0, 0, 1).fill_(-7);
    expect(tensorBits(z.grad), 'z.grad').toEqual(before[1]);
    expect(tensorBits(y.grad), 'y.grad').toEqual(before[2]);
    expect(tensorBits(loss), 'loss').toEqual(before[3]);
    y.grad!.mul_(3);
    z.grad!.zero_();
    const each = Math.fround(Math.fround(Math.fround(1 / 6) + Math.fround(1 / 3)) + 100); // d/dx of y.mean() and x.mean(1).sum(), then + 100
    expect(Array.from(x.grad!.toTypedArray())).toEqual([-7, -7, -7, each, each, each]);
    expect(tensorBits(y.grad)).not.toEqual(before[2]);
    for (const [what, t] of [['x.grad', x.grad!], ['y.grad', y.grad!], ['z.grad', z.grad!]] as const) {
      expect(t.strides, `${what} contiguous`).toEqual([3, 1]);
      expect(t.storage.length, `${what} covers its own storage`).toBe(6);
    }
    // every element written separately (no two elements share memory)
    const owned = x.grad!;
    owned.data.narrow(1, 1, 1).fill_(9);
    expect(Array.from(owned.toTypedArray()).filter((v) => v === 9).length).toBe(2);
  });

  it('a node that receives several broadcast contributions (mean, sum, mean over a dim) and backward twice through a retained graph', () => {
    // dloss/dy = 1/8 + 1 + 1/4 in any order (exact), x.grad = 2·that per backward
    const x = Tensor.fromArray(Float32Array.from({ length: 8 }, (_, i) => i - 3), [2, 4]).requiresGrad_();
    const y = x.mul(2);
    const loss = y.mean().add(y.sum()).add(y.mean(1).sum(0).div(2));
    loss.backward({ retainGraph: true });
    expect(Array.from(x.grad!.toTypedArray())).toEqual(new Array(8).fill(2 * (1 / 8 + 1 + 1 / 8)));
    loss.backward();
    expect(Array.from(x.grad!.toTypedArray())).toEqual(new Array(8).fill(4 * (1 / 8 + 1 + 1 / 8)));
    expect(x.grad!.strides).toEqual([4, 1]);
  });

  it('the same bits with table rows on and off for mean over table rows and chains after it (tidy too)', () => {
    const caseArb = fc.record({ C: fc.integer({ min: 1, max: 5 }), m: fc.integer({ min: 1, max: 5 }), n: fc.integer({ min: 2, max: 30 }) }).chain(({ C, m, n }) => fc.record({
      C: fc.constant(C), m: fc.constant(m),
      xs: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: n, maxLength: n }),
      M: fc.array(floatBitsArb, { minLength: C * m, maxLength: C * m }),
      which: fc.constantFrom('mean()', 'mean(1)', 'mean(1, true)', 'log().mean()', 'mean(-1).exp().mean()', 'mean([0, 1])', 'mean(0)'),
      inTidy: fc.boolean(),
    }));
    fc.assert(fc.property(caseArb, ({ C, m, xs, M, which, inTidy }) => {
      expectSameBothWays(`${which} C=${C} m=${m} n=${xs.length}`, () => {
        const Mt = floatsFromBits(M, [C, m]).requiresGrad_();
        const step = () => {
          const t = oneHot(ints(xs), C).float().matmul(Mt);
          const r = which === 'mean()' ? t.mean() : which === 'mean(1)' ? t.mean(1).sum() : which === 'mean(1, true)' ? t.mean(1, true).mul(t).sum()
            : which === 'log().mean()' ? t.log().mean() : which === 'mean(-1).exp().mean()' ? t.mean(-1).exp().mean() : which === 'mean([0, 1])' ? t.mean([0, 1]) : t.mean(0).sum();
          r.backward();
          return r;
        };
        const r = inTidy ? tidy(step) : step();
        return [r, Mt.grad];
      });
    }), { numRuns: 250 });
  });
});

function expectSameBothWays(what: string, f: () => (Tensor | null)[]): void {
  const { off, on } = tableRowsBothWays(f);
  expect(on, what).toEqual(off);
}

// ---------------------------------------------------------------- rowwise2 with a stride-0 operand

const BINARY: [string, (a: Tensor, b: Tensor) => Tensor][] = [
  ['add', (a, b) => a.add(b)], ['sub', (a, b) => a.sub(b)], ['mul', (a, b) => a.mul(b)], ['div', (a, b) => a.div(b)],
  ['pow', (a, b) => a.pow(b)], ['maximum', (a, b) => a.maximum(b)], ['rdiv', (a, b) => b.div(a)], ['rsub', (a, b) => b.sub(a)],
];

/** Operands of the rows' shape [n, m] (or [n]) whose dim 0 has stride 0, and ones that are not. */
const OPERANDS: [string, (v: Tensor, n: number, m: number) => Tensor][] = [
  ['[1, m] expanded to [n, m] (strides [0, 1])', (v, n, m) => v.view([1, m]).expand([n, m])],
  ['one value expanded to [n, m] (strides [0, 0])', (v, n, m) => v.narrow(0, 0, 1).view([1, 1]).expand([n, m])],
  ['[1, 1] expanded to [n, 1] (strides [0, 0])', (v, n) => v.narrow(0, 0, 1).view([1, 1]).expand([n, 1])],
  ['[m] expanded to [n, m] then narrowed from column 0', (v, n, m) => v.expand([n, m]).narrow(1, 0, m)],
  ['the contiguous copy of [1, m] expanded (every row the same, stride m)', (v, n, m) => v.view([1, m]).expand([n, m]).contiguous()],
  ['rows that differ (stride m)', (v, n, m) => v.view([1, m]).expand([n, m]).mul(Tensor.fromArray(Float32Array.from({ length: n }, (_, i) => i - 1), [n, 1]))],
];

describe('rowwise2 with an operand whose dim 0 has stride 0 (a broadcast view)', () => {
  it('values and gradients (of the table and of the broadcast operand\'s source): the same bits with table rows on and off, and as its contiguous copy', () => {
    const caseArb = fc.record({ C: fc.integer({ min: 1, max: 5 }), m: fc.integer({ min: 1, max: 5 }), n: fc.integer({ min: 2, max: 24 }) }).chain(({ C, m, n }) => fc.record({
      C: fc.constant(C), m: fc.constant(m),
      xs: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: n, maxLength: n }),
      M: fc.array(floatBitsArb, { minLength: C * m, maxLength: C * m }),
      v: fc.array(floatBitsArb, { minLength: m, maxLength: m }),
      gb: fc.array(floatBitsArb, { minLength: 24 * 5, maxLength: 24 * 5 }),
    }));
    fc.assert(fc.property(caseArb, fc.constantFrom(...BINARY), fc.constantFrom(...OPERANDS), ({ C, m, xs, M, v, gb }, [name, op], [what, operand]) => {
      const n = xs.length;
      const run = (copy: boolean) => () => {
        const Mt = floatsFromBits(M, [C, m]).requiresGrad_(), vt = floatsFromBits(v, [m]).requiresGrad_();
        const t = oneHot(ints(xs), C).float().matmul(Mt);
        let b = operand(vt, n, m);
        if (copy) b = b.contiguous();
        const r = op(t, b);
        r.backward(floatsFromBits(gb.slice(0, r.numel()), r.shape));
        return [r, Mt.grad, vt.grad];
      };
      const viewWays = tableRowsBothWays(run(false));
      expect(viewWays.on, `${name} with ${what}: table rows on vs off`).toEqual(viewWays.off);
      const copyWays = tableRowsBothWays(run(true));
      expect(viewWays.off, `${name} with ${what}: the view vs its contiguous copy`).toEqual(copyWays.off);
    }), { numRuns: 400 });
  });

  it('the path is taken: table rows op a broadcast [1, m] expanded to [n, m] stays table rows, the same index', () => {
    setTableRows(true, 0);
    const xs = [0, 1, 2, 1, 0, 2], m = 4;
    const t = oneHot(ints(xs), 3).float().matmul(Tensor.fromArray(Float32Array.from({ length: 12 }, (_, i) => i * 0.5), [3, m]));
    const b = Tensor.fromArray(Float32Array.of(1, -2, 0.5, 3), [1, m]).expand([xs.length, m]);
    const r = t.mul(b);
    expect(tableRowsOf(r)?.index).toBe(tableRowsOf(t)!.index);
    const want = Array.from({ length: xs.length * m }, (_, k) => Math.fround(xs[Math.floor(k / m)] * m * 0.5 + (k % m) * 0.5) * [1, -2, 0.5, 3][k % m]);
    expect(tensorBits(r)).toEqual(Array.from(new Uint32Array(Float32Array.from(want).buffer), canon));
    // a dense operand whose rows differ must not be taken for one row
    const d = Tensor.fromArray(Float32Array.from({ length: xs.length * m }, (_, k) => k), [xs.length, m]);
    expect(tableRowsOf(t.mul(d))).toBeNull();
  });
});
