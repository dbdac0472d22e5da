/**
 * For table-rows specs (engine/fast/table-rows.ts): run a computation with table rows off and on
 * (threshold 0: every size takes the path) and compare what it made, bit for bit, or its error.
 * `tensorBits` gives a tensor's elements as comparable numbers: float32 and float64 by their
 * bytes (−0 differs from +0), every NaN as one value (the engine defines no NaN payloads, and a
 * JIT tier may quiet a signalling NaN).
 */
import type { Tensor } from '../../engine/index.js';
import { setTableRows } from '../../engine/fast/table-rows.js';

/** A tensor's elements, row-major, as comparable bits (see the file comment); null stays null. */
export function tensorBits(t: Tensor | null): number[] | null {
  if (t === null) return null;
  const a = t.contiguous().toTypedArray();
  if (a instanceof Float64Array) return Array.from(a, (v) => (Number.isNaN(v) ? [-1, -1] : Array.from(new Uint32Array(Float64Array.of(v).buffer)))).flat();
  if (a instanceof Float32Array) return Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length), (b) => ((b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0 ? -1 : b));
  return Array.from(a);
}

/**
 * `f` run with table rows off, then on at threshold 0 (the default restored after): the bits of
 * the tensors it returns, or its error as `Name: message`.
 */
export function tableRowsBothWays(f: () => (Tensor | null)[]): { off: unknown; on: unknown } {
  const run = () => {
    try {
      return f().map(tensorBits);
    } catch (e) {
      return `${(e as Error).constructor.name}: ${(e as Error).message}`;
    }
  };
  try {
    setTableRows(false);
    const off = run();
    setTableRows(true, 0);
    return { off, on: run() };
  } finally {
    setTableRows(true);
  }
}
