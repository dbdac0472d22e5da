/**
 * dtype conversion. Float → int truncates toward zero (like PyTorch's `.long()`); anything →
 * bool is "non-zero"; float64 → float32 rounds to nearest.
 * d to(x)/dx = identity  →  grad = g converted back to the input's dtype (float ↔ float only).
 */
import { Tensor } from '../tensor.js';
import { isFloating, type DType } from '../dtype.js';
import { Storage } from '../storage.js';
import { forEachRow } from '../iterate.js';
import { record } from '../autograd/node.js';
import { simdInt32ToFloat32 } from '../fast/elementwise.js';
import { rowwise } from '../fast/table-rows.js';

/** A copy of `x` converted to `dtype`; `x` itself when it already has that dtype. */
export function toDType(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const rows = rowwise(x, (t) => toDType(t, dtype)); // table rows: convert the table (fast/table-rows.ts)
  if (rows !== null) return isFloating(dtype) ? record(rows, 'ToCopyBackward0', [x], (g) => [g.to(x.dtype)]) : rows;
  const out = Storage.allocUnfilled(dtype, x.numel()); // every element is written
  const od = out.data;
  const xd = x.storage.data;
  let k = 0;
  if (x.isContiguous() && simdInt32ToFloat32(od, 0, xd, x.offset, x.numel())) {
    // done: int32 → float32 with the SIMD kernel (`oneHot(xs).float()`)
  } else if (dtype === 'bool') {
    forEachRow(x.shape, [x.strides], [x.offset], (n, p, s) => {
      for (let i = 0; i < n; i++, p += s) od[k++] = xd[p] !== 0 ? 1 : 0;
    });
  } else if (dtype === 'int32' && isFloating(x.dtype)) {
    forEachRow(x.shape, [x.strides], [x.offset], (n, p, s) => {
      for (let i = 0; i < n; i++, p += s) od[k++] = Math.trunc(xd[p]);
    });
  } else {
    forEachRow(x.shape, [x.strides], [x.offset], (n, p, s) => {
      if (s === 1) {
        // (not `od.set(subarray)`: with a different element type V8 takes a slow path, ~10× slower)
        for (let i = 0; i < n; i++) od[k + i] = xd[p + i];
        k += n;
      } else for (let i = 0; i < n; i++, p += s) od[k++] = xd[p];
    });
  }
  const result = new Tensor(out, x.shape);
  if (!isFloating(dtype)) return result;
  return record(result, 'ToCopyBackward0', [x], (g) => [g.to(x.dtype)]);
}
