/**
 * bigram/cli.ts: the command line, as a user runs it (a few child processes, `tsx bigram/cli.ts …`
 * from the repository root) and in-process through `run(argv, out, err)` for everything else.
 * Expected outputs come from the reference files; user errors must exit with status 2 and print
 * one line on stderr, never a stack trace (the child-process cases of issue #14 are in
 * cli-errors.spec.ts).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, usage } from '../../bigram/cli.js';
import { programName } from '../../bigram/command-line.js';
import { describeIfFile, loadReference, namesPath, referencePath } from '../support/shared.js';
import { SPAWN_TIMEOUT, expectUserError, runScript, type Result } from '../support/cli-child.js';

const tmp = mkdtempSync(join(tmpdir(), 'bigram-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (args: string[]) => runScript('bigram/cli.ts', args);

/** `run(argv)` in-process, collecting the lines. */
function inProcess(argv: string[], program?: string): Result {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = run(argv, (l) => stdout.push(...l.split('\n')), (l) => stderr.push(...l.split('\n')), program);
  return { status, stdout, stderr };
}

/** A user error of the bigram command: exit 2, one line `bigram [command]: …` on stderr. */
const expectUsageError = (r: Result, message: RegExp) => expectUserError(r, /^bigram( \w+)?: /, message);

describe('user errors in-process (run)', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate" \(expected one of: counts, train, sample, eval, plot\)/],
    ['no command at all', [], /^bigram: missing command \(expected one of: counts, train, sample, eval, plot\) \(see: makemore-bigram --help\)$/],
    ['an unknown flag', ['counts', '--frob'], /^bigram counts: unknown option "--frob" \(options: --data, --smoothing, --seed, --samples, --help\) \(see: makemore-bigram counts --help\)$/],
    ['a flag of another command', ['eval', '--lr', '3'], /unknown option "--lr"/],
    ['a value given to --help', ['counts', '--help=yes'], /--help takes no value, got "yes"/],
    ['--data without its value', ['counts', '--data'], /--data needs a value \(FILE\)/],
    ['--data followed by another option', ['counts', '--data', '--seed', '3'], /--data needs a value \(FILE\)/],
    ['--steps -1 (a negative number is read as the value)', ['train', '--steps', '-1'], /^bigram train: --steps must be a non-negative integer, got "-1"/],
    ['--lr -0.5', ['train', '--lr', '-0.5'], /--lr must be a non-negative number, got "-0\.5"/],
    ['--steps 1e20 (not an exact integer)', ['train', '--steps', '1e20'], /--steps must be a non-negative integer no larger than 9007199254740991, got "1e20"/],
    ['--steps 0x10', ['train', '--steps', '0x10'], /--steps must be a non-negative integer, got "0x10"/],
    ['--seed 2^64', ['counts', '--seed', '18446744073709551616'], /--seed must be an integer from -9223372036854775808 to 18446744073709551615 \(the range of torch\.manual_seed\), got "18446744073709551616"/],
    ['--seed -2^63 - 1', ['counts', '--seed', '-9223372036854775809'], /--seed must be an integer from/],
    ['--seed abc', ['train', '--seed', 'abc'], /--seed must be an integer from .*, got "abc"/],
    ['--plot with --steps 0', ['train', '--steps', '0', '--plot', join(tmp, 'p.svg'), '--out', join(tmp, 'm.safetensors')], /--plot needs at least one training step \(--steps is 0\)/],
    ['--out and --plot the same file', ['train', '--out', join(tmp, 'same'), '--plot', join(tmp, 'same')], /--out and --plot name the same file/],
    ['a missing --data file', ['counts', '--data', join(tmp, 'nope.txt')], /cannot read names file ".*nope\.txt": no such file/],
    ['an unreadable --data file (a directory)', ['eval', '--data', tmp], /cannot read names file ".*": it is a folder, not a file$/],
    ['--samples=-1', ['counts', '--samples=-1'], /--samples must be a non-negative integer, got "-1"/],
    ['--samples -1 (looks like a flag)', ['counts', '--samples', '-1'], /--samples must be a non-negative integer, got "-1"/],
    ['--samples 2.5', ['sample', '--model', 'x.safetensors', '--samples', '2.5'], /--samples must be a non-negative integer, got "2\.5"/],
    ['--lr abc', ['train', '--lr', 'abc'], /--lr must be a non-negative number, got "abc"/],
    ['--steps -3', ['train', '--steps=-3'], /--steps must be a non-negative integer/],
    ['--reg NaN', ['train', '--reg', 'NaN'], /--reg must be a non-negative number/],
    ['--smoothing x', ['eval', '--smoothing', 'x'], /--smoothing must be a non-negative number/],
    ['--seed 1.5', ['counts', '--seed', '1.5'], /--seed must be an integer/],
    ['sample without --model', ['sample'], /sample needs --model FILE/],
    ['a positional word where none is taken', ['counts', 'emma'], /unexpected argument "emma" \(this command takes options only\)/],
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

  it('nothing was written by the refused commands', () => {
    expect(existsSync(join(tmp, 'p.svg'))).toBe(false);
    expect(existsSync(join(tmp, 'm.safetensors'))).toBe(false);
    expect(existsSync(join(tmp, 'same'))).toBe(false);
  });
});

describe('--help', () => {
  const commands = ['counts', 'train', 'sample', 'eval', 'plot'];

  it('per command: the usage, then every option of the command with its default, on stdout, exit 0', () => {
    const r = inProcess(['train', '--help']);
    expect(r.status).toBe(0);
    expect(r.stderr).toEqual([]);
    expect(r.stdout[0]).toBe('usage: makemore-bigram train [options]');
    const options = r.stdout.filter((l) => /^ {2}(-h, )?--/.test(l));
    expect(options.map((l) => l.trim().split(/\s+/)[0].replace(/,$/, ''))).toEqual(['--data', '--model', '--steps', '--lr', '--reg', '--seed', '--samples', '--out', '--plot', '-h']);
    for (const [flag, dflt] of [['--data', "the lecture's names.txt, embedded (32,033 names)"], ['--model', 'lecture'], ['--steps', '100'], ['--lr', '50'], ['--reg', '0.01'], ['--seed', '2147483647'], ['--samples', '5'], ['--out', 'not saved']]) {
      expect(options.find((l) => l.trim().startsWith(`${flag} `)), flag).toMatch(new RegExp(`\\(default: ${dflt.replace(/[.()]/g, '\\$&')}\\)$`));
    }
  });

  it('every command has a help listing each of its options with -h, and a default where there is one', () => {
    for (const c of commands) {
      for (const argv of [[c, '--help'], [c, '-h'], ['help', c]]) {
        const r = inProcess(argv);
        expect(r.status, argv.join(' ')).toBe(0);
        expect(r.stdout.join('\n')).toBe(usage(c));
      }
      const text = usage(c);
      expect(text.startsWith(`usage: makemore-bigram ${c} `)).toBe(true);
      expect(text).toMatch(/^ {2}-h, --help {2,}show this help$/m);
      for (const l of text.split('\n').filter((x) => /^ {2}--(data|seed|samples|smoothing|steps|lr|reg|out) /.test(x))) expect(l, c).toMatch(/\(default: .+\)$/);
    }
    expect(usage('eval')).toMatch(/^usage: makemore-bigram eval \[options\] \[WORD\.\.\.\]$/m);
    expect(usage('sample')).toMatch(/--model FILE +the safetensors file \(required\)$/m);
  });

  it('the program help lists the commands; the name used is the one given', () => {
    const r = inProcess(['--help'], 'npm run bigram --');
    expect(r.status).toBe(0);
    expect(r.stdout[0]).toBe('usage: npm run bigram -- <command> [options]');
    for (const c of commands) expect(r.stdout.some((l) => l.startsWith(`  ${c} `))).toBe(true);
    expect(inProcess(['plot', '--frob'], 'npm run bigram --').stderr).toEqual([
      'bigram plot: unknown option "--frob" (options: --data, --out, --help) (see: npm run bigram -- plot --help)',
    ]);
  });

  it('programName: the installed binary, the npm script, the TypeScript file', () => {
    const names = { bin: 'makemore-bigram', npmScript: 'bigram', source: 'bigram/cli.ts' };
    expect(programName(names, '/usr/lib/node_modules/.bin/makemore-bigram', {})).toBe('makemore-bigram');
    expect(programName(names, '/app/node_modules/makemore-ts/dist/bigram/cli.js', {})).toBe('makemore-bigram');
    expect(programName(names, '/repo/bigram/cli.ts', { npm_lifecycle_event: 'bigram', npm_lifecycle_script: 'tsx bigram/cli.ts' })).toBe('npm run bigram --');
    expect(programName(names, '/repo/bigram/cli.ts', { npm_lifecycle_event: 'test', npm_lifecycle_script: 'vitest run' })).toBe('npx tsx bigram/cli.ts');
    expect(programName(names, '/repo/bigram/cli.ts', {})).toBe('npx tsx bigram/cli.ts');
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
    expectUsageError(r, /^bigram eval: cannot encode "em!ma": character "!" \(position 2\) is not in the vocabulary of 5 symbols$/);
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

describeIfFile(referencePath('torch/lecture.json'), "the commands without --data: the lecture's names.txt, embedded", () => {
  const ref = loadReference('torch/lecture.json');
  const DATA_LINE = "data: the lecture's names.txt (karpathy/makemore, MIT), embedded (32,033 names)";

  it('counts --samples 5 (child process): the reference names and the average NLL 2.4544', async () => {
    const r = await cli(['counts', '--samples', '5']);
    expect(r.status, r.stderr.join('\n')).toBe(0);
    expect(r.stderr).toEqual([]);
    expect(r.stdout).toEqual([
      DATA_LINE,
      ...ref.counts_model_samples_5,
      `average negative log-likelihood: ${ref.smoothed_N_plus_1.avg_nll.toFixed(4)}`,
    ]);
  }, SPAWN_TIMEOUT);

  it('eval --smoothing 0 andrejq: jq has probability 0, the average NLL is inf', () => {
    const r = inProcess(['eval', '--smoothing', '0', 'andrejq']);
    expect(r.status, r.stderr.join('\n')).toBe(0);
    expect(r.stdout[0]).toBe(DATA_LINE);
    const bigrams = r.stdout.filter((l) => /^..: /.test(l));
    expect(bigrams.map((l) => l.slice(0, 2))).toEqual(['.a', 'an', 'nd', 'dr', 're', 'ej', 'jq', 'q.']);
    // N[j, q] is 0 in the reference counts: probability 0, log -inf
    const itos: string[] = ref.itos;
    expect(ref.N[itos.indexOf('j')][itos.indexOf('q')]).toBe(0);
    expect(bigrams[6]).toBe('jq: 0.0000 -inf');
    expect(r.stdout).toContain(`log_likelihood=${ref.andrejq_unsmoothed.log_likelihood}`);
    expect(r.stdout).toContain(`average nll=${ref.andrejq_unsmoothed.avg_nll} over ${ref.andrejq_unsmoothed.n} bigrams`);
  });

  it('plot --out counts.svg writes the 27×27 figure: one rect per cell, labelled with N', () => {
    const out = join(tmp, 'counts.svg');
    const r = inProcess(['plot', '--out', out]);
    expect(r.status, r.stderr.join('\n')).toBe(0);
    expect(r.stdout).toEqual([DATA_LINE, `wrote the 27×27 counts figure to ${out}`]);
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<rect /g)!.length).toBe(27 * 27 + 1); // + the background
    const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts.filter((_, i) => i % 2 === 1)).toEqual((ref.N as number[][]).flat().map(String));
  });

  it('train --steps 2 --out model --plot loss.svg, then sample --model model gives the same names (child processes)', async () => {
    const model = join(tmp, 'model.safetensors');
    const plot = join(tmp, 'loss.svg');
    const t = await cli(['train', '--steps', '2', '--out', model, '--plot', plot]);
    expect(t.status, t.stderr.join('\n')).toBe(0);
    const losses: number[] = ref.train_losses_200;
    expect(t.stdout.slice(0, 3)).toEqual([
      DATA_LINE,
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

describeIfFile(namesPath, 'the commands with --data ../shared/data/names.txt', () => {
  it('print what they print without --data, but for the data line', () => {
    const withFile = inProcess(['counts', '--data', namesPath, '--samples', '3']);
    const embedded = inProcess(['counts', '--samples', '3']);
    expect(withFile.status).toBe(0);
    expect(withFile.stdout[0]).toBe(`data: ${namesPath} (32,033 names)`);
    expect(withFile.stdout.slice(1)).toEqual(embedded.stdout.slice(1));
  });
});
