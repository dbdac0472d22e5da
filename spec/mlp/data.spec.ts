/**
 * The MLP's data: the shuffled split and its contexts, exactly as PyTorch's reference run
 * (spec/fixtures/mlp/reference-mlp-200k.json) and as a naive re-computation.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset, mlpData, shuffleAndSplit } from '../../mlp/index.js';
import { lectureNames, Vocabulary } from '../../bigram/index.js';
import { repoRoot } from '../support/shared.js';

const ref = JSON.parse(readFileSync(resolve(repoRoot, 'spec/fixtures/mlp/reference-mlp-200k.json'), 'utf8'));

describe('MLP data split', () => {
  const words = lectureNames();
  const d = mlpData(words, 3);
  it("split shapes and first shuffled words equal PyTorch's run", () => {
    expect(d.shuffled.words.slice(0, 10)).toEqual(ref.shuffled_first_words);
    expect(d.train.X.shape).toEqual(ref.shapes.Xtr);
    expect(d.dev.X.shape).toEqual(ref.shapes.Xdev);
    expect(d.test.X.shape).toEqual(ref.shapes.Xte);
    expect([d.train.Y.shape[0], d.dev.Y.shape[0], d.test.Y.shape[0]]).toEqual([182625, 22655, 22866]);
    expect([d.shuffled.n1, d.shuffled.n2]).toEqual([25626, 28829]);
  });
  it('every context equals a naive sliding window over the shuffled words (all three splits)', () => {
    const stoi = new Map(d.vocab.itos.map((s, i) => [s, i]));
    const parts = [d.shuffled.words.slice(0, d.shuffled.n1), d.shuffled.words.slice(d.shuffled.n1, d.shuffled.n2), d.shuffled.words.slice(d.shuffled.n2)];
    [d.train, d.dev, d.test].forEach((split, k) => {
      const X: number[] = [];
      const Y: number[] = [];
      for (const w of parts[k]) {
        let ctx = [0, 0, 0];
        for (const ch of w + '.') {
          const ix = stoi.get(ch)!;
          X.push(...ctx);
          Y.push(ix);
          ctx = [...ctx.slice(1), ix];
        }
      }
      expect(Array.from(split.X.storage.data as Int32Array)).toEqual(X);
      expect(Array.from(split.Y.storage.data as Int32Array)).toEqual(Y);
    });
  });
  it("build_dataset(['emma']) by hand", () => {
    const vocab = Vocabulary.fromWords(words);
    const { X, Y } = buildDataset(['emma'], vocab, 3);
    expect(X.tolist()).toEqual([[0, 0, 0], [0, 0, 5], [0, 5, 13], [5, 13, 13], [13, 13, 1]]);
    expect(Y.tolist()).toEqual([5, 13, 13, 1, 0]);
    expect(buildDataset(['ab'], Vocabulary.fromWords(['ab']), 1).X.tolist()).toEqual([[0], [1], [2]]);
  });
  it('the input list is not modified; errors are clear', () => {
    const ws = ['b', 'a', 'c'];
    shuffleAndSplit(ws);
    expect(ws).toEqual(['b', 'a', 'c']);
    expect(() => buildDataset(['a'], Vocabulary.fromWords(['a']), 0)).toThrow(/blockSize must be a positive integer, got 0/);
    expect(() => buildDataset(['z'], Vocabulary.fromWords(['a']), 3)).toThrow(/character "z"/);
  });
});
