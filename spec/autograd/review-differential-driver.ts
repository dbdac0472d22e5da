/**
 * The engine side of scripts/fixtures/review_differential.py: runs one program of
 * spec/fixtures/review-differential.json (steps in the tiny language described in that script,
 * run by the differential audit's interpreter) and compares the result with PyTorch's recorded
 * one, within the tolerance of `close`.
 */
import { readFileSync } from 'node:fs';
import type { Tensor } from '../../engine/index.js';
import { decode, runOnEngine as runAudit } from '../tensor/differential-audit-driver.js';

type Json = number | boolean | string | null | Json[] | { [k: string]: Json };
/** One recorded tensor: values, requires_grad and .grad (when PyTorch has one). */
interface TorchTensor { value: Json; requiresGrad: boolean; grad?: Json }
/** PyTorch's outcome of one program. */
export interface TorchOutcome { error: { step: number; message: string } | null; tensors: Record<string, TorchTensor> }
/** One program and PyTorch's outcome. */
export interface Program { steps: Json[][]; torch: TorchOutcome }

/** The fixture's programs by name. */
export function programs(): Record<string, Program> {
  const f = JSON.parse(readFileSync(new URL('../fixtures/review-differential.json', import.meta.url), 'utf8')) as { programs: Record<string, Program> };
  return f.programs;
}

/**
 * A step of this review's language in the differential audit's: a string argument here always
 * names a tensor of the program (`"x"`), where the audit writes `"$x"`; options stay as they are.
 */
function asAuditStep(st: Json[]): Json[] {
  const ref = (a: Json): Json => {
    if (typeof a === 'string') return a.startsWith('$') ? a : `$${a}`;
    if (typeof a === 'object' && a !== null && !Array.isArray(a) && 'list' in a) return { list: (a.list as Json[]).map(ref) };
    return a;
  };
  const isOpts = (a: Json) => typeof a === 'object' && a !== null && !Array.isArray(a) && 'opts' in a;
  if (st[0] === 'call') return [...st.slice(0, 4), ...st.slice(4).map((a) => (isOpts(a) ? a : ref(a)))];
  if (st[0] === 'fn') return [...st.slice(0, 3), ...st.slice(3).map((a) => (isOpts(a) ? a : ref(a)))];
  return st;
}

/** The engine's outcome of a program, run by the differential audit's interpreter (spec/tensor/differential-audit-driver.ts). */
export function runOnEngine(steps: Json[][]): { error: { step: number; message: string } | null; tensors: Map<string, Tensor> } {
  return runAudit(steps.map(asAuditStep));
}


/** Whether two nested lists agree: same structure, numbers within rtol 1e-5 / atol 1e-6, NaN = NaN. */
function close(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => close(x, b[i]));
  }
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
    return Math.abs(a - b) <= 1e-6 + 1e-5 * Math.abs(b);
  }
  return a === b;
}

/** How `differences` compares. */
export interface CompareOptions {
  /** Compare values and requiresGrad only: neither the error nor any gradient (default false). */
  valuesOnly?: boolean;
}

/** True when the program's failing step (PyTorch's) is a backward step. */
export function failedInBackward(p: Program): boolean {
  return p.torch.error !== null && p.steps[p.torch.error.step][0] === 'backward';
}

/**
 * The differences between the engine's and PyTorch's outcomes of a program (empty = agree):
 * whether and at which step an error is raised, every named tensor's values and requiresGrad,
 * and the gradients. When backward raised on both sides, the gradients must be untouched on the
 * engine (null: a backward that raises changes no .grad), whatever part PyTorch had already
 * accumulated (docs/pytorch.md, Known differences).
 */
export function differences(p: Program, opts: CompareOptions = {}): string[] {
  const out: string[] = [];
  const e = runOnEngine(p.steps);
  const t = p.torch;
  if (!opts.valuesOnly && ((e.error === null) !== (t.error === null) || (e.error !== null && t.error !== null && e.error.step !== t.error.step))) {
    out.push(`error: engine ${e.error === null ? 'none' : `at step ${e.error.step}: ${e.error.message}`}; PyTorch ${t.error === null ? 'none' : `at step ${t.error.step}: ${t.error.message}`}`);
    return out;
  }
  const backwardRaised = failedInBackward(p);
  for (const [name, rec] of Object.entries(t.tensors)) {
    const et = e.tensors.get(name);
    if (et === undefined) { out.push(`${name}: missing on the engine`); continue; }
    const v = et.detach().tolist() as unknown;
    if (!close(v, decode(rec.value))) out.push(`${name} value: engine ${JSON.stringify(v)}, PyTorch ${JSON.stringify(rec.value)}`);
    if (et.requiresGrad !== rec.requiresGrad) out.push(`${name} requiresGrad: engine ${et.requiresGrad}, PyTorch ${rec.requiresGrad}`);
    const g = et.grad === null ? null : (et.grad.tolist() as unknown);
    if (opts.valuesOnly) continue;
    if (backwardRaised) {
      if (g !== null) out.push(`${name}.grad: engine ${JSON.stringify(g)} after a backward that raised (expected untouched: null)`);
      continue;
    }
    if (rec.grad !== undefined || (et.isLeaf && g !== null)) {
      if (rec.grad === undefined || g === null || !close(g, decode(rec.grad))) out.push(`${name}.grad: engine ${JSON.stringify(g)}, PyTorch ${JSON.stringify(rec.grad ?? null)}`);
    }
  }
  return out;
}
