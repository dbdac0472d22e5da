/**
 * The playground: the first makemore lecture as a page, built on the engine's public API.
 * Five panels share one data set (panel 1); the graph (panel 4) is always the lecture's.
 */
import './style.css';
import { h } from './dom.js';
import { lectureDataset, type Dataset } from './dataset.js';
import { dataPanel } from './panel-data.js';
import { countsPanel } from './panel-counts.js';
import { netPanel } from './panel-net.js';
import { graphPanel } from './panel-graph.js';
import { broadcastPanel } from './panel-broadcast.js';

const start = performance.now();
const app = document.getElementById('app')!;
const lecture = lectureDataset();
const counts = countsPanel();
const net = netPanel();
const setData = (d: Dataset) => {
  counts.setData(d);
  net.setData(d);
};

app.replaceChildren(
  h('nav', { class: 'toc', 'aria-label': 'panels' },
    ...[['data', '1 Data'], ['counts', '2 Counts'], ['net', '3 Neural net'], ['graph', '4 Autograd graph'], ['broadcast', '5 Broadcasting']].map(([id, t]) => h('a', { href: `#${id}` }, t))),
  dataPanel(lecture, setData),
  counts.root,
  net.root,
  graphPanel(lecture.vocab),
  broadcastPanel(),
);
setData(lecture);

// How quickly the page answers a click: the time from the input event to its handler, measured
// here in the page (the training runs in a worker, so this stays small while it trains).
const latency = document.getElementById('ui-latency')!;
document.addEventListener('click', (e) => {
  const ms = performance.now() - e.timeStamp;
  latency.textContent = `last click handled ${ms.toFixed(1)} ms after it happened`;
  latency.dataset.ms = String(ms);
}, { capture: true });

requestAnimationFrame(() => {
  const ms = performance.now() - start;
  const first = document.getElementById('first-render')!;
  first.textContent = `first render ${Math.round(ms)} ms`;
  first.dataset.ms = String(ms);
});
