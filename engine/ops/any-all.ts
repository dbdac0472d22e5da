/**
 * `any` and `all`: whether some / every element is non-zero (NaN counts as non-zero), over all
 * dims or over `dim` (a dim or a list of dims). Bool results; not differentiable. Over nothing,
 * `any` is false and `all` is true.
 */
import { Tensor } from '../tensor.js';
import { reductionRows } from './reduce-rows.js';

function test(op: string, x: Tensor, dim: number | readonly number[] | null | undefined, keepdim: boolean, every: boolean): Tensor {
  const r = reductionRows(op, x, dim, keepdim);
  const out = new Uint8Array(r.rows);
  for (let row = 0, base = 0; row < r.rows; row++, base += r.len) {
    let v = every;
    for (let j = 0; j < r.len; j++) {
      if ((r.data[base + j] !== 0) !== every) { v = !every; break; }
    }
    out[row] = v ? 1 : 0;
  }
  return Tensor.fromArray(out, r.outShape, 'bool');
}

/**
 * True if any element (over `dim`) is non-zero.
 * @example any(tensor([[0, 0], [0, 3]]), 1) // tensor([False,  True])
 */
export function any(x: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  return test('any', x, dim, keepdim, false);
}

/**
 * True if every element (over `dim`) is non-zero.
 * @example all(tensor([[1, 0], [2, 3]]), 1) // tensor([False,  True])
 */
export function all(x: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  return test('all', x, dim, keepdim, true);
}
