/**
 * Panel 1, the data (N1, N2): which names the models learn from, the vocabulary, the first
 * bigrams of the first name; a file picker that loads another list or explains why it cannot.
 */
import { h, panel, field } from './dom.js';
import { bigramPairs } from '../../bigram/index.js';
import { datasetFromBytes, lectureDataset, checkUploadSize, type Dataset } from './dataset.js';

/** Build the panel; `onLoad` receives each data set that passed every check. */
export function dataPanel(initial: Dataset, onLoad: (d: Dataset) => void): HTMLElement {
  const root = panel('data', '1 · The data', 'Every name is wrapped in the start/end token "." and read as pairs of consecutive characters: the bigrams the models learn from (N1, N2).');
  const summary = h('div', { class: 'summary', 'aria-live': 'polite' });
  const message = h('p', { class: 'message', role: 'alert', id: 'data-message' });
  const input = h('input', { type: 'file', id: 'data-file', accept: '.txt,text/plain', 'aria-describedby': 'data-message' });
  const reset = h('button', { type: 'button', id: 'data-reset' }, "Use the lecture's names");

  const show = (d: Dataset) => {
    const first = d.words[0];
    const pairs = bigramPairs([first], d.vocab);
    const bigrams = [...pairs.xs].map((x, k) => d.vocab.itos[x] + d.vocab.itos[pairs.ys[k]]);
    summary.replaceChildren(
      h('p', { id: 'data-description' }, d.description),
      h('p', {}, 'First names: ', h('code', {}, d.words.slice(0, 8).join(', ') + (d.words.length > 8 ? ', …' : ''))),
      h('p', {}, `Vocabulary (${d.vocab.size} symbols, "." = 0): `, h('code', { class: 'vocab' }, d.vocab.itos.map((c, i) => `${c}=${i}`).join(' '))),
      h('p', {}, `"${first}" gives the bigrams `, h('code', {}, bigrams.join(' ')), ` (xs = [${[...pairs.xs].join(', ')}], ys = [${[...pairs.ys].join(', ')}])`),
    );
  };

  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    message.textContent = '';
    message.classList.remove('error', 'ok');
    try {
      // refuse a huge file before reading it into memory
      checkUploadSize(file.size, file.name);
      const d = datasetFromBytes(new Uint8Array(await file.arrayBuffer()), file.name);
      show(d);
      onLoad(d);
      message.textContent = `Loaded ${d.description}.`;
      message.classList.add('ok');
    } catch (e) {
      message.textContent = `Not loaded: ${(e as Error).message}. The previous data set is still in use.`;
      message.classList.add('error');
    } finally {
      input.value = '';
    }
  });
  reset.addEventListener('click', () => {
    const d = lectureDataset();
    show(d);
    onLoad(d);
    message.textContent = '';
    message.classList.remove('error', 'ok');
  });

  show(initial);
  root.append(summary, h('div', { class: 'controls' }, field('Load a list of names (UTF-8, one per line)', input), reset), message);
  return root;
}
