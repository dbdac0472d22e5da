/**
 * Adversarial checks of "table rows" (engine/fast/table-rows.ts and the hooks that use it:
 * oneHot, toDType, mapUnary/mapBinary, sum over dims ≠ 0, matmul and xencᵀ·G
 * (fast/one-hot-table-matmul.ts), probs[arange(n), ys] and its one-entry gradient
 * (fast/one-entry-rows.ts), the softmax's one-pass backward on distinct rows
 * (fast/table-rows-softmax-backward.ts)).
 *
 * The promise under test: with table rows on, every value, gradient, error message and memory
 * behaviour is the same as with them off. Every check runs one computation twice, with
 * `setTableRows(false)` and with `setTableRows(true, 0)` (threshold 0: small tensors take the
 * path too), and compares the results' raw bits (float32 as Uint32, float64 as two Uint32, so
 * −0 ≠ +0 and NaN payloads count), their shapes and dtypes, or the errors' classes and messages.
 * The reference is the engine with table rows off (itself checked against PyTorch elsewhere):
 * this file checks the fast path against the path it replaces, not the arithmetic.
 *
 * NaN payloads are NOT compared (every NaN counts as the same NaN, signs included): the engine
 * itself does not define them. With table rows off, `a.mul(b)` of a NaN 0x7fc00001 and a NaN
 * 0xffc12345 gives 0xffc12345 for 8 elements and 0x7fc00001 for 4096 (the SIMD kernel takes the
 * other operand's NaN), and the project's bit-exactness tests compare with `Object.is` too.
 * Everything else is compared bit for bit: −0 against +0, subnormals, infinities.
 *
 * Bugs this file found (tests at the end, `it.fails` until the engine was fixed, regression tests
 * since): a small result made from large table rows (sum over dim 1, a product with few columns)
 * was released by tidy although with table rows off it is a small untracked storage; with a
 * threshold below the pool's size, every deferred storage was tracked and released by tidy; an
 * int32 sum over dim 1 threw for overflowing table rows that no row uses, or named another row's
 * value.
 */
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Tensor, arange, getNumThreads, isSimdEnabled, keep, oneHot, setSimdEnabled, slice, toDot, setFloat32Arithmetic, setNumThreads, startHelperThreads, tensor, tidy,
} from '../../engine/index.js';
import { deferRows, setTableRows, tableRowsOf } from '../../engine/fast/table-rows.js';
import { oneEntryRows } from '../../engine/fast/one-entry-rows.js';
import { lectureNames } from '../../bigram/index.js';
import { Vocabulary } from '../../bigram/data.js';
import { train, trainingSet } from '../../bigram/neural.js';

afterEach(() => setTableRows(true));

// ---------------------------------------------------------------- outcomes and their comparison

/** A tensor as dtype, shape and raw bits (row-major); a missing tensor as null. */
interface Snap { dtype: string; shape: string; bits: number[] }
type Outcome = { ok: true; snaps: (Snap | null)[] } | { ok: false; error: string };

/** The raw bits of t's elements in row-major order (a contiguous copy, bytes copied). */
function rawBits(t: Tensor): number[] {
  const c = t.contiguous();
  const d = c.storage.data;
  const bpe = d.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(d.buffer, d.byteOffset + c.offset * bpe, c.numel() * bpe).slice();
  if (bpe === 1) return Array.from(bytes);
  return Array.from(new Uint32Array(bytes.buffer));
}

/** Every float32 NaN as 0x7fc00000, every float64 NaN as 0x7ff80000_00000000 (see the file comment). */
function canonicalNaN(bits: number[], dtype: string): number[] {
  if (dtype === 'float32') return bits.map((b) => ((b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0 ? 0x7fc00000 : b));
  if (dtype !== 'float64') return bits;
  const out = bits.slice();
  for (let i = 0; i < out.length; i += 2) {
    const lo = out[i], hi = out[i + 1]; // little-endian words
    if ((hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) !== 0 || lo !== 0)) [out[i], out[i + 1]] = [0, 0x7ff80000];
  }
  return out;
}

function snap(t: Tensor | null | undefined): Snap | null {
  if (t === null || t === undefined) return null;
  return { dtype: t.dtype, shape: `[${t.shape.join(', ')}]`, bits: canonicalNaN(rawBits(t), t.dtype) };
}

/** Run `f` and capture its tensors' bits, or its error (class and message). */
function outcome(f: () => (Tensor | null | undefined)[]): Outcome {
  try {
    return { ok: true, snaps: f().map(snap) };
  } catch (e) {
    return { ok: false, error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
}

/** `f` with table rows off, and on with threshold 0 (every size takes the path). */
function bothWays(f: () => (Tensor | null | undefined)[]): { off: Outcome; on: Outcome } {
  try {
    setTableRows(false);
    const off = outcome(f);
    setTableRows(true, 0);
    const on = outcome(f);
    return { off, on };
  } finally {
    setTableRows(true);
  }
}

const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
function describeBits(bits: number, dtype: string): string {
  if (dtype !== 'float32') return String(bits);
  u32[0] = bits;
  const v = f32[0];
  return `${Object.is(v, -0) ? '-0' : v} (0x${bits.toString(16).padStart(8, '0')})`;
}

/** Fail, naming the first difference, unless both ways give the same outcome. */
function expectSame(what: string, o: { off: Outcome; on: Outcome }): void {
  const { off, on } = o;
  if (!off.ok || !on.ok) {
    expect(on.ok ? 'no error' : on.error, `${what}: error with table rows on vs off`).toBe(off.ok ? 'no error' : off.error);
    return;
  }
  expect(on.snaps.length, what).toBe(off.snaps.length);
  off.snaps.forEach((want, k) => {
    const got = on.snaps[k];
    if (want === null || got === null) {
      expect(got === null, `${what}: output ${k} missing`).toBe(want === null);
      return;
    }
    expect(`${got.dtype} ${got.shape}`, `${what}: output ${k}`).toBe(`${want.dtype} ${want.shape}`);
    for (let i = 0; i < want.bits.length; i++) {
      if (got.bits[i] !== want.bits[i]) {
        expect.fail(`${what}: output ${k} word ${i}: table rows on ${describeBits(got.bits[i], got.dtype)}, off ${describeBits(want.bits[i], want.dtype)}`);
      }
    }
  });
}

const same = (what: string, f: () => (Tensor | null | undefined)[]) => expectSame(what, bothWays(f));

// ---------------------------------------------------------------- inputs

function bitsOf(v: number): number {
  f32[0] = v;
  return u32[0];
}

/** Float32 edge values: ±0, ±inf, NaN (quiet, negative, signalling payloads), subnormals, huge, exp's edges. */
const SPECIAL = [
  0, -0, Infinity, -Infinity, NaN, 1e-45, -1e-45, 1e-40, -1e-40, 1.1754943508222875e-38, 3.4028234663852886e38,
  -3.4028234663852886e38, 88.72283935546875, 88.8, -87.3, -103.97, -104, 1e-30, 1, -1, 0.5, 2 ** -25, 3 * 2 ** -26,
].map(bitsOf).concat([0xffc00000, 0x7f800001, 0x7fbfffff, 0xffa00005, 0x7fc12345]);

/** A float32 as its bits: mostly ordinary values, sometimes an edge value or any bit pattern at all. */
const floatBits = fc.oneof(
  { weight: 12, arbitrary: fc.float({ min: -6, max: 6, noNaN: true }).map(bitsOf) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 1, arbitrary: fc.float({ noNaN: false }).map(bitsOf) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffffffff }) },
);
/** Ordinary floats only (for cases that need finite values). */
const plainBits = fc.float({ min: -8, max: 8, noNaN: true, noDefaultInfinity: true }).map(bitsOf);

function floats(bits: readonly number[], shape: number[]): Tensor {
  return Tensor.fromArray(new Float32Array(Uint32Array.from(bits).buffer), shape);
}
function ints(v: readonly number[], shape = [v.length]): Tensor {
  return Tensor.fromArray(Int32Array.from(v), shape, 'int32');
}

/** n class indices in [0, C), with n either at most 4C or above (the backward's two sum modes). */
const classesCase = fc.record({ C: fc.integer({ min: 1, max: 9 }), big: fc.boolean(), seed: fc.integer() }).chain(({ C, big }) => {
  const n = big ? fc.integer({ min: 4 * C + 1, max: 4 * C + 30 }) : fc.integer({ min: 1, max: 4 * C });
  return n.chain((nn) => fc.record({
    C: fc.constant(C),
    xs: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: nn, maxLength: nn }),
    ys: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: nn, maxLength: nn }),
    W: fc.array(floatBits, { minLength: C * C, maxLength: C * C }),
    reg: fc.constantFrom(0, 0.01, 1e-30, 3),
  }));
});

// ---------------------------------------------------------------- the lecture's chain

interface ChainOptions { reg: number; retain?: boolean; negIndex?: boolean; gradient?: readonly number[] }

/** The lecture's loss and its gradient (and, with `retain`, the intermediates' gradients). */
function lectureChain(C: number, xs: readonly number[], ys: readonly number[], Wb: readonly number[], o: ChainOptions): (Tensor | null)[] {
  const n = xs.length;
  const W = floats(Wb, [C, C]).requiresGrad_();
  const xenc = oneHot(ints(xs), C).float();
  const logits = xenc.matmul(W);
  const counts = logits.exp();
  const sums = counts.sum(1, true);
  const probs = counts.div(sums);
  if (o.retain) for (const t of [logits, counts, sums, probs]) t.retainGrad();
  const first = o.negIndex ? ints(Array.from({ length: n }, (_, i) => i - n)) : arange(n);
  const picked = probs.index(first, ints(ys));
  let loss = picked.log().mean().neg();
  if (o.reg !== 0) loss = loss.add(W.pow(2).mean().mul(o.reg));
  loss.backward();
  const out: (Tensor | null)[] = [loss, W.grad, probs, logits];
  if (o.retain) out.push(logits.grad, counts.grad, sums.grad, probs.grad);
  return out;
}

describe('the lecture chain: oneHot → float → @W → exp → /sum(1, true) → [arange(n), ys] → log → mean (+ reg·W²)', () => {
  it('loss, W.grad, probs and logits: the same bits with table rows on and off (random n, C, W with edge values; n ≤ 4C and n > 4C)', () => {
    fc.assert(fc.property(classesCase, ({ C, xs, ys, W, reg }) => {
      same(`chain C=${C} n=${xs.length}`, () => lectureChain(C, xs, ys, W, { reg }));
    }), { numRuns: 250 });
  });

  it('with retainGrad on logits, counts, the row sums and probs, and negative first indices (i − n)', () => {
    fc.assert(fc.property(classesCase, fc.boolean(), ({ C, xs, ys, W, reg }, negIndex) => {
      same(`chain retained C=${C} n=${xs.length}`, () => lectureChain(C, xs, ys, W, { reg, retain: true, negIndex }));
    }), { numRuns: 120 });
  });

  it('finite W of very different magnitudes: W.grad\'s sums where order matters (exactSum\'s fallback), both sum modes', () => {
    // logits spread over many binades make dlogits' entries differ by many binades, so
    // that W.grad's row sums round differently in different orders
    const wild = fc.oneof(
      fc.float({ min: -30, max: 30, noNaN: true }).map(bitsOf),
      fc.constantFrom(-80, -60, 40, 60, 80, 0, -0, 1e-40, 2 ** -25).map(bitsOf),
    );
    const wildCase = fc.record({ C: fc.integer({ min: 2, max: 7 }), big: fc.boolean() }).chain(({ C, big }) => {
      const n = big ? fc.integer({ min: 4 * C + 1, max: 4 * C + 60 }) : fc.integer({ min: C + 1, max: 4 * C });
      return n.chain((nn) => fc.record({
        C: fc.constant(C),
        xs: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: nn, maxLength: nn }),
        ys: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: nn, maxLength: nn }),
        W: fc.array(wild, { minLength: C * C, maxLength: C * C }),
      }));
    });
    fc.assert(fc.property(wildCase, ({ C, xs, ys, W }) => {
      same(`chain wild C=${C} n=${xs.length}`, () => lectureChain(C, xs, ys, W, { reg: 0 }));
    }), { numRuns: 200 });
  });

  it('the table-rows path is taken (not a vacuous comparison): xenc, logits, counts and probs are deferred', () => {
    setTableRows(true, 0);
    const xenc = oneHot(ints([0, 1, 2, 1, 0, 2, 2]), 3).float();
    const logits = xenc.matmul(floats([1, 2, 3, 4, 5, 6, 7, 8, 9].map(bitsOf), [3, 3]));
    const counts = logits.exp();
    const probs = counts.div(counts.sum(1, true));
    for (const t of [xenc, logits, counts, probs]) expect(tableRowsOf(t)).not.toBeNull();
  });
});

// ---------------------------------------------------------------- each hook alone

/** Table rows of arbitrary values: `oneHot(xs, C).float() @ M` (M: C×m), rows of M (NaN where M has inf). */
function rowsOf(C: number, xs: readonly number[], M: readonly number[], m: number): Tensor {
  return oneHot(ints(xs), C).float().matmul(floats(M, [C, m]));
}

const hookCase = fc.record({ C: fc.integer({ min: 1, max: 6 }), m: fc.integer({ min: 1, max: 5 }), n: fc.integer({ min: 1, max: 24 }) }).chain(({ C, m, n }) => fc.record({
  C: fc.constant(C), m: fc.constant(m),
  xs: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: n, maxLength: n }),
  M: fc.array(floatBits, { minLength: C * m, maxLength: C * m }),
  M2: fc.array(floatBits, { minLength: C * m, maxLength: C * m }),
  vec: fc.array(floatBits, { minLength: m, maxLength: m }),
  col: fc.array(floatBits, { minLength: n, maxLength: n }),
  s: floatBits,
}));

describe('oneHot and casts', () => {
  it('oneHot(xs, C) and its casts (float, double, bool, int, to int32 and back): the same bits', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 0, maxLength: 30 }), (C, raw) => {
      const xs = raw.map((v) => v % C);
      same('oneHot', () => {
        const h = oneHot(ints(xs), C);
        return [h, h.float(), h.double(), h.bool(), h.float().int(), h.bool().float(), h.double().float(), h.float().to('float64')];
      });
    }), { numRuns: 150 });
  });

  it('out-of-range, negative and inferred numClasses: the same error messages (or the same bits)', () => {
    fc.assert(fc.property(fc.integer({ min: -2, max: 6 }), fc.array(fc.integer({ min: -3, max: 8 }), { minLength: 1, maxLength: 12 }), (C, xs) => {
      same(`oneHot C=${C}`, () => [oneHot(ints(xs), C).float()]);
    }), { numRuns: 150 });
  });

  it('writing into xs after oneHot does not change the encoding (both ways)', () => {
    same('xs written after', () => {
      const xs = ints([0, 1, 2, 0, 1, 2, 2]);
      const h = oneHot(xs, 3);
      const f = h.float();
      xs.add_(1);
      xs.data.mul_(0);
      return [h, f, xs];
    });
  });
});

const UNARY: [string, (t: Tensor) => Tensor][] = [
  ['exp', (t) => t.exp()], ['log', (t) => t.log()], ['neg', (t) => t.neg()], ['abs', (t) => t.abs()],
  ['sqrt', (t) => t.sqrt()], ['tanh', (t) => t.tanh()], ['relu', (t) => t.relu()], ['sigmoid', (t) => t.sigmoid()],
  ['sign', (t) => t.sign()], ['reciprocal', (t) => t.reciprocal()], ['square', (t) => t.square()], ['floor', (t) => t.floor()],
  ['sin', (t) => t.sin()], ['isnan', (t) => t.isnan()], ['pow2', (t) => t.pow(2)], ['pow0.5', (t) => t.pow(0.5)],
  ['clamp', (t) => t.clamp(-1, 1)], ['double', (t) => t.double()], ['int', (t) => t.int()], ['clone', (t) => t.clone()],
];

describe('elementwise ops on table rows', () => {
  it('unary ops: the same bits', () => {
    fc.assert(fc.property(hookCase, fc.constantFrom(...UNARY), ({ C, m, xs, M }, [name, op]) => {
      same(`unary ${name}`, () => {
        const Mt = floats(M, [C, m]).requiresGrad_();
        const t = oneHot(ints(xs), C).float().matmul(Mt);
        const r = op(t), rr = op(op(t));
        if (r.requiresGrad) r.backward(r.detach().float().neg().to(r.dtype));
        return [r, rr, Mt.grad];
      });
    }), { numRuns: 300 });
  });

  const BINARY: [string, (a: Tensor, b: Tensor) => Tensor][] = [
    ['add', (a, b) => a.add(b)], ['sub', (a, b) => a.sub(b)], ['mul', (a, b) => a.mul(b)], ['div', (a, b) => a.div(b)],
    ['pow', (a, b) => a.pow(b)], ['maximum', (a, b) => a.maximum(b)], ['minimum', (a, b) => a.minimum(b)],
    ['lt', (a, b) => a.lt(b)], ['eq', (a, b) => a.eq(b)], ['remainder', (a, b) => a.remainder(b)],
    ['rsub', (a, b) => b.sub(a)], ['rdiv', (a, b) => b.div(a)],
  ];
  type Operand = [string, (c: { C: number; m: number; xs: number[]; M2: number[]; vec: number[]; col: number[]; s: number }, t: Tensor) => Tensor];
  const OPERANDS: Operand[] = [
    ['same index', (_c, t) => t.exp()],
    ['itself', (_c, t) => t],
    ['different index (another oneHot of the same xs)', (c) => rowsOf(c.C, c.xs, c.M2, c.m)],
    ['[m] vector', (c) => floats(c.vec, [c.m])],
    ['[1, m] row', (c) => floats(c.vec, [1, c.m])],
    ['[n, 1] column', (c) => floats(c.col, [c.col.length, 1])],
    ['[n, m] dense', (c) => floats(c.col, [c.col.length, 1]).expand(c.col.length, c.m).contiguous()],
    ['0-d tensor', (c) => floats([c.s], [])],
    ['[1] tensor', (c) => floats([c.s], [1])],
    ['[1, 1] tensor', (c) => floats([c.s], [1, 1])],
    ['row sums [n, 1] (table rows)', (_c, t) => t.sum(1, true)],
    ['row sums [n] (table rows, broadcast along the last dim)', (_c, t) => t.sum(1)],
    ['float64 [m]', (c) => floats(c.vec, [c.m]).double()],
    ['int32 oneHot of the same xs', (c) => (c.m === c.C ? oneHot(ints(c.xs), c.C) : ints([3]))],
    ['[2, n, m] (a batch dim in front)', (_c, t) => t.unsqueeze(0).expand(2, t.shape[0], t.shape[1])],
  ];

  it('binary ops with same-index, different-index, broadcast [m], [1, m], [n, 1], scalar, 0-d, float64 and int operands, either side: the same bits or the same error', () => {
    fc.assert(fc.property(hookCase, fc.constantFrom(...BINARY), fc.constantFrom(...OPERANDS), fc.boolean(), (c, [name, op], [what, other], swap) => {
      same(`binary ${name} with ${what}${swap ? ' (swapped)' : ''}`, () => {
        const Mt = floats(c.M, [c.C, c.m]).requiresGrad_();
        const t = oneHot(ints(c.xs), c.C).float().matmul(Mt);
        const u = other(c, t);
        if (u.isLeaf && (u.dtype === 'float32' || u.dtype === 'float64')) u.requiresGrad_(); // its gradient sums over the rows
        const r = swap ? op(u, t) : op(t, u);
        if (r.requiresGrad) r.backward(r.detach().float().sign().to(r.dtype));
        return [r, Mt.grad, u.isLeaf ? u.grad : null];
      });
    }), { numRuns: 500 });
  });

  it('a plain number operand on either side: the same bits', () => {
    fc.assert(fc.property(hookCase, fc.constantFrom(...SPECIAL), ({ C, m, xs, M }, sb) => {
      f32[0] = 0; u32[0] = sb; const s = f32[0];
      same('scalar', () => {
        const t = rowsOf(C, xs, M, m);
        return [t.add(s), t.mul(s), t.div(s), t.sub(s), t.pow(s), t.maximum(floats([sb], []))];
      });
    }), { numRuns: 150 });
  });

  it('int32 table rows (oneHot itself) with int32 operands, and int overflow wrapping', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 20 }), fc.array(fc.integer(), { minLength: 5, maxLength: 5 }), (C, raw, v) => {
      const xs = raw.map((x) => x % C);
      same('int32 rows', () => {
        const h = oneHot(ints(xs), C);
        const vec = ints(v.slice(0, C));
        return [h.mul(vec), h.add(vec), h.mul(vec).add(vec), h.sub(1), h.mul(2147483647).add(h), h.eq(1), h.neg()];
      });
    }), { numRuns: 120 });
  });
});

describe('sum over dims other than 0', () => {
  const DIMS: [string, (t: Tensor) => Tensor][] = [
    ['sum(1)', (t) => t.sum(1)], ['sum(1, true)', (t) => t.sum(1, true)], ['sum(-1)', (t) => t.sum(-1)],
    ['sum(-1, true)', (t) => t.sum(-1, true)], ['sum([1])', (t) => t.sum([1])], ['sum([1], true)', (t) => t.sum([1], true)],
    ['sum(0)', (t) => t.sum(0)], ['sum(0, true)', (t) => t.sum(0, true)], ['sum([0, 1])', (t) => t.sum([0, 1])],
    ['sum()', (t) => t.sum()], ['sum([1, 1]) (error)', (t) => t.sum([1, 1])], ['sum(2) (error)', (t) => t.sum(2)],
    ['mean(1)', (t) => t.mean(1)], ['sum(1) of sum(1, true)', (t) => t.sum(1, true).sum(1)],
    ['sum(1) of int', (t) => t.isnan().int().sum(1)],
  ];
  it('values and gradients: the same bits', () => {
    fc.assert(fc.property(hookCase, fc.constantFrom(...DIMS), fc.array(floatBits, { minLength: 40, maxLength: 40 }), ({ C, m, xs, M }, [name, op], gb) => {
      same(name, () => {
        const Mt = floats(M, [C, m]).requiresGrad_();
        const t = oneHot(ints(xs), C).float().matmul(Mt);
        const r = op(t);
        if (r.requiresGrad) r.backward(floats(gb.slice(0, r.numel()), [...r.shape]));
        return [r, Mt.grad];
      });
    }), { numRuns: 300 });
  });
});

describe('matmul with table rows', () => {
  it('forward rows @ B and backward (B.grad = rowsᵀ·G, rows.grad = G·Bᵀ) for B k×m with edge values: the same bits', () => {
    fc.assert(fc.property(hookCase, fc.array(floatBits, { minLength: 30, maxLength: 30 }), fc.array(floatBits, { minLength: 200, maxLength: 200 }), fc.boolean(), ({ C, m, xs }, Bb, gb, leafRows) => {
      same(`mm C=${C} m=${m} n=${xs.length}`, () => {
        const B = floats(Bb.slice(0, C * m), [C, m]).requiresGrad_();
        const x = oneHot(ints(xs), C).float();
        if (leafRows) x.requiresGrad_();
        const y = x.matmul(B);
        y.backward(floats(gb.slice(0, y.numel()), [...y.shape]));
        return [y, B.grad, x.grad];
      });
    }), { numRuns: 250 });
  });

  it('a long inner dim and few rows (matmul\'s float64 sums, k > 4n: table rows of 1–2 distinct rows and k columns) and 1-D operands (mv, vm): the same bits', () => {
    const c = fc.record({ R: fc.integer({ min: 1, max: 2 }), n: fc.integer({ min: 2, max: 6 }) }).chain(({ R, n }) => fc.integer({ min: 4 * n + 1, max: 4 * n + 12 }).chain((k) => fc.record({
      R: fc.constant(R), k: fc.constant(k), m: fc.integer({ min: 1, max: 3 }),
      xs: fc.array(fc.integer({ min: 0, max: R - 1 }), { minLength: n, maxLength: n }),
      T: fc.array(fc.oneof(plainBits, fc.constantFrom(1, 2 ** -25, 2 ** 24, 3e38, -3e38, 1e-45).map(bitsOf)), { minLength: R * k, maxLength: R * k }),
      B: fc.array(fc.oneof(plainBits, floatBits), { minLength: k * 3, maxLength: k * 3 }),
    })));
    fc.assert(fc.property(c, ({ R, k, m, xs, T, B }) => {
      same(`mm f64 R=${R} k=${k} n=${xs.length}`, () => {
        const x = oneHot(ints(xs), R).float().matmul(floats(T, [R, k]));
        const b = floats(B.slice(0, k * m), [k, m]).requiresGrad_();
        const v = floats(B.slice(0, k), [k]).requiresGrad_();
        const y = x.matmul(b), z = x.matmul(v);
        y.sum().add(z.sum()).backward();
        return [y, z, b.grad, v.grad];
      });
    }), { numRuns: 150 });
  });

  /** G as table rows over ks: rows of T (R×m), made exact by the identity product. */
  const tableG = (ks: readonly number[], R: number, T: readonly number[], m: number) => oneHot(ints(ks), R).float().matmul(floats(T, [R, m]));

  it('xencᵀ·G with G table rows of adversarial magnitudes (terms that round in order: 1, 2⁻²⁵, 3·2⁻²⁶, 2²⁴+1, ±huge, subnormals): the same bits, both sum modes', () => {
    const mag = fc.constantFrom(1, -1, 2 ** -25, 3 * 2 ** -26, 2 ** 24, 2 ** 24 + 2, 1.5, 1e-45, 1e-40, 3e38, -3e38, 0, -0, 0.1, 2 ** 100, 2 ** -100, 7, 1e-7).map(bitsOf);
    const g = fc.record({ C: fc.integer({ min: 1, max: 5 }), R: fc.integer({ min: 1, max: 4 }), m: fc.integer({ min: 1, max: 3 }), n: fc.integer({ min: 2, max: 70 }) }).chain(({ C, R, m, n }) => fc.record({
      C: fc.constant(C), R: fc.constant(R), m: fc.constant(m),
      xs: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: n, maxLength: n }),
      ks: fc.array(fc.integer({ min: 0, max: R - 1 }), { minLength: n, maxLength: n }),
      T: fc.array(fc.oneof({ weight: 5, arbitrary: mag }, { weight: 1, arbitrary: floatBits }), { minLength: R * m, maxLength: R * m }),
    }));
    fc.assert(fc.property(g, ({ C, R, m, xs, ks, T }) => {
      same(`xencT G C=${C} R=${R} n=${xs.length}`, () => {
        const xenc = oneHot(ints(xs), C).float();
        const G = tableG(ks, R, T, m);
        return [xenc.T.matmul(G), xenc.transpose(0, 1).matmul(G.exp()), G.T.matmul(xenc)];
      });
    }), { numRuns: 300 });
  });

  it('xencᵀ·G where the ordered float32 sum rounds (1 + 2⁻²⁵ + 2⁻²⁵ + 2⁻²⁵) and where float64 sums round (2⁶⁰ + 1 + … − 2⁶⁰)', () => {
    // 4 terms in row 0 of C: 1, then three 2⁻²⁵ (each lost in order in float32; exact: 1 + 3·2⁻²⁵)
    same('f32 rounding', () => {
      const xenc = oneHot(ints([0, 0, 0, 0, 1]), 2).float();
      const G = tableG([0, 1, 1, 1, 0], 2, [1, 2 ** -25].map(bitsOf), 1);
      return [xenc.T.matmul(G)];
    });
    // n > 4C with C = 1, m = 1: float64 sums; 2⁶⁰ then many 1s then −2⁶⁰
    same('f64 rounding', () => {
      const ks = [0, ...new Array(20).fill(1), 2];
      const xenc = oneHot(ints(new Array(ks.length).fill(0)), 1).float();
      const G = tableG(ks, 3, [2 ** 60, 1, -(2 ** 60)].map(bitsOf), 1);
      return [xenc.T.matmul(G)];
    });
  });

  it('a one-hot-like table that is not one-hot (a −0 instead of +0, a 2, a row of zeros), one-hot rows sharing a column, and G with inf or NaN: the same bits', () => {
    fc.assert(fc.property(hookCase, fc.constantFrom('neg0', 'two', 'zeros', 'inf', 'merged'), ({ C, m, xs, M }, kind) => {
      same(`not one-hot: ${kind}`, () => {
        const h = oneHot(ints(xs), C).float();
        // merged: one-hot rows of width 2 (class k → column k % 2), several table rows with the same hot column
        const merge = () => h.matmul(floats(Array.from({ length: C * 2 }, (_, i) => bitsOf(i % 2 === Math.floor(i / 2) % 2 ? 1 : 0)), [C, 2]));
        const a = kind === 'neg0' ? h.mul(h.sub(0.5).sign()) : kind === 'two' ? h.mul(2) : kind === 'zeros' ? h.mul(0) : kind === 'merged' ? merge() : h;
        const G = rowsOf(C, xs, M, m);
        const Gi = kind === 'inf' ? G.add(floats([bitsOf(Infinity)], [])) : G;
        return [a.T.matmul(Gi), a.T.matmul(G)];
      });
    }), { numRuns: 150 });
  });
});

describe('advanced indexing of table rows and the one-entry gradient', () => {
  const firstIndex = fc.constantFrom('arange', 'arange - n', 'permutation', 'duplicates', 'reversed', 'out of range (n)', 'out of range (-n-1)', 'mixed signs');
  function makeFirst(kind: string, n: number, seed: number): number[] {
    const a = Array.from({ length: n }, (_, i) => i);
    switch (kind) {
      case 'arange': return a;
      case 'arange - n': return a.map((i) => i - n);
      case 'permutation': return a.map((i) => (i * 7 + seed) % n).every((v, i, arr) => arr.indexOf(v) === i) ? a.map((i) => (i * 7 + seed) % n) : a.reverse();
      case 'duplicates': return a.map((i) => (i * i + seed) % n);
      case 'reversed': return a.reverse();
      case 'out of range (n)': return a.map((i) => (i === n - 1 ? n : i));
      case 'out of range (-n-1)': return a.map((i) => (i === 0 ? -n - 1 : i));
      default: return a.map((i) => (i % 2 === 0 ? i : i - n));
    }
  }
  it('v[i0, i1] and its gradient for first indices arange / arange−n / a permutation / duplicates / out of range and second indices with negatives and out-of-range values: the same bits or errors', () => {
    fc.assert(fc.property(hookCase, firstIndex, fc.integer({ min: 0, max: 1000 }), fc.array(fc.integer({ min: -7, max: 6 }), { minLength: 24, maxLength: 24 }), fc.array(floatBits, { minLength: 24, maxLength: 24 }), ({ C, m, xs, M }, kind, seed, cols, gb) => {
      const n = xs.length;
      const i0 = makeFirst(kind, n, seed), i1 = cols.slice(0, n).map((j) => (j >= m + 1 ? j % (m + 1) : j));
      same(`index ${kind}`, () => {
        const Mt = floats(M, [C, m]).requiresGrad_();
        const v = oneHot(ints(xs), C).float().matmul(Mt);
        v.retainGrad();
        const out = seed % 2 === 0 ? v.index(ints(i0), ints(i1)) : v.index(i0, i1); // index tensors or plain arrays
        out.backward(floats(gb.slice(0, n), [n]));
        return [out, v.grad, Mt.grad];
      });
    }), { numRuns: 300 });
  });

  it('v[i0] (rows), v[i0, :], v[:, i1], v[i0][:, j] on table rows, int32 and float: the same bits or errors', () => {
    fc.assert(fc.property(hookCase, fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 1, maxLength: 10 }), ({ C, m, xs, M }, idx) => {
      same('rows', () => {
        const v = rowsOf(C, xs, M, m);
        const h = oneHot(ints(xs), C);
        const i = ints(idx.map((k) => k % (xs.length + 1)));
        return [v.index(i), h.index(i), v.index(ints([0])), h.index(i, ints([0])), v.index(null, ints([0])), v.index(i.unsqueeze(1), ints([0])),
          v.sum(1).index(i), h.sum(1, true).index(i), v.T.index(ints([0]), i), v.index(slice(), ints([-1]))];
      });
    }), { numRuns: 200 });
  });

  it('the one-entry gradient of an explicit gradient with −0, NaN payloads and infinities, on a leaf (v.grad)', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: 6 }), fc.array(floatBits, { minLength: 30, maxLength: 30 }), fc.array(fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e-45).map(bitsOf), { minLength: 30, maxLength: 30 }), (n, w, vb, gb) => {
      same('one-entry leaf', () => {
        const v = floats(vb.slice(0, n).concat(new Array(n * w - Math.min(n, vb.length)).fill(0)).slice(0, n * w), [n, w]).requiresGrad_();
        const ys = ints(Array.from({ length: n }, (_, i) => (i * 3) % w - (i % 2) * w));
        const out = v.index(arange(n), ys);
        out.backward(floats(gb.slice(0, n), [n]));
        out.backward(floats(gb.slice(0, n).reverse(), [n]));
        return [out, v.grad];
      });
    }), { numRuns: 120 });
  });

  it('the softmax backward on distinct rows with an explicit gradient (many values per (row, column) pair, −0, NaN): the same bits', () => {
    fc.assert(fc.property(hookCase, fc.array(fc.oneof(fc.constantFrom(1, -1, 0, -0, 0.5, NaN).map(bitsOf), floatBits), { minLength: 24, maxLength: 24 }), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 24, maxLength: 24 }), ({ C, m, xs, M }, gb, cols) => {
      const n = xs.length;
      same('softmax backward', () => {
        const Mt = floats(M, [C, m]).requiresGrad_();
        const counts = oneHot(ints(xs), C).float().matmul(Mt).exp();
        const probs = counts.div(counts.sum(1, true));
        const out = probs.index(arange(n), ints(cols.slice(0, n).map((j) => j % m)));
        out.backward(floats(gb.slice(0, n), [n]));
        return [probs, Mt.grad];
      });
    }), { numRuns: 250 });
  });

  it('index tensors written after the forward: in place (version error) and through .data (read at backward)', () => {
    fc.assert(fc.property(classesCase, fc.constantFrom('ys.add_', 'ys.data', 'ys.data out of range', 'first.data', 'first.data out of range', 'first.add_'), ({ C, xs, ys, W }, how) => {
      same(`index written: ${how}`, () => {
        const n = xs.length;
        const Wt = floats(W, [C, C]).requiresGrad_();
        const counts = oneHot(ints(xs), C).float().matmul(Wt).exp();
        const probs = counts.div(counts.sum(1, true));
        const y = ints(ys), first = arange(n);
        const loss = probs.index(first, y).log().mean().neg();
        if (how === 'ys.add_') y.add_(0);
        if (how === 'ys.data') y.data.copy_(ints(ys.map((v) => (v + 1) % C)));
        if (how === 'first.data') first.data.copy_(ints(Array.from({ length: n }, (_, i) => n - 1 - i)));
        if (how === 'first.add_') first.add_(0);
        if (how === 'ys.data out of range') y.data.copy_(ints(ys.map((v, i) => (i === n - 1 ? C + 2 : v))));
        if (how === 'first.data out of range') first.data.copy_(ints(Array.from({ length: n }, (_, i) => (i === 0 ? -n - 1 : i))));
        loss.backward();
        return [loss, Wt.grad];
      });
    }), { numRuns: 80 });
  });
});

describe('the chain\'s other spellings: float64, strided and offset index tensors, backward twice, the graph', () => {
  it('float64 W and xenc.double(); xs and ys as views with offsets and strides; backward twice with retainGraph; the same bits', () => {
    fc.assert(fc.property(classesCase, fc.boolean(), ({ C, xs, ys, W, reg }, dbl) => {
      const n = xs.length;
      same(`chain spelled differently (double ${dbl})`, () => {
        const Wt = dbl ? floats(W, [C, C]).double().requiresGrad_() : floats(W, [C, C]).requiresGrad_();
        const xsView = ints([7, 7, 7, ...xs]).narrow(0, 3, n); // an offset
        const ysView = ints(ys.flatMap((y) => [y, -1])).index(slice(0, null, 2)); // a stride
        const xenc = dbl ? oneHot(xsView, C).double() : oneHot(xsView, C).float();
        const counts = xenc.matmul(Wt).exp();
        const probs = counts.div(counts.sum(1, true));
        let loss = probs.index(arange(n), ysView).log().mean().neg();
        if (reg !== 0) loss = loss.add(Wt.pow(2).mean().mul(reg));
        loss.backward({ retainGraph: true });
        const g1 = Wt.grad!.clone();
        loss.backward();
        return [loss, g1, Wt.grad, probs];
      });
    }), { numRuns: 100 });
  });

  it('the recorded graph (toDot: node names, shapes, dtypes; tensor ids renumbered) is the same', () => {
    const graph = () => {
      const W = floats([0.5, -1, 2, 0.25, 3, -2, 1, 0, -0.5].map(bitsOf), [3, 3]).requiresGrad_();
      const xenc = oneHot(ints([0, 1, 2, 2, 1, 0, 0]), 3).float();
      const counts = xenc.matmul(W).exp();
      const loss = counts.div(counts.sum(1, true)).index(arange(7), ints([1, 2, 0, 0, 2, 1, 1])).log().mean().neg();
      const ids = new Map<string, string>(); // tensor ids count every tensor made: renumbered by first appearance
      return toDot(loss).replace(/\b(t|out)\d+\b/g, (id, kind: string) => {
        if (!ids.has(id)) ids.set(id, `${kind}#${ids.size}`);
        return ids.get(id)!;
      });
    };
    setTableRows(false);
    const off = graph();
    setTableRows(true, 0);
    const on = graph();
    expect(on).toBe(off);
  });
});

describe('softmax-like variants (the row-normalise backward and its fallbacks)', () => {
  const VARIANTS: [string, (logits: Tensor) => Tensor][] = [
    ['exp / sum(1, true)', (l) => { const c = l.exp(); return c.div(c.sum(1, true)); }],
    ['exp / sum(-1, true)', (l) => { const c = l.exp(); return c.div(c.sum(-1, true)); }],
    ['exp / sum(1).unsqueeze(1)', (l) => { const c = l.exp(); return c.div(c.sum(1).unsqueeze(1)); }],
    ['relu / sum(1, true)', (l) => { const c = l.relu(); return c.div(c.sum(1, true)); }],
    ['pow(2) / sum(1, true)', (l) => { const c = l.pow(2); return c.div(c.sum(1, true)); }],
    ['exp used twice', (l) => { const c = l.exp(); return c.div(c.sum(1, true)).add(c.mul(0.5)); }],
    ['exp / (sum + 1)', (l) => { const c = l.exp(); return c.div(c.sum(1, true).add(1)); }],
    ['exp / other rows\' sum', (l) => { const c = l.exp(); return c.div(l.exp().sum(1, true)); }],
    ['(exp / sum).log()', (l) => { const c = l.exp(); return c.div(c.sum(1, true)).log(); }],
    ['exp(l).mul(2) / sum', (l) => { const c = l.exp().mul(2); return c.div(c.sum(1, true)); }],
    ['exp / sum, transposed back', (l) => { const c = l.T.contiguous().T.exp(); return c.div(c.sum(1, true)); }],
  ];
  it('probs = variant(xenc @ W), loss = −probs[first, ys].log().mean(), with arange, arange − n, a permutation or duplicates as first index: the same bits', () => {
    fc.assert(fc.property(classesCase, fc.constantFrom(...VARIANTS), fc.constantFrom('arange', 'neg', 'perm', 'dup'), fc.boolean(), ({ C, xs, ys, W }, [name, variant], first, retain) => {
      const n = xs.length;
      const i0 = first === 'arange' ? Array.from({ length: n }, (_, i) => i) : first === 'neg' ? Array.from({ length: n }, (_, i) => i - n)
        : first === 'perm' ? Array.from({ length: n }, (_, i) => n - 1 - i) : Array.from({ length: n }, (_, i) => Math.floor(i / 2));
      same(`softmax variant ${name} (${first})`, () => {
        const Wt = floats(W, [C, C]).requiresGrad_();
        const logits = oneHot(ints(xs), C).float().matmul(Wt);
        const probs = variant(logits);
        if (retain) probs.retainGrad();
        const loss = probs.index(ints(i0), ints(ys)).log().mean().neg();
        loss.backward();
        return [loss, Wt.grad, probs.grad];
      });
    }), { numRuns: 250 });
  });

  it('the one-entry gradient of a transposed view (v = u.T, [m, n]) and of a view with an offset: the same bits', () => {
    fc.assert(fc.property(hookCase, ({ C, m, xs, M }) => {
      const n = xs.length;
      same('transposed v', () => {
        const Mt = floats(M, [C, m]).requiresGrad_();
        const u = oneHot(ints(xs), C).float().matmul(Mt);
        const a = u.T.index(arange(m), ints(Array.from({ length: m }, (_, i) => (i * 5) % n)));
        const b = u.narrow(0, n > 1 ? 1 : 0, n > 1 ? n - 1 : 1);
        const bb = b.index(arange(b.shape[0]), ints(Array.from({ length: b.shape[0] }, (_, i) => i % m)));
        a.sum().add(bb.sum()).backward();
        return [a, bb, Mt.grad];
      });
    }), { numRuns: 150 });
  });

  it('SIMD off (setSimdEnabled(false)): the lecture chain, the same bits', () => {
    const was = isSimdEnabled();
    setSimdEnabled(false);
    try {
      fc.assert(fc.property(classesCase, ({ C, xs, ys, W, reg }) => {
        same('simd off', () => lectureChain(C, xs, ys, W, { reg, retain: true }));
      }), { numRuns: 60 });
    } finally {
      setSimdEnabled(was);
    }
  });
});

// ---------------------------------------------------------------- views and in-place writes

describe('views of table rows and in-place writes into them', () => {
  const VIEWS: [string, (t: Tensor) => Tensor][] = [
    ['T', (t) => t.T], ['transpose.exp', (t) => t.transpose(0, 1).exp()], ['slice rows 1:', (t) => t.index(slice(1)).exp()],
    ['narrow cols', (t) => t.narrow(1, 0, 1).exp()], ['narrow all (same shape)', (t) => t.narrow(0, 0, t.shape[0]).exp()],
    ['view same shape', (t) => t.view(t.shape[0], t.shape[1]).exp()], ['reshape -1', (t) => t.reshape(-1).exp()],
    ['unsqueeze', (t) => t.unsqueeze(0).exp()], ['expand of sum(1, true)', (t) => t.sum(1, true).expand(t.shape[0], 3).exp()],
    ['flip', (t) => t.flip([0]).exp()], ['select row 0', (t) => t.select(0, 0).exp()], ['T.T', (t) => t.T.T.exp()],
    ['T @ T', (t) => t.T.matmul(t)], ['t @ t.T', (t) => t.matmul(t.T)], ['t.T @ t.exp()', (t) => t.T.matmul(t.exp())], ['split', (t) => t.split(2)[0].exp()], ['contiguous of T', (t) => t.T.contiguous().sum(1)],
  ];
  it('ops on views (transposes, slices, expand, offsets) of table rows: the same bits', () => {
    fc.assert(fc.property(hookCase, fc.constantFrom(...VIEWS), ({ C, m, xs, M }, [name, op]) => {
      same(`view ${name}`, () => {
        const t = rowsOf(C, xs, M, m);
        return [op(t), t];
      });
    }), { numRuns: 250 });
  });

  const WRITES: [string, (t: Tensor, u: Tensor) => void][] = [
    ['add_', (t) => { t.add_(1); }], ['mul_ by a row', (t, u) => { t.mul_(u); }], ['.data add_', (t) => { t.data.add_(2); }],
    ['view write', (t) => { t.index(0).fill_(7); }], ['transposed view write', (t) => { t.T.index(0).zero_(); }],
    ['copy_', (t, u) => { t.copy_(u.expand(t.shape[0], t.shape[1])); }], ['write into a derived tensor\'s source', () => { /* none */ }],
  ];
  it('in-place writes into table rows (directly, through .data, through a view) before and after deriving other tensors: the same bits', () => {
    fc.assert(fc.property(hookCase, fc.constantFrom(...WRITES), ({ C, m, xs, M, vec }, [name, write]) => {
      same(`write ${name}`, () => {
        const t = rowsOf(C, xs, M, m);
        const before = t.exp();
        const u = floats(vec, [m]);
        write(t, u);
        const after = t.exp();
        const s = t.sum(1, true);
        return [t, before, after, s, t.add(1)];
      });
    }), { numRuns: 200 });
  });

  it('in-place writes into intermediates of the chain before backward: the same version errors, or the same gradients', () => {
    const targets = ['xenc', 'logits', 'counts', 'probs', 'probs.data', 'counts.data', 'sums.data'] as const;
    fc.assert(fc.property(classesCase, fc.constantFrom(...targets), ({ C, xs, ys, W }, target) => {
      same(`write ${target}`, () => {
        const n = xs.length;
        const Wt = floats(W, [C, C]).requiresGrad_();
        const xenc = oneHot(ints(xs), C).float();
        const logits = xenc.matmul(Wt);
        const counts = logits.exp();
        const sums = counts.sum(1, true);
        const probs = counts.div(sums);
        const loss = probs.index(arange(n), ints(ys)).log().mean().neg();
        if (target === 'xenc') xenc.mul_(2);
        if (target === 'logits') logits.add_(1);
        if (target === 'counts') counts.add_(1);
        if (target === 'probs') probs.mul_(2);
        if (target === 'probs.data') probs.data.mul_(2);
        if (target === 'counts.data') counts.data.add_(1);
        if (target === 'sums.data') sums.data.add_(1);
        loss.backward();
        return [loss, Wt.grad, probs, counts];
      });
    }), { numRuns: 120 });
  });
});

// ---------------------------------------------------------------- memory: tidy, backward, released tensors

describe('memory: tidy and backward', () => {
  it('results returned from tidy stay readable; the graph handed to a returned loss runs backward (the same bits)', () => {
    fc.assert(fc.property(classesCase, ({ C, xs, ys, W }) => {
      same('tidy', () => {
        const Wt = floats(W, [C, C]).requiresGrad_();
        const [loss, probs, logits] = tidy(() => {
          const xenc = oneHot(ints(xs), C).float();
          const lg = xenc.matmul(Wt);
          const counts = lg.exp();
          const p = counts.div(counts.sum(1, true));
          return [p.index(arange(xs.length), ints(ys)).log().mean().neg(), p, lg];
        });
        loss.backward();
        return [loss, Wt.grad, probs, logits];
      });
    }), { numRuns: 80 });
  });

  it('a backward inside tidy, W.grad read after it; a second backward through a freed graph: the same error', () => {
    same('backward in tidy', () => {
      const Wt = floats([0.5, -1, 2, 0.25, 3, -2, 1, 0, -0.5].map(bitsOf), [3, 3]).requiresGrad_();
      const xs = [0, 1, 2, 2, 1, 0, 0, 1, 2, 2, 2, 1, 0];
      const ys = [1, 2, 0, 0, 2, 1, 1, 0, 1, 2, 0, 0, 2];
      const loss = tidy(() => {
        const counts = oneHot(ints(xs), 3).float().matmul(Wt).exp();
        const l = counts.div(counts.sum(1, true)).index(arange(xs.length), ints(ys)).log().mean().neg();
        l.backward();
        return l;
      });
      const g = Wt.grad;
      let second = 'no error';
      try { loss.backward(); } catch (e) { second = (e as Error).message; }
      return [loss, g, Wt.grad, floats([bitsOf(second.length)], [])];
    });
  });

  it('a large table-rows tensor (≥ 64 KiB, the pool\'s size: tracked either way) created in tidy and read after it: the same "released" error; returned or kept: readable', () => {
    const n = 4096, C = 27;
    const xs = Array.from({ length: n }, (_, i) => (i * 7) % C);
    same('large leaked', () => {
      let leaked: Tensor | null = null, kept2: Tensor | null = null;
      const kept = tidy(() => {
        const xenc = oneHot(ints(xs), C).float();
        leaked = xenc.exp();
        kept2 = keep(xenc.sum(1, true));
        return xenc.mul(2);
      });
      return [kept, kept2, leaked];
    });
  });

  it('gradients consumed during backward are released, and nothing the user holds breaks: retained grads and leaf grads of table rows, the same bits', () => {
    const n = 4096, C = 27;
    const xs = Array.from({ length: n }, (_, i) => (i * 7) % C), ys = Array.from({ length: n }, (_, i) => (i * 11) % C);
    const Wb = Array.from({ length: C * C }, (_, i) => bitsOf(Math.fround(Math.sin(i) * 2)));
    for (const threshold of [undefined, 0]) {
      const { off, on } = (() => {
        setTableRows(false);
        const o = outcome(() => lectureChain(C, xs, ys, Wb, { reg: 0.01, retain: true }));
        setTableRows(true, threshold);
        const p = outcome(() => lectureChain(C, xs, ys, Wb, { reg: 0.01, retain: true }));
        setTableRows(true);
        return { off: o, on: p };
      })();
      expectSame(`retained, threshold ${threshold}`, { off, on });
    }
  });
});

describe('large tables (C = 128: the identity and each table ≥ 64 KiB, pooled and tracked by memory scopes)', () => {
  it('the lecture chain inside tidy and its backward (tables made in scopes must outlive them): the same bits, threshold 0 and default', () => {
    const C = 128, n = 2000;
    const xs = Array.from({ length: n }, (_, i) => (i * 37 + (i >> 4)) % C);
    const ys = xs.map((x) => (x * 5 + 3) % C); // 128 distinct (row, column) pairs: the softmax backward's table is 128 × 128
    const Wb = Array.from({ length: C * C }, (_, i) => bitsOf(Math.fround(Math.sin(i * 0.37) * 2)));
    const run = () => {
      const W = floats(Wb, [C, C]).requiresGrad_();
      const [loss, probs, sums] = tidy(() => {
        const xenc = oneHot(ints(xs), C).float();
        const counts = xenc.matmul(W).exp();
        const s = counts.sum(1, true);
        const p = counts.div(s);
        return [p.index(arange(n), ints(ys)).log().mean().neg(), p, s];
      });
      tidy(() => { loss.backward(); });
      const again = tidy(() => oneHot(ints(xs), C).float().matmul(W.grad!).exp());
      return [loss, W.grad, probs, sums, again];
    };
    for (const threshold of [0, undefined]) {
      setTableRows(false);
      const off = outcome(run);
      setTableRows(true, threshold);
      const on = outcome(run);
      setTableRows(true);
      expectSame(`large tables, threshold ${threshold}`, { off, on });
      expect(off.ok, 'the computation itself succeeds').toBe(true);
    }
  });
});

describe('the default threshold (64 KiB) on mid-size tensors: gradients of broadcast leaves, inside tidy', () => {
  it('logits = xenc @ W + b ([C]) scaled by s ([n, 1]), the chain\'s loss, backward in tidy: loss and every leaf\'s gradient, the same bits', () => {
    const n = 1000, C = 27;
    const xs = Array.from({ length: n }, (_, i) => (i * 7 + (i >> 5)) % C), ys = xs.map((x, i) => (x * 3 + (i % 4)) % C);
    const run = () => {
      const W = floats(Array.from({ length: C * C }, (_, i) => bitsOf(Math.fround(Math.sin(i) * 2))), [C, C]).requiresGrad_();
      const b = floats(Array.from({ length: C }, (_, i) => bitsOf(Math.fround(Math.cos(i)))), [C]).requiresGrad_();
      const sc = floats(Array.from({ length: n }, (_, i) => bitsOf(Math.fround(1 + (i % 3) / 7))), [n, 1]).requiresGrad_();
      const loss = tidy(() => {
        const xenc = oneHot(ints(xs), C).float();
        const counts = xenc.matmul(W).add(b).mul(sc).exp();
        const l = counts.div(counts.sum(1, true)).index(arange(n), ints(ys)).log().mean().neg();
        l.backward();
        return l;
      });
      return [loss, W.grad, b.grad, sc.grad];
    };
    setTableRows(false);
    const off = outcome(run);
    setTableRows(true);
    const on = outcome(run);
    expectSame('default threshold, broadcast leaves', { off, on });
    expect(off.ok).toBe(true);
  });
});

describe('writing the rows out (the recipes alone)', () => {
  it('deferRows(table, index).data is the table\'s rows picked by the index, bits copied (NaN payloads, signalling NaNs, −0 kept)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.integer({ min: 0, max: 0xffffffff })), { minLength: 20, maxLength: 20 }), fc.array(fc.nat(), { minLength: 0, maxLength: 12 }), (R, w, tb, raw) => {
      const index = Int32Array.from(raw.map((v) => v % R));
      const table = floats(tb.slice(0, R * w), [R, w]);
      const t = deferRows(table, index);
      expect(t.storage.recipe).not.toBeNull();
      const want: number[] = [];
      for (const k of index) for (let e = 0; e < w; e++) want.push(tb[k * w + e]);
      expect(rawBits(t)).toEqual(want);
    }), { numRuns: 100 });
  });

  it('oneEntryRows(cols, values, width).data: zeros with values[i] at (i, cols[i]), bits kept (quiet NaNs: the values are 0 + g)', () => {
    const values = new Float32Array(Uint32Array.from([0x7fe00001, 0x80000000, 0xffc00123, 0x3f800000]).buffer);
    const t = oneEntryRows(Int32Array.of(2, 0, 1, 2), values, 3);
    expect(rawBits(t)).toEqual([0, 0, 0x7fe00001, 0x80000000, 0, 0, 0, 0xffc00123, 0, 0, 0, 0x3f800000]);
  });
});

// ---------------------------------------------------------------- threads and PyTorch's x86 order

describe('two threads and the PyTorch x86 order', () => {
  it('two threads: the lecture chain and xencᵀ·G on large tensors, the same bits', async () => {
    const before = getNumThreads();
    await startHelperThreads();
    setNumThreads(2);
    try {
      const n = 5000, C = 27;
      const xs = Array.from({ length: n }, (_, i) => (i * 13 + (i >> 3)) % C), ys = Array.from({ length: n }, (_, i) => (i * 5 + (i >> 2)) % C);
      const Wb = Array.from({ length: C * C }, (_, i) => bitsOf(Math.fround(Math.cos(i * 1.7) * 3)));
      same('two threads', () => lectureChain(C, xs, ys, Wb, { reg: 0.01, retain: true }));
      same('two threads, default threshold', () => { setTableRows(true); return lectureChain(C, xs, ys, Wb, { reg: 0.01 }); });
    } finally {
      setNumThreads(before);
    }
  });

  it('setFloat32Arithmetic(\'pytorch-x86\') (OpenBLAS sgemm order, outer sums, SLEEF tanh): the lecture chain and the hooks, the same bits', () => {
    const previous = setFloat32Arithmetic('pytorch-x86');
    try {
      fc.assert(fc.property(classesCase, ({ C, xs, ys, W, reg }) => {
        same('x86 chain', () => lectureChain(C, xs, ys, W, { reg }));
        same('x86 hooks', () => {
          const t = rowsOf(C, xs, W, C);
          return [t.tanh(), t.sum(1), t.sum(0), t.T.matmul(t), t.matmul(floats(W, [C, C]))];
        });
      }), { numRuns: 80 });
    } finally {
      setFloat32Arithmetic(previous);
    }
  });
});

// ---------------------------------------------------------------- the real lecture data

describe('the lecture data (names.txt, 228,146 bigrams), one step', () => {
  it('the library\'s training loop (train: tidy per step, W.data updated in place) on the first 300 names, 6 steps of lr 50, threshold 0: losses and W, the same bits', () => {
    const words = lectureNames().slice(0, 300);
    const vocab = Vocabulary.fromWords(lectureNames());
    const data = trainingSet(words, vocab);
    const C = vocab.size;
    const Wb = Array.from({ length: C * C }, (_, i) => bitsOf(Math.fround(Math.cos(i * 7.31) * 1.5)));
    const run = () => {
      const W = floats(Wb, [C, C]).requiresGrad_();
      const losses = train(W, data, { steps: 6, lr: 50, reg: 0.01 });
      return [Tensor.fromArray(Float64Array.from(losses), [losses.length]), W, W.grad];
    };
    same('train loop', run);
  });

  it('loss and W.grad: the same bits with table rows on (default threshold) and off', () => {
    const words = lectureNames();
    const vocab = Vocabulary.fromWords(words);
    const data = trainingSet(words, vocab);
    expect(data.n).toBe(228146);
    const C = vocab.size;
    const Wb = Array.from({ length: C * C }, (_, i) => bitsOf(Math.fround(Math.sin(i * 12.9898) * 1.5)));
    const step = () => {
      const W = floats(Wb, [C, C]).requiresGrad_();
      const counts = oneHot(data.xs, C).float().matmul(W).exp();
      const probs = counts.div(counts.sum(1, true));
      const loss = probs.index(arange(data.n), data.ys).log().mean().neg().add(W.pow(2).mean().mul(0.01));
      loss.backward();
      return [loss, W.grad];
    };
    setTableRows(false);
    const off = outcome(step);
    setTableRows(true);
    const on = outcome(step);
    expectSame('lecture step', { off, on });
  });
});

// ---------------------------------------------------------------- bugs this file found (fixed since; regression tests)

describe('bugs found by this file, fixed in the engine (were it.fails)', () => {
  it('fixed (was BUG): at the default threshold, a small sum(1) of large table rows is released by tidy (off: readable)', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i % 27);
    const { off, on } = (() => {
      const f = () => {
        let leaked: Tensor | null = null;
        tidy(() => { leaked = oneHot(ints(xs), 27).float().sum(1); return null; });
        return [leaked];
      };
      setTableRows(false);
      const o = outcome(f);
      setTableRows(true); // the default threshold (64 KiB)
      const p = outcome(f);
      return { off: o, on: p };
    })();
    expectSame('small sum leaked from tidy', { off, on });
  });

  it('fixed (was BUG): at the default threshold, a product with few columns (xenc @ w, [1000, 27] @ [27, 1]) is released by tidy (off: readable)', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i % 27);
    const f = () => {
      let leaked: Tensor | null = null;
      const w = floats(Array.from({ length: 27 }, (_, i) => bitsOf(i)), [27, 1]);
      tidy(() => { leaked = oneHot(ints(xs), 27).float().matmul(w); return null; });
      return [leaked];
    };
    setTableRows(false);
    const off = outcome(f);
    setTableRows(true);
    const on = outcome(f);
    expectSame('small product leaked from tidy', { off, on });
  });

  it('fixed (was BUG): with a threshold below the pool\'s size, a small table-rows tensor is tracked and released by tidy (off: small storages are never tracked)', () => {
    same('small leaked', () => {
      let leaked: Tensor | null = null;
      tidy(() => { leaked = oneHot(ints([0, 1, 1, 0, 2]), 3).float(); return null; });
      return [leaked];
    });
  });

  it('fixed (was BUG): an int32 sum(1) throws for an overflowing table row that no row uses (default threshold)', () => {
    const f = () => {
      const h = oneHot(Tensor.fromArray(new Int32Array(100000), [100000], 'int32'), 3); // every row is class 0
      return [h.mul(ints([1, 2147483647, 1])).add(ints([1, 0, 0])).sum(1)]; // class 1's row would sum to 2³¹
    };
    setTableRows(false);
    const off = outcome(f);
    setTableRows(true);
    const on = outcome(f);
    expectSame('unused overflowing row', { off, on });
  });

  it('fixed (was BUG): an int32 sum(1) overflow error names the first overflowing table row, not the first overflowing row', () => {
    same('overflow order', () => {
      const h = oneHot(ints([1, 0, 1]), 2);
      return [h.mul(ints([-2147483647, 2147483647])).add(ints([-5, 5])).sum(1)];
    });
  });
});
