/**
 * The PyTorch calls of the lecture, each next to its TypeScript form (docs/pytorch.md), run on
 * small tensors. Each line prints: the PyTorch expression, then what the TypeScript call gave.
 *
 *     npx tsx docs/examples/pytorch-equivalents.ts
 */
import {
  Generator, arange, empty, manualSeed, multinomial, noGrad, oneHot, rand, randn, slice, tensor, zeros,
} from '../../engine/index.js';

const show = (python: string, value: unknown) => console.log(`${python.padEnd(58)} ${String(value).replace(/\n\s*/g, ' ')}`);
const dims = (a: readonly number[]) => `[${a.join(', ')}]`;

// counting (N3, N4)
const N = zeros([3, 3], { dtype: 'int32' });          // torch.zeros((3, 3), dtype=torch.int32)
for (const [ix1, ix2] of [[0, 1], [0, 1], [0, 2], [1, 2], [0, 0]]) {
  N.index(ix1, ix2).add_(1);                          // N[ix1, ix2] += 1
}
show('N after five bigrams', N);
show('N[0]', N.index(0));
show('N[:, 1]', N.index(null, 1));
show('N[0:2]', N.index(slice(0, 2)));
const p = N.index(0).float();                         // p = N[0].float()
show('p = N[0].float(); p / p.sum()', p.div(p.sum()));

// the generator (N5, N6)
const g = new Generator().manualSeed(2147483647);     // g = torch.Generator().manual_seed(2147483647)
show('torch.rand(3, generator=g)', rand(3, { generator: g }));
show('torch.multinomial(p, 5, True, generator=g)', multinomial(p, 5, { replacement: true, generator: g }));
show('torch.multinomial(p, 1, True, generator=g).item()', multinomial(p, 1, { replacement: true, generator: g }).item());
manualSeed(42);                                       // torch.manual_seed(42): the default generator
show('torch.manual_seed(42); torch.randn(2)', randn(2));

// smoothing and normalising (N8–N13, N15)
const P = N.add(1).float();                           // P = (N+1).float()
show('P.sum(1, keepdim=True).shape', dims(P.sum(1, true).shape));
P.div_(P.sum(1, true));                               // P /= P.sum(1, keepdim=True)
show('P /= P.sum(1, keepdim=True); P.sum(1)', P.sum(1));
show('P[0, 1].log()', P.index(0, 1).log());

// the neural net (N16–N22)
const xs = tensor([0, 1, 2]);                         // xs = torch.tensor([0, 1, 2])
show('xs.dtype', xs.dtype);
show("torch.tensor([1, 2], dtype=torch.float32)", tensor([1, 2], { dtype: 'float32' }));
const xenc = oneHot(xs, 3).float();                   // F.one_hot(xs, num_classes=3).float()
show('F.one_hot(xs, num_classes=3).float()', xenc);
const W = randn([3, 3], { generator: g, requiresGrad: true }); // torch.randn((3, 3), generator=g, requires_grad=True)
const ys = tensor([1, 2, 0]);
const lossOf = () => {
  const logits = xenc.matmul(W);                      // xenc @ W
  const counts = logits.exp();
  const probs = counts.div(counts.sum(1, true));      // counts / counts.sum(1, keepdims=True)
  return probs.index(arange(3), ys).log().mean().neg() // -probs[torch.arange(3), ys].log().mean()
    .add(W.pow(2).mean().mul(0.01));                  //   + 0.01*(W**2).mean()
};
const loss = lossOf();
show('loss', loss);
W.grad = null;                                        // W.grad = None
loss.backward();                                      // loss.backward()
show('W.grad.shape', dims(W.grad!.shape));
W.data.add_(W.grad!.mul(-50));                        // W.data += -50 * W.grad
show('loss.item() after W.data += -50 * W.grad', lossOf().item().toFixed(4));
const probs = noGrad(() => xenc.matmul(W).exp());     // with torch.no_grad(): ...
show('with torch.no_grad(): (xenc @ W).exp().requires_grad', probs.requiresGrad);

// reductions that differ in shape of result
const m = tensor([[1, 5, 5], [7, 7, 1]]);
const { values, indices } = m.max(1);                 // values, indices = m.max(1)
show('m.max(1).values, m.max(1).indices', `${values} ${indices}`);
show('m.argmax()', m.argmax());

// known differences
const attempt = (python: string, f: () => unknown) => {
  try {
    show(python, f());
  } catch (e) {
    show(python, `error: ${(e as Error).message}`);
  }
};
attempt('m[m > 4]   (boolean mask)', () => m.index(m.gt(4)));
attempt('m[None].shape   (null means ":" here, not None)', () => dims(m.index(null).shape));
attempt('m.unsqueeze(0).shape', () => dims(m.unsqueeze(0).shape));
const M = zeros([2, 2], { dtype: 'int32' });
M.index(tensor([0, 1]), tensor([1, 1])).add_(1); // gathers a COPY, then adds 1 to the copy
show('M[tensor([0, 1]), tensor([1, 1])] += 1; M.sum()', `${M.sum()}   (PyTorch: tensor(2); here M is unchanged)`);
for (const [ix1, ix2] of [[0, 1], [1, 1]]) M.index(ix1, ix2).add_(1); // integers give views: this writes into M
show('the same with integer indices, one bigram at a time', `${M.sum()}`);
show('torch.empty(2)   (zero-filled here)', empty(2));
