/**
 * `defineKernel`: one WebAssembly kernel, written once, with named parameters and locals. Its
 * entry in the registry (`kernel-list.ts`) is all the rest of the engine needs: the module's
 * exports, the typed functions of `kernels` (`kernels.exp(…)`), the helper threads' dispatch
 * table and the WAT text (docs/kernels.wat) are derived from it. Adding a kernel = a file under
 * `kernels/` that calls `defineKernel`, one line in `kernel-list.ts`, and its driver.
 */
import { Code, type FunctionDef, type Local, type ValType } from './wasm-encoder.js';

/** Named value types, in order: `{ out: I32, n: I32 }` is `(param $out i32) (param $n i32)`. */
export type Declarations = Record<string, ValType>;
/** The handles of declared parameters or locals, by name. */
export type Handles<D extends Declarations> = { readonly [K in keyof D]: Local };

/** What `defineKernel` takes. */
export interface KernelSpec<P extends Declarations, L extends Declarations> {
  /** The export name (`exp_f32`): the name in the WAT text, and the one threads dispatch by. */
  name: string;
  /** The parameters, in order (byte offsets into the memory and sizes are `I32`). */
  params: P;
  /** The result types (none by default). */
  results?: ValType[];
  /** The locals, declared after the parameters in this order; `code.local()` may add more. */
  locals?: L;
  /** Writes the body: `code` with the parameters' and locals' handles by name. */
  body: (code: Code, v: Handles<P> & Handles<L>) => void;
}

/** A defined kernel: its export name, its parameter count, and how to build its code. */
export interface Kernel {
  readonly name: string;
  /** The number of parameters (the arguments a call passes). */
  readonly arity: number;
  /** Builds the function (a fresh `Code` each time). */
  build(): FunctionDef;
}

/**
 * Define a kernel: an exported WebAssembly function with named parameters and locals, whose
 * body is written with `Code` (see `wasm-encoder.ts`).
 * @example
 * const fillZero = defineKernel({
 *   name: 'fill_zero',
 *   params: { at: I32, bytes: I32 },
 *   body: (c, { at, bytes }) => c.get(at).i32Const(0).get(bytes).memoryFill(),
 * });
 */
export function defineKernel<P extends Declarations, L extends Declarations = Record<never, ValType>>(spec: KernelSpec<P, L>): Kernel {
  return {
    name: spec.name,
    arity: Object.keys(spec.params).length,
    build(): FunctionDef {
      const code = new Code(spec.params);
      const handles: Record<string, Local> = {};
      for (const name of Object.keys(spec.params)) handles[name] = code.param(name);
      for (const [name, type] of Object.entries(spec.locals ?? {})) handles[name] = code.local(name, type);
      spec.body(code, handles as Handles<P> & Handles<L>);
      return { name: spec.name, results: spec.results ?? [], code };
    },
  };
}
