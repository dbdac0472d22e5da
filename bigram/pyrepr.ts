/**
 * Python's `repr` for the few plain values the lecture prints (lists of strings and numbers,
 * tuples), so the lecture script's output reads like the notebook's.
 */

/** A value printable the Python way. */
export type PyValue = string | number | boolean | null | PyValue[] | { tuple: PyValue[] };

/** `repr(x)`: strings in single quotes, lists in brackets, tuples in parentheses. */
export function pyRepr(x: PyValue): string {
  if (typeof x === 'string') return `'${x.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof x === 'number') return Number.isInteger(x) ? String(x) : pyFloat(x);
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  if (x === null) return 'None';
  if (Array.isArray(x)) return `[${x.map(pyRepr).join(', ')}]`;
  const items = x.tuple.map(pyRepr);
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/**
 * Python's shortest round-trip repr of a double (`0.1`, `1e-05`, `inf`), as the notebook prints floats.
 * @example pyFloat(1e-5) // '1e-05'
 */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  const s = String(x);
  // JS writes 1e-7 and 1.5e+21; Python writes 1e-07 and 1.5e+21
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** `torch.Size([27, 1])`. */
export function torchSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}
