/**
 * The loops of advanced indexing's common case (`ops/indexing.ts`): `x[i₀, i₁, …, i_{k−1}]` where
 * k index tensors of one shape B index x's first k dims and the dims after them are taken whole
 * (`probs[arange(n), ys]`, the embedding `C[X]`, a batch `Xtr[ix]`). Element b of B (row-major)
 * picks the block of x at the storage position
 *
 * ```
 *   p_b = offset + i₀[b]·stride₀ + … + i_{k−1}[b]·stride_{k−1}     (a negative i counts from the end)
 * ```
 *
 * computed from the index values and x's strides as the loop goes: no broadcast copies of the
 * index tensors, no array of positions (what the general path of `ops/indexing.ts` builds). The
 * block (the dims not indexed) must be one strided run of `m` elements (`m = 1` when every dim is
 * indexed): the caller checks that. Two index tensors and one element each (`probs[arange(n), ys]`,
 * and `crossEntropy`'s `logProbs[arange(n), targets]`) have loops of their own, with the two
 * columns in local variables: the loop over a list of columns costs about twice as much per
 * element there.
 *
 * The element loads and stores see few array types (the JIT then keeps them fast): the index
 * values are always an Int32Array, and `gatherLeading` copies a float32 tensor through an
 * Int32Array view of its bits, so the lecture's float32 and int32 tensors share one loop; the
 * bits are copied unchanged (a NaN keeps its payload, as PyTorch's copy does).
 */

/** One index tensor's values in row-major order of B (`vals[at + b]`), and the dim of x it indexes. */
export interface IndexColumn {
  /** The index values (an int32 tensor's storage, or a row-major copy of a strided one). */
  readonly vals: Int32Array;
  /** Where B's first element is in `vals`. */
  readonly at: number;
  /** The size of the indexed dim (a value must lie in `[-size, size)`). */
  readonly size: number;
  /** The stride of the indexed dim (in x, or in the contiguous gradient for `scatterAddLeading`). */
  readonly stride: number;
}

/**
 * The storage position of x[i₀[b], …, i_{k−1}[b], 0, …] (see the file comment), or −1 when an
 * index value lies outside its dim.
 */
function positionOf(cols: readonly IndexColumn[], offset: number, b: number): number {
  let p = offset;
  for (let d = 0; d < cols.length; d++) {
    const c = cols[d];
    const v = c.vals[c.at + b];
    const i = v < 0 ? v + c.size : v;
    if (i < 0 || i >= c.size) return -1;
    p += i * c.stride;
  }
  return p;
}

/**
 * An Int32Array view of a float32 array's bits; other arrays as they are. A copy through it keeps
 * every bit (a float32 read as a number may have its signalling NaN made quiet, depending on
 * whether the JIT optimized the loop), and float32 and int32 copies share one array type.
 * @example asBits(Float32Array.of(1)) // Int32Array [1065353216]
 */
export function asBits(a: ArrayLike<number>): ArrayLike<number> {
  return a instanceof Float32Array ? new Int32Array(a.buffer, a.byteOffset, a.length) : a;
}

/**
 * Gather: `out[b·m + e] = x[p_b + e·runStride]` for b < n (B's elements), e < m, the bits copied.
 * Returns false when an index value lies outside its dim (then `out` is partly written and the
 * caller discards it: the general path makes the error).
 * @example gatherLeading(out, x, 0, [{ vals: Int32Array.of(0, 1), at: 0, size: 2, stride: 3 }, { vals: Int32Array.of(2, -1), at: 0, size: 3, stride: 1 }], 2, 1, 1) // out = [x[2], x[5]]
 */
export function gatherLeading(
  out: ArrayLike<number>, x: ArrayLike<number>, offset: number,
  cols: readonly IndexColumn[], n: number, m: number, runStride: number,
): boolean {
  const o = asBits(out) as { [i: number]: number }, src = asBits(x);
  if (m === 1 && cols.length === 2) return gatherPairs(o, src, offset, cols[0], cols[1], n);
  for (let b = 0, k = 0; b < n; b++) {
    const p = positionOf(cols, offset, b);
    if (p < 0) return false;
    for (let e = 0; e < m; e++) o[k++] = src[p + e * runStride];
  }
  return true;
}

/** `gatherLeading` for two index tensors and one element each: `o[b] = src[offset + i[b]·s0 + j[b]·s1]`. */
function gatherPairs(o: { [i: number]: number }, src: ArrayLike<number>, offset: number, c0: IndexColumn, c1: IndexColumn, n: number): boolean {
  const { vals: v0, at: a0, size: n0, stride: s0 } = c0, { vals: v1, at: a1, size: n1, stride: s1 } = c1;
  for (let b = 0; b < n; b++) {
    const iv = v0[a0 + b], jv = v1[a1 + b];
    const i = iv < 0 ? iv + n0 : iv, j = jv < 0 ? jv + n1 : jv;
    if (i < 0 || i >= n0 || j < 0 || j >= n1) return false;
    o[b] = src[offset + i * s0 + j * s1];
  }
  return true;
}

/**
 * Index backward's scatter: `gx[p_b + e] += g[go + b·m + e]` for b = 0, 1, …, n − 1 in order,
 * e < m, where gx is contiguous (the columns' strides are its strides; the block of m elements is
 * contiguous there) and zero-filled by the caller. A repeated position gets its gradients summed
 * in order of b, as the general path sums them. The index values were checked by the forward (and
 * again by the caller if their memory was written since: backward checks the saved index
 * tensors' versions, and `ops/indexing.ts` their storage's writes, for `.data`).
 * @example scatterAddLeading(gx, g, 0, [{ vals: Int32Array.of(1, 1), at: 0, size: 2, stride: 1 }], 2, 1) // gx[1] = g[0] + g[1]
 */
export function scatterAddLeading(
  gx: { [i: number]: number }, g: ArrayLike<number>, go: number, cols: readonly IndexColumn[], n: number, m: number,
): void {
  if (m === 1 && cols.length === 2) {
    scatterAddPairs(gx, g, go, cols[0], cols[1], n);
    return;
  }
  for (let b = 0, k = go; b < n; b++) {
    const p = positionOf(cols, 0, b);
    for (let e = 0; e < m; e++) gx[p + e] += g[k++];
  }
}

/** `scatterAddLeading` for two index tensors and one element each: `gx[i[b]·s0 + j[b]·s1] += g[go + b]`. */
function scatterAddPairs(gx: { [i: number]: number }, g: ArrayLike<number>, go: number, c0: IndexColumn, c1: IndexColumn, n: number): void {
  const { vals: v0, at: a0, size: n0, stride: s0 } = c0, { vals: v1, at: a1, size: n1, stride: s1 } = c1;
  for (let b = 0; b < n; b++) {
    const iv = v0[a0 + b], jv = v1[a1 + b];
    gx[(iv < 0 ? iv + n0 : iv) * s0 + (jv < 0 ? jv + n1 : jv) * s1] += g[go + b];
  }
}
