/**
 * Printing a tensor exactly as PyTorch 1.13.1 prints `str(t)` with the default print options.
 *
 * The algorithm (a re-implementation of torch/_tensor_str.py) has four steps:
 *
 * 1. **Summarise.** A tensor with more than `threshold` (1000) elements is summarised: along
 *    every dimension longer than `2 * edgeitems`, only the first and last `edgeitems` (3)
 *    entries are shown, with `...` in between.
 *
 * 2. **Choose one number format for the whole tensor**, looking only at the elements that will
 *    be shown (PyTorch's `_Formatter`):
 *    - bool prints `True`/`False`, integers print as plain decimals;
 *    - for floats, take the nonzero finite values (zeros, inf and nan don't vote). If they are
 *      all whole numbers we are in *int mode* (`1.`, `2.`); otherwise *fixed mode* with 4
 *      decimals (`0.6064`). Either mode switches to *scientific mode* (`1.0000e-08`) when
 *      max/min > 1000 or max > 1e8, and fixed mode also when min < 1e-4 (|x| throughout);
 *    - every element is left-padded with spaces to the widest shown nonzero finite element.
 *    Numbers are formatted as Python does (`'{:.4f}'`, `'{:.4e}'`): from the exact binary
 *    value, rounding ties to even, with an exponent of at least two digits.
 *
 * 3. **Lay out.** A 1-D row is `[a, b, c]`, wrapped so that a line holds
 *    `floor((linewidth - indent) / (width + 2))` elements. Higher dimensions nest rows in
 *    brackets; slices of a d-dimensional block are separated by `,` plus d-1 newlines (so
 *    3-D slices have a blank line between them) and indented one column per nesting level.
 *
 * 4. **Suffixes.** `tensor(` ... `)` plus, as needed, `size=(...)` and `dtype=...` for empty
 *    tensors, `dtype=torch.float64` for doubles, then `grad_fn=<...>` or `requires_grad=True`.
 *    A suffix moves to its own line when the last line would grow past `linewidth`.
 *
 * Dtype suffixes follow this project's defaults: float32 is the default float dtype and int32
 * plays the role of PyTorch's int64 (the default integer dtype), so neither prints a suffix.
 */

/** The dtypes that can be printed. */
export type PrintDType = 'float32' | 'float64' | 'int32' | 'bool';

/** Autograd information shown after the values. */
export interface FormatOptions {
  /** The tensor requires grad (printed as `requires_grad=True` when there is no `gradFn`). */
  requiresGrad?: boolean;
  /** Name of the node that produced the tensor, e.g. `'MeanBackward0'` (printed as `grad_fn=<...>`). */
  gradFn?: string;
}

/** PyTorch's default print options (`torch.set_printoptions(profile='default')`). */
export const PRINT_OPTIONS = Object.freeze({
  /** Digits after the decimal point in fixed and scientific mode. */
  precision: 4,
  /** Tensors with more elements than this are summarised. */
  threshold: 1000,
  /** Entries kept at each end of a summarised dimension. */
  edgeitems: 3,
  /** Target line width in characters. */
  linewidth: 80,
});

const PREFIX = 'tensor(';

// ---------------------------------------------------------------------------------------------
// 1. Python's float formatting, exactly
// ---------------------------------------------------------------------------------------------

/** Exact decimal expansion of a finite double: `|x| = digits / 10^scale`. */
function exactDecimal(x: number): { digits: bigint; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biasedExponent = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  // Normal numbers have an implicit leading 1 bit; subnormals share the smallest exponent.
  const mantissa = biasedExponent === 0 ? fraction : fraction | (1n << 52n);
  const exponent = Math.max(biasedExponent, 1) - 1075; // |x| = mantissa * 2^exponent
  if (exponent >= 0) return { digits: mantissa << BigInt(exponent), scale: 0 };
  // m / 2^k = m * 5^k / 10^k
  return { digits: mantissa * 5n ** BigInt(-exponent), scale: -exponent };
}

/** `n / d` for non-negative `n`, rounded to the nearest integer, ties to even. */
function divRoundHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const twiceRemainder = 2n * (n % d);
  if (twiceRemainder > d || (twiceRemainder === d && q % 2n === 1n)) return q + 1n;
  return q;
}

/** Python's spelling of nan and infinities, or undefined for finite numbers. */
function nonFiniteText(x: number): string | undefined {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return undefined;
}

/** `'-'` for negative numbers and negative zero, as Python prints them. */
function signText(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

/**
 * Python's `'{:.<digits>f}'.format(x)`: fixed notation, correctly rounded from the exact binary
 * value with ties to even (JS `toFixed` rounds ties away from zero), `-` kept on negative zero.
 */
export function formatFixed(x: number, digits: number): string {
  const special = nonFiniteText(x);
  if (special !== undefined) return special;
  const { digits: d, scale } = exactDecimal(x);
  const n =
    scale <= digits
      ? d * 10n ** BigInt(digits - scale)
      : divRoundHalfEven(d, 10n ** BigInt(scale - digits));
  const s = n.toString().padStart(digits + 1, '0');
  const body = digits > 0 ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
  return signText(x) + body;
}

/**
 * Python's `'{:.<digits>e}'.format(x)`: one digit before the point, `digits` after, correctly
 * rounded with ties to even, and an exponent of at least two digits (`1.0000e+03`).
 */
export function formatScientific(x: number, digits: number): string {
  const special = nonFiniteText(x);
  if (special !== undefined) return special;
  let mantissa = 0n;
  let exponent = 0;
  if (x !== 0) {
    const { digits: d, scale } = exactDecimal(x);
    const length = d.toString().length;
    exponent = length - 1 - scale;
    const extra = length - (digits + 1); // digits beyond the ones we keep
    if (extra > 0) {
      mantissa = divRoundHalfEven(d, 10n ** BigInt(extra));
      if (mantissa.toString().length > digits + 1) {
        mantissa /= 10n; // rounded up to a power of ten: 9.99995 -> 10.0000 -> 1.0000e+01
        exponent += 1;
      }
    } else {
      mantissa = d * 10n ** BigInt(-extra);
    }
  }
  const m = mantissa.toString().padStart(digits + 1, '0');
  const body = digits > 0 ? `${m[0]}.${m.slice(1)}` : m;
  const exponentText = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return `${signText(x)}${body}e${exponentText}`;
}

// ---------------------------------------------------------------------------------------------
// 2. One element format for the whole tensor (PyTorch's _Formatter)
// ---------------------------------------------------------------------------------------------

/** Formats single elements, all padded to the same width. */
interface ElementFormatter {
  /** Width every element is padded to (wider elements, like `-0.0000`, are not cut). */
  readonly width: number;
  format(value: number): string;
}

/** How float elements are written. */
type FloatMode = 'int' | 'fixed' | 'sci';

/** Builds the formatter from the elements that will be shown. */
function makeFormatter(shown: readonly number[], dtype: PrintDType): ElementFormatter {
  if (dtype === 'bool') return plainFormatter(shown, (v) => (v !== 0 ? 'True' : 'False'));
  if (dtype === 'int32') return plainFormatter(shown, (v) => String(v));
  return floatFormatter(shown);
}

/** Bool and integer elements: their text, right-aligned to the widest one. */
function plainFormatter(shown: readonly number[], text: (v: number) => string): ElementFormatter {
  const width = shown.reduce((w, v) => Math.max(w, text(v).length), 1);
  return { width, format: (v) => text(v).padStart(width) };
}

/** Float elements: pick int, fixed or scientific mode, then the width, from the nonzero finite values. */
function floatFormatter(shown: readonly number[]): ElementFormatter {
  const voters = shown.filter((v) => Number.isFinite(v) && v !== 0);
  const mode = chooseFloatMode(voters);
  const text = (v: number): string => floatText(v, mode);
  // In int mode the width counts the '.' that finite elements get.
  const width = voters.reduce((w, v) => Math.max(w, text(v).length), 1);
  return { width, format: (v) => text(v).padStart(width) };
}

/** The mode decision of PyTorch's `_Formatter`, on the nonzero finite values. */
function chooseFloatMode(nonzeroFinite: readonly number[]): FloatMode {
  if (nonzeroFinite.length === 0) return 'int';
  let min = Infinity;
  let max = 0;
  for (const v of nonzeroFinite) {
    min = Math.min(min, Math.abs(v));
    max = Math.max(max, Math.abs(v));
  }
  const wideRange = max / min > 1000 || max > 1e8;
  if (nonzeroFinite.every(Number.isInteger)) return wideRange ? 'sci' : 'int';
  return wideRange || min < 1e-4 ? 'sci' : 'fixed';
}

/** One float element in the chosen mode, before padding. */
function floatText(v: number, mode: FloatMode): string {
  const { precision } = PRINT_OPTIONS;
  if (mode === 'sci') return formatScientific(v, precision);
  if (mode === 'fixed') return formatFixed(v, precision);
  // int mode: '3.' marks a float tensor; nan and inf get no point.
  return formatFixed(v, 0) + (Number.isFinite(v) ? '.' : '');
}

// ---------------------------------------------------------------------------------------------
// 3. Layout
// ---------------------------------------------------------------------------------------------

/** What the layout functions need to know about the tensor being printed. */
interface Layout {
  read(index: number): number;
  shape: readonly number[];
  strides: readonly number[];
  summarize: boolean;
  formatter: ElementFormatter;
}

/** Row-major strides of a contiguous tensor. */
function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = step;
    step *= shape[d];
  }
  return strides;
}

/** Indices printed along a dimension of length `size`; `null` marks the `...` gap. */
function shownIndices(size: number, summarize: boolean): (number | null)[] {
  const edge = PRINT_OPTIONS.edgeitems;
  const all = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);
  if (!summarize || size <= 2 * edge) return all(size);
  return [...all(edge), null, ...all(edge, size - edge)];
}

/** The values of the elements that will be printed (PyTorch's `get_summarized_data`). */
function shownValues(t: Omit<Layout, 'formatter'>, dim = 0, offset = 0): number[] {
  if (dim === t.shape.length) return [t.read(offset)];
  return shownIndices(t.shape[dim], t.summarize)
    .filter((i): i is number => i !== null)
    .flatMap((i) => shownValues(t, dim + 1, offset + i * t.strides[dim]));
}

/** The bracketed text of the block starting at `offset` in dimension `dim`. */
function blockText(t: Layout, dim: number, offset: number, indent: number): string {
  if (dim === t.shape.length) return t.formatter.format(t.read(offset)); // 0-d tensor
  if (dim === t.shape.length - 1) return rowText(t, offset, indent);
  const slices = shownIndices(t.shape[dim], t.summarize).map((i) =>
    i === null ? '...' : blockText(t, dim + 1, offset + i * t.strides[dim], indent + 1),
  );
  const blockRank = t.shape.length - dim;
  return `[${slices.join(',' + '\n'.repeat(blockRank - 1) + ' '.repeat(indent + 1))}]`;
}

/** The last dimension: `[a, b, c]`, wrapped to fit the line width. */
function rowText(t: Layout, offset: number, indent: number): string {
  const size = t.shape[t.shape.length - 1];
  const items = shownIndices(size, t.summarize).map((i) =>
    i === null ? ' ...' : t.formatter.format(t.read(offset + i)),
  );
  const itemLength = t.formatter.width + 2; // element plus ', '
  const perLine = Math.max(1, Math.floor((PRINT_OPTIONS.linewidth - indent) / itemLength));
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
  return `[${lines.join(',\n' + ' '.repeat(indent + 1))}]`;
}

// ---------------------------------------------------------------------------------------------
// 4. Suffixes and the entry point
// ---------------------------------------------------------------------------------------------

/** Python's `str(tuple(shape))`: `(0, 3)`, `(0,)`. */
function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** The `key=value` suffixes after the values, in PyTorch's order. */
function suffixesFor(shape: readonly number[], dtype: PrintDType, opts: FormatOptions): string[] {
  const suffixes: string[] = [];
  const empty = shape.reduce((a, b) => a * b, 1) === 0;
  if (empty) {
    // Nothing to infer the type from: PyTorch names every dtype but the default float one.
    if (shape.length !== 1) suffixes.push(`size=${pythonTuple(shape)}`);
    // (int32 plays int64, as for the values: the suffix PyTorch prints for an empty int64 tensor)
    if (dtype !== 'float32') suffixes.push(`dtype=torch.${dtype === 'int32' ? 'int64' : dtype}`);
  } else if (dtype === 'float64') {
    suffixes.push('dtype=torch.float64');
  }
  if (opts.gradFn !== undefined) suffixes.push(`grad_fn=<${opts.gradFn}>`);
  else if (opts.requiresGrad) suffixes.push('requires_grad=True');
  return suffixes;
}

/** Appends `, suffix` for each suffix, starting a new line when the line would pass the width. */
function addSuffixes(text: string, suffixes: readonly string[], indent: number): string {
  // PyTorch's own arithmetic: two more than the characters after the last newline.
  let lastLineLength = text.length - text.lastIndexOf('\n') + 1;
  let out = text;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > PRINT_OPTIONS.linewidth) {
      out += ',\n' + ' '.repeat(indent) + suffix;
      lastLineLength = indent + suffix.length;
    } else {
      out += ', ' + suffix;
      lastLineLength += suffix.length + 2;
    }
  }
  return out + ')';
}

/**
 * `str(tensor)` as PyTorch 1.13.1 prints it with the default print options.
 *
 * @param values - the elements in row-major order (bool as 0/1). float32 values are rounded to
 *   float32 first, so plain JS numbers print as the float32 tensor holding them would.
 * @param shape - the tensor's shape; `[]` for a 0-d tensor.
 * @param dtype - decides the number format and the `dtype=` suffix.
 * @param opts - autograd information for the `grad_fn=` / `requires_grad=` suffix.
 * @returns e.g. `tensor([[1., 2.]], requires_grad=True)` or `tensor([], size=(0, 3))`.
 *
 * @example formatTensor([1, 2, 3, 4], [2, 2], 'float32') // 'tensor([[1., 2.],\n        [3., 4.]])'
 */
export function formatTensor(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: PrintDType,
  opts: FormatOptions = {},
): string {
  const numel = shape.reduce((a, b) => a * b, 1);
  if (values.length !== numel) {
    throw new Error(`formatTensor: ${values.length} values for shape [${shape.join(', ')}]`);
  }
  const read = dtype === 'float32' ? (i: number) => Math.fround(values[i]) : (i: number) => values[i];
  let body = '[]';
  if (numel > 0) {
    const t = { read, shape, strides: rowMajorStrides(shape), summarize: numel > PRINT_OPTIONS.threshold };
    const formatter = makeFormatter(shownValues(t), dtype);
    body = blockText({ ...t, formatter }, 0, 0, PREFIX.length);
  }
  return addSuffixes(PREFIX + body, suffixesFor(shape, dtype, opts), PREFIX.length);
}
