/**
 * The playground in a real browser (issue #19): build web/dist with Vite, serve it from a
 * sub-folder of a static server on 127.0.0.1 (relative paths), drive the system's headless
 * Chromium with puppeteer-core, and check each panel against values that do not come from the
 * page: counts from a plain loop over names.txt, samples and losses from the CLI
 * and bigram/neural.ts run here in Node and from PyTorch (spec/fixtures/torch/scalar), the graph from
 * PyTorch's (spec/web/fixtures/emma-graph.json, scripts/fixtures/playground_graph.py).
 * Screenshots of each panel go to web/screenshots/ (git-ignored). Like `npm test`, it needs nothing
 * beside the clone: names.txt is the embedded copy written to a file and the PyTorch outputs are
 * the committed fixtures (spec/support/shared.ts).
 *
 * Run: npm run web:test (Chromium: /usr/bin/chromium, or the path in $CHROMIUM).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, extname, resolve, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { Generator } from '../../engine/index.js';
import { Vocabulary } from '../../bigram/data.js';
import { initWeights, train, trainingSet } from '../../bigram/neural.js';
import { runCli } from '../../node/index.js';
import { loadReference, namesPath } from '../support/shared.js';

/**
 * The page's `document` inside page.evaluate/waitForFunction callbacks (they run in the browser;
 * this file is type-checked with Node's libs, without the DOM's).
 */
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { length: number };
  documentElement: { scrollWidth: number; clientWidth: number };
};
/** The parts of a page element these callbacks use. */
interface PageElement {
  textContent: string | null;
  value: string;
  disabled: boolean;
  dataset: Record<string, string | undefined>;
  classList: { contains(c: string): boolean; remove(c: string): void };
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  focus(): void;
  dispatchEvent(e: unknown): boolean;
}
/** The page's Event constructor (in page callbacks). */
declare const Event: new (type: string, init?: { bubbles?: boolean }) => unknown;

const repo = resolve(import.meta.dirname, '../..');
const dist = join(repo, 'web/dist');
const shots = join(repo, 'web/screenshots');
/**
 * PyTorch's lecture values with the scalar normal_fill kernel: the one `new Generator()`
 * emulates by default (W's initial values; see spec/bigram/neural-training.spec.ts).
 */
const reference = loadReference('torch/scalar/lecture.json');
const torchGraph = JSON.parse(readFileSync(join(repo, 'spec/web/fixtures/emma-graph.json'), 'utf8')) as { nodes: { name: string; inputs: number[] }[]; loss: number };
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** The site is served from this sub-folder, to show it needs no particular base path. */
const PREFIX = '/some/folder/playground/';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json' };

let server: Server;
let browser: Browser;
let page: Page;
let base = '';
const problems: string[] = [];

/** The CLI's output lines for `argv` (run in this process). */
function cli(argv: string[]): string[] {
  const out: string[] = [];
  const status = runCli(argv, (l) => out.push(l), (l) => out.push(`stderr: ${l}`));
  expect(status, out.join('\n')).toBe(0);
  return out;
}

/** Text of each element matching `selector`. */
async function texts(selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''));
}

async function text(selector: string): Promise<string> {
  return page.$eval(selector, (e) => e.textContent ?? '');
}

/** Type `value` into an input as a user would (value + an input event). */
async function setInput(selector: string, value: string): Promise<void> {
  await page.$eval(selector, (e, v) => {
    const input = e as unknown as PageElement;
    input.value = v;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

async function shot(id: string, file = `playground-${id}.png`): Promise<void> {
  const el = await page.$(`#${id}`);
  await el!.screenshot({ path: join(shots, file) as `${string}.png` });
}

beforeAll(async () => {
  expect(existsSync(chromium), `no Chromium at ${chromium}: apt-get install -y chromium (or set $CHROMIUM)`).toBe(true);
  await build({ configFile: join(repo, 'web/vite.config.ts'), logLevel: 'warn' });
  mkdirSync(shots, { recursive: true });
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith(PREFIX)) return void res.writeHead(404).end('not here');
    const rel = decodeURIComponent(url.pathname.slice(PREFIX.length)) || 'index.html';
    const file = resolve(dist, rel);
    if (!file.startsWith(dist + sep) || !existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  server.requestTimeout = 10_000;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${PREFIX}`;
  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    protocolTimeout: 120_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  page = await browser.newPage();
  page.setDefaultTimeout(120_000);
  await page.setViewport({ width: 1280, height: 900 });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${(e as Error).message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(base, { waitUntil: 'load' });
  await page.waitForSelector('[data-bigram="n."]');
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
});

describe('the playground in headless Chromium', () => {
  it('builds to relative paths, within the size budget', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)="\/(?!\/)/); // no absolute paths
    const js = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    const gz = js.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, 'assets', f))).length, 0);
    // the budget is 300 KB gzipped for the code alone; this total includes the embedded names
    expect(gz).toBeLessThan(300 * 1024);
  });

  it('data panel: the lecture\'s names by default', async () => {
    expect(await text('#data-description')).toContain('32,033 names');
    await shot('data');
  });

  it('counts heatmap: 729 cells with the counts of a plain loop over names.txt', async () => {
    const cells = await page.$$eval('#counts [data-bigram]', (els) => els.map((e) => [e.getAttribute('data-bigram'), Number(e.getAttribute('data-count'))] as const));
    expect(cells).toHaveLength(729);
    const expected = new Map<string, number>();
    for (const w of readFileSync(namesPath, 'utf8').split('\n').filter((l) => l !== '')) {
      const s = `.${w}.`;
      for (let k = 0; k + 1 < s.length; k++) expected.set(s.slice(k, k + 2), (expected.get(s.slice(k, k + 2)) ?? 0) + 1);
    }
    for (const [bigram, count] of cells) expect(count, bigram!).toBe(expected.get(bigram!) ?? 0);
    expect(cells.find(([b]) => b === 'n.')![1]).toBe(6763);
    // and PyTorch's N (row i, column j)
    const itos: string[] = reference.itos;
    expect(cells.map(([, c]) => c)).toEqual((reference.N as number[][]).flat());
    expect(itos.length).toBe(27);
  });

  it('counts: hover and keyboard focus show P and -log P', async () => {
    await page.hover('#counts [data-bigram="n."]');
    const p = (reference.P_smoothed as number[][])[14][0];
    const four = (x: number) => String(Number(x.toPrecision(4)));
    expect(await text('#counts-inspect')).toContain(`n.: N[14, 0] = 6763;  P[14, 0] = ${four(p)};  −log P = ${four(-Math.log(p))}`);
    // keyboard: the grid is one tab stop; arrows move from the focused cell
    await page.$eval('#counts [data-bigram="n."]', (e) => (e as unknown as PageElement).focus());
    await page.keyboard.press('ArrowRight');
    expect(await text('#counts-inspect')).toMatch(/^na: N\[14, 1\] = 2977;/);
  });

  it('counts: seeded samples equal the CLI\'s and PyTorch\'s', async () => {
    const names = await texts('#counts-samples li');
    expect(names).toEqual(['mor.', 'axx.', 'minaymoryles.', 'kondlaisah.', 'anchshizarie.']);
    expect(names).toEqual(reference.counts_model_samples_5);
    expect(names).toEqual(cli(['counts', '--data', namesPath]).slice(1, 6));
    // another seed, more names, smoothing 3
    await page.$eval('#counts-seed', (e) => ((e as unknown as PageElement).value = '42'));
    await page.$eval('#counts-count', (e) => ((e as unknown as PageElement).value = '8'));
    await page.click('#counts-smoothing', { count: 3 });
    await page.keyboard.type('3');
    await page.click('#counts-sample');
    expect(await texts('#counts-samples li')).toEqual(cli(['counts', '--data', namesPath, '--seed', '42', '--samples', '8', '--smoothing', '3']).slice(1, 9));
  });

  it('counts: the NLL of the data set and of andrejq (-inf unsmoothed)', async () => {
    // back to smoothing 1
    await page.click('#counts-smoothing', { count: 3 });
    await page.keyboard.type('1');
    await page.waitForSelector('#counts-nll-value');
    expect(Number(await text('#counts-nll-value'))).toBe(reference.smoothed_N_plus_1.avg_nll);
    expect(Number(await text('#counts-word-ll'))).toBe(reference.andrejq_smoothed.log_likelihood);
    expect(Number(await text('#counts-word-nll'))).toBe(reference.andrejq_smoothed.avg_nll);
    await shot('counts');
    await page.click('#counts-smoothing', { count: 3 });
    await page.keyboard.type('0');
    await page.waitForFunction(() => document.querySelector('#counts-word-ll')?.textContent === '-inf');
    expect(await text('#counts-word-nll')).toBe('inf');
    await page.waitForSelector('#counts-nll-value');
    expect(Number(await text('#counts-nll-value'))).toBe(reference.unsmoothed_N.avg_nll);
    await page.click('#counts-smoothing', { count: 3 });
    await page.keyboard.type('1');
  });

  it('neural net: 20 steps in the worker give the Node losses bit for bit; the page answers clicks meanwhile', async () => {
    // the same 20 steps here in Node, with the lecture's settings
    const words = readFileSync(namesPath, 'utf8').split('\n').filter((l) => l !== '');
    const vocab = Vocabulary.fromWords(words);
    const W = initWeights(27, new Generator().manualSeed(2147483647));
    const nodeLosses = train(W, trainingSet(words, vocab), { steps: 20, lr: 50, reg: 0.01 });
    expect(nodeLosses).toEqual((reference.train_losses_200 as number[]).slice(0, 20));

    await page.waitForFunction(() => !(document.querySelector('#net-start') as unknown as PageElement).disabled);
    await page.click('#net-start');
    // while it trains: clicks on another panel, each timed in the page (event time → handler)
    const latencies: number[] = [];
    const stepsSeen: number[] = [];
    for (let k = 0; k < 5; k++) {
      await page.waitForFunction((n) => Number(document.querySelector('#net-step-count')?.textContent ?? 0) > n, {}, 2 * k + 1);
      stepsSeen.push(Number(await text('#net-step-count')));
      await page.click('#counts-sample');
      latencies.push(Number(await page.$eval('#ui-latency', (e) => (e as unknown as PageElement).dataset.ms)));
    }
    await page.waitForFunction(() => document.querySelectorAll('#net-losses li').length >= 20);
    await page.click('#net-start'); // pause
    const losses = (await texts('#net-losses li')).slice(0, 20).map(Number);
    expect(losses).toEqual(nodeLosses);
    // training went on between the clicks, and the page handled them quickly (median of 5)
    expect(stepsSeen[4]).toBeGreaterThan(stepsSeen[0]);
    latencies.sort((a, b) => a - b);
    console.log(`click latencies during training (ms): ${latencies.map((x) => x.toFixed(1)).join(', ')}; steps/s ${await text('#net-speed')}; ${await text('#first-render')}`);
    expect(latencies[2]).toBeLessThan(100);
    await page.waitForFunction(() => (document.querySelector('#net-start') as unknown as PageElement).textContent === 'Start');
    await page.click('#net-sample');
    await page.waitForSelector('#net-samples li');
    await page.evaluate(() => document.querySelector('#net details')?.setAttribute('open', ''));
    await shot('net');
    await page.evaluate(() => document.querySelector('#net details')?.removeAttribute('open'));
  });

  it('neural net: samples from the net equal the CLI\'s after as many steps', async () => {
    // the CLI's train command trained for the steps the page took, then sampling 10 names
    const steps = Number(await text('#net-step-count'));
    const lines = cli(['train', '--data', namesPath, '--steps', String(steps), '--samples', '10']);
    expect(await texts('#net-samples li')).toEqual(lines.slice(-10));
  });

  it('autograd graph: PyTorch\'s nodes and edges for emma\'s loss', async () => {
    const ops = await page.$$eval('#graph .gnode', (els) => els.map((e) => e.getAttribute('data-op')!));
    const torchNames = torchGraph.nodes.map((n) => n.name);
    const asTorch = (name: string) => (name === 'W (leaf)' ? 'AccumulateGrad' : name);
    expect(ops.filter((o) => o !== 'xenc (constant)').map(asTorch).sort()).toEqual([...torchNames].sort());
    const edges = await page.$$eval('#graph .edge', (els) => els.map((e) => [e.getAttribute('data-from')!, e.getAttribute('data-to')!]));
    const torchEdges = torchGraph.nodes.flatMap((n) => n.inputs.map((i) => `${torchGraph.nodes[i].name} -> ${n.name}`)).sort();
    expect(edges.filter(([a]) => a !== 'xenc (constant)').map(([a, b]) => `${asTorch(a)} -> ${b}`).sort()).toEqual(torchEdges);
    expect(await text('#graph-status')).toContain(`loss = ${Number(torchGraph.loss.toPrecision(8))}`);
    // select ExpBackward0 with the keyboard: its formula and its engine line
    await page.$eval('#graph .gnode[data-op="ExpBackward0"]', (e) => (e as unknown as PageElement).focus());
    await page.keyboard.press('Enter');
    const details = await text('#graph-details');
    expect(details).toContain('exp(logits)');
    const where = /engine\/ops\/math\.ts:(\d+)/.exec(details);
    expect(where).not.toBeNull();
    const line = readFileSync(join(repo, 'engine/ops/math.ts'), 'utf8').split('\n')[Number(where![1]) - 1];
    expect(line).toContain("record(out, 'ExpBackward0'");
    expect(await text('#graph-code')).toBe(line.trim());
    await page.click('#graph-backward');
    await page.waitForFunction(() => !!document.querySelector('#graph .grad-value'));
    await shot('graph');
  });

  it('broadcasting: the keepdim trap side by side', async () => {
    expect(await text('#bc-explain')).toContain('b has no dimension 0');
    const sums = await page.$$eval('#bc-trap figure', (figs) => figs.map((f) => [...f.querySelectorAll('tbody tr')].map((r) => r.lastElementChild!.textContent)));
    // [[1,2,3],[4,5,6],[7,8,9]] / [6,15,24] as a row: row 0 = 1/6 + 2/15 + 3/24 = 0.425
    expect(sums[0][0]).toBe('0.425');
    expect(sums[1]).toEqual(['1', '1', '1']);
    await setInput('#bc-b', '27, 5');
    expect(await text('#bc-explain')).toContain('not broadcastable');
    await page.click('#broadcast .presets button:nth-child(2)');
    await shot('broadcast');
  });

  it('a bad upload shows its message and changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'playground-'));
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['empty.txt', '', /"empty\.txt" is empty \(0 bytes\)/],
      ['dots.txt', 'emma\nan.na\n', /name 2 .*"an\.na".*"\."/],
      ['binary.bin', new Uint8Array([0x65, 0xff, 0xfe, 0x00, 0x0a]), /is not UTF-8 text/],
      ['tabs.txt', 'emma\nan\tna\n', /control character U\+0009/],
    ];
    for (const [name, body, message] of cases) {
      writeFileSync(join(dir, name), body);
      const input = await page.$('#data-file');
      await (input as unknown as { uploadFile: (p: string) => Promise<void> }).uploadFile(join(dir, name));
      await page.waitForFunction(() => document.querySelector('#data-message')?.classList.contains('error'));
      const shown = await text('#data-message');
      expect(shown).toMatch(message);
      expect(shown).toContain('The previous data set is still in use');
      expect(await text('#data-description')).toContain('32,033 names');
      expect(await page.$eval('#counts [data-bigram="n."]', (e) => e.getAttribute('data-count'))).toBe('6763');
      if (name === 'dots.txt') await shot('data', 'playground-data-error.png');
      await page.$eval('#data-message', (e) => e.classList.remove('error'));
    }
    // a good small file loads: its own vocabulary and counts
    writeFileSync(join(dir, 'three.txt'), 'abba\nab\nba\n');
    await (await page.$('#data-file') as unknown as { uploadFile: (p: string) => Promise<void> }).uploadFile(join(dir, 'three.txt'));
    await page.waitForFunction(() => document.querySelector('#data-message')?.classList.contains('ok'));
    expect(await page.$$eval('#counts [data-bigram]', (els) => els.length)).toBe(9);
    expect(await page.$eval('#counts [data-bigram="ab"]', (e) => e.getAttribute('data-count'))).toBe('2');
    await page.click('#data-reset');
    expect(await page.$$eval('#counts [data-bigram]', (els) => els.length)).toBe(729);
  });

  it('works 375 px wide', async () => {
    await page.setViewport({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    // on failure, name the elements that stick out
    const wide = overflow > 0 ? await page.$$eval('main *', (els) => els.filter((e) => e.getBoundingClientRect().right > 376).slice(0, 8).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.getAttribute('class')}`)) : [];
    expect(overflow, `wider than 375 px: ${wide.join(', ')}`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(shots, 'playground-375px.png') as `${string}.png`, fullPage: false });
    await page.setViewport({ width: 1280, height: 900 });
  });

  it('opened from file:// (a double click on web/dist/index.html), it says how to serve it instead of "Loading…"', async () => {
    const local = await browser.newPage();
    try {
      await local.goto(pathToFileURL(join(dist, 'index.html')).href, { waitUntil: 'load' });
      const message = await local.$eval('#app', (e) => e.textContent ?? '');
      expect(message).toContain('browsers do not load from a file:// address');
      expect(message).toContain('python3 -m http.server -d web/dist');
    } finally {
      await local.close();
    }
  });

  it('no console errors', () => {
    expect(problems).toEqual([]);
  });
});
