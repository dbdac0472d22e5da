/**
 * The engine side of scripts/fixtures/differential_audit.py: interprets one case of
 * spec/fixtures/differential-audit.json (steps in the tiny language described in that script)
 * and lists how the engine's outcome differs from PyTorch's recorded one: error step, every
 * named tensor's shape, dtype, requiresGrad and values, and the gradients. Values are compared
 * exactly (NaN equals NaN, −0 differs from +0), or, for the tensors the caller names, within a
 * tolerance (float32: 2e-5 of the tensor's largest |value| + 1e-7; float64: 1e-12 of it + 1e-15) where PyTorch
 * computes in another order (the spec says why for each).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { arange, cat, full, matmul, noGrad, oneHot, ones, slice, stack, tensor, where, zeros, Tensor, type DType } from '../../engine/index.js';
import { crossEntropy, logSoftmax, nllLoss, softmax } from '../../nn/index.js';

type Json = number | boolean | string | null | Json[] | { [k: string]: Json };
/** One recorded tensor (or gradient). */
interface Recorded { shape: number[]; dtype: string; value?: Json[]; sha256?: string; head?: Json[] }
/** One recorded tensor with its requires_grad and gradient. */
interface TorchTensor extends Recorded { requiresGrad: boolean; grad?: Recorded }
/** PyTorch's outcome of one case. */
export interface TorchOutcome { error: { step: number; message: string } | null; tensors: Record<string, TorchTensor> }
/** One case and PyTorch's outcome. */
export interface Case { steps: Json[][]; torch: TorchOutcome }

/** The fixture's cases by name. */
export function cases(): Record<string, Case> {
  const f = JSON.parse(readFileSync(new URL('../fixtures/differential-audit.json', import.meta.url), 'utf8')) as { cases: Record<string, Case> };
  return f.cases;
}

const DTYPE: Record<string, DType> = { float32: 'float32', float64: 'float64', int: 'int32', int32: 'int32', bool: 'bool' };

/** A fixture value with JSON's stand-ins for non-finite numbers ('nan', 'inf', '-inf') turned back into numbers. */
export function decode(v: Json): Json {
  if (Array.isArray(v)) return v.map(decode);
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v;
}

function isObj(a: Json): a is { [k: string]: Json } {
  return typeof a === 'object' && a !== null && !Array.isArray(a);
}

/** Element i of a `gen` tensor, as the script computes it (float64 arithmetic, then the dtype). */
function gen(kind: string, shape: number[], p: number[]): number[] {
  const n = shape.reduce((a, d) => a * d, 1), out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (kind === 'ids') out.push((i * p[0] + p[1]) % p[2]);
    else if (kind === 'lin') out.push(((i * p[0]) % p[1]) / p[2] - p[3]);
    else throw new Error(`audit case: no gen kind ${kind}`);
  }
  return out;
}

type Env = Map<string, unknown>;

function arg(a: Json, env: Env): unknown {
  if (typeof a === 'string') {
    if (!a.startsWith('$')) return a;
    if (!env.has(a.slice(1))) throw new Error(`audit case: no tensor ${a}`);
    return env.get(a.slice(1));
  }
  if (isObj(a)) {
    if ('slice' in a) { const [s, e, st] = a.slice as (number | null)[]; return slice(s ?? null, e ?? null, st ?? 1); }
    if ('t' in a) return tensor(decode(a.t) as never, { dtype: DTYPE[(a.dtype as string | undefined) ?? 'float32'] });
    if ('list' in a) return (a.list as Json[]).map((x) => arg(x, env));
    if ('num' in a) return decode(a.num);
    if ('shape' in a) return a.shape;
  }
  return a;
}

function args(list: Json[], env: Env): { pos: unknown[]; opts: Record<string, unknown> | undefined } {
  const pos: unknown[] = [];
  let opts: Record<string, unknown> | undefined;
  for (const a of list) {
    if (isObj(a) && 'opts' in a) {
      opts = {};
      for (const [k, v] of Object.entries(a.opts as Record<string, Json>)) opts[k] = isObj(v) || (typeof v === 'string' && v.startsWith('$')) ? arg(v, env) : v;
    } else pos.push(arg(a, env));
  }
  return { pos, opts };
}

function callMethod(recv: Tensor, method: string, pos: unknown[], opts: Record<string, unknown> | undefined): unknown {
  if (method === 'T') return recv.T;
  if (method === 'data') return recv.data;
  if (method === 'to') return recv.to(DTYPE[pos[0] as string]);
  const f = (recv as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
  if (typeof f !== 'function') throw new Error(`audit case: no method ${method}`);
  return opts === undefined ? f.apply(recv, pos) : f.apply(recv, [...pos, opts]);
}

function callFn(name: string, pos: unknown[], opts: Record<string, unknown> | undefined): unknown {
  const p = pos as never[];
  const o = opts ?? {};
  const dt = { dtype: DTYPE[(o.dtype as string | undefined) ?? 'float32'], requiresGrad: (o.requiresGrad as boolean | undefined) ?? false };
  switch (name) {
    case 'cat': return cat(p[0], p[1]);
    case 'stack': return stack(p[0], p[1]);
    case 'where': return where(p[0], p[1], p[2]);
    case 'softmax': return softmax(p[0], p[1]);
    case 'logSoftmax': return logSoftmax(p[0], p[1]);
    case 'nllLoss': return nllLoss(p[0], p[1], opts as never);
    case 'crossEntropy': return crossEntropy(p[0], p[1], opts as never);
    case 'oneHot': return oneHot(p[0], p[1]);
    case 'arange': {
      const ao = o.dtype === undefined ? undefined : { dtype: DTYPE[o.dtype as string] };
      return pos.length === 1 ? arange(p[0], ao) : arange(p[0], p[1], (pos[2] as number | undefined) ?? 1, ao);
    }
    case 'zeros': return zeros(p[0], dt);
    case 'ones': return ones(p[0], dt);
    case 'full': return full(p[0], p[1], dt);
    case 'matmul': return matmul(p[0], p[1]);
    default: throw new Error(`audit case: no function ${name}`);
  }
}

function runStep(st: Json[], env: Env): void {
  const kind = st[0];
  if (kind === 'let') {
    env.set(st[1] as string, tensor(decode(st[2]) as never, { dtype: DTYPE[st[3] as string], requiresGrad: st[4] as boolean }));
  } else if (kind === 'gen') {
    const shape = st[3] as number[];
    const t = tensor(gen(st[2] as string, shape, st[6] as number[]), { dtype: DTYPE[st[4] as string] }).reshape(shape);
    env.set(st[1] as string, st[5] ? t.requiresGrad_() : t);
  } else if (kind === 'call') {
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
  } else if (kind === 'backward') {
    const t = env.get(st[1] as string) as Tensor;
    if (st.length > 2) t.backward(arg(st[2], env) as Tensor);
    else t.backward();
  } else if (kind === 'nograd') {
    noGrad(() => runStep(st[1] as Json[], env));
  } else throw new Error(`audit case: no step kind ${String(kind)}`);
}

/** The engine's outcome of a case: the failing step and message, and the named tensors. */
export function runOnEngine(steps: Json[][]): { error: { step: number; message: string } | null; tensors: Map<string, Tensor> } {
  const env: Env = new Map();
  let error: { step: number; message: string } | null = null;
  for (let i = 0; i < steps.length; i++) {
    try {
      runStep(steps[i], env);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('audit case:')) throw e;
      error = { step: i, message: e instanceof Error ? e.message : String(e) };
      break;
    }
  }
  const tensors = new Map<string, Tensor>();
  for (const [k, v] of env) if (v instanceof Tensor) tensors.set(k, v);
  return { error, tensors };
}

/** The values of t in row-major order, as numbers (a bool as 0/1). */
function flat(t: Tensor): ArrayLike<number> {
  return t.detach().toTypedArray();
}

/** SHA-256 of the values as float64 little-endian, NaN as the canonical 0x7ff8000000000000 (the script's digest). */
function digest(values: ArrayLike<number>): string {
  const bits = new BigUint64Array(values.length), f = new Float64Array(bits.buffer);
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) bits[i] = 0x7ff8000000000000n;
    else f[i] = values[i];
  }
  return createHash('sha256').update(new Uint8Array(bits.buffer)).digest('hex');
}

/** How many units in the last place of `dtype` a and b are apart (Infinity: NaN against a number, or a sign/inf difference). */
export function ulps(a: number, b: number, dtype: DType): number {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b) || Math.sign(a) !== Math.sign(b)) return Infinity;
  if (dtype === 'float32') {
    const f = new Float32Array([a, b]), i = new Int32Array(f.buffer);
    return Math.abs(i[0] - i[1]);
  }
  if (dtype === 'float64') {
    const f = new Float64Array([a, b]), i = new BigInt64Array(f.buffer);
    const d = i[0] - i[1];
    return Number(d < 0n ? -d : d);
  }
  return Infinity;
}

/** The tolerance [rtol, atol] of a dtype, for the tensors compared with one. */
function toleranceOf(dtype: DType): [number, number] {
  return dtype === 'float64' ? [1e-12, 1e-15] : [2e-5, 1e-7];
}

/** Whether a and b are the same value: exact (−0 ≠ +0, NaN = NaN), or within `tol` [rtol, atol]. */
function same(a: number, b: number, tol: [number, number] | null): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (tol === null || !Number.isFinite(a) || !Number.isFinite(b)) return Object.is(a, b);
  return Math.abs(a - b) <= tol[1] + tol[0] * Math.abs(b);
}

/** The differences between t and the recorded tensor (empty = the same). */
function compareTensor(what: string, t: Tensor, rec: Recorded, tol: [number, number] | null): string[] {
  const out: string[] = [];
  if (JSON.stringify(t.shape) !== JSON.stringify(rec.shape)) out.push(`${what} shape: engine [${t.shape.join(', ')}], PyTorch [${rec.shape.join(', ')}]`);
  if (t.dtype !== rec.dtype) out.push(`${what} dtype: engine ${t.dtype}, PyTorch ${rec.dtype}`);
  if (out.length > 0) return out;
  const v = flat(t);
  if (rec.value !== undefined) {
    // a float32 value is recorded as the shortest decimal that rounds to it
    const want = (decode(rec.value) as (number | boolean)[]).map((w) => (rec.dtype === 'float32' ? Math.fround(Number(w)) : Number(w)));
    // the tolerance is relative to the tensor's largest value: a sum's rounding error scales with
    // its terms, not with its (possibly cancelled) result
    const scale = want.reduce((m, w) => (Number.isFinite(w) ? Math.max(m, Math.abs(w)) : m), 0);
    const bad = want.findIndex((w, i) => !same(v[i], w, tol === null ? null : [tol[0], tol[1] + tol[0] * scale]));
    if (bad >= 0 || want.length !== v.length) {
      if (tol !== null && rec.sha256 !== undefined) out.push(`${what}: recorded by digest only, cannot be compared with a tolerance`);
      const worst = want.reduce((m, w, i) => Math.max(m, ulps(v[i], w, t.dtype)), 0);
      out.push(`${what} values (${worst} ulp at most): element ${bad}: engine ${v[bad]}, PyTorch ${String(want[bad])} (engine ${JSON.stringify(Array.from(v).slice(0, 12))}…)`);
    }
  } else if (digest(v) !== rec.sha256) {
    const head = decode(rec.head!) as number[];
    out.push(`${what} values differ (SHA-256): engine head ${JSON.stringify(Array.from(v).slice(0, 8))}, PyTorch head ${JSON.stringify(head)}`);
  }
  return out;
}

/**
 * The differences between the engine's and PyTorch's outcomes of a case (empty = agree). When
 * backward raised on both sides, the engine's gradients must be untouched (null: a backward that
 * raises changes no .grad, docs/pytorch.md, Known differences), whatever PyTorch had accumulated.
 */
export function differences(c: Case, tolerated: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  const tol = (name: string, t: Tensor) => (tolerated.has(name) || tolerated.has('*') ? toleranceOf(t.dtype) : null);
  const e = runOnEngine(c.steps);
  const t = c.torch;
  if ((e.error === null) !== (t.error === null) || (e.error !== null && t.error !== null && e.error.step !== t.error.step)) {
    out.push(`error: engine ${e.error === null ? 'none' : `at step ${e.error.step}: ${e.error.message}`}; PyTorch ${t.error === null ? 'none' : `at step ${t.error.step}: ${t.error.message}`}`);
    return out;
  }
  // a backward that raised: the engine's gradients are untouched (null when no earlier backward ran)
  const backwardRaised = t.error !== null && c.steps[t.error.step][0] === 'backward' &&
    !c.steps.slice(0, t.error.step).some((s) => s[0] === 'backward');
  for (const [name, rec] of Object.entries(t.tensors)) {
    const et = e.tensors.get(name);
    if (et === undefined) { out.push(`${name}: missing on the engine`); continue; }
    out.push(...compareTensor(name, et, rec, tol(name, et)));
    if (et.requiresGrad !== rec.requiresGrad) out.push(`${name} requiresGrad: engine ${et.requiresGrad}, PyTorch ${rec.requiresGrad}`);
    if (backwardRaised) {
      if (et.grad !== null) out.push(`${name}.grad: set after a backward that raised (expected untouched: null)`);
      continue;
    }
    if (rec.grad !== undefined) {
      if (et.grad === null) out.push(`${name}.grad: engine null, PyTorch has one`);
      else out.push(...compareTensor(`${name}.grad`, et.grad, rec.grad, tol(`${name}.grad`, et.grad)));
    } else if (et.isLeaf && et.grad !== null) out.push(`${name}.grad: engine has one, PyTorch none`);
  }
  return out;
}
