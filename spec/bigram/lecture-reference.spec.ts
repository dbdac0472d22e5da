/**
 * The counting bigram model (bigram/counts.ts, notes N1–N15) on the lecture's data set, against
 * what PyTorch 1.13.1 computed on the same file (`../shared/reference/torch/lecture.json` and
 * `torch/scalar/lecture.json`). Nothing here depends on the normal_fill kernel, so both
 * reference files hold the same values and every assertion checks both; floats are compared bit
 * for bit.
 */
import { beforeAll, expect, it } from 'vitest';
import { Generator, Tensor, multinomial } from '../../engine/index.js';
import { Vocabulary, loadNames } from '../../bigram/data.js';
import {
  type Evaluation,
  countBigrams,
  countBigramsLoop,
  evaluate,
  formatBigramScore,
  probabilities,
  sampleNames,
} from '../../bigram/counts.js';
import { bitsOfF32, describeIfFile, loadReference, namesPath, refNumber, referencePath } from '../support/shared.js';

const SEED = 2147483647;
/** The two reference files: default (AVX2) kernels, and ATEN_CPU_CAPABILITY=default. */
const FILES = ['torch/lecture.json', 'torch/scalar/lecture.json'] as const;

/** The `*_bits` hex of every element of a float32 tensor, in row-major order. */
const bitsOf = (t: Tensor): string[] => Array.from(t.contiguous().toTypedArray() as Float32Array, bitsOfF32);

interface RefEval {
  log_likelihood: number | string;
  nll: number | string;
  n: number;
  avg_nll: number | string;
  log_likelihood_bits: string;
  avg_nll_bits: string;
}

/** An evaluation equals a reference record exactly (bits, and the non-finite strings). */
function expectEval(e: Evaluation, r: RefEval): void {
  expect(e.n).toBe(r.n);
  expect(bitsOfF32(e.logLikelihood)).toBe(r.log_likelihood_bits);
  expect(bitsOfF32(e.avgNll)).toBe(r.avg_nll_bits);
  expect(e.logLikelihood).toBe(refNumber(r.log_likelihood));
  expect(e.nll).toBe(refNumber(r.nll));
  expect(e.avgNll).toBe(refNumber(r.avg_nll));
}

describeIfFile(referencePath(FILES[0]), 'the counts model against PyTorch (torch/lecture.json)', () => {
  describeIfFile(namesPath, 'on names.txt', () => {
    const refs = FILES.map((f) => loadReference(f));
    const ref = refs[0];
    let words: string[];
    let vocab: Vocabulary;
    let N: Tensor;
    let P: Tensor;

    beforeAll(() => {
      words = loadNames(namesPath);
      vocab = Vocabulary.fromWords(words);
      N = countBigramsLoop(words, vocab);
      P = probabilities(N, 1);
    });

    it('N1, N2: 32033 names, the 27-symbol vocabulary with "." at 0', () => {
      for (const r of refs) {
        expect(words.length).toBe(r.num_words);
        expect(words.slice(0, 10)).toEqual(r.first_10_words);
        expect(vocab.itos).toEqual(r.itos);
      }
    });

    it('N3: N from the lecture loop (N[ix1, ix2] += 1) equals N exactly', () => {
      expect(N.dtype).toBe('int32');
      expect(N.shape).toEqual([27, 27]);
      for (const r of refs) {
        expect(N.tolist()).toEqual(r.N);
        expect(N.sum().item()).toBe(r.N_total);
        expect((N.tolist() as number[][]).flat().filter((c) => c > 0).length).toBe(r.num_distinct_bigrams);
      }
    });

    it('N3: the vectorised N (one-hotᵀ · one-hot) equals N exactly', () => {
      const Nv = countBigrams(words, vocab);
      expect(Nv.dtype).toBe('int32');
      for (const r of refs) expect(Nv.tolist()).toEqual(r.N);
    });

    it('N4: p = N[0].float(); p = p / p.sum() equals p_row0 bit for bit', () => {
      const p = N.index(0).float();
      p.div_(p.sum());
      for (const r of refs) expect(bitsOf(p)).toEqual(r.p_row0_bits);
    });

    it("N4, N6: the first sample from p with a fresh generator is ix 13 ('m')", () => {
      const p = N.index(0).float();
      p.div_(p.sum());
      const ix = multinomial(p, 1, { replacement: true, generator: new Generator().manualSeed(SEED) }).item();
      for (const r of refs) {
        expect(ix).toBe(r.first_sample_from_p_row0.ix);
        expect(vocab.itos[ix]).toBe(r.first_sample_from_p_row0.char);
      }
    });

    it('N12, N15: P = (N+1).float(); P /= P.sum(1, keepdim=True) equals P_smoothed bit for bit (all 729)', () => {
      // P's denominators are sums of integers below 2^24: exact in any order. The row sums of the
      // normalised P are not: a plain left-to-right float32 sum differs from PyTorch's in 17 of the
      // 27 rows; PyTorch's cascade order (engine/ops/cascade-sum.ts) gives all 27.
      for (const r of refs) {
        expect(bitsOf(P)).toEqual(r.P_smoothed_bits.flat());
        expect(bitsOf(P.sum(1))).toEqual(r.P_smoothed_row_sums_bits);
      }
    });

    it('N7: the counts model samples the reference names (5, and 20), each from a fresh generator', () => {
      for (const r of refs) {
        expect(sampleNames(P, vocab, new Generator().manualSeed(SEED), 5)).toEqual(r.counts_model_samples_5);
        expect(sampleNames(P, vocab, new Generator().manualSeed(SEED), 20)).toEqual(r.counts_model_samples_20);
      }
    });

    it('N14: log-likelihood and average NLL of the whole data set under P = N+1, bit for bit', () => {
      const e = evaluate(P, words, vocab, false);
      for (const r of refs) expectEval(e, r.smoothed_N_plus_1);
    });

    it('N14: ... and under the unsmoothed P = N (probabilities(N, 0)), bit for bit', () => {
      const e = evaluate(probabilities(N, 0), words, vocab, false);
      for (const r of refs) expectEval(e, r.unsmoothed_N);
    });

    it("N15: 'andrejq' is finite under N+1 and infinite (jq has probability 0) under N", () => {
      const smoothed = evaluate(P, ['andrejq'], vocab);
      const unsmoothed = evaluate(probabilities(N, 0), ['andrejq'], vocab);
      for (const r of refs) {
        expectEval(smoothed, r.andrejq_smoothed);
        expectEval(unsmoothed, r.andrejq_unsmoothed);
      }
      expect(unsmoothed.avgNll).toBe(Infinity);
    });

    it("N14: 'emma' under P = N+1: NLL bits and the printed per-bigram lines", () => {
      const e = evaluate(P, ['emma'], vocab);
      for (const r of refs) {
        expectEval(e, r.emma_nll_smoothed);
        expect(e.bigrams.map(formatBigramScore)).toEqual(r.emma_bigrams_smoothed.map((b: { printed: string }) => b.printed));
        expect(e.bigrams.map((b) => [b.bigram, b.prob, b.logprob])).toEqual(
          r.emma_bigrams_smoothed.map((b: { bigram: string; prob: number; logprob: number }) => [b.bigram, b.prob, b.logprob]),
        );
      }
    });

    it('the two reference files agree on everything above (none of it depends on randn)', () => {
      const keys = ['N', 'p_row0_bits', 'P_smoothed_bits', 'counts_model_samples_20', 'smoothed_N_plus_1', 'unsmoothed_N', 'andrejq_unsmoothed', 'emma_bigrams_smoothed'];
      for (const k of keys) expect(refs[1][k]).toEqual(ref[k]);
    });
  });
});
