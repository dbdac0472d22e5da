/**
 * Views against nested arrays: random chains of permute, transpose, T, narrow, stepped slices,
 * select, expand, unsqueeze, squeeze, view, reshape and contiguous read the same values as the
 * same operations done naively; they share memory with their base (a write through the view
 * lands where the naive bookkeeping says); `view` refuses exactly the layouts that no strides
 * can describe, and `reshape` then copies.
 *
 * The bookkeeping: beside the values, the naive side carries the storage position of every
 * element (`pos`), transformed by the same naive ops. Whether a view to a new shape exists is
 * decided by brute force on those positions (is there one stride per dim that reproduces all of
 * them?), independently of the engine's stride algorithm.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, slice, tensor, zeros, type Storage } from '../../engine/index.js';
import {
  arbShape, expandN, expectTensor, flat, fromFlat, indices, narrowN, numel, permuteN, permutationFromSeed, pySliceIndices, reshapeN,
  selectN, squeezeN, takeN, transposeN, unsqueezeN, type NArr,
} from '../support/naive.js';

/** Strides (in storage elements) that reproduce `pos` for `shape`, or null if there are none. */
function bruteForceStrides(pos: readonly number[], shape: readonly number[]): number[] | null {
  if (pos.length === 0) return shape.map(() => 0);
  const all = indices(shape);
  const flatIndex = (idx: number[]) => all.findIndex((j) => j.every((v, k) => v === idx[k]));
  const strides = shape.map((d, k) => (d > 1 ? pos[flatIndex(shape.map((_, m) => (m === k ? 1 : 0)))] - pos[0] : 0));
  for (let i = 0; i < all.length; i++) {
    if (pos[i] !== pos[0] + all[i].reduce((p, v, k) => p + v * strides[k], 0)) return null;
  }
  return strides;
}

/** The state of a chain: the engine's tensor, the naive values and storage positions, and the storage they index. */
interface State {
  t: Tensor;
  vals: NArr;
  pos: NArr;
  storage: Storage;
}

/** One step of a chain, with its parameters still to be fitted to the current shape. */
interface Step {
  kind: 'permute' | 'transpose' | 'T' | 'narrow' | 'slice' | 'select' | 'expand' | 'unsqueeze' | 'squeeze' | 'view' | 'reshape' | 'contiguous';
  r: [number, number, number, number];
}

const arbStep: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom<Step['kind']>('permute', 'transpose', 'T', 'narrow', 'slice', 'select', 'expand', 'unsqueeze', 'squeeze', 'view', 'reshape', 'contiguous'),
  r: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()),
});

/** Pick from a few sensible new shapes for `shape` (merge two neighbours, split one, flatten, add/drop a 1). */
function newShape(shape: readonly number[], r: number, r2: number): number[] {
  const n = numel(shape);
  const options: number[][] = [[n], [], [1, n], [n, 1]].filter((s) => numel(s) === n);
  for (let i = 0; i + 1 < shape.length; i++) options.push([...shape.slice(0, i), shape[i] * shape[i + 1], ...shape.slice(i + 2)]);
  for (let i = 0; i < shape.length; i++) {
    for (let f = 2; f < shape[i]; f++) if (shape[i] % f === 0) options.push([...shape.slice(0, i), f, shape[i] / f, ...shape.slice(i + 1)]);
  }
  const pick = [...options[r % options.length]];
  // sometimes let the engine infer one size
  if (pick.length > 0 && r2 % 3 === 0 && n > 0) pick[r2 % pick.length] = -1;
  return pick;
}

/** Apply one step to the engine and to the naive side; returns null when the step does not apply. */
function applyStep(s: State, step: Step): State | null {
  const { t } = s;
  const nd = t.ndim;
  const shape = [...t.shape];
  const [r0, r1, r2, r3] = step.r;
  const sign = (d: number, n: number) => (r3 % 2 === 0 ? d : d - n); // also try negative dims
  const same = (t2: Tensor, f: (a: NArr) => NArr): State => ({ t: t2, vals: f(s.vals), pos: f(s.pos), storage: s.storage });
  switch (step.kind) {
    case 'permute': {
      if (nd === 0) return null;
      const p = permutationFromSeed(nd, r0);
      return same(t.permute(p.map((d) => sign(d, nd))), (a) => permuteN(a, p));
    }
    case 'transpose': {
      if (nd === 0) return null;
      const d0 = r0 % nd, d1 = r1 % nd;
      return same(t.transpose(sign(d0, nd), sign(d1, nd)), (a) => transposeN(a, d0, d1));
    }
    case 'T': {
      // PyTorch 1.13 reverses the dims of any tensor (with a deprecation warning above 2 dims)
      if (nd > 2) return same(t.T, (a) => permuteN(a, shape.map((_, k) => nd - 1 - k)));
      return same(t.T, (a) => (nd === 2 ? transposeN(a, 0, 1) : a));
    }
    case 'narrow': {
      if (nd === 0) return null;
      const d = r0 % nd;
      const start = r1 % (shape[d] + 1);
      const length = r2 % (shape[d] - start + 1);
      return same(t.narrow(sign(d, nd), start, length), (a) => narrowN(a, d, start, length));
    }
    case 'slice': {
      if (nd === 0) return null;
      const d = r0 % nd;
      const size = shape[d];
      const bound = (r: number): number | null => (r % 4 === 0 ? null : (r % (2 * size + 5)) - size - 2); // null, negative, or out of range
      const start = bound(r1), end = bound(r2 >> 2), step2 = 1 + (r3 % 3);
      const args = [...new Array(d).fill(null), slice(start, end, step2)];
      return same(t.index(...args), (a) => takeN(a, d, pySliceIndices(size, start, end, step2)));
    }
    case 'select': {
      if (nd === 0) return null;
      const d = r0 % nd;
      if (shape[d] === 0) return null;
      const i = r1 % shape[d];
      const iArg = r2 % 2 === 0 ? i : i - shape[d]; // negative index
      return same(t.select(sign(d, nd), iArg), (a) => selectN(a, d, i));
    }
    case 'expand': {
      if (numel(shape) > 30) return null;
      const lead = r0 % 3 === 0 ? [1 + (r1 % 2)] : [];
      const target = shape.map((sz, k) => (sz === 1 ? (r1 >> k) % 4 : (r2 >> k) % 2 === 0 ? -1 : sz));
      const explicit = [...lead, ...target.map((v, k) => (v === -1 ? shape[k] : v))];
      return same(t.expand([...lead, ...target]), (a) => expandN(a, explicit));
    }
    case 'unsqueeze': {
      const d = r0 % (nd + 1);
      return same(t.unsqueeze(r3 % 2 === 0 ? d : d - nd - 1), (a) => unsqueezeN(a, d));
    }
    case 'squeeze': {
      if (r1 % 2 === 0 || nd === 0) return same(t.squeeze(), (a) => squeezeN(a));
      const d = r0 % nd;
      return same(t.squeeze(sign(d, nd)), (a) => squeezeN(a, d));
    }
    case 'view':
    case 'reshape': {
      const target = newShape(shape, r0, r1);
      const explicit = target.includes(-1) ? target.map((v) => (v === -1 ? numel(shape) / numel(target.filter((u) => u !== -1)) : v)) : target;
      const viewable = bruteForceStrides(flat(s.pos), explicit) !== null;
      if (step.kind === 'view') {
        if (!viewable) {
          expect(() => t.view(target), `view [${shape}] strides [${t.strides}] as [${target}]`).toThrow(/view size is not compatible with input tensor's size and stride/);
          return null;
        }
        return same(t.view(target), (a) => reshapeN(a, explicit));
      }
      const out = t.reshape(target);
      if (viewable) return same(out, (a) => reshapeN(a, explicit));
      // a copy: fresh storage, row-major positions
      expect(out.storage, 'reshape of a non-viewable layout copies').not.toBe(s.storage);
      return { t: out, vals: reshapeN(s.vals, explicit), pos: fromFlat(explicit, explicit.length ? indices(explicit).map((_, i) => i) : [0]), storage: out.storage };
    }
    case 'contiguous': {
      const out = t.contiguous();
      const rowMajor = isRowMajor(flat(s.pos));
      expect(t.isContiguous(), `isContiguous of shape [${shape}] strides [${t.strides}]`).toBe(rowMajor);
      if (rowMajor) {
        expect(out).toBe(t); // nothing to do: the same tensor
        return s;
      }
      expect(out.isContiguous()).toBe(true);
      expect(out.storage).not.toBe(s.storage);
      return { t: out, vals: s.vals, pos: fromFlat(shape, flat(s.pos).map((_, i) => i)), storage: out.storage };
    }
  }
}

/** True when consecutive elements sit at consecutive storage positions. */
function isRowMajor(p: readonly number[]): boolean {
  return p.every((v, i) => v === p[0] + i);
}

describe('random chains of views vs nested arrays', () => {
  it('read the same values, share memory with the base, and writes through them land in the base', () => {
    let writes = 0, refusedWrites = 0, views = 0;
    fc.assert(
      fc.property(arbShape(1, 4, 0, 4), fc.array(arbStep, { minLength: 1, maxLength: 6 }), fc.nat(), (shape, steps, seed) => {
        // base values 0..n-1, so the naive values are also the base positions
        const n = numel(shape);
        const base = Tensor.fromArray(Float32Array.from({ length: n }, (_, i) => i), shape);
        const start = fromFlat(shape, Array.from({ length: n }, (_, i) => i));
        let s: State = { t: base, vals: start, pos: start, storage: base.storage };
        for (const step of steps) {
          const next = applyStep(s, step);
          if (next === null) continue;
          s = next;
          views++;
          expectTensor(s.t, s.vals, undefined, `after ${step.kind}`);
          expect(s.t.storage, `after ${step.kind}: storage`).toBe(s.storage);
          expect(s.t.isContiguous(), `after ${step.kind}: isContiguous`).toBe(isRowMajor(flat(s.pos)));
        }
        if (s.storage !== base.storage) return; // a copy was made along the way; nothing to write through
        if (s.t.numel() === 0) return; // nothing to write (PyTorch decides overlap of empty views by strides alone)
        const positions = flat(s.pos);
        const overlap = new Set(positions).size !== positions.length;
        const before = Array.from(base.toTypedArray());
        const v0 = base.version;
        if (overlap) {
          // several elements of the view are one memory cell: in-place writes are refused, nothing changes
          refusedWrites++;
          expect(() => s.t.fill_(-1)).toThrow('more than one element of the written-to tensor refers to a single memory location');
          expect(() => s.t.add_(1)).toThrow('more than one element of the written-to tensor refers to a single memory location');
          expect(Array.from(base.toTypedArray())).toEqual(before);
          expect(base.version).toBe(v0);
          return;
        }
        writes++;
        // add_ a tensor of distinct values (broadcast from the view's shape): each base cell gets its own
        const addend = fromFlat([...s.t.shape], positions.map((_, i) => 1000 * (i + 1) + (seed % 7)));
        s.t.add_(Tensor.fromArray(Float32Array.from(flat(addend)), s.t.shape));
        const want = [...before];
        positions.forEach((p, i) => (want[p] += flat(addend)[i]));
        expect(Array.from(base.toTypedArray())).toEqual(want);
        expect(base.version).toBe(v0 + 1);
        // fill_ through the view
        s.t.fill_(-5);
        positions.forEach((p) => (want[p] = -5));
        expect(Array.from(base.toTypedArray())).toEqual(want);
        expect(base.version).toBe(v0 + 2);
      }),
      { numRuns: 250 },
    );
    expect(views).toBeGreaterThan(300);
    expect(writes).toBeGreaterThan(30);
    expect(refusedWrites + writes).toBeGreaterThan(30);
  });

  it('a view with a stretched (expanded) dim refuses in-place writes, and the base stays as it was', () => {
    fc.assert(
      fc.property(arbShape(1, 3, 1, 3), fc.array(arbStep, { maxLength: 3 }), fc.integer({ min: 2, max: 3 }), (shape, steps, copies) => {
        const n = numel(shape);
        const base = Tensor.fromArray(Float32Array.from({ length: n }, (_, i) => i), shape);
        const start = fromFlat(shape, Array.from({ length: n }, (_, i) => i));
        let s: State = { t: base, vals: start, pos: start, storage: base.storage };
        for (const step of steps) s = applyStep(s, step) ?? s;
        if (s.t.numel() === 0) return;
        // copies of the whole view along a new leading dim: every cell is seen `copies` times
        const e = s.t.unsqueeze(0).expand(copies, ...s.t.shape);
        expectTensor(e, expandN(unsqueezeN(s.vals, 0), [copies, ...s.t.shape]));
        const before = Array.from(base.toTypedArray());
        const v0 = base.version;
        for (const write of [() => e.fill_(-1), () => e.add_(1), () => e.mul_(2), () => e.copy_(e.clone())]) {
          expect(write).toThrow('more than one element of the written-to tensor refers to a single memory location');
        }
        expect(Array.from(base.toTypedArray())).toEqual(before);
        expect(base.version).toBe(v0);
      }),
      { numRuns: 100 },
    );
  });

  it('contiguous() of any view keeps the values and is row-major', () => {
    fc.assert(
      fc.property(arbShape(1, 4, 1, 4), fc.array(arbStep, { minLength: 1, maxLength: 4 }), (shape, steps) => {
        const n = numel(shape);
        const base = Tensor.fromArray(Float32Array.from({ length: n }, (_, i) => i * 0.5), shape);
        const start = fromFlat(shape, Array.from({ length: n }, (_, i) => i));
        let s: State = { t: base, vals: fromFlat(shape, Array.from({ length: n }, (_, i) => i * 0.5)), pos: start, storage: base.storage };
        for (const step of steps) s = applyStep(s, step) ?? s;
        const c = s.t.contiguous();
        expectTensor(c, s.vals);
        expect(c.isContiguous()).toBe(true);
        // row-major means: the values are the storage itself, from the offset on
        expect(Array.from(c.storage.data.subarray(c.offset, c.offset + c.numel()))).toEqual(flat(s.vals));
      }),
      { numRuns: 150 },
    );
  });
});

describe('view and reshape, by example', () => {
  const x = () => tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'float32' });

  it('view on a transposed (non-viewable) layout throws and names the way out; reshape copies', () => {
    const t = x().T; // [3, 2], strides [1, 3]
    expect(() => t.view(6)).toThrow(/view size is not compatible with input tensor's size and stride.*Use \.reshape\(\.\.\.\) instead/);
    const r = t.reshape(6);
    expect(r.tolist()).toEqual([1, 4, 2, 5, 3, 6]);
    expect(r.storage).not.toBe(t.storage);
    r.fill_(0); // the copy is independent of the base
    expect(t.tolist()).toEqual([[1, 4], [2, 5], [3, 6]]);
  });

  it('view and reshape of a contiguous tensor share its storage; -1 is inferred', () => {
    const base = x();
    const v = base.view(3, -1);
    expect(v.shape).toEqual([3, 2]);
    expect(v.storage).toBe(base.storage);
    expect(base.reshape([-1]).storage).toBe(base.storage);
    v.index(2, 1).fill_(60);
    expect(base.tolist()).toEqual([[1, 2, 3], [4, 5, 60]]);
  });

  it('a column slice can be viewed along its rows but not flattened', () => {
    const base = zeros([4, 6]);
    const col = base.index(null, slice(1, 3)); // [4, 2], strides [6, 1]
    expect(col.view(2, 2, 2).shape).toEqual([2, 2, 2]);
    expect(() => col.view(8)).toThrow(/view size is not compatible/);
  });

  it('an expanded tensor can be viewed when the stride-0 dim is split, not merged with a real one', () => {
    const e = tensor([[1], [2], [3]], { dtype: 'float32' }).expand(3, 4); // strides [1, 0]
    expect(e.view(3, 2, 2).tolist()).toEqual([[[1, 1], [1, 1]], [[2, 2], [2, 2]], [[3, 3], [3, 3]]]);
    expect(() => e.view(12)).toThrow(/view size is not compatible/);
    expect(e.reshape(12).tolist()).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
  });

  it('narrow with a negative start counts from the end; squeeze(dim) of a dim that is not 1 changes nothing', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'float32' });
    expect(t.narrow(1, -2, 2).tolist()).toEqual([[2, 3], [5, 6]]);
    expect(t.squeeze(0).shape).toEqual([2, 3]);
    expect(t.unsqueeze(-1).shape).toEqual([2, 3, 1]);
    expect(t.unsqueeze(-1).squeeze(-1).shape).toEqual([2, 3]);
  });

  it('views of views keep pointing at the first tensor (base) and its storage', () => {
    const base = x();
    const v = base.T.unsqueeze(0).select(0, 0).narrow(0, 1, 2);
    expect(v.base).toBe(base);
    expect(v.storage).toBe(base.storage);
    expect(v.tolist()).toEqual([[2, 5], [3, 6]]);
  });
});
