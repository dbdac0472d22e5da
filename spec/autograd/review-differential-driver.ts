/**
 * The engine side of scripts/fixtures/review_differential.py: interprets one program of
 * spec/fixtures/review-differential.json (steps in the tiny language described in that script)
 * and compares the result with PyTorch's recorded one.
 */
import { readFileSync } from 'node:fs';
import { cat, slice, stack, tensor, where, type Tensor, type DType } from '../../engine/index.js';
import { crossEntropy, logSoftmax, nllLoss, softmax } from '../../nn/index.js';

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

const DTYPE: Record<string, DType> = { float32: 'float32', float64: 'float64', int: 'int32', bool: 'bool' };

function lit(data: Json, dt: string, requiresGrad = false): Tensor {
  return tensor(decode(data) as never, { dtype: DTYPE[dt], requiresGrad });
}

type Value = Tensor | Tensor[] | unknown;
type Env = Map<string, Value>;

function isObj(a: Json): a is { [k: string]: Json } {
  return typeof a === 'object' && a !== null && !Array.isArray(a);
}

function arg(a: Json, env: Env): unknown {
  if (typeof a === 'string') {
    const name = a.startsWith('$') ? a.slice(1) : a;
    if (!env.has(name)) throw new Error(`review program: no tensor ${name}`);
    return env.get(name);
  }
  if (isObj(a)) {
    if ('slice' in a) { const [s, e, st] = a.slice as (number | null)[]; return slice(s ?? null, e ?? null, st ?? 1); }
    if ('t' in a) return lit(a.t, (a.dtype as string | undefined) ?? 'float32');
    if ('list' in a) return (a.list as Json[]).map((x) => arg(x, env));
    if ('num' in a) return decode(a.num); // 'inf', '-inf', 'nan'
  }
  return a; // numbers, booleans, null (':' inside index), number lists
}

function args(list: Json[], env: Env): { pos: unknown[]; opts: Record<string, unknown> | undefined } {
  const pos: unknown[] = [];
  let opts: Record<string, unknown> | undefined;
  for (const a of list) {
    if (isObj(a) && 'opts' in a) {
      opts = {};
      for (const [k, v] of Object.entries(a.opts as Record<string, Json>)) opts[k] = isObj(v) ? arg(v, env) : v;
    } else pos.push(arg(a, env));
  }
  return { pos, opts };
}

function callMethod(recv: Tensor, method: string, pos: unknown[], opts: Record<string, unknown> | undefined): unknown {
  if (method === 'T') return recv.T;
  if (method === 'data') return recv.data;
  const f = (recv as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
  if (typeof f !== 'function') throw new Error(`review program: no method ${method}`);
  return opts === undefined ? f.apply(recv, pos) : f.apply(recv, [...pos, opts]);
}

function callFn(name: string, pos: unknown[], opts: Record<string, unknown> | undefined): unknown {
  const p = pos as never[];
  switch (name) {
    case 'cat': return cat(p[0], p[1]);
    case 'stack': return stack(p[0], p[1]);
    case 'where': return where(p[0], p[1], p[2]);
    case 'softmax': return softmax(p[0], p[1]);
    case 'logSoftmax': return logSoftmax(p[0], p[1]);
    case 'nllLoss': return nllLoss(p[0], p[1], opts as never);
    case 'crossEntropy': return crossEntropy(p[0], p[1], opts as never);
    default: throw new Error(`review program: no function ${name}`);
  }
}

/** The engine's outcome of a program, in the fixture's form. */
export function runOnEngine(steps: Json[][]): { error: { step: number; message: string } | null; tensors: Map<string, Tensor> } {
  const env: Env = new Map();
  let error: { step: number; message: string } | null = null;
  for (let i = 0; i < steps.length; i++) {
    const st = steps[i];
    try {
      const kind = st[0];
      if (kind === 'let') env.set(st[1] as string, lit(st[2], st[3] as string, st[4] as boolean));
      else if (kind === 'call') {
        const { pos, opts } = args(st.slice(4), env);
        const r = callMethod(env.get(st[2] as string) as Tensor, st[3] as string, pos, opts);
        if (st[1] !== null) env.set(st[1] as string, r);
      } else if (kind === 'fn') {
        const { pos, opts } = args(st.slice(3), env);
        const r = callFn(st[2] as string, pos, opts);
        if (st[1] !== null) env.set(st[1] as string, r);
      } else if (kind === 'get') {
        const s = env.get(st[2] as string) as Record<string | number, unknown>;
        env.set(st[1] as string, s[st[3] as string | number]);
      } else if (kind === 'backward') (env.get(st[1] as string) as Tensor).backward();
      else throw new Error(`review program: no step kind ${String(kind)}`);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('review program:')) throw e;
      error = { step: i, message: e instanceof Error ? e.message : String(e) };
      break;
    }
  }
  const tensors = new Map<string, Tensor>();
  for (const [k, v] of env) if (v !== null && typeof v === 'object' && 'shape' in (v as object) && 'storage' in (v as object)) tensors.set(k, v as Tensor);
  return { error, tensors };
}

function decode(v: Json): Json {
  if (Array.isArray(v)) return v.map(decode);
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v;
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
