/**
 * The loops behind `logSoftmax(x, 1)` and `nllLoss` (nn/functional) for a contiguous float32
 * matrix, one pass per row instead of a chain of small ops: the same bits as the chain. Each
 * step is the float32 operation the chain's op performs, in the chain's order:
 *
 *     z = x − max_row(x)          fl(x − m)            (sub)
 *     e = exp(z)                  fl(exp(z))           (exp: the engine's float32 exp, `expF32`)
 *     s = Σ_row e                 PyTorch's row order  (sum(1): cascadeSumF32)
 *     out = z − log(s)            fl(z − fl(log s))    (log, sub)
 *
 * and the backward of logSoftmax `g − exp(out) · Σ_row g` as fl(g − fl(fl(exp(out)) · Σ_row g)),
 * and the mean (or sum) of `−out[i, y_i]` as `mean`/`sum` compute it (the row order, one division).
 * Each returns null when the operands are not laid out for it: the caller runs the chain.
 * `spec/fast-paths/log-softmax-rows.spec.ts` checks them against the chain bit for bit.
 */
import { Tensor } from '../tensor.js';
import { empty } from '../creation.js';
import { cascadeSumF32 } from './cascade-sum.js';
import { expF32 } from '../fast/exp-f32.js';
import { pytorchX86 } from './float32-arithmetic.js';
import { logSoftmaxRowsBackwardX86, logSoftmaxRowsX86, nllRowsX86 } from './x86/log-softmax-rows.js';
import { float32Rows as rowsOf, gradientRows } from './float32-rows.js';
import { deferringRows, rowwise, tableRowsOf } from '../fast/table-rows.js';
import { oneEntryRows } from '../fast/one-entry-rows.js';
import { RowNumbering } from '../fast/row-numbering.js';
import { distinctRowsBackward } from '../fast/distinct-rows-backward.js';

/** One row of exponentials, reused (grown when needed): only the call that fills it reads it. */
let rowScratch = new Float32Array(0);

function scratchRow(c: number): Float32Array {
  if (rowScratch.length < c) rowScratch = new Float32Array(Math.max(c, 2 * rowScratch.length));
  return rowScratch;
}

/**
 * `log_softmax(x, 1)` of a contiguous float32 `[N, C]` matrix (a new tensor, no graph), or null
 * when `x` is not one.
 * @example logSoftmaxRows(tensor([[1, 2, 3]], { dtype: 'float32' })) // tensor([[-2.4076, -1.4076, -0.4076]])
 */
export function logSoftmaxRows(x: Tensor): Tensor | null {
  if (pytorchX86()) return logSoftmaxRowsX86(x); // opt-in: PyTorch's x86 bits (x86/log-softmax-rows.ts)
  // table rows (a one-hot encoding times W, fast/table-rows.ts): the table's rows, a float32 [R, C] too
  const fromTable = x.dtype === 'float32' && x.ndim === 2 && x.numel() > 0 ? rowwise(x, (t) => logSoftmaxRows(t)!) : null;
  if (fromTable !== null) return fromTable;
  const r = rowsOf(x);
  if (r === null) return null;
  const { n, c, d, o } = r;
  const out = empty([n, c]);
  const od = out.storage.data;
  const e = scratchRow(c);
  const f = Math.fround;
  for (let i = 0; i < n; i++) {
    const row = o + i * c, orow = i * c;
    // the maximum as max(dim) finds it: NaN wins over everything
    let m = d[row];
    for (let j = 1; j < c && m === m; j++) {
      const v = d[row + j];
      if (v > m || v !== v) m = v;
    }
    for (let j = 0; j < c; j++) {
      const z = f(d[row + j] - m);
      od[orow + j] = z;
      e[j] = expF32(z);
    }
    const logS = f(Math.log(cascadeSumF32(e, 0, c)));
    for (let j = 0; j < c; j++) od[orow + j] = od[orow + j] - logS;
  }
  return out;
}

/**
 * logSoftmax's gradient `g − exp(out) · Σ_row g` for contiguous float32 `g` and `out` of the same
 * `[N, C]` shape, or null when they are not.
 * @example logSoftmaxRowsBackward(ones([1, 2]), logSoftmaxRows(zeros([1, 2]))!) // tensor([[0., 0.]])
 */
export function logSoftmaxRowsBackward(g: Tensor, out: Tensor): Tensor | null {
  if (pytorchX86()) return logSoftmaxRowsBackwardX86(g, out); // opt-in: PyTorch's x86 bits (x86/log-softmax-rows.ts)
  // g one value per row (nllLoss's gradient) and out table rows: on the distinct rows (fast/distinct-rows-backward.ts)
  const distinct = g.dtype === 'float32' && out.dtype === 'float32' && g.ndim === 2 ? distinctRowsBackward(g, [out], (gs, os) => logSoftmaxRowsBackward(gs, os)!) : null;
  if (distinct !== null) return distinct;
  const rows = gradientRows(g, out);
  if (rows === null) return null;
  const { g: { n, c, d: gd, o: go }, out: { d: od, o: oo }, grad } = rows;
  const res = grad.storage.data;
  const f = Math.fround;
  for (let i = 0; i < n; i++) {
    const s = cascadeSumF32(gd, go + i * c, c);
    for (let j = 0, a = i * c; j < c; j++, a++) res[a] = gd[go + a] - f(expF32(od[oo + a]) * s);
  }
  return grad;
}

/**
 * The mean (or sum) over rows of `−logProbs[i, targets[i]]` for a contiguous float32 `[N, C]`
 * matrix and valid int32 class indices (0-d result, no graph), or null when `logProbs` is not laid
 * out for it.
 * @example nllRows(tensor([[-1, -2], [-3, -4]], { dtype: 'float32' }), tensor([0, 1]), 'mean') // tensor(2.5000)
 */
export function nllRows(logProbs: Tensor, targets: Tensor, reduction: 'mean' | 'sum'): Tensor | null {
  if (pytorchX86()) return nllRowsX86(logProbs, targets, reduction); // opt-in: PyTorch's x86 bits (x86/log-softmax-rows.ts)
  if (targets.dtype !== 'int32') return null;
  // table rows (fast/table-rows.ts): row i of logProbs is row index[i] of the table
  const table = logProbs.dtype === 'float32' && logProbs.ndim === 2 ? tableRowsOf(logProbs) : null;
  const r = table === null ? rowsOf(logProbs) : { n: logProbs.shape[0], c: logProbs.shape[1], d: table.table.storage.data, o: 0 };
  if (r === null || r.n === 0 || r.c === 0) return null;
  const { n, c, d, o } = r;
  const ys = targets.toTypedArray();
  const picked = new Float32Array(n);
  if (table === null) for (let i = 0; i < n; i++) picked[i] = -d[o + i * c + ys[i]];
  else for (let i = 0, index = table.index; i < n; i++) picked[i] = -d[index[i] * c + ys[i]];
  const total = cascadeSumF32(picked, 0, n);
  const out = empty([]);
  out.storage.data[0] = reduction === 'mean' ? total / n : total;
  return out;
}

/**
 * nllLoss's gradient for class targets and a 0-d upstream `g`: `−w` at (i, targets[i]) and +0
 * elsewhere, w = g / N ('mean') or g ('sum'), as one-entry rows (fast/one-entry-rows.ts) when the
 * `[N, C]` result is large, its rows numbered for logSoftmax's backward when `logProbs` is table
 * rows (fast/row-numbering.ts); null when not (the caller writes it in full).
 * @example nllRowsGradient(tensor(1), logProbs, ys, 'mean') // −1/N at each target
 */
export function nllRowsGradient(g: Tensor, logProbs: Tensor, targets: Tensor, reduction: 'mean' | 'sum'): Tensor | null {
  if (g.dtype !== 'float32' || g.numel() !== 1 || logProbs.ndim !== 2 || targets.dtype !== 'int32' || !deferringRows('float32', logProbs.numel())) return null;
  const [n, c] = logProbs.shape;
  const g0 = g.toTypedArray()[0], ys = targets.toTypedArray();
  const cols = new Int32Array(ys as Int32Array), values = new Float32Array(n).fill(-(reduction === 'sum' ? g0 : g0 / n));
  const rows = tableRowsOf(logProbs);
  const numbering = rows === null ? null : new RowNumbering(rows.index, rows.table.shape[0], c);
  const numbered = numbering !== null && numbering.addAll(cols, new Int32Array(values.buffer));
  return oneEntryRows(cols, values, c, numbered ? numbering : null);
}
