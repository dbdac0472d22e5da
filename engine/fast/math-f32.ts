/**
 * Drivers of the float32 math kernels `log_f32`, `tanh_f32` and `sqrt_f32` (kernels/log.ts,
 * kernels/tanh.ts, kernels/sqrt.ts): float32 in, float32 out, contiguous. Operands in the arena
 * are used in place (large ones split over the helper threads); others are streamed through the
 * scratch memory a chunk at a time. Each kernel lists the groups of 4 elements it cannot vouch
 * for (special inputs, results next to a float32 rounding boundary, NaN); the driver redoes
 * those, and the last n % 4 elements, with the plain `Math.log` / `Math.tanh` / `Math.sqrt`, so
 * every element gets exactly the plain loop's bits.
 *
 * Each returns false when it does not apply (another dtype, a small tensor, SIMD off); the op
 * then runs its TypeScript loop (the same bits).
 */
import type { TypedArray } from '../dtype.js';
import { CHUNK, REGION, copyKernels, copyView, kernels, memoryView, type KernelFunction, type Kernels } from './kernels.js';
import { isSimdEnabled } from './elementwise.js';
import { isArenaArray, scratchInt32 } from '../memory/arena.js';
import { partBounds, runSplit } from './threads.js';
import { LOG_TABLES } from './log-f32.js';
import { LOG_TABLE } from './kernels/log.js';

/** Below this many elements the TypeScript loop is used (calling into WebAssembly costs more). */
const MIN_ELEMENTS = 256;
/** Elements of the smallest part given to a helper thread (its hand-off costs ~40 µs). */
const MIN_PART = 1 << 16;
const A = REGION.a / 4, OUT = REGION.out / 4, LIST = REGION.list / 4;

/** The log kernel's table (INVC[i], LOGC[i] side by side) into a memory's table region. */
function writeLogTable(f64: Float64Array): void {
  for (let i = 0; i < LOG_TABLES.N; i++) {
    f64[LOG_TABLE / 8 + 2 * i] = LOG_TABLES.INVC[i];
    f64[LOG_TABLE / 8 + 2 * i + 1] = LOG_TABLES.LOGC[i];
  }
}
if (kernels !== null) writeLogTable(memoryView.f64);
if (copyKernels !== null && copyKernels !== kernels) writeLogTable(copyView.f64);

type MathKernel = 'log' | 'tanh' | 'sqrt';
/** What each kernel computes, in plain JavaScript: the redo of listed groups and of the tail. */
const PLAIN: Record<MathKernel, (x: number) => number> = { log: Math.log, tanh: Math.tanh, sqrt: Math.sqrt };

/**
 * `out[o + i] = fround(log(x[xi + i]))` for i < n, float32 to float32, with the SIMD kernel
 * (false when it does not apply). The same bits as `Math.log` stored into a Float32Array.
 */
export function simdLogF32(out: TypedArray, o: number, x: TypedArray, xi: number, n: number): boolean {
  return simdMath('log', out, o, x, xi, n);
}

/** `out[o + i] = fround(tanh(x[xi + i]))` with the SIMD kernel (see `simdLogF32`). */
export function simdTanhF32(out: TypedArray, o: number, x: TypedArray, xi: number, n: number): boolean {
  return simdMath('tanh', out, o, x, xi, n);
}

/** `out[o + i] = fround(sqrt(x[xi + i]))` with the SIMD kernel (see `simdLogF32`). */
export function simdSqrtF32(out: TypedArray, o: number, x: TypedArray, xi: number, n: number): boolean {
  return simdMath('sqrt', out, o, x, xi, n);
}

function simdMath(name: MathKernel, out: TypedArray, o: number, x: TypedArray, xi: number, n: number): boolean {
  if (!isSimdEnabled() || kernels === null || n < MIN_ELEMENTS || !(x instanceof Float32Array) || !(out instanceof Float32Array)) return false;
  const plain = PLAIN[name];
  const inPlace = isArenaArray(x) && isArenaArray(out);
  if (inPlace && n >= 2 * MIN_PART && simdMathSplit(name, out, o, x, xi, n)) return true;
  const kernel = (inPlace ? kernels : copyKernels as Kernels)[name] as KernelFunction;
  const list = inPlace ? memoryView.i32 : copyView.i32;
  for (let start = 0; start < n; start += CHUNK) {
    // chunks also bound the list of groups (at most CHUNK / 4 entries)
    const len = Math.min(CHUNK, n - start);
    const len4 = len - (len % 4);
    let listed: number;
    if (inPlace) {
      listed = kernel(out.byteOffset + 4 * (o + start), x.byteOffset + 4 * (xi + start), len4, REGION.list);
    } else {
      copyView.f32.set(x.subarray(xi + start, xi + start + len4), A);
      listed = kernel(REGION.out, REGION.a, len4, REGION.list);
      out.set(copyView.f32.subarray(OUT, OUT + len4), o + start);
    }
    // the groups the kernel could not vouch for, and the last len % 4 elements
    for (let k = 0; k < listed; k++) {
      const p = start + list[LIST + k];
      for (let j = p; j < p + 4; j++) out[o + j] = plain(x[xi + j]);
    }
    for (let p = start + len4; p < start + len; p++) out[o + p] = plain(x[xi + p]);
  }
  return true;
}

/**
 * Arena operands in parts on the helper threads: each part one kernel call over its whole range,
 * listing the groups it cannot vouch for in a block of its own; then this thread redoes them and
 * the last n % 4 elements. False when no helper is ready.
 */
function simdMathSplit(name: MathKernel, out: Float32Array, o: number, x: Float32Array, xi: number, n: number): boolean {
  const plain = PLAIN[name];
  const n4 = n - (n % 4);
  // room for every group of the range: n4 / 4 entries
  const lists = scratchInt32(0, n4 / 4 + 4);
  if (lists === null) return false;
  const bounds: [number, number][] = [];
  const exportName = `${name}_f32`;
  const listed = runSplit(MIN_PART, n4, (i, count) => {
    const [s, e] = (bounds[i] = partBounds(n4, i, count, 4));
    // part i lists into lists[s / 4 …]: at most (e − s) / 4 entries
    return [exportName, [out.byteOffset + 4 * (o + s), x.byteOffset + 4 * (xi + s), e - s, lists.byteOffset + s]];
  });
  if (listed === null) return false;
  listed.forEach((count, i) => {
    const s = bounds[i][0];
    for (let k = 0; k < count; k++) {
      const p = s + lists[s / 4 + k];
      for (let j = p; j < p + 4; j++) out[o + j] = plain(x[xi + j]);
    }
  });
  for (let p = n4; p < n; p++) out[o + p] = plain(x[xi + p]);
  return true;
}
