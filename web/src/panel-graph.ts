/**
 * Panel 4, the autograd graph: the lecture's loss on the five bigrams of "emma", drawn from the
 * tape the engine recorded (`graphOf`). Each box is a node (op name, output shape, value and,
 * after backward, gradient); selecting one shows the derivative it applies and the engine line
 * that records it (looked up in the engine's sources at build time: virtual:engine-lines).
 */
import { Generator, Node, graphOf, type Tensor } from '../../engine/index.js';
import { trainingSet, initWeights, loss } from '../../bigram/index.js';
import type { Vocabulary } from '../../bigram/index.js';
import engineLines from 'virtual:engine-lines';
import { h, s, panel, fmt } from './dom.js';
import { LECTURE_SEED } from './panel-counts.js';

/** One box of the drawing: an op of the tape, or a tensor made outside it. */
interface Item {
  key: string;
  kind: 'op' | 'leaf' | 'constant';
  title: string;
  tensor: Tensor;
  node?: Node;
  inputs: Item[];
  layer: number;
  x: number;
}

const BOX_W = 250, BOX_H = 66, ROW = 96, COL = 275;

/** A short view of a tensor's values: the number for a scalar, else the first two and the count. */
function brief(t: Tensor): string {
  const v = t.toTypedArray();
  if (t.ndim === 0) return fmt(Number(v[0]));
  return `[${fmt(Number(v[0]), 3)}, ${fmt(Number(v[1]), 3)}, … ${v.length}]`;
}

/** Build the panel. `vocab` is the lecture's vocabulary (the graph is the lecture's). */
export function graphPanel(vocab: Vocabulary): HTMLElement {
  const root = panel('graph', "4 · The autograd graph of the loss", 'Every op records a node on the tape: its inputs and what its derivative needs. backward() walks the tape from the loss to W, each node turning the gradient of its output into gradients of its inputs (the chain rule; N20–N22).');
  const picture = h('div', { class: 'graph-wrap' });
  const details = h('div', { class: 'node-details', id: 'graph-details', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Select a node (click, or Tab to it and press Enter) to see its backward formula and the engine line that computes it.'));
  const backwardBtn = h('button', { type: 'button', id: 'graph-backward', class: 'primary' }, 'Run loss.backward()');
  const rebuildBtn = h('button', { type: 'button', id: 'graph-rebuild' }, 'Forward again (fresh tape)');
  const status = h('p', { class: 'status', id: 'graph-status' });
  let items: Item[] = [];
  let lossT: Tensor;
  let selected: Item | null = null;
  let done = false;

  const build = () => {
    const { xs, ys } = trainingSet(['emma'], vocab);
    const W = initWeights(vocab.size, new Generator().manualSeed(LECTURE_SEED));
    W.label = 'W';
    lossT = loss(W, xs, ys, 0.01);
    const entries = graphOf(lossT);
    // the output of a node is the input of the node that consumed it (the loss for the root)
    const outputs = new Map<Node, Tensor>([[lossT.gradFn!, lossT]]);
    for (const e of entries) e.node.next.forEach((n, i) => {
      if (n instanceof Node && e.node.inputs[i]) outputs.set(n, e.node.inputs[i]!);
    });
    const byNode = new Map<Node, Item>();
    const byTensor = new Map<Tensor, Item>();
    items = [];
    // entries come output first; build from the inputs up
    for (const e of [...entries].reverse()) {
      const inputs: Item[] = [];
      for (const inp of e.inputs) {
        if (!inp) continue;
        if (inp.kind === 'node') inputs.push(byNode.get(inp.node)!);
        else {
          let it = byTensor.get(inp.tensor);
          if (!it) {
            const leaf = inp.kind === 'leaf';
            it = { key: leaf ? 'W' : 'xenc', kind: inp.kind, title: leaf ? 'W (leaf)' : 'xenc (constant)', tensor: inp.tensor, inputs: [], layer: 0, x: 0 };
            byTensor.set(inp.tensor, it);
            items.push(it);
          }
          inputs.push(it);
        }
      }
      const out = outputs.get(e.node)!;
      if (out !== lossT) out.retainGrad();
      const it: Item = { key: `op${items.length}`, kind: 'op', title: e.node.name, tensor: out, node: e.node, inputs, layer: 1 + Math.max(0, ...inputs.map((i) => i.layer)), x: 0 };
      byNode.set(e.node, it);
      items.push(it);
    }
    // leaves first as constants, then W; each later layer ordered by where its inputs sit
    const layers = new Map<number, Item[]>();
    for (const it of items) layers.set(it.layer, [...(layers.get(it.layer) ?? []), it]);
    for (const [layer, row] of [...layers].sort((a, b) => a[0] - b[0])) {
      if (layer === 0) row.sort((a, b) => (a.kind === 'constant' ? -1 : 1) - (b.kind === 'constant' ? -1 : 1));
      else row.sort((a, b) => avg(a) - avg(b));
      row.forEach((it, k) => (it.x = k));
    }
    done = false;
    status.textContent = `loss = ${fmt(lossT.item(), 8)} for "emma": xs = [${xs.toTypedArray().join(', ')}], ys = [${ys.toTypedArray().join(', ')}], reg = 0.01; ${entries.length} nodes on the tape.`;
    draw();
    select(selected ? items.find((i) => i.key === selected!.key) ?? null : null);
  };
  const avg = (it: Item) => it.inputs.reduce((a, i) => a + i.x, 0) / Math.max(1, it.inputs.length);

  const draw = () => {
    const maxLayer = Math.max(...items.map((i) => i.layer));
    const maxCols = Math.max(...items.map((i) => i.x)) + 1;
    const width = (maxCols - 1) * COL + BOX_W + 20;
    const height = maxLayer * ROW + BOX_H + 20;
    const pos = (it: Item) => ({ x: 10 + it.x * COL, y: 10 + it.layer * ROW });
    const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'graph', role: 'group', 'aria-label': "the autograd graph of the loss: inputs at the top, the loss at the bottom" });
    svg.append(s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, s('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#667' }))));
    for (const it of items) for (const inp of it.inputs) {
      const a = pos(inp), b = pos(it);
      const x1 = a.x + BOX_W / 2, y1 = a.y + BOX_H, x2 = b.x + BOX_W / 2, y2 = b.y;
      // a long edge runs straight down its source's column, then bends into the target
      const bend = Math.max(y1, y2 - ROW + BOX_H);
      svg.append(s('path', { d: `M ${x1} ${y1} L ${x1} ${bend} C ${x1} ${bend + 30}, ${x2} ${y2 - 30}, ${x2} ${y2 - 2}`, class: 'edge', 'marker-end': 'url(#arrow)', 'data-from': inp.title, 'data-to': it.title }));
    }
    for (const it of items) {
      const p = pos(it);
      const g = s('g', { class: `gnode ${it.kind}${selected?.key === it.key ? ' selected' : ''}`, tabindex: 0, role: 'button', 'data-op': it.title, 'data-key': it.key, 'aria-label': `${it.title}, shape [${it.tensor.shape.join(', ')}]` });
      g.append(
        s('rect', { x: p.x, y: p.y, width: BOX_W, height: BOX_H, rx: 8 }),
        s('text', { x: p.x + 10, y: p.y + 18, class: 'gname' }, it.title),
        s('text', { x: p.x + 10, y: p.y + 34, class: 'gsub' }, `[${it.tensor.shape.join(', ')}] = ${brief(it.tensor)}`),
        s('text', { x: p.x + 10, y: p.y + 52, class: 'ggrad' }, done && it.tensor === lossT ? 'grad 1 (∂loss/∂loss)' : done && it.tensor.grad ? `grad ${brief(it.tensor.grad)}` : it.kind === 'constant' ? 'no grad' : done ? '' : 'grad: after backward'),
      );
      const choose = () => select(it);
      g.addEventListener('click', choose);
      g.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          choose();
        }
      });
      svg.append(g);
    }
    picture.replaceChildren(svg);
  };

  const select = (it: Item | null) => {
    selected = it;
    picture.querySelectorAll('.gnode').forEach((g) => {
      g.classList.toggle('selected', g.getAttribute('data-key') === it?.key);
      g.setAttribute('aria-pressed', String(g.getAttribute('data-key') === it?.key));
    });
    if (!it) return;
    const line = engineLines.find((l) => l.name === it.title);
    const t = it.tensor;
    details.replaceChildren(h('div', {},
      h('h3', {}, it.title),
      it.kind === 'op' && line ? h('p', {}, 'Forward: ', h('code', {}, line.forward)) : null,
      it.kind === 'leaf' ? h('p', {}, 'The weights: W = torch.randn((27, 27), generator=g, requires_grad=True). A leaf: backward accumulates ∂loss/∂W into W.grad.') : null,
      it.kind === 'constant' ? h('p', {}, 'xenc = one_hot(xs, 27).float(): made outside the graph from integers, so no gradient flows into it.') : null,
      h('p', {}, `Output: shape [${t.shape.join(', ')}], ${t.dtype}${it.node ? `; saves ${it.node.saved.length === 0 ? (done ? 'nothing (freed by backward)' : 'nothing') : it.node.saved.map((x) => `[${x.tensor.shape.join(', ')}]`).join(', ')}` : ''}`),
      h('details', { open: t.numel() <= 5 }, h('summary', {}, 'value'), h('pre', {}, String(t))),
      done && t.grad ? h('details', { open: t.numel() <= 5 }, h('summary', {}, 'gradient ∂loss/∂(this output)'), h('pre', { class: 'grad-value' }, String(t.grad))) : null,
      line ? h('div', {},
        h('p', {}, 'Backward: ', h('code', { class: 'formula' }, line.formula)),
        h('p', {}, 'Engine code (', h('code', {}, `${line.file}:${line.line}`), '):'),
        h('pre', { class: 'code', id: 'graph-code' }, line.code)) : null,
    ));
  };

  backwardBtn.addEventListener('click', () => {
    if (done) {
      status.textContent = 'backward already ran on this tape and freed it (as PyTorch does): press "Forward again" first.';
      return;
    }
    lossT.backward();
    done = true;
    draw();
    if (selected) select(items.find((i) => i.key === selected!.key) ?? null);
    status.textContent = `backward done: W.grad is filled (∂loss/∂W, 27×27); the tape's saved tensors were freed.`;
  });
  rebuildBtn.addEventListener('click', build);

  build();
  root.append(h('div', { class: 'controls' }, backwardBtn, rebuildBtn), status, h('div', { class: 'columns graph-columns' }, picture, details));
  return root;
}
