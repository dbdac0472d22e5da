/**
 * The neural bigram net, trained in a Web Worker so the page never freezes. Each step is the
 * lecture's (bigram/neural.ts `train` with one step: forward, `W.grad = None`, backward,
 * `W.data += -lr * W.grad`), so the losses are the Node run's, bit for bit.
 *
 * Between two steps the worker yields to its message queue (a macrotask), so pause, a new
 * learning rate or a request for samples take effect after the step that is running.
 */
import { Generator, type Tensor } from '../../engine/index.js';
import { Vocabulary } from '../../bigram/index.js';
import { initWeights, sampleFromNet, train, trainingSet, type TrainingSet } from '../../bigram/index.js';
import type { FromWorker, ToWorker } from './protocol.js';

interface State {
  W: Tensor;
  vocab: Vocabulary;
  data: TrainingSet;
  lr: number;
  reg: number;
  step: number;
  running: boolean;
  /** When the current run of steps started, and at which step. */
  since: { time: number; step: number };
}

let state: State | null = null;
const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);

function weights(s: State): Float32Array {
  return new Float32Array(s.W.toTypedArray() as Float32Array);
}

function oneStep(s: State): void {
  const [loss] = train(s.W, s.data, { steps: 1, lr: s.lr, reg: s.reg });
  s.step++;
  const seconds = (performance.now() - s.since.time) / 1000;
  post({ type: 'step', step: s.step, loss, W: weights(s), stepsPerSecond: (s.step - s.since.step) / seconds, running: s.running });
}

function loop(): void {
  if (!state || !state.running) return;
  try {
    oneStep(state);
  } catch (e) {
    state.running = false;
    post({ type: 'error', message: (e as Error).message });
    return;
  }
  setTimeout(loop, 0);
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  try {
    switch (m.type) {
      case 'init': {
        const vocab = Vocabulary.fromWords(m.words);
        const data = trainingSet(m.words, vocab);
        const W = initWeights(vocab.size, new Generator().manualSeed(m.seed));
        state = { W, vocab, data, lr: m.lr, reg: m.reg, step: 0, running: false, since: { time: performance.now(), step: 0 } };
        post({ type: 'ready', vocabSize: vocab.size, examples: data.n, W: weights(state) });
        return;
      }
      case 'settings':
        if (state) Object.assign(state, { lr: m.lr, reg: m.reg });
        return;
      case 'start':
        if (state && !state.running) {
          state.running = true;
          state.since = { time: performance.now(), step: state.step };
          setTimeout(loop, 0);
        }
        return;
      case 'pause':
        if (state) {
          state.running = false;
          post({ type: 'paused', step: state.step });
        }
        return;
      case 'step':
        if (state && !state.running) {
          state.since = { time: performance.now(), step: state.step };
          oneStep(state);
        }
        return;
      case 'sample':
        if (state) post({ type: 'samples', names: sampleFromNet(state.W, state.vocab, new Generator().manualSeed(m.seed), m.count), step: state.step });
        return;
    }
  } catch (e) {
    post({ type: 'error', message: (e as Error).message });
  }
};
