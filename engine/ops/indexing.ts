/**
 * `t.index(...)`: PyTorch's `t[...]`.
 *
 * Basic indexing gives a VIEW: an integer selects (removes the dim), `null` keeps a dim whole
 * (Python's `:`), `slice(start, end, step)` narrows with a step, `'...'` stands for all the
 * dims not named. `N.index(i, j)` is a 0-d view, so `N.index(i, j).add_(1)` writes into N.
 *
 * Advanced indexing gathers (a COPY): integer tensors (or arrays of integers) index dims; they
 * broadcast against each other to a shape B. If all advanced indices are next to each other, B
 * replaces those dims in place; otherwise B comes first (NumPy's and PyTorch's rule).
 * `probs.index(arange(5), ys)` is `probs[torch.arange(5), ys]`: one element per row.
 * Backward scatters the gradient back with accumulation (a repeated index gets the sum), in time
 * linear in the number of indexed elements. The common case, index tensors of one shape on the
 * leading dims (`probs[arange(n), ys]`, `C[X]`), computes each position from the index values and
 * the strides as it copies (`leadingIndex`, loops in fast/index-leading.ts); any other case
 * broadcasts the index tensors first (`generalGather`).
 */
import { Tensor } from '../tensor.js';
import { broadcastShapesFor, contiguousStrides, formatShape, numelOf, sameShape } from '../shape.js';
import { Storage } from '../storage.js';
import { forEachRow } from '../iterate.js';
import { needsGrad, record } from '../autograd/node.js';
import { select, sliceDim, unsqueeze } from './views.js';
import { asBits, gatherLeading, scatterAddLeading, type IndexColumn } from '../fast/index-leading.js';
import { deferringRows, tableRowsOf } from '../fast/table-rows.js';
import { tableGather } from '../fast/table-rows-gather.js';
import { pairGather, pairGatherGradient } from '../fast/pair-gather.js';
import { isRange } from '../fast/deferred-range.js';
import { oneEntryRows } from '../fast/one-entry-rows.js';
import { RowNumbering } from '../fast/row-numbering.js';

/** A Python slice `start:end:step` (null bounds mean "from the start" / "to the end"). */
export interface Slice {
  /** Marks the object as a slice. */
  readonly kind: 'slice';
  /** First index (negative counts from the end); null for the start. */
  readonly start: number | null;
  /** End, exclusive (negative counts from the end); null for the end. */
  readonly end: number | null;
  /** Step, ≥ 1. */
  readonly step: number;
}

/**
 * `slice(start, end, step)` = Python's `start:end:step`; `slice()` is `:`.
 * @example tensor([[1, 2, 3], [4, 5, 6]]).index(slice(), slice(1)) // tensor([[2, 3], [5, 6]])
 */
export function slice(start: number | null = null, end: number | null = null, step = 1): Slice {
  return { kind: 'slice', start, end, step };
}

/** The type of `newaxis`. */
export interface NewAxis {
  /** Marks the object as a new axis. */
  readonly kind: 'newaxis';
}

/**
 * A new axis of size 1 inside `index(...)`: PyTorch's and NumPy's `None` (`x[None, :, 1]`). In
 * `index`, `null` already means a whole dimension (Python's `:`), so the new axis has a name of
 * its own.
 *
 * @example zeros([2, 3]).index(newaxis, null, newaxis, 1).shape // [1, 2, 1]
 */
export const newaxis: NewAxis = Object.freeze({ kind: 'newaxis' as const });

/** One argument of `index(...)`. */
export type IndexArg = number | null | Slice | NewAxis | '...' | Tensor | readonly number[];

function isSlice(a: unknown): a is Slice {
  return typeof a === 'object' && a !== null && (a as Slice).kind === 'slice';
}

/** `x[args]` (see the file comment). */
export function index(x: Tensor, args0: readonly IndexArg[]): Tensor {
  const fast = integerIndex(x, args0);
  if (fast !== null) return fast;
  // a 0-d integer tensor is an integer (PyTorch: the result is a view, and the dim goes away
  // where the integer stands, not in front as an advanced index's would)
  const args = args0.map((a) => (a instanceof Tensor && a.ndim === 0 && a.dtype === 'int32' ? a.item() : a));
  // expand '...' into the right number of nulls
  const ell = args.filter((a) => a === '...').length;
  if (ell > 1) throw new RangeError('index: an index can only have a single ellipsis (\'...\')');
  const named = args.length - ell - args.filter((a) => a === newaxis).length;
  if (named > x.ndim) {
    throw new RangeError(`index: too many indices for tensor of dimension ${x.ndim} (got ${named} indices for shape ${formatShape(x.shape)})`);
  }
  const full: IndexArg[] = [];
  for (const a of args) {
    if (a === '...') for (let i = 0; i < x.ndim - named; i++) full.push(null);
    else full.push(a);
  }
  for (let i = named; i < x.ndim && ell === 0; i++) full.push(null);

  // basic pass: views; remember where the advanced indices land in the view
  let v = x;
  let dim = 0;
  const adv: { dim: number; idx: Tensor }[] = [];
  full.forEach((a, k) => {
    if (typeof a === 'number') {
      v = select(v, dim, a);
    } else if (a === null) {
      dim++;
    } else if (a === newaxis) {
      v = unsqueeze(v, dim);
      dim++;
    } else if (isSlice(a)) {
      v = sliceDim(v, dim, a.start, a.end, a.step);
      dim++;
    } else if (a instanceof Tensor || Array.isArray(a)) {
      adv.push({ dim, idx: asIndexTensor(a as Tensor | number[], k) });
      dim++;
    } else {
      throw new TypeError(`index: argument ${k} has an unsupported type (${typeof a}); use an integer, null, slice(...), '...', or an integer tensor`);
    }
  });
  return adv.length === 0 ? v : gather(v, adv);
}

/** Shape and strides of a 0-d view (the Tensor constructor copies nothing for an empty list). */
const NO_DIMS: readonly number[] = [];

/**
 * The common small case `N.index(i, j)` (only integers, in range, nothing to record): the view
 * that the chain of `select`s below would give, built directly. Null when the general path
 * must run (it also produces the error messages).
 */
function integerIndex(x: Tensor, args: readonly IndexArg[]): Tensor | null {
  const k = args.length;
  const { shape, strides } = x;
  if (k === 0 || k > shape.length || needsGrad(x)) return null;
  let offset = x.offset;
  for (let d = 0; d < k; d++) {
    const a = args[d];
    if (typeof a !== 'number' || !Number.isInteger(a)) return null;
    const size = shape[d];
    if (a < -size || a >= size) return null;
    offset += (a < 0 ? a + size : a) * strides[d];
  }
  const all = k === shape.length; // a 0-d view: nothing left to slice
  const out = new Tensor(x.storage, all ? NO_DIMS : shape.slice(k), all ? NO_DIMS : strides.slice(k), offset, x.base ?? x);
  if (x.multiOutput !== null) out.multiOutput = { index: 0, recorded: x.multiOutput.recorded }; // a view of a split piece is one too
  return out;
}

function asIndexTensor(a: Tensor | readonly number[], k: number): Tensor {
  const t = a instanceof Tensor ? a : Tensor.fromArray(Int32Array.from(a as number[], (v) => {
    if (!Number.isInteger(v)) throw new TypeError(`index: tensors used as indices must be integer tensors; argument ${k} contains ${v}`);
    return v;
  }), [(a as number[]).length], 'int32');
  if (t.dtype === 'bool') {
    throw new TypeError(`index: boolean mask indexing is not supported (argument ${k}); convert the mask to integer positions first`);
  }
  if (t.dtype !== 'int32') {
    throw new TypeError(`index: tensors used as indices must be long, int, byte or bool tensors; argument ${k} is ${t.dtype}`);
  }
  return t;
}

/** The elements of `t` in row-major order as (array, start): its own storage when contiguous, else a copy. */
function rowMajorValues(t: Tensor): [ArrayLike<number>, number] {
  return t.isContiguous() ? [t.storage.data, t.offset] : [t.toTypedArray(), 0];
}

/** `n` zeroed positions into an array of `length` elements: int32 when they fit, else float64. */
function positionArray(n: number, length: number): Int32Array | Float64Array {
  return length < 2 ** 31 ? new Int32Array(n) : new Float64Array(n);
}

/**
 * `zo[b] += i·stride` for each index value i = vals[vo + b] (a negative one counts from the end
 * of its dim of `size`), b < n. A function of its own, and `scatterAdd` too: each sees the same
 * few array types (int32 indices and positions), so the JIT keeps its element loads fast, where
 * the loops inlined in the backward closure saw every dtype of the program and were several
 * times slower.
 */
function addPositions(zo: Int32Array | Float64Array, vals: ArrayLike<number>, vo: number, n: number, size: number, stride: number): void {
  for (let b = 0; b < n; b++) {
    const i = vals[vo + b];
    zo[b] += (i < 0 ? i + size : i) * stride;
  }
}

/** `x[zo[b]] += g[go + b]` for b < n, in order (index backward's scatter when every dim is indexed). */
function scatterAdd(x: { [i: number]: number }, zo: Int32Array | Float64Array, g: ArrayLike<number>, go: number, n: number): void {
  for (let b = 0; b < n; b++) x[zo[b]] += g[go + b];
}

/**
 * `x[i·s0 + j·s1] += g[go + b]` for b < n, in order, with i = v0[o0 + b] and j = v1[o1 + b] (a
 * negative index counts from the end of its dim of size0, size1): the scatter of `scatterAdd` for
 * two index tensors, its positions computed as it goes.
 */
function scatterAdd2(
  x: { [i: number]: number }, g: ArrayLike<number>, go: number, n: number,
  v0: ArrayLike<number>, o0: number, size0: number, s0: number, v1: ArrayLike<number>, o1: number, size1: number, s1: number,
): void {
  for (let b = 0; b < n; b++) {
    const i = v0[o0 + b], j = v1[o1 + b];
    x[(i < 0 ? i + size0 : i) * s0 + (j < 0 ? j + size1 : j) * s1] += g[go + b];
  }
}

/**
 * For index backward: a check that the index tensors' values are still in range when backward
 * runs. PyTorch's backward uses their values at that time and raises "index 5 is out of bounds
 * for dimension 1 with size 3" if one is out of range. Their versions are checked (they are
 * saved), but a write through `.data` counts only as a storage write, and a write into the raw
 * typed array is seen by no counter at all; the scatters do not check positions. So every
 * backward that scatters checks the values first (one pass over each index tensor); the pair
 * path (fast/pair-gather.ts) instead compares each value with the forward's.
 */
function checkIndices(v: Tensor, adv: readonly { dim: number; idx: Tensor }[]): void {
  adv.forEach(({ dim, idx }) => {
    const size = v.shape[dim], [vals, at] = rowMajorValues(idx), n = idx.numel();
    for (let b = 0; b < n; b++) {
      const i = vals[at + b];
      if (i < -size || i >= size) {
        throw new RangeError(`index ${i} is out of bounds for dimension ${dim} with size ${size} (tensor of shape ${formatShape(v.shape)})`);
      }
    }
  });
}

/** Advanced indexing on the view `v`: gather along the indexed dims. */
function gather(v: Tensor, adv: { dim: number; idx: Tensor }[]): Tensor {
  return leadingIndex(v, adv) ?? generalGather(v, adv);
}

/**
 * The number of elements m and the stride of the dims of `v` from `first` on when they form one
 * strided run (size-1 dims aside): the block `x[i₀, …, i_{k−1}]` that `gatherLeading` copies. Null
 * when they do not (a transposed or sliced view whose remaining dims have gaps).
 */
function trailingRun(v: Tensor, first: number): { m: number; stride: number } | null {
  let m = 1, stride = 1, next = -1; // next: the stride the previous (outer) dim must have
  for (let d = v.ndim - 1; d >= first; d--) {
    const size = v.shape[d];
    if (size === 1) continue;
    if (next === -1) stride = v.strides[d];
    else if (v.strides[d] !== next) return null;
    m *= size;
    next = v.strides[d] * size;
  }
  return { m, stride };
}

/** Each index tensor as a column of `gatherLeading`: its values row-major, the size of its dim and `strides[dim]`. */
function indexColumns(v: Tensor, adv: readonly { dim: number; idx: Tensor }[], strides: readonly number[]): IndexColumn[] {
  return adv.map(({ dim, idx }) => {
    const [vals, at] = rowMajorValues(idx); // int32: an Int32Array
    return { vals: vals as Int32Array, at, size: v.shape[dim], stride: strides[dim] };
  });
}

/**
 * The common case of advanced indexing, `v[i₀, …, i_{k−1}]` with index tensors of one shape B on
 * the first k dims and the other dims one strided run (`probs[arange(n), ys]`, `C[X]`): the
 * positions come straight from the index values and v's strides (fast/index-leading.ts), without
 * the general path's broadcast index copies and arrays of positions. The result, `[...B, ...rest]`,
 * and the gradient are the general path's, bit for bit. Null when the case does not apply, or when
 * an index value is out of range (the general path then throws its error).
 */
function leadingIndex(v: Tensor, adv: readonly { dim: number; idx: Tensor }[]): Tensor | null {
  const B = adv[0].idx.shape;
  if (!adv.every((a, d) => a.dim === d && sameShape(a.idx.shape, B))) return null;
  const run = trailingRun(v, adv.length);
  if (run === null) return null;
  const nB = numelOf(B), { m } = run;
  // probs[arange(n), ys] of table rows: kept as table rows of pairs (fast/pair-gather.ts)
  const result = pairOf(v, adv, nB) ?? gatherInto(v, indexColumns(v, adv, v.strides), nB, [...B, ...v.shape.slice(adv.length)], run);
  if (result === null) return null;
  return record(result, 'IndexBackward0', [v], (g) => {
    // probs[arange(n), ys] of table rows, its indices read again and the same: numbered by pair
    const byPair = pairGradient(v, adv, g);
    if (byPair !== null) return [byPair];
    checkIndices(v, adv);
    // out[b, r] = v[i₀[b], …, i_{k−1}[b], r], so ∂out[b, r]/∂v[j, r] is 1 where (i₀[b], …) = j:
    // grad_v[j, r] = Σ_b g[b, r]·[(i₀[b], …) = j], zeros with g added at the indices in order of b
    const oneEntry = oneEntryGradient(v, adv, g); // probs[arange(n), ys]: one value per row, kept so
    if (oneEntry !== null) return [oneEntry];
    const gx = new Tensor(Storage.alloc(g.dtype, v.numel()), v.shape);
    const [gd, go] = rowMajorValues(g);
    scatterAddLeading(gx.storage.data, gd, go, indexColumns(v, adv, contiguousStrides(v.shape)), nB, m);
    return [gx];
  }, adv.map((a) => a.idx)); // saved: modifying an index tensor before backward is an error
}

/**
 * `v[i₀, i₁]` by `pairGather` (its case: 1-D indices, v table rows), or null.
 */
function pairOf(v: Tensor, adv: readonly { dim: number; idx: Tensor }[], n: number): Tensor | null {
  if (tableRowsOf(v) === null) return null;
  const cols = pairColumns(v, adv, n);
  return cols === null ? null : pairGather(v, cols.rowIndex, cols.classIndex, n);
}

/**
 * The gradient of `pairOf`'s gather when g is table rows over its pairs and the indices are still
 * what they were (`pairGatherGradient`), or null.
 */
function pairGradient(v: Tensor, adv: readonly { dim: number; idx: Tensor }[], g: Tensor): Tensor | null {
  if (tableRowsOf(g) === null) return null;
  const cols = pairColumns(v, adv, v.shape[0]);
  return cols === null ? null : pairGatherGradient(v, cols.rowIndex, cols.classIndex, g);
}

/**
 * The two index columns of the pair gather when there are two 1-D index tensors; i₀ is null when
 * it is a deferred `arange(n)` (fast/deferred-range.ts), known without reading it.
 */
function pairColumns(v: Tensor, adv: readonly { dim: number; idx: Tensor }[], n: number): { rowIndex: IndexColumn | null; classIndex: IndexColumn } | null {
  if (adv.length !== 2 || adv[0].idx.ndim !== 1 || adv[1].idx.ndim !== 1) return null;
  const rowIndex = isRange(adv[0].idx, n) ? null : indexColumns(v, adv.slice(0, 1), v.strides)[0];
  return { rowIndex, classIndex: indexColumns(v, adv.slice(1), v.strides)[0] };
}

/** `gatherLeading` (or `tableGather` when v is table rows) of nB blocks into a new tensor of `shape`; null when an index is out of range. */
function gatherInto(v: Tensor, cols: readonly IndexColumn[], nB: number, shape: number[], run: { m: number; stride: number }): Tensor | null {
  const out = Storage.allocUnfilled(v.dtype, nB * run.m); // every element is written
  const fromTable = tableGather(out.data, v, cols, nB, run.m, run.stride); // v is table rows: read its table (fast/table-rows.ts)
  if (!(fromTable ?? gatherLeading(out.data, v.storage.data, v.offset, cols, nB, run.m, run.stride))) {
    out.release(); // an index out of range: nothing was made
    return null;
  }
  return new Tensor(out, shape);
}

/**
 * The gradient of `v[i₀, i₁]` for a 2-D float32 v when i₀ is `arange(n)` (each row indexed once,
 * in order, `probs[arange(n), ys]`) as one-entry rows (fast/one-entry-rows.ts): row b holds
 * `0 + g[b]` in column i₁[b] (what adding g[b] into a zero makes: −0 becomes +0), zeros elsewhere.
 * Null in any other case (the caller scatters into full-size zeros).
 */
function oneEntryGradient(v: Tensor, adv: readonly { dim: number; idx: Tensor }[], g: Tensor): Tensor | null {
  if (v.ndim !== 2 || adv.length !== 2 || g.dtype !== 'float32' || g.ndim !== 1 || !deferringRows('float32', v.numel())) return null;
  const n = v.shape[0], width = v.shape[1];
  if (g.shape[0] !== n) return null;
  const [v0, o0] = rowMajorValues(adv[0].idx), [v1, o1] = rowMajorValues(adv[1].idx), [gd, go] = rowMajorValues(g);
  const cols = new Int32Array(n), values = new Float32Array(n);
  for (let b = 0; b < n; b++) {
    if (v0[o0 + b] !== b && v0[o0 + b] !== b - n) return null; // not arange(n)
    const j = v1[o1 + b];
    cols[b] = j < 0 ? j + width : j;
    values[b] = 0 + gd[go + b];
  }
  // v is table rows (probs): the rows numbered for the softmax's backward (fast/row-numbering.ts)
  const rows = tableRowsOf(v);
  const numbering = rows === null ? null : new RowNumbering(rows.index, rows.table.shape[0], width);
  const numbered = numbering !== null && numbering.addAll(cols, new Int32Array(values.buffer));
  return oneEntryRows(cols, values, width, numbered ? numbering : null);
}

/** Advanced indexing, any case: broadcast the index tensors, gather, move B where the indices stood. */
function generalGather(v: Tensor, adv: { dim: number; idx: Tensor }[]): Tensor {
  const B = broadcastShapesFor('index (broadcasting the index tensors)', adv.map((a) => a.idx.shape));
  const nB = numelOf(B);
  const advDims = adv.map((a) => a.dim);
  const rest = v.shape.map((_, i) => i).filter((i) => !advDims.includes(i));
  const restShape = rest.map((i) => v.shape[i]);
  const restStrides = rest.map((i) => v.strides[i]);
  const nRest = numelOf(restShape);

  // the storage offset each element of B points at (checked against the dim sizes)
  // (int32 positions when they fit: a typed-array index that is a double is a slow lookup)
  const offsets = positionArray(nB, v.storage.length);
  offsets.fill(v.offset);
  adv.forEach(({ dim, idx }) => {
    const size = v.shape[dim];
    const [vals, vo] = rowMajorValues(idx.expand(B)); // whatever the index tensor's offset and strides
    const stride = v.strides[dim];
    for (let b = 0; b < nB; b++) {
      let i = vals[vo + b];
      if (i < -size || i >= size) {
        throw new RangeError(`index ${i} is out of bounds for dimension ${dim} with size ${size} (tensor of shape ${formatShape(v.shape)})`);
      }
      if (i < 0) i += size;
      offsets[b] += i * stride;
    }
  });

  // gather: result laid out as B + rest (row-major)
  const out = Storage.allocUnfilled(v.dtype, nB * nRest); // every element is written
  const od = asBits(out.data) as { [i: number]: number }, vd = asBits(v.storage.data); // copies of the bits
  if (rest.length === 0) {
    for (let b = 0; b < nB; b++) od[b] = vd[offsets[b]];
  } else {
    let k = 0;
    for (let b = 0; b < nB; b++) {
      forEachRow(restShape, [restStrides], [offsets[b]], (n, p, s) => {
        for (let i = 0; i < n; i++, p += s) od[k++] = vd[p];
      });
    }
  }
  let result = new Tensor(out, [...B, ...restShape]);

  // adjacent advanced dims: B goes where they were (a permutation of B + rest)
  const adjacent = advDims.every((d, i) => i === 0 || d === advDims[i - 1] + 1);
  let perm: number[] | null = null;
  if (adjacent && advDims[0] > 0) {
    const before = rest.filter((d) => d < advDims[0]).length;
    const nb = B.length;
    perm = [];
    for (let i = 0; i < before; i++) perm.push(nb + i);
    for (let i = 0; i < nb; i++) perm.push(i);
    for (let i = before; i < rest.length; i++) perm.push(nb + i);
    result = result.permute(perm).contiguous();
  }

  return record(result, 'IndexBackward0', [v], (g) => {
    checkIndices(v, adv); // their values now (see checkIndices)
    // each output element is one element of v, so ∂out/∂v is 1 there and 0 elsewhere:
    // grad_v = zeros of v's shape with g added at the gathered positions (a repeated index gets the sum)
    // undo the permutation so g is laid out as B + rest, then scatter-add
    let gg = g;
    if (perm) {
      const inv = new Array<number>(perm.length);
      perm.forEach((p, i) => (inv[p] = i));
      gg = g.permute(inv);
    }
    const [gd, go] = rowMajorValues(gg);
    const gx = new Tensor(Storage.alloc(g.dtype, v.numel()), v.shape);
    // positions in gx: same offsets but relative to a contiguous tensor of v's shape
    const cs = contiguousStrides(v.shape);
    if (rest.length === 0 && adv.length === 2) {
      // two index tensors and nothing else (probs[arange(n), ys]): the positions computed as the
      // scatter runs, without the array of positions
      const [v0, o0] = rowMajorValues(adv[0].idx.expand(B)), [v1, o1] = rowMajorValues(adv[1].idx.expand(B));
      scatterAdd2(gx.storage.data, gd, go, nB, v0, o0, v.shape[adv[0].dim], cs[adv[0].dim], v1, o1, v.shape[adv[1].dim], cs[adv[1].dim]);
      return [gx];
    }
    const zo = positionArray(nB, v.numel());
    adv.forEach(({ dim, idx }) => {
      const [vals, vo] = rowMajorValues(idx.expand(B));
      addPositions(zo, vals, vo, nB, v.shape[dim], cs[dim]);
    });
    const xd = gx.storage.data;
    const rs = rest.map((i) => cs[i]);
    if (rest.length === 0) {
      scatterAdd(xd, zo, gd, go, nB); // one element per index (probs[arange(n), ys])
    } else {
      let k = 0;
      for (let b = 0; b < nB; b++) {
        forEachRow(restShape, [rs], [zo[b]], (n, p, s) => {
          for (let i = 0; i < n; i++, p += s) xd[p] += gd[go + k++];
        });
      }
    }
    return [gx];
  }, adv.map((a) => a.idx)); // saved: modifying an index tensor before backward is an error
}
