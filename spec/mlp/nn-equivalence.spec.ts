/**
 * The MLP written with nn modules — `Sequential(Embedding, Flatten, Linear, Tanh, Linear)` —
 * gives the same losses as the hand-written C, W1, b1, W2, b2 from the same parameters: forward
 * on a minibatch and on the dev split, and five training steps with the same indices.
 */
import { describe, expect, it } from 'vitest';
import { Generator, noGrad, randint, type Tensor } from '../../engine/index.js';
import { crossEntropy, Embedding, Flatten, Linear, Sequential, Tanh } from '../../nn/index.js';
import { initMlp, LECTURE_CONFIG, mlpData, mlpLogits, splitLoss, trainStep } from '../../mlp/index.js';
import { lectureNames } from '../../bigram/index.js';

describe('the MLP as nn modules equals the hand-written one', () => {
  const d = mlpData(lectureNames(), 3);
  it('same logits, same split loss, same five training steps', () => {
    const g = new Generator({ normalKernel: 'avx2' }).manualSeed(2147483647);
    const p = initMlp(LECTURE_CONFIG, g);
    const seedless = new Generator().manualSeed(0); // the modules' own initial values are overwritten below
    const emb = new Embedding(27, 10, { generator: seedless });
    const l1 = new Linear(30, 200, { generator: seedless });
    const l2 = new Linear(200, 27, { generator: seedless });
    noGrad(() => {
      emb.weight.copy_(p.C);
      l1.weight.copy_(p.W1.T); // nn.Linear keeps weight as [out, in] and computes x @ weight.T
      l1.bias!.copy_(p.b1);
      l2.weight.copy_(p.W2.T);
      l2.bias!.copy_(p.b2);
    });
    const net = new Sequential(emb, new Flatten(), l1, new Tanh(), l2);
    const model = (X: Tensor) => net.forward(X);
    const params = net.parameters();
    expect(params.reduce((s, t) => s + t.numel(), 0)).toBe(11897);

    const Xb = d.train.X.index(randint(0, d.train.X.shape[0], [32], { generator: new Generator().manualSeed(5) }));
    noGrad(() => expect(Array.from(model(Xb).toTypedArray())).toEqual(Array.from(mlpLogits(p, Xb).toTypedArray())));
    const devLoss = () => noGrad(() => crossEntropy(model(d.dev.X), d.dev.Y).item());
    expect(devLoss()).toBe(splitLoss(p, d.dev));

    // five steps each, from generators in the same state (so the same indices)
    const g2 = new Generator({ normalKernel: 'avx2' }).setState(g.getState());
    for (let step = 0; step < 5; step++) {
      const hand = trainStep(p, d.train, 32, 0.1, g);
      const ix = randint(0, d.train.X.shape[0], [32], { generator: g2 });
      const loss = crossEntropy(model(d.train.X.index(ix)), d.train.Y.index(ix));
      for (const t of params) t.grad = null;
      loss.backward();
      for (const t of params) t.data.add_(t.grad!.mul(-0.1));
      expect(loss.item(), `step ${step}`).toBe(hand);
    }
    expect(devLoss()).toBe(splitLoss(p, d.dev));
  });
});
