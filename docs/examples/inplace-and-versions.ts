/**
 * In-place ops and the version counter: what `P /= s` (N13) and `W.data += -lr * W.grad` (N22)
 * do to memory, and how autograd notices an in-place write to a tensor it saved for backward.
 *
 *     npx tsx docs/examples/inplace-and-versions.ts
 */
import { noGrad, tensor } from '../../engine/index.js';

const attempt = (label: string, f: () => unknown) => {
  try {
    f();
    console.log(`${label}: ok`);
  } catch (e) {
    console.log(`${label}: error: ${(e as Error).message}`);
  }
};

// N13: P = P / s makes a new tensor; P /= s (div_) writes into the same memory
const P = tensor([[1, 3], [2, 2]], { dtype: 'float32' });
const before = P.storage;
const Q = P.div(P.sum(1, true));
console.log(`P.div(s):  new storage? ${Q.storage !== before}, P.version ${P.version}`);
P.div_(P.sum(1, true));
console.log(`P.div_(s): new storage? ${P.storage !== before}, P.version ${P.version}, P = ${String(P).replace(/\n\s*/g, ' ')}`);

// every view shares its storage's counter
const row = P.index(0);
row.mul_(2);
console.log(`after P.index(0).mul_(2): P.version ${P.version}, row.version ${row.version}`);

// exp saves its OUTPUT for backward (d exp(x)/dx = exp(x)); changing it breaks backward
const x = tensor([0, 1], { requiresGrad: true });
const y = x.exp();
y.add_(1);
attempt('y = x.exp(); y.add_(1); y.sum().backward()', () => y.sum().backward());

// a leaf that requires grad cannot be written in place while the tape is recording...
const W = tensor([1, 2], { requiresGrad: true });
W.mul(3).sum().backward(); // W.grad = [3, 3]
attempt('W.add_(W.grad!.mul(-0.1))', () => W.add_(W.grad!.mul(-0.1)));
// ...but it can through .data (the lecture's update) or inside noGrad
W.data.add_(W.grad!.mul(-0.1));
console.log(`W.data.add_(W.grad!.mul(-0.1)): W = ${W}, still a leaf: ${W.isLeaf}`);
noGrad(() => W.sub_(W.grad!.mul(0.1)));
console.log(`noGrad(() => W.sub_(W.grad!.mul(0.1))): W = ${W}`);
