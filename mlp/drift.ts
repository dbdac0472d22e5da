#!/usr/bin/env node
/**
 * How far this engine's MLP run drifts from PyTorch's: `npx tsx mlp/drift.ts /tmp/mlp-drift.json`
 * after `scripts/mlp_drift.py` wrote PyTorch's parameters at steps 1, 10, 100, 1,000 and 10,000.
 * Prints, per checkpoint, the largest and the median relative difference of the 11,897
 * parameters (|ours − torch| / max(|torch|, 1e-3)). A measurement, not a test (docs/mlp.md).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { Generator } from '../engine/index.js';
import { lectureNames } from '../bigram/index.js';
import { mlpData } from './data.js';
import { setFloat32MatmulOrder, type Float32MatmulOrder } from '../engine/ops/matmul-order.js';
import { x86TrainStep } from './x86-step.js';
import { initMlp, LECTURE_CONFIG, mlpParameters, trainStep, lectureLr } from './model.js';

const d = mlpData(lectureNames(), 3);
const g = new Generator({ normalKernel: 'avx2' }).manualSeed(2147483647);
const p = initMlp(LECTURE_CONFIG, g);
if (process.argv[2] === '--losses') {
  const steps = Number(process.argv[3] ?? 100);
  const mode = process.argv[4] ?? 'engine';
  const stepFn = mode === 'x86-step' ? x86TrainStep : trainStep;
  if (mode !== 'x86-step') setFloat32MatmulOrder(mode as Float32MatmulOrder);
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) losses.push(stepFn(p, d.train, 32, lectureLr(step), g));
  console.log(JSON.stringify(losses));
  process.exit(0);
}
const path = process.argv[2] ?? '/tmp/mlp-drift.json';
const snaps = JSON.parse(readFileSync(path, 'utf8')) as Record<string, number[][]>;
const checkpoints = Object.keys(snaps).map(Number).sort((a, b) => a - b);
console.log('step  max rel diff  median rel diff  (11,897 parameters vs PyTorch)');
for (let step = 0; step < checkpoints[checkpoints.length - 1]; step++) {
  trainStep(p, d.train, 32, lectureLr(step), g);
  if (snaps[step + 1]) {
    const rel: number[] = [];
    mlpParameters(p).forEach((t, k) => {
      const ours = t.detach().contiguous().toTypedArray();
      snaps[step + 1][k].forEach((v, i) => rel.push(Math.abs(ours[i] - v) / Math.max(Math.abs(v), 1e-3)));
    });
    rel.sort((a, b) => a - b);
    console.log(`${String(step + 1).padStart(5)}  ${rel[rel.length - 1].toExponential(2).padStart(12)}  ${rel[rel.length >> 1].toExponential(2).padStart(15)}`);
  }
}
