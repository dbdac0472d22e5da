/**
 * The messages between the page and the training worker (train-worker.ts).
 */

/** Page → worker. */
export type ToWorker =
  | { type: 'init'; words: string[]; seed: number; lr: number; reg: number }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'settings'; lr: number; reg: number }
  | { type: 'sample'; seed: number; count: number };

/** Worker → page. */
export type FromWorker =
  | { type: 'ready'; vocabSize: number; examples: number; W: Float32Array }
  | { type: 'step'; step: number; loss: number; W: Float32Array; stepsPerSecond: number; running: boolean }
  | { type: 'paused'; step: number }
  | { type: 'samples'; names: string[]; step: number }
  | { type: 'error'; message: string };
