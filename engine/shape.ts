/**
 * Shapes and strides: the arithmetic that turns an n-dimensional index into a position in a flat
 * storage, and NumPy's broadcasting rule.
 *
 * A tensor of shape [3, 4] stored row by row has strides [4, 1]: element (i, j) lives at
 * `offset + 4*i + 1*j`. A view changes only shape, strides and offset, never the storage.
 */

/** A tensor's shape: one size per dimension. `[]` is a 0-d (scalar) tensor. */
export type Shape = readonly number[];

/** Number of elements of a shape (1 for `[]`). */
export function numelOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major ("C-contiguous") strides of a shape: the last dimension moves fastest. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i], 1);
  }
  return strides;
}

/**
 * True when `strides` lay `shape` out row-major with no gaps (size-1 dims may have any stride).
 * The engine's one contiguity check: `Tensor.isContiguous`, `forEachRow`'s one-run fast path and
 * the SIMD drivers' full layout all ask it.
 * @example isRowMajor([2, 3], [3, 1]) // true; isRowMajor([2, 3], [1, 2]) is false (a transpose)
 */
export function isRowMajor(shape: Shape, strides: readonly number[]): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] === 1) continue;
    if (strides[d] !== expected) return false;
    expected *= shape[d];
  }
  return true;
}

/** `[3, 2]` printed as PyTorch prints sizes in messages: `[3, 2]`. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Check that `shape` is a list of non-negative integers, naming the operation on error. */
export function checkShape(shape: readonly unknown[], op: string): number[] {
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new RangeError(`${op}: invalid shape [${shape.map(String).join(', ')}]: every size must be a non-negative integer, got ${String(d)}`);
    }
  }
  return shape as number[];
}

/**
 * Wrap a possibly negative dimension into [0, ndim). `dim = -1` is the last dimension.
 * `ndim` may be 0 for a 0-d tensor, in which case -1 and 0 are accepted (as PyTorch does).
 */
export function normalizeDim(dim: number, ndim: number, op: string): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    throw new RangeError(`${op}: dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** Right-align shapes for display: `[3, 2]` and `[3]` become `[3, 2]` and `[   3]`. */
function alignedRows(shapes: Shape[]): string[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  const width = Math.max(1, ...shapes.flatMap((s) => s.map((d) => String(d).length)));
  return shapes.map((s) => {
    const cells: string[] = [];
    for (let i = 0; i < rank; i++) {
      const j = i - (rank - s.length);
      cells.push(j < 0 ? ' '.repeat(width) : String(s[j]).padStart(width));
    }
    return `[${cells.join('  ')}]`;
  });
}

/**
 * The broadcast shape of several shapes (NumPy's rule, notes N10): align the shapes from the
 * right; walking right to left, each pair of sizes must be equal, or one of them is 1, or one of
 * them does not exist. The result takes the larger size at each position.
 *
 * @example broadcastShapes([27, 27], [27]) // [27, 27]  (N11)
 * @throws RangeError naming the conflicting dimension, with the shapes aligned from the right.
 */
export function broadcastShapes(...shapes: Shape[]): number[] {
  return broadcastShapesFor('broadcastShapes', shapes);
}

/** `broadcastShapes` with the operation's name in the error message. */
export function broadcastShapesFor(op: string, shapes: Shape[]): number[] {
  const rank = shapes.reduce((r, s) => Math.max(r, s.length), 0);
  const out = new Array<number>(rank).fill(1);
  // right to left, as the rule says (and PyTorch does): the rightmost clash is the one reported
  for (let pos = rank - 1; pos >= 0; pos--) {
    for (let k = 0; k < shapes.length; k++) {
      const s = shapes[k];
      const i = pos - (rank - s.length);
      if (i < 0) continue;
      const d = s[i];
      if (d === out[pos]) continue;
      if (out[pos] === 1) out[pos] = d;
      else if (d !== 1) throw broadcastError(op, shapes, k, pos, rank);
    }
  }
  return out;
}

function broadcastError(op: string, shapes: Shape[], k: number, pos: number, rank: number): RangeError {
  // find the earlier shape that set the conflicting size
  const names = shapes.map((_, i) => (shapes.length <= 26 ? String.fromCharCode(97 + i) : `#${i}`));
  const sizeAt = (s: Shape) => s[pos - (rank - s.length)];
  const j = shapes.findIndex((s, i) => i < k && pos - (rank - s.length) >= 0 && sizeAt(s) !== 1);
  const da = sizeAt(shapes[j]);
  const db = sizeAt(shapes[k]);
  const rows = alignedRows(shapes);
  const table = rows.map((r, i) => `    ${names[i]}: ${r}`).join('\n');
  // the dimension index PyTorch reports counts from the left of the broadcast result
  return new RangeError(
    `${op}: the size of tensor ${names[j]} (${da}) must match the size of tensor ${names[k]} (${db}) at non-singleton dimension ${pos}\n` +
      `  shapes aligned from the right (sizes must be equal, 1, or missing):\n${table}\n` +
      `  dimension ${pos} (counting from the left of the result, ${pos - rank} from the right) has ${da} vs ${db}`,
  );
}

/**
 * For learners: explain how two shapes broadcast. Returns the right-aligned table, the result
 * shape, and for each operand which dimensions are stretched (size 1 or missing, copied along
 * the other's size). Applied to `P` ([27, 27]) and `P.sum(1)` ([27]) it shows why N12's bug is
 * legal: `[27]` becomes a ROW `[1, 27]` copied down the rows, so column j is divided by the sum
 * of row j.
 *
 * @example console.log(explainBroadcast([27, 27], [27])) // [27] is a row [1, 27], copied down the 27 rows
 */
export function explainBroadcast(a: Shape | { shape: Shape }, b: Shape | { shape: Shape }): string {
  const sa = 'shape' in a ? a.shape : a;
  const sb = 'shape' in b ? b.shape : b;
  const rank = Math.max(sa.length, sb.length);
  const rows = alignedRows([sa, sb]);
  const lines = [`aligned from the right:`, `  a:      ${rows[0]}`, `  b:      ${rows[1]}`];
  let result: number[];
  try {
    result = broadcastShapes(sa, sb);
  } catch (e) {
    lines.push(`  not broadcastable: ${(e as Error).message.split('\n')[0].replace(/^broadcastShapes: /, '')}`);
    return lines.join('\n');
  }
  lines.push(`  result: ${alignedRows([result, result])[0]}`);
  const explain = (name: string, s: Shape) => {
    for (let pos = 0; pos < rank; pos++) {
      const i = pos - (rank - s.length);
      if (result[pos] === 1) continue;
      if (i < 0) lines.push(`  ${name} has no dimension ${pos}: it is treated as size 1 and copied ${result[pos]} times along it`);
      else if (s[i] === 1) lines.push(`  ${name}'s dimension ${pos} has size 1: it is stretched (copied) to ${result[pos]}`);
    }
  };
  explain('a', sa);
  explain('b', sb);
  if (sb.length < sa.length && sb.length > 0) {
    lines.push(`  note: b ${formatShape(sb)} lines up with the LAST ${sb.length} dimension(s) of a; ` +
      `to line it up with the first, keep the reduced dimension (sum(dim, true)) or unsqueeze it`);
  }
  return lines.join('\n');
}

/**
 * Strides of `shape` seen as a view of a tensor with `fromShape`/`fromStrides` after
 * `expand`: broadcast dimensions (missing or size 1 that grow) get stride 0.
 */
export function expandStrides(fromShape: Shape, fromStrides: readonly number[], shape: Shape): number[] {
  const rank = shape.length;
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const j = i - (rank - fromShape.length);
    if (j < 0) out[i] = 0;
    else if (fromShape[j] === shape[i]) out[i] = fromStrides[j];
    else out[i] = 0; // fromShape[j] === 1, stretched
  }
  return out;
}

/** True if two shapes are equal. */
export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
