/**
 * The options of `npm run bench` (bench/run.ts), checked before anything is measured, with the
 * command-line conventions of the other scripts (bigram/command-line.ts): an unknown option, a
 * missing or malformed value, or a workload that does not exist is one line on stderr and exit
 * status 2, never a stack trace, a silently ignored flag, or a run that measures nothing.
 */
import { formatHelp, numberOption, parseCommandLine, UsageError, type OptionTable } from '../bigram/command-line.js';

/** The workloads of docs/performance.md, in the order they run. */
export const WORKLOADS = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8'] as const;

/** The benchmark's options, with their help text. */
export const BENCH_OPTIONS: OptionTable = {
  only: { type: 'string', value: 'W1,W3', help: `run only the named workloads (${WORKLOADS[0]}–${WORKLOADS[WORKLOADS.length - 1]})`, default: 'all' },
  quick: { type: 'boolean', help: 'fewer repetitions (a smoke run)' },
  label: { type: 'string', value: 'NAME', help: 'stored in the JSON file and its name (letters, digits, ".", "_", "-"), e.g. "before", "after"' },
  threads: { type: 'string', value: 'N', help: "threads for the SIMD kernels (PyTorch's figures in the issue are for 1 thread)", default: "the engine's, getNumThreads()" },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

/** What {@link parseBenchOptions} found. */
export interface BenchOptions {
  /** `--help`: print {@link benchHelp} and measure nothing. */
  help: boolean;
  /** `--quick`: fewer repetitions. */
  quick: boolean;
  /** `--only`: the workloads to run, upper-case, in the order given (undefined: all). */
  only?: string[];
  /** `--label` (empty when not given). */
  label: string;
  /** `--threads` (undefined: the engine's default). */
  threads?: number;
}

/**
 * Parse and check the benchmark's command line.
 *
 * @throws UsageError naming the option and the value given.
 *
 * @example parseBenchOptions(['--only', 'w1,W3', '--quick']) // { help: false, quick: true, only: ['W1', 'W3'], label: '' }
 */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseCommandLine(argv, BENCH_OPTIONS);
  const options: BenchOptions = { help: values.help === true, quick: values.quick === true, label: '' };
  if (values.only !== undefined) {
    const names = String(values.only).split(',').map((s) => s.trim().toUpperCase());
    const unknown = names.filter((n) => !(WORKLOADS as readonly string[]).includes(n));
    if (unknown.length > 0) {
      throw new UsageError(`--only names workloads ${WORKLOADS.join(', ')}, got ${JSON.stringify(values.only)} (unknown: ${unknown.map((n) => JSON.stringify(n)).join(', ')})`);
    }
    options.only = names;
  }
  if (values.label !== undefined) {
    const label = String(values.label);
    if (!/^[A-Za-z0-9._-]+$/.test(label)) {
      throw new UsageError(`--label must be letters, digits, ".", "_" or "-" (it is part of the result file's name), got ${JSON.stringify(label)}`);
    }
    options.label = label;
  }
  if (values.threads !== undefined) options.threads = numberOption('threads', values.threads, 0, 'integer > 0');
  return options;
}

/**
 * The benchmark's `--help` text.
 * @example console.log(benchHelp('npm run bench --'));
 */
export function benchHelp(program: string): string {
  return formatHelp(`${program} [options]`, 'The performance workloads of docs/performance.md (W1–W8): a table of median times, and a JSON file in bench/results/.', BENCH_OPTIONS, [
    "data: $MAKEMORE_NAMES (a names file), else ../shared/data/names.txt beside the repository, else the lecture's names embedded in the package",
    'threads at start-up: $MAKEMORE_THREADS (a positive integer), else the machine\'s available parallelism (at most 8)',
  ]);
}
