/**
 * The engine's WebAssembly SIMD kernels, assembled at start-up by `wasm-encoder.ts`.
 *
 * They read and write the module's memory. Tensors whose storage lives in it (`arena.ts`, the
 * large tensors made inside `tidy` and `backward`) are used in place; for the others the drivers
 * in `elementwise.ts` copy a chunk of each operand into a scratch region at the start of the
 * memory (`SCRATCH_BYTES`), call a kernel, and copy the result out. Every kernel computes exactly what the plain
 * TypeScript loop computes, bit for bit:
 *
 * - `add|sub|mul|div_<a><b>`: float32 arithmetic, 4 lanes at a time. IEEE float32 operations are
 *   correctly rounded, and so is JavaScript's double result of two float32 operands rounded to
 *   float32 (a double holds more than twice float32's 24 bits, so rounding twice is harmless).
 *   Operand layouts: `F` full (`rows × cols` contiguous), `R` one value per row (`rows`
 *   contiguous), `S` one scalar.
 * - `exp_f32`: the algorithm of `fast/exp-f32.ts` in float64 pairs (the same operations in the
 *   same order, so the same double `d`), rounded to float32: `Math.fround(Math.exp(x))` for every
 *   float32 input in its range (checked exhaustively, see `expKernel`); pairs with an input out of
 *   range or NaN are listed for the driver to redo with `expF32`.
 * - `i32_to_f32`: int32 → float32 conversion (round to nearest even, as `Math.fround`).
 *
 * `kernels` is null where WebAssembly SIMD is not available or cannot be compiled (a page's
 * Content-Security-Policy without `'wasm-unsafe-eval'`: one warning, see `warnNoCompilation`); the
 * drivers then decline and the plain loops run, with the same results.
 */
import { Code, encodeModule, F32, I32, V128, type FunctionDef } from './wasm-encoder.js';
import { EXP_TABLES } from './exp-f32.js';
import { startupThreads } from './thread-count.js';
import { attachArena } from '../memory/arena.js';

/** Bytes of scratch memory: four regions of `CHUNK` floats plus the exp tables and pair list. */
export const SCRATCH_BYTES = 8 * 65536;
/** Elements per chunk (64 KiB of float32: the operands of a chunk stay in the core's L2 cache). */
export const CHUNK = 16384;
/** Byte offsets of the scratch regions. */
export const REGION = { a: 0, b: CHUNK * 4, out: 2 * CHUNK * 4, list: 3 * CHUNK * 4, frac: 4 * CHUNK * 4, b32: 5 * CHUNK * 4, threads: 6 * CHUNK * 4 } as const;

/** The binary ops with SIMD kernels. */
export type SimdBinaryOp = 'add' | 'sub' | 'mul' | 'div';
/** Operand layout of a binary kernel: full, per row, scalar. */
export type Layout = 'F' | 'R' | 'S';

/** The part of the WebAssembly JavaScript API used here (TypeScript's ES2022 lib does not declare it). */
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number; maximum: number; shared?: boolean }) => Kernels['memory'];
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** The instantiated kernels (byte offsets into `memory` as pointers). */
export interface Kernels {
  /** The memory (fixed size, never grown): scratch regions at the start, the tensor arena after them. */
  memory: { readonly buffer: ArrayBuffer };
  /** The memory's buffer (a SharedArrayBuffer when `shared`). */
  buffer: ArrayBuffer;
  /** Whether the memory is shared, so that worker threads can run the kernels on it (`threads.ts`). */
  shared: boolean;
  /** The compiled module (a worker instantiates it on the same memory). */
  module: object;
  /** Every kernel by its export name. */
  exports: Record<string, unknown>;
  /** Sets `bytes` bytes from byte offset `at` to zero (`memory.fill`: typed-array `fill` is slow on shared memory). */
  fillZero: (at: number, bytes: number) => void;
  /** `out = a op b` over `rows` rows of `cols`; `overlapOk` = 1 when out shares no memory with a or b. */
  binary: Record<string, (out: number, a: number, b: number, rows: number, cols: number, overlapOk: number) => void>;
  /** exp of `n` floats (n a multiple of 4); returns how many pairs it listed at REGION.list. */
  exp: (out: number, x: number, n: number, list: number) => number;
  /** int32 → float32 of `n` elements (n a multiple of 4). */
  i32ToF32: (out: number, x: number, n: number) => void;
  /** See `sparseAKernel`. */
  gemmSparseA: (out: number, a: number, b32: number, rows: number, k: number, m: number, m4: number) => void;
  /** See `colSumKernel`. */
  colSum: (acc: number, x: number, rows: number, cols: number, ld: number) => void;
  /** See `allFiniteKernel`. */
  allFinite: (x: number, n: number) => number;
  /** See `rowSumKernel`. */
  rowSum: (out: number, x: number, rows: number, n: number) => void;
  /** See `gemmF32Kernel`. */
  gemmF32: (c: number, ldc: number, a: number, lda: number, bp: number, rows: number, m: number, k: number) => void;
  /** See `kijKernel`. */
  gemmKIJ: (acc: number, a: number, b: number, kc: number, n: number, m: number, mp: number, lda: number) => void;
}

const LAYOUTS: Layout[] = ['F', 'R', 'S'];

function binaryKernel(op: SimdBinaryOp, la: Layout, lb: Layout): FunctionDef {
  // params: out, a, b, rows, cols, overlapOk; locals: r, j, outRow, aRow, bRow (i32), va, vb (v128), sa, sb (f32)
  const OUT = 0, A = 1, B = 2, ROWS = 3, COLS = 4, OVERLAP = 5, R = 6, J = 7, OROW = 8, AROW = 9, BROW = 10, VA = 11, VB = 12, SA = 13, SB = 14;
  const c = new Code();
  const vop = () => ({ add: c.f32x4Add, sub: c.f32x4Sub, mul: c.f32x4Mul, div: c.f32x4Div })[op].call(c);
  const sop = () => ({ add: c.f32Add, sub: c.f32Sub, mul: c.f32Mul, div: c.f32Div })[op].call(c);
  /** out[j … j+3] = a[j … j+3] op b[j … j+3] of the current row. */
  const vectorAtJ = () => {
    c.get(OROW).get(J).i32Const(2).i32Shl().i32Add();
    if (la === 'F') c.get(AROW).get(J).i32Const(2).i32Shl().i32Add().v128Load(); else c.get(VA);
    if (lb === 'F') c.get(BROW).get(J).i32Const(2).i32Shl().i32Add().v128Load(); else c.get(VB);
    vop();
    c.v128Store();
  };
  // a scalar operand is the same for every row: load it once
  if (la === 'S') c.get(A).f32Load().tee(SA).f32x4Splat().set(VA);
  if (lb === 'S') c.get(B).f32Load().tee(SB).f32x4Splat().set(VB);
  c.i32Const(0).set(R);
  c.block().loop();
  {
    c.get(R).get(ROWS).i32GeS().brIf(1);
    // byte offset of row r in a full operand: r·cols·4
    c.get(R).get(COLS).i32Mul().i32Const(2).i32Shl().set(J);
    c.get(OUT).get(J).i32Add().set(OROW);
    for (const [l, base, row, s, v] of [[la, A, AROW, SA, VA], [lb, B, BROW, SB, VB]] as const) {
      if (l === 'F') c.get(base).get(J).i32Add().set(row);
      if (l === 'R') c.get(base).get(R).i32Const(2).i32Shl().i32Add().f32Load().tee(s).f32x4Splat().set(v);
    }
    // 4 lanes at a time
    c.i32Const(0).set(J);
    c.block().loop();
    {
      c.get(J).i32Const(4).i32Add().get(COLS).i32GtS().brIf(1);
      vectorAtJ();
      c.get(J).i32Const(4).i32Add().set(J).br(0);
    }
    c.end().end();
    // the last cols % 4 elements: when the output overlaps no input and the row has 4 elements,
    // redo the row's last 4 as one vector (the overlap rewrites equal values) …
    c.get(OVERLAP).get(COLS).i32Const(4).i32GeS().i32And().get(J).get(COLS).i32LtS().i32And();
    c.if();
    c.get(COLS).i32Const(4).i32Sub().set(J);
    vectorAtJ();
    c.get(COLS).set(J);
    c.end();
    // … otherwise one at a time
    c.block().loop();
    {
      c.get(J).get(COLS).i32GeS().brIf(1);
      c.get(OROW).get(J).i32Const(2).i32Shl().i32Add();
      if (la === 'F') c.get(AROW).get(J).i32Const(2).i32Shl().i32Add().f32Load(); else c.get(SA);
      if (lb === 'F') c.get(BROW).get(J).i32Const(2).i32Shl().i32Add().f32Load(); else c.get(SB);
      sop();
      c.f32Store();
      c.get(J).i32Const(1).i32Add().set(J).br(0);
    }
    c.end().end();
    c.get(R).i32Const(1).i32Add().set(R).br(0);
  }
  c.end().end();
  return { name: `${op}_${la}${lb}`, params: [I32, I32, I32, I32, I32, I32], results: [], locals: [I32, I32, I32, I32, I32, V128, V128, F32, F32], body: c };
}

function fillZeroKernel(): FunctionDef {
  const c = new Code();
  c.get(0).i32Const(0).get(1).memoryFill();
  return { name: 'fill_zero', params: [I32, I32], results: [], locals: [], body: c };
}

function i32ToF32Kernel(): FunctionDef {
  const OUT = 0, X = 1, N = 2, I = 3;
  const c = new Code();
  c.i32Const(0).set(I);
  c.block().loop();
  c.get(I).get(N).i32GeS().brIf(1);
  c.get(OUT).get(I).i32Const(2).i32Shl().i32Add();
  c.get(X).get(I).i32Const(2).i32Shl().i32Add().v128Load();
  c.f32x4ConvertI32x4S().v128Store();
  c.get(I).i32Const(4).i32Add().set(I).br(0);
  c.end().end();
  return { name: 'i32_to_f32', params: [I32, I32, I32], results: [], locals: [I32], body: c };
}

/**
 * exp of n floats, 4 per iteration as two float64 pairs, following `expCore` in fast/exp-f32.ts
 * operation by operation:
 *   k = x·INV_STEP + ROUND − ROUND;  t = x − k·STEP_HI − k·STEP_LO;  ki = int(k)
 *   d = 2^(ki >> 6) · FRAC[ki & 63] · (1 + t(1 + t(1/2 + t(1/6 + t(1/24 + t/120)))))
 * 2^(ki >> 6) is built from its exponent bits (exact, as the table it replaces); FRAC is read
 * from the table at REGION.frac. A pair is listed (for the driver to redo with `expF32`) unless
 * both inputs are in (−104, 88.7): NaN, infinities, overflow and the deepest underflow.
 *
 * Inside that range `fround(d)` is `Math.fround(Math.exp(x))` for every float32 x: checked
 * exhaustively, all 2,240,020,480 float32 inputs in (−105, 89), 0 mismatches (the opt-in test
 * in spec/fast-paths/simd.spec.ts, `MAKEMORE_LONG_TESTS=1`). d is within about 2^-50 of e^x, and no
 * float32 input has e^x that close to a float32 rounding midpoint. (`expF32` in TypeScript tests
 * each result against its error bound instead, and falls back to `Math.exp` when unsure; the
 * kernel used to do the same, at a cost of a third of its time.) The computation is IEEE double
 * arithmetic without fused operations, so every WebAssembly engine gives the same d.
 */
function expKernel(): FunctionDef {
  const { INV_STEP, STEP_HI, STEP_LO, ROUND } = EXP_TABLES;
  // params out, x, n, list; locals: i, count (i32), v, x2, k, t, ki, d, lo, safe, safe2 (v128)
  const OUT = 0, X = 1, N = 2, LIST = 3, I = 4, COUNT = 5, V = 6, X2 = 7, K = 8, T = 9, KI = 10, D = 11, LO = 12;
  const SAFE = 13, SAFE2 = 14;
  const c = new Code();
  // every constant splatted into a v128 local once, before the loop
  const constants = [INV_STEP, ROUND, STEP_HI, STEP_LO, 1 / 120, 1 / 24, 1 / 6, 0.5, 1, -104, 88.7];
  const local = new Map(constants.map((v, i) => [v, 15 + i]));
  for (const [v, i] of local) c.f64Const(v).f64x2Splat().set(i);
  const splat = (v: number) => c.get(local.get(v)!);
  /** d for the pair in local X2 (left in D); pushes a mask with all bits set in the lanes that are safe. */
  const pair = () => {
    c.get(X2); splat(INV_STEP); c.f64x2Mul(); splat(ROUND); c.f64x2Add(); splat(ROUND); c.f64x2Sub().set(K);
    c.get(X2).get(K); splat(STEP_HI); c.f64x2Mul().f64x2Sub().get(K); splat(STEP_LO); c.f64x2Mul().f64x2Sub().set(T);
    c.get(K).i32x4TruncSatF64x2SZero().set(KI);
    // 2^(ki >> 6): exponent bits (ki >> 6) + 1023 shifted into place
    c.get(KI).i32Const(6).i32x4ShrS().i32Const(1023).i32x4Splat().i32x4Add().i64x2ExtendLowI32x4S().i32Const(52).i64x2Shl();
    // · FRAC[ki & 63], lane by lane
    c.get(KI).i32x4ExtractLane(0).i32Const(63).i32And().i32Const(3).i32Shl().f64Load(REGION.frac).f64x2Splat();
    c.get(KI).i32x4ExtractLane(1).i32Const(63).i32And().i32Const(3).i32Shl().f64Load(REGION.frac).f64x2ReplaceLane(1);
    c.f64x2Mul();
    // · the polynomial, innermost first (the same order as the TypeScript expression)
    c.get(T); splat(1 / 120); c.f64x2Mul(); splat(1 / 24); c.f64x2Add();
    c.get(T).f64x2Mul(); splat(1 / 6); c.f64x2Add();
    c.get(T).f64x2Mul(); splat(0.5); c.f64x2Add();
    c.get(T).f64x2Mul(); splat(1); c.f64x2Add();
    c.get(T).f64x2Mul(); splat(1); c.f64x2Add();
    c.f64x2Mul().set(D);
    // safe (all bits set, per lane): −104 < x < 88.7 (false for NaN); see the function comment
    c.get(X2); splat(-104); c.f64x2Gt().get(X2); splat(88.7); c.f64x2Lt().v128And();
  };
  /** List the pair starting at element `i + offset` unless the mask on the stack is all ones. */
  const listUnlessSafe = (offset: number) => {
    c.i64x2AllTrue().i32Eqz().if();
    c.get(LIST).get(COUNT).i32Const(2).i32Shl().i32Add().get(I).i32Const(offset).i32Add().i32Store();
    c.get(COUNT).i32Const(1).i32Add().set(COUNT);
    c.end();
  };
  c.i32Const(0).set(I);
  c.i32Const(0).set(COUNT);
  c.block().loop();
  {
    c.get(I).get(N).i32GeS().brIf(1);
    c.get(X).get(I).i32Const(2).i32Shl().i32Add().v128Load().tee(V).f64x2PromoteLowF32x4().set(X2);
    pair();
    c.set(SAFE);
    c.get(D).f32x4DemoteF64x2Zero().set(LO);
    // lanes 2, 3 moved down
    c.get(V).get(V).i8x16Shuffle([8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7]).f64x2PromoteLowF32x4().set(X2);
    pair();
    c.set(SAFE2);
    // one test for the four lanes; the pairs one by one only when it fails
    c.get(SAFE).get(SAFE2).v128And().i64x2AllTrue().i32Eqz().if();
    c.get(SAFE);
    listUnlessSafe(0);
    c.get(SAFE2);
    listUnlessSafe(2);
    c.end();
    c.get(OUT).get(I).i32Const(2).i32Shl().i32Add();
    c.get(LO).get(D).f32x4DemoteF64x2Zero().i8x16Shuffle([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]);
    c.v128Store();
    c.get(I).i32Const(4).i32Add().set(I).br(0);
  }
  c.end().end();
  c.get(COUNT);
  return { name: 'exp_f32', params: [I32, I32, I32, I32], results: [I32], locals: [I32, I32, ...Array<number>(9 + constants.length).fill(V128)], body: c };
}

/**
 * Emit `for (idx = 0; idx < end;) step()` where `step` handles element idx (and advances idx),
 * skipping four elements at once while all four are zero: `addr` pushes the byte address of
 * element idx. The order of the steps is unchanged: zeros are skipped, nothing is reordered.
 */
function scanNonZero(c: Code, addr: () => void, idx: number, end: number, step: () => void): void {
  c.i32Const(0).set(idx);
  c.block().loop();
  {
    c.get(idx).i32Const(4).i32Add().get(end).i32GtS().brIf(1);
    addr();
    c.v128Load().f32Const0().f32x4Splat().f32x4Ne().v128AnyTrue();
    c.if();
    for (let q = 0; q < 4; q++) step();
    c.else();
    c.get(idx).i32Const(4).i32Add().set(idx);
    c.end();
    c.br(0);
  }
  c.end().end();
  c.block().loop();
  c.get(idx).get(end).i32GeS().brIf(1);
  step();
  c.br(0);
  c.end().end();
}

/**
 * C = A·B in float32 for a mostly-zero A (`gemm.ts` gemmSparseA): for each of `rows` rows of
 * A (`k` float32, contiguous), the row of C (`m` floats) starts at +0 and takes
 * `c = fl(c + fl(a·B[p, :]))` for each non-zero a = A[r,p], in order p = 0 … k−1 (the plain
 * float32 loop, with its zero terms skipped: see `fastGemm` in gemm.ts). B is given in float32 at
 * `b32`, `m4` (m rounded up to a multiple of 4) floats per row. Rows of C are written four floats
 * at a time, then one at a time: nothing past a row, so parts of the rows can run on different
 * threads.
 */
function sparseAKernel(): FunctionDef {
  const OUT = 0, A = 1, B32 = 2, ROWS = 3, K = 4, M = 5, M4 = 6;
  const R = 7, P = 8, J = 9, ROW = 10, AV = 11, ZERO = 12, BROW = 13, SA = 14;
  const c = new Code();
  const aAddr = () => c.get(A).get(R).get(K).i32Mul().get(P).i32Add().i32Const(2).i32Shl().i32Add();
  const rowAt = () => c.get(ROW).get(J).i32Const(2).i32Shl().i32Add();
  /** for (j = 0; j + 4 ≤ m; j += 4) vector(); for (; j < m; j++) scalar(): nothing past the row. */
  const columns = (vector: () => void, scalar: () => void) => {
    c.i32Const(0).set(J);
    c.block().loop();
    c.get(J).i32Const(4).i32Add().get(M).i32GtS().brIf(1);
    vector();
    c.get(J).i32Const(4).i32Add().set(J).br(0);
    c.end().end();
    c.block().loop();
    c.get(J).get(M).i32GeS().brIf(1);
    scalar();
    c.get(J).i32Const(1).i32Add().set(J).br(0);
    c.end().end();
  };
  c.f32Const0().f32x4Splat().set(ZERO);
  c.i32Const(0).set(R);
  c.block().loop();
  {
    c.get(R).get(ROWS).i32GeS().brIf(1);
    c.get(OUT).get(R).get(M).i32Mul().i32Const(2).i32Shl().i32Add().set(ROW);
    // the row = +0
    columns(() => { rowAt(); c.get(ZERO).v128Store(); }, () => { rowAt(); c.f32Const0().f32Store(); });
    // row += A[r,p] · B[p,:] for the non-zero A[r,p] (four A values are tested at once first)
    const accumulate = () => {
      aAddr();
      c.f32Load().f32Const0().f32Ne();
      c.if();
      aAddr();
      c.f32Load().tee(SA).f32x4Splat().set(AV);
      c.get(B32).get(P).get(M4).i32Mul().i32Const(2).i32Shl().i32Add().set(BROW);
      columns(() => {
        rowAt();
        rowAt(); c.v128Load();
        c.get(AV).get(BROW).get(J).i32Const(2).i32Shl().i32Add().v128Load().f32x4Mul();
        c.f32x4Add().v128Store();
      }, () => {
        rowAt();
        rowAt(); c.f32Load();
        c.get(SA).get(BROW).get(J).i32Const(2).i32Shl().i32Add().f32Load().f32Mul();
        c.f32Add().f32Store();
      });
      c.end();
      c.get(P).i32Const(1).i32Add().set(P);
    };
    scanNonZero(c, aAddr, P, K, accumulate);
    c.get(R).i32Const(1).i32Add().set(R).br(0);
  }
  c.end().end();
  return {
    name: 'gemm_sparse_a', params: [I32, I32, I32, I32, I32, I32, I32], results: [],
    locals: [I32, I32, I32, I32, V128, V128, I32, F32], body: c,
  };
}

/**
 * The k-i-j loop of `gemm.ts` gemmKIJ over `kc` values of p: for each p and each i with
 * A[i,p] ≠ 0, `acc[i,:] += A[i,p]·B[p,:]` in float64. A is given column by column (`n` float32
 * per p, `lda` apart: Aᵀ row-major, or a range of its columns), B row by row (`m` float32 per
 * p). `acc` holds n rows of `mp` doubles (m rounded up to a multiple of 4); the lanes past m
 * collect garbage and are ignored.
 */
function kijKernel(): FunctionDef {
  const ACC = 0, A = 1, B = 2, KC = 3, N = 4, M = 5, MP = 6, LDA = 7, P = 8, I = 9, J = 10, AV = 11, BV = 12, ROW = 13;
  const c = new Code();
  c.i32Const(0).set(P);
  c.block().loop();
  {
    c.get(P).get(KC).i32GeS().brIf(1);
    const accumulate = () => {
      c.get(A).get(P).get(LDA).i32Mul().get(I).i32Add().i32Const(2).i32Shl().i32Add().f32Load().f32Const0().f32Ne();
      c.if();
      c.get(A).get(P).get(LDA).i32Mul().get(I).i32Add().i32Const(2).i32Shl().i32Add().f32Load().f64PromoteF32().f64x2Splat().set(AV);
      c.get(ACC).get(I).get(MP).i32Mul().i32Const(3).i32Shl().i32Add().set(ROW);
      c.i32Const(0).set(J);
      c.block().loop();
      {
        c.get(J).get(M).i32GeS().brIf(1);
        c.get(B).get(P).get(M).i32Mul().get(J).i32Add().i32Const(2).i32Shl().i32Add().v128Load().set(BV);
        // lanes 0, 1
        c.get(ROW).get(J).i32Const(3).i32Shl().i32Add();
        c.get(ROW).get(J).i32Const(3).i32Shl().i32Add().v128Load();
        c.get(AV).get(BV).f64x2PromoteLowF32x4().f64x2Mul().f64x2Add().v128Store();
        // lanes 2, 3
        c.get(ROW).get(J).i32Const(3).i32Shl().i32Add();
        c.get(ROW).get(J).i32Const(3).i32Shl().i32Add().v128Load(16);
        c.get(AV).get(BV).get(BV).i8x16Shuffle([8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7]).f64x2PromoteLowF32x4().f64x2Mul().f64x2Add().v128Store(16);
        c.get(J).i32Const(4).i32Add().set(J).br(0);
      }
      c.end().end();
      c.end();
      c.get(I).i32Const(1).i32Add().set(I);
    };
    scanNonZero(c, () => c.get(A).get(P).get(LDA).i32Mul().get(I).i32Add().i32Const(2).i32Shl().i32Add(), I, N, accumulate);
    c.get(P).i32Const(1).i32Add().set(P).br(0);
  }
  c.end().end();
  return { name: 'gemm_kij', params: [I32, I32, I32, I32, I32, I32, I32, I32], results: [], locals: [I32, I32, I32, V128, V128, I32], body: c };
}

/**
 * Dense C = A·B in float32 (`gemm.ts` gemmBlocked for float32; `plainGemm` in ops/matmul.ts is the reference): every element is
 * `acc = fl(acc + fl(a·b))` from acc = +0, in order p = 0 … k−1 (a multiply and an add, each
 * rounded to float32: no fused multiply-add), as the plain loop computes it.
 *
 * Blocks of 4 rows × 8 columns of C are held in eight f32x4 accumulators while p runs over the
 * whole of k (no k blocking, so an element's sum is never split or reordered):
 * - A: `rows` (≥ 4) rows of k floats, `lda` floats apart. When rows is not a multiple of 4, the last
 *   block is rows rows−4 … rows−1, overlapping the block before it: it rewrites equal values.
 * - B: packed by the driver into panels of 8 columns, 32 bytes per p: panel jb holds
 *   B[p, c0 … c0+7] with c0 = min(8·jb, m − 8) (m ≥ 8), so the last panel, too, may overlap the
 *   one before it.
 * - C: `ldc` floats per row; the block of panel jb is written at column c0.
 */
function gemmF32Kernel(): FunctionDef {
  const C = 0, LDC = 1, A = 2, LDA = 3, BP = 4, ROWS = 5, M = 6, K = 7;
  const R = 8, R0 = 9, JB = 10, NBJ = 11, C0 = 12, P = 13, A0 = 14, PB = 18, CBLK = 19;
  const B0 = 20, B1 = 21, AV = 22, ACC = 23; // ACC + 2r + v: row r, lanes 4v … 4v+3
  const c = new Code();
  /** min(x, y) of two i32 locals' values pushed by the callbacks. */
  const min = (x: () => void, y: () => void) => { x(); y(); x(); y(); c.i32LtS().select(); };
  c.get(M).i32Const(7).i32Add().i32Const(3).i32ShrS().set(NBJ);
  c.i32Const(0).set(R);
  c.block().loop();
  {
    c.get(R).get(ROWS).i32GeS().brIf(1);
    min(() => c.get(R), () => c.get(ROWS).i32Const(4).i32Sub());
    c.set(R0);
    c.i32Const(0).set(JB);
    c.block().loop();
    {
      c.get(JB).get(NBJ).i32GeS().brIf(1);
      min(() => c.get(JB).i32Const(3).i32Shl(), () => c.get(M).i32Const(8).i32Sub());
      c.set(C0);
      c.get(C).get(R0).get(LDC).i32Mul().get(C0).i32Add().i32Const(2).i32Shl().i32Add().set(CBLK);
      c.get(A).get(R0).get(LDA).i32Mul().i32Const(2).i32Shl().i32Add().set(A0);
      for (let r = 1; r < 4; r++) c.get(A0 + r - 1).get(LDA).i32Const(2).i32Shl().i32Add().set(A0 + r);
      c.get(BP).get(JB).get(K).i32Mul().i32Const(5).i32Shl().i32Add().set(PB);
      for (let q = 0; q < 8; q++) c.f32Const0().f32x4Splat().set(ACC + q);
      c.i32Const(0).set(P);
      c.block().loop();
      {
        c.get(P).get(K).i32GeS().brIf(1);
        c.get(PB).v128Load().set(B0);
        c.get(PB).v128Load(16).set(B1);
        for (let r = 0; r < 4; r++) {
          c.get(A0 + r).v128Load32Splat().set(AV);
          c.get(ACC + 2 * r).get(AV).get(B0).f32x4Mul().f32x4Add().set(ACC + 2 * r);
          c.get(ACC + 2 * r + 1).get(AV).get(B1).f32x4Mul().f32x4Add().set(ACC + 2 * r + 1);
          c.get(A0 + r).i32Const(4).i32Add().set(A0 + r);
        }
        c.get(PB).i32Const(32).i32Add().set(PB);
        c.get(P).i32Const(1).i32Add().set(P).br(0);
      }
      c.end().end();
      for (let r = 0; r < 4; r++) {
        c.get(CBLK).get(ACC + 2 * r).v128Store();
        c.get(CBLK).get(ACC + 2 * r + 1).v128Store(16);
        if (r < 3) c.get(CBLK).get(LDC).i32Const(2).i32Shl().i32Add().set(CBLK);
      }
      c.get(JB).i32Const(1).i32Add().set(JB).br(0);
    }
    c.end().end();
    c.get(R).i32Const(4).i32Add().set(R).br(0);
  }
  c.end().end();
  return {
    name: 'gemm_f32', params: [I32, I32, I32, I32, I32, I32, I32, I32], results: [],
    locals: [...Array<number>(12).fill(I32), ...Array<number>(11).fill(V128)], body: c,
  };
}

/**
 * Row sums in PyTorch's float32 order (`ops/cascade-sum.ts`) for rows of 8 ≤ n < 32 floats, the
 * case where ATen adds the ⌊n/8⌋ vectors of 8 lanes in order: lanes = (0 + v0 + v1 + v2) + 0
 * (two f32x4 accumulators; float32 lane adds round as `Math.fround`), then the sum is
 * `((0 + tail…) + lane0) + … + lane7`, left to right. `rows` rows of `n`, contiguous; one float
 * per row to `out`.
 */
function rowSumKernel(): FunctionDef {
  const OUT = 0, X = 1, ROWS = 2, N = 3, R = 4, V = 5, ROW = 6, NVEC = 7, L0 = 8, L1 = 9, ZERO = 10, ACC = 11;
  const c = new Code();
  c.f32Const0().f32x4Splat().set(ZERO);
  c.get(N).i32Const(3).i32ShrS().set(NVEC);
  c.i32Const(0).set(R);
  c.block().loop();
  {
    c.get(R).get(ROWS).i32GeS().brIf(1);
    c.get(X).get(R).get(N).i32Mul().i32Const(2).i32Shl().i32Add().set(ROW);
    c.get(ZERO).set(L0);
    c.get(ZERO).set(L1);
    c.i32Const(0).set(V);
    c.block().loop();
    c.get(V).get(NVEC).i32GeS().brIf(1);
    c.get(L0).get(ROW).get(V).i32Const(5).i32Shl().i32Add().v128Load().f32x4Add().set(L0);
    c.get(L1).get(ROW).get(V).i32Const(5).i32Shl().i32Add().v128Load(16).f32x4Add().set(L1);
    c.get(V).i32Const(1).i32Add().set(V).br(0);
    c.end().end();
    c.get(L0).get(ZERO).f32x4Add().set(L0);
    c.get(L1).get(ZERO).f32x4Add().set(L1);
    // the tail, then the 8 lanes, one at a time
    c.f32Const0().set(ACC);
    c.get(NVEC).i32Const(3).i32Shl().set(V);
    c.block().loop();
    c.get(V).get(N).i32GeS().brIf(1);
    c.get(ACC).get(ROW).get(V).i32Const(2).i32Shl().i32Add().f32Load().f32Add().set(ACC);
    c.get(V).i32Const(1).i32Add().set(V).br(0);
    c.end().end();
    for (let l = 0; l < 4; l++) c.get(ACC).get(L0).f32x4ExtractLane(l).f32Add().set(ACC);
    for (let l = 0; l < 4; l++) c.get(ACC).get(L1).f32x4ExtractLane(l).f32Add().set(ACC);
    c.get(OUT).get(R).i32Const(2).i32Shl().i32Add().get(ACC).f32Store();
    c.get(R).i32Const(1).i32Add().set(R).br(0);
  }
  c.end().end();
  return { name: 'row_sum_f32', params: [I32, I32, I32, I32], results: [], locals: [I32, I32, I32, I32, V128, V128, V128, F32], body: c };
}

/** 1 when all `n` floats at `x` (n a multiple of 4) are finite, else 0: x − x is 0 exactly for finite x, NaN otherwise. */
function allFiniteKernel(): FunctionDef {
  const X = 0, N = 1, I = 2;
  const c = new Code();
  c.i32Const(0).set(I);
  c.block().loop();
  {
    c.get(I).get(N).i32GeS().brIf(1);
    c.get(X).get(I).i32Const(2).i32Shl().i32Add().v128Load().tee(3);
    c.get(3).f32x4Sub().f32Const0().f32x4Splat().f32x4Eq().i32x4AllTrue().i32Eqz();
    c.if().i32Const(0).return().end();
    c.get(I).i32Const(4).i32Add().set(I).br(0);
  }
  c.end().end();
  c.i32Const(1);
  return { name: 'all_finite', params: [I32, I32], results: [I32], locals: [I32, V128], body: c };
}

/**
 * Column sums in float64: `acc[j] += x[i, j]` for each of `rows` rows of `cols` float32 (`ld`
 * floats apart: a whole row, or a range of its columns), row after row (the order of the
 * TypeScript loop in `ops/reduce.ts`, so the same sums). `acc` holds `cols` doubles and is not
 * cleared here.
 */
function colSumKernel(): FunctionDef {
  const ACC = 0, X = 1, ROWS = 2, COLS = 3, LD = 4, I = 5, J = 6, ROW = 7, V = 8;
  const c = new Code();
  const accAt = (offset = 0) => c.get(ACC).get(J).i32Const(3).i32Shl().i32Add().v128Load(offset);
  c.i32Const(0).set(I);
  c.block().loop();
  {
    c.get(I).get(ROWS).i32GeS().brIf(1);
    c.get(X).get(I).get(LD).i32Mul().i32Const(2).i32Shl().i32Add().set(ROW);
    c.i32Const(0).set(J);
    c.block().loop();
    {
      c.get(J).i32Const(4).i32Add().get(COLS).i32GtS().brIf(1);
      c.get(ROW).get(J).i32Const(2).i32Shl().i32Add().v128Load().set(V);
      c.get(ACC).get(J).i32Const(3).i32Shl().i32Add();
      accAt();
      c.get(V).f64x2PromoteLowF32x4().f64x2Add().v128Store();
      c.get(ACC).get(J).i32Const(3).i32Shl().i32Add();
      accAt(16);
      c.get(V).get(V).i8x16Shuffle([8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7]).f64x2PromoteLowF32x4().f64x2Add().v128Store(16);
      c.get(J).i32Const(4).i32Add().set(J).br(0);
    }
    c.end().end();
    c.block().loop();
    {
      c.get(J).get(COLS).i32GeS().brIf(1);
      c.get(ACC).get(J).i32Const(3).i32Shl().i32Add();
      c.get(ACC).get(J).i32Const(3).i32Shl().i32Add().f64Load();
      c.get(ROW).get(J).i32Const(2).i32Shl().i32Add().f32Load().f64PromoteF32().f64Add().f64Store();
      c.get(J).i32Const(1).i32Add().set(J).br(0);
    }
    c.end().end();
    c.get(I).i32Const(1).i32Add().set(I).br(0);
  }
  c.end().end();
  return { name: 'col_sum_f64', params: [I32, I32, I32, I32, I32], results: [], locals: [I32, I32, I32, V128], body: c };
}

/** Pages of the scratch regions at the start of the memory. */
const SCRATCH_PAGES = SCRATCH_BYTES / 65536;
/** Memory sizes to try, in pages (1 GiB first): the arena (`arena.ts`) is what the scratch leaves. */
const MEMORY_PAGES = [16384, 8192, 4096, 2048, SCRATCH_PAGES];

function binaryDefinitions(): FunctionDef[] {
  const binaryDefs: FunctionDef[] = [];
  for (const op of ['add', 'sub', 'mul', 'div'] as const) {
    for (const la of LAYOUTS) for (const lb of LAYOUTS) if (!(la === 'S' && lb === 'S')) binaryDefs.push(binaryKernel(op, la, lb));
  }
  return binaryDefs;
}

function otherDefinitions(): FunctionDef[] {
  return [fillZeroKernel(), i32ToF32Kernel(), expKernel(), sparseAKernel(), kijKernel(), gemmF32Kernel(), rowSumKernel(), allFiniteKernel(), colSumKernel()];
}

/**
 * Why `kernels` is what it is: `ok`; `no-webassembly` or `no-simd` (the runtime lacks them: the
 * plain loops run); `no-memory` (no memory size could be reserved); `no-compilation` (the runtime
 * refuses to compile WebAssembly, see `warnNoCompilation`); or `invalid-module`, a
 * mistake in the kernels' encoding, with the runtime's compile error. The tests require `ok`
 * where the runtime has WebAssembly SIMD, so that a broken module fails loudly.
 */
export let kernelStatus: KernelStatus = { state: 'ok' };

/** See `kernelStatus`. */
export type KernelStatus = { state: 'ok' | 'no-webassembly' | 'no-simd' | 'no-memory' | 'no-compilation' } | { state: 'invalid-module'; reason: string };

/**
 * The smallest module with a SIMD instruction, `(func (result v128) v128.const i32x4 0 0 0 0)`,
 * written out byte by byte (independent of the encoder): whether the runtime has SIMD at all.
 */
export const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: one type () → v128
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, ...new Array<number>(16).fill(0), 0x0b, // code: v128.const 0, end
]);

/** The status of a module `bytes` in this runtime (see `kernelStatus`); `ok` when it validates. */
export function moduleStatus(wasm: WasmApi, bytes: Uint8Array): KernelStatus {
  if (wasm.validate(bytes)) return { state: 'ok' };
  if (!wasm.validate(SIMD_PROBE)) return { state: 'no-simd' };
  try {
    new wasm.Module(bytes);
    return { state: 'invalid-module', reason: 'WebAssembly.validate refused the module, but it compiles' };
  } catch (e) {
    return { state: 'invalid-module', reason: e instanceof Error ? e.message : String(e) };
  }
}

function build(): Kernels | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) {
    kernelStatus = { state: 'no-webassembly' };
    return null;
  }
  const binaryDefs = binaryDefinitions();
  const defs = [...binaryDefs, ...otherDefinitions()];
  // One memory of fixed size, never grown (growing would detach every typed array viewing it).
  // Reserving it costs address space only: the system provides pages when they are first
  // written, so an unused arena costs no memory. Shared where the runtime has SharedArrayBuffer
  // and more than one thread is wanted, so that helper threads can run kernels on the same
  // tensors (threads.ts); not shared otherwise (the kernels run ~20% slower on shared memory).
  const canShare = typeof SharedArrayBuffer === 'function' && startupThreads() > 1;
  for (const shared of canShare ? [true, false] : [false]) {
    for (const p of MEMORY_PAGES) {
      let memory: Kernels['memory'];
      try {
        memory = new wasm.Memory({ initial: p, maximum: p, shared });
      } catch {
        continue; // too large for this runtime: try a smaller one
      }
      const bytes = encodeModule({ minPages: p, maxPages: p, shared }, defs);
      if (!wasm.validate(bytes)) {
        // a runtime without SIMD, or a mistake in the kernels' encoding: tell them apart, so that
        // a mistake is reported (kernelStatus, checked by the tests) instead of passing as "no SIMD"
        kernelStatus = moduleStatus(wasm, bytes);
        return null;
      }
      try {
        const module = new wasm.Module(bytes);
        return instantiate(wasm, module, memory, shared, binaryDefs);
      } catch (err) {
        kernelStatus = { state: 'no-compilation' };
        warnNoCompilation(err);
        return null;
      }
    }
  }
  kernelStatus = { state: 'no-memory' };
  return null;
}

/**
 * The one warning of a runtime that has WebAssembly but refuses to compile it: a page whose
 * Content-Security-Policy lacks `'wasm-unsafe-eval'`, an embedder that forbids code generation.
 * The engine then computes with its plain loops, which give the same results (slower). A runtime
 * without WebAssembly at all (`node --jitless`, old engines) or without SIMD takes the same loops
 * without a word: that is what it can do, not an error.
 */
function warnNoCompilation(err: unknown): void {
  const message = `makemore-ts: WebAssembly cannot be compiled here (${String((err as Error)?.message ?? err)}); ` +
    'the engine uses its plain loops instead: same results, slower. (Under a Content-Security-Policy, ' +
    "allow 'wasm-unsafe-eval' in script-src for the fast kernels.)";
  const proc = (globalThis as { process?: { emitWarning?: (message: string) => void } }).process;
  if (typeof proc?.emitWarning === 'function') proc.emitWarning(message);
  else (globalThis as { console?: { warn(message: string): void } }).console?.warn(message);
}

function instantiate(wasm: WasmApi, module: object, memory: Kernels['memory'], shared: boolean, binaryDefs: FunctionDef[]): Kernels {
  const ex = new wasm.Instance(module, { env: { memory } }).exports;
  new Float64Array(memory.buffer, REGION.frac, 64).set(EXP_TABLES.FRAC);
  const binary: Kernels['binary'] = {};
  for (const d of binaryDefs) binary[d.name] = ex[d.name] as Kernels['binary'][string];
  return {
    memory, buffer: memory.buffer, shared, module, exports: ex, fillZero: ex.fill_zero as Kernels['fillZero'],
    binary, exp: ex.exp_f32 as Kernels['exp'], i32ToF32: ex.i32_to_f32 as Kernels['i32ToF32'],
    gemmSparseA: ex.gemm_sparse_a as Kernels['gemmSparseA'], gemmKIJ: ex.gemm_kij as Kernels['gemmKIJ'], gemmF32: ex.gemm_f32 as Kernels['gemmF32'],
    rowSum: ex.row_sum_f32 as Kernels['rowSum'], allFinite: ex.all_finite as Kernels['allFinite'], colSum: ex.col_sum_f64 as Kernels['colSum'],
  };
}

/**
 * The same kernels on a memory of their own that is not shared and holds only the scratch
 * regions, for the drivers that copy operands in and out chunk by chunk: V8 copies into and out of
 * shared memory (`TypedArray.prototype.set`) at about half the speed of ordinary memory. The
 * shared kernels themselves where the memory is not shared.
 */
function buildCopyKernels(main: Kernels | null): Kernels | null {
  if (main === null || !main.shared) return main;
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly!;
  const binaryDefs = binaryDefinitions();
  const defs = [...binaryDefs, ...otherDefinitions()];
  const memory = new wasm.Memory({ initial: SCRATCH_PAGES, maximum: SCRATCH_PAGES });
  const module = new wasm.Module(encodeModule({ minPages: SCRATCH_PAGES, maxPages: SCRATCH_PAGES, shared: false }, defs));
  return instantiate(wasm, module, memory, false, binaryDefs);
}

/** The kernels, or null without WebAssembly SIMD. */
export const kernels: Kernels | null = build();

// the tensor arena (memory/arena.ts) hands out the memory after the scratch regions
if (kernels !== null) attachArena(kernels.buffer, SCRATCH_BYTES, kernels.fillZero);

/** The kernels for operands copied through the scratch regions (see `buildCopyKernels`); null without SIMD. */
export const copyKernels: Kernels | null = buildCopyKernels(kernels);

/**
 * Typed views of the whole memory (it never grows, so they stay valid), for the drivers' copies
 * into the scratch regions and reads of results; empty without kernels.
 */
export const memoryView = {
  f32: kernels ? new Float32Array(kernels.buffer) : new Float32Array(0),
  f64: kernels ? new Float64Array(kernels.buffer) : new Float64Array(0),
  i32: kernels ? new Int32Array(kernels.buffer) : new Int32Array(0),
};

/** Typed views of `copyKernels`' memory (its scratch regions are at the same offsets). */
export const copyView = {
  f32: copyKernels ? new Float32Array(copyKernels.buffer) : new Float32Array(0),
  f64: copyKernels ? new Float64Array(copyKernels.buffer) : new Float64Array(0),
  i32: copyKernels ? new Int32Array(copyKernels.buffer) : new Int32Array(0),
};
