/**
 * `npm run bench`: the performance workloads of docs/performance.md, W1–W6 (and W7, the MLP; W8,
 * the cost of one small op of the MLP's size).
 *
 * Each case is run a few times to warm up the JIT, then timed over repeated runs; the table
 * shows the median and the min–max, and the JSON file in bench/results/ keeps every sample.
 * Memory: the process's peak RSS (resource usage) and the heap after each workload, plus, for
 * W1, the heap and RSS over many consecutive training steps (they should stay flat).
 *
 * This is a benchmark, not a test: nothing here asserts a time. Options (bench/options.ts,
 * `npm run bench -- --help`; each is checked before anything runs):
 *   --only W1,W3     run only the named workloads
 *   --quick          fewer repetitions (a smoke run)
 *   --label NAME     stored in the JSON file (e.g. "before", "after")
 *   --threads N      threads for the SIMD kernels (default: the engine's, getNumThreads();
 *                    PyTorch's figures in the issue are for 1 thread)
 * Data: $MAKEMORE_NAMES, else ../shared/data/names.txt relative to the repository root, else the
 * same names embedded in bigram/lecture-names.ts.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Generator, Tensor, arange, getNumThreads, multinomial, noGrad, oneHot, randn, setNumThreads, startHelperThreads, tidy } from '../engine/index.js';
import { Vocabulary } from '../bigram/data.js';
import { resolveDataset } from '../bigram/dataset.js';
import { countBigrams, countBigramsLoop, evaluate, probabilities, sampleNames } from '../bigram/counts.js';
import { initWeights, loss, trainingSet } from '../bigram/neural.js';
import { lectureNames } from '../bigram/lecture-names.js';
import { initMlp, LECTURE_CONFIG, mlpData, splitLoss, trainMlp } from '../mlp/index.js';
import { exitQuietlyWhenOutputCloses, programName, UsageError } from '../bigram/command-line.js';
import { benchHelp, parseBenchOptions, type BenchOptions } from './options.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ------------------------------------------------------------------ options

const PROGRAM = programName({ bin: 'makemore-bench', npmScript: 'bench', source: 'bench/run.ts' });

/** A mistake in the options or the data: one line on stderr, exit status 2, nothing measured. */
function fail(e: unknown): never {
  if (!(e instanceof Error)) throw e;
  const help = e instanceof UsageError && e.pointToHelp ? ` (see: ${PROGRAM} --help)` : '';
  console.error(`bench: ${e.message}${help}`);
  process.exit(2);
}

exitQuietlyWhenOutputCloses(); // `npm run bench | head`
let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (e) {
  fail(e);
}
if (options.help) {
  console.log(benchHelp(PROGRAM));
  process.exit(0);
}
const QUICK = options.quick;
const ONLY = options.only;
const LABEL = options.label;
const wanted = (w: string) => !ONLY || ONLY.includes(w);

// ------------------------------------------------------------------ data

function dataset(): { words: string[]; description: string } {
  const env = process.env.MAKEMORE_NAMES;
  if (env) return resolveDataset(resolve(env));
  const shared = resolve(ROOT, '../shared/data/names.txt');
  if (existsSync(shared)) return resolveDataset(shared);
  return resolveDataset(); // the lecture's names, embedded
}

// the data is checked before any thread starts: a names file that cannot be read or used is one line
let words: string[], description: string, vocab: Vocabulary;
try {
  ({ words, description } = dataset());
  vocab = Vocabulary.fromWords(words);
} catch (e) {
  fail(e);
}

if (options.threads !== undefined) setNumThreads(options.threads);
// start the helper threads before timing anything (they otherwise start at the first large kernel)
const threadsInUse = await startHelperThreads();

// ------------------------------------------------------------------ timing

interface Result {
  workload: string;
  name: string;
  /** Milliseconds per run. */
  median: number;
  min: number;
  max: number;
  runs: number;
  samples: number[];
  /** PyTorch's figure from the issue (ms), when there is one. */
  torchMs?: number;
  /** The goal (ms), when there is one. */
  goalMs?: number;
  /** Median CPU time of this process per run (user + system), ms: less sensitive to other load. */
  cpuMedian: number;
  /** Extra figures (GFLOP/s, loss, …). */
  extra?: Record<string, number | string>;
  heapAfterMB: number;
}

const results: Result[] = [];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/**
 * Time `fn`: `warmup` untimed runs, then runs until both `minRuns` runs and `minMs` total time
 * have passed (at most `maxRuns`).
 */
function bench(
  workload: string,
  name: string,
  fn: () => unknown,
  opts: { warmup?: number; minRuns?: number; maxRuns?: number; minMs?: number; torchMs?: number; goalMs?: number; extra?: (med: number) => Record<string, number | string> } = {},
): Result {
  const warmup = QUICK ? 1 : (opts.warmup ?? 3);
  const minRuns = QUICK ? 3 : (opts.minRuns ?? 10);
  const maxRuns = QUICK ? 5 : (opts.maxRuns ?? 200);
  const minMs = QUICK ? 0 : (opts.minMs ?? 1000);
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  const cpu: number[] = [];
  let total = 0;
  while (samples.length < maxRuns && (samples.length < minRuns || total < minMs)) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const dt = performance.now() - t0;
    const c = process.cpuUsage(c0);
    samples.push(dt);
    cpu.push((c.user + c.system) / 1000);
    total += dt;
  }
  const med = median(samples);
  const r: Result = {
    workload,
    name,
    median: med,
    min: Math.min(...samples),
    max: Math.max(...samples),
    runs: samples.length,
    samples,
    cpuMedian: median(cpu),
    torchMs: opts.torchMs,
    goalMs: opts.goalMs,
    extra: opts.extra?.(med),
    heapAfterMB: mb(process.memoryUsage().heapUsed),
  };
  results.push(r);
  printRow(r);
  return r;
}

function fmt(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

function printHeader(): void {
  console.log(`${'case'.padEnd(46)} ${'median ms'.padStart(10)} ${'min–max ms'.padStart(18)} ${'cpu ms'.padStart(8)} ${'runs'.padStart(5)} ${'torch'.padStart(7)} ${'goal'.padStart(7)}  extra`);
  console.log('-'.repeat(129));
}

function printRow(r: Result): void {
  const extra = r.extra ? Object.entries(r.extra).map(([k, v]) => `${k}=${typeof v === 'number' ? +v.toPrecision(5) : v}`).join(' ') : '';
  const met = r.goalMs === undefined ? '' : r.median <= r.goalMs ? ' ✓' : ' ✗';
  console.log(
    `${(r.workload + ' ' + r.name).padEnd(46)} ${fmt(r.median).padStart(10)} ${(fmt(r.min) + '–' + fmt(r.max)).padStart(18)} ${fmt(r.cpuMedian).padStart(8)} ${String(r.runs).padStart(5)} ` +
      `${(r.torchMs === undefined ? '' : fmt(r.torchMs)).padStart(7)} ${(r.goalMs === undefined ? '' : fmt(r.goalMs) + met).padStart(7)}  ${extra}`,
  );
}

// ------------------------------------------------------------------ workloads

const data = trainingSet(words, vocab);
console.log(`makemore-ts benchmark${LABEL ? ` (${LABEL})` : ''}: node ${process.version}, ${cpus()[0]?.model ?? '?'} × ${cpus().length}, kernel threads: ${threadsInUse} (getNumThreads() = ${getNumThreads()})`);
console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other processes inflate wall times; the cpu column is this process only)`);
console.log(description);
console.log(`training set: ${data.n} bigrams, vocabulary ${vocab.size}\n`);
printHeader();

const memory: Record<string, number | number[]> = {};

if (wanted('W1')) {
  // the lecture's training step, written exactly as bigram/neural.ts `train` does it
  const W = initWeights(vocab.size, new Generator().manualSeed(2147483647));
  let first = NaN;
  const step = () => {
    const l = loss(W, data.xs, data.ys, 0.01);
    if (Number.isNaN(first)) first = l.item();
    W.grad = null;
    l.backward();
    W.data.add_(W.grad!.mul(-50));
  };
  bench('W1', 'training step (forward+backward+update)', step, { torchMs: 74, goalMs: 74, minRuns: 15, extra: () => ({ loss0: first }) });
  // the same step inside tidy (what bigram/neural.ts `train` does): its memory is reused. Measured
  // before the inline case: that one leaves ~250 MB of fresh typed arrays per step to the garbage
  // collector, whose work then lands in whatever case runs next (it made this case look slower
  // than the step without tidy: 128 vs 106 ms in session 5; run first, the two cost the same)
  const W2 = initWeights(vocab.size, new Generator().manualSeed(2147483647));
  const tidyStep = () => tidy(() => {
    const l = loss(W2, data.xs, data.ys, 0.01);
    W2.grad = null;
    l.backward();
    W2.data.add_(W2.grad!.mul(-50));
  });
  bench('W1', 'training step inside tidy()', tidyStep, { torchMs: 74, goalMs: 74, minRuns: 15 });
  // the same step with the forward written out inline, as in bench/torch_peer.py, no tidy anywhere:
  // the engine cannot know when the user's xenc, logits, counts, probs die, so their memory is
  // fresh every step (bigram/neural.ts `loss` runs in tidy, which hands them to the loss's graph)
  const Wi = initWeights(vocab.size, new Generator().manualSeed(2147483647));
  const inlineStep = () => {
    const xenc = oneHot(data.xs, vocab.size).float();
    const logits = xenc.matmul(Wi);
    const counts = logits.exp();
    const probs = counts.div(counts.sum(1, true));
    const l = probs.index(arange(data.n), data.ys).log().mean().neg().add(Wi.pow(2).mean().mul(0.01));
    Wi.grad = null;
    l.backward();
    Wi.data.add_(Wi.grad!.mul(-50));
  };
  bench('W1', 'same, forward written inline (no tidy at all)', inlineStep, { torchMs: 74, minRuns: 15 });
  // memory over many steps: heap and RSS sampled every 10 steps, for both ways of writing the step
  const steps = QUICK ? 20 : 100;
  for (const [label, run] of [['plain', step], ['tidy', tidyStep]] as const) {
    const heap: number[] = [];
    const rss: number[] = [];
    for (let k = 0; k < steps; k++) {
      run();
      if (k % 10 === 9) {
        heap.push(mb(process.memoryUsage().heapUsed));
        rss.push(mb(process.memoryUsage().rss));
      }
    }
    memory[`W1_${label}_heapMB_every10steps`] = heap;
    memory[`W1_${label}_rssMB_every10steps`] = rss;
    console.log(`${''.padEnd(4)} W1 ${label} memory: heap MB every 10 steps: ${heap.join(' ')}; RSS MB: ${rss.join(' ')}`);
  }
}

if (wanted('W2')) {
  const g = new Generator().manualSeed(1);
  const A = randn([512, 512], { generator: g });
  const B = randn([512, 512], { generator: g });
  const flop512 = 2 * 512 ** 3;
  bench('W2', 'matmul 512×512 @ 512×512', () => A.matmul(B), { minRuns: 5, extra: (m) => ({ GFLOPs: flop512 / m / 1e6, goalGFLOPs: 25 }) });
  const n = data.n, V = vocab.size;
  const X = randn([n, V], { generator: g });
  const Wm = randn([V, V], { generator: g });
  const flopX = 2 * n * V * V;
  bench('W2', `matmul ${n}×${V} @ ${V}×${V} (dense)`, () => X.matmul(Wm), { minRuns: 5, extra: (m) => ({ GFLOPs: flopX / m / 1e6, goalGFLOPs: 10, torchGFLOPs: 40 }) });
  const onehot = noGrad(() => Tensor.fromArray(new Float32Array(n * V), [n, V]));
  const od = onehot.storage.data;
  for (let i = 0; i < n; i++) od[i * V + data.xs.storage.data[i]] = 1;
  bench('W2', `matmul ${n}×${V} @ ${V}×${V} (one-hot)`, () => onehot.matmul(Wm), { minRuns: 5, extra: (m) => ({ effGFLOPs: flopX / m / 1e6 }) });
  bench('W2', `matmul ${V}×${n} @ ${n}×${V} (xencᵀ·G)`, () => onehot.T.matmul(X), { minRuns: 5, extra: (m) => ({ effGFLOPs: flopX / m / 1e6 }) });
  // the lecture's way: oneHot(xs).float() is table rows (engine/fast/table-rows.ts), so the product
  // is 27 rows computed and an index; reading .data then writes the 228,146 rows out
  bench('W2', `oneHot(xs, ${V}).float() @ ${V}×${V} (table rows, not read)`, () => { oneHot(data.xs, V).float().matmul(Wm); }, { minRuns: 5 });
  bench('W2', `oneHot(xs, ${V}).float() @ ${V}×${V} (table rows), then read (.data)`, () => { void oneHot(data.xs, V).float().matmul(Wm).storage.data; }, { minRuns: 5 });
  // the same inside tidy, operands made inside a tidy: the kernel reads them and writes the result
  // in place, and the result's memory is reused (outside, each result is fresh memory: page faults)
  const [AA, BA, XA] = tidy(() => [A.clone(), B.clone(), X.clone()]);
  bench('W2', 'matmul 512×512 @ 512×512, in tidy (arena)', () => tidy(() => { AA.matmul(BA); }), { minRuns: 5, extra: (m) => ({ GFLOPs: flop512 / m / 1e6, goalGFLOPs: 25 }) });
  bench('W2', `matmul ${n}×${V} @ ${V}×${V} (dense), in tidy (arena)`, () => tidy(() => { XA.matmul(Wm); }), { minRuns: 5, extra: (m) => ({ GFLOPs: flopX / m / 1e6, goalGFLOPs: 10, torchGFLOPs: 40 }) });
}

if (wanted('W3')) {
  const g = new Generator().manualSeed(2);
  const a = randn([1000, 1000], { generator: g });
  const b = randn([1000, 1], { generator: g });
  bench('W3', 'broadcast div (1000×1000)/(1000×1)', () => a.div(b), { torchMs: 0.11, goalMs: 0.33, minRuns: 30 });
  const x = randn([1_000_000], { generator: g });
  bench('W3', 'exp of 1e6', () => x.exp(), { torchMs: 0.79, goalMs: 2.37, minRuns: 30 });
  const ex = x.exp();
  bench('W3', 'log of 1e6', () => ex.log(), { minRuns: 30 });
  bench('W3', 'tanh of 1e6', () => x.tanh(), { minRuns: 30 });
  bench('W3', 'sqrt of 1e6', () => ex.sqrt(), { minRuns: 30 });
  bench('W3', 'pow 2 of 1e6 (x ** 2)', () => x.pow(2), { minRuns: 30 });
  bench('W3', 'same-shape mul 1e6', () => x.mul(x), { minRuns: 30 });
  // the same inside tidy, with operands made inside a tidy too: everything in the SIMD arena,
  // the kernels work in place and the results' memory is reused
  const [aA, bA, xA] = tidy(() => [a.clone(), b.clone(), x.clone()]);
  bench('W3', 'broadcast div, in tidy (arena)', () => tidy(() => { aA.div(bA); }), { torchMs: 0.11, goalMs: 0.33, minRuns: 30 });
  bench('W3', 'exp of 1e6, in tidy (arena)', () => tidy(() => { xA.exp(); }), { torchMs: 0.79, goalMs: 2.37, minRuns: 30 });
  const exA = tidy(() => ex.clone());
  bench('W3', 'log of 1e6, in tidy (arena)', () => tidy(() => { exA.log(); }), { minRuns: 30 });
  bench('W3', 'tanh of 1e6, in tidy (arena)', () => tidy(() => { xA.tanh(); }), { minRuns: 30 });
  bench('W3', 'sqrt of 1e6, in tidy (arena)', () => tidy(() => { exA.sqrt(); }), { minRuns: 30 });
  bench('W3', 'same-shape mul 1e6, in tidy (arena)', () => tidy(() => { xA.mul(xA); }), { minRuns: 30 });
}

if (wanted('W4')) {
  const g = new Generator().manualSeed(3);
  const a = randn([1000, 1000], { generator: g });
  bench('W4', 'sum(0, keepdim) of 1000×1000', () => a.sum(0, true), { torchMs: 0.07, goalMs: 0.21, minRuns: 30 });
  bench('W4', 'sum(1, keepdim) of 1000×1000', () => a.sum(1, true), { minRuns: 30 });
  const aA = tidy(() => a.clone());
  bench('W4', 'sum(0, keepdim), in tidy (arena)', () => tidy(() => { aA.sum(0, true); }), { torchMs: 0.07, goalMs: 0.21, minRuns: 30 });
  bench('W4', 'sum(1, keepdim), in tidy (arena)', () => tidy(() => { aA.sum(1, true); }), { minRuns: 30 });
}

if (wanted('W5')) {
  bench('W5', 'countBigramsLoop (N.index(i,j).add_(1))', () => countBigramsLoop(words, vocab), { goalMs: 100, minRuns: 5 });
  bench('W5', 'countBigrams (vectorised)', () => countBigrams(words, vocab), { goalMs: 2, minRuns: 5 });
  // the counting alone, from the training set's int32 pairs (no strings): xs·V + ys, then bincount
  const V = vocab.size;
  bench('W5', 'counting only: bincount(xs·V + ys)', () => data.xs.mul(V).add(data.ys).bincount({ minlength: V * V }).view(V, V), { goalMs: 2, minRuns: 5 });
  const P = probabilities(countBigrams(words, vocab));
  bench('W5', 'evaluate loop (log P[i,j] summed)', () => evaluate(P, words, vocab, false), { minRuns: 5 });
}

if (wanted('W6')) {
  const P = probabilities(countBigrams(words, vocab));
  const g = new Generator();
  bench('W6', 'sample 1,000 names (counts model)', () => sampleNames(P, vocab, g.manualSeed(2147483647), 1000), { torchMs: 26, goalMs: 5, minRuns: 10 });
  bench('W6', 'randn 1e6', () => randn([1_000_000], { generator: g }), { minRuns: 10 });
  const row = P.index(0);
  bench('W6', 'multinomial 1e5 samples (replacement)', () => multinomial(row, 100_000, { replacement: true, generator: g }), { minRuns: 10 });
}

if (wanted('W7')) {
  // makemore part 2: the MLP's training step (32×30 @ 30×200, tanh, 200×27, cross-entropy) on
  // the lecture's names (embedded), parameters and indices from the seeded generator
  const d7 = mlpData(lectureNames(), 3);
  const g7 = new Generator({ normalKernel: 'avx2' }).manualSeed(2147483647);
  const p7 = initMlp(LECTURE_CONFIG, g7);
  // PyTorch: 200,000 steps in 37.9 s on 1 thread (reference mlp-200k.json) = 190 ms per 1,000
  bench('W7', 'MLP: 1,000 training steps', () => trainMlp(p7, d7.train, { steps: 1000, generator: g7 }), {
    warmup: 1, minRuns: 3, maxRuns: 10, minMs: 0, torchMs: 190, extra: (med) => ({ msPerStep: med / 1000 }),
  });
  bench('W7', 'MLP: loss of the whole dev split (22,655 rows)', () => splitLoss(p7, d7.dev), { minRuns: 5 });
}

if (wanted('W8')) {
  // the cost of one small op, the size of the MLP's steps (32 rows × 200 hidden units): each run
  // repeats the op OPS times (as written: no tidy), the figure is µs per op; bench/torch_peer.py
  // runs the same ops on tensors of the same shapes
  const OPS = 200;
  const g8 = new Generator().manualSeed(8);
  const h = randn([32, 200], { generator: g8 });
  const emb = randn([32, 30], { generator: g8 });
  const w = randn([30, 200], { generator: g8 });
  const wg = randn([30, 200], { generator: g8, requiresGrad: true });
  const bg = randn([200], { generator: g8, requiresGrad: true });
  const perOp = (name: string, op: () => unknown, torchUs: number) => bench('W8', `${name} (µs per op)`, () => {
    for (let i = 0; i < OPS; i++) op();
  }, { minRuns: 20, maxRuns: 400, minMs: 500, extra: (med) => ({ usPerOp: (med * 1000) / OPS, torchUs }) });
  // PyTorch 1.13.1, 1 thread, on this machine (CPU µs per op, the same ops; docs/performance.md #18)
  perOp('add 32×200 + 32×200', () => h.add(h), 2.7);
  perOp('mul 32×200 · 32×200', () => h.mul(h), 2.3);
  perOp('tanh 32×200', () => h.tanh(), 21.5);
  perOp('matmul 32×30 @ 30×200', () => emb.matmul(w), 17.6);
  perOp('matmul 32×200 @ 200×30ᵀ (long k)', () => h.matmul(w.T), 14.1);
  perOp('sum(0) of 32×200', () => h.sum(0), 5.4);
  perOp('backward of tanh(x@W + b).sum(), x 32×30', () => {
    const y = emb.matmul(wg).add(bg).tanh().sum();
    wg.grad = null;
    bg.grad = null;
    y.backward();
  }, 178);
}

// ------------------------------------------------------------------ report

const usage = process.resourceUsage();
memory.peakRssMB = mb(usage.maxRSS * 1024);
memory.heapUsedMB = mb(process.memoryUsage().heapUsed);
console.log(`\npeak RSS ${memory.peakRssMB} MB, heap now ${memory.heapUsedMB} MB`);

const report = {
  label: LABEL,
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? '?',
  cores: cpus().length,
  totalMemMB: mb(totalmem()),
  quick: QUICK,
  threads: threadsInUse,
  loadavgAtEnd: loadavg(),
  data: description,
  bigrams: data.n,
  vocab: vocab.size,
  memory,
  results,
};
const dir = resolve(ROOT, 'bench/results');
mkdirSync(dir, { recursive: true });
const file = resolve(dir, `bench-${report.date.replace(/[:.]/g, '-')}${LABEL ? '-' + LABEL : ''}.json`);
writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
writeFileSync(resolve(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`wrote ${file}`);
