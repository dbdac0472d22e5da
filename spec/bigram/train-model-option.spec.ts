/**
 * `train --model nn` (Linear + crossEntropy + SGD from nn/) trains the same model as the
 * lecture's hand-written loop (`--model lecture`): same losses within float32 rounding, from the
 * same initial W. Checked in-process on a small names file, and against PyTorch's first
 * full-data losses from the reference file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../bigram/cli.js';
import { describeIfFile, loadReference, namesPath } from '../support/shared.js';

function losses(argv: string[]): number[] {
  const out: string[] = [];
  const err: string[] = [];
  expect(run(argv, (l) => out.push(l), (l) => err.push(l))).toBe(0);
  return out.filter((l) => l.startsWith('step ')).map((l) => Number(l.split(' loss ')[1]));
}

describe('train --model lecture|nn', () => {
  it('both styles print the same losses on a small data set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-option-'));
    const file = join(dir, 'names.txt');
    writeFileSync(file, 'emma\nolivia\nava\nisabella\nsophia\ncharlotte\nmia\namelia\n');
    const a = losses(['train', '--data', file, '--steps', '15', '--lr', '10', '--samples', '0', '--model', 'lecture']);
    const b = losses(['train', '--data', file, '--steps', '15', '--lr', '10', '--samples', '0', '--model', 'nn']);
    expect(a).toHaveLength(15);
    expect(b).toEqual(a); // printed to 4 decimals: equal within float32 rounding
    expect(a[14]).toBeLessThan(a[0]);
  });

  it('an unknown style is a usage error', () => {
    const err: string[] = [];
    expect(run(['train', '--model', 'mlp', '--steps', '1'], () => {}, (l) => err.push(l))).toBe(2);
    expect(err[0]).toMatch(/--model must be lecture or nn, got "mlp"/);
  });
});

describeIfFile(namesPath, 'train --model nn on names.txt', () => {
  it("the first three losses are PyTorch's (torch/scalar/lecture.json train_losses_200, 4 decimals)", () => {
    const ref = loadReference<{ train_losses_200: number[] }>('torch/scalar/lecture.json');
    const got = losses(['train', '--data', namesPath, '--steps', '3', '--samples', '0', '--model', 'nn']);
    expect(got).toEqual(ref.train_losses_200.slice(0, 3).map((v) => Number(v.toFixed(4))));
  }, 120_000);
});
