/**
 * One training step of the MLP computed the way PyTorch 1.13.1 computes it on x86 (Debian's
 * build: OpenBLAS 0.3.21 on a Zen/Haswell core, SLEEF 3.5.1, AVX2), float32 operation by float32
 * operation, on the parameters' storage: a measurement and a specification, not the engine's way.
 * `trainStep` (model.ts) runs the same step through the engine's ops and autograd; this file
 * shows what those ops would have to compute to follow PyTorch's run bit for bit (docs/mlp.md,
 * "Why they drift"), and that it is enough: its losses equal PyTorch's recorded losses
 * (`spec/mlp/x86-step.spec.ts`).
 *
 * Each piece, found and proved against torch in `scripts/x86_float32_ops.py`:
 * - the six products: `sgemmX86` (engine/ops/matmul-order.ts);
 * - tanh, and the exp and log of log_softmax and its backward: SLEEF (engine/ops/sleef-f32.ts);
 * - `tanh_backward`: g · fma(−y, y, 1); `_log_softmax_backward_data`: fma(−exp(out), Σg, g);
 * - the row sum of `_log_softmax`: 8 lanes, the tail added into the first lanes, then the AVX2
 *   shuffle tree; `nll_loss`'s 8-level cascade; `sum(0)`'s `vectorized_outer_sum`;
 * - gather, `+ b`, the serial `index_put_` accumulation and the update: plain float32 operations.
 *
 * @module
 */
import { randint, type Generator } from '../engine/index.js';
import { sgemmX86 } from '../engine/ops/matmul-order.js';
import { sleefExpF32, sleefLogF32, sleefTanhF32 } from '../engine/ops/sleef-f32.js';
import { fma32 } from '../engine/random/fma32.js';
import type { MlpParams } from './model.js';
import type { MlpSplit } from './data.js';

const f = Math.fround;

/** ATen's `multi_row_sum` for one lane: `value(0 … size−1)` summed with cascaded partial sums (4 levels). */
function cascade(value: (i: number) => number, size: number): number {
  const levelPower = Math.max(4, Math.floor((size <= 1 ? 0 : Math.ceil(Math.log2(size))) / 4));
  const step = 1 << levelPower, mask = step - 1;
  const acc = [0, 0, 0, 0];
  let i = 0;
  while (i + step <= size) {
    for (let j = 0; j < step; j++, i++) acc[0] = f(acc[0] + value(i));
    for (let j = 1; j < 4; j++) {
      acc[j] = f(acc[j] + acc[j - 1]);
      acc[j - 1] = 0;
      if ((i & (mask << (j * levelPower))) !== 0) break;
    }
  }
  for (; i < size; i++) acc[0] = f(acc[0] + value(i));
  for (let j = 1; j < 4; j++) acc[0] = f(acc[0] + acc[j]);
  return acc[0];
}

/** `torch.sum(x, 0)` of a contiguous float32 [n, m] (ATen's `vectorized_outer_sum`). */
function sum0(x: ArrayLike<number>, n: number, m: number): Float32Array {
  const out = new Float32Array(m);
  const blocked = Math.floor(m / 32) * 32; // blocks of 4 vectors: one cascade down each column
  for (let j = 0; j < blocked; j++) out[j] = cascade((i) => x[i * m + j], n);
  const q = Math.floor(n / 4);
  for (let j = blocked; j < m; j++) {
    // row_sum: 4 interleaved partial sums (rows k, k+4, …), the tail into the first, then added in order
    const p = [0, 1, 2, 3].map((k) => cascade((i) => x[(4 * i + k) * m + j], q));
    for (let i = 4 * q; i < n; i++) p[0] = f(p[0] + x[i * m + j]);
    out[j] = f(f(f(p[0] + p[1]) + p[2]) + p[3]);
  }
  return out;
}

/** `_log_softmax` of one row (length ≥ 8) at `o`, written to `out`. */
function logSoftmaxRow(x: ArrayLike<number>, o: number, len: number, out: Float32Array): void {
  let max = -Infinity;
  for (let j = 0; j < len; j++) max = Math.max(max, x[o + j]);
  const lanes = new Float32Array(8);
  for (let j = 0; j < len; j++) {
    const e = sleefExpF32(f(x[o + j] - max));
    if (j < 8) lanes[j] = e;
    else lanes[(j - 8) % 8] = f(lanes[(j - 8) % 8] + e); // full vectors, then the tail into lanes 0 …
  }
  for (const w of [4, 2, 1]) { // the AVX2 shuffle tree: lane l + lane l ^ w
    const v = Float32Array.from(lanes, (a, l) => f(a + lanes[l ^ w]));
    lanes.set(v);
  }
  const logSum = sleefLogF32(lanes[0]);
  for (let j = 0; j < len; j++) out[o + j] = f(f(x[o + j] - max) - logSum);
}

/** `nll_loss(logp, y)` (mean): `nll_loss_out_frame`'s cascade of 8 levels of 16. */
function nllMean(logp: Float32Array, y: ArrayLike<number>, n: number, c: number): number {
  const L = new Float32Array(8);
  for (let b = 0; b < n; b++) {
    L[0] = f(L[0] - logp[b * c + y[b]]);
    for (let j = 0; j < 7; j++) {
      if ((b & (15 << (4 * j))) !== 0) break;
      L[j + 1] = f(L[j + 1] + L[j]);
      L[j] = 0;
    }
  }
  let s = 0;
  for (const v of L) s = f(s + v);
  return f(s / n);
}

/** The float32 data of a parameter (contiguous float32 leaves, as initMlp makes them). */
function dataOf(t: MlpParams[keyof MlpParams]): Float32Array {
  if (t.dtype !== 'float32' || !t.isContiguous() || t.offset !== 0) throw new TypeError('x86TrainStep: parameters must be contiguous float32 tensors');
  return t.storage.data as Float32Array;
}

/**
 * One step of the notebook's loop (`randint`, forward, cross-entropy, backward, `p += −lr·grad`)
 * with PyTorch 1.13.1's x86 float32 arithmetic (see the module comment). Updates `p` in place and
 * draws the minibatch from `g` exactly as `trainStep` does.
 *
 * @returns the minibatch loss (before the update).
 * @example const loss = x86TrainStep(p, data.train, 32, 0.1, g); // PyTorch's loss, bit for bit
 */
export function x86TrainStep(p: MlpParams, split: MlpSplit, batch: number, lr: number, g: Generator): number {
  const [V, E] = p.C.shape, [BE, H] = p.W1.shape, B = BE / E;
  if (V < 8) throw new RangeError(`x86TrainStep: the vocabulary needs at least 8 symbols (one AVX2 vector), got ${V}`);
  const C = dataOf(p.C), W1 = dataOf(p.W1), b1 = dataOf(p.b1), W2 = dataOf(p.W2), b2 = dataOf(p.b2);
  const ix = randint(0, split.X.shape[0], [batch], { generator: g }).toTypedArray();
  const Xs = split.X.toTypedArray(), Ys = split.Y.toTypedArray();
  const n = batch;
  const X = Int32Array.from({ length: n * B }, (_, k) => Xs[ix[Math.floor(k / B)] * B + (k % B)]);
  const Y = Int32Array.from({ length: n }, (_, i) => Ys[ix[i]]);
  // forward
  const emb = new Float32Array(n * BE);
  for (let k = 0; k < n * B; k++) emb.set(C.subarray(X[k] * E, X[k] * E + E), k * E);
  const h = new Float32Array(n * H);
  sgemmX86(n, BE, H, emb, 0, BE, 1, W1, 0, H, 1, h, 0);
  for (let k = 0; k < n * H; k++) h[k] = sleefTanhF32(f(h[k] + b1[k % H]));
  const logits = new Float32Array(n * V);
  sgemmX86(n, H, V, h, 0, H, 1, W2, 0, V, 1, logits, 0);
  for (let k = 0; k < n * V; k++) logits[k] = f(logits[k] + b2[k % V]);
  const logp = new Float32Array(n * V);
  for (let i = 0; i < n; i++) logSoftmaxRow(logits, i * V, V, logp);
  const loss = nllMean(logp, Y, n, V);
  // backward
  const gPick = -f(1 / n); // nll_loss_backward: −grad / total_weight
  const dlogits = new Float32Array(n * V);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < V; j++) {
      const gl = j === Y[i] ? gPick : 0; // the row's Σg is gPick: one nonzero
      dlogits[i * V + j] = fma32(-sleefExpF32(logp[i * V + j]), gPick, gl);
    }
  }
  const db2 = sum0(dlogits, n, V);
  const dW2 = new Float32Array(H * V);
  sgemmX86(H, n, V, h, 0, 1, H, dlogits, 0, V, 1, dW2, 0); // hᵀ · dlogits
  const dpre = new Float32Array(n * H);
  sgemmX86(n, V, H, dlogits, 0, V, 1, W2, 0, 1, V, dpre, 0); // dlogits · W2ᵀ
  for (let k = 0; k < n * H; k++) dpre[k] = f(dpre[k] * fma32(-h[k], h[k], 1)); // tanh_backward
  const db1 = sum0(dpre, n, H);
  const dW1 = new Float32Array(BE * H);
  sgemmX86(BE, n, H, emb, 0, 1, BE, dpre, 0, H, 1, dW1, 0); // embᵀ · dpre
  const demb = new Float32Array(n * BE);
  sgemmX86(n, H, BE, dpre, 0, H, 1, W1, 0, 1, H, demb, 0); // dpre · W1ᵀ
  const dC = new Float32Array(V * E);
  for (let k = 0; k < n * B; k++) for (let e = 0; e < E; e++) dC[X[k] * E + e] = f(dC[X[k] * E + e] + demb[k * E + e]);
  // p.data += −lr · p.grad
  const step = f(-lr);
  for (const [w, dw] of [[C, dC], [W1, dW1], [b1, db1], [W2, dW2], [b2, db2]] as const) {
    for (let k = 0; k < w.length; k++) w[k] = f(w[k] + f(dw[k] * step));
  }
  return loss;
}
