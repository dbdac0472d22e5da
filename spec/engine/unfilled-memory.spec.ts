/**
 * Ops that ask for memory without the zero-fill (`Storage.allocUnfilled`, `zero` false) must write
 * every element of it: such a buffer is `Buffer.allocUnsafeSlow` memory under Node from
 * `MIN_UNFILLED_BYTES` on, or a reused pool or arena buffer, and holds whatever was there.
 *
 * Every buffer asked for unfilled is filled here with a poison (a mock of `allocateBuffer`) and
 * each op is run three times: with the buffers zero-filled, then with two different poisons. An
 * element an op leaves unwritten shows the poison, so the three results differ. Sizes: small
 * (below `MIN_UNFILLED_BYTES`), mid-size (up to the pool's size) and pooled. The second part
 * (session 10's review) runs the edge cases: empty dims, size-0 broadcasting, k = 0 products,
 * strided and int32/bool outputs, bincount, gather/scatter, index_select, clamp with tensor
 * bounds, embeddings' backward, deferred tensors written in part.
 */
import { describe, expect, it, vi } from 'vitest';
import type { DType, TypedArray } from '../../engine/dtype.js';

/** The poison of the next allocations: none (zero-fill), or a float value and an int value. */
const poison = { on: false, float: 0, int: 0 };

vi.mock('../../engine/memory/allocate.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../engine/memory/allocate.js')>();
  return {
    ...real,
    allocateBuffer(dtype: DType, n: number, zero: boolean): { data: TypedArray; large: boolean } {
      const r = real.allocateBuffer(dtype, n, zero);
      if (!zero) {
        if (!poison.on) r.data.fill(0);
        else if (dtype === 'float32' || dtype === 'float64') r.data.fill(poison.float);
        else r.data.fill(dtype === 'bool' ? 1 : poison.int);
      }
      return r;
    },
  };
});

const E = await import('../../engine/index.js');
const { Tensor, arange, cat, manualSeed, randn, stack, tidy, where, zeros, ones, gather, indexSelect, bincount, scatter, scatterAdd, full } = E;
const { oneHot, softmax, logSoftmax, crossEntropy } = await import('../../nn/index.js');
const { MIN_UNFILLED_BYTES } = await import('../../engine/memory/allocate.js');
type T = InstanceType<typeof Tensor>;

/** The bits of a result (float values as raw bits, so that NaN and −0 count). */
function bits(t: T): number[] {
  const a = t.toTypedArray();
  if (a instanceof Float32Array) return Array.from(new Int32Array(a.buffer, a.byteOffset, a.length));
  if (a instanceof Float64Array) return Array.from(new Float64Array(a)).map((v) => (Number.isNaN(v) ? 0x7ff8 : v));
  return Array.from(a);
}

/** Run `op` with zero-filled, then with two different poisoned buffers: the three results must be the same bits. */
function expectWritesEverything(op: () => T | T[], inTidy = false): void {
  const run = (): number[][] => {
    const out = inTidy ? tidy(() => [op()].flat().map((t) => bits(t))) : [op()].flat().map((t) => bits(t));
    return out;
  };
  poison.on = false;
  const clean = run();
  try {
    poison.on = true;
    Object.assign(poison, { float: Number.NaN, int: -559038737 });
    const first = run();
    Object.assign(poison, { float: -123456.75, int: 0x5a5a5a5a });
    const second = run();
    expect(first).toEqual(clean);
    expect(second).toEqual(clean);
  } finally {
    poison.on = false;
  }
}

// rows × 27 float32: 37 rows is 3,996 bytes (below MIN_UNFILLED_BYTES), 100 rows 10,800 (mid-size), 700 rows 75,600 (pooled)
const ROWS = [37, 100, 700];

describe('ops write every element of memory they ask for without the zero-fill', () => {
  it('the sizes cover below, at and above MIN_UNFILLED_BYTES', () => {
    expect(37 * 27 * 4).toBeLessThan(MIN_UNFILLED_BYTES);
    expect(100 * 27 * 4).toBeGreaterThanOrEqual(MIN_UNFILLED_BYTES);
  });

  for (const rows of ROWS) {
    describe(`${rows}×27`, () => {
      manualSeed(7 + rows);
      const x = randn([rows, 27]);
      const y = randn([rows, 27]);
      const w = randn([27, 27]);
      const col = randn([rows, 1]);
      const ids = Tensor.fromArray(Int32Array.from({ length: rows }, (_, i) => (i * 7) % 27), [rows], 'int32');

      it('elementwise, broadcast and scalar ops', () => {
        expectWritesEverything(() => [x.add(y), x.sub(y), x.mul(y), x.div(y), x.add(2), x.mul(col), x.div(col), x.neg()]);
        expectWritesEverything(() => [x.exp(), x.abs().log(), x.tanh(), x.abs().sqrt(), x.pow(2), x.pow(3), x.sigmoid(), x.relu()]);
        expectWritesEverything(() => [x.T.add(1), x.T.exp(), x.gt(0), where(x.gt(0), x, y), x.clamp(-0.5, 0.5)]);
      });

      it('casts, views made contiguous, joins', () => {
        expectWritesEverything(() => [x.double(), x.gt(0).float(), x.T.contiguous(), x.flip([1]), cat([x, y], 1), stack([x, y])]);
      });

      it('matmul and reductions', () => {
        expectWritesEverything(() => [x.matmul(w), x.T.matmul(y), x.sum(0), x.sum(1), x.sum(1, true), x.mean(0), x.max(1).values, x.cumsum(1)]);
      });

      it('indexing, one-hot, softmax and the lecture\'s loss', () => {
        expectWritesEverything(() => [x.index(arange(rows), ids), oneHot(ids, 27).float(), oneHot(ids, 27).float().matmul(w), softmax(x, 1), logSoftmax(x, 1)]);
        expectWritesEverything(() => [crossEntropy(x, ids)]);
      });

      it('gradients (backward), as written and in tidy', () => {
        const grads = (): T[] => {
          const a = x.clone().requiresGrad_(), b = w.clone().requiresGrad_();
          const logits = oneHot(ids, 27).float().matmul(b).add(a.tanh());
          const counts = logits.exp();
          const probs = counts.div(counts.sum(1, true));
          probs.index(arange(rows), ids).log().mean().neg().backward();
          return [a.grad!, b.grad!];
        };
        expectWritesEverything(grads);
        expectWritesEverything(grads, true);
      });
    });
  }
});

const i32 = (n: number, f: (i: number) => number, shape: number[] = [n]): T => Tensor.fromArray(Int32Array.from({ length: n }, (_, i) => f(i)), shape, 'int32');

// 1,500 float32 elements are 6,000 bytes: at least MIN_UNFILLED_BYTES, below the pool's size
describe('edge cases of ops that ask for unfilled memory (mid-size and pooled)', () => {
  for (const rows of [60, 700]) {
    describe(`${rows} rows`, () => {
      manualSeed(11 + rows);
      const x = randn([rows, 25]);
      const y = randn([rows, 25]);
      const ids = i32(rows, (i) => (i * 5) % 7);

      it('k = 0 matmul, empty dims, size-0 broadcasting', () => {
        expectWritesEverything(() => [zeros([rows, 0]).matmul(zeros([0, 25])), zeros([3, rows, 0]).matmul(zeros([0, 25])), zeros([rows, 0]).matmul(zeros([3, 0, 25]))]);
        expectWritesEverything(() => [zeros([rows * 25, 0]).sum(1), zeros([rows * 25, 0]).mean(1), zeros([rows * 25, 0]).prod(1), zeros([rows, 25, 0]).sum(-1, true), zeros([0, rows * 25]).sum(0), zeros([rows * 25, 0], { dtype: 'int32' }).sum(1)]);
        expectWritesEverything(() => [zeros([rows, 25, 0]).add(ones([rows, 1, 1])).sum(2), x.add(zeros([1, 25]))]);
      });

      it('strided inputs, int32/bool outputs, casts of views', () => {
        expectWritesEverything(() => [x.T.gt(y.T), x.T.int(), x.T.bool(), x.T.double(), x.gt(0).int().T.contiguous(), x.T.clamp(y.T.neg().abs().neg(), y.T.abs())]);
      });

      it('bincount (bins no value hits, with minlength and weights), oneHot with more classes', () => {
        expectWritesEverything(() => [bincount(ids, { minlength: 3000 }), bincount(ids, { weights: x.select(1, 0), minlength: 2000 }), oneHot(ids, 300)]);
      });

      it('gather, scatter, scatterAdd, indexSelect', () => {
        const gi = i32(rows * 25, (i) => (i * 3) % 25, [rows, 25]);
        expectWritesEverything(() => [gather(x, 1, gi), scatter(x, 1, gi, y), scatterAdd(x, 1, gi, y), indexSelect(x, 0, ids), indexSelect(x.T, 1, ids)]);
      });

      it('embedding rows and their backward (rows never used get zero)', () => {
        const grads = (): T[] => {
          const C = randn([rows, 25]).requiresGrad_();
          const e = C.index(ids);
          e.mul(x).sum().backward();
          return [C.grad!];
        };
        manualSeed(3);
        const a = grads();
        expect(a.length).toBe(1);
        expectWritesEverything(() => { manualSeed(3); return grads(); });
        expectWritesEverything(() => { manualSeed(3); return grads(); }, true);
      });

      it('deferred tensors (arange, full) written in part, then read whole', () => {
        expectWritesEverything(() => {
          const r = arange(rows * 25).float();
          r.narrow(0, 5, 10).fill_(-1);
          const f = full([rows, 25], 2.5);
          f.select(1, 3).mul_(4);
          return [r, f, r.add(1)];
        });
      });

      it('cross-entropy over classes with empty batch and cat with an empty piece', () => {
        expectWritesEverything(() => [cat([x, zeros([0, 25])], 0), cat([zeros([rows, 0]), x], 1), stack([x.T, y.T])]);
        expectWritesEverything(() => [crossEntropy(x, ids)]);
      });
    });
  }
});

describe('the same edge cases in the pytorch-x86 float32 arithmetic (its own kernels ask for unfilled memory)', () => {
  it('matmul (k = 0 too), tanh, logSoftmax/crossEntropy, leading sums, and their backward', () => {
    const previous = E.setFloat32Arithmetic('pytorch-x86');
    try {
      manualSeed(5);
      const x = randn([90, 25]), w = randn([25, 30]);
      const ids = i32(90, (i) => (i * 5) % 25);
      expectWritesEverything(() => [x.matmul(w), x.T.matmul(x), zeros([90, 0]).matmul(zeros([0, 30])), x.tanh(), x.sum(0), crossEntropy(x, ids)]);
      const grads = (): T[] => {
        const a = x.clone().requiresGrad_(), b = w.clone().requiresGrad_();
        crossEntropy(a.tanh().matmul(b), ids).backward();
        return [a.grad!, b.grad!];
      };
      expectWritesEverything(grads);
      expectWritesEverything(grads, true);
    } finally {
      E.setFloat32Arithmetic(previous);
    }
  });
});

describe('random tensors of mid and pooled sizes', () => {
  it('rand, randn and multinomial write every element', () => {
    expectWritesEverything(() => { manualSeed(9); return [E.rand([60, 25]), randn([60, 25]), randn([700, 27], { dtype: 'float64' }), E.multinomial(ones([3, 10]), 2000, { replacement: true })]; });
  });
});
