/**
 * Panel 3, the neural net (N16–N22): one linear layer W (V×V) on one-hot inputs, softmax,
 * the mean negative log-likelihood plus reg·mean(W²), trained by gradient descent in a Web
 * Worker. Start/pause/step, the learning rate and the regularisation, a live loss curve, W as
 * a heatmap, steps per second, and samples from the net.
 */
import { lossCurveSvg } from '../../bigram/index.js';
import { pyFloat } from '../../bigram/index.js';
import { h, panel, field, fmt } from './dom.js';
import { Heatmap, divergingColor } from './heatmap.js';
import type { Dataset } from './dataset.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { LECTURE_SEED } from './panel-counts.js';

/** Build the panel; returns it and a function that switches it to another data set. */
export function netPanel(): { root: HTMLElement; setData: (d: Dataset) => void } {
  const root = panel('net', '3 · The same model as a neural net', 'logits = one_hot(xs) @ W, counts = exp(logits), probs = counts / counts.sum(1, keepdim=True); the loss is the mean −log probs[i, ys[i]] plus reg·mean(W²). Gradient descent on W reaches about the loss of the smoothed counts (N16–N22).');
  const worker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module' });
  const send = (m: ToWorker) => worker.postMessage(m);
  let data: Dataset | null = null;
  let losses: number[] = [];
  let running = false;
  let ready = false;

  const lr = h('input', { type: 'number', id: 'net-lr', min: 0, step: 'any', value: 50, inputmode: 'decimal' });
  const reg = h('input', { type: 'number', id: 'net-reg', min: 0, step: 'any', value: 0.01, inputmode: 'decimal' });
  const seed = h('input', { type: 'number', id: 'net-seed', step: 1, value: LECTURE_SEED, inputmode: 'numeric' });
  const startBtn = h('button', { type: 'button', id: 'net-start', class: 'primary', disabled: true }, 'Start');
  const stepBtn = h('button', { type: 'button', id: 'net-step', disabled: true }, 'Step');
  const resetBtn = h('button', { type: 'button', id: 'net-reset' }, 'Reset W');
  const sampleBtn = h('button', { type: 'button', id: 'net-sample', disabled: true }, 'Sample from the net');
  const status = h('p', { class: 'status', id: 'net-status', 'aria-live': 'polite' }, 'Preparing the training set…');
  const problem = h('p', { class: 'message error', role: 'alert', id: 'net-message' });
  const curve = h('div', { class: 'curve', id: 'net-curve' });
  const samples = h('ol', { class: 'samples', id: 'net-samples', 'aria-live': 'polite' });
  const lossList = h('ol', { class: 'loss-list', id: 'net-losses' });
  const inspect = h('p', { class: 'inspect', id: 'net-inspect', 'aria-live': 'polite' }, 'Hover or focus a cell of W to see its weight.');
  let W: Float32Array = new Float32Array(0);
  let V = 0;
  const heat = new Heatmap({
    cell: 12, axes: true, label: 'the weights W: row = input character, column = output neuron',
    onInspect: (i, j) => {
      if (!data) return;
      const it = data.vocab.itos;
      inspect.textContent = `W[${i}, ${j}] = ${fmt(W[i * V + j])}: the log-count of "${it[j]}" after "${it[i]}" (exp(W[${i}]) normalised is the net's P[${i}])`;
    },
  });

  const readSettings = (): { lr: number; reg: number } | null => {
    const a = Number(lr.value), b = Number(reg.value);
    for (const [name, input, v] of [['learning rate', lr, a], ['regularisation', reg, b]] as const) {
      if (input.value === '' || !Number.isFinite(v) || v < 0) {
        problem.textContent = `the ${name} must be a number ≥ 0, got "${input.value}"`;
        return null;
      }
    }
    problem.textContent = '';
    return { lr: a, reg: b };
  };

  const drawW = () => {
    if (!data) return;
    let m = 1e-6;
    for (const w of W) m = Math.max(m, Math.abs(w));
    heat.draw(V, (i, j) => ({ fill: divergingColor(W[i * V + j] / m), label: `W[${i}, ${j}] = ${fmt(W[i * V + j])}` }), data.vocab.itos);
  };

  const drawCurve = () => {
    curve.innerHTML = losses.length > 0
      ? lossCurveSvg(losses, { title: `training loss (lr ${lr.value}, reg ${reg.value})`, width: 640, height: 320 })
      : '<p class="muted">The loss curve appears with the first step.</p>';
  };

  const setRunning = (r: boolean) => {
    running = r;
    startBtn.textContent = r ? 'Pause' : 'Start';
    startBtn.setAttribute('aria-pressed', String(r));
    stepBtn.disabled = r || !ready;
  };

  const init = () => {
    if (!data) return;
    const s = readSettings();
    const sd = Number(seed.value);
    if (!s) return;
    if (!Number.isInteger(sd) || seed.value === '') return void (problem.textContent = `the seed must be an integer, got "${seed.value}"`);
    ready = false;
    losses = [];
    lossList.replaceChildren();
    samples.replaceChildren();
    setRunning(false);
    [startBtn, stepBtn, sampleBtn].forEach((b) => (b.disabled = true));
    status.textContent = 'Preparing the training set…';
    drawCurve();
    send({ type: 'init', words: data.words, seed: sd, ...s });
  };

  worker.onmessage = (ev: MessageEvent<FromWorker>) => {
    const m = ev.data;
    switch (m.type) {
      case 'ready':
        ready = true;
        W = m.W;
        V = m.vocabSize;
        drawW();
        [startBtn, stepBtn, sampleBtn].forEach((b) => (b.disabled = false));
        status.textContent = `Ready: ${m.examples.toLocaleString('en-US')} examples, W is ${V}×${V} (randn, seed ${seed.value}). Step 0.`;
        return;
      case 'step':
        W = m.W;
        losses.push(m.loss);
        lossList.append(h('li', {}, pyFloat(m.loss)));
        status.replaceChildren(
          'Step ', h('strong', { id: 'net-step-count' }, String(m.step)), ', loss ', h('strong', {}, m.loss.toFixed(4)),
          ', ', h('strong', { id: 'net-speed' }, fmt(m.stepsPerSecond, 3)), ' steps/s',
        );
        drawW();
        drawCurve();
        return;
      case 'paused':
        setRunning(false);
        return;
      case 'samples':
        samples.replaceChildren(...m.names.map((n) => h('li', {}, n)));
        samples.setAttribute('aria-label', `samples after step ${m.step}`);
        return;
      case 'error':
        setRunning(false);
        problem.textContent = m.message;
        return;
    }
  };
  worker.onerror = (e) => {
    problem.textContent = `the training worker failed: ${e.message}`;
  };

  startBtn.addEventListener('click', () => {
    if (running) send({ type: 'pause' });
    else {
      const s = readSettings();
      if (!s) return;
      send({ type: 'settings', ...s });
      send({ type: 'start' });
      setRunning(true);
    }
  });
  stepBtn.addEventListener('click', () => {
    const s = readSettings();
    if (!s) return;
    send({ type: 'settings', ...s });
    send({ type: 'step' });
  });
  for (const input of [lr, reg]) input.addEventListener('input', () => {
    const s = readSettings();
    if (s) send({ type: 'settings', ...s });
  });
  resetBtn.addEventListener('click', init);
  sampleBtn.addEventListener('click', () => send({ type: 'sample', seed: Number.isInteger(Number(seed.value)) && seed.value !== '' ? Number(seed.value) : LECTURE_SEED, count: 10 }));

  drawCurve();
  root.append(
    h('div', { class: 'controls' }, field('Learning rate', lr), field('Regularisation', reg), field('Seed of W', seed), startBtn, stepBtn, resetBtn),
    problem, status,
    h('div', { class: 'columns' },
      h('div', {}, h('h3', {}, 'Loss'), curve, h('details', {}, h('summary', {}, 'Every loss (float32, full precision)'), lossList)),
      h('div', {}, h('h3', {}, 'W (blue < 0 < red)'), h('div', { class: 'heatmap-wrap small' }, heat.svg), inspect)),
    h('div', { class: 'controls' }, sampleBtn, h('small', {}, "10 names, drawn with a generator seeded like W (as the CLI's train command does)")),
    samples,
  );
  return {
    root,
    setData: (d: Dataset) => {
      data = d;
      init();
    },
  };
}
