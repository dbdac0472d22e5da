// `npm run bench`'s options and data (bench/options.ts, bench/run.ts): every mistake is found before
// anything is measured and is one line with exit status 2. Before, `--threads 0` and
// MAKEMORE_NAMES=<missing file> ended in a stack trace, `--help` and `--quik` ran the whole
// three-minute benchmark, and `--only W9` measured nothing and still wrote a result file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchHelp, parseBenchOptions, WORKLOADS } from '../../bench/options.js';
import { UsageError } from '../../bigram/command-line.js';
import { expectUserError, runScript } from '../support/cli-child.js';

describe('parseBenchOptions', () => {
  it('reads the documented options', () => {
    expect(parseBenchOptions([])).toEqual({ help: false, quick: false, label: '' });
    expect(parseBenchOptions(['--only', 'w1, W3', '--quick', '--label', 'after-1.2', '--threads', '1'])).toEqual({
      help: false, quick: true, only: ['W1', 'W3'], label: 'after-1.2', threads: 1,
    });
    expect(parseBenchOptions(['-h']).help).toBe(true);
    const help = benchHelp('npm run bench --');
    expect(help).toMatch(/^usage: npm run bench -- \[options\]/);
    for (const o of ['--only', '--quick', '--label', '--threads', '--help', 'MAKEMORE_NAMES', 'MAKEMORE_THREADS']) expect(help).toContain(o);
    expect(parseBenchOptions(['--only', WORKLOADS.join(',')]).only).toEqual([...WORKLOADS]);
  });

  it.each([
    [['--threads', '0'], '--threads must be a positive integer, got "0"'],
    [['--threads', 'abc'], '--threads must be a positive integer, got "abc"'],
    [['--threads', '1.5'], '--threads must be a positive integer, got "1.5"'],
    [['--threads'], '--threads needs a value (N)'],
    [['--only', 'W9'], 'unknown: "W9"'],
    [['--only', ''], 'unknown: ""'],
    [['--quik'], 'unknown option "--quik"'],
    [['--label', 'a/b'], '--label must be letters, digits'],
    [['W1'], 'unexpected argument "W1"'],
  ])('%j is a UsageError: %s', (argv, message) => {
    expect(() => parseBenchOptions(argv)).toThrow(UsageError);
    expect(() => parseBenchOptions(argv)).toThrow(message);
  });
});

describe('bench/run.ts stops at a mistake before measuring', () => {
  it('a bad option, a missing or unusable names file: one line, status 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'makemore-bench-'));
    writeFileSync(join(dir, 'dot.txt'), 'a.b\nemma\n');
    const [threads, missing, dot] = await Promise.all([
      runScript('bench/run.ts', ['--threads', '0']),
      runScript('bench/run.ts', ['--only', 'W8'], undefined, { MAKEMORE_NAMES: join(dir, 'missing.txt') }),
      runScript('bench/run.ts', ['--only', 'W8'], undefined, { MAKEMORE_NAMES: join(dir, 'dot.txt') }),
    ]);
    expectUserError(threads, /^bench: /, /--threads must be a positive integer, got "0" \(see: npx tsx bench\/run\.ts --help\)$/);
    expectUserError(missing, /^bench: /, /cannot read names file ".*missing\.txt": no such file$/);
    expectUserError(dot, /^bench: /, /name 1 \("a\.b"\) is not usable: it contains "\."/);
  }, 240_000);
});
