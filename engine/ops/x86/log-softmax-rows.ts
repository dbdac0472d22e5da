/**
 * `logSoftmax(x, 1)`, its backward and `nllLoss`'s mean / sum for a contiguous float32 `[N, C]`
 * matrix as PyTorch 1.13.1 computes them on x86 with AVX2 (the `'pytorch-x86'` arithmetic,
 * float32-arithmetic.ts); the engine's own loops are in `../log-softmax-rows.ts`. ATen's
 * `_vec_log_softmax_lastdim`, `_vec_log_softmax_backward` and `nll_loss_out_frame`:
 *
 *     z = x − max_row(x)                 fl(x − m)
 *     s = Σ_row exp(z)                   SLEEF exp, summed in AVX2 lanes ({@link laneSumF32})
 *     out = z − log(s)                   fl(z − SLEEF log(s))
 *     grad = g − exp(out) · Σ_row g      fma(−SLEEF exp(out), laneSum(g), g)   (g++ fuses it)
 *     nll = Σ_i −out[i, y_i]             a cascade of 8 levels of 16 ({@link nllSumX86}), then ÷ N for the mean
 *
 * Each returns null when the operands are not a contiguous float32 matrix: the caller goes on
 * with its default path.
 *
 * @module
 */
import { Tensor } from '../../tensor.js';
import { empty } from '../../creation.js';
import { sleefExpF32, sleefLogF32 } from '../sleef-f32.js';
import { fma32 } from '../../random/fma32.js';
import { float32Rows as rowsOf, gradientRows } from '../float32-rows.js';

const f = Math.fround;

const LANES = new Float32Array(8);
const TREE = new Float32Array(8);

/**
 * The float32 sum of `value(0 … len−1)` as ATen's `vec::reduce_all` / `map_reduce_all` adds a row
 * on AVX2: fewer than 8 values in order; otherwise 8 lanes (the first vector, then each further
 * full vector added lane-wise, then the tail added into lanes 0 …), reduced by the shuffle tree
 * `((l0+l4) + (l2+l6)) + ((l1+l5) + (l3+l7))`.
 *
 * @example laneSumF32((j) => [1, 2, 3][j], 3) // 6
 */
export function laneSumF32(value: (j: number) => number, len: number): number {
  if (len < 8) {
    let s = value(0);
    for (let j = 1; j < len; j++) s = f(s + value(j));
    return s;
  }
  for (let j = 0; j < 8; j++) LANES[j] = value(j);
  let j = 8;
  for (; j + 8 <= len; j += 8) for (let l = 0; l < 8; l++) LANES[l] += value(j + l);
  for (let l = 0; j < len; j++, l++) LANES[l] += value(j);
  for (const w of [4, 2, 1]) { // lane l + lane l ^ w
    for (let l = 0; l < 8; l++) TREE[l] = LANES[l] + LANES[l ^ w];
    LANES.set(TREE);
  }
  return LANES[0];
}

/**
 * `log_softmax(x, 1)` of a contiguous float32 `[N, C]` matrix with PyTorch's x86 bits (a new
 * tensor, no graph), or null when `x` is not one.
 * @example logSoftmaxRowsX86(tensor([[1, 2, 3]])) // tensor([[-2.4076, -1.4076, -0.4076]])
 */
export function logSoftmaxRowsX86(x: Tensor): Tensor | null {
  const r = rowsOf(x);
  if (r === null) return null;
  const { n, c, d, o } = r;
  const out = empty([n, c]);
  const od = out.storage.data;
  for (let i = 0; i < n; i++) {
    const row = o + i * c, orow = i * c;
    let m = -Infinity; // the row's maximum; NaN if any is NaN (ATen's vec::maximum)
    for (let j = 0; j < c; j++) m = Math.max(m, d[row + j]);
    for (let j = 0; j < c; j++) od[orow + j] = d[row + j] - m;
    const logS = sleefLogF32(laneSumF32((j) => sleefExpF32(od[orow + j]), c));
    for (let j = 0; j < c; j++) od[orow + j] = od[orow + j] - logS;
  }
  return out;
}

/**
 * logSoftmax's gradient `g − exp(out) · Σ_row g` with PyTorch's x86 bits for contiguous float32
 * `g` and `out` of the same `[N, C]` shape, or null when they are not.
 * @example logSoftmaxRowsBackwardX86(ones([1, 2]), logSoftmaxRowsX86(zeros([1, 2]))!) // tensor([[0., 0.]])
 */
export function logSoftmaxRowsBackwardX86(g: Tensor, out: Tensor): Tensor | null {
  const rows = gradientRows(g, out);
  if (rows === null) return null;
  const { g: { n, c, d: gd, o: go }, out: { d: od, o: oo }, grad } = rows;
  const res = grad.storage.data;
  for (let i = 0; i < n; i++) {
    const gr = go + i * c;
    const s = laneSumF32((j) => gd[gr + j], c);
    for (let j = 0, a = i * c; j < c; j++, a++) res[a] = fma32(-sleefExpF32(od[oo + a]), s, gd[go + a]);
  }
  return grad;
}

/**
 * `Σ_i −logProbs[i, targets[i]]` in `nll_loss_out_frame`'s order: partial sums in 8 levels,
 * level j + 1 taking level j whenever the row index's j-th group of `levelPower` bits is zero
 * (`levelPower` = max(4, ⌈log2 N⌉ / 8)), then the levels added from 0.
 * @example nllSumX86([-1, -2], 0, 1, [0, 0], 2) // 3: rows [-1] and [-2], both targets 0
 */
export function nllSumX86(d: ArrayLike<number>, o: number, c: number, ys: ArrayLike<number>, n: number): number {
  const levels = 8;
  const levelPower = Math.max(4, Math.floor((n <= 1 ? 0 : Math.ceil(Math.log2(n))) / levels));
  const mask = (1 << levelPower) - 1;
  const L = new Float32Array(levels);
  for (let b = 0; b < n; b++) {
    L[0] -= d[o + b * c + ys[b]];
    for (let j = 0; j + 1 < levels; j++) {
      if ((b & (mask << (j * levelPower))) !== 0) break;
      L[j + 1] += L[j];
      L[j] = 0;
    }
  }
  let s = 0;
  for (let j = 0; j < levels; j++) s = f(s + L[j]);
  return s;
}

/**
 * The mean (or sum) over rows of `−logProbs[i, targets[i]]` with PyTorch's x86 bits for a
 * contiguous float32 `[N, C]` matrix and valid int32 class indices (0-d result, no graph), or null
 * when `logProbs` is not laid out for it.
 * @example nllRowsX86(tensor([[-1, -2], [-3, -4]]), tensor([0, 1]), 'mean') // tensor(2.5000)
 */
export function nllRowsX86(logProbs: Tensor, targets: Tensor, reduction: 'mean' | 'sum'): Tensor | null {
  const r = rowsOf(logProbs);
  if (r === null || targets.dtype !== 'int32') return null;
  const { n, c, d, o } = r;
  const total = nllSumX86(d, o, c, targets.toTypedArray(), n);
  const out = empty([]);
  out.storage.data[0] = reduction === 'mean' ? total / n : total;
  return out;
}
