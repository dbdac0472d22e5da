/**
 * bigramPairs encodes one-code-unit symbols through a lookup table and everything else through
 * `Vocabulary.encode` (docs/performance.md, W5). Checked against the pairs written directly from
 * the definition: the code points of '.' + name + '.', each looked up in `itos`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Vocabulary, bigramPairs } from '../../bigram/data.js';

/** The pairs from the definition: consecutive code points of `.name.`, as indices into `itos`. */
function naivePairs(words: readonly string[], itos: readonly string[]): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const w of words) {
    const ixs = [0, ...[...w].map((ch) => itos.indexOf(ch)), 0];
    for (let k = 0; k + 1 < ixs.length; k++) {
      xs.push(ixs[k]);
      ys.push(ixs[k + 1]);
    }
  }
  return { xs, ys };
}

// ASCII, Latin-1, CJK (one UTF-16 unit each) and astral symbols (two units each)
const SYMBOLS = ['a', 'b', 'z', 'é', 'ñ', '中', '\uFFFD', '😀', '𝒜', '🙂'];

describe('bigramPairs on symbols of one and two UTF-16 units', () => {
  it('equals the pairs of the definition, for any mix', () => {
    const vocab = Vocabulary.fromWords(SYMBOLS);
    const word = fc.array(fc.constantFrom(...SYMBOLS), { minLength: 1, maxLength: 10 }).map((cs) => cs.join(''));
    fc.assert(fc.property(fc.array(word, { maxLength: 8 }), (words) => {
      const { xs, ys } = bigramPairs(words, vocab);
      const want = naivePairs(words, vocab.itos);
      expect(Array.from(xs)).toEqual(want.xs);
      expect(Array.from(ys)).toEqual(want.ys);
    }), { numRuns: 300 });
  });

  it('a lone surrogate symbol is not mistaken for half of a pair, and the other way round', () => {
    const high = '😀'.charAt(0); // a lone high surrogate, one "character" of its own
    const vocab = new Vocabulary(['.', 'a', high, '😀']);
    const words = ['a😀a', `a${high}a`, `${high}😀`];
    const { xs, ys } = bigramPairs(words, vocab);
    const want = naivePairs(words, vocab.itos);
    expect(Array.from(xs)).toEqual(want.xs);
    expect(Array.from(ys)).toEqual(want.ys);
    expect(() => bigramPairs(['a🙂'], vocab)).toThrow('cannot encode "a🙂": character "🙂" (position 1)');
  });

  it('reports the first bad name in order, whichever the kind of problem', () => {
    const vocab = Vocabulary.fromWords(['abc']);
    expect(() => bigramPairs(['ab', 'ax', ''], vocab)).toThrow('cannot encode "ax": character "x" (position 1)');
    expect(() => bigramPairs(['ab', '', 'ax'], vocab)).toThrow('name 2 ("") is not usable: it is empty');
    expect(() => bigramPairs(['a😀', 'a.b'], vocab)).toThrow('cannot encode "a😀": character "😀" (position 1)');
  });
});
