/**
 * The memory pool, the gradients backward gives back to it, and tidy/keep.
 *
 * The danger of reusing memory is handing out a buffer that something still reads. So the
 * gradient tests use large tensors (pooled sizes) and compare with closed forms computed by plain
 * loops, twice in a row (the second run reads and writes recycled buffers), and the tidy tests
 * check both sides: what must survive does, and what was released cannot be read by mistake.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  SGD, Parameter,
} from '../../nn/index.js';
import {
  Storage, Tensor, arange, emptyCache, keep, memoryStats, resetMemoryStats, setMemoryPoolLimit, tidy,
} from '../../engine/index.js';
import { rng } from '../support/autograd-helpers.js';
import { freshUnfilled } from '../../engine/memory/allocate.js';

const POOLED = 1 << 16; // elements: 256 KiB of float32, above MIN_POOLED_BYTES

beforeEach(() => {
  emptyCache();
  setMemoryPoolLimit(256 * 2 ** 20);
  resetMemoryStats();
});
afterEach(() => emptyCache());

/** Element-wise equality that reports the first difference (vitest's diff of 65,536 numbers is very slow). */
function expectSameArray(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect.fail(`element ${i}: ${actual[i]} !== ${expected[i]}`);
  }
}

function randomFloat32(n: number, seed: number, scale = 1): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: n }, () => (r() * 2 - 1) * scale);
}

describe('the memory pool', () => {
  it('gives a released large buffer to the next allocation of the same dtype and length, zero-filled', () => {
    const a = Storage.alloc('float32', POOLED);
    const buf = a.data;
    buf.fill(7);
    a.release();
    expect(memoryStats().pooledBuffers).toBe(1);
    const b = Storage.alloc('float32', POOLED);
    expect(b.data).toBe(buf); // the same memory…
    expect(b.data.every((v) => v === 0)).toBe(true); // …but zero-filled, as a fresh allocation
    expect(memoryStats()).toMatchObject({ reused: 1, fresh: 1, returned: 1, pooledBuffers: 0 });
  });

  it('does not mix dtypes or lengths', () => {
    Storage.alloc('float32', POOLED).release();
    expect(Storage.alloc('int32', POOLED).data).toBeInstanceOf(Int32Array);
    expect(Storage.alloc('float32', POOLED + 1).length).toBe(POOLED + 1);
    expect(memoryStats()).toMatchObject({ reused: 0, pooledBuffers: 1 });
  });

  it('a released storage cannot be read or written: the error says why', () => {
    const s = Storage.alloc('float32', POOLED);
    s.release();
    expect(s.released).toBe(true);
    expect(s.length).toBe(0);
    expect(() => s.data).toThrow(/memory was released: it was created inside tidy\(\)/);
    s.release(); // twice: nothing happens
    expect(memoryStats().returned).toBe(1);
  });

  it('ops that skip zero-filling write every element, even into a reused buffer full of garbage', () => {
    const n = POOLED;
    const dirty = (dtype: 'float32' | 'int32') => {
      const s = Storage.alloc(dtype, n);
      s.data.fill(7);
      s.release();
    };
    const zerosK = Tensor.fromArray(new Float32Array(0), [n / 4, 0], 'float32');
    dirty('float32');
    expect(zerosK.matmul(Tensor.fromArray(new Float32Array(0), [0, 4], 'float32')).toTypedArray().every((v) => v === 0)).toBe(true); // k = 0: all zeros
    const x = Tensor.fromArray(randomFloat32(n, 1), [n / 4, 4], 'float32');
    const xv = x.toTypedArray();
    dirty('float32');
    const e = x.T.exp().toTypedArray(); // strided input: the plain loop
    for (let i = 0; i < n; i += 331) expect(e[i]).toBe(Math.fround(Math.exp(xv[(i % (n / 4)) * 4 + Math.floor(i / (n / 4))])));
    dirty('float32');
    expect(x.T.add(1).toTypedArray().every((v, i) => v === Math.fround(xv[(i % (n / 4)) * 4 + Math.floor(i / (n / 4))] + 1))).toBe(true);
    dirty('float32');
    const ints = Tensor.fromArray(Int32Array.from({ length: n }, (_, i) => i - 5), [n], 'int32');
    expect(ints.float().toTypedArray().every((v, i) => v === i - 5)).toBe(true);
    dirty('float32');
    const rows = x.index(arange(n / 4)).toTypedArray(); // a gather of every row
    expect(Array.from(rows)).toEqual(Array.from(xv));
  });

  it('a fresh buffer without the zero-fill (freshUnfilled, Node\'s allocUnsafeSlow) has the dtype\'s array type, its length, a buffer of its own', () => {
    for (const [dtype, type, bytes] of [['float32', Float32Array, 4], ['float64', Float64Array, 8], ['int32', Int32Array, 4], ['bool', Uint8Array, 1]] as const) {
      const a = freshUnfilled(dtype, POOLED + 3);
      expect(a).toBeInstanceOf(type);
      expect(a.length).toBe(POOLED + 3);
      expect([a.byteOffset, a.buffer.byteLength]).toEqual([0, (POOLED + 3) * bytes]);
      expect(freshUnfilled(dtype, POOLED).buffer).not.toBe(a.buffer);
    }
    // outside any scope with an empty pool, an unfilled storage is such a buffer; a zero-filled one is zeros
    expect(Storage.allocUnfilled('int32', POOLED).data).toBeInstanceOf(Int32Array);
    expect(Storage.alloc('float32', POOLED).data.every((v) => v === 0)).toBe(true);
  });

  it('small buffers are left to the garbage collector', () => {
    const s = Storage.alloc('float32', 100);
    s.release();
    expect(memoryStats()).toMatchObject({ returned: 0, pooledBuffers: 0, fresh: 0 });
  });

  it('respects the limit; 0 turns pooling off; bad limits are refused', () => {
    setMemoryPoolLimit(POOLED * 4 * 1.5); // room for one float32 buffer of POOLED elements
    Storage.alloc('float32', POOLED).release();
    Storage.alloc('float32', POOLED).release(); // this one takes the pooled buffer and returns it
    const x = Storage.alloc('float32', POOLED), y = Storage.alloc('float32', POOLED);
    x.release();
    y.release();
    expect(memoryStats()).toMatchObject({ pooledBuffers: 1, dropped: 1 });
    setMemoryPoolLimit(0);
    expect(memoryStats().pooledBytes).toBe(0);
    expect(() => setMemoryPoolLimit(-1)).toThrow(/expected a number of bytes >= 0, got -1/);
    expect(() => setMemoryPoolLimit(NaN)).toThrow(/got NaN/);
  });
});

/** The lecture's loss on random logits X (n×V) and targets y, and its gradient in closed form. */
function softmaxNll(n: number, V: number, seed: number) {
  const xs = randomFloat32(n * V, seed, 3);
  const r = rng(seed + 1);
  const ys = Int32Array.from({ length: n }, () => Math.floor(r() * V));
  // closed form, float64 plain loops: d(-mean log softmax(x)[i, y_i]) / dx = (softmax(x) - onehot(y)) / n
  const expected = new Float64Array(n * V);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < V; j++) s += Math.exp(xs[i * V + j]);
    for (let j = 0; j < V; j++) expected[i * V + j] = (Math.exp(xs[i * V + j]) / s - (j === ys[i] ? 1 : 0)) / n;
  }
  return { xs, ys, expected };
}

function lectureLoss(X: Tensor, ys: Tensor): Tensor {
  const counts = X.exp();
  const probs = counts.div(counts.sum(1, true));
  return probs.index(arange(ys.shape[0]), ys).log().mean().neg();
}

describe('backward gives its consumed gradients back to the pool', () => {
  it('the lecture loss on pooled sizes: gradient equals the closed form, run after run', () => {
    const n = 3000, V = 27; // 81,000 elements per full-size tensor
    const { xs, ys, expected } = softmaxNll(n, V, 11);
    const y = Tensor.fromArray(ys, [n], 'int32');
    for (let run = 0; run < 3; run++) {
      const X = Tensor.fromArray(xs.slice(), [n, V], 'float32').requiresGrad_();
      lectureLoss(X, y).backward();
      const g = X.grad!.toTypedArray();
      let worst = 0;
      for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(g[i] - expected[i]));
      expect(worst).toBeLessThan(1e-8); // float32 rounding of values of size ~1/n
    }
    const s = memoryStats();
    expect(s.returned).toBeGreaterThan(0);
    expect(s.reused).toBeGreaterThan(0);
  });

  it('a gradient shared by two pending nodes is not given back before both used it', () => {
    // z = sum((a + a) * b): AddBackward returns the same gradient tensor for both uses of a
    const n = POOLED;
    const av = randomFloat32(n, 3), bv = randomFloat32(n, 4);
    const a = Tensor.fromArray(av, [n], 'float32').requiresGrad_();
    const b = Tensor.fromArray(bv, [n], 'float32').requiresGrad_();
    const u = a.exp(), v = a.exp(); // two nodes whose output gradients come from one AddBackward
    u.add(v).mul(b).sum().backward();
    const ga = a.grad!.toTypedArray(), gb = b.grad!.toTypedArray();
    for (let i = 0; i < n; i += 997) {
      expect(ga[i]).toBeCloseTo(2 * bv[i] * Math.exp(av[i]), 5); // d/da (e^a + e^a)·b = 2b·e^a
      expect(gb[i]).toBeCloseTo(2 * Math.exp(av[i]), 5);
    }
  });

  it('broadcast and expanded gradients (sum-to-shape, expand views) stay correct', () => {
    fc.assert(
      fc.property(fc.integer({ min: 600, max: 2500 }), fc.integer({ min: 27, max: 40 }), fc.integer({ min: 1, max: 1000 }), (n, V, seed) => {
        const xv = randomFloat32(n * V, seed), cv = randomFloat32(V, seed + 7);
        const X = Tensor.fromArray(xv, [n, V], 'float32').requiresGrad_();
        const c = Tensor.fromArray(cv, [V], 'float32').requiresGrad_();
        // f = sum(X·c) + sum(X.sum(1, keepdim)·X) ; df/dc_j = Σ_i X_ij ; df/dX_ij = c_j + r_i + Σ_k X_ik… computed below
        X.mul(c).sum().add(X.sum(1, true).mul(X).sum()).backward();
        const rows = new Float64Array(n);
        for (let i = 0; i < n; i++) for (let j = 0; j < V; j++) rows[i] += xv[i * V + j];
        const gX = X.grad!.toTypedArray(), gc = c.grad!.toTypedArray();
        for (let i = 0; i < n; i += 53) {
          for (let j = 0; j < V; j++) {
            // d/dX_ij of Σ_i r_i·Σ_k X_ik = 2·r_i
            expect(gX[i * V + j]).toBeCloseTo(cv[j] + 2 * rows[i], 3);
          }
        }
        for (let j = 0; j < V; j++) {
          let colSum = 0;
          for (let i = 0; i < n; i++) colSum += xv[i * V + j];
          expect(gc[j]).toBeCloseTo(colSum, 2);
        }
      }),
      { numRuns: 8 },
    );
  });

  it('leaf gradients and retained gradients survive backward, as do the forward tensors', () => {
    const n = POOLED;
    const x = Tensor.fromArray(randomFloat32(n, 5), [n], 'float32').requiresGrad_();
    const e = x.exp();
    const m = e.mul(3);
    m.retainGrad();
    m.sum().backward();
    expect(x.grad!.storage.released).toBe(false);
    expect(m.grad!.storage.released).toBe(false);
    expect(e.storage.released).toBe(false);
    expect(m.grad!.toTypedArray().every((v) => v === 1)).toBe(true);
    // the next allocations reuse pooled gradients: the surviving tensors must not change
    const before = x.grad!.toTypedArray().slice();
    x.mul(2).exp().sum(); // allocate (and fill) buffers of the same size
    expectSameArray(x.grad!.toTypedArray(), before);
  });
});

describe('tidy and keep', () => {
  const n = POOLED;

  it('releases what the function made and did not return; the result survives', () => {
    const x = Tensor.fromArray(randomFloat32(n, 9), [n], 'float32');
    let inner: Tensor | null = null;
    const out = tidy(() => {
      inner = x.exp();
      return inner.mul(2);
    });
    expect(() => inner!.sum()).toThrow(/memory was released: it was created inside tidy\(\)/);
    expect(out.storage.released).toBe(false);
    expect(x.storage.released).toBe(false); // made outside: never touched
    const xv = x.toTypedArray(), ov = out.toTypedArray();
    for (let i = 0; i < n; i += 101) expect(ov[i]).toBeCloseTo(2 * Math.exp(xv[i]), 5);
  });

  it('a typed array from toTypedArray() inside tidy belongs to the caller: never given back', () => {
    const x = Tensor.fromArray(randomFloat32(n, 12), [n], 'float32');
    const arr = tidy(() => x.exp().toTypedArray());
    const first = arr.slice();
    for (let k = 0; k < 3; k++) tidy(() => x.mul(3).exp().mul(2)); // reuse every pooled buffer of this size
    expectSameArray(arr, first);
  });

  it('a tensor returned from tidy whose graph has mul_/div_ by an operand that requires grad still runs backward outside (found by review)', () => {
    // mul_/div_ copy the old target for the other operand's gradient: that copy must be saved in
    // the graph where tidy sees it, not only captured by the backward closure
    const wv = randomFloat32(n, 31);
    for (const op of ['mul_', 'div_'] as const) {
      const w = Tensor.fromArray(wv, [n], 'float32').requiresGrad_();
      const z = tidy(() => {
        const t = Tensor.fromArray(new Float32Array(n).fill(3), [n], 'float32').mul(1);
        t[op](w.mul(2));
        return t;
      });
      z.sum().backward();
      // d/dw Σ 3·(2w) = 6 ; d/dw Σ 3/(2w) = −3/(2w²)·… = −1.5 / w²
      const g = w.grad!.toTypedArray();
      for (let i = 0; i < n; i += 997) {
        if (op === 'mul_') expect(g[i]).toBeCloseTo(6, 5);
        else expect(g[i] / (-1.5 / (wv[i] * wv[i]))).toBeCloseTo(1, 4);
      }
    }
  });

  it('wrapping the data of a tensor made inside tidy shares it safely; wrapping given-back memory is refused (found by review)', () => {
    const x = Tensor.fromArray(randomFloat32(n, 8), [n], 'float32');
    let alias: Tensor | null = null;
    let dead: Float32Array | null = null;
    tidy(() => {
      const e = x.exp();
      alias = Tensor.fromArray(e.storage.data as Float32Array, [n], 'float32'); // shares e's memory
      dead = x.mul(2).storage.data as Float32Array; // given back when tidy ends
    });
    const before = alias!.toTypedArray().slice();
    for (let k = 0; k < 3; k++) tidy(() => x.mul(5).exp()); // would reuse e's memory if tidy had given it back
    expectSameArray(alias!.toTypedArray(), before);
    expect(() => Tensor.fromArray(dead!, [n], 'float32')).toThrow(/has given back, and it may already hold other values; wrap a copy/);
  });

  it('keeps storages reachable through arrays, objects, Maps and the saved autograd graph', () => {
    const W = Tensor.fromArray(randomFloat32(n, 2), [n], 'float32').requiresGrad_();
    const res = tidy(() => {
      const e = W.exp();
      const loss = e.mul(e).sum(); // saves e twice
      return { list: [loss], map: new Map([['e', e]]) };
    });
    res.list[0].backward(); // the saved exp output was kept: backward works outside
    const g = W.grad!.toTypedArray(), wv = W.toTypedArray();
    for (let i = 0; i < n; i += 211) expect(g[i]).toBeCloseTo(2 * Math.exp(2 * wv[i]), 3);
    expect(res.map.get('e')!.storage.released).toBe(false);
  });

  it('a training step inside tidy: W.grad survives, memory is reused, the result matches a step without tidy', () => {
    const N = 4000, V = 27;
    const { xs, ys } = softmaxNll(N, V, 21);
    const X = Tensor.fromArray(xs, [N, V], 'float32');
    const y = Tensor.fromArray(ys, [N], 'int32');
    const W1 = Tensor.fromArray(randomFloat32(V * V, 1), [V, V], 'float32').requiresGrad_();
    const W2 = Tensor.fromArray(W1.toTypedArray().slice(), [V, V], 'float32').requiresGrad_();
    const step = (W: Tensor) => {
      const l = lectureLoss(X.matmul(W), y);
      W.grad = null;
      l.backward();
      W.data.add_(W.grad!.mul(-10));
      return l.item();
    };
    const plain: number[] = [], tidied: number[] = [];
    for (let k = 0; k < 5; k++) plain.push(step(W1));
    const fresh: number[] = [];
    for (let k = 0; k < 5; k++) {
      tidied.push(tidy(() => step(W2)));
      fresh.push(memoryStats().fresh);
    }
    expect(tidied).toEqual(plain); // bit for bit: reuse changes no value
    expect(W2.toTypedArray()).toEqual(W1.toTypedArray());
    expect(W2.grad!.storage.released).toBe(false);
    expect(fresh[4]).toBe(fresh[1]); // after the first steps, no fresh large allocation
  });

  it('keep() protects state made inside (the optimiser momentum buffer)', () => {
    const p = new Parameter(Tensor.fromArray(randomFloat32(n, 3), [n], 'float32'));
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9 });
    for (let k = 0; k < 3; k++) {
      tidy(() => {
        opt.zeroGrad();
        p.mul(p).sum().backward();
        opt.step();
      });
    }
    expect(opt.momentumBuffer(p)!.storage.released).toBe(false);
    let kept: Tensor | null = null;
    tidy(() => { kept = keep(p.mul(2)); });
    expect(kept!.storage.released).toBe(false);
  });

  it('nested: what the inner tidy returns belongs to the outer one', () => {
    const x = Tensor.fromArray(randomFloat32(n, 4), [n], 'float32');
    let fromInner: Tensor | null = null;
    const outer = tidy(() => {
      fromInner = tidy(() => x.exp());
      return fromInner.sum();
    });
    expect(() => fromInner!.sum()).toThrow(/memory was released/); // released by the outer tidy
    expect(outer.storage.released).toBe(false);
  });

  it('an error inside releases nothing; a Promise or a non-function is refused', () => {
    const x = Tensor.fromArray(randomFloat32(n, 4), [n], 'float32');
    let made: Tensor | null = null;
    expect(() => tidy(() => { made = x.exp(); throw new Error('boom'); })).toThrow('boom');
    expect(made!.storage.released).toBe(false);
    expect(() => tidy(async () => x.exp())).toThrow(/returned a Promise; tidy needs a synchronous function/);
    expect(() => tidy(42 as unknown as () => void)).toThrow(/tidy: expected a function, got number/);
    expect(() => keep({} as Tensor)).toThrow(/keep: expected a Tensor, got object/);
  });
});

describe('the SIMD kernels\' temporaries (scratch slots of the arena, found by review)', () => {
  it('matmuls of ever new shapes do not pile up temporaries in the arena, and the temporaries are not counted', () => {
    const run = (k: number) => Tensor.fromArray(new Float32Array(128 * k).fill(1), [128, k]).matmul(Tensor.fromArray(new Float32Array(k * 64).fill(0.5), [k, 64]));
    run(100);
    const before = memoryStats().arenaReservedBytes;
    resetMemoryStats();
    for (let k = 100; k < 700; k++) expect(run(k).index(0, 0).item()).toBe(k * 0.5);
    // each of 600 shapes needs a packed B of 64·k floats and a staging chunk: ~60 MB if each left
    // its block behind; the two slots grow by powers of two instead
    expect(memoryStats().arenaReservedBytes - before).toBeLessThan(2 ** 21);
    const s = memoryStats();
    expect([s.fresh, s.reused, s.returned]).toEqual([0, 0, 0]); // plain tensors outside tidy: no arena storages
    expect(s.arenaBytes).toBeGreaterThanOrEqual(0);
  });

  it('a temporary never hands its block to a storage: the first storage of a size counts as fresh', () => {
    tidy(() => { Tensor.fromArray(new Float32Array(64 * 2048).fill(1), [64, 2048]).clone().matmul(Tensor.fromArray(new Float32Array(2048 * 16).fill(1), [2048, 16]).clone()); });
    resetMemoryStats();
    const z = tidy(() => Tensor.fromArray(new Float32Array(32768), [32768]).clone());
    const s = memoryStats();
    expect(s.returned).toBe(0);
    expect(s.fresh + s.reused).toBe(1);
    expect(z.numel()).toBe(32768);
  });
});
