/**
 * `npm run mlp-lecture` (runMlpLecture): the notebook's cells in order, with the values that are
 * exact against PyTorch's run (reference-mlp-200k.json): the word count, the shuffled words, the
 * split shapes, the parameter count, and the step-0 loss to float32 precision.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMlpLecture } from '../../node/index.js';
import { repoRoot } from '../support/shared.js';

const ref = JSON.parse(readFileSync(resolve(repoRoot, 'spec/fixtures/mlp/reference-mlp-200k.json'), 'utf8'));

describe('mlp-lecture', () => {
  it('prints the cells in order with the exact values', () => {
    const lines: string[] = [];
    runMlpLecture({ steps: 1, every: 1 }, (l) => lines.push(l));
    const text = lines.join('\n');
    const order = ['len(words)', 'random.shuffle', 'build_dataset', 'manual_seed(2147483647)', 'nelement', 'for i in range(1)', 'split_loss', 'manual_seed(2147483647 + 10)'];
    const at = order.map((k) => lines.findIndex((l) => l.startsWith('# ') && l.includes(k)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(lines[at[0] + 1]).toBe('32033');
    expect(text).toContain(`words[:10] = ${JSON.stringify(ref.shuffled_first_words)}`);
    expect(text).toContain(`torch.Size([${ref.shapes.Xtr.join(', ')}]) torch.Size([182625])`);
    expect(text).toContain(`torch.Size([${ref.shapes.Xdev.join(', ')}]) torch.Size([22655])`);
    expect(text).toContain(`torch.Size([${ref.shapes.Xte.join(', ')}]) torch.Size([22866])`);
    expect(lines[at[4] + 1]).toBe('11897');
    const step0 = lines.find((l) => /^\s+0\/1: /.test(l))!;
    expect(Number(step0.split(': ')[1])).toBeCloseTo(ref.loss_first_1000[0], 4);
    // 20 samples after the last heading, each a name ending in '.'
    expect(lines.slice(at[7] + 1)).toHaveLength(20);
    expect(lines.slice(at[7] + 1).every((s) => /^[a-z]+\.$|^\.$/.test(s))).toBe(true);
  });
});
