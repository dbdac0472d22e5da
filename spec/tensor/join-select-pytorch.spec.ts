/**
 * The joining, splitting and selection ops against PyTorch 1.13's own outputs, recorded by
 * scripts/fixtures/join_select.py into spec/fixtures/join-select.json: for every case the
 * output's shape, dtype, values and grad_fn name, and the gradient of every input that requires
 * grad for the loss Σₖ sum(outₖ · Wₖ) with integer weights Wₖ (every value exact in float32).
 * PyTorch's int64 is this engine's int32.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cat, chunk, eye, flatten, flip, gather, indexSelect, maskedFill, repeat, scatter, scatterAdd, split, stack, tril, triu,
  unflatten, where, Tensor, type DType,
} from '../../engine/index.js';
import { repoRoot } from '../support/shared.js';

interface TensorSpec { data: (number | boolean)[]; shape: number[]; dtype: DType; grad: boolean; transpose: boolean }
type InputSpec = TensorSpec | { number: number };
interface OutputRecord { shape: number[]; dtype: DType; values: number[]; gradFn: string | null }
interface Case {
  name: string;
  op: string;
  args: Record<string, any>;
  inputs: InputSpec[];
  multi: boolean;
  outputs: OutputRecord[];
  grads: (number[] | null)[];
}

const fixture = JSON.parse(readFileSync(join(repoRoot, 'spec', 'fixtures', 'join-select.json'), 'utf8')) as { cases: Case[] };

/** The leaf, and what the op sees (the leaf, or a transposed view of it). */
function build(s: InputSpec): { leaf: Tensor | null; seen: Tensor | number } {
  if ('number' in s) return { leaf: null, seen: s.number };
  const values = s.data.map(Number);
  const arr = s.dtype === 'float64' ? Float64Array.from(values) : s.dtype === 'float32' ? Float32Array.from(values) : s.dtype === 'int32' ? Int32Array.from(values) : Uint8Array.from(values);
  if (s.transpose && s.shape.length >= 2) {
    const logical = Tensor.fromArray(arr, s.shape, s.dtype);
    const stored = logical.transpose(-1, -2).contiguous();
    const leaf = s.grad ? stored.requiresGrad_() : stored;
    return { leaf, seen: leaf.transpose(-1, -2) };
  }
  const leaf = Tensor.fromArray(arr, s.shape, s.dtype);
  if (s.grad) leaf.requiresGrad_();
  return { leaf, seen: leaf };
}

function run(c: Case, xs: (Tensor | number)[]): Tensor | Tensor[] {
  const a = c.args;
  const t = (i: number) => xs[i] as Tensor;
  switch (c.op) {
    case 'cat': return cat(xs as Tensor[], a.dim);
    case 'stack': return stack(xs as Tensor[], a.dim);
    case 'split': return split(t(0), a.split, a.dim);
    case 'chunk': return chunk(t(0), a.chunks, a.dim);
    case 'flip': return flip(t(0), a.dims);
    case 'repeat': return repeat(t(0), a.sizes);
    case 'flatten': return flatten(t(0), a.start, a.end);
    case 'unflatten': return unflatten(t(0), a.dim, a.sizes);
    case 'tril': return tril(t(0), a.k);
    case 'triu': return triu(t(0), a.k);
    case 'eye': return eye(a.n, a.m);
    case 'where': return where(t(0), xs[1], xs[2]);
    case 'masked_fill': return maskedFill(t(0), t(1), xs[2]);
    case 'gather': return gather(t(0), a.dim, t(1));
    case 'scatter': return scatter(t(0), a.dim, t(1), xs[2]);
    case 'scatter_add': return scatterAdd(t(0), a.dim, t(1), t(2));
    case 'index_select': return indexSelect(t(0), a.dim, t(1));
    case 'scatter_': return t(0).clone().scatter_(a.dim, t(1), xs[2]);
    case 'scatter_add_': return t(0).clone().scatterAdd_(a.dim, t(1), t(2));
    case 'index_put': return t(0).clone().indexPut_(xs.slice(1, -1) as Tensor[], xs[xs.length - 1], a.accumulate);
    case 'index_add': return t(0).clone().indexAdd_(a.dim, t(1), t(2), { alpha: a.alpha });
    default: throw new Error(`unknown op ${c.op}`);
  }
}

/** The fixed upstream weights Wₖ of the script: ((7i + 3k) mod 11) − 5, row-major. */
function weights(k: number, shape: readonly number[]): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  return Tensor.fromArray(Float64Array.from({ length: n }, (_, i) => ((i * 7 + 3 * k) % 11) - 5), shape, 'float64');
}

/**
 * PyTorch 1.13 records a reshape that is a view as ReshapeAliasBackward0; this engine's
 * `reshape` (views.ts) records ViewBackward0 for it, as PyTorch 2 does. `flatten` is a reshape.
 */
const sameNode = (engine: string | null, torch: string | null) => engine === torch || (torch === 'ReshapeAliasBackward0' && engine === 'ViewBackward0');

describe('joining, splitting, selection: PyTorch 1.13 outputs and gradients (spec/fixtures/join-select.json)', () => {
  it('the fixture has the cases', () => expect(fixture.cases.length).toBeGreaterThan(60));

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const built = c.inputs.map(build);
    const out = run(c, built.map((b) => b.seen));
    const outs = Array.isArray(out) ? out : [out];
    expect(Array.isArray(out)).toBe(c.multi);
    expect(outs.length).toBe(c.outputs.length);
    outs.forEach((o, k) => {
      const want = c.outputs[k];
      expect(o.shape, `output ${k} shape`).toEqual(want.shape);
      expect(o.dtype, `output ${k} dtype`).toBe(want.dtype);
      expect(Array.from(o.toTypedArray(), Number), `output ${k} values`).toEqual(want.values.map(Number));
      const name = o.gradFn?.name ?? null;
      expect(sameNode(name, want.gradFn), `output ${k} grad_fn: engine ${name}, PyTorch ${want.gradFn}`).toBe(true);
    });
    let loss: Tensor | null = null;
    outs.forEach((o, k) => {
      if (!o.requiresGrad) return;
      const term = o.double().mul(weights(k, o.shape)).sum();
      loss = loss === null ? term : loss.add(term);
    });
    if (loss !== null) (loss as Tensor).backward();
    built.forEach((b, i) => {
      const want = c.grads[i];
      if (want === null) return;
      expect(b.leaf!.grad, `input ${i} has a gradient`).not.toBeNull();
      expect(Array.from(b.leaf!.grad!.contiguous().toTypedArray(), Number), `input ${i} gradient`).toEqual(want);
    });
  });
});
