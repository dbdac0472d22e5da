/**
 * A differential audit against PyTorch 1.13 away from the lecture's path: one-hot rows sliced,
 * transposed, indexed and written in place; the pair gather `probs[arange(n), ys]` with negative,
 * repeated, shifted or mutated indices; `arange` used as a value; mean's deferred gradient
 * accumulated and written; broadcasting with size-0 and size-1 dims; type promotion; reductions
 * over negative and several dims; NaN, ±inf, −0 and subnormals through the math ops and their
 * gradients; PyTorch's in-place errors; views with offsets and strides; advanced indexing; the
 * makemore-part-2 ops; autograd's plumbing; deferred storages shared (clones, views, detach) and
 * then written in place; the same paths at their real sizes (20,000 rows, no forcing; the engine's
 * modes only); 150 random programs on deferred tensors (one-hot rows, ranges, pairs):
 * view chains, elementwise ops, in-place writes through views, gathers, retainGrad, backward. scripts/fixtures/differential_audit.py runs each
 * case with PyTorch and records spec/fixtures/differential-audit.json; the driver replays it here.
 *
 * Every case runs in six modes: the engine's float32 arithmetic with its fast paths as they
 * come, the same inside `tidy` (memory scopes and the SIMD arena recycling buffers), with every
 * deferred result forced on small tensors (`setTableRows(true, 4)`: table rows, pairs, ranges,
 * constants), and with table rows and SIMD off; and PyTorch's x86 float32
 * arithmetic (`setFloat32Arithmetic('pytorch-x86')`), as it comes and forced deferred. Shapes,
 * dtypes, requiresGrad, errors (at the same step) and values are compared exactly (−0 ≠ +0, NaN =
 * NaN), gradients included. TOLERANCE lists the only tensors compared with a tolerance, each with
 * the reason: where PyTorch computes in another order or with another kernel and the engine's
 * rule is documented in docs/pytorch.md. KNOWN lists the deliberate differences (a clear error
 * where PyTorch has a feature the engine lacks).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setFloat32Arithmetic, setSimdEnabled, setTableRows, tidy } from '../../engine/index.js';
import { cases, differences, runOnEngine, type Case } from './differential-audit-driver.js';

const all = cases();

type ModeName = 'engine' | 'engine, deferred forced' | 'engine, plain loops' | 'engine, inside tidy' | 'pytorch-x86' | 'pytorch-x86, deferred forced';
const MODES: [ModeName, () => void][] = [
  // the whole case and its comparison inside tidy: memory scopes and the SIMD arena recycle buffers as they go
  ['engine, inside tidy', () => { setFloat32Arithmetic('engine'); setTableRows(true); setSimdEnabled(true); }],
  ['engine', () => { setFloat32Arithmetic('engine'); setTableRows(true); setSimdEnabled(true); }],
  ['engine, deferred forced', () => { setFloat32Arithmetic('engine'); setTableRows(true, 4); setSimdEnabled(true); }],
  ['engine, plain loops', () => { setFloat32Arithmetic('engine'); setTableRows(false); setSimdEnabled(false); }],
  ['pytorch-x86', () => { setFloat32Arithmetic('pytorch-x86'); setTableRows(true); setSimdEnabled(true); }],
  ['pytorch-x86, deferred forced', () => { setFloat32Arithmetic('pytorch-x86'); setTableRows(true, 4); setSimdEnabled(true); }],
];
afterEach(() => { setFloat32Arithmetic('engine'); setTableRows(true); setSimdEnabled(true); });

// ---- why a tensor may differ in its last bits (docs/pytorch.md, "Not bit-exact" and "Known differences")
const EXP = "float32 exp/log: the engine rounds the float64 value to float32 (correctly rounded); PyTorch's vectorised SLEEF expf/logf is within 1 ulp";
const MATMUL = "float32 matmul: the engine sums the shared dimension in order; PyTorch in OpenBLAS sgemm's blocked order (the x86 arithmetic gives its bits for 2-D products)";
const SMALL_BATCHED = "batched, matrix-vector and dot products: PyTorch's bmm/mv/dot kernels, whose order the x86 arithmetic does not model (it models 2-D sgemm)";
const OTHER_SUM = 'a sum over a leading, middle or strided dim: the engine accumulates in float64 and rounds once; PyTorch in float32 in its own order (the x86 arithmetic models contiguous leading-dim sums with ≥ 8 columns)';
const F64_SUM = "float64 sums: the engine's order is not PyTorch's cascade order (float64 results are not checked bit for bit)";
const TANH = "tanh and its backward: the engine's correctly rounded values; PyTorch's SLEEF tanhf (the x86 arithmetic gives its bits)";
const LOG_SOFTMAX = "crossEntropy's logSoftmax and nll: the engine's float64 row sums; PyTorch's SLEEF exp/log and AVX2 lane sums (the x86 arithmetic gives its bits for [N, C ≥ 8] float32 rows)";
const POW = "pow with an exponent other than 0, ±½, ±1, 2, 3, −2 (the gradient of ±½, −2 and 3 uses x^(k−1)): the engine's correctly rounded power; PyTorch's SLEEF powf/pow, within 1–2 ulp";

/** Where each tolerance applies: the engine's own arithmetic, the x86 one, or both. */
type Where = 'engine' | 'x86' | 'all';
/** The tensors (a gradient as `x.grad`) compared with a tolerance, by case, with why. */
const TOLERANCE: Record<string, [Where, string[], string][]> = {
  'big.pairNegativeRange': [['engine', ['W.grad'], MATMUL]],
  'big.pairStepTwoRange': [['engine', ['W.grad'], MATMUL]],
  'big.pairShiftedRange': [['engine', ['W.grad'], MATMUL]],
  'big.pairRangeMutated': [['engine', ['W.grad'], MATMUL]],
  'big.oneHotViews': [['all', ['c'], OTHER_SUM]],
  'bcast.sumToShapeOrder': [['engine', ['y.grad'], OTHER_SUM]],
  'bcast.threeWayGrads': [['all', ['y.grad'], OTHER_SUM]],
  'edge.tanh': [['engine', ['x.grad'], TANH]],
  'mean.gradDims': [['all', ['m', 's', 'w'], OTHER_SUM]],
  'mean.gradKeepdimNeg': [['all', ['m', 's', 'w', 'x.grad'], OTHER_SUM]],
  'mean.gradThroughExpandedAdd': [['engine', ['x.grad'], OTHER_SUM]],
  'mean.retainGradOfInput': [['all', ['x.grad', 'y'], EXP]],
  'mlp.crossEntropyFloat64': [['all', ['L', 'z.grad'], F64_SUM]],
  'mlp.crossEntropyIgnoreIndex': [['engine', ['z.grad'], LOG_SOFTMAX]],
  'mlp.crossEntropyLabelSmoothing': [['engine', ['z.grad'], LOG_SOFTMAX]],
  'mlp.crossEntropyOnly': [['engine', ['L', 'z.grad'], LOG_SOFTMAX]],
  'mlp.crossEntropySumNone': [['engine', ['L', 'w', 'z.grad'], LOG_SOFTMAX]],
  'mlp.forward': [['engine', ['*'], `${MATMUL}; ${TANH}; ${LOG_SOFTMAX}`]],
  'mlp.tanhBackwardChain': [['engine', ['x.grad'], TANH]],
  'onehot.inputRequiresGrad': [['engine', ['W.grad', 'x.grad'], MATMUL]],
  'onehot.lectureLossThenIndexInPlace': [['all', ['W.grad', 'c', 'p'], `${EXP}; ${MATMUL}`]],
  'onehot.matmulTransposedBack': [['engine', ['l', 's'], MATMUL]],
  'onehot.rowFillThenMatmul': [['engine', ['l'], MATMUL]],
  'pair.*': [['all', ['c', 'p', 'pk', 'lg', 'W.grad'], `${EXP} (c = exp(l), and what follows from it); ${MATMUL}`]],
  'pow.exponent-0.5.float32': [['all', ['x.grad'], POW]],
  'pow.exponent-0.5.float64': [['all', ['x.grad'], POW]],
  'pow.exponent-1.0.float64': [['all', ['s'], F64_SUM]],
  'pow.exponent-2.0.float32': [['all', ['x.grad'], POW]],
  'pow.exponent-2.0.float64': [['all', ['x.grad'], POW], ['all', ['s'], F64_SUM]],
  'pow.exponent-3.0.float32': [['all', ['y', 'w'], POW]],
  'pow.exponent-3.0.float64': [['all', ['y', 'w', 'x.grad'], POW], ['all', ['s'], F64_SUM]],
  'pow.exponent1.5.float64': [['all', ['y', 'w'], POW]],
  'pow.exponent2.0.float64': [['all', ['s'], F64_SUM]],
  'pow.exponent3.0.float64': [['all', ['s'], F64_SUM]],
  'pow.exponent4.0.float32': [['all', ['y', 'w'], POW]],
  'pow.exponent4.0.float64': [['all', ['y', 'w'], POW], ['all', ['s'], F64_SUM]],
  'pow.tensorExponentGradOrder': [['all', ['y', 'w', 'x.grad', 'e.grad'], POW]],
  'shared.pairThenProbsWritten': [['all', ['c', 'p', 'pk', 'pk2'], EXP]],
  'shared.deferredRetainGrad': [['all', ['c', 'p', 'pk', 'lg', 'W.grad', 'p.grad', 'pk.grad', 'lg.grad'], `${EXP}; ${MATMUL}`]],
  'random.*': [['engine', ['w.grad'], OTHER_SUM]],
  'reduce.sumColumnsOfTranspose': [['all', ['s', 'u', 'w'], OTHER_SUM]],
  'reduce.sumLongFloat32Rows': [['engine', ['u'], OTHER_SUM]],
  'reduce.sumNegDims': [['all', ['a', 'b', 'c', 's', 't', 'u'], OTHER_SUM]],
  'views.contiguousOfOffsetView': [['all', ['e'], EXP]],
  'views.matmulBatchBroadcast': [['x86', ['c', 's'], SMALL_BATCHED]],
  'views.matmulExpanded': [['engine', ['m', 's'], MATMUL]],
  'views.matmulOfStridedViews': [['engine', ['m', 's'], MATMUL]],
  'views.matmulLongKTransposed': [['engine', ['m'], MATMUL]],
  'views.matmulLongKOdd': [['engine', ['m', 'm2'], MATMUL]],
  'views.matmulLongKGrad': [['engine', ['W.grad', 'x.grad'], MATMUL]],
  'views.matmulRanks': [['engine', ['b', 'c', 's1', 's3', 't', 't2', 't3', 'v.grad'], MATMUL], ['x86', ['v.grad'], SMALL_BATCHED]],
};

/** The tensors of `name` compared with a tolerance in `mode`. */
function tolerated(name: string, mode: ModeName): Set<string> {
  const entries = TOLERANCE[name] ?? TOLERANCE[`${name.split('.')[0]}.*`] ?? [];
  const x86 = mode.startsWith('pytorch-x86');
  return new Set(entries.filter(([w]) => w === 'all' || (w === 'x86') === x86).flatMap(([, t]) => t));
}

/** Cases where the engine deliberately differs: what it does instead. */
const KNOWN: Record<string, (c: Case) => void> = {
  // boolean-mask indexing is not supported (docs/pytorch.md, Known differences): a clear error
  'index.boolMask': (c) => expect(runOnEngine(c.steps).error?.message).toContain('boolean mask indexing is not supported'),
  // crossEntropy takes [N, C] logits; PyTorch also takes [C] and [N, C, d…]: a clear error naming the shape
  'mlp.crossEntropyOneSample': (c) => expect(runOnEngine(c.steps).error?.message).toContain('got 1-D [3]; for a single example use input.unsqueeze(0)'),
  'mlp.crossEntropy3d': (c) => expect(runOnEngine(c.steps).error?.message).toContain('got 3-D [2, 5, 3]'),
};

/** The case's differences from PyTorch in every mode (empty = agrees everywhere). */
function audit(name: string, c: Case): string[] {
  const out: string[] = [];
  for (const [mode, set] of MODES) {
    // the real sizes are there for the deferred paths as they come: the other modes' loops are
    // covered by the small cases, and would make this file slow
    if (name.startsWith('big.') && mode !== 'engine' && mode !== 'engine, inside tidy') continue;
    set();
    const tol = tolerated(name, mode);
    const found = mode === 'engine, inside tidy' ? tidy(() => differences(c, tol)) : differences(c, tol);
    for (const d of found) out.push(`[${mode}] ${d}`);
  }
  return out;
}

const groups = new Map<string, string[]>();
for (const name of Object.keys(all)) {
  const g = name.split('.')[0];
  if (!groups.has(g)) groups.set(g, []);
  groups.get(g)!.push(name);
}

describe('differential audit against PyTorch 1.13 (values, dtypes, shapes, gradients, errors; six modes)', () => {
  it('covers every group of the brief', () => {
    expect([...groups.keys()].sort()).toEqual(['arange', 'autograd', 'bcast', 'big', 'dtype', 'edge', 'empty', 'index', 'inplace', 'mean', 'mlp', 'onehot', 'pair', 'pow', 'random', 'reduce', 'shared', 'views']);
    expect(Object.keys(all).length).toBeGreaterThanOrEqual(410);
  });
  for (const [group, names] of groups) {
    it(`${group}: ${names.length} cases agree with PyTorch`, () => {
      const bad: string[] = [];
      for (const name of names) {
        if (KNOWN[name]) {
          try { KNOWN[name](all[name]); } catch (e) { bad.push(`${name}: ${(e as Error).message.split('\n')[0]}`); }
          continue;
        }
        const d = audit(name, all[name]);
        if (d.length > 0) bad.push(`${name}:\n    ${d.join('\n    ')}`);
      }
      expect(bad).toEqual([]);
    });
  }
  // the other refusals word PyTorch's message for this engine (int32 for Long, the op's name and
  // the shapes added, a hint); each was read against PyTorch's in the audit
  const SAME_MESSAGE = ['pair.classOutOfRange', 'pair.classTooNegative', 'arange.badStepRefused', 'dtype.boolSub', 'dtype.intRemainderByZero',
    'reduce.sumRepeatedDimRefused', 'reduce.maxEmptyRefused', 'inplace.leafRefused', 'inplace.viewOfLeafRefused', 'inplace.broadcastBiggerRefused',
    'inplace.partialOverlapRefused', 'views.matmulShapeError', 'views.viewTwoInferredRefused', 'views.viewWrongSizeRefused', 'views.indexOutOfRange',
    'views.expandMinusOneAndBadSize', 'index.outOfRangeTensor', 'autograd.nonScalarRefused', 'autograd.noGradTensorRefused'];
  it(`${SAME_MESSAGE.length} refusals carry PyTorch's own message`, () => {
    for (const name of SAME_MESSAGE) expect(runOnEngine(all[name].steps).error?.message, name).toContain(all[name].torch.error!.message);
  });
  it('the tolerance and known lists name only cases that exist', () => {
    for (const key of [...Object.keys(TOLERANCE), ...Object.keys(KNOWN), ...SAME_MESSAGE]) {
      expect(key.endsWith('.*') ? groups.has(key.slice(0, -2)) : key in all, key).toBe(true);
    }
  });
});
