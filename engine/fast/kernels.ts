/**
 * The engine's WebAssembly SIMD kernels, built at start-up: the module of every kernel in the
 * registry (`kernel-list.ts`; each kernel in its own file under `kernels/`, written with
 * `defineKernel`), instantiated on one memory, and the typed `kernels` object the drivers call.
 *
 * The kernels read and write the module's memory. Tensors whose storage lives in it (`arena.ts`,
 * the large tensors made inside `tidy` and `backward`) are used in place; for the others the
 * drivers (`elementwise.ts`, `matmul.ts`, `sums.ts`) copy a chunk of each operand into a scratch
 * region at the start of the memory (`scratch.ts`), call a kernel, and copy the result out. Every
 * kernel computes exactly what the plain TypeScript loop computes, bit for bit (each kernel's
 * file says why). docs/kernels.wat shows the whole module as WebAssembly text.
 *
 * `kernels` is null where WebAssembly SIMD is not available or cannot be compiled (a page's
 * Content-Security-Policy without `'wasm-unsafe-eval'`: one warning, see `warnNoCompilation`); the
 * drivers then decline and the plain loops run, with the same results.
 */
import { encodeModule, type FunctionDef, type MemoryImport } from './wasm-encoder.js';
import { EXP_TABLES } from './exp-f32.js';
import { writeExpTables } from './kernels/exp.js';
import { writeTanhTables } from './kernels/tanh.js';
import { writeLogConstants } from './kernels/log.js';
import { startupThreads } from './thread-count.js';
import { attachArena } from '../memory/arena.js';
import type { Kernel } from './define-kernel.js';
import { KERNELS, isKernel, kernelList } from './kernel-list.js';
import { REGION, SCRATCH_BYTES } from './scratch.js';

export { CHUNK, REGION, SCRATCH_BYTES } from './scratch.js';
export type { Layout, SimdBinaryOp } from './kernels/binary.js';

/** The part of the WebAssembly JavaScript API used here (TypeScript's ES2022 lib does not declare it). */
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number; maximum: number; shared?: boolean }) => KernelModule['memory'];
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** A kernel as the drivers call it: byte offsets into the memory as pointers, sizes; its result (0 when it has none). */
export type KernelFunction = (...args: number[]) => number;

/** The instantiated module and its memory. */
export interface KernelModule {
  /** The memory (fixed size, never grown): scratch regions at the start, the tensor arena after them. */
  memory: { readonly buffer: ArrayBuffer };
  /** The memory's buffer (a SharedArrayBuffer when `shared`). */
  buffer: ArrayBuffer;
  /** Whether the memory is shared, so that worker threads can run the kernels on it (`threads.ts`). */
  shared: boolean;
  /** The compiled module (a worker instantiates it on the same memory). */
  module: object;
  /** Every kernel by its export name. */
  exports: Record<string, KernelFunction>;
}

/** The registry's entries as functions: `kernels.exp(out, x, n, list)`, `kernels.binary.add_FR(…)`. */
export type KernelFunctions = {
  readonly [K in keyof typeof KERNELS]: (typeof KERNELS)[K] extends Kernel ? KernelFunction : Readonly<Record<string, KernelFunction>>;
};

/** The instantiated kernels: the module, its memory, and every kernel of the registry by its name there. */
export type Kernels = KernelModule & KernelFunctions;

/** The functions of the module, in the registry's order (each built afresh). */
export function kernelFunctions(): FunctionDef[] {
  return kernelList().map((k) => k.build());
}

/** Pages of the scratch regions at the start of the memory. */
const SCRATCH_PAGES = SCRATCH_BYTES / 65536;
/** Memory sizes to try, in pages (1 GiB first): the arena (`arena.ts`) is what the scratch leaves. */
const MEMORY_PAGES = [16384, 8192, 4096, 2048, SCRATCH_PAGES];

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

/**
 * The status of the module of `functions` in this runtime (see `kernelStatus`): `ok` when it
 * validates; otherwise `no-simd`, or `invalid-module` naming the first function that does not
 * compile (each is compiled alone in a module of its own), with the runtime's error.
 */
export function moduleStatus(wasm: WasmApi, functions: FunctionDef[], memory: MemoryImport = { minPages: 1, maxPages: 1, shared: false }): KernelStatus {
  if (wasm.validate(encodeModule(memory, functions))) return { state: 'ok' };
  if (!wasm.validate(SIMD_PROBE)) return { state: 'no-simd' };
  for (const f of functions) {
    try {
      new wasm.Module(encodeModule(memory, [f]));
    } catch (e) {
      return { state: 'invalid-module', reason: `kernel ${f.name}: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  return { state: 'invalid-module', reason: 'WebAssembly.validate refused the module, but each of its functions compiles' };
}

/** The functions `build` made, for `buildCopyKernels` to encode again on the other memory (building them takes ~15 ms). */
let builtFunctions: FunctionDef[] = [];

function build(): Kernels | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) {
    kernelStatus = { state: 'no-webassembly' };
    return null;
  }
  const functions = builtFunctions = kernelFunctions();
  // One memory of fixed size, never grown (growing would detach every typed array viewing it).
  // Reserving it costs address space only: the system provides pages when they are first
  // written, so an unused arena costs no memory. Shared where the runtime has SharedArrayBuffer
  // and more than one thread is wanted, so that helper threads can run kernels on the same
  // tensors (threads.ts); not shared otherwise (the kernels run ~20% slower on shared memory).
  const canShare = typeof SharedArrayBuffer === 'function' && startupThreads() > 1;
  for (const shared of canShare ? [true, false] : [false]) {
    for (const p of MEMORY_PAGES) {
      let memory: KernelModule['memory'];
      try {
        memory = new wasm.Memory({ initial: p, maximum: p, shared });
      } catch {
        continue; // too large for this runtime: try a smaller one
      }
      const bytes = encodeModule({ minPages: p, maxPages: p, shared }, functions);
      if (!wasm.validate(bytes)) {
        // a runtime without SIMD, or a mistake in a kernel's encoding: tell them apart, so that
        // a mistake is reported (kernelStatus, checked by the tests) instead of passing as "no SIMD"
        kernelStatus = moduleStatus(wasm, functions, { minPages: p, maxPages: p, shared });
        return null;
      }
      try {
        const module = new wasm.Module(bytes);
        return instantiate(wasm, module, memory, shared);
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

/** Instantiate the module on `memory`: every registry entry becomes its export (a family, its exports by name). */
function instantiate(wasm: WasmApi, module: object, memory: KernelModule['memory'], shared: boolean): Kernels {
  const exports = new wasm.Instance(module, { env: { memory } }).exports as Record<string, KernelFunction>;
  new Float64Array(memory.buffer, REGION.frac, 64).set(EXP_TABLES.FRAC);
  writeExpTables(memory.buffer);
  writeTanhTables(memory.buffer);
  writeLogConstants(memory.buffer);
  const functions = Object.fromEntries(Object.entries(KERNELS).map(([key, entry]) => [
    key,
    isKernel(entry) ? exports[entry.name] : Object.fromEntries(Object.values(entry).map((k) => [k.name, exports[k.name]])),
  ])) as KernelFunctions;
  return { memory, buffer: memory.buffer, shared, module, exports, ...functions };
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
  const memory = new wasm.Memory({ initial: SCRATCH_PAGES, maximum: SCRATCH_PAGES });
  const module = new wasm.Module(encodeModule({ minPages: SCRATCH_PAGES, maxPages: SCRATCH_PAGES, shared: false }, builtFunctions));
  return instantiate(wasm, module, memory, false);
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
