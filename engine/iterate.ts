/**
 * Strided loops: visit every element of up to three same-shaped operands (an output and one or
 * two inputs, each with its own strides and offset) without per-element index arithmetic.
 *
 * The shape is first simplified: size-1 dimensions are dropped and neighbouring dimensions that
 * are laid out one after the other in every operand are merged, so a contiguous tensor of any
 * shape becomes a single run of `numel` elements. The remaining outer dimensions are walked with
 * an odometer that moves each operand's position by its stride (incrementally, no
 * multiplication), and the caller's `row` function gets one call per innermost run with the
 * start position and stride of each operand. The inner loop lives in `row`, where the op is
 * known, so it is a tight loop the JIT can optimise.
 */
import { isRowMajor, type Shape } from './shape.js';

/** One call per innermost run: `n` elements; operand k starts at `pk` and steps by `sk`. */
export type RowFn = (n: number, p0: number, s0: number, p1: number, s1: number, p2: number, s2: number) => void;

interface Plan {
  shape: number[];
  strides: number[][]; // per operand, same length as shape
}

/** Drop size-1 dims and merge dims that are contiguous with each other in every operand. */
function simplify(shape: Shape, strides: (readonly number[])[]): Plan {
  const k = strides.length;
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d];
    if (size === 1) continue;
    const last = outShape.length - 1;
    let merge = last >= 0;
    for (let o = 0; o < k && merge; o++) {
      // previous (outer) dim stride must equal this stride times this size
      if (outStrides[o][last] !== strides[o][d] * size) merge = false;
    }
    if (merge) {
      outShape[last] *= size;
      for (let o = 0; o < k; o++) outStrides[o][last] = strides[o][d];
    } else {
      outShape.push(size);
      for (let o = 0; o < k; o++) outStrides[o].push(strides[o][d]);
    }
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * Call `row` once per innermost run of `shape`, for 1–3 operands given by their strides and
 * offsets. With zero elements `row` is never called.
 */
export function forEachRow(shape: Shape, strides: (readonly number[])[], offsets: readonly number[], row: RowFn): void {
  const p0 = offsets[0], p1 = offsets[1] ?? 0, p2 = offsets[2] ?? 0;
  // fast paths, no allocation: a 0-d tensor (one element), and operands that are all laid out
  // row-major without gaps (one run of numel elements)
  if (shape.length === 0) {
    row(1, p0, 0, p1, 0, p2, 0);
    return;
  }
  let numel = 1;
  for (let d = 0; d < shape.length; d++) numel *= shape[d];
  if (numel === 0) return;
  let allContiguous = true;
  for (let o = 0; o < strides.length && allContiguous; o++) allContiguous = isRowMajor(shape, strides[o]);
  if (allContiguous) {
    row(numel, p0, 1, p1, strides.length > 1 ? 1 : 0, p2, strides.length > 2 ? 1 : 0);
    return;
  }
  walk(shape, strides, p0, p1, p2, row);
}

/** The general case: simplify the shape, then an odometer over the outer dims. */
function walk(shape: Shape, strides: (readonly number[])[], p0: number, p1: number, p2: number, row: RowFn): void {
  const plan = simplify(shape, strides);
  const nd = plan.shape.length;
  const st = plan.strides;
  const s0 = st[0], s1 = st[1] ?? [], s2 = st[2] ?? [];
  if (nd === 0) {
    row(1, p0, 0, p1, 0, p2, 0);
    return;
  }
  const inner = plan.shape[nd - 1];
  const i0 = s0[nd - 1], i1 = s1[nd - 1] ?? 0, i2 = s2[nd - 1] ?? 0;
  if (nd === 1) {
    row(inner, p0, i0, p1, i1, p2, i2);
    return;
  }
  // odometer over the outer dims [0, nd-1)
  const outer = nd - 1;
  const counter = new Array<number>(outer).fill(0);
  for (;;) {
    row(inner, p0, i0, p1, i1, p2, i2);
    let d = outer - 1;
    for (; d >= 0; d--) {
      counter[d]++;
      p0 += s0[d];
      if (s1.length) p1 += s1[d];
      if (s2.length) p2 += s2[d];
      if (counter[d] < plan.shape[d]) break;
      // wrap this digit: undo its full travel
      counter[d] = 0;
      p0 -= s0[d] * plan.shape[d];
      if (s1.length) p1 -= s1[d] * plan.shape[d];
      if (s2.length) p2 -= s2[d] * plan.shape[d];
    }
    if (d < 0) return;
  }
}
