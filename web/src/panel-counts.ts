/**
 * Panel 2, the counting model (N3–N15): the V×V count matrix N as the lecture draws it,
 * P = (N + k) row-normalised with a smoothing control k, a seeded sampler that prints the CLI's
 * names for the same seed, and the average negative log-likelihood of the data and of a word.
 */
import { Generator, type Tensor } from '../../engine/index.js';
import { countBigrams, evaluate, probabilities, sampleNames, formatBigramScore } from '../../bigram/index.js';
import { bluesColor } from '../../bigram/index.js';
import { pyFloat } from '../../bigram/index.js';
import { h, panel, field, fmt } from './dom.js';
import { Heatmap } from './heatmap.js';
import type { Dataset } from './dataset.js';

/** The CLI's default seed (`bigram counts --seed`), the lecture's. */
export const LECTURE_SEED = 2147483647;

/** Build the panel; returns it and a function that switches it to another data set. */
export function countsPanel(): { root: HTMLElement; setData: (d: Dataset) => void } {
  const root = panel('counts', '2 · Counting bigrams', 'N[i, j] counts how often character j follows character i. Add k to every count and normalise each row: P[i] is the distribution of the next character. Sample from it, and score names by their negative log-likelihood (N3–N15).');
  let data: Dataset | null = null;
  let N: number[][] = [];
  let Ntensor: Tensor | null = null;
  let P: Tensor | null = null;
  let Prows: number[][] = [];
  let max = 1;

  const inspect = h('p', { class: 'inspect', id: 'counts-inspect', 'aria-live': 'polite' }, 'Hover or focus a cell (arrow keys move) to see P[i, j] and −log P.');
  const heat = new Heatmap({
    cell: 40, label: 'bigram counts N: row = first character, column = next character',
    onInspect: (i, j) => {
      if (!data) return;
      const it = data.vocab.itos;
      const p = Prows[i][j];
      inspect.replaceChildren(
        h('strong', {}, `${it[i]}${it[j]}`), `: N[${i}, ${j}] = ${N[i][j]};  P[${i}, ${j}] = ${fmt(p)};  −log P = ${fmt(-Math.log(p))}`,
        h('span', { class: 'muted' }, `  (row "${it[i]}" has ${N[i].reduce((a, b) => a + b, 0)} bigrams)`),
      );
    },
  });
  const smoothing = h('input', { type: 'number', id: 'counts-smoothing', min: 0, step: 1, value: 1, inputmode: 'decimal' });
  const seed = h('input', { type: 'number', id: 'counts-seed', step: 1, value: LECTURE_SEED, inputmode: 'numeric' });
  const count = h('input', { type: 'number', id: 'counts-count', min: 1, max: 50, step: 1, value: 5 });
  const sampleBtn = h('button', { type: 'button', id: 'counts-sample' }, 'Sample');
  const samples = h('ol', { class: 'samples', id: 'counts-samples', 'aria-live': 'polite' });
  const word = h('input', { type: 'text', id: 'counts-word', value: 'andrejq', autocomplete: 'off', spellcheck: false });
  const nllData = h('p', { id: 'counts-nll-data', 'aria-live': 'polite' });
  const nllWord = h('div', { id: 'counts-nll-word', 'aria-live': 'polite' });
  const problem = h('p', { class: 'message error', role: 'alert' });

  const readSmoothing = (): number | null => {
    const k = Number(smoothing.value);
    if (smoothing.value === '' || !Number.isFinite(k) || k < 0) {
      problem.textContent = `smoothing must be a number ≥ 0, got "${smoothing.value}"`;
      return null;
    }
    problem.textContent = '';
    return k;
  };

  const sample = () => {
    if (!data || !P) return;
    const s = Number(seed.value);
    const m = Number(count.value);
    if (!Number.isInteger(s) || seed.value === '') return void (samples.replaceChildren(h('li', { class: 'error' }, `the seed must be an integer, got "${seed.value}"`)));
    if (!Number.isInteger(m) || m < 1 || m > 50) return void (samples.replaceChildren(h('li', { class: 'error' }, `the number of names must be an integer from 1 to 50, got "${count.value}"`)));
    const names = sampleNames(P, data.vocab, new Generator().manualSeed(s), m);
    samples.replaceChildren(...names.map((n) => h('li', {}, n)));
  };

  const scoreWord = () => {
    if (!data || !P) return;
    const w = word.value.trim().toLowerCase();
    if (w === '') return void nllWord.replaceChildren();
    try {
      const e = evaluate(P, [w], data.vocab, true);
      nllWord.replaceChildren(h('div', {},
        h('pre', { class: 'scores' }, e.bigrams.map(formatBigramScore).join('\n')),
        h('p', {}, `log_likelihood = `, h('strong', { id: 'counts-word-ll' }, pyFloat(e.logLikelihood)), `, average NLL = `, h('strong', { id: 'counts-word-nll' }, pyFloat(e.avgNll)), ` over ${e.n} bigrams`),
        !Number.isFinite(e.avgNll) ? h('p', { class: 'muted' }, 'A bigram the data never shows has P = 0 and an infinite loss (N15): set the smoothing above 0.') : null,
      ));
    } catch (err) {
      nllWord.replaceChildren(h('p', { class: 'error' }, (err as Error).message));
    }
  };

  let nllTimer = 0;
  const refresh = () => {
    if (!data) return;
    const k = readSmoothing();
    if (k === null) return;
    P = probabilities(Ntensor!, k);
    Prows = P.tolist() as number[][];
    sample();
    scoreWord();
    // the data set's NLL is a loop over every bigram (a third of a second for names.txt):
    // computed after the page has painted
    nllData.textContent = 'average NLL of the data set: computing…';
    clearTimeout(nllTimer);
    const Pnow = P, d = data;
    nllTimer = window.setTimeout(() => {
      const e = evaluate(Pnow, d.words, d.vocab, false);
      nllData.replaceChildren('average NLL of the data set (smoothing ', String(k), '): ', h('strong', { id: 'counts-nll-value' }, pyFloat(e.avgNll)), ` over ${e.n.toLocaleString('en-US')} bigrams (a uniform model: ${fmt(Math.log(d.vocab.size))})`);
    }, 50);
  };

  const setData = (d: Dataset) => {
    data = d;
    Ntensor = countBigrams(d.words, d.vocab);
    N = Ntensor.tolist() as number[][];
    max = Math.max(1, ...N.map((r) => Math.max(...r)));
    const it = d.vocab.itos;
    heat.draw(d.vocab.size, (i, j) => ({
      fill: bluesColor(N[i][j] / max),
      lines: [it[i] + it[j], String(N[i][j])],
      label: `${it[i]}${it[j]}: ${N[i][j]}`,
    }));
    // the cells carry the bigram and its count for scripts and tests
    for (let i = 0; i < d.vocab.size; i++) for (let j = 0; j < d.vocab.size; j++) {
      const g = heat.cellAt(i, j);
      g.dataset.bigram = it[i] + it[j];
      g.dataset.count = String(N[i][j]);
    }
    refresh();
  };

  smoothing.addEventListener('input', refresh);
  sampleBtn.addEventListener('click', sample);
  word.addEventListener('input', scoreWord);

  root.append(
    h('div', { class: 'controls' }, field('Smoothing k (P = (N + k) normalised)', smoothing), problem),
    h('div', { class: 'heatmap-wrap' }, heat.svg),
    inspect,
    h('div', { class: 'columns' },
      h('div', {},
        h('h3', {}, 'Sampling (N5–N7)'),
        h('div', { class: 'controls' }, field('Seed', seed), field('Names', count), sampleBtn),
        samples),
      h('div', {},
        h('h3', {}, 'Loss: negative log-likelihood (N14, N15)'),
        nllData,
        h('div', { class: 'controls' }, field('Score a word', word)),
        nllWord)),
  );
  return { root, setData };
}
