#!/usr/bin/env node
/**
 * How far this engine's MLP run drifts from PyTorch's: `npx tsx mlp/drift.ts /tmp/mlp-drift.json`
 * after `scripts/mlp_drift.py` wrote PyTorch's parameters at steps 1, 10, 100, 1,000 and 10,000.
 * Prints, per checkpoint, the largest and the median relative difference of the 11,897
 * parameters (|ours − torch| / max(|torch|, 1e-3)). A measurement, not a test (docs/mlp.md).
 * `--arithmetic pytorch-x86` (anywhere) runs the engine's steps in PyTorch's x86 float32 arithmetic
 * (engine/ops/float32-arithmetic.ts). `--losses N [MODE]` prints the first N losses instead, MODE
 * one of engine, sgemm-x86 (only matmul in PyTorch's order), pytorch-x86, x86-step (mlp/x86-step.ts).
 *
 * @module
 */
import { Generator } from '../engine/index.js';
import { readFileOrExplain } from '../nn/file-access.js';
import { numberOption, UsageError } from '../bigram/command-line.js';
import { lectureNames } from '../bigram/index.js';
import { mlpData } from './data.js';
import { setFloat32MatmulOrder, type Float32MatmulOrder } from '../engine/ops/matmul-order.js';
import { x86TrainStep } from './x86-step.js';
import { setFloat32Arithmetic, type Float32Arithmetic } from '../engine/ops/float32-arithmetic.js';
import { initMlp, LECTURE_CONFIG, mlpParameters, trainStep, lectureLr } from './model.js';

const USAGE = 'usage: npx tsx mlp/drift.ts [--arithmetic engine|pytorch-x86] [FILE | --losses [N] [MODE]]';
const MODES = ['engine', 'sgemm-x86', 'pytorch-x86', 'x86-step'];
const argv = process.argv.slice(2);
let steps = 100;
let mode = 'engine';
let snaps: Record<string, number[][]> = {};
// every argument is checked before the 11,897 parameters are trained: a mistake is one line, status 2
try {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`${USAGE}\n\nFILE: PyTorch's parameters by step, written by scripts/mlp_drift.py (default /tmp/mlp-drift.json).\nMODE: one of ${MODES.join(', ')} (default engine); N: steps (default 100).`);
    process.exit(0);
  }
  const at = argv.indexOf('--arithmetic');
  if (at >= 0) {
    const arithmetic = argv.splice(at, 2)[1];
    if (arithmetic !== 'engine' && arithmetic !== 'pytorch-x86') throw new UsageError(`--arithmetic must be engine or pytorch-x86, got ${JSON.stringify(arithmetic ?? null)}`);
    setFloat32Arithmetic(arithmetic as Float32Arithmetic);
  }
  const unknown = argv.find((a, i) => a.startsWith('-') && !(a === '--losses' && i === 0));
  if (unknown !== undefined) throw new UsageError(`unknown option ${JSON.stringify(unknown)}`);
  if (argv[0] === '--losses') {
    if (argv.length > 3) throw new UsageError(`--losses takes N and MODE, got also ${JSON.stringify(argv[3])}`);
    steps = numberOption('losses', argv[1], 100, 'integer >= 0');
    mode = argv[2] ?? 'engine';
    if (!MODES.includes(mode)) throw new UsageError(`--losses: MODE must be one of ${MODES.join(', ')}, got ${JSON.stringify(mode)}`);
  } else {
    if (argv.length > 1) throw new UsageError(`one FILE at most, got also ${JSON.stringify(argv[1])}`);
    const path = argv[0] ?? '/tmp/mlp-drift.json';
    const text = new TextDecoder().decode(readFileOrExplain(path, 'PyTorch parameters file (written by scripts/mlp_drift.py)'));
    try {
      snaps = JSON.parse(text) as Record<string, number[][]>;
    } catch {
      throw new UsageError(`${path} is not JSON (expected the output of scripts/mlp_drift.py)`);
    }
  }
} catch (e) {
  console.error(`drift: ${(e as Error).message} (${USAGE})`);
  process.exit(2);
}
const d = mlpData(lectureNames(), 3);
const g = new Generator({ normalKernel: 'avx2' }).manualSeed(2147483647);
const p = initMlp(LECTURE_CONFIG, g);
if (argv[0] === '--losses') {
  const stepFn = mode === 'x86-step' ? x86TrainStep : trainStep;
  if (mode === 'pytorch-x86') setFloat32Arithmetic(mode);
  else if (mode !== 'x86-step') setFloat32MatmulOrder(mode as Float32MatmulOrder);
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) losses.push(stepFn(p, d.train, 32, lectureLr(step), g));
  console.log(JSON.stringify(losses));
  process.exit(0);
}
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
