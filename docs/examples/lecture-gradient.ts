/**
 * The gradient of the lecture's loss, derived by hand and checked against backward():
 *
 *     dL/dlogits = (probs - onehot(ys)) / n
 *     dL/dW      = xencᵀ (probs - onehot(ys)) / n  +  0.02 · W / numel(W)     (reg = 0.01)
 *
 * The forward pass is the lecture's code (bigram/neural.ts) written out, so that `logits` can
 * keep its gradient (retainGrad). The closed forms are computed with forward ops only.
 *
 *     npx tsx docs/examples/lecture-gradient.ts
 */
import { Generator, arange, noGrad, oneHot, randn, tensor, type Tensor } from '../../engine/index.js';

const g = new Generator().manualSeed(2147483647);
const W = randn([27, 27], { generator: g, requiresGrad: true });
const xs = tensor([0, 5, 13, 13, 1]), ys = tensor([5, 13, 13, 1, 0]); // "emma"
const n = xs.shape[0];

function lossOf(reg: number): { loss: Tensor; logits: Tensor; probs: Tensor; xenc: Tensor } {
  const xenc = oneHot(xs, 27).float();
  const logits = xenc.matmul(W).retainGrad(); // log-counts; keep dL/dlogits for inspection
  const counts = logits.exp();
  const probs = counts.div(counts.sum(1, true));
  const nll = probs.index(arange(n), ys).log().mean().neg();
  return { loss: reg === 0 ? nll : nll.add(W.pow(2).mean().mul(reg)), logits, probs, xenc };
}
const maxAbsDiff = (a: Tensor, b: Tensor) => noGrad(() => Math.max(...Array.from(a.sub(b).toTypedArray(), Math.abs)));

// 1. without the regulariser: the gradient PyTorch recorded for the lecture's emma step
{
  const { loss } = lossOf(0);
  loss.backward();
  console.log(`loss = ${loss.item().toFixed(4)}, W.grad[0, 0] = ${W.grad!.index(0, 0).item().toFixed(6)}, W.grad[0, 5] = ${W.grad!.index(0, 5).item().toFixed(6)}`);
  W.grad = null;
}

// 2. with it (the training loop's loss), against the closed forms
const { loss, logits, probs, xenc } = lossOf(0.01);
loss.backward();
noGrad(() => {
  const delta = probs.sub(oneHot(ys, 27).float()).div(n); // (probs - onehot) / n
  const dW = xenc.T.matmul(delta).add(W.mul(0.02 / W.numel()));
  console.log(`max |logits.grad - (probs - onehot)/n|              = ${maxAbsDiff(logits.grad!, delta).toExponential(1)}`);
  console.log(`max |W.grad - (xencᵀ(probs - onehot)/n + 0.02·W/729)| = ${maxAbsDiff(W.grad!, dW).toExponential(1)}`);
  // each row of dL/dlogits sums to 0: probabilities sum to 1, the one-hot row sums to 1
  console.log(`rows of logits.grad sum to ${maxAbsDiff(logits.grad!.sum(1), tensor([0, 0, 0, 0, 0], { dtype: 'float32' })).toExponential(1)} at most`);
  // rows of W that no input selects get only the regulariser's pull toward 0
  console.log(`row 2 of W ('b' is not in emma): W.grad = 0.02·W/729 there: ${maxAbsDiff(W.grad!.index(2), W.index(2).mul(0.02 / 729)).toExponential(1)}`);
});
