/**
 * A small WebAssembly binary encoder: just enough to build the engine's SIMD kernels at start-up,
 * with no build step and no dependency.
 *
 * A module here imports one memory (`env.memory`, created by the caller, so that it can be shared
 * with worker threads; it has a fixed size and is never grown, see `kernels.ts`) and defines a
 * list of functions (each exported by name). A function body is written with `Code`: one method
 * per instruction, named after the WebAssembly text format (`f32x4.add` is `f32x4Add()`), locals
 * with names (`code.local('i', I32)`), and a few structured helpers for what every kernel does
 * (`forRange`, `forGroups`, `loopUntil`, `ifThen`, `elementAddress`), so that a kernel reads like
 * the `.wat` it stands for. Each instruction is kept with its text, so the module can be printed
 * as WAT (`wat-printer.ts`, docs/kernels.wat). Format reference: the WebAssembly core
 * specification, "Binary Format", and its SIMD (fixed-width 128-bit) proposal, merged in
 * WebAssembly 2.0.
 */

/** Value types (their binary codes). */
export const I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b;
/** A value type: `I32`, `I64`, `F32`, `F64` or `V128`. */
export type ValType = typeof I32 | typeof I64 | typeof F32 | typeof F64 | typeof V128;

/** The `i8x16.shuffle` lanes that swap a v128's halves: lanes 2, 3 of an f32x4 moved down to lanes 0, 1. */
export const SWAP_HALVES = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];

/** The text-format name of a value type. */
export function typeName(t: ValType): string {
  return { [I32]: 'i32', [I64]: 'i64', [F32]: 'f32', [F64]: 'f64', [V128]: 'v128' }[t];
}

/** Unsigned LEB128. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (32-bit values). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** A length-prefixed vector of already encoded items. */
function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function utf8(s: string): number[] {
  return [...uleb(s.length), ...Array.from(new TextEncoder().encode(s))];
}

/** A parameter or local of a function: its index (parameters first), name and type. */
export interface Local {
  readonly index: number;
  readonly name: string;
  readonly type: ValType;
}

/**
 * One instruction: its text (`local.get $i`, `f32.load offset=16`), its bytes, and how it
 * changes the nesting of blocks (+1 opens `block`/`loop`/`if`, −1 is `end`, `else` is 0 but
 * printed one level out).
 */
export interface Instruction {
  readonly text: string;
  readonly bytes: number[];
  readonly nesting: -1 | 0 | 1;
}

/** A value pushed by the caller's code: a local, a constant, or instructions that push it. */
export type Operand = Local | number | (() => void);

/**
 * One function body: its named parameters and locals, and its instructions, appended by
 * chained calls. `new Code({ out: I32, n: I32 })` declares the parameters `$out` and `$n`
 * (`code.param('out')`); `code.local('i', I32)` declares a local after them.
 */
export class Code {
  readonly instructions: Instruction[] = [];
  /** Parameters, then locals, in index order. */
  readonly locals: Local[] = [];
  /** How many of `locals` are parameters. */
  readonly paramCount: number;

  constructor(params: Record<string, ValType> = {}) {
    for (const [name, type] of Object.entries(params)) this.declare(name, type);
    this.paramCount = this.locals.length;
  }

  private declare(name: string, type: ValType): Local {
    if (this.locals.some((l) => l.name === name)) throw new Error(`Code: a local named $${name} already exists`);
    const local = { index: this.locals.length, name, type };
    this.locals.push(local);
    return local;
  }

  /** The parameter named `name`. */
  param(name: string): Local {
    const p = this.locals.slice(0, this.paramCount).find((l) => l.name === name);
    if (p === undefined) throw new Error(`Code: no parameter named $${name}`);
    return p;
  }

  /** Declare a local named `name` of type `type` (after the parameters and the locals before it). */
  local(name: string, type: ValType): Local {
    return this.declare(name, type);
  }

  /** The bytes of the body (without the locals' declarations and the final `end`). */
  get bytes(): number[] {
    return this.instructions.flatMap((i) => i.bytes);
  }

  private op(text: string, ...bytes: number[]): this {
    this.instructions.push({ text, bytes, nesting: 0 });
    return this;
  }
  private nest(text: string, nesting: -1 | 1, ...bytes: number[]): this {
    this.instructions.push({ text, bytes, nesting });
    return this;
  }
  private simd(text: string, code: number, ...imm: number[]): this {
    return this.op(text, 0xfd, ...uleb(code), ...imm);
  }
  /** A load or store: its opcode bytes, its natural alignment (log2 bytes, the only one used here) and byte offset. */
  private memory(text: string, prefix: number[], natural: number, offset: number): this {
    return this.op(offset === 0 ? text : `${text} offset=${offset}`, ...prefix, natural, ...uleb(offset));
  }

  // ---- control
  block(): this { return this.nest('block', 1, 0x02, 0x40); }
  loop(): this { return this.nest('loop', 1, 0x03, 0x40); }
  if(): this { return this.nest('if', 1, 0x04, 0x40); }
  else(): this { return this.op('else', 0x05); }
  end(): this { return this.nest('end', -1, 0x0b); }
  br(depth: number): this { return this.op(`br ${depth}`, 0x0c, ...uleb(depth)); }
  brIf(depth: number): this { return this.op(`br_if ${depth}`, 0x0d, ...uleb(depth)); }
  return(): this { return this.op('return', 0x0f); }
  /** Pops c, b, a; pushes a when c ≠ 0, else b. */
  select(): this { return this.op('select', 0x1b); }

  // ---- locals
  get(l: Local): this { return this.op(`local.get $${l.name}`, 0x20, ...uleb(l.index)); }
  set(l: Local): this { return this.op(`local.set $${l.name}`, 0x21, ...uleb(l.index)); }
  tee(l: Local): this { return this.op(`local.tee $${l.name}`, 0x22, ...uleb(l.index)); }

  /** Pops dest, value, bytes: sets `bytes` bytes from `dest` to `value` (bulk memory). */
  memoryFill(): this { return this.op('memory.fill', 0xfc, ...uleb(11), 0x00); }
  // ---- memory (byte offset immediates; natural alignment)
  f32Load(offset = 0): this { return this.memory('f32.load', [0x2a], 2, offset); }
  f64Load(offset = 0): this { return this.memory('f64.load', [0x2b], 3, offset); }
  i32Store(offset = 0): this { return this.memory('i32.store', [0x36], 2, offset); }
  f32Store(offset = 0): this { return this.memory('f32.store', [0x38], 2, offset); }
  f64Store(offset = 0): this { return this.memory('f64.store', [0x39], 3, offset); }

  // ---- scalar numbers
  i32Const(v: number): this { return this.op(`i32.const ${v | 0}`, 0x41, ...sleb(v | 0)); }
  f32Const0(): this { return this.op('f32.const 0', 0x43, 0, 0, 0, 0); }
  f64Const(v: number): this {
    const b = new Uint8Array(new Float64Array([v]).buffer);
    return this.op(`f64.const ${v}`, 0x44, ...Array.from(b));
  }
  i32Eqz(): this { return this.op('i32.eqz', 0x45); }
  i32Ne(): this { return this.op('i32.ne', 0x47); }
  i32LtS(): this { return this.op('i32.lt_s', 0x48); }
  i32GtS(): this { return this.op('i32.gt_s', 0x4a); }
  i32GeS(): this { return this.op('i32.ge_s', 0x4e); }
  i32Add(): this { return this.op('i32.add', 0x6a); }
  i32Sub(): this { return this.op('i32.sub', 0x6b); }
  i32Mul(): this { return this.op('i32.mul', 0x6c); }
  i32And(): this { return this.op('i32.and', 0x71); }
  i32Shl(): this { return this.op('i32.shl', 0x74); }
  i32ShrS(): this { return this.op('i32.shr_s', 0x75); }
  f32Ne(): this { return this.op('f32.ne', 0x5c); }
  f32Add(): this { return this.op('f32.add', 0x92); }
  f32Sub(): this { return this.op('f32.sub', 0x93); }
  f32Mul(): this { return this.op('f32.mul', 0x94); }
  f32Div(): this { return this.op('f32.div', 0x95); }
  f64Add(): this { return this.op('f64.add', 0xa0); }
  f64PromoteF32(): this { return this.op('f64.promote_f32', 0xbb); }

  // ---- 128-bit SIMD
  v128Load(offset = 0): this { return this.memory('v128.load', [0xfd, 0x00], 4, offset); }
  v128Store(offset = 0): this { return this.memory('v128.store', [0xfd, 0x0b], 4, offset); }
  v128Load32Splat(offset = 0): this { return this.memory('v128.load32_splat', [0xfd, 0x09], 2, offset); }
  v128Load64Splat(offset = 0): this { return this.memory('v128.load64_splat', [0xfd, 0x0a], 3, offset); }
  i8x16Shuffle(lanes: number[]): this { return this.simd(`i8x16.shuffle ${lanes.join(' ')}`, 0x0d, ...lanes); }
  i32x4Splat(): this { return this.simd('i32x4.splat', 0x11); }
  f32x4Splat(): this { return this.simd('f32x4.splat', 0x13); }
  f64x2Splat(): this { return this.simd('f64x2.splat', 0x14); }
  i32x4ExtractLane(lane: number): this { return this.simd(`i32x4.extract_lane ${lane}`, 0x1b, lane); }
  f32x4ExtractLane(lane: number): this { return this.simd(`f32x4.extract_lane ${lane}`, 0x1f, lane); }
  f64x2ReplaceLane(lane: number): this { return this.simd(`f64x2.replace_lane ${lane}`, 0x22, lane); }
  i32x4GeU(): this { return this.simd('i32x4.ge_u', 0x40); }
  f32x4Eq(): this { return this.simd('f32x4.eq', 0x41); }
  f32x4Ne(): this { return this.simd('f32x4.ne', 0x42); }
  f64x2Lt(): this { return this.simd('f64x2.lt', 0x49); }
  f64x2Gt(): this { return this.simd('f64x2.gt', 0x4a); }
  v128And(): this { return this.simd('v128.and', 0x4e); }
  /** Pops b, a: a & ~b. */
  v128AndNot(): this { return this.simd('v128.andnot', 0x4f); }
  v128Or(): this { return this.simd('v128.or', 0x50); }
  /** Pops mask, b, a: the bits of a where mask has 1s, of b elsewhere. */
  v128Bitselect(): this { return this.simd('v128.bitselect', 0x52); }
  v128AnyTrue(): this { return this.simd('v128.any_true', 0x53); }
  f32x4DemoteF64x2Zero(): this { return this.simd('f32x4.demote_f64x2_zero', 0x5e); }
  f64x2PromoteLowF32x4(): this { return this.simd('f64x2.promote_low_f32x4', 0x5f); }
  i32x4AllTrue(): this { return this.simd('i32x4.all_true', 0xa3); }
  i32x4Shl(): this { return this.simd('i32x4.shl', 0xab); }
  i32x4ShrS(): this { return this.simd('i32x4.shr_s', 0xac); }
  i32x4ShrU(): this { return this.simd('i32x4.shr_u', 0xad); }
  i32x4Add(): this { return this.simd('i32x4.add', 0xae); }
  i32x4Sub(): this { return this.simd('i32x4.sub', 0xb1); }
  i64x2AllTrue(): this { return this.simd('i64x2.all_true', 0xc3); }
  i64x2ExtendLowI32x4S(): this { return this.simd('i64x2.extend_low_i32x4_s', 0xc7); }
  i64x2Shl(): this { return this.simd('i64x2.shl', 0xcb); }
  f32x4Sqrt(): this { return this.simd('f32x4.sqrt', 0xe3); }
  f32x4Add(): this { return this.simd('f32x4.add', 0xe4); }
  f32x4Sub(): this { return this.simd('f32x4.sub', 0xe5); }
  f32x4Mul(): this { return this.simd('f32x4.mul', 0xe6); }
  f32x4Div(): this { return this.simd('f32x4.div', 0xe7); }
  f64x2Abs(): this { return this.simd('f64x2.abs', 0xec); }
  f64x2Add(): this { return this.simd('f64x2.add', 0xf0); }
  f64x2Sub(): this { return this.simd('f64x2.sub', 0xf1); }
  f64x2Mul(): this { return this.simd('f64x2.mul', 0xf2); }
  f64x2Div(): this { return this.simd('f64x2.div', 0xf3); }
  f64x2Min(): this { return this.simd('f64x2.min', 0xf4); }
  f32x4ConvertI32x4S(): this { return this.simd('f32x4.convert_i32x4_s', 0xfa); }
  i32x4TruncSatF64x2SZero(): this { return this.simd('i32x4.trunc_sat_f64x2_s_zero', 0xfc); }
  // (the generator's kernels: bit operations, double arithmetic, integer lanes; see kernels/box-muller.ts, kernels/mt19937.ts)
  i32Or(): this { return this.op('i32.or', 0x72); }
  i32Xor(): this { return this.op('i32.xor', 0x73); }
  i32ShrU(): this { return this.op('i32.shr_u', 0x76); }
  i32Load(offset = 0): this { return this.memory('i32.load', [0x28], 2, offset); }
  /** Pops an i32; pushes the number of its trailing zero bits (32 for 0): the one-hot matmul kernels' column of a row's non-zero. */
  i32Ctz(): this { return this.op('i32.ctz', 0x68); }
  f32ConvertI32S(): this { return this.op('f32.convert_i32_s', 0xb2); }
  f64x2ConvertLowI32x4U(): this { return this.simd('f64x2.convert_low_i32x4_u', 0xff); }
  f64x2ExtractLane(lane: number): this { return this.simd(`f64x2.extract_lane ${lane}`, 0x21, lane); }
  v128Not(): this { return this.simd('v128.not', 0x4d); }
  v128Xor(): this { return this.simd('v128.xor', 0x51); }
  f64x2Eq(): this { return this.simd('f64x2.eq', 0x47); }
  f64x2Nearest(): this { return this.simd('f64x2.nearest', 0x94); }
  f64x2Sqrt(): this { return this.simd('f64x2.sqrt', 0xef); }
  f64x2ConvertLowI32x4S(): this { return this.simd('f64x2.convert_low_i32x4_s', 0xfe); }
  i64x2ShrS(): this { return this.simd('i64x2.shr_s', 0xcc); }
  i64x2Add(): this { return this.simd('i64x2.add', 0xce); }
  i64x2Sub(): this { return this.simd('i64x2.sub', 0xd1); }
  // (the exp kernel's table-driven reduction: kernels/exp.ts)
  f32x4Lt(): this { return this.simd('f32x4.lt', 0x43); }
  f32x4Gt(): this { return this.simd('f32x4.gt', 0x44); }
  i32x4GtS(): this { return this.simd('i32x4.gt_s', 0x3b); }
  /** `b < a ? b : a` per lane (x86's minps: NaN in a stays). */
  f32x4Pmin(): this { return this.simd('f32x4.pmin', 0xea); }
  /** Pops a v128; pushes an i32 whose bit j is the sign bit of lane j. */
  i32x4Bitmask(): this { return this.simd('i32x4.bitmask', 0xa4); }
  /** Pops an address; pushes the 8 bytes there in lane 0 of a v128, lane 1 zero. */
  v128Load64Zero(offset = 0): this { return this.memory('v128.load64_zero', [0xfd, 0x5d], 3, offset); }
  /** Pops a v128 and an address (pushed first); pushes the v128 with 64-bit lane `lane` replaced by the 8 bytes there. */
  v128Load64Lane(lane: number, offset = 0): this {
    return this.op(`v128.load64_lane${offset === 0 ? '' : ` offset=${offset}`} ${lane}`, 0xfd, 0x57, 3, ...uleb(offset), lane);
  }

  // ---- structured helpers (each emits the plain instructions written in its comment)

  /** Push an operand: `local.get` of a local, `i32.const` of a number, or the instructions of a callback. */
  push(v: Operand): this {
    if (typeof v === 'number') return this.i32Const(v);
    if (typeof v === 'function') {
      v();
      return this;
    }
    return this.get(v);
  }

  /**
   * `block loop  <until> br_if 1  <body>  br 0  end end`: run `body` until the condition pushed
   * by `until` is true (tested before each run). `body` must itself advance the loop.
   */
  loopUntil(until: () => void, body: () => void): this {
    this.block().loop();
    until();
    this.brIf(1);
    body();
    return this.br(0).end().end();
  }

  /**
   * `for (i = from; i < to; i += step) body()` on i32 (signed): `i = from`, then a loop that
   * exits when `i ≥ to`, runs `body` and adds `step`. `from` null keeps i's current value.
   */
  forRange(i: Local, from: Operand | null, to: Operand, step: number, body: () => void): this {
    if (from !== null) this.push(from).set(i);
    return this.loopUntil(() => this.get(i).push(to).i32GeS(), () => {
      body();
      this.get(i).i32Const(step).i32Add().set(i);
    });
  }

  /**
   * `for (i = from; i + width ≤ to; i += width) body()`: whole groups of `width` elements only
   * (a vector loop; the caller handles the rest). `from` null keeps i's current value.
   */
  forGroups(i: Local, from: Operand | null, to: Operand, width: number, body: () => void): this {
    if (from !== null) this.push(from).set(i);
    return this.loopUntil(() => this.get(i).i32Const(width).i32Add().push(to).i32GtS(), () => {
      body();
      this.get(i).i32Const(width).i32Add().set(i);
    });
  }

  /** `if <then> [else <otherwise>] end`, on the condition already on the stack. */
  ifThen(then: () => void, otherwise?: () => void): this {
    this.if();
    then();
    if (otherwise !== undefined) {
      this.else();
      otherwise();
    }
    return this.end();
  }

  /**
   * Push the byte address of element `index` of an array at byte address `base` whose elements
   * are `bytes` bytes long (a power of two): `base + (index << log2(bytes))`.
   */
  elementAddress(base: Operand, index: Operand, bytes: 4 | 8 | 16 | 32): this {
    return this.push(base).push(index).i32Const(Math.log2(bytes)).i32Shl().i32Add();
  }
}

/** One exported function: its name, result types and code (with its parameters and locals). */
export interface FunctionDef {
  name: string;
  results: ValType[];
  code: Code;
}

/** The memory a module imports as `env.memory`: its size limits in 64 KiB pages, and whether it is shared. */
export interface MemoryImport {
  minPages: number;
  maxPages: number;
  shared: boolean;
}

/** The bytes of one function's code entry: its locals' declarations, its instructions and `end`. */
function functionBody(f: FunctionDef): number[] {
  const locals = vec(f.code.locals.slice(f.code.paramCount).map((l) => [1, l.type]));
  const body = [...locals, ...f.code.bytes, 0x0b];
  return [...uleb(body.length), ...body];
}

/**
 * The bytes of a module that imports one memory (`env.memory`) and defines the given functions,
 * each exported under its name.
 */
export function encodeModule(memory: MemoryImport, functions: FunctionDef[]): Uint8Array {
  const section = (id: number, payload: number[]) => [id, ...uleb(payload.length), ...payload];
  const types = functions.map((f) => {
    const params = f.code.locals.slice(0, f.code.paramCount).map((l) => [l.type]);
    return [0x60, ...vec(params), ...vec(f.results.map((t) => [t]))];
  });
  const funcs = functions.map((_, i) => uleb(i));
  // limits flags: 0x01 = has a maximum, 0x03 = has a maximum and is shared
  const memType = [memory.shared ? 0x03 : 0x01, ...uleb(memory.minPages), ...uleb(memory.maxPages)];
  const imports = [[...utf8('env'), ...utf8('memory'), 0x02, ...memType]];
  const exports = functions.map((f, i) => [...utf8(f.name), 0x00, ...uleb(i)]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec(imports)),
    ...section(3, vec(funcs)),
    ...section(7, vec(exports)),
    ...section(10, vec(functions.map(functionBody))),
  ]);
}
