/**
 * bigram/lecture.ts, the lecture end to end: `runLecture` without a data file (the lecture's
 * names.txt, embedded) prints every notes item's section (N1–N22) and, in order, the values
 * PyTorch printed. Expected lines are built from the reference files
 * (`../shared/reference/torch/*.json`), never from the code under test. Training is cut to 2
 * steps (a full-data step is slow; the 200-step run is in neural-training.spec.ts). Then other
 * data sets (headings follow the vocabulary; a one-name file) and the script's user mistakes,
 * as child processes.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLecture } from '../../bigram/lecture.js';
import { describeIfFile, loadReference, referencePath } from '../support/shared.js';
import { SPAWN_TIMEOUT, expectUserError, runAll, runScript, type Result } from '../support/cli-child.js';

const tmp = mkdtempSync(join(tmpdir(), 'bigram-lecture-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

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
  describe("runLecture({ steps: 2, totalSteps: 2 }): the lecture's names.txt, embedded", () => {
    const ref = loadReference('torch/scalar/lecture.json');
    const rng = loadReference('torch/rng.json');
    const lines: string[] = [];
    beforeAll(() => {
      runLecture({ steps: 2, totalSteps: 2 }, (line) => lines.push(...line.split('\n')));
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
        "data: the lecture's names.txt (karpathy/makemore, MIT), embedded (32,033 names)",
        /^## N1:/,
        `[${ref.first_10_words.map(pyStr).join(', ')}]`,
        String(ref.num_words),
        String(ref.min_len),
        String(ref.max_len),
        `[${top.join(', ')}]`,
        '## N2–N3: the vocabulary and the 27×27 count matrix N (N[ix1, ix2] += 1)',
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

describe('the lecture on other data sets', () => {
  const lecture = (words: string[]) => {
    const path = join(tmp, `names-${words.length}-${words[0]}.txt`);
    writeFileSync(path, words.join('\n'));
    const lines: string[] = [];
    runLecture({ data: path, steps: 1, totalSteps: 2 }, (l) => lines.push(...l.split('\n')));
    return { path, lines };
  };

  it('headings and shapes follow the vocabulary (5 symbols: 5×5, num_classes=5)', () => {
    const { path, lines } = lecture(['emma', 'ava', 'mae']);
    expectInOrder(lines, [
      `data: ${path} (3 names)`,
      '## N2–N3: the vocabulary and the 5×5 count matrix N (N[ix1, ix2] += 1)',
      "['.', 'a', 'e', 'm', 'v']",
      'N.shape = torch.Size([5, 5]), N.sum() = 13', // 5 + 4 + 4 pairs,
      '## N17: one-hot encoding: xenc = F.one_hot(xs, num_classes=5).float()',
      'xenc.shape = torch.Size([5, 5]), xenc.dtype = torch.float32',
      '## N18–N20: W = torch.randn((5, 5), generator=g); probs = softmax(xenc @ W); per-example loss',
      'number of examples: 13',
    ]);
    expect(lines.filter((l) => l.startsWith('## ') || l.includes('torch.Size')).join('\n')).not.toMatch(/\b27\b/);
  });

  it('a one-name file, even of one letter, runs to the end (was: "index out of bounds")', () => {
    for (const words of [['a'], ['emma']]) {
      const { lines } = lecture(words);
      const ids = new Set(headingIds(lines));
      for (let k = 1; k <= 22; k++) expect(ids.has(k), `${words[0]}: N${k}`).toBe(true);
      expect(lines.filter((l) => /^after 2 steps the loss is \d+\.\d{4}; five names/.test(l)), words[0]).toHaveLength(1);
    }
    // the rows of P for a 2-symbol vocabulary: both rows, not three
    expect(lecture(['a']).lines).toContain('rows of P sum to: tensor([1., 1.]) ...');
  });
});

describe('the lecture script as a child process', () => {
  const dir = join(tmp, 'child');
  const cases: { what: string; args: string[]; message?: RegExp; status?: number }[] = [];
  const results: Result[] = [];
  beforeAll(async () => {
    mkdirSync(dir);
    writeFileSync(join(dir, 'one.txt'), 'a\n');
    writeFileSync(join(dir, 'dot.txt'), 'emma\nj.r.\n');
    // a names.txt in the working folder is not picked up (the default stays the lecture's data)
    writeFileSync(join(dir, 'names.txt'), 'zed\n');
    cases.push(
      { what: '--steps -1', args: ['--steps', '-1'], message: /^lecture: --steps must be a non-negative integer, got "-1" \(see: npx tsx bigram\/lecture\.ts --help\)$/ },
      { what: '--total-steps x', args: ['--total-steps', 'x'], message: /^lecture: --total-steps must be a non-negative integer, got "x"/ },
      { what: '--total-steps below --steps', args: ['--steps', '400', '--total-steps', '300'], message: /^lecture: --total-steps \(300\) must be at least --steps \(400\): it counts every training step/ },
      { what: '--kernel gpu', args: ['--kernel', 'gpu'], message: /^lecture: --kernel must be scalar or avx2, got "gpu"/ },
      { what: 'an unknown option', args: ['--lr', '3'], message: /^lecture: unknown option "--lr" \(options: --data, --kernel, --steps, --total-steps, --help\)/ },
      { what: 'a positional argument', args: ['names.txt'], message: /^lecture: unexpected argument "names\.txt"/ },
      { what: 'a missing data file', args: ['--data', 'missing.txt'], message: /^lecture: cannot read names file "missing\.txt": no such file$/ },
      { what: 'a folder as data file', args: ['--data', '.'], message: /^lecture: cannot read names file "\.": it is a folder, not a file$/ },
      { what: 'a name with the start/end token', args: ['--data', 'dot.txt'], message: /^lecture: cannot build the vocabulary: name 2 \("j\.r\."\) is not usable/ },
      { what: 'a one-letter, one-name file', args: ['--data', 'one.txt', '--steps', '1', '--total-steps', '1'], status: 0 },
      { what: '--help', args: ['--help'], status: 0 },
      { what: 'no --data', args: ['--steps', '0', '--total-steps', '0'], status: 0 },
    );
    results.push(...(await runAll(cases.map((c) => () => runScript('bigram/lecture.ts', c.args, dir)))));
  }, SPAWN_TIMEOUT);

  it('every user mistake: exit 2, one line on stderr naming it, no stack trace, nothing written', () => {
    cases.forEach((c, i) => {
      if (c.message) expectUserError(results[i], /^lecture: /, c.message);
    });
    expect(readdirSync(dir).sort()).toEqual(['dot.txt', 'names.txt', 'one.txt']);
  });

  it('a one-letter, one-name file: exit 0, every section', () => {
    const r = results[cases.findIndex((c) => c.what === 'a one-letter, one-name file')];
    expect(r.status, r.stderr.join('\n')).toBe(0);
    expect(r.stderr).toEqual([]);
    expect(r.stdout[0]).toBe('data: one.txt (1 name)');
    expect(new Set(headingIds(r.stdout)).size).toBe(22);
  });

  it('--help lists every option with its default and names the script as it was run', () => {
    const r = results[cases.findIndex((c) => c.what === '--help')];
    expect(r.status).toBe(0);
    expect(r.stdout[0]).toBe('usage: npx tsx bigram/lecture.ts [options]');
    const options = r.stdout.filter((l) => /^ {2}(-h, )?--/.test(l));
    expect(options.map((l) => l.trim().split(/\s+/)[0])).toEqual(['--data', '--kernel', '--steps', '--total-steps', '-h,']);
    expect(options[0]).toMatch(/\(default: the lecture's names\.txt, embedded \(32,033 names\)\)$/);
    expect(options[1]).toMatch(/\(default: scalar\)$/);
    expect(options[2]).toMatch(/\(default: 100\)$/);
    expect(options[3]).toMatch(/\(default: 300\)$/);
  });

  it("without --data: the lecture's names.txt, embedded, even with a names.txt in the working folder", () => {
    const r = results[cases.findIndex((c) => c.what === 'no --data')];
    expect(r.status, r.stderr.join('\n')).toBe(0);
    expect(r.stdout[0]).toBe("data: the lecture's names.txt (karpathy/makemore, MIT), embedded (32,033 names)");
    expect(r.stdout).toContain('32033');
  });
});
