/**
 * The whole stack at work: the lecture's bigram model (notes N1–N22), counted and then learned.
 * Uses the lecture's names.txt, embedded in the library (bigram/lecture-names.ts).
 *
 *     npx tsx docs/examples/bigram.ts
 */
import { Generator } from '../../engine/index.js';
import { lectureNames } from '../../bigram/lecture-names.js';
import { Vocabulary } from '../../bigram/data.js';
import { countBigrams, evaluate, probabilities, sampleNames } from '../../bigram/counts.js';
import { initWeights, train, trainingSet } from '../../bigram/neural.js';

const words = lectureNames();
const vocab = Vocabulary.fromWords(words);
console.log(`${words.length} names, ${vocab.size} symbols`);

// the counts model: N (N3), P = (N + 1) row-normalised (N12, N15), five samples (N7), the loss (N14)
const N = countBigrams(words, vocab);
const P = probabilities(N, 1);
const seeded = () => new Generator().manualSeed(2147483647);
console.log(`samples from P: ${sampleNames(P, vocab, seeded(), 5).join(' ')}`);
console.log(`counts model: average negative log-likelihood ${evaluate(P, words, vocab, false).avgNll.toFixed(4)}`);

// the neural net (N16–N22): W = randn((27, 27)), 3 steps of gradient descent, lr 50, reg 0.01
// (npm run lecture trains for 300 steps; the loss approaches the counts model's)
const data = trainingSet(words, vocab);
const W = initWeights(vocab.size, seeded());
const losses = train(W, data, { steps: 3, lr: 50, reg: 0.01 });
console.log(`neural net: loss ${losses.map((l) => l.toFixed(4)).join(' → ')}`);
