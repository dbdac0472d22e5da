/**
 * bigram/bigram-model.ts: the lecture's neural bigram in the nn idiom (Linear without bias on one-hot
 * inputs, crossEntropy, SGD) follows bigram/neural.ts's hand-written loss and update step for
 * step, from the same W (Linear's weight is the lecture's Wᵀ); the Embedding form does too; and
 * against PyTorch's recorded lecture run it gives the same losses and the same sampled names.
 */
import { describe, expect, it } from 'vitest';
import { Generator, Tensor, tensor } from '../../engine/index.js';
import { loadNames, Vocabulary } from '../../bigram/data.js';
import { initWeights, loss as lectureLoss, train as lectureTrain, trainingSet } from '../../bigram/neural.js';
import { Embedding, SGD, crossEntropy, readStateDict } from '../../nn/index.js';
import { BigramModel, trainBigram } from '../../bigram/bigram-model.js';
import { describeIfFile, f32FromBits, hasReference, loadReference, namesPath, referencePath } from '../support/shared.js';
import { expectClose, rowsOf } from '../nn/helpers.js';

const SEED = 2147483647;
const SMALL = ['emma', 'olivia', 'ava', 'isabella', 'sophia', 'charlotte', 'mia', 'amelia', 'harper', 'evelyn', 'abigail', 'emily', 'quinn', 'zoe', 'xavier', 'jack'];

/** Train both ways from the same W for `steps` steps; return both loss lists and final weights. */
function trainBoth(words: string[], vocab: Vocabulary, steps: number, lr: number, reg: number) {
  const data = trainingSet(words, vocab);
  const W = initWeights(vocab.size, new Generator().manualSeed(SEED));
  const model = BigramModel.fromLectureWeights(W); // a copy: W is trained separately below
  const nn = trainBigram(model, data, { steps, lr, reg });
  const lecture = lectureTrain(W, data, { steps, lr, reg });
  return { nn, lecture, W, model };
}

describe('BigramModel vs the hand-written lecture model (bigram/neural.ts)', () => {
  const vocab = Vocabulary.fromWords(SMALL);

  it('holds the lecture W transposed and gives the same logits and loss before training', () => {
    const data = trainingSet(SMALL, vocab);
    const W = initWeights(vocab.size, new Generator().manualSeed(SEED));
    const model = BigramModel.fromLectureWeights(W);
    expect(rowsOf(model.linear.weight)).toEqual(rowsOf(W.T));
    expect(model.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([['linear.weight', [vocab.size, vocab.size]]]);
    expectClose(model.loss(data.xs, data.ys, 0.01).item(), lectureLoss(W, data.xs, data.ys, 0.01).item(), 1e-6, 0);
  });

  for (const reg of [0, 0.01]) {
    it(`built-in list of ${SMALL.length} names, reg ${reg}: the same loss at every one of 20 steps (lr 50) and the same final W`, () => {
      const { nn, lecture, W, model } = trainBoth(SMALL, vocab, 20, 50, reg);
      expectClose(nn, lecture, 1e-5, 0);
      expectClose(rowsOf(model.linear.weight), rowsOf(W.detach().T), 1e-5, 1e-5);
    });
  }

  it('the Embedding form (weight = W, logits = weight[xs]) with SGD gives the same losses too', () => {
    const data = trainingSet(SMALL, vocab);
    const W = initWeights(vocab.size, new Generator().manualSeed(SEED));
    const emb = new Embedding(vocab.size, vocab.size, { generator: new Generator() });
    emb.loadStateDict({ weight: W });
    const opt = new SGD(emb.parameters(), { lr: 50 });
    const losses: number[] = [];
    for (let k = 0; k < 20; k++) {
      const l = crossEntropy(emb.forward(data.xs), data.ys).add(emb.weight.pow(2).mean().mul(0.01));
      losses.push(l.item());
      opt.zeroGrad();
      l.backward();
      opt.step();
    }
    expectClose(losses, lectureTrain(W, data, { steps: 20, lr: 50, reg: 0.01 }), 1e-5, 0);
  });

  it('trainBigram reports each loss to onStep and rejects a bad step count', () => {
    const data = trainingSet(SMALL, vocab);
    const model = new BigramModel(vocab.size, { generator: new Generator().manualSeed(1) });
    const seen: [number, number][] = [];
    const losses = trainBigram(model, data, { steps: 3, lr: 1, onStep: (k, l) => seen.push([k, l]) });
    expect(seen).toEqual(losses.map((l, k) => [k, l]));
    expect(losses[2]).toBeLessThan(losses[0]);
    expect(() => trainBigram(model, data, { steps: 1.5, lr: 1 })).toThrow('trainBigram: steps must be an integer >= 0, got 1.5');
    expect(() => BigramModel.fromLectureWeights(tensor([[1, 2, 3]], { dtype: 'float32' }))).toThrow('BigramModel: W must be square [V, V], got [1, 3]');
  });

  it('sample() draws names ending in "." and is reproducible with a seeded generator', () => {
    const model = new BigramModel(vocab.size, { generator: new Generator().manualSeed(1) });
    const a = model.sample(new Generator().manualSeed(SEED), 5).map((ix) => vocab.decode(ix));
    const b = model.sample(new Generator().manualSeed(SEED), 5).map((ix) => vocab.decode(ix));
    expect(a).toEqual(b);
    for (const name of a) expect(name.endsWith('.') && name.indexOf('.') === name.length - 1).toBe(true);
  });
});

describeIfFile(namesPath, 'BigramModel vs the lecture model on the first 500 names of names.txt', () => {
  it('the same loss at every one of 20 steps (lr 50, reg 0.01), within 1e-5', () => {
    const words = loadNames(namesPath);
    const { nn, lecture } = trainBoth(words.slice(0, 500), Vocabulary.fromWords(words), 20, 50, 0.01);
    expect(nn).toHaveLength(20);
    expectClose(nn, lecture, 1e-5, 0);
    expect(nn[19]).toBeLessThan(nn[0]);
  });
});

describeIfFile(referencePath('torch/lecture.json'), 'BigramModel vs PyTorch 1.13.1 (recorded lecture run)', () => {
  const ref = hasReference('torch/lecture.json') ? loadReference('torch/lecture.json') : undefined;
  const W0 = () => Tensor.fromArray(Float32Array.from((ref.W_init_bits as string[][]).flat().map(f32FromBits)), [27, 27]);

  it("emma, lr 0.1: PyTorch's 100 losses, within 1e-6", () => {
    const model = BigramModel.fromLectureWeights(W0());
    const data = { xs: tensor(ref.emma_xs as number[], { dtype: 'int32' }), ys: tensor(ref.emma_ys as number[], { dtype: 'int32' }) };
    expectClose(trainBigram(model, data, { steps: 100, lr: 0.1 }), ref['emma_lr0.1_losses_100_steps'], 1e-6, 0);
  });

  describeIfFile(namesPath, 'on the full data set', () => {
    it("228,146 bigrams, lr 50, reg 0.01: PyTorch's first 3 losses, within 1e-5", () => {
      const words = loadNames(namesPath);
      const data = trainingSet(words, Vocabulary.fromWords(words));
      expect(data.n).toBe(ref.num_examples);
      const model = BigramModel.fromLectureWeights(W0());
      expectClose(trainBigram(model, data, { steps: 3, lr: ref.train_lr, reg: ref.train_reg }), ref.train_losses_200.slice(0, 3), 1e-5, 0);
    });
  });

  describeIfFile(referencePath('torch/bigram-W-100-steps.safetensors'), "with PyTorch's W after 100 steps (safetensors)", () => {
    it("samples PyTorch's names: mor. axx. minaymoryles. kondmaisah. anchthizarie.", () => {
      const model = BigramModel.fromLectureWeights(readStateDict(referencePath('torch/bigram-W-100-steps.safetensors')).W);
      const itos = ref.itos as string[];
      const names = model.sample(new Generator().manualSeed(SEED), 5).map((ixs) => ixs.map((i) => itos[i]).join(''));
      expect(names).toEqual(ref.nn_samples_after_100_steps_5);
    });
  });
});
