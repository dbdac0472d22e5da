/**
 * bigramPairs encodes one-code-unit symbols through a lookup table in one pass and everything
 * else (and every name with a problem) through `Vocabulary.encode` (docs/performance.md, W5). Checked against the pairs written directly from
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

  it('names with "." or characters outside the vocabulary, and empty names: the error of the first bad name', () => {
    // the one-pass table path hands such a name to the slow path, which must report it as the
    // checks of the definition do, in order: empty, contains ".", then the first unknown character
    const vocab = Vocabulary.fromWords(['ab', 'é😀']);
    const symbol = fc.constantFrom('a', 'b', 'é', '😀', '.', 'x', '🙂', ' ');
    const word = fc.array(symbol, { maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(fc.property(fc.array(word, { maxLength: 6 }), (words) => {
      const reference = (): { xs: number[]; ys: number[] } => {
        words.forEach((w, i) => {
          const name = `cannot make pairs: name ${i + 1} (${JSON.stringify(w)}) is not usable`;
          if (w === '') throw new Error(`${name}: it is empty`);
          if (w.includes('.')) throw new Error(`${name}: it contains ".", which is reserved as the start/end token`);
          vocab.encode(w); // throws for an unknown character
        });
        return naivePairs(words, vocab.itos);
      };
      let want: { xs: number[]; ys: number[] } | Error;
      try {
        want = reference();
      } catch (e) {
        want = e as Error;
      }
      if (want instanceof Error) {
        expect(() => bigramPairs(words, vocab)).toThrow(want.message);
      } else {
        const { xs, ys } = bigramPairs(words, vocab);
        expect(Array.from(xs)).toEqual(want.xs);
        expect(Array.from(ys)).toEqual(want.ys);
      }
    }), { numRuns: 500 });
    expect(Array.from(bigramPairs([], vocab).xs)).toEqual([]);
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
