/**
 * An adversarial review of advanced indexing's common-case path (engine/fast/index-leading.ts,
 * `leadingIndex` in engine/ops/indexing.ts) and the `arange` it is used with: the inputs a
 * demanding user gives, each against a naive loop written here (the position of x[i, j, …] from
 * the index values, x's shape and a contiguous copy; the backward as float32 additions in index
 * order). PyTorch 1.13.1 facts used (checked with /usr/bin/python3): `x[t(1), :, t([0, 2])]` on a
 * [2, 3, 4] tensor has shape [3, 2] (a 0-d integer tensor indexes like an integer); an index of 2
 * or −3 on a dim of 2 raises "index 2 is out of bounds for dimension 0 with size 2";
 * `arange(5, -1, -2)` is [5, 3, 1]; `arange(0, 1, 0.3)` is float32 [0, 0.3, 0.6, 0.9].
 *
 * One hole found (fixed in ops/indexing.ts, both paths): an index tensor written through `.data`
 * after the forward (a version counter of its own, so backward's version check does not see it)
 * with an out-of-range value made the backward's unchecked scatter add into other elements of
 * x's gradient (j = 5 on a dim of 3: x.grad[1, 2] and [2, 2]), where PyTorch raises. The values
 * are now checked again in backward when the index tensor's memory was written since the forward.
 */
import { describe, expect, it } from 'vitest';
import { Tensor, arange, tensor, tidy, type DType } from '../../engine/index.js';
import { rng } from '../support/autograd-helpers.js';

const f32 = Math.fround;

/** A contiguous float32 leaf of `shape` with values from `seed` (NaN, ±0, ±inf among them). */
function leaf(shape: readonly number[], seed: number, requiresGrad = true): Tensor {
  const r = rng(seed), n = shape.reduce((a, b) => a * b, 1);
  const special = [NaN, -0, 0, Infinity, -Infinity, 1e-45];
  const d = Float32Array.from({ length: n }, () => (r() < 0.1 ? special[Math.floor(r() * special.length)] : f32((r() - 0.5) * 100)));
  const t = Tensor.fromArray(d, shape);
  return requiresGrad ? t.requiresGrad_() : t;
}

/** Row-major values of `t` (any layout), read through `tolist` (not the code under test). */
function flatList(t: Tensor): number[] {
  const l = t.tolist();
  return Array.isArray(l) ? (l as unknown[]).flat(Infinity as 1) as number[] : [l as number];
}

/**
 * The naive gather: x[i₀[b], …, i_{k−1}[b], r] for the index lists (already of one shape B,
 * row-major), x given as its shape and row-major values.
 */
function naiveGather(shape: readonly number[], xv: number[], idx: number[][]): number[] {
  const k = idx.length, rest = shape.slice(k).reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let b = 0; b < idx[0].length; b++) {
    let p = 0;
    for (let d = 0; d < k; d++) {
      const i = idx[d][b] < 0 ? idx[d][b] + shape[d] : idx[d][b];
      p = p * shape[d] + i;
    }
    for (let r = 0; r < rest; r++) out.push(xv[p * rest + r]);
  }
  return out;
}

/** The naive backward: zeros of x's shape, g[b, r] added in order of b (float32 additions). */
function naiveScatter(shape: readonly number[], g: number[], idx: number[][]): number[] {
  const k = idx.length, rest = shape.slice(k).reduce((a, b) => a * b, 1);
  const gx = new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0);
  for (let b = 0; b < idx[0].length; b++) {
    let p = 0;
    for (let d = 0; d < k; d++) p = p * shape[d] + (idx[d][b] < 0 ? idx[d][b] + shape[d] : idx[d][b]);
    for (let r = 0; r < rest; r++) gx[p * rest + r] = f32(gx[p * rest + r] + g[b * rest + r]);
  }
  return gx;
}

function sameValues(got: number[], want: number[], what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[i])) expect.fail(`${what}: element ${i}: got ${got[i]}, expected ${want[i]}`);
}

/**
 * x.index(...idx) forward and backward (g from `gSeed`) against the naive loops; idx tensors of
 * any layout and of one shape. `gradOfX` reads x's gradient from the leaf x is a view of (the
 * transpose back, for a transposed x).
 */
function check(x: Tensor, idx: (Tensor | number[])[], what: string, gradOfX: (() => Tensor) | null, gSeed = 5): void {
  const out = x.index(...idx);
  const ts = idx.map((t) => (t instanceof Tensor ? t : tensor(t, { dtype: 'int32' })));
  const lists = ts.map((t) => flatList(t.expand(ts[0].shape)));
  sameValues(flatList(out), naiveGather(x.shape, flatList(x), lists), `${what}: forward`);
  if (gradOfX === null) return;
  const g = leaf(out.shape, gSeed, false);
  out.backward(g);
  sameValues(flatList(gradOfX()), naiveScatter(x.shape, flatList(g), lists), `${what}: backward`);
}

const I = (v: number[]): Tensor => tensor(v, { dtype: 'int32' });

describe('advanced indexing x[i₀, …] against a naive loop, adversarial inputs', () => {
  it('index tensors that are views: strided, with an offset, expanded (stride 0), transposed 2-D', () => {
    const pool = I([3, -1, 0, 2, -4, 1, 1, 3, 0, -2, 4, 2]);
    const strided = pool.index({ kind: 'slice', start: 1, end: 12, step: 3 } as never); // [-1, 1, 3, 2]
    expect(strided.isContiguous()).toBe(false);
    const offset = pool.narrow(0, 5, 4); // [1, 1, 3, 0], offset 5
    const expanded = I([2]).expand(4); // stride 0
    const twoD = pool.narrow(0, 0, 12).reshape(3, 4).T; // [4, 3], transposed
    for (const [name, t] of [['strided', strided], ['offset', offset], ['expanded', expanded], ['transposed 2-D', twoD]] as const) {
      const x = leaf([5, 3], 1);
      check(x, [t], `C[${name}]`, () => x.grad!);
      const y = leaf([5, 4, 2], 2);
      const second = t.ndim === 1 ? I([0, -1, 3, 3]) : I([0, 1, 2, 3, -4, -1, 0, 0, 1, 3, 2, 2]).reshape(4, 3);
      check(y, [t, second], `Y[${name}, j]`, () => y.grad!);
    }
  });

  it('broadcasting index shapes ([3, 1] with [1, 4], [4] with 0-d-like [1]): the general path, the same values', () => {
    const x = leaf([5, 4], 3);
    const out = x.index(I([0, 4, -1]).reshape(3, 1), I([1, 3, 0, -4]).reshape(1, 4));
    const want: number[] = [];
    const xv = flatList(x);
    for (const i of [0, 4, 4]) for (const j of [1, 3, 0, 0]) want.push(xv[i * 4 + j]);
    expect(out.shape).toEqual([3, 4]);
    sameValues(flatList(out), want, 'broadcast [3,1] × [1,4]');
    const y = leaf([5, 4], 4);
    check(y, [I([0, 2, 2, -5]), I([3]).expand(4)], 'x[i, j] with j expanded', () => y.grad!);
    const b = y.index(I([0, 2, 2, -5]), I([3])); // [4] with [1]: broadcast, general path
    sameValues(flatList(b), [0, 2, 2, 0].map((i) => flatList(y)[i * 4 + 3]), 'x[i, [3]]');
  });

  it('indices at the bounds: -size and size-1 are taken; size and -size-1 raise the general path\'s error', () => {
    const x = leaf([4, 3], 5);
    check(x, [I([-4, 3, 0, -1])], 'x[[-4, 3, 0, -1]]', () => x.grad!);
    const y = leaf([4, 3], 6);
    check(y, [I([-4, 3]), I([-3, 2])], 'x[[-4, 3], [-3, 2]]', () => y.grad!);
    for (const [args, msg] of [
      [[I([0, 4])], 'index 4 is out of bounds for dimension 0 with size 4 (tensor of shape [4, 3])'],
      [[I([-5])], 'index -5 is out of bounds for dimension 0 with size 4 (tensor of shape [4, 3])'],
      [[I([0, 1]), I([2, 3])], 'index 3 is out of bounds for dimension 1 with size 3 (tensor of shape [4, 3])'],
      [[I([0, 1]), I([-4, 0])], 'index -4 is out of bounds for dimension 1 with size 3 (tensor of shape [4, 3])'],
      [[I([4, 1]), I([0, 0])], 'index 4 is out of bounds for dimension 0 with size 4 (tensor of shape [4, 3])'],
    ] as [Tensor[], string][]) {
      const z = leaf([4, 3], 7);
      const before = flatList(z);
      expect(() => z.index(...args)).toThrow(msg);
      sameValues(flatList(z), before, 'x untouched by the failed index');
      expect(z.grad).toBeNull();
    }
  });

  it('empty index tensors and empty x: shapes [0, …], gradients of zeros; an index into a dim of 0 raises', () => {
    const x = leaf([4, 3], 8);
    const out = x.index(I([]));
    expect(out.shape).toEqual([0, 3]);
    check(leaf([4, 3], 9), [I([]), I([])], 'x[[], []]', null);
    const y = leaf([4, 3], 10);
    check(y, [I([]).reshape(0, 2)], 'x[empty [0, 2]]', () => y.grad!);
    const e = leaf([0, 3], 11);
    expect(e.index(I([])).shape).toEqual([0, 3]);
    expect(() => e.index(I([0]))).toThrow('index 0 is out of bounds for dimension 0 with size 0 (tensor of shape [0, 3])');
    const w = leaf([3, 0], 12);
    check(w, [I([2, 0, 2])], 'x of [3, 0] at [2, 0, 2]', () => w.grad!);
    expect(() => w.index(I([3]))).toThrow('index 3 is out of bounds for dimension 0 with size 3 (tensor of shape [3, 0])');
  });

  it('0-d index tensors index like integers (PyTorch: x[t(1), :, t([0, 2])] has shape [3, 2])', () => {
    const x = leaf([2, 3, 4], 13);
    const out = x.index(tensor(1, { dtype: 'int32' }), null, I([0, 2]));
    expect(out.shape).toEqual([3, 2]);
    const xv = flatList(x), want: number[] = [];
    for (let j = 0; j < 3; j++) for (const k of [0, 2]) want.push(xv[12 + j * 4 + k]);
    sameValues(flatList(out), want, 'x[t(1), :, t([0, 2])]');
    const y = leaf([2, 3, 4], 14);
    check(y, [I([1, 0, 1]), tensor(2, { dtype: 'int32' }).expand(3)], 'x[i, 0-d expanded to [3]]', () => y.grad!);
  });

  it('an index tensor that is the indexed tensor (and a view of its storage)', () => {
    const x = I([2, 0, 1, -1, 3]);
    sameValues(flatList(x.index(x)), [1, 2, 0, 3, -1], 'x[x]');
    const m = I([1, 0, 2, 2, 1, 0]).reshape(3, 2);
    const col0 = m.index(null, 0); // [1, 2, 1], a strided view of m's storage
    sameValues(flatList(m.index(col0, col0.sub(1))), [flatList(m)[2 + 0], flatList(m)[4 + 1], flatList(m)[2 + 0]], 'm[m[:, 0], m[:, 0] - 1]');
  });

  it('float64, int32 and bool indexed tensors; float32 NaN payloads copied bit for bit', () => {
    const idx = [I([2, -1, 0, 2]), I([1, 0, -2, 1])];
    for (const dtype of ['float64', 'int32', 'bool'] as DType[]) {
      const src = dtype === 'int32' ? [[1, -7, 3], [2 ** 31 - 1, 7, -(2 ** 31)], [0, 9, 5]] : [[1.5, -0, 3], [Infinity, 7, -2.25], [NaN, 0.1, 5]];
      const x = dtype === 'bool' ? tensor(src.map((r) => r.map((v) => v !== 0 && !Number.isNaN(v))), { dtype }) : tensor(src, { dtype });
      const want = naiveGather([3, 3], flatList(x), idx.map(flatList));
      const out = x.index(...idx);
      expect(out.dtype).toBe(dtype);
      sameValues(flatList(out), want, `${dtype} x[i, j]`);
    }
    const payload = new Uint32Array([0x7fa00001, 0xffc12345, 0x00000001, 0x80000000]);
    const x = Tensor.fromArray(new Float32Array(payload.buffer), [2, 2]);
    const got = x.index(I([1, 0, 1]), I([1, 0, 0])).toTypedArray() as Float32Array;
    expect(Array.from(new Uint32Array(Float32Array.from(got).buffer))).toEqual([0x80000000, 0x7fa00001, 0x00000001]);
  });

  it('gradients with duplicates: float32 sums in index order, as a naive loop (large values where the order matters)', () => {
    const r = rng(15);
    const n = 600, rows = 7;
    const i = I(Array.from({ length: n }, () => Math.floor(r() * rows) - (r() < 0.5 ? rows : 0)));
    const j = I(Array.from({ length: n }, () => Math.floor(r() * 5)));
    const x = leaf([rows, 5], 16);
    const out = x.index(i, j);
    const gv = Float32Array.from({ length: n }, () => f32((r() - 0.5) * 2 ** (r() * 40)));
    out.backward(Tensor.fromArray(gv, [n]));
    sameValues(flatList(x.grad!), naiveScatter([rows, 5], Array.from(gv), [flatList(i), flatList(j)]), 'x[i, j] backward');
    const y = leaf([rows, 5], 17);
    const o2 = y.index(i);
    const g2 = Float32Array.from({ length: n * 5 }, () => f32((r() - 0.5) * 2 ** (r() * 40)));
    o2.backward(Tensor.fromArray(g2, [n, 5]));
    sameValues(flatList(y.grad!), naiveScatter([rows, 5], Array.from(g2), [flatList(i)]), 'x[i] backward');
  });

  it('backward through non-contiguous inputs (a transpose, a narrowed view) and a non-contiguous g', () => {
    const base = leaf([4, 6], 18);
    const xT = base.T; // [6, 4]
    const out = xT.index(I([5, 0, 5, -1]), I([3, 3, -4, 3]));
    const lists = [[5, 0, 5, -1], [3, 3, -4, 3]];
    sameValues(flatList(out), naiveGather([6, 4], flatList(xT), lists), 'xᵀ[i, j]');
    const g = leaf([4], 19, false);
    out.backward(g);
    sameValues(flatList(base.grad!.T), naiveScatter([6, 4], flatList(g), lists), 'xᵀ[i, j] backward');
    const b2 = leaf([6, 5], 20);
    const v = b2.narrow(1, 1, 3); // [6, 3], row stride 5, offset 1
    const o2 = v.index(I([2, 2, -6]));
    const g2 = leaf([3, 3], 21, false).T; // g non-contiguous
    o2.backward(g2);
    const gx = naiveScatter([6, 3], flatList(g2), [[2, 2, -6]]);
    const want = flatList(b2).map(() => 0);
    for (let r = 0; r < 6; r++) for (let c = 0; c < 3; c++) want[r * 5 + 1 + c] = gx[r * 3 + c];
    sameValues(flatList(b2.grad!), want, 'x[:, 1:4][i] backward');
  });

  it('an index tensor modified in place after the forward: backward raises (it is saved), nothing written', () => {
    const x = leaf([4, 3], 22);
    const i = I([0, 3, 1]), j = I([2, 2, 0]);
    const out = x.index(i, j);
    i.add_(0);
    expect(() => out.sum().backward()).toThrow(/modified by an inplace operation: \[int32 tensor of shape \[3\]\], saved by IndexBackward0, is at version 1; expected version 0/);
    expect(x.grad).toBeNull();
  });

  it('an index tensor written through .data after the forward (no version seen): the new values, or PyTorch\'s error when out of range', () => {
    // PyTorch 1.13.1: x = randn(4, 3, requires_grad=True); i = j = tensor([0, 1]); out = x[i, j];
    // j.data.fill_(5); out.sum().backward() raises "IndexError: index 5 is out of bounds for
    // dimension 1 with size 3"; with j.data.fill_(2) instead, x.grad has 1 at [0, 2] and [1, 2].
    // The leading path (i, j of one shape), and the general path (j of shape [1, 2], broadcast)
    for (const general of [false, true]) {
      for (const fillWith of [5, 2, -4]) {
        const x = leaf([4, 3], 26);
        const i = I([0, 1]), j = I([0, 1]);
        const out = x.index(i, general ? j.reshape(1, 2) : j);
        j.data.fill_(fillWith);
        if (fillWith === 2) {
          out.sum().backward();
          sameValues(flatList(x.grad!), [0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0], `j.data = 2, ${general ? 'general' : 'leading'} path`);
        } else {
          expect(() => out.sum().backward(), `j.data = ${fillWith}`).toThrow(`index ${fillWith} is out of bounds for dimension 1 with size 3 (tensor of shape [4, 3])`);
          expect(x.grad).toBeNull();
        }
      }
    }
  });

  it('inside tidy with arange rows (the lecture\'s probs[arange(n), ys]) and in tidy\'s arena: as the naive loop', () => {
    const x = leaf([300, 27], 23);
    const r = rng(24);
    const ys = I(Array.from({ length: 300 }, () => Math.floor(r() * 27)));
    const g = leaf([300], 25, false);
    tidy(() => {
      const out = x.index(arange(300), ys);
      sameValues(flatList(out), naiveGather([300, 27], flatList(x), [Array.from({ length: 300 }, (_, k) => k), flatList(ys)]), 'probs[arange(n), ys]');
      out.backward(g);
    });
    sameValues(flatList(x.grad!), naiveScatter([300, 27], flatList(g), [Array.from({ length: 300 }, (_, k) => k), flatList(ys)]), 'probs[arange(n), ys] backward');
  });

  it('arange (its storage from the allocator now): values, dtypes and steps as PyTorch, inside and outside tidy', () => {
    for (const inTidy of [false, true]) {
      const run = <T>(f: () => T): T => (inTidy ? tidy(() => f()) : f());
      run(() => {
        sameValues(flatList(arange(5, -1, -2)), [5, 3, 1], 'arange(5, -1, -2)');
        expect(arange(5, -1, -2).dtype).toBe('int32');
        const a = arange(0, 1, 0.3);
        expect(a.dtype).toBe('float32');
        sameValues(flatList(a), [0, 0.3, 0.6, 0.9].map(f32), 'arange(0, 1, 0.3)');
        sameValues(flatList(arange(3, { dtype: 'float64' })), [0, 1, 2], 'arange(3, float64)');
        expect(arange(0).shape).toEqual([0]);
        sameValues(flatList(arange(70000)).filter((v, k) => v !== k), [], 'arange(70000)');
      });
    }
  });
});
