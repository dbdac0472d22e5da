/**
 * A random number generator that reproduces PyTorch 1.13.1's CPU `torch.Generator` bit for bit
 * (`torch-rng.md` §1–2): one MT19937 engine, the 64-bit seed PyTorch reports, the cached
 * double normal of the per-element Box–Muller path, and a choice of `normal_fill` kernel.
 *
 * The fill kernels live beside this file (`uniform.ts`, `normal.ts`, `exponential.ts`,
 * `multinomial.ts`); this class only owns the state and the raw draws.
 *
 * @module
 */
import { MT19937, MT_N } from './mt19937.js';
import { simdUniformChunksF32, simdUniformsF32, simdUniformsF64 } from '../fast/mt19937-fill.js';

/**
 * Which float32 `normal_fill` kernel `randn`/`normal_` with 16 or more elements emulates
 * (`torch-rng.md` §3.1):
 *
 * - `'scalar'`: PyTorch's portable `normal_fill` (ARM / Apple silicon, x86 without AVX2, or
 *   `ATEN_CPU_CAPABILITY=default`), built here on correctly rounded `Math.log/cos/sin`. This is
 *   the variant the makemore lecture printed (§8).
 * - `'avx2'`: `normal_fill_AVX2`, what torch 1.13.1 computes on every modern x86-64 Linux
 *   machine (Cephes float32 log/sincos with gcc's FMA contraction).
 */
export type NormalKernel = 'scalar' | 'avx2';

/** Options for {@link Generator}'s constructor. */
export interface GeneratorOptions {
  /** The float32 `normal_fill` kernel to emulate (default `'scalar'`). */
  normalKernel?: NormalKernel;
}

/**
 * A plain, JSON-serialisable snapshot of a {@link Generator}, from {@link Generator.getState}.
 * Restoring it with {@link Generator.setState} continues the exact same stream.
 */
export interface GeneratorState {
  /** The 624 MT19937 state words (each an integer in [0, 2^32)). */
  mt: number[];
  /** PyTorch's `left_`: in 1..624; `left === 1` means a twist is due. */
  left: number;
  /** PyTorch's `next_`: index of the next word to output, in 0..624. */
  next: number;
  /** The 64-bit seed `initialSeed()` reports, as a decimal string (JSON has no bigint). */
  seed: string;
  /** The cached second half of the last double Box–Muller pair, or null. */
  normalCache: number | null;
  /** The float32 `normal_fill` kernel the generator emulates. */
  normalKernel: NormalKernel;
}

/** PyTorch's default seed of a fresh `torch.Generator()`: 67280421310721. */
export const DEFAULT_SEED = 67280421310721n;

const TWO_POW_64 = 1n << 64n;
const MINUS_TWO_POW_63 = -(1n << 63n);
/** 2^-24: scale of the low 24 bits of a word. */
const TWO_POW_M24 = 5.960464477539063e-8;
/** 2^-53: scale of a 53-bit integer. */
const TWO_POW_M53 = 1.1102230246251565e-16;

/** Map a user seed to PyTorch's stored uint64 (negative seeds wrap mod 2^64), validating it. */
function normaliseSeed(seed: number | bigint, where: string): bigint {
  let s: bigint;
  if (typeof seed === 'number') {
    if (!Number.isInteger(seed)) {
      throw new Error(`${where}: the seed must be an integer, got ${seed}`);
    }
    s = BigInt(seed);
  } else if (typeof seed === 'bigint') {
    s = seed;
  } else {
    throw new Error(`${where}: the seed must be a number or a bigint, got ${typeof seed}`);
  }
  if (s < MINUS_TWO_POW_63 || s >= TWO_POW_64) {
    throw new Error(`${where}: the seed must lie in [-2^63, 2^64), got ${s}`);
  }
  return BigInt.asUintN(64, s);
}

function checkKernel(kernel: unknown, where: string): NormalKernel {
  if (kernel !== 'scalar' && kernel !== 'avx2') {
    throw new Error(`${where}: normalKernel must be 'scalar' or 'avx2', got ${String(kernel)}`);
  }
  return kernel;
}

/**
 * PyTorch's CPU generator: `torch.Generator()` with the same seed gives the same draws.
 *
 * @example
 * ```ts
 * const g = new Generator().manualSeed(2147483647);
 * g.nextFloat32Uniform(); // 0.7081288695335388, torch.rand(1, generator=g)
 * ```
 */
export class Generator {
  private readonly engine = new MT19937();
  private seed64: bigint = DEFAULT_SEED;
  private doubleNormal: number | null = null;
  private kernel: NormalKernel;

  /**
   * A generator seeded with PyTorch's default seed 67280421310721.
   *
   * @param opts - `normalKernel` (default `'scalar'`).
   */
  constructor(opts: GeneratorOptions = {}) {
    this.kernel = checkKernel(opts.normalKernel ?? 'scalar', 'Generator');
    this.manualSeed(DEFAULT_SEED);
  }

  /**
   * Re-seed, like `g.manual_seed(seed)`: a negative seed is taken mod 2^64, only the low 32 bits
   * seed the MT19937 state (so `5` and `2**32 + 5` give the same stream), and the cached normal
   * is cleared. The normal kernel is kept.
   *
   * @param seed - an integer in [-2^63, 2^64) (number or bigint).
   * @returns this generator.
   * @throws Error for non-integer, NaN, infinite or out-of-range seeds.
   *
   * @example const g = new Generator().manualSeed(2147483647); // torch.Generator().manual_seed(2147483647)
   */
  manualSeed(seed: number | bigint): this {
    const s = normaliseSeed(seed, 'manualSeed');
    this.seed64 = s;
    this.engine.seed(Number(s & 0xffffffffn));
    this.doubleNormal = null;
    return this;
  }

  /**
   * The seed last given to {@link Generator.manualSeed} as PyTorch stores it (uint64), like
   * `g.initial_seed()`.
   *
   * @example new Generator().manualSeed(-1).initialSeed() // 18446744073709551615n
   */
  initialSeed(): bigint {
    return this.seed64;
  }

  /**
   * The float32 `normal_fill` kernel this generator emulates (see {@link NormalKernel}).
   * @example new Generator().normalKernel // 'scalar'
   */
  get normalKernel(): NormalKernel {
    return this.kernel;
  }

  /** Switch the float32 `normal_fill` kernel. Does not touch the stream or the cache. */
  set normalKernel(kernel: NormalKernel) {
    this.kernel = checkKernel(kernel, 'Generator.normalKernel');
  }

  /**
   * Chainable form of the {@link Generator.normalKernel} setter.
   *
   * @returns this generator.
   *
   * @example randn(16, { generator: new Generator().manualSeed(0).setNormalKernel('avx2') }) // float32 randn(16) as on an AVX2 CPU
   */
  setNormalKernel(kernel: NormalKernel): this {
    this.normalKernel = kernel;
    return this;
  }

  /**
   * The cached double normal of the per-element Box–Muller path (`torch-rng.md` §3.2), or null.
   * Only `normal.ts` and {@link Generator.manualSeed} / {@link Generator.setState} change it.
   *
   * @example new Generator().cachedDoubleNormal // null
   */
  get cachedDoubleNormal(): number | null {
    return this.doubleNormal;
  }

  /** Set or clear the cached double normal (a finite number or null). */
  set cachedDoubleNormal(v: number | null) {
    if (v !== null && !(typeof v === 'number' && Number.isFinite(v))) {
      throw new Error(`Generator.cachedDoubleNormal: expected a finite number or null, got ${String(v)}`);
    }
    this.doubleNormal = v;
  }

  /**
   * A snapshot of the whole generator: a copy of the MT words, the position, the seed, the
   * cached normal and the kernel. Plain data: `JSON.stringify` round-trips it.
   *
   * @example
   * ```ts
   * const g = new Generator().manualSeed(42); const s = g.getState();
   * const a = rand(3, { generator: g }); g.setState(s);
   * String(rand(3, { generator: g })) === String(a) // true: the same 3 numbers again
   * ```
   */
  getState(): GeneratorState {
    return {
      mt: Array.from(this.engine.state),
      left: this.engine.left,
      next: this.engine.next,
      seed: this.seed64.toString(),
      normalCache: this.doubleNormal,
      normalKernel: this.kernel,
    };
  }

  /**
   * Restore a snapshot from {@link Generator.getState} (this or another generator's).
   *
   * @returns this generator.
   * @throws Error naming the offending field when the state is malformed; the generator is
   *   unchanged in that case.
   *
   * @example
   * ```ts
   * const g = new Generator().manualSeed(42);
   * const copy = new Generator().setState(JSON.parse(JSON.stringify(g.getState())));
   * copy.nextU32() === g.nextU32() // true
   * ```
   */
  setState(state: GeneratorState): this {
    const where = 'Generator.setState';
    if (state === null || typeof state !== 'object') {
      throw new Error(`${where}: expected a state object from getState(), got ${state === null ? 'null' : typeof state}`);
    }
    const mt = state.mt as ArrayLike<number> | undefined;
    if (mt === null || typeof mt !== 'object' || typeof mt.length !== 'number' || mt.length !== MT_N) {
      throw new Error(`${where}: 'mt' must be an array of ${MT_N} words`);
    }
    for (let i = 0; i < MT_N; i++) {
      const w = mt[i];
      if (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 0xffffffff) {
        throw new Error(`${where}: mt[${i}] must be an integer in [0, 2^32), got ${String(w)}`);
      }
    }
    const { left, next } = state;
    if (typeof left !== 'number' || !Number.isInteger(left) || left < 1 || left > MT_N) {
      throw new Error(`${where}: 'left' must be an integer in [1, ${MT_N}], got ${String(left)}`);
    }
    if (typeof next !== 'number' || !Number.isInteger(next) || next < 0 || next > MT_N) {
      throw new Error(`${where}: 'next' must be an integer in [0, ${MT_N}], got ${String(next)}`);
    }
    if (left !== 1 && left + next !== MT_N + 1) {
      throw new Error(
        `${where}: inconsistent position left=${left}, next=${next} (expected left === 1 or left + next === ${MT_N + 1})`,
      );
    }
    let seed: bigint;
    const rawSeed = state.seed as unknown;
    if (typeof rawSeed === 'string' && /^[0-9]+$/.test(rawSeed)) seed = BigInt(rawSeed);
    else if (typeof rawSeed === 'bigint') seed = rawSeed;
    else throw new Error(`${where}: 'seed' must be a decimal string, got ${String(rawSeed)}`);
    if (seed < 0n || seed >= TWO_POW_64) {
      throw new Error(`${where}: 'seed' must lie in [0, 2^64), got ${seed}`);
    }
    const cache = state.normalCache;
    if (cache !== null && !(typeof cache === 'number' && Number.isFinite(cache))) {
      throw new Error(`${where}: 'normalCache' must be a finite number or null, got ${String(cache)}`);
    }
    const kernel = checkKernel(state.normalKernel, where);

    this.engine.state.set(mt);
    this.engine.left = left;
    this.engine.next = next;
    this.seed64 = seed;
    this.doubleNormal = cache;
    this.kernel = kernel;
    return this;
  }

  /**
   * The next raw MT19937 word (PyTorch's `random()`).
   *
   * @returns a uint32 as a non-negative number below 2^32.
   *
   * @example new Generator().manualSeed(2147483647).nextU32() // 1689602031
   */
  nextU32(): number {
    return this.engine.nextU32();
  }

  /**
   * One float32 uniform in [0, 1 - 2^-24] from one word, as `torch.rand` computes it:
   * `(w & 0xFFFFFF) * 2^-24` (the **low** 24 bits; exact in float32).
   *
   * @example new Generator().manualSeed(2147483647).nextFloat32Uniform() // 0.7081288695335388
   */
  nextFloat32Uniform(): number {
    return (this.engine.nextU32() & 0xffffff) * TWO_POW_M24;
  }

  /**
   * One double uniform in [0, 1 - 2^-53] from `random64()` (two words, the first is the high
   * half): the low 53 bits times 2^-53, i.e. the low 21 bits of the first word followed by all
   * 32 bits of the second. Exact, no BigInt.
   *
   * @example new Generator().manualSeed(42).nextFloat64Uniform() // 0.05815448596142969
   */
  nextFloat64Uniform(): number {
    const hi = this.engine.nextU32();
    const lo = this.engine.nextU32();
    return ((hi & 0x1fffff) * 4294967296 + lo) * TWO_POW_M53;
  }

  /**
   * `out[i] = nextFloat32Uniform()` for i = start … end − 1, in order (the same draws), a run of
   * the state at a time: the bulk fill of `torch.rand` and of `randn`'s uniforms.
   *
   * @example new Generator().manualSeed(2147483647).fillFloat32Uniforms(new Float32Array(2), 0, 2) // Float32Array [0.7081288695335388, …]
   */
  fillFloat32Uniforms(out: Float32Array, start: number, end: number): Float32Array {
    if (end <= start || simdUniformsF32(this.engine, out, start, end)) return out;
    // the words land in out's own memory, then become floats in place
    const words = new Uint32Array(out.buffer, out.byteOffset + 4 * start, end - start);
    this.engine.fillU32(words, 0, words.length);
    for (let i = start, k = 0; i < end; i++, k++) out[i] = (words[k] & 0xffffff) * TWO_POW_M24;
    return out;
  }

  /**
   * The draws of `fillFloat32Uniforms(out, 0, n)` handed over a chunk at a time in the SIMD
   * kernels' scratch memory instead of written to an array (`simdUniformChunksF32` in
   * `fast/mt19937-fill.ts`): `randn`'s Box–Muller works on them there (`fast/normal-fill.ts`).
   * False, nothing drawn, when the kernels do not apply.
   * @internal
   * @example new Generator().float32UniformChunks(4096, (s, len) => {}) // true: 4,096 words drawn
   */
  float32UniformChunks(n: number, consume: (s: number, len: number) => void): boolean {
    return simdUniformChunksF32(this.engine, n, consume);
  }

  /**
   * `out[i] = nextFloat64Uniform()` for i = start … end − 1, in order (the same draws).
   *
   * @example new Generator().manualSeed(42).fillFloat64Uniforms(new Float64Array(1), 0, 1) // Float64Array [0.05815448596142969]
   */
  fillFloat64Uniforms(out: Float64Array, start: number, end: number): Float64Array {
    const n = end - start;
    if (n < 1024) {
      // a few: one by one (no view to make)
      for (let i = start; i < end; i++) out[i] = this.nextFloat64Uniform();
      return out;
    }
    if (simdUniformsF64(this.engine, out, start, end)) return out;
    // two words per double, drawn into the doubles' own memory (8 bytes each), read before written
    const words = new Uint32Array(out.buffer, out.byteOffset + 8 * start, 2 * n);
    this.engine.fillU32(words, 0, 2 * n);
    for (let i = start, k = 0; i < end; i++, k += 2) out[i] = ((words[k] & 0x1fffff) * 4294967296 + words[k + 1]) * TWO_POW_M53;
    return out;
  }
}

/**
 * The process-wide generator used when no generator is passed, like PyTorch's
 * `default_generator` (seeded with 67280421310721, scalar normal kernel).
 *
 * @example manualSeed(42); defaultGenerator.initialSeed() // 42n
 */
export const defaultGenerator = new Generator();

/**
 * Re-seed {@link defaultGenerator}, like `torch.manual_seed(seed)`.
 *
 * @param seed - an integer in [-2^63, 2^64).
 * @returns the default generator.
 *
 * @example manualSeed(42); randn(2) // tensor([0.3367, 0.1288]), as torch.manual_seed(42); torch.randn(2)
 */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}
