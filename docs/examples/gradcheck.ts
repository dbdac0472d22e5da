/**
 * gradcheck: compare backward()'s gradients with central finite differences, in float64.
 * A passing check on the lecture's loss, and a failing one on a function whose gradient is
 * wrong on purpose (half of x*x is hidden from the tape by detach()).
 *
 *     npx tsx docs/examples/gradcheck.ts
 */
import { Generator, arange, gradcheck, oneHot, randn, tensor, type Tensor } from '../../engine/index.js';

const g = new Generator().manualSeed(42);
const xs = tensor([0, 5, 13, 13, 1]), ys = tensor([5, 13, 13, 1, 0]);

// the lecture's loss in float64, on a small vocabulary so the Jacobian is quick: 14x14 weights
const W = randn([14, 14], { generator: g, dtype: 'float64', requiresGrad: true });
const lectureLoss = (w: Tensor) => {
  const counts = oneHot(xs, 14).double().matmul(w).exp();
  const probs = counts.div(counts.sum(1, true));
  return probs.index(arange(5), ys).log().mean().neg().add(w.pow(2).mean().mul(0.01));
};
console.log(`lecture loss: ${gradcheck(lectureLoss, [W]).message}`);

// broadcasting through a division by the keepdim row sums (the N12 fix)
const P = randn([4, 3], { generator: g, dtype: 'float64' }).exp().requiresGrad_();
console.log(`P / P.sum(1, true): ${gradcheck((p) => p.div(p.sum(1, true)), [P]).message}`);

// a wrong gradient: d(x * x)/dx is 2x, but detach() hides one factor from the tape, so backward gives x
const x = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
const result = gradcheck((t) => t.mul(t.detach()), [x], { raiseException: false });
console.log(`x * x.detach(): ok = ${result.ok}: ${result.message}`);
