/**
 * A small WebAssembly binary encoder: just enough to build the engine's SIMD kernels at start-up,
 * with no build step and no dependency.
 *
 * A module here imports one memory (`env.memory`, created by the caller, so that it can be shared
 * with worker threads; it has a fixed size and is never grown, see `kernels.ts`) and defines a
 * list of functions (each exported by name). A function body is written with `Code`, one method
 * per instruction, named after the
 * WebAssembly text format (`f32x4.add` is `f32x4Add()`), so a kernel reads like the `.wat` it
 * stands for. Format reference: the WebAssembly core specification, "Binary Format", and its
 * SIMD (fixed-width 128-bit) proposal, merged in WebAssembly 2.0.
 */

/** Value types. */
export const I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b;

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

/** The instructions of one function body, appended by chained calls. */
export class Code {
  readonly bytes: number[] = [];

  private op(...b: number[]): this {
    this.bytes.push(...b);
    return this;
  }
  private simd(code: number, ...imm: number[]): this {
    return this.op(0xfd, ...uleb(code), ...imm);
  }

  // control
  block(): this { return this.op(0x02, 0x40); }
  loop(): this { return this.op(0x03, 0x40); }
  if(): this { return this.op(0x04, 0x40); }
  else(): this { return this.op(0x05); }
  end(): this { return this.op(0x0b); }
  br(depth: number): this { return this.op(0x0c, ...uleb(depth)); }
  brIf(depth: number): this { return this.op(0x0d, ...uleb(depth)); }
  return(): this { return this.op(0x0f); }
  /** Pops c, b, a; pushes a when c ≠ 0, else b. */
  select(): this { return this.op(0x1b); }

  // locals
  get(i: number): this { return this.op(0x20, ...uleb(i)); }
  set(i: number): this { return this.op(0x21, ...uleb(i)); }
  tee(i: number): this { return this.op(0x22, ...uleb(i)); }

  /** Pops dest, value, bytes: sets `bytes` bytes from `dest` to `value` (bulk memory). */
  memoryFill(): this { return this.op(0xfc, ...uleb(11), 0x00); }
  // memory (byte offset immediates; alignment given as log2)
  f32Load(offset = 0): this { return this.op(0x2a, 2, ...uleb(offset)); }
  f64Load(offset = 0): this { return this.op(0x2b, 3, ...uleb(offset)); }
  i32Store(offset = 0): this { return this.op(0x36, 2, ...uleb(offset)); }
  f32Store(offset = 0): this { return this.op(0x38, 2, ...uleb(offset)); }
  f64Store(offset = 0): this { return this.op(0x39, 3, ...uleb(offset)); }

  // scalar numbers
  i32Const(v: number): this { return this.op(0x41, ...sleb(v | 0)); }
  f32Const0(): this { return this.op(0x43, 0, 0, 0, 0); }
  f64Const(v: number): this {
    const b = new Uint8Array(new Float64Array([v]).buffer);
    return this.op(0x44, ...Array.from(b));
  }
  i32Eqz(): this { return this.op(0x45); }
  i32LtS(): this { return this.op(0x48); }
  i32GtS(): this { return this.op(0x4a); }
  i32GeS(): this { return this.op(0x4e); }
  i32Add(): this { return this.op(0x6a); }
  i32Sub(): this { return this.op(0x6b); }
  i32Mul(): this { return this.op(0x6c); }
  i32And(): this { return this.op(0x71); }
  i32Shl(): this { return this.op(0x74); }
  i32ShrS(): this { return this.op(0x75); }
  f32Ne(): this { return this.op(0x5c); }
  f64PromoteF32(): this { return this.op(0xbb); }
  f32Add(): this { return this.op(0x92); }
  f64Add(): this { return this.op(0xa0); }
  f32Sub(): this { return this.op(0x93); }
  f32Mul(): this { return this.op(0x94); }
  f32Div(): this { return this.op(0x95); }

  // 128-bit SIMD
  v128Load(offset = 0): this { return this.simd(0x00, 4, ...uleb(offset)); }
  v128Store(offset = 0): this { return this.simd(0x0b, 4, ...uleb(offset)); }
  v128Load32Splat(offset = 0): this { return this.simd(0x09, 2, ...uleb(offset)); }
  i32x4Splat(): this { return this.simd(0x11); }
  f32x4Splat(): this { return this.simd(0x13); }
  f64x2Splat(): this { return this.simd(0x14); }
  i32x4ExtractLane(lane: number): this { return this.simd(0x1b, lane); }
  f32x4ExtractLane(lane: number): this { return this.simd(0x1f, lane); }
  f64x2ReplaceLane(lane: number): this { return this.simd(0x22, lane); }
  f32x4Eq(): this { return this.simd(0x41); }
  f32x4Ne(): this { return this.simd(0x42); }
  f64x2Lt(): this { return this.simd(0x49); }
  f64x2Gt(): this { return this.simd(0x4a); }
  v128And(): this { return this.simd(0x4e); }
  v128AnyTrue(): this { return this.simd(0x53); }
  i8x16Shuffle(lanes: number[]): this { return this.simd(0x0d, ...lanes); }
  f32x4DemoteF64x2Zero(): this { return this.simd(0x5e); }
  f64x2PromoteLowF32x4(): this { return this.simd(0x5f); }
  i32x4AllTrue(): this { return this.simd(0xa3); }
  i32x4ShrS(): this { return this.simd(0xac); }
  i32x4Add(): this { return this.simd(0xae); }
  i64x2ExtendLowI32x4S(): this { return this.simd(0xc7); }
  i64x2Shl(): this { return this.simd(0xcb); }
  i64x2AllTrue(): this { return this.simd(0xc3); }
  f32x4Add(): this { return this.simd(0xe4); }
  f32x4Sub(): this { return this.simd(0xe5); }
  f32x4Mul(): this { return this.simd(0xe6); }
  f32x4Div(): this { return this.simd(0xe7); }
  f64x2Add(): this { return this.simd(0xf0); }
  f64x2Sub(): this { return this.simd(0xf1); }
  f64x2Mul(): this { return this.simd(0xf2); }
  f32x4ConvertI32x4S(): this { return this.simd(0xfa); }
  i32x4TruncSatF64x2SZero(): this { return this.simd(0xfc); }
}

/** One exported function: its name, parameter and result types, extra locals and body. */
export interface FunctionDef {
  name: string;
  params: number[];
  results: number[];
  /** Types of the locals after the parameters. */
  locals: number[];
  body: Code;
}

/** The memory a module imports as `env.memory`: its size limits in 64 KiB pages, and whether it is shared. */
export interface MemoryImport {
  minPages: number;
  maxPages: number;
  shared: boolean;
}

/**
 * The bytes of a module that imports one memory (`env.memory`) and defines the given functions,
 * each exported under its name.
 */
export function encodeModule(memory: MemoryImport, functions: FunctionDef[]): Uint8Array {
  const section = (id: number, payload: number[]) => [id, ...uleb(payload.length), ...payload];
  const types = functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))]);
  const funcs = functions.map((_, i) => uleb(i));
  // limits flags: 0x01 = has a maximum, 0x03 = has a maximum and is shared
  const memType = [memory.shared ? 0x03 : 0x01, ...uleb(memory.minPages), ...uleb(memory.maxPages)];
  const imports = [[...utf8('env'), ...utf8('memory'), 0x02, ...memType]];
  const exports = functions.map((f, i) => [...utf8(f.name), 0x00, ...uleb(i)]);
  const bodies = functions.map((f) => {
    const locals = vec(f.locals.map((t) => [1, t]));
    const body = [...locals, ...f.body.bytes, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec(imports)),
    ...section(3, vec(funcs)),
    ...section(7, vec(exports)),
    ...section(10, vec(bodies)),
  ]);
}
