/**
 * x86TrainStep (mlp/x86-step.ts): the MLP step with PyTorch 1.13.1's x86 float32 arithmetic
 * (OpenBLAS sgemm order, SLEEF tanh/exp/log, ATen's FMAs and summation orders) gives PyTorch's
 * recorded losses bit for bit (spec/fixtures/mlp/reference-mlp-200k.json, the reference run),
 * where the engine's own trainStep drifts (docs/mlp.md, "Why they drift").
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Generator } from '../../engine/index.js';
import { lectureNames } from '../../bigram/index.js';
import { initMlp, LECTURE_CONFIG, lectureLr, mlpData } from '../../mlp/index.js';
import { x86TrainStep } from '../../mlp/x86-step.js';
import { repoRoot } from '../support/shared.js';

const ref = JSON.parse(readFileSync(resolve(repoRoot, 'spec/fixtures/mlp/reference-mlp-200k.json'), 'utf8')) as { loss_first_1000: number[] };

describe("x86TrainStep: PyTorch's x86 arithmetic reproduces PyTorch's run", () => {
  it('the losses of steps 0–59 equal the reference run bit for bit', () => {
    const data = mlpData(lectureNames(), 3);
    const g = new Generator({ normalKernel: 'avx2' }).manualSeed(2147483647);
    const p = initMlp(LECTURE_CONFIG, g);
    const losses: number[] = [];
    for (let i = 0; i < 60; i++) losses.push(x86TrainStep(p, data.train, 32, lectureLr(i), g));
    expect(losses).toEqual(ref.loss_first_1000.slice(0, 60));
  }, 120_000);
});
