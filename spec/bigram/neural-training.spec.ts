/**
 * The bigram model as a neural net (bigram/neural.ts, notes N16–N22) against PyTorch 1.13.1:
 * the initial W of both normal_fill kernels, the `emma` example at full precision, gradient
 * descent on `emma` and on the whole data set (losses, W, sampled names), the reference W in
 * safetensors form, and the notebook's last cell (train350-lecture-init.json).
 *
 * Which reference goes with which kernel (`../shared/reference/torch-rng.md` §8):
 * - `new Generator()` (default kernel 'scalar', PyTorch's portable normal_fill built on correctly
 *   rounded Math.log/cos/sin) against `torch/scalar/lecture.json` (ATEN_CPU_CAPABILITY=default,
 *   the same normal_fill on glibc's logf/cosf/sinf);
 * - `new Generator({ normalKernel: 'avx2' })` against `torch/lecture.json` (normal_fill_AVX2).
 *
 * Full-data training is slow (a step is a forward and backward pass over 228,146 examples), so
 * each kernel trains 200 steps ONCE in a `beforeAll`, keeping W after 1, 100 and 200 steps; every
 * test reuses that run. The continuation to step 250 (the notebook's names) runs only with
 * MAKEMORE_LONG_TESTS=1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Generator, Tensor, noGrad, type NormalKernel } from '../../engine/index.js';
import { Vocabulary, loadNames } from '../../bigram/data.js';
import { type TrainingSet, forward, initWeights, loss, sampleFromNet, train, trainingSet } from '../../bigram/neural.js';
import { loadModel, saveModel } from '../../bigram/model-file.js';
import { bitsOfF32, describeIfFile, f32FromBits, loadReference, namesPath, referencePath } from '../support/shared.js';

const SEED = 2147483647;
const LR = 50;
const REG = 0.01;
/** Enough for a 200-step run on a loaded 2-core machine (a step has taken 1–7 s there). */
const LONG = 3_600_000;
const TEST = 600_000;

/** The float32 bit patterns of a tensor, row-major. */
const bitsOf = (t: Tensor): string[] => Array.from(t.detach().contiguous().toTypedArray() as Float32Array, bitsOfF32);
/** The float32 values of a tensor, row-major. */
const valuesOf = (t: Tensor): number[] => Array.from(t.detach().contiguous().toTypedArray() as Float32Array);

/** Largest |a[i] - b[i]|. */
function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Units in the last place between two float32 bit patterns of the same sign. */
const ulps = (a: string, b: string): number => Math.abs(parseInt(a, 16) - parseInt(b, 16));

/** A fresh generator seeded as the lecture seeds it. */
const seeded = (kernel: NormalKernel = 'scalar') => new Generator({ normalKernel: kernel }).manualSeed(SEED);

describeIfFile(referencePath('torch/scalar/lecture.json'), 'the emma example (N16–N20), no data file needed', () => {
  const scalarRef = loadReference('torch/scalar/lecture.json');
  const avxRef = loadReference('torch/lecture.json');
  const vocab = new Vocabulary(scalarRef.itos);
  const emma = trainingSet(['emma'], vocab);

  it('N16: xs and ys of emma', () => {
    expect(Array.from(emma.xs.toTypedArray() as Int32Array)).toEqual(scalarRef.emma_xs);
    expect(Array.from(emma.ys.toTypedArray() as Int32Array)).toEqual(scalarRef.emma_ys);
  });

  it("W_init, default 'scalar' kernel: exactly 10 of 729 differ from scalar/lecture.json, by 1-2 ulp", () => {
    // The reference is PyTorch's scalar normal_fill on glibc's logf/cosf/sinf, which are not
    // correctly rounded; the engine uses correctly rounded Math.log/cos/sin. Where glibc is off
    // by one ulp in an intermediate, W differs in its last 1-2 bits. This is the documented,
    // expected difference (torch-rng.md §9), not a tolerance: the count is exact.
    const ours = bitsOf(initWeights(27, new Generator().manualSeed(SEED)));
    const ref: string[] = scalarRef.W_init_bits.flat();
    const diffs = ours.map((b, i) => ({ i, d: ulps(b, ref[i]) })).filter(({ d }) => d !== 0);
    expect(diffs.length).toBe(10);
    for (const { d } of diffs) expect(d).toBeLessThanOrEqual(2);
  });

  it("W_init, 'avx2' kernel: equals lecture.json W_init bit for bit", () => {
    expect(bitsOf(initWeights(27, seeded('avx2')))).toEqual(avxRef.W_init_bits.flat());
  });

  it('N19: emma probs (5×27) equal scalar/lecture.json emma_probs_bits bit for bit, despite the 10 W differences', () => {
    // One of the 10 differing W entries, [0, 4], is in a row emma uses (row 0); the 1-ulp change
    // does not survive exp, the row sum and the division, so every probability is exact.
    const W = initWeights(27, new Generator().manualSeed(SEED));
    const probs = noGrad(() => forward(W, emma.xs));
    expect(bitsOf(probs)).toEqual(scalarRef.emma_probs_bits.flat());
  });

  it('N19: with the avx2 kernel, emma probs differ from lecture.json in exactly 12 of 135 values, by 1-2 ulp', () => {
    // W is bit-identical to the reference here; the difference is torch's AVX2 exp (SLEEF-style,
    // not always correctly rounded: 81 of 729 on W, torch-rng.md §6), while the engine's exp is
    // correctly rounded float32 exp, as the scalar torch build's glibc expf is (0 of 729).
    const W = initWeights(27, seeded('avx2'));
    const ours = bitsOf(noGrad(() => forward(W, emma.xs)));
    const ref: string[] = avxRef.emma_probs_bits.flat();
    const diffs = ours.map((b, i) => ulps(b, ref[i])).filter((d) => d !== 0);
    expect(diffs.length).toBe(12);
    for (const d of diffs) expect(d).toBeLessThanOrEqual(2);
  });

  it('N20: the per-example p and log p at full precision equal scalar/lecture.json exactly (the lecture printed these)', () => {
    const W = initWeights(27, new Generator().manualSeed(SEED));
    const probs = noGrad(() => forward(W, emma.xs));
    const ys = Array.from(emma.ys.toTypedArray() as Int32Array);
    const got = ys.map((y, i) => {
      const p = probs.index(i, y);
      return { x: scalarRef.emma_xs[i], y, p: p.item(), logp: p.log().item() };
    });
    expect(got).toEqual(scalarRef.emma_examples.map((e: any) => ({ x: e.x, y: e.y, p: e.p, logp: e.logp })));
    // The AVX2 reference has different last bits (torch-rng.md §8: only 1 of 5 p and 3 of 5
    // log p agree with the scalar file) — the full-precision prints tell the kernels apart.
    const same = (k: 'p' | 'logp') => avxRef.emma_examples.filter((e: any, i: number) => e[k] === scalarRef.emma_examples[i][k]).length;
    expect([same('p'), same('logp')]).toEqual([1, 3]);
  });

  it("N20: with the avx2 kernel, the per-example p and log p equal lecture.json's exactly", () => {
    // (12 of the 135 probabilities differ by an ulp, see above, but not these five.)
    const W = initWeights(27, seeded('avx2'));
    const probs = noGrad(() => forward(W, emma.xs));
    const got = avxRef.emma_ys.map((y: number, i: number) => {
      const p = probs.index(i, y);
      return { p: p.item(), logp: p.log().item() };
    });
    expect(got).toEqual(avxRef.emma_examples.map((e: any) => ({ p: e.p, logp: e.logp })));
  });

  it('N20: the mean loss and its bits', () => {
    const W = initWeights(27, new Generator().manualSeed(SEED));
    const l = loss(W, emma.xs, emma.ys, 0);
    expect(l.item()).toBe(scalarRef.emma_step0_loss);
    expect(bitsOfF32(l.item())).toBe(scalarRef.emma_step0_loss_bits);
    expect(l.item()).toBe(scalarRef.emma_mean_nll_loop);
  });

  for (const [kernel, ref, name] of [['scalar', scalarRef, 'scalar/lecture.json'], ['avx2', avxRef, 'lecture.json']] as const) {
    it(`N22: emma, ${kernel} kernel: step-0 gradient within 1e-6 and 100 steps at lr 0.1 within 1e-6 of ${name}`, () => {
      const W = initWeights(27, seeded(kernel));
      const set: TrainingSet = { xs: emma.xs, ys: emma.ys, n: 5 };
      const losses = train(W, set, { steps: 1, lr: 0.1, reg: 0 });
      // train() sets W.grad = null before each backward, so W.grad is still the step-0 gradient
      expect(maxAbsDiff(valuesOf(W.grad!), ref.emma_step0_W_grad.flat())).toBeLessThan(1e-6);
      losses.push(...train(W, set, { steps: 99, lr: 0.1, reg: 0 }));
      const refLosses: number[] = ref['emma_lr0.1_losses_100_steps'];
      expect(losses.length).toBe(100);
      for (let k = 0; k < 100; k++) expect(Math.abs(losses[k] - refLosses[k]), `step ${k}`).toBeLessThan(1e-6);
      // the notebook's cell 52 printed the loss after 4 steps: identical
      const step = ref.emma_notebook_cell52_loss.matching_step_indices[0];
      expect(losses[step]).toBe(ref.emma_notebook_cell52_loss.notebook);
    });
  }
});

describeIfFile(referencePath('torch/bigram-W-100-steps.safetensors'), 'the reference W after 100 steps in safetensors form', () => {
  const path = referencePath('torch/bigram-W-100-steps.safetensors');
  const ref = loadReference('torch/lecture.json');
  const tmp = mkdtempSync(join(tmpdir(), 'bigram-neural-'));

  it('loadModel reads it (no vocabulary in the file: the fallback is used) with W = W_after_100_steps_bits', () => {
    const { W, vocab } = loadModel(path, new Vocabulary(ref.itos));
    expect(W.dtype).toBe('float32');
    expect(W.shape).toEqual([27, 27]);
    expect(vocab.itos).toEqual(ref.itos);
    expect(bitsOf(W)).toEqual(ref.W_after_100_steps_bits.flat());
    expect(() => loadModel(path)).toThrow(/no vocabulary/);
  });

  it('saveModel → loadModel round trip keeps every bit and the vocabulary', () => {
    try {
      const { W, vocab } = loadModel(path, new Vocabulary(ref.itos));
      const file = join(tmp, 'w.safetensors');
      saveModel(file, W, vocab);
      const back = loadModel(file); // the vocabulary now comes from the file's metadata
      expect(back.vocab.itos).toEqual(ref.itos);
      expect(bitsOf(back.W)).toEqual(ref.W_after_100_steps_bits.flat());
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('N22: the net sampled from it gives nn_samples_after_100_steps (sampling does not depend on the kernel)', () => {
    const { W, vocab } = loadModel(path, new Vocabulary(ref.itos));
    expect(sampleFromNet(W, vocab, seeded(), 5)).toEqual(ref.nn_samples_after_100_steps_5);
  });
});

/** One 200-step run from the lecture's W: the losses and W after 1, 100 and 200 steps. */
interface Run {
  data: TrainingSet;
  vocab: Vocabulary;
  losses: number[];
  grad0: Tensor;
  W1: Tensor;
  W100: Tensor;
  W200: Tensor;
  msPerStep: number;
}

let dataset: { data: TrainingSet; vocab: Vocabulary } | undefined;

/** Let vitest's worker answer its RPC between steps: a synchronous stretch of more than 60 s makes
 * it report "Timeout calling onTaskUpdate" (an unhandled error) although every test passes. */
const breathe = () => new Promise<void>((r) => setImmediate(r));

/** `train`, one step at a time with a pause in between; returns the losses. */
async function trainSteps(W: Tensor, data: TrainingSet, steps: number): Promise<number[]> {
  const losses: number[] = [];
  for (let k = 0; k < steps; k++) {
    losses.push(...train(W, data, { steps: 1, lr: LR, reg: REG }));
    await breathe();
  }
  return losses;
}

async function trainRun(kernel: NormalKernel): Promise<Run> {
  if (!dataset) {
    const words = loadNames(namesPath);
    const vocab = Vocabulary.fromWords(words);
    dataset = { data: trainingSet(words, vocab), vocab };
  }
  const { data, vocab } = dataset;
  const W = initWeights(vocab.size, seeded(kernel));
  const snapshot = () => W.detach().clone();
  const t0 = performance.now();
  const losses = await trainSteps(W, data, 1);
  // train() sets W.grad = null before each backward, so W.grad is still the step-0 gradient
  const grad0 = W.grad!.clone();
  const W1 = snapshot();
  losses.push(...(await trainSteps(W, data, 99)));
  const W100 = snapshot();
  losses.push(...(await trainSteps(W, data, 100)));
  return { data, vocab, losses, grad0, W1, W100, W200: W, msPerStep: (performance.now() - t0) / 200 };
}

const LONG_TESTS = process.env.MAKEMORE_LONG_TESTS === '1';

describeIfFile(namesPath, 'gradient descent on the whole data set (N22: lr 50, reg 0.01)', () => {
  const cases = [
    { kernel: 'scalar' as const, file: 'torch/scalar/lecture.json', label: "default 'scalar' kernel vs scalar/lecture.json" },
    { kernel: 'avx2' as const, file: 'torch/lecture.json', label: "'avx2' kernel vs lecture.json" },
  ];
  for (const { kernel, file, label } of cases) {
    describe(label, () => {
      const ref = loadReference(file);
      let run: Run;
      beforeAll(async () => {
        run = await trainRun(kernel);
        console.log(`${kernel}: ${run.msPerStep.toFixed(0)} ms per full-data training step`);
      }, LONG);

      it('228146 examples', () => {
        expect(run.data.n).toBe(ref.num_examples);
        expect(run.vocab.itos).toEqual(ref.itos);
      });

      it(`the loss of every one of the 200 steps is within 1e-4${kernel === 'scalar' ? ' (the step-0 loss bit for bit)' : ''}`, () => {
        const refLosses: number[] = ref.train_losses_200;
        expect(run.losses.length).toBe(200);
        for (let k = 0; k < 200; k++) expect(Math.abs(run.losses[k] - refLosses[k]), `step ${k}`).toBeLessThan(1e-4);
        const exact = run.losses.filter((l, k) => bitsOfF32(l) === ref.train_losses_200_bits[k]).length;
        console.log(`${kernel}: ${exact} of 200 losses bit-equal to ${file}, max |Δ| ${maxAbsDiff(run.losses, refLosses).toExponential(2)}`);
        if (kernel === 'scalar') {
          // W_init differs in 10 entries (glibc), yet the step-0 loss is PyTorch's bit for bit:
          // the scalar build's expf is correctly rounded like ours.
          expect(bitsOfF32(run.losses[0])).toBe(ref.train_losses_200_bits[0]);
        } else {
          // W_init is bit-identical here, but PyTorch's AVX2 exp/log are SLEEF-style and not
          // always correctly rounded (torch-rng.md §6), ours are: the step-0 loss is off by an ulp or two.
          expect(ulps(bitsOfF32(run.losses[0]), ref.train_losses_200_bits[0])).toBeLessThanOrEqual(2);
        }
      }, TEST);

      it('the step-0 gradient is within 1e-6, W after 1, 100 and 200 steps within 1e-4', () => {
        expect(maxAbsDiff(valuesOf(run.grad0), ref.train_step0_W_grad.flat())).toBeLessThan(1e-6);
        const refW = (n: number) => (ref[`W_after_${n}_steps_bits`] as string[][]).flat().map(f32FromBits);
        expect(maxAbsDiff(valuesOf(run.W1), refW(1))).toBeLessThan(1e-4);
        expect(maxAbsDiff(valuesOf(run.W100), refW(100))).toBeLessThan(1e-4);
        expect(maxAbsDiff(valuesOf(run.W200), refW(200))).toBeLessThan(1e-4);
      }, TEST);

      it('the 5 and 20 names sampled after 100 and after 200 steps (fresh generator each time)', () => {
        expect(sampleFromNet(run.W100, run.vocab, seeded(kernel), 5)).toEqual(ref.nn_samples_after_100_steps_5);
        expect(sampleFromNet(run.W100, run.vocab, seeded(kernel), 20)).toEqual(ref.nn_samples_after_100_steps_20);
        expect(sampleFromNet(run.W200, run.vocab, seeded(kernel), 5)).toEqual(ref.nn_samples_after_200_steps_5);
        expect(sampleFromNet(run.W200, run.vocab, seeded(kernel), 20)).toEqual(ref.nn_samples_after_200_steps_20);
      }, TEST);

      if (kernel !== 'scalar') return;

      describeIfFile(referencePath('torch/train350-lecture-init.json'), "train350-lecture-init.json: the notebook's last cell", () => {
        const t350 = loadReference('torch/train350-lecture-init.json');
        // The names the notebook printed, as the reference file states them.
        const notebook = /equal the notebook \(([^)]*)\)/.exec(t350.what)![1].split(' ');

        it('starts from our scalar W (the run says: scalar normal_fill, correctly rounded log/cos/sin): step-0 loss bit-equal, 200 losses within 1e-4', () => {
          // The file records no W_init bits; its step-0 loss is computed from W_init alone, and it
          // equals ours bit for bit. (Its later steps ran torch's AVX2 exp/log and sgemm, hence 1e-4.)
          expect(run.losses[0]).toBe(t350.losses[0]);
          for (let k = 0; k < 200; k++) expect(Math.abs(run.losses[k] - t350.losses[k]), `step ${k}`).toBeLessThan(1e-4);
          expect(notebook.length).toBe(5);
          // after 200 steps the net's names are not yet the notebook's (they are from step 250 on)
          expect(t350.sample_match_after_steps.every((s: number) => s >= 250)).toBe(true);
          expect(sampleFromNet(run.W200, run.vocab, seeded(), 5)).not.toEqual(notebook);
        });

        describe.skipIf(!LONG_TESTS)(
          '50 more steps to step 250 [skipped unless MAKEMORE_LONG_TESTS=1: a full-data step takes over 300 ms on this machine]',
          () => {
            it("losses 200-249 within 1e-4 and, after 250 steps, the notebook's five names", async () => {
              expect(t350.sample_match_after_steps).toContain(250);
              const W = run.W200.detach().clone().requiresGrad_(true);
              const more = await trainSteps(W, run.data, 50);
              for (let k = 0; k < 50; k++) expect(Math.abs(more[k] - t350.losses[200 + k]), `step ${200 + k}`).toBeLessThan(1e-4);
              expect(sampleFromNet(W, run.vocab, seeded(), 5)).toEqual(notebook);
            }, LONG);
          },
        );
      });
    });
  }
});
