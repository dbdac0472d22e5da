/**
 * The docs cannot rot.
 *
 * 1. Every program in docs/examples/ (found with readdirSync, so a new one is picked up) runs
 *    as a child process (`tsx`, as `npx tsx docs/examples/<name>.ts` does) and exits with 0.
 * 2. Each program's key lines are checked against values derived HERE, independently of the
 *    engine: plain loops on JS arrays, closed forms, the notes (N1–N23) or PyTorch's recorded
 *    outputs (`../shared/reference/torch/`, quoted as constants with their source).
 * 3. The tour pages (docs/README.md, tensor.md, autograd.md, pytorch.md, performance.md):
 *    - every ```console block that starts with `$ npx tsx docs/examples/<name>.ts` shows lines
 *      the program really prints (runs of lines separated by `...`, in order);
 *    - every ```ts block starts with `// <file>` and its lines are in that file, in order, so
 *      an excerpt of the engine or of an example cannot drift from the code;
 *    - every relative link points at a file of the repository that exists, and each #anchor at
 *      a heading of its page;
 *    - the committed graph picture (docs/images/lecture-loss-graph.svg) has the nodes and edges
 *      of the DOT the example prints today.
 * 4. The other pages (the rest of docs/, the repository's README.md): the links and anchors as
 *    in 3, and every ```ts block that starts with `// <file>.ts` (an excerpt; a block without
 *    that line is a usage sketch and is not checked) as in 3.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const examplesDir = join(repoRoot, 'docs', 'examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.ts')).sort();
const docPages = ['README.md', 'tensor.md', 'autograd.md', 'pytorch.md', 'performance.md'].map((f) => join(repoRoot, 'docs', f));
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');

// ------------------------------------------------------------------ running the programs

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runExample(file: string, args: readonly string[]): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(tsx, [join('docs', 'examples', file), ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => done({ code: null, stdout, stderr: stderr + String(e) }));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const runKey = (file: string, args: readonly string[]) => [file, ...args].join(' ');

/** ```lang blocks of a markdown page: language, first line number, lines. */
function codeBlocks(page: string): { lang: string; line: number; lines: string[] }[] {
  const out: { lang: string; line: number; lines: string[] }[] = [];
  const lines = readFileSync(page, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^```\s*$/.test(lines[j]); j++) body.push(lines[j]);
    out.push({ lang: open[1], line: i + 1, lines: body });
    i = j;
  }
  return out;
}

const existingPages = docPages.filter((p) => existsSync(p));
/** Every other page a reader opens: the rest of docs/*.md and the repository's README.md. */
const otherPages = [
  ...readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => join(repoRoot, 'docs', f)),
  join(repoRoot, 'README.md'),
].filter((p) => !docPages.includes(p));

/** Pages other engineers are writing: a link to one that does not exist yet is reported as skipped. */
/** GitHub's anchors for the headings of a markdown page (lower case, punctuation dropped, spaces → '-'). */
function headingAnchors(page: string): Set<string> {
  const text = readFileSync(page, 'utf8').replace(/```[\s\S]*?```/g, '');
  const anchors = new Set<string>();
  for (const m of text.matchAll(/^#{1,6} (.+)$/gm)) {
    anchors.add(m[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
  }
  return anchors;
}

/** `$ npx tsx docs/examples/<file> args` in a console block. */
function consoleCommand(first: string): { file: string; args: string[] } | null {
  const m = /^\$ npx tsx docs\/examples\/([\w.-]+\.ts)((?: [^\s|>]+)*)\s*$/.exec(first);
  return m ? { file: m[1], args: m[2].trim() ? m[2].trim().split(/\s+/) : [] } : null;
}

// every program with no arguments, plus every argument list the pages show, plus the DOT export
const runsWanted = new Map<string, { file: string; args: string[] }>();
for (const file of examples) runsWanted.set(runKey(file, []), { file, args: [] });
runsWanted.set(runKey('lecture-loss-graph.ts', ['--dot']), { file: 'lecture-loss-graph.ts', args: ['--dot'] });
for (const page of existingPages) {
  for (const b of codeBlocks(page)) {
    const cmd = b.lang === 'console' && b.lines.length ? consoleCommand(b.lines[0]) : null;
    if (cmd && examples.includes(cmd.file)) runsWanted.set(runKey(cmd.file, cmd.args), cmd);
  }
}

const results = new Map<string, Run>();

beforeAll(async () => {
  const queue = [...runsWanted.values()];
  const workers = Array.from({ length: Math.max(2, cpus().length) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) results.set(runKey(job.file, job.args), await runExample(job.file, job.args));
  });
  await Promise.all(workers);
}, 600_000);

function output(file: string, args: readonly string[] = []): string {
  const r = results.get(runKey(file, args));
  if (!r) throw new Error(`docs/examples/${file} ${args.join(' ')} was not run`);
  return r.stdout;
}

// ------------------------------------------------------------------ helpers for the checks

/** The (first) line of `out` starting with `prefix` (trailing spaces ignored). */
function lineStarting(out: string, prefix: string): string {
  const found = out.split('\n').find((l) => l.startsWith(prefix));
  if (found === undefined) throw new Error(`no output line starts with ${JSON.stringify(prefix)}; the output was:\n${out}`);
  return found;
}

/** The numbers in a printed tensor (or any text): `tensor([[ 9, 12]])` → [9, 12]. */
function numbersIn(s: string): number[] {
  return (s.match(/-?(?:\d+\.?\d*(?:e[+-]?\d+)?|inf|nan)/g) ?? []).map(Number);
}

/** The numbers printed after the LAST ':' or '=' of a line starting with `prefix`. */
function valuesAfter(out: string, prefix: string, sep: ':' | '=' = ':'): number[] {
  const l = lineStarting(out, prefix);
  return numbersIn(l.slice(l.lastIndexOf(sep) + 1));
}

const fixed4 = (v: number) => v.toFixed(4);
const matrix = (rows: number, cols: number, f: (i: number, j: number) => number) =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(i, j)));
const rowSums = (m: number[][]) => m.map((r) => r.reduce((a, b) => a + b, 0));
const colSums = (m: number[][]) => m[0].map((_, j) => m.reduce((a, r) => a + r[j], 0));
const transpose = (m: number[][]) => m[0].map((_, j) => m.map((r) => r[j]));
const counts = (pairs: number[][], n: number) => {
  const N = matrix(n, n, () => 0);
  for (const [a, b] of pairs) N[a][b]++;
  return N;
};

// ------------------------------------------------------------------ key lines of each program

/**
 * Per program: its key output, checked against values derived independently of the engine.
 * A new example needs an entry here (the test "every example has checks" says so).
 */
const checks: Record<string, (out: string) => void> = {
  'tensor-basics.ts': (out) => {
    const X = [[1, 2], [3, 4], [5, 6]];
    expect(lineStarting(out, 'dtype')).toBe('dtype int32, shape [3, 2], strides [2, 1], offset 0');
    expect(valuesAfter(out, 'storage:')).toEqual(X.flat());
    // row-major: element (2, 1) is at 2*2 + 1
    expect(lineStarting(out, 'x[2, 1]')).toBe(`x[2, 1] is storage[${2 * 2 + 1}] = ${X[2][1]} (x.index(2, 1).item() = ${X[2][1]})`);
    const total = X.flat().reduce((a, b) => a + b, 0); // N8
    expect(lineStarting(out, 'x.sum() =')).toBe(`x.sum() = tensor(${total})`);
    // N9: [[9, 12]] (1×2), [[3], [7], [11]] (3×1), [9, 12] ([2]), [3, 7, 11] ([3])
    expect(valuesAfter(out, 'x.sum(0, true) shape [1, 2]:')).toEqual(colSums(X));
    expect(valuesAfter(out, 'x.sum(1, true) shape [3, 1]:')).toEqual(rowSums(X));
    expect(valuesAfter(out, 'x.sum(0, false) shape [2]:')).toEqual(colSums(X));
    expect(valuesAfter(out, 'x.sum(1, false) shape [3]:')).toEqual(rowSums(X));
    expect(lineStarting(out, 'x.sum(0, true)')).toContain('tensor([[ 9, 12]])');
    expect(out).toContain('tensor([1.0, 2.0]).dtype = int32');
    expect(out).toContain("tensor([1.0, 2.0], { dtype: 'float32' }) = tensor([1., 2.])");
  },

  'views-and-strides.ts': (out) => {
    const X = matrix(2, 3, (i, j) => 3 * i + j); // arange(6).view(2, 3)
    const T = transpose(X);
    const xT = lineStarting(out, 'x.T  ');
    expect(xT).toContain('strides [1, 3]');
    expect(xT).toContain('non-contiguous');
    expect(xT).toContain('same storage');
    expect(xT).toContain(JSON.stringify(T));
    const col = lineStarting(out, 'x.index(null, 1)');
    expect(col).toContain('strides [3]');
    expect(col).toContain('offset 1');
    expect(col).toContain(JSON.stringify(X.map((r) => r[1])));
    const exp = lineStarting(out, 'x.index(0).expand(4, 3)');
    expect(exp).toContain('strides [0, 1]');
    expect(exp).toContain(JSON.stringify([X[0], X[0], X[0], X[0]]));
    expect(lineStarting(out, 'x.T.view(6) throws:')).toContain('Use .reshape(...) instead');
    const rs = lineStarting(out, 'x.T.reshape(6)');
    expect(rs).toContain('NEW storage');
    expect(rs).toContain(JSON.stringify(T.flat()));
    // x.T[2, 1] is x[1, 2]: the write lands in x
    const after = X.map((r) => [...r]);
    after[1][2] = 50;
    expect(valuesAfter(out, 'after x.T.index(2, 1).fill_(50): x =', '=').slice(0, 6)).toEqual(after.flat());
    expect(lineStarting(out, 'after x.T.index(2, 1).fill_(50)')).toContain('version 1');
    expect(valuesAfter(out, 'N after 4 bigrams =', '=')).toEqual(counts([[0, 1], [1, 2], [0, 1], [2, 0]], 3).flat());
  },

  'broadcasting-keepdim.ts': (out) => {
    const P = matrix(3, 3, (i, j) => 3 * i + j + 1); // the notes' [1,2,3] [4,5,6] [7,8,9]
    const s = rowSums(P); // [6, 15, 24]
    // N12: without keepdim, [3] is a ROW: element (i, j) is divided by s[j]
    const wrong = P.map((r) => r.map((v, j) => v / s[j]));
    const right = P.map((r, i) => r.map((v) => v / s[i]));
    expect(lineStarting(out, 'P.sum(1) =')).toBe(`P.sum(1) = tensor([ ${s.map((v) => `${v}.`).join(', ')}]), shape [3]`);
    expect(lineStarting(out, 'its rows sum to tensor([0')).toContain(`tensor([${rowSums(wrong).map(fixed4).join(', ')}])`);
    expect(rowSums(right).map((v) => Math.abs(v - 1) < 1e-12)).toEqual([true, true, true]);
    expect(out).toContain('its rows sum to tensor([1., 1., 1.])');
    expect(valuesAfter(out, 'P / P.sum(1) =', '=')).toEqual(wrong.flat().map((v) => Number(fixed4(v))));
    expect(valuesAfter(out, 'P / P.sum(1, true) =', '=')).toEqual(right.flat().map((v) => Number(fixed4(v))));
    expect(out).toContain('b has no dimension 0: it is treated as size 1 and copied 3 times along it');
    expect(out).toContain("b's dimension 1 has size 1: it is stretched (copied) to 3");
    expect(out).toContain('the row sums, as broadcast (strides [0, 1])');
    expect(out).toContain('the row sums, as broadcast (strides [1, 0])');
    // N11
    expect(out).toContain('broadcastShapes([27, 27], [27]) = [27, 27]');
    expect(out).toContain('the size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1');
  },

  'strided-loop.ts': (out) => {
    const runsOf = (heading: string) => {
      const lines = out.split('\n');
      const k = lines.findIndex((l) => l.startsWith(heading));
      expect(k, `heading ${heading}`).toBeGreaterThanOrEqual(0);
      return [...lines[k + 2].matchAll(/\(n=(\d+), p=(\d+), s=(\d+)\)/g)].map((m) => m.slice(1).map(Number));
    };
    expect(runsOf('contiguous x')).toEqual([[24, 0, 1]]);
    // narrow(2, 0, 2) of [2, 3, 4]: rows of 2 starting at 12i + 4j, i < 2, j < 3
    expect(runsOf('x.narrow(2, 0, 2)')).toEqual([0, 1].flatMap((i) => [0, 1, 2].map((j) => [2, 12 * i + 4 * j, 1])));
    // transpose(0, 2): shape [4, 3, 2], strides [1, 4, 12]; runs along the last dim, odometer over a < 4, b < 3
    expect(runsOf('x.transpose(0, 2)')).toEqual([0, 1, 2, 3].flatMap((a) => [0, 1, 2].map((b) => [2, a + 4 * b, 12])));
    expect(runsOf('a row expanded')).toEqual([[4, 0, 1], [4, 0, 1], [4, 0, 1]]);
    expect(out).toContain('3 run(s): (n=4, out p=0 s=1, in p=0 s=1) (n=4, out p=4 s=1, in p=0 s=1) (n=4, out p=8 s=1, in p=0 s=1)');
  },

  'dtypes-and-promotion.ts': (out) => {
    const row = (expr: string) => lineStarting(out, expr).slice(44).trim();
    expect(row('tensor([1.0, 2.0]) ')).toBe('int32    tensor([1, 2])');
    expect(row('i.add(f)')).toMatch(/^float32 /);
    expect(row('i.div(i)')).toBe('float32  tensor([1., 1., 1.])');
    expect(row('i.mul(2)')).toBe('int32    tensor([2, 4, 6])');
    expect(row('i.mul(0.5)')).toMatch(/^float32 /);
    expect(row('tensor([true]).add(1)')).toBe('int32    tensor([2])');
    expect(row('f.gt(1.5)')).toMatch(/^bool /);
    // float32 * 0.1: 0.1 is rounded to float32 first, the product rounded again
    const f01 = Math.fround(0.1);
    expect(JSON.parse(lineStarting(out, '  its exact values:').split(': ')[1])).toEqual([1, 2, 3].map((k) => Math.fround(k * f01)));
    expect(row('i.add_(0.5)')).toMatch(/^error: add_: result type float32 can't be cast to the desired output type int32/);
    // 3 · 2^30 does not fit in int32: an error instead of a wrapped-around result
    expect(row("full([3], 2 ** 30, { dtype: 'int32' }).sum()")).toBe(`error: sum: the result ${3 * 2 ** 30} does not fit in int32 (this project's integer type); convert with .double() before summing`);
  },

  'autograd-by-hand.ts': (out) => {
    // L = (a*b + c) * f: dL/da = f*b, dL/db = f*a, dL/dc = f, dL/df = a*b + c
    const [a, b, c, f] = [2, -3, 10, -2];
    const expected = `dL/da = ${f * b}, dL/db = ${f * a}, dL/dc = ${f}, dL/df = ${a * b + c}`;
    expect(lineStarting(out, 'L = ')).toBe(`L = tensor(${(a * b + c) * f}., grad_fn=<MulBackward0>)`);
    expect(lineStarting(out, 'backward:')).toContain(expected);
    expect(lineStarting(out, 'chain rule:')).toContain(expected);
    expect(out).toContain(`x.grad = tensor([${2 * 3 + 1}.])`);
    expect(out).toContain(`after a second backward without resetting: x.grad = tensor([${2 * (2 * 3 + 1)}.])`);
    const w = [[1, 2, 3], [4, 5, 6]], bias = [10, 20, 30], col = [1, 2];
    const wb = w.map((r) => r.map((v, j) => v + bias[j]));
    expect(valuesAfter(out, '  bias.grad =', '=').slice(0, 3)).toEqual(bias.map(() => col[0] + col[1]));
    expect(valuesAfter(out, '  col.grad =', '=').slice(0, 2)).toEqual(rowSums(wb));
    expect(valuesAfter(out, '  w.grad =', '=')).toEqual(w.flatMap((r, i) => r.map(() => col[i])));
    expect(out).toContain('  MulBackward0   inputs: a, b');
    expect(lineStarting(out, 'a second z.backward():')).toContain('Trying to backward through the graph a second time');
    expect(lineStarting(out, 'with retainGraph both run and accumulate:')).toContain(`x.grad = tensor([${2 * (2 * 3)}.])`);
    expect(out).toContain('noGrad(() => x.mul(2)): requiresGrad false, gradFn null');
    expect(out).toContain("x.detach(): requiresGrad false, shares x's storage true");
  },

  'lecture-loss-graph.ts': (out) => {
    // PyTorch printed this for emma in the lecture (reference lecture.json: emma_step0_loss 3.7693049907684326)
    expect(out).toContain('without the regulariser: tensor(3.7693, grad_fn=<NegBackward0>)');
    expect(lineStarting(out, 'loss = ')).toMatch(/^loss = tensor\(\d\.\d{4}, grad_fn=<AddBackward0>\)$/);
    const names = [...out.matchAll(/^\s+\d+ (\w+Backward\d)/gm)].map((m) => m[1]).sort();
    // -mean(log(div(exp(mm), sum(exp)))[index]) + mul(mean(pow(W)), 0.01)
    expect(names).toEqual(['AddBackward0', 'DivBackward0', 'ExpBackward0', 'IndexBackward0', 'LogBackward0', 'MeanBackward0',
      'MeanBackward0', 'MmBackward0', 'MulBackward0', 'NegBackward0', 'PowBackward0', 'SumBackward1']);
  },

  'lecture-gradient.ts': (out) => {
    // PyTorch's W.grad for emma (reference lecture.json, scalar kernel: emma_step0_W_grad[0][0] and [0][5])
    expect(lineStarting(out, 'loss = ')).toBe(`loss = 3.7693, W.grad[0, 0] = ${(0.012134451419115067).toFixed(6)}, W.grad[0, 5] = ${(-0.19754275679588318).toFixed(6)}`);
    for (const prefix of ['max |logits.grad', 'max |W.grad', 'rows of logits.grad sum to', "row 2 of W ('b' is not in emma)"]) {
      const l = lineStarting(out, prefix);
      const v = Number(/(\d\.\d+e[+-]\d+)/.exec(l)![1]);
      expect(v, l).toBeLessThan(1e-6);
    }
  },

  'gradcheck.ts': (out) => {
    expect(lineStarting(out, 'lecture loss:')).toContain('gradcheck passed');
    expect(lineStarting(out, 'P / P.sum(1, true):')).toContain('gradcheck passed');
    const l = lineStarting(out, 'x * x.detach(): ok = false');
    // at x = 3 the true derivative of x² is 2·3; the tape only sees one factor: 3
    const numerical = Number(/numerical ([\d.e+-]+)/.exec(l)![1]);
    const analytical = Number(/analytical ([\d.e+-]+)/.exec(l)![1]);
    expect(numerical).toBeCloseTo(2 * 3, 6);
    expect(analytical).toBe(3);
  },

  'memory-tidy.ts': (out) => {
    // 2·Σ_{i<n} e^{i/n} = 2(e − 1)/(e^{1/n} − 1), a geometric series (float32 rounding: 1e-5 relative)
    const n = 100_000;
    const exact = (2 * (Math.E - 1)) / Math.expm1(1 / n);
    expect(Math.abs(valuesAfter(out, 'sum of 2·exp(i/n)')[0] / exact - 1)).toBeLessThan(1e-5);
    expect(lineStarting(out, 'using a tensor tidy gave back')).toContain('memory was released');
    expect(lineStarting(out, 'a kept tensor is still there')).toBe('a kept tensor is still there: true');
    const fresh = valuesAfter(out, 'fresh large allocations per step');
    expect(fresh[0]).toBeGreaterThan(0); // the first step takes memory …
    expect(fresh.slice(1)).toEqual([0, 0, 0]); // … the next ones reuse it
    expect(lineStarting(out, 'W.grad after the loop')).toBe('W.grad after the loop: shape [27, 27], released: false');
  },
  'inplace-and-versions.ts': (out) => {
    const P = [[1, 3], [2, 2]];
    const normalised = P.map((r) => r.map((v) => v / (r[0] + r[1])));
    expect(lineStarting(out, 'P.div(s):')).toBe('P.div(s):  new storage? true, P.version 0');
    expect(lineStarting(out, 'P.div_(s):')).toBe(
      `P.div_(s): new storage? false, P.version 1, P = tensor([[${normalised[0].map(fixed4).join(', ')}], [${normalised[1].map(fixed4).join(', ')}]])`,
    );
    expect(out).toContain('after P.index(0).mul_(2): P.version 2, row.version 2');
    expect(lineStarting(out, 'y = x.exp(); y.add_(1)')).toContain('saved by ExpBackward0, is at version 1; expected version 0');
    expect(lineStarting(out, 'W.add_(W.grad!.mul(-0.1)):')).toContain('error: add_: a leaf Variable that requires grad');
    // W = [1, 2], dL/dW = 3 for L = sum(3W); two steps of -0.1 * 3
    const W1 = [1, 2].map((w) => w - 0.1 * 3), W2 = W1.map((w) => w - 0.1 * 3);
    expect(lineStarting(out, 'W.data.add_')).toContain(`W = tensor([${W1.map(fixed4).join(', ')}], requires_grad=True), still a leaf: true`);
    expect(lineStarting(out, 'noGrad(() =>')).toContain(`W = tensor([${W2.map(fixed4).join(', ')}], requires_grad=True)`);
  },

  'generator.ts': (out) => {
    // PyTorch's torch.rand(3, generator=g) for seed 2147483647 (reference rng.json: lecture_rand3_raw)
    expect(out).toContain('rand(3) = tensor([0.7081, 0.3542, 0.1054])');
    // N5: normalised, [0.6064, 0.3033, 0.0903]
    expect(out).toContain('p = tensor([0.6064, 0.3033, 0.0903])');
    // PyTorch's first 20 of multinomial(p, 100, True) after rand(3) (rng.json: lecture_multinomial_100_after_rand3)
    const torch20 = [1, 1, 2, 0, 0, 2, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1];
    expect(valuesAfter(out, 'multinomial(p, 20', '=')).toEqual(torch20);
    expect(lineStarting(out, 'counts of 0, 1, 2:')).toBe(`counts of 0, 1, 2: ${[0, 1, 2].map((k) => torch20.filter((v) => v === k).length).join(', ')}`);
    expect(out).toContain('same seed, same numbers: true');
    const [a, b] = lineStarting(out, 'after setState').split(': ')[1].split(') ');
    expect(`${a})`).toBe(b);
    // PyTorch's W = randn((27, 27), generator=g) (lecture.json: W_init[0][:4])
    expect(valuesAfter(out, 'W[0, :4] =', '=')).toEqual([1.5673619508743286, -0.2372923195362091, -0.027384605258703232, -1.100779414176941].map((v) => Number(fixed4(v))));
  },

  'bigram.ts': (out) => {
    const first = out.split('\n')[0];
    expect(first).toMatch(/^\d+ names, \d+ symbols$/);
    if (first === '32033 names, 27 symbols') {
      // names.txt: N7's names, and PyTorch's recorded numbers (lecture.json: smoothed_N_plus_1.avg_nll, train_losses_200[0..2])
      expect(out).toContain('samples from P: mor. axx. minaymoryles. kondlaisah. anchshizarie.');
      expect(out).toContain(`counts model: average negative log-likelihood ${(2.4543561935424805).toFixed(4)}`);
      expect(out).toContain(`neural net: loss ${[3.768618583679199, 3.3788068294525146, 3.16109037399292].map(fixed4).join(' → ')}`);
    } else {
      // built-in names: the losses must still go down
      const losses = valuesAfter(out, 'neural net: loss', ':');
      expect(losses).toHaveLength(3);
      expect(losses[2]).toBeLessThan(losses[0]);
    }
  },

  'pytorch-equivalents.ts': (out) => {
    const row = (python: string) => lineStarting(out, python).slice(58).trim();
    const N = counts([[0, 1], [0, 1], [0, 2], [1, 2], [0, 0]], 3);
    expect(numbersIn(row('N after five bigrams'))).toEqual(N.flat());
    expect(numbersIn(row('N[0] '))).toEqual(N[0]);
    expect(numbersIn(row('N[:, 1]'))).toEqual(N.map((r) => r[1]));
    const p = N[0].map((v) => v / rowSums(N)[0]);
    expect(row('p = N[0].float(); p / p.sum()')).toBe(`tensor([${p.map(fixed4).join(', ')}])`);
    expect(row('torch.rand(3, generator=g)')).toBe('tensor([0.7081, 0.3542, 0.1054])'); // rng.json lecture_rand3_raw
    expect(row('torch.manual_seed(42); torch.randn(2)')).toBe('tensor([0.3367, 0.1288])'); // rng.json randn_sequence_seed42
    expect(row('P.sum(1, keepdim=True).shape')).toBe('[3, 1]');
    expect(row('P[0, 1].log()')).toBe(`tensor(${fixed4(Math.log((N[0][1] + 1) / (rowSums(N)[0] + 3)))})`);
    expect(row('xs.dtype')).toBe('int32');
    expect(row('m.max(1).values, m.max(1).indices')).toBe('tensor([5, 7]) tensor([1, 0])');
    expect(row('m.argmax()')).toBe('tensor(3)');
    expect(row('m[m > 4]')).toContain('boolean mask indexing is not supported');
    expect(row('M[tensor([0, 1]), tensor([1, 1])] += 1; M.sum()')).toMatch(/^tensor\(0\)/);
    expect(row('the same with integer indices')).toBe('tensor(2)');
    expect(Number(row('loss.item() after'))).toBeLessThan(numbersIn(row('loss '))[0]);
  },
};

// ------------------------------------------------------------------ checks of a page

/** The file a ```ts block quotes, from its first line `// <file>.ts …`; null when there is none. */
function excerptSource(b: { lines: string[] }): string | null {
  return /^\/\/ ([\w./-]+\.ts)\b/.exec(b.lines[0] ?? '')?.[1] ?? null;
}

/** The block's lines (blank lines and `// ...` skipped) are in its file, in order. */
function checkExcerpt(name: string, b: { line: number; lines: string[] }): void {
  const file = excerptSource(b)!;
  const src = resolve(repoRoot, file);
  expect(existsSync(src), `${name}:${b.line}: ${file} does not exist`).toBe(true);
  const srcLines = readFileSync(src, 'utf8').split('\n').map((l) => l.trim());
  let from = 0;
  for (const l of b.lines.slice(1).map((x) => x.trim())) {
    if (l === '' || l === '// ...' || l === '...') continue;
    const at = srcLines.indexOf(l, from);
    expect(at, `${name}:${b.line}: this line is not in ${file} (after the block's previous lines):\n${l}`).toBeGreaterThanOrEqual(0);
    from = at + 1;
  }
}

/** The relative links of a page (outside code blocks) whose file, or #heading, does not exist in the repository. */
function brokenLinks(page: string): string[] {
  const links = [...readFileSync(page, 'utf8').replace(/```[\s\S]*?```/g, '').matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((l) => !/^[a-z]+:/i.test(l));
  const broken: string[] = [];
  for (const link of links) {
    const file = resolve(dirname(page), link.split('#')[0] || relative(dirname(page), page));
    if (relative(repoRoot, file).startsWith('..')) broken.push(`${link} (outside the repository: broken in a clone)`);
    else if (!existsSync(file)) broken.push(`${link} (no such file)`);
    else if (link.includes('#') && file.endsWith('.md') && !headingAnchors(file).has(link.split('#')[1])) broken.push(`${link} (no such heading)`);
  }
  return broken;
}

// ------------------------------------------------------------------ the tests

describe('docs/examples: every program runs and prints what the docs say', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it('every example has checks of its key output (add an entry to `checks` for a new one)', () => {
    expect(examples.filter((f) => !(f in checks))).toEqual([]);
  });

  for (const file of examples) {
    it(`npx tsx docs/examples/${file}: exits with 0`, () => {
      const r = results.get(runKey(file, []))!;
      expect(r.code, `stderr:\n${r.stderr}`).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
    });
    if (file in checks) {
      it(`npx tsx docs/examples/${file}: key output`, () => checks[file](output(file)));
    }
  }
});

describe('docs pages: outputs, code excerpts and links are current', () => {
  it('the tour pages exist', () => {
    expect(docPages.filter((p) => !existsSync(p)).map((p) => relative(repoRoot, p))).toEqual([]);
  });

  for (const page of existingPages) {
    const name = relative(repoRoot, page);
    const blocks = codeBlocks(page);

    it(`${name}: each console block shows lines its program really prints`, () => {
      for (const b of blocks.filter((x) => x.lang === 'console')) {
        const cmd = consoleCommand(b.lines[0] ?? '');
        expect(cmd, `${name}:${b.line}: a console block must start with "$ npx tsx docs/examples/<name>.ts"`).not.toBeNull();
        expect(examples, `${name}:${b.line}`).toContain(cmd!.file);
        const out = output(cmd!.file, cmd!.args).split('\n').map((l) => l.trimEnd());
        // runs of lines separated by "..." must appear in order, each run contiguous
        const runs: string[][] = [[]];
        for (const l of b.lines.slice(1)) {
          if (l.trim() === '...') runs.push([]);
          else runs[runs.length - 1].push(l.trimEnd());
        }
        let from = 0;
        for (const run of runs.filter((r) => r.length)) {
          let at = -1;
          for (let k = from; k + run.length <= out.length && at < 0; k++) if (run.every((l, q) => out[k + q] === l)) at = k;
          expect(at, `${name}:${b.line}: these lines are not in the output of ${cmd!.file} (in this order):\n${run.join('\n')}`).toBeGreaterThanOrEqual(0);
          from = at + run.length;
        }
      }
    });

    it(`${name}: each ts block is an excerpt of the file named on its first line`, () => {
      for (const b of blocks.filter((x) => x.lang === 'ts')) {
        expect(excerptSource(b), `${name}:${b.line}: a ts block must start with "// <path of the file it comes from>"`).not.toBeNull();
        checkExcerpt(name, b);
      }
    });

    it(`${name}: relative links point at files that exist, and #anchors at headings`, () => {
      expect(brokenLinks(page)).toEqual([]);
    });

  }

  for (const page of otherPages) {
    const name = relative(repoRoot, page);
    it(`${name}: relative links point at files that exist, and #anchors at headings`, () => {
      expect(brokenLinks(page)).toEqual([]);
    });
    it(`${name}: each ts block headed "// <file>.ts" is an excerpt of that file`, () => {
      for (const b of codeBlocks(page).filter((x) => x.lang === 'ts' && excerptSource(x) !== null)) checkExcerpt(name, b);
    });
  }

  it('docs/images/lecture-loss-graph.svg shows the graph that lecture-loss-graph.ts --dot prints today', () => {
    const dot = output('lecture-loss-graph.ts', ['--dot']);
    const svg = readFileSync(join(repoRoot, 'docs', 'images', 'lecture-loss-graph.svg'), 'utf8');
    const declared = [...dot.matchAll(/^\s+(\w+) \[.*label="([^"]*)"\];$/gm)];
    const edges = [...dot.matchAll(/^\s+\w+ -> \w+;$/gm)];
    expect(declared.length).toBeGreaterThan(10);
    expect((svg.match(/class="node"/g) ?? []).length).toBe(declared.length);
    expect((svg.match(/class="edge"/g) ?? []).length).toBe(edges.length);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&#45;/g, '-').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    for (const [, , label] of declared) for (const part of label.split('\\n')) expect(texts, `label "${part}"`).toContain(part);
  });
});
