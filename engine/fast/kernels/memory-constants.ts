/**
 * A kernel's constant vectors kept in the kernels' memory (16 bytes each, in the table region),
 * read with `v128.load` where they are used. A constant splatted into a local before the loop
 * (`f64.const; f64x2.splat; local.set`) is rebuilt by V8 inside the loop at every use (a scalar
 * move and a shuffle, 3–4 instructions); a load from memory is one instruction. Measured on the
 * exp kernel: 2.30 → 2.15 ms per 1e6 elements.
 */
import type { Code } from '../wasm-encoder.js';

/** One constant vector: 4 float32s, 4 int32s or 2 float64s (the same value in every lane). */
export type ConstantVector = Float32Array | Int32Array | Float64Array;

/** The 4 float32 lanes of `v` (rounded to float32). */
export const f32x4 = (v: number): Float32Array => new Float32Array(4).fill(v);
/** The 4 int32 lanes of `v`. */
export const i32x4 = (v: number): Int32Array => new Int32Array(4).fill(v);
/** The 2 float64 lanes of `v`. */
export const f64x2 = (v: number): Float64Array => new Float64Array(2).fill(v);

/** Constants at a byte offset: `push` emits the load of one, `write` stores them all into a memory. */
export interface MemoryConstants<Name extends string> {
  /** Emit `i32.const 0; v128.load offset=…`: the constant named `name` on the stack. */
  push(c: Code, name: Name): void;
  /** Store the constants into a memory of the kernels (each module instance's, once, before any call). */
  write(buffer: ArrayBufferLike): void;
  /** The bytes they take (16 per constant) from their offset. */
  readonly bytes: number;
}

/**
 * Constants for a kernel at byte offset `at` of the kernels' memory, in the order given.
 * @example
 * const K = memoryConstants(REGION.frac + 5120, { one: f64x2(1), mask: i32x4(1023) });
 * K.push(c, 'one'); // in a kernel's body
 */
export function memoryConstants<Name extends string>(at: number, values: Record<Name, ConstantVector>): MemoryConstants<Name> {
  const names = Object.keys(values) as Name[];
  const offset = new Map(names.map((name, q) => [name, at + 16 * q]));
  return {
    push: (c, name) => {
      c.i32Const(0).v128Load(offset.get(name)!);
    },
    write: (buffer) => {
      for (const name of names) new Uint8Array(buffer, offset.get(name)!, 16).set(new Uint8Array(values[name].buffer));
    },
    bytes: 16 * names.length,
  };
}
