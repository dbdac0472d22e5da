/**
 * The broadcasting and reduction items of the lecture notes (shared/seed/README.md), each as the
 * notes state it, with the expected values worked out by hand or by plain loops: N8, N9, N11,
 * N12, N13. (N10 is a property in broadcast.spec.ts; N16–N18 are in matmul.spec.ts; N3 and N20
 * in indexing.spec.ts.)
 */
import { describe, expect, it } from 'vitest';
import { tensor } from '../../engine/index.js';

/** P of N12: rows [1,2,3] [4,5,6] [7,8,9], float32. */
const rows = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
const rowSums = rows.map((r) => r.reduce((s, v) => s + v, 0));
const P = () => tensor(rows, { dtype: 'float32' });

describe('sum(dim, keepdim) (N8, N9)', () => {
  it('N8: P.sum() with no dim is one number (shape []), the sum of everything', () => {
    const s = P().sum();
    expect(s.shape).toEqual([]);
    expect(s.item()).toBe(45);
    expect(tensor([[0.5, 0.25], [1, 2]]).sum().item()).toBe(3.75);
  });

  it('N9: sum(0, keepdim) of [[1,2],[3,4],[5,6]] is [[9,12]] (shape [1, 2])', () => {
    const s = tensor([[1, 2], [3, 4], [5, 6]]).sum(0, true);
    expect(s.shape).toEqual([1, 2]);
    expect(s.tolist()).toEqual([[9, 12]]);
  });

  it('N9: sum(1, keepdim) of [[1,2],[3,4],[5,6]] is [[3],[7],[11]] (shape [3, 1])', () => {
    const s = tensor([[1, 2], [3, 4], [5, 6]]).sum(1, true);
    expect(s.shape).toEqual([3, 1]);
    expect(s.tolist()).toEqual([[3], [7], [11]]);
  });

  it('N9: sum(0) of [[1,2],[3,4],[5,6]] is [9,12] (shape [2]); sum(1) is [3,7,11] (shape [3])', () => {
    const x = tensor([[1, 2], [3, 4], [5, 6]]);
    expect(x.sum(0).shape).toEqual([2]);
    expect(x.sum(0).tolist()).toEqual([9, 12]);
    expect(x.sum(1).shape).toEqual([3]);
    expect(x.sum(1).tolist()).toEqual([3, 7, 11]);
  });

  it('N9: keepdim is false by default', () => {
    const x = tensor([[1, 2], [3, 4], [5, 6]]);
    expect(x.sum(1).shape).toEqual(x.sum(1, false).shape);
    expect(x.sum(1).shape).not.toEqual(x.sum(1, true).shape);
  });
});

describe('broadcasting a division (N11, N12)', () => {
  it('N11: [27,27] / [27] is legal: [27] is aligned right, becomes [1,27] and is copied down the rows', () => {
    const a = Array.from({ length: 27 }, (_, i) => Array.from({ length: 27 }, (_, j) => i * 27 + j + 1));
    const b = Array.from({ length: 27 }, (_, j) => j + 1);
    const q = tensor(a, { dtype: 'float32' }).div(tensor(b, { dtype: 'float32' }));
    expect(q.shape).toEqual([27, 27]);
    const got = q.tolist() as number[][];
    for (let i = 0; i < 27; i++) for (let j = 0; j < 27; j++) expect(got[i][j]).toBe(Math.fround(a[i][j] / b[j]));
  });

  it('N11: [3,2] / [3] is illegal (2 vs 3): an error', () => {
    expect(() => tensor([[1, 2], [3, 4], [5, 6]]).div(tensor([1, 2, 3]))).toThrow(
      'div: the size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1',
    );
  });

  it('N12: the notes\' example rows [1,2,3] [4,5,6] [7,8,9] have row sums [6,15,24]', () => {
    expect(rowSums).toEqual([6, 15, 24]);
    expect(P().sum(1).tolist()).toEqual([6, 15, 24]);
    expect(P().sum(1, true).tolist()).toEqual([[6], [15], [24]]);
  });

  it('N12: P / P.sum(1, keepdim=True) stretches the column of row sums across: every row sums to 1', () => {
    const Q = P().div(P().sum(1, true));
    const got = Q.tolist() as number[][];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) expect(got[i][j]).toBe(Math.fround(rows[i][j] / rowSums[i]));
      expect(Math.abs(got[i].reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-6);
    }
    for (const s of Q.sum(1).tolist() as number[]) expect(Math.abs(s - 1)).toBeLessThan(1e-6);
  });

  it('N12: the keepdim bug: P / P.sum(1) runs, but divides column j by the sum of ROW j, so rows do not sum to 1', () => {
    const Q = P().div(P().sum(1)); // [3,3] / [3]: the sums laid out as a row, copied down
    expect(Q.shape).toEqual([3, 3]);
    const got = Q.tolist() as number[][];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(got[i][j]).toBe(Math.fround(rows[i][j] / rowSums[j]));
    // row 0: 1/6 + 2/15 + 3/24 = 0.425, not 1
    const r0 = got[0].reduce((s, v) => s + v, 0);
    expect(Math.abs(r0 - (1 / 6 + 2 / 15 + 3 / 24))).toBeLessThan(1e-6);
    for (const row of got) expect(Math.abs(row.reduce((s, v) => s + v, 0) - 1)).toBeGreaterThan(0.1);
    // it is the COLUMNS that get divided by matching sums: column j over row-sum j
    expect(got.map((r) => r[1])).toEqual([2 / 15, 5 / 15, 8 / 15].map(Math.fround));
  });
});

describe('in place or not (N13)', () => {
  it('N13: P.div_(s) works in place: the same tensor and storage, version + 1', () => {
    const p = P();
    const storage = p.storage;
    const v0 = p.version;
    const s = p.sum(1, true);
    const r = p.div_(s);
    expect(r).toBe(p);
    expect(p.storage).toBe(storage);
    expect(p.version).toBe(v0 + 1);
    expect(p.tolist()).toEqual(rows.map((row, i) => row.map((v) => Math.fround(v / rowSums[i]))));
  });

  it('N13: P.div(s) makes a new tensor with new storage; P is unchanged', () => {
    const p = P();
    const v0 = p.version;
    const q = p.div(p.sum(1, true));
    expect(q).not.toBe(p);
    expect(q.storage).not.toBe(p.storage);
    expect(p.version).toBe(v0);
    expect(p.tolist()).toEqual(rows);
    expect(q.tolist()).toEqual(rows.map((row, i) => row.map((v) => Math.fround(v / rowSums[i]))));
  });

  it('N13: div_ through a row view writes into P\'s memory', () => {
    const p = P();
    p.index(1).div_(5);
    expect(p.tolist()).toEqual([[1, 2, 3], [0.8, 1, 1.2].map(Math.fround), [7, 8, 9]]);
  });
});
