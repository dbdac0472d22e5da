/**
 * The command-line conventions shared by the scripts (`bigram/cli.ts`, `bigram/lecture.ts`,
 * `mlp/cli.ts`, `mlp/lecture.ts`): option tables
 * that carry their help text and defaults, a parser whose every complaint is one line a user can
 * act on, the per-command `--help` text, and the name the user typed to run the program.
 *
 * The parser differs from `node:util`'s `parseArgs` where that one is unfriendly: the token after
 * an option that takes a value IS its value, even when it starts with `-` (`--steps -1` reads
 * `-1` and the number check then says what is wrong, instead of "argument is ambiguous"), unless
 * that token is itself one of the command's options (`--data --seed 3`: `--data` has no value).
 */
import { basename } from 'node:path';

/**
 * A mistake in what the user typed or asked for: the scripts print its message on one line
 * (no stack trace) and exit with status 2.
 *
 * @example throw new UsageError('--steps must be a non-negative integer, got "-1"');
 */
export class UsageError extends Error {
  /** Whether the one line should end by pointing at `--help` (for mistakes in the options). */
  readonly pointToHelp: boolean;

  /**
   * @param message - what is wrong, naming the option or file and the value given.
   * @param options - `pointToHelp` (default true).
   */
  constructor(message: string, options: { pointToHelp?: boolean } = {}) {
    super(message);
    this.name = 'UsageError';
    this.pointToHelp = options.pointToHelp ?? true;
  }
}

/** One option of a command. */
export interface OptionSpec {
  /** `'string'` takes a value (`--steps 100` or `--steps=100`); `'boolean'` does not. */
  type: 'string' | 'boolean';
  /** The placeholder of the value in the help (`FILE`, `T`). */
  value?: string;
  /** One line: what the option does. */
  help: string;
  /** The default, as the help shows it (omitted: the option has none, e.g. a flag). */
  default?: string;
  /** A one-letter alias (`h` for `--help`). */
  short?: string;
}

/** A command's options by name (without the leading `--`). */
export type OptionTable = Record<string, OptionSpec>;

/** What {@link parseCommandLine} found. */
export interface ParsedCommandLine {
  /** The value of each option given (a boolean option: `true`). */
  values: Record<string, string | true>;
  /** The arguments that are not options, in order. */
  positionals: string[];
}

/**
 * Parse `args` against `options`. `--name value`, `--name=value`, `-x` (a `short` alias), and
 * `--` (everything after it is positional) are understood; the last of repeated options wins.
 *
 * @param positionals - what the command takes besides options (e.g. `'WORD'`), or false for nothing.
 * @throws UsageError for an unknown option, a missing value, a value given to a flag, or a
 * positional argument where none is taken.
 *
 * @example parseCommandLine(['--steps', '-1'], { steps: { type: 'string', help: 'steps' } }).values.steps // '-1'
 */
export function parseCommandLine(args: readonly string[], options: OptionTable, positionals: string | false = false): ParsedCommandLine {
  const values: Record<string, string | true> = {};
  const rest: string[] = [];
  const byShort = new Map(Object.entries(options).filter(([, s]) => s.short).map(([n, s]) => [s.short!, n]));
  const isOption = (token: string) => {
    if (token.startsWith('--')) return token.slice(2).split('=')[0] in options;
    return token.length === 2 && token[0] === '-' && byShort.has(token[1]);
  };
  for (let i = 0; i < args.length; i++) {
    const token = args[i];
    if (token === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    let name: string;
    let inline: string | undefined;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      name = eq < 0 ? token.slice(2) : token.slice(2, eq);
      inline = eq < 0 ? undefined : token.slice(eq + 1);
    } else if (token.length > 1 && token[0] === '-' && !/^-[\d.]/.test(token)) {
      const long = byShort.get(token.slice(1));
      if (long === undefined) throw new UsageError(`unknown option ${JSON.stringify(token)}${known(options)}`);
      name = long;
    } else {
      rest.push(token);
      continue;
    }
    const spec = Object.prototype.hasOwnProperty.call(options, name) ? options[name] : undefined;
    if (spec === undefined) throw new UsageError(`unknown option ${JSON.stringify(`--${name}`)}${known(options)}`);
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value, got ${JSON.stringify(inline)}`);
      values[name] = true;
      continue;
    }
    if (inline === undefined) {
      const next = args[i + 1];
      if (next === undefined || isOption(next) || next === '--') {
        throw new UsageError(`--${name} needs a value (${spec.value ?? 'VALUE'})`);
      }
      inline = next;
      i++;
    }
    values[name] = inline;
  }
  if (positionals === false && rest.length > 0) {
    throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])} (this command takes options only)`);
  }
  return { values, positionals: rest };
}

/** `" (options: --a, --b)"`: the known options, for the unknown-option message. */
function known(options: OptionTable): string {
  return ` (options: ${Object.keys(options).map((n) => `--${n}`).join(', ')})`;
}

/**
 * The help of a program with several commands: its usage line, a description, and each
 * command with the first line of its summary.
 *
 * @param program - e.g. `makemore-bigram`.
 * @param description - one line, e.g. `The bigram model of the first makemore lecture. Commands:`.
 * @param commands - each command's name and summary (the first line is shown).
 * @param footer - a closing line (e.g. where the defaults come from).
 *
 * @example console.log(formatCommandList('makemore-bigram', 'Commands:', { plot: { summary: 'the counts figure' } }, ''));
 */
export function formatCommandList(program: string, description: string, commands: Record<string, { summary: string }>, footer: string): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    `usage: ${program} <command> [options]`,
    '',
    description,
    ...Object.entries(commands).map(([n, cmd]) => `  ${n.padEnd(width)}  ${cmd.summary.split('\n')[0]}`),
    '',
    footer,
  ].join('\n');
}

/**
 * The help of one command: its usage line, what it does, and each option with its default.
 *
 * @param usage - e.g. `makemore-bigram train [options]`.
 * @param summary - one or more lines saying what the command does.
 *
 * @example console.log(formatHelp('makemore-bigram plot [options]', 'the counts figure', { out: { type: 'string', value: 'FILE', help: 'the SVG to write', default: 'counts.svg' } }));
 */
export function formatHelp(usage: string, summary: string, options: OptionTable, extra: string[] = []): string {
  const left = (n: string, s: OptionSpec) => `${s.short ? `-${s.short}, ` : ''}--${n}${s.value ? ` ${s.value}` : ''}`;
  const width = Math.max(...Object.entries(options).map(([n, s]) => left(n, s).length));
  const lines = [`usage: ${usage}`, '', summary, '', 'options:'];
  for (const [n, s] of Object.entries(options)) {
    lines.push(`  ${left(n, s).padEnd(width)}  ${s.help}${s.default !== undefined ? ` (default: ${s.default})` : ''}`);
  }
  if (extra.length > 0) lines.push('', ...extra);
  return lines.join('\n');
}

/** How a script can be run: the installed binary, an npm script of this repository, the file. */
export interface ProgramNames {
  /** The binary the package installs (`makemore-bigram`). */
  bin: string;
  /** The npm script of the repository (`bigram`: `npm run bigram --`). */
  npmScript: string;
  /** The source file, relative to the repository root (`bigram/cli.ts`). */
  source: string;
}

/**
 * The command the user typed to run this script, for its usage and help: the installed binary
 * when run through it (or as compiled JavaScript, which only the installed package has),
 * `npm run <script> --` when run by that npm script, `npx tsx <file>` when the TypeScript file
 * is run directly.
 *
 * @param argv1 - the script path Node was given (`process.argv[1]`; npm's bin links keep their name).
 * @param env - the environment (npm sets `npm_lifecycle_event` and `npm_lifecycle_script`).
 *
 * @example programName({ bin: 'makemore-bigram', npmScript: 'bigram', source: 'bigram/cli.ts' }) // 'npm run bigram --' under `npm run bigram`
 */
export function programName(names: ProgramNames, argv1: string = process.argv[1] ?? '', env: Record<string, string | undefined> = process.env): string {
  const file = basename(argv1);
  if (file.replace(/\.[cm]?js$/, '') === names.bin) return names.bin;
  if (env.npm_lifecycle_event === names.npmScript && (env.npm_lifecycle_script ?? '').includes(names.source)) return `npm run ${names.npmScript} --`;
  if (file.endsWith('.ts')) return `npx tsx ${names.source}`;
  return names.bin;
}

/** What a number option accepts. */
export type NumberKind = 'integer >= 0' | 'integer > 0' | 'number >= 0';

/**
 * The value of a number option: `raw` when given (a plain decimal or exponent number, no spaces,
 * no `0x`), else `dflt`. Integers must be exact (at most 2^53 − 1).
 *
 * @throws UsageError naming the option, what it accepts and the value given.
 *
 * @example numberOption('steps', '-1', 100, 'integer >= 0') // throws UsageError('--steps must be a non-negative integer, got "-1"')
 */
export function numberOption(name: string, raw: string | true | undefined, dflt: number, kind: NumberKind): number {
  if (raw === undefined) return dflt;
  const v = typeof raw === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) ? Number(raw) : NaN;
  const integer = kind !== 'number >= 0';
  const ok =
    Number.isFinite(v) && v >= 0 && (!integer || Number.isSafeInteger(v)) && (kind !== 'integer > 0' || v > 0);
  if (!ok) {
    const what = { 'integer >= 0': 'a non-negative integer', 'integer > 0': 'a positive integer', 'number >= 0': 'a non-negative number' }[kind];
    const big = integer && Number.isInteger(v) && v > 0 ? ` no larger than ${Number.MAX_SAFE_INTEGER}` : '';
    throw new UsageError(`--${name} must be ${what}${big}, got ${JSON.stringify(raw)}`);
  }
  return v;
}

/** The range of `torch.manual_seed`: −2^63 … 2^64 − 1 (a negative seed is taken mod 2^64). */
const SEED_MIN = -(2n ** 63n);
const SEED_MAX = 2n ** 64n - 1n;

/**
 * The value of `--seed`: a decimal integer in torch.manual_seed's range −2^63 … 2^64 − 1, exact
 * (as a bigint, so `18446744073709551615` is not rounded to 2^64), else `dflt`.
 *
 * @throws UsageError naming the range and the value given.
 *
 * @example seedOption('18446744073709551616', 2147483647n) // throws: above 2^64 − 1
 */
export function seedOption(raw: string | true | undefined, dflt: bigint): bigint {
  if (raw === undefined) return dflt;
  const s = typeof raw === 'string' && /^[+-]?\d+$/.test(raw) ? BigInt(raw) : undefined;
  if (s === undefined || s < SEED_MIN || s > SEED_MAX) {
    throw new UsageError(`--seed must be an integer from ${SEED_MIN} to ${SEED_MAX} (the range of torch.manual_seed), got ${JSON.stringify(raw)}`);
  }
  return s;
}

/** The parts of a writable stream {@link exitQuietlyWhenOutputCloses} uses. */
interface OutputStream {
  on(event: 'error', listener: (err: Error & { code?: string }) => void): unknown;
}

/**
 * Make a script end quietly, with status 0, when the program reading its output has gone
 * (`makemore-lecture | head`): without this, the next write fails with EPIPE and Node prints an
 * "Unhandled 'error' event" stack trace. Other write errors are still thrown.
 *
 * @param stream - the output to watch (default `process.stdout`).
 * @param exit - how to end the process (default `process.exit`).
 *
 * @example exitQuietlyWhenOutputCloses(); // at the start of a script's main
 */
export function exitQuietlyWhenOutputCloses(stream: OutputStream = process.stdout, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') return exit(0);
    throw err;
  });
}
