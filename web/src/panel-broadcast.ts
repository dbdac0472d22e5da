/**
 * Panel 5, broadcasting (N8–N13): two shapes in, `explainBroadcast`'s right-aligned table drawn
 * as boxes (stretched dimensions marked), and the lecture's keepdim trap computed with the
 * engine on the notes' 3×3 example, the two results side by side with their row sums.
 */
import { explainBroadcast, broadcastShapes, tensor, type Tensor } from '../../engine/index.js';
import { h, panel, field, fmt } from './dom.js';
import { parseShape } from './shape-input.js';

const PRESETS: { label: string; a: string; b: string }[] = [
  { label: 'P / P.sum(1, keepdim=True)', a: '27, 27', b: '27, 1' },
  { label: 'P / P.sum(1)  (the keepdim trap)', a: '27, 27', b: '27' },
  { label: '[3, 2] / [3]  (an error)', a: '3, 2', b: '3' },
  { label: '[5, 27] * [27]', a: '5, 27', b: '27' },
];

/** Build the panel. */
export function broadcastPanel(): HTMLElement {
  const root = panel('broadcast', '5 · Broadcasting and keepdim', 'Shapes are aligned from the RIGHT; each pair of sizes must be equal, or one is 1, or one is missing; a 1 or a missing size is stretched (copied). That makes P / P.sum(1) legal and wrong, and P / P.sum(1, keepdim=True) right (N8–N13).');
  const a = h('input', { type: 'text', id: 'bc-a', value: '27, 27', autocomplete: 'off', spellcheck: false });
  const b = h('input', { type: 'text', id: 'bc-b', value: '27', autocomplete: 'off', spellcheck: false });
  const table = h('div', { class: 'align', id: 'bc-table', 'aria-live': 'polite' });
  const text = h('pre', { class: 'explain', id: 'bc-explain' });
  const presets = h('div', { class: 'presets', role: 'group', 'aria-label': 'examples' }, ...PRESETS.map((p) => {
    const btn = h('button', { type: 'button' }, p.label);
    btn.addEventListener('click', () => {
      a.value = p.a;
      b.value = p.b;
      update();
    });
    return btn;
  }));

  const update = () => {
    let sa: number[], sb: number[];
    try {
      sa = parseShape(a.value);
      sb = parseShape(b.value);
    } catch (e) {
      table.replaceChildren(h('p', { class: 'error' }, (e as Error).message));
      text.textContent = '';
      return;
    }
    text.textContent = explainBroadcast(sa, sb);
    let result: number[] | null = null;
    try {
      result = broadcastShapes(sa, sb);
    } catch {
      result = null;
    }
    const rank = Math.max(sa.length, sb.length);
    const row = (name: string, shape: number[] | null) => {
      const cells = [];
      for (let pos = 0; pos < rank; pos++) {
        const i = pos - (rank - (shape?.length ?? 0));
        const size = shape && i >= 0 ? shape[i] : undefined;
        const r = result?.[pos];
        let cls = 'dim';
        let note = '';
        if (shape === null) cls += ' result-error';
        else if (name !== 'result' && result) {
          if (size === undefined) { cls += ' missing'; note = `missing: copied ×${r}`; }
          else if (size === 1 && r !== 1) { cls += ' stretched'; note = `1 stretched to ${r}`; }
        } else if (name !== 'result' && !result && size !== undefined) {
          const other = name === 'a' ? sb : sa;
          const j = pos - (rank - other.length);
          if (j >= 0 && other[j] !== size && other[j] !== 1 && size !== 1) { cls += ' clash'; note = `${size} vs ${other[j]}`; }
        }
        cells.push(h('div', { class: cls, title: note }, size === undefined ? (shape === null ? '✗' : '·') : String(size), note ? h('small', {}, note) : null));
      }
      return h('div', { class: 'align-row' }, h('div', { class: 'align-name' }, name), ...cells);
    };
    table.replaceChildren(row('a', sa), row('b', sb), row('result', result));
  };
  a.addEventListener('input', update);
  b.addEventListener('input', update);
  update();

  root.append(
    h('div', { class: 'controls' }, field('Shape of a', a), field('Shape of b', b)),
    presets, table, text,
    h('h3', {}, 'The keepdim trap on the notes’ example (N12)'),
    keepdimTrap(),
  );
  return root;
}

/** The two divisions of [[1,2,3],[4,5,6],[7,8,9]] by its row sums, side by side, with the engine. */
function keepdimTrap(): HTMLElement {
  const P = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]], { dtype: 'float32' });
  const wrong = P.div(P.sum(1));
  const right = P.div(P.sum(1, true));
  const matrix = (t: Tensor) => {
    const rows = t.tolist() as number[][];
    const sums = t.sum(1).tolist() as number[];
    return h('table', { class: 'matrix' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), ...rows[0].map((_, j) => h('th', { scope: 'col' }, `col ${j}`)), h('th', { scope: 'col' }, 'row sum'))),
      h('tbody', {}, ...rows.map((r, i) => h('tr', {}, h('th', { scope: 'row' }, `row ${i}`), ...r.map((x) => h('td', {}, fmt(x))), h('td', { class: Math.abs(sums[i] - 1) < 1e-6 ? 'sum-ok' : 'sum-bad' }, fmt(sums[i]))))));
  };
  return h('div', { class: 'columns', id: 'bc-trap' },
    h('figure', { class: 'trap wrong' },
      h('figcaption', {}, h('code', {}, 'P / P.sum(1)'), ': the sums [6, 15, 24] have shape [3] and line up as a ROW, so column j is divided by the sum of row j. Legal, silent, wrong.'),
      matrix(wrong)),
    h('figure', { class: 'trap right' },
      h('figcaption', {}, h('code', {}, 'P / P.sum(1, keepdim=True)'), ': the sums have shape [3, 1], a COLUMN stretched across, so each row is divided by its own sum and sums to 1.'),
      matrix(right)));
}
