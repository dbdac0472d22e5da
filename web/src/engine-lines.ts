/**
 * Where each backward function of the lecture's loss lives in the engine: the op name, its
 * derivative written out, and the source line that records it (`record(out, 'ExpBackward0', …)`).
 * The formulas are ours (they restate the comments beside each op); the file and line are looked
 * up in the engine's sources at build time by {@link engineLines}, which throws when an op's
 * line is not where this table says, so the page cannot show a line that moved.
 *
 * Node-only (reads files); the page gets the result through Vite's `virtual:engine-lines`.
 */
import { readFileSync } from 'node:fs';

/** One op of the table. */
export interface BackwardOp {
  /** PyTorch's node name, e.g. `ExpBackward0`. */
  name: string;
  /** The forward op as the lecture writes it. */
  forward: string;
  /** The gradient of each input, given g = ∂loss/∂out. */
  formula: string;
  /** The engine file (relative to the repository) whose line records the node. */
  file: string;
  /** A string found on exactly that line (the first line holding it is taken). */
  needle: string;
}

/** The ops of the lecture's loss `-probs[arange(n), ys].log().mean() + reg·(W**2).mean()`. */
export const BACKWARD_OPS: readonly BackwardOp[] = [
  { name: 'MmBackward0', forward: 'logits = xenc @ W', formula: '∂xenc = g @ Wᵀ;  ∂W = xencᵀ @ g', file: 'engine/ops/matmul.ts', needle: "'MmBackward0'" },
  { name: 'ExpBackward0', forward: 'counts = logits.exp()', formula: '∂logits = g · exp(logits) = g · counts (the saved output)', file: 'engine/ops/math.ts', needle: "'ExpBackward0'" },
  { name: 'SumBackward1', forward: 'counts.sum(1, keepdim=True)', formula: '∂counts = g expanded back along dim 1 (every element of a row gets its row\'s g)', file: 'engine/ops/reduce.ts', needle: "'SumBackward' +" },
  { name: 'DivBackward0', forward: 'probs = counts / counts.sum(1, keepdim=True)', formula: '∂a = g / b;  ∂b = −g · a / b², summed over the broadcast dimension back to b\'s shape [n, 1]', file: 'engine/ops/arithmetic.ts', needle: "'DivBackward0'" },
  { name: 'IndexBackward0', forward: 'probs[arange(n), ys]', formula: '∂probs = zeros, with g scattered (added) into the picked cells [i, ys[i]]', file: 'engine/ops/indexing.ts', needle: "'IndexBackward0'" },
  { name: 'LogBackward0', forward: '.log()', formula: '∂x = g / x', file: 'engine/ops/math.ts', needle: "'LogBackward0'" },
  { name: 'MeanBackward0', forward: '.mean()', formula: '∂x = g / numel(x), the same for every element', file: 'engine/ops/reduce.ts', needle: "'MeanBackward' +" },
  { name: 'NegBackward0', forward: '-x', formula: '∂x = −g', file: 'engine/ops/arithmetic.ts', needle: "'NegBackward0'" },
  { name: 'PowBackward0', forward: 'W**2', formula: '∂W = g · 2 · W¹ (k · x^(k−1) with k = 2)', file: 'engine/ops/arithmetic.ts', needle: "const name = 'PowBackward0'" },
  { name: 'MulBackward0', forward: 'reg * (W**2).mean()', formula: '∂a = g · b;  ∂b = g · a (b is the number reg here: no gradient)', file: 'engine/ops/arithmetic.ts', needle: "record(out, 'MulBackward0'" },
  { name: 'AddBackward0', forward: 'nll + reg·mean(W²)', formula: '∂a = g;  ∂b = g', file: 'engine/ops/arithmetic.ts', needle: "record(out, 'AddBackward0'" },
];

/** A row of {@link BACKWARD_OPS} with its line found. */
export interface EngineLine extends BackwardOp {
  /** 1-based line number in `file`. */
  line: number;
  /** The line's text, trimmed. */
  code: string;
}

/**
 * Find each op's line in the engine sources under `repoRoot`.
 * @throws Error naming the op, the file and the needle when a line is not found.
 * @example engineLines('.').find((l) => l.name === 'ExpBackward0') // { file: 'engine/ops/math.ts', line: 29, code: "return record(out, 'ExpBackward0', …" }
 */
export function engineLines(repoRoot: string, ops: readonly BackwardOp[] = BACKWARD_OPS): EngineLine[] {
  return ops.map((op) => {
    const lines = readFileSync(`${repoRoot}/${op.file}`, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes(op.needle) && !l.trim().startsWith('*') && !l.trim().startsWith('//'));
    if (i < 0) throw new Error(`engine-lines: ${op.name}: no line of ${op.file} contains ${JSON.stringify(op.needle)} (did the op move? update web/src/engine-lines.ts)`);
    return { ...op, line: i + 1, code: lines[i].trim() };
  });
}
