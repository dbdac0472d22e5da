/**
 * bigram/cli.ts: the command line, as a user runs it (a few child processes,
 * `npx tsx bigram/cli.ts …` from the repository root) and in-process through `run(argv, out, err)`
 * for everything else. Expected outputs come from the reference files; user errors must exit
 * with status 2 and print one line plus the usage on stderr, never a stack trace.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../bigram/cli.js';
import { describeIfFile, loadReference, namesPath, referencePath, repoRoot } from '../support/shared.js';

const tmp = mkdtempSync(join(tmpdir(), 'bigram-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SPAWN_TIMEOUT = 600_000;

interface Result {
  status: number | null;
  stdout: string[];
  stderr: string[];
}

/** Split output into lines, without the empty string after a final newline. */
const lines = (s: string) => s.split('\n').filter((l, i, a) => !(i === a.length - 1 && l === ''));

/**
 * `npx tsx bigram/cli.ts …args` from the repository root. Asynchronous on purpose: a spawnSync
 * that blocks the worker for a minute (the machine is slow) makes vitest's worker RPC time out
 * ("Timeout calling onTaskUpdate") even though every test passes.
 */
function cli(args: string[]): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npx', ['tsx', 'bigram/cli.ts', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill(), SPAWN_TIMEOUT);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, stdout: lines(stdout), stderr: lines(stderr) });
    });
  });
}

/** `run(argv)` in-process, collecting the lines. */
function inProcess(argv: string[]): Result {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = run(argv, (l) => stdout.push(...l.split('\n')), (l) => stderr.push(...l.split('\n')));
  return { status, stdout, stderr };
}

/**
 * A user error: status 2, stdout empty, stderr = one message line (matching `message`) and then
 * the usage; no stack trace.
 */
function expectUsageError(r: Result, message: RegExp): void {
  expect(r.status, r.stderr.join('\n')).toBe(2);
  expect(r.stdout).toEqual([]);
  expect(r.stderr[0]).toMatch(/^bigram( \w+)?: /);
  expect(r.stderr[0]).toMatch(message);
  expect(r.stderr[1]).toMatch(/^usage: npx tsx bigram\/cli\.ts /);
  expect(r.stderr.slice(2).every((l) => /^ {7}npx tsx bigram\/cli\.ts /.test(l))).toBe(true);
  expect(r.stderr.join('\n')).not.toMatch(/^\s+at |Error:|\.ts:\d+/m);
}

describe('user errors in child processes (exit 2, one line + usage on stderr)', () => {
  it('an unknown command', async () => {
    expectUsageError(await cli(['frobnicate']), /unknown command "frobnicate"/);
  }, SPAWN_TIMEOUT);

  it('no command at all', async () => {
    expectUsageError(await cli([]), /missing command/);
  }, SPAWN_TIMEOUT);

  it('a corrupt model file', async () => {
    const bad = join(tmp, 'corrupt.safetensors');
    writeFileSync(bad, Buffer.from('this is not a safetensors file'));
    expectUsageError(await cli(['sample', '--model', bad]), /corrupt\.safetensors/);
  }, SPAWN_TIMEOUT);
});

describe('user errors in-process (run)', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate" \(expected one of: counts, train, sample, eval, plot\)/],
    ['an unknown flag', ['counts', '--frob'], /Unknown option '--frob'/],
    ['a missing --data file', ['counts', '--data', join(tmp, 'nope.txt')], /cannot read names file ".*nope\.txt": no such file/],
    ['an unreadable --data file (a directory)', ['eval', '--data', tmp], /cannot read names file/],
    ['--samples=-1', ['counts', '--samples=-1'], /--samples must be a non-negative integer, got "-1"/],
    ['--samples -1 (looks like a flag)', ['counts', '--samples', '-1'], /--samples/],
    ['--samples 2.5', ['sample', '--model', 'x.safetensors', '--samples', '2.5'], /--samples must be a non-negative integer, got "2\.5"/],
    ['--lr abc', ['train', '--lr', 'abc'], /--lr must be a non-negative number, got "abc"/],
    ['--steps -3', ['train', '--steps=-3'], /--steps must be a non-negative integer/],
    ['--reg NaN', ['train', '--reg', 'NaN'], /--reg must be a non-negative number/],
    ['--smoothing x', ['eval', '--smoothing', 'x'], /--smoothing must be a non-negative number/],
    ['--seed 1.5', ['counts', '--seed', '1.5'], /--seed must be an integer/],
    ['sample without --model', ['sample'], /sample needs --model FILE/],
    ['a positional word where none is taken', ['counts', 'emma'], /positional/i],
  ];
  for (const [what, argv, message] of cases) {
    it(what, () => expectUsageError(inProcess(argv), message));
  }

  it('a corrupt model file', () => {
    const bad = join(tmp, 'short.safetensors');
    writeFileSync(bad, Buffer.from([1, 2, 3]));
    expectUsageError(inProcess(['sample', '--model', bad]), /short\.safetensors/);
    expectUsageError(inProcess(['sample', '--model', join(tmp, 'missing.safetensors')]), /missing\.safetensors/);
  });

  it('--help prints the usage on stdout and exits 0', () => {
    const r = inProcess(['counts', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout[0]).toMatch(/^usage: npx tsx bigram\/cli\.ts counts /);
    expect(r.stderr).toEqual([]);
  });
});

describe('data files with awkward shapes (in-process)', () => {
  const file = (name: string, text: string) => {
    const p = join(tmp, name);
    writeFileSync(p, text);
    return p;
  };
  const body = (r: { stdout: string[] }) => r.stdout.slice(1); // without the "data: …" line

  it('CRLF line ends and blank lines read like plain LF lines', () => {
    const lf = file('lf.txt', 'emma\nava\nbob');
    const crlf = file('crlf.txt', 'emma\r\n\r\nava\r\n  \r\nbob\r\n');
    for (const argv of [['counts', '--samples', '4'], ['eval', 'emma', 'bob']]) {
      const a = inProcess([argv[0], '--data', lf, ...argv.slice(1)]);
      const b = inProcess([argv[0], '--data', crlf, ...argv.slice(1)]);
      expect(a.status).toBe(0);
      expect(b.status).toBe(0);
      expect(b.stdout[0]).toMatch(/\(3 names\)$/);
      expect(body(b)).toEqual(body(a));
    }
  });

  it('an empty file and a file of blank lines are user errors', () => {
    expectUsageError(inProcess(['counts', '--data', file('empty.txt', '')]), /no names in names file .*: it is empty/);
    expectUsageError(inProcess(['counts', '--data', file('blank.txt', '\n \r\n\n')]), /it has only blank lines/);
  });

  it('a word with a character the data set does not have is a clear eval error', () => {
    const r = inProcess(['eval', '--data', file('small.txt', 'emma\nava'), 'em!ma']);
    // the data line went to stdout before the word was scored
    expect(r.status).toBe(2);
    expect(r.stderr[0]).toMatch(/^bigram eval: cannot encode "em!ma": character "!" \(position 2\) is not in the vocabulary of 5 symbols$/);
    expect(r.stderr[1]).toMatch(/^usage: /);
    expect(r.stderr.join('\n')).not.toMatch(/^\s+at /m);
  });

  it('a name containing the start/end token "." is rejected with its line number', () => {
    expectUsageError(inProcess(['counts', '--data', file('dot.txt', 'emma\nj.r.\n')]), /name 2 \("j\.r\."\)/);
  });
});

describeIfFile(referencePath('torch/lecture.json'), 'the reference safetensors W (in-process)', () => {
  const ref = loadReference('torch/lecture.json');
  const model = referencePath('torch/bigram-W-100-steps.safetensors');

  it('sample --model without a vocabulary in the file asks for --data', () => {
    expectUsageError(inProcess(['sample', '--model', model]), /no vocabulary .*pass --data/);
  });

  it('sample --model ref --data vocab.txt samples nn_samples_after_100_steps (20)', () => {
    // a data file with the 26 letters gives the lecture's 27-symbol vocabulary
    const letters = join(tmp, 'letters.txt');
    writeFileSync(letters, ref.itos.slice(1).join('\n'));
    const r = inProcess(['sample', '--model', model, '--data', letters, '--samples', '20']);
    expect(r.status).toBe(0);
    expect(r.stdout).toEqual(ref.nn_samples_after_100_steps_20);
  });
});

describeIfFile(namesPath, 'the commands on names.txt (child processes)', () => {
  const ref = loadReference('torch/lecture.json');

  it('counts --data names.txt --samples 5: the reference names and the average NLL 2.4544', async () => {
    const r = await cli(['counts', '--data', namesPath, '--samples', '5']);
    expect(r.status, r.stderr.join('\n')).toBe(0);
    expect(r.stderr).toEqual([]);
    expect(r.stdout).toEqual([
      `data: ${namesPath} (32,033 names)`,
      ...ref.counts_model_samples_5,
      `average negative log-likelihood: ${ref.smoothed_N_plus_1.avg_nll.toFixed(4)}`,
    ]);
  }, SPAWN_TIMEOUT);

  it('eval --smoothing 0 andrejq: jq has probability 0, the average NLL is inf', async () => {
    const r = await cli(['eval', '--data', namesPath, '--smoothing', '0', 'andrejq']);
    expect(r.status, r.stderr.join('\n')).toBe(0);
    const bigrams = r.stdout.filter((l) => /^..: /.test(l));
    expect(bigrams.map((l) => l.slice(0, 2))).toEqual(['.a', 'an', 'nd', 'dr', 're', 'ej', 'jq', 'q.']);
    // N[j, q] is 0 in the reference counts: probability 0, log -inf
    const itos: string[] = ref.itos;
    expect(ref.N[itos.indexOf('j')][itos.indexOf('q')]).toBe(0);
    expect(bigrams[6]).toBe('jq: 0.0000 -inf');
    expect(r.stdout).toContain(`log_likelihood=${ref.andrejq_unsmoothed.log_likelihood}`);
    expect(r.stdout).toContain(`average nll=${ref.andrejq_unsmoothed.avg_nll} over ${ref.andrejq_unsmoothed.n} bigrams`);
  }, SPAWN_TIMEOUT);

  it('plot --out counts.svg writes the 27×27 figure: one rect per cell, labelled with N', async () => {
    const out = join(tmp, 'counts.svg');
    const r = await cli(['plot', '--data', namesPath, '--out', out]);
    expect(r.status, r.stderr.join('\n')).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<rect /g)!.length).toBe(27 * 27 + 1); // + the background
    const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts.filter((_, i) => i % 2 === 1)).toEqual((ref.N as number[][]).flat().map(String));
  }, SPAWN_TIMEOUT);

  it('train --steps 2 --out model --plot loss.svg, then sample --model model gives the same names', async () => {
    const model = join(tmp, 'model.safetensors');
    const plot = join(tmp, 'loss.svg');
    const t = await cli(['train', '--data', namesPath, '--steps', '2', '--out', model, '--plot', plot]);
    expect(t.status, t.stderr.join('\n')).toBe(0);
    const losses: number[] = ref.train_losses_200;
    expect(t.stdout.slice(0, 3)).toEqual([
      `data: ${namesPath} (32,033 names)`,
      `step 1/2 loss ${losses[0].toFixed(4)}`, // 3.7686
      `step 2/2 loss ${losses[1].toFixed(4)}`, // 3.3788
    ]);
    expect(existsSync(model)).toBe(true);
    expect(readFileSync(plot, 'utf8')).toMatch(/^<svg [\s\S]*<\/svg>\s*$/);
    const names = t.stdout.slice(-5);
    expect(names.every((n) => /^[a-z]*\.$/.test(n))).toBe(true);

    const s = await cli(['sample', '--model', model]); // the vocabulary comes from the file
    expect(s.status, s.stderr.join('\n')).toBe(0);
    expect(s.stderr).toEqual([]);
    expect(s.stdout).toEqual(names);
  }, SPAWN_TIMEOUT);
});
