/**
 * bigram/lecture.ts, the lecture end to end: `runLecture` prints every notes item's section
 * (N1–N22) and, in order, the values PyTorch printed. Expected lines are built from the reference
 * files (`../shared/reference/torch/*.json`), never from the code under test. Training is cut to
 * 2 steps (a full-data step is slow; the 200-step run is in neural-training.spec.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { runLecture } from '../../bigram/lecture.js';
import { describeIfFile, loadReference, namesPath, referencePath, repoRoot } from '../support/shared.js';

/** Python's repr of a str (the names here need no escapes). */
const pyStr = (s: string) => `'${s}'`;
/** PyTorch's 4-decimal print of a float (`tensor(2.4544)`); enough for the values used here. */
const f4 = (x: number) => x.toFixed(4);

/**
 * Expect `needles` to appear in `lines` in this order (each an exact line, or a RegExp matched
 * against one line); returns the indices. Reports the first one missing with its predecessor.
 */
function expectInOrder(lines: readonly string[], needles: readonly (string | RegExp)[]): number[] {
  const at: number[] = [];
  let from = 0;
  for (const n of needles) {
    const i = lines.findIndex((l, k) => k >= from && (typeof n === 'string' ? l === n : n.test(l)));
    expect(i, `${String(n)} after line ${from} (${JSON.stringify(lines[from - 1])})`).toBeGreaterThanOrEqual(0);
    at.push(i);
    from = i + 1;
  }
  return at;
}

/** The ids of the notes items a heading names: `## N8–N13: …` gives N8 … N13; `N21` in the text counts too. */
function headingIds(lines: readonly string[]): number[] {
  const ids: number[] = [];
  for (const l of lines.filter((x) => x.startsWith('## N'))) {
    for (const m of l.matchAll(/N(\d+)(?:[–-]N(\d+))?/g)) {
      const a = Number(m[1]);
      const b = m[2] === undefined ? a : Number(m[2]);
      for (let k = a; k <= b; k++) ids.push(k);
    }
  }
  return ids;
}

describeIfFile(referencePath('torch/scalar/lecture.json'), 'the lecture script (bigram/lecture.ts)', () => {
  describeIfFile(namesPath, 'runLecture({ data: names.txt, steps: 2, totalSteps: 2 })', () => {
    const ref = loadReference('torch/scalar/lecture.json');
    const rng = loadReference('torch/rng.json');
    const lines: string[] = [];
    beforeAll(() => {
      runLecture({ data: namesPath, steps: 2, totalSteps: 2 }, (line) => lines.push(...line.split('\n')));
    }, 600_000);

    it('has a section heading for every notes item N1 … N22, in lecture order', () => {
      const ids = new Set(headingIds(lines));
      for (let k = 1; k <= 22; k++) expect(ids.has(k), `N${k}`).toBe(true);
      const first = lines.filter((l) => l.startsWith('## N')).map((l) => l.slice(3).split(':')[0]);
      expect(first[0]).toBe('N1');
      expect(first[first.length - 1]).toBe('N22');
    });

    it('prints the data set, counts, samples and NLLs PyTorch printed, in order', () => {
      const sN = ref.smoothed_N_plus_1;
      const top = ref.top_10_bigrams.map(([a, b, c]: [string, string, number]) => `((${pyStr(a)}, ${pyStr(b)}), ${c})`);
      const at = expectInOrder(lines, [
        `data: ${namesPath} (32,033 names)`,
        /^## N1:/,
        `[${ref.first_10_words.map(pyStr).join(', ')}]`,
        String(ref.num_words),
        String(ref.min_len),
        String(ref.max_len),
        `[${top.join(', ')}]`,
        /^## N2/,
        `[${ref.itos.map(pyStr).join(', ')}]`,
        `N.shape = torch.Size([27, 27]), N.sum() = ${ref.N_total}`,
        /^## N4:/,
        `ix = ${ref.first_sample_from_p_row0.ix}, itos[ix] = ${pyStr(ref.first_sample_from_p_row0.char)}`,
        /^## N5/,
        `tensor([${rng.lecture_rand3_normalized.map(f4).join(', ')}])`, // tensor([0.6064, 0.3033, 0.0903])
        /^## N8/,
        /^## N7:/,
        ...ref.counts_model_samples_5, // mor. axx. minaymoryles. kondlaisah. anchshizarie.
        /^## N14:/,
        `log_likelihood=tensor(${f4(sN.log_likelihood)})`, // log_likelihood=tensor(-559951.5625)
        `nll=tensor(${f4(sN.nll)})`,
        `tensor(${f4(sN.avg_nll)})`, // tensor(2.4544)
        /^## N15:/,
        `average nll: ${ref.andrejq_smoothed.avg_nll}`,
        'jq: 0.0000 -inf',
        `average nll: ${ref.andrejq_unsmoothed.avg_nll}`, // 'inf', as Python prints it
      ]);
      // the 100 multinomial draws after rand(3), printed as a tensor over several lines
      const draws = lines.slice(at[13] + 1, at[14]).join(' ').match(/\d+/g)!.map(Number);
      expect(draws).toEqual(rng.lecture_multinomial_100_after_rand3);
    });

    it('prints the emma example at full precision and the training set size, in order', () => {
      const nums = (l: string) => l.match(/\d+/g)!.map(Number);
      const at = expectInOrder(lines, [/^## N16:/, /^xs = tensor\(/, /^ys = tensor\(/, /^## N17:/, /^## N18/]);
      expect(nums(lines[at[1]])).toEqual(ref.emma_xs);
      expect(nums(lines[at[2]])).toEqual(ref.emma_ys);
      const examples = ref.emma_examples.flatMap((e: { x: number; y: number; bigram: string; p: number; logp: number; nll: number }, i: number) => [
        `bigram example ${i + 1}: ${e.bigram} (indexes ${e.x},${e.y})`,
        `probability assigned by the net to the the correct character: ${e.p}`,
        `log likelihood: ${e.logp}`,
        `negative log likelihood: ${e.nll}`,
      ]);
      expectInOrder(lines, [
        /^## N18/,
        ...examples, // 0.012286253273487091, -4.3992743492126465, ...
        `average negative log likelihood, i.e. loss = ${ref.emma_mean_nll_loop}`, // 3.7693049907684326
        /^## N22:/,
        `number of examples: ${ref.num_examples}`, // 228146
        `${f4(ref.train_losses_200[0])}  ${f4(ref.train_losses_200[1])}`,
        /^five names from the net after 2 steps/,
      ]);
    });
  });
});

describeIfFile(referencePath('torch/scalar/lecture.json'), 'the lecture script without a data file', () => {
  it('falls back to the built-in names and says how to use names.txt', () => {
    // runLecture looks for names.txt in the current directory: run it from an empty one. In a
    // worker thread process.chdir is unavailable, so then spawn the script once instead.
    const dir = mkdtempSync(join(tmpdir(), 'bigram-lecture-'));
    const lines: string[] = [];
    const cwd = process.cwd();
    try {
      let chdirOk = true;
      try {
        process.chdir(dir);
      } catch {
        chdirOk = false;
      }
      if (chdirOk) {
        try {
          runLecture({ steps: 1, totalSteps: 1 }, (l) => lines.push(...l.split('\n')));
        } finally {
          process.chdir(cwd);
        }
      } else {
        const r = spawnSync('npx', ['tsx', join(repoRoot, 'bigram/lecture.ts'), '--steps', '1', '--total-steps', '1'], { cwd: dir, encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        lines.push(...r.stdout.split('\n'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(lines[0]).toMatch(/^data: built-in list of [\d,]+ English first names/);
    expect(lines[0]).toContain('--data ../shared/data/names.txt');
    expect(lines.some((l) => /^## N22:/.test(l))).toBe(true);
    expect(lines.filter((l) => /^five names from the net after 1 steps/.test(l)).length).toBe(1);
  }, 600_000);
});
