/**
 * Drivers of the SIMD kernels (`kernels.ts`): decide whether an op's operands fit a kernel, then
 * stream them through the scratch memory a chunk at a time (copy in, compute, copy out).
 *
 * Each driver returns false when it does not apply (another dtype, a layout it does not handle,
 * a small tensor where the call costs more than it saves, operands that overlap the output, or
 * SIMD turned off); the op then runs its plain loop. Both give the same bits (see `kernels.ts`);
 * spec/fast-paths/ checks it on random shapes and values.
 *
 * `setSimdEnabled(false)`, or the environment variable `MAKEMORE_SIMD=0` at start-up, turns the
 * kernels off (to compare, or to rule them out when debugging).
 */
import type { Tensor } from '../tensor.js';
import type { TypedArray } from '../dtype.js';
import { expandStrides, isRowMajor, type Shape } from '../shape.js';
import { expF32 } from './exp-f32.js';
import { CHUNK, REGION, copyKernels, copyView, kernels, memoryView, type Layout } from './kernels.js';
import { isArenaArray, scratchInt32 } from '../memory/arena.js';
import { partBounds, runSplit } from './threads.js';

/** Views of the shared memory (operands in the arena) and of the copy kernels' memory (operands copied in and out). */
const { f32, i32 } = memoryView;
const copy = copyView;

const env = typeof process === 'object' ? process.env?.MAKEMORE_SIMD : undefined;
let enabled = kernels !== null && env !== '0';

/** Below this many elements the plain loop is used (calling into WebAssembly costs more). */
const MIN_ELEMENTS = 256;
/** Elements of the smallest part given to a helper thread (`threads.ts`): its hand-off costs ~40 µs. */
const MIN_PART = 1 << 16;

const A = REGION.a / 4, B = REGION.b / 4, OUT = REGION.out / 4, LIST = REGION.list / 4;

/**
 * Turn the WebAssembly SIMD kernels on or off (on by default where the runtime has them).
 * Results are the same either way; only the speed differs.
 * @example setSimdEnabled(false); // plain TypeScript loops from now on
 */
export function setSimdEnabled(on: boolean): void {
  enabled = on && kernels !== null;
}

/**
 * True when the SIMD kernels are in use (the runtime has WebAssembly SIMD and they are enabled).
 * @example isSimdEnabled() // true on Node 16.4+ and current browsers
 */
export function isSimdEnabled(): boolean {
  return enabled;
}

/**
 * How an operand broadcast to `shape` (with expanded `strides`) lies in memory, in the terms of
 * the kernels: 'F' row-major without gaps, 'R' one value per row of the last dimension (the rows
 * themselves consecutive), 'S' a single value, null for anything else.
 */
function layoutOf(shape: Shape, strides: readonly number[]): Layout | null {
  let scalar = true;
  for (let d = 0; d < shape.length; d++) if (shape[d] !== 1 && strides[d] !== 0) scalar = false;
  if (scalar) return 'S';
  if (isRowMajor(shape, strides)) return 'F';
  const last = shape.length - 1;
  if (last < 1 || strides[last] !== 0) return null;
  return isRowMajor(shape.slice(0, last), strides.slice(0, last)) ? 'R' : null;
}

/**
 * `out = a op b` (float32, broadcast to `out`'s shape, `out` contiguous) with the SIMD kernels;
 * false when they do not apply. `op` is add, sub, mul or div, or the in-place name (`mul_`).
 */
export function simdBinary(op: string, out: Tensor, a: Tensor, b: Tensor): boolean {
  if (!enabled || kernels === null) return false;
  if (out.dtype !== 'float32' || a.dtype !== 'float32' || b.dtype !== 'float32') return false;
  const kernelOp = op.endsWith('_') ? op.slice(0, -1) : op;
  if (kernelOp !== 'add' && kernelOp !== 'sub' && kernelOp !== 'mul' && kernelOp !== 'div') return false;
  const numel = out.numel();
  if (numel < MIN_ELEMENTS || !out.isContiguous()) return false;
  const shape = out.shape;
  const la = layoutOf(shape, expandStrides(a.shape, a.strides, shape));
  const lb = layoutOf(shape, expandStrides(b.shape, b.strides, shape));
  if (la === null || lb === null || (la === 'S' && lb === 'S')) return false;
  // an input that shares the output's memory must be exactly the output (x.mul_(2)); anything
  // else (x.mul_(x[0])) would see half-written values in a different order than the plain loop
  if (a.storage === out.storage && !(la === 'F' && a.offset === out.offset)) return false;
  if (b.storage === out.storage && !(lb === 'F' && b.offset === out.offset)) return false;
  const perRow = la === 'R' || lb === 'R';
  const cols = perRow ? shape[shape.length - 1] : numel;
  if (perRow && cols > CHUNK) return false;
  const kernel = kernels.binary[`${kernelOp}_${la}${lb}`];
  const od = out.storage.data as Float32Array, ad = a.storage.data as Float32Array, bd = b.storage.data as Float32Array;
  const nRows = perRow ? numel / cols : 1;
  /** An operand the kernel can read in place: in the arena, or small (a scalar, or one value per row) and copied into `region`. */
  const inPlace = (arr: Float32Array, l: Layout) => isArenaArray(arr) || l === 'S' || (l === 'R' && nRows <= CHUNK);
  if (isArenaArray(od) && inPlace(ad, la) && inPlace(bd, lb)) {
    // in the kernels' memory: one call in place, or parts (of nRows, or of elements when there are
    // no per-row operands) on the helper threads
    const overlapOk = a.storage !== out.storage && b.storage !== out.storage ? 1 : 0;
    const address = (arr: Float32Array, offset: number, l: Layout, region: number) => {
      if (isArenaArray(arr)) return arr.byteOffset + 4 * offset;
      f32.set(arr.subarray(offset, offset + (l === 'S' ? 1 : nRows)), region / 4);
      return region;
    };
    const o0 = od.byteOffset + 4 * out.offset, a0 = address(ad, a.offset, la, REGION.a), b0 = address(bd, b.offset, lb, REGION.b);
    /** The call for nRows [r0, r1) (per-row layouts) or elements [r0, r1) (otherwise). */
    const part = (r0: number, r1: number): [string, number[]] => {
      const full = perRow ? 4 * r0 * cols : 4 * r0, one = perRow ? 4 * r0 : 0;
      const at = (base: number, l: Layout) => base + (l === 'F' ? full : l === 'R' ? one : 0);
      return [`${kernelOp}_${la}${lb}`, [o0 + full, at(a0, la), at(b0, lb), perRow ? r1 - r0 : 1, perRow ? cols : r1 - r0, overlapOk]];
    };
    const split = perRow
      ? runSplit(Math.ceil(MIN_PART / cols), nRows, (i, count) => part(...partBounds(nRows, i, count)))
      : runSplit(MIN_PART, numel, (i, count) => part(...partBounds(numel, i, count, 4)));
    if (split === null) kernel(o0, a0, b0, nRows, cols, overlapOk);
    return true;
  }
  const copyKernel = copyKernels!.binary[`${kernelOp}_${la}${lb}`];
  // x · x (and x ** 2): one copy serves as both operands
  const same = la === 'F' && lb === 'F' && ad === bd && a.offset === b.offset;
  if (la === 'S') copy.f32[A] = ad[a.offset];
  if (lb === 'S') copy.f32[B] = bd[b.offset];
  // a chunk: `rows` rows of `cols` (per-row layouts), or `len` consecutive elements
  const rowsPerChunk = perRow ? Math.floor(CHUNK / cols) : 0;
  for (let start = 0; start < numel;) {
    const rows = perRow ? Math.min(rowsPerChunk, (numel - start) / cols) : 1;
    const len = perRow ? rows * cols : Math.min(CHUNK, numel - start);
    const r0 = perRow ? start / cols : 0;
    if (la === 'F') copy.f32.set(ad.subarray(a.offset + start, a.offset + start + len), A);
    else if (la === 'R') copy.f32.set(ad.subarray(a.offset + r0, a.offset + r0 + rows), A);
    if (lb === 'F' && !same) copy.f32.set(bd.subarray(b.offset + start, b.offset + start + len), B);
    else if (lb === 'R') copy.f32.set(bd.subarray(b.offset + r0, b.offset + r0 + rows), B);
    copyKernel(REGION.out, REGION.a, same ? REGION.a : REGION.b, rows, perRow ? cols : len, 1); // scratch: no overlap
    od.set(copy.f32.subarray(OUT, OUT + len), out.offset + start);
    start += len;
  }
  return true;
}

/**
 * `out[o + i] = fround(exp(x[xi + i]))` for i < n, float32 to float32, with the SIMD kernel
 * (false when it does not apply). Same bits as `expF32`.
 */
export function simdExpF32(out: TypedArray, o: number, x: TypedArray, xi: number, n: number): boolean {
  if (!enabled || kernels === null || n < MIN_ELEMENTS || !(x instanceof Float32Array) || !(out instanceof Float32Array)) return false;
  const inPlace = isArenaArray(x) && isArenaArray(out);
  if (inPlace && n >= 2 * MIN_PART && simdExpSplit(out, o, x, xi, n)) return true;
  for (let start = 0; start < n; start += CHUNK) {
    // chunks also bound the list of groups (the kernel writes at most one entry per group: CHUNK / 4)
    const len = Math.min(CHUNK, n - start);
    const len4 = len - (len % 4);
    let listed: number;
    if (inPlace) {
      listed = kernels.exp(out.byteOffset + 4 * (o + start), x.byteOffset + 4 * (xi + start), len4, REGION.list);
    } else {
      copy.f32.set(x.subarray(xi + start, xi + start + len4), A);
      listed = copyKernels!.exp(REGION.out, REGION.a, len4, REGION.list);
      out.set(copy.f32.subarray(OUT, OUT + len4), o + start);
    }
    // the groups of 4 the kernel could not vouch for, and the last len % 4 elements
    const list = inPlace ? i32 : copy.i32;
    for (let k = 0; k < listed; k++) {
      const p = start + list[LIST + k];
      for (let j = p; j < p + 4; j++) out[o + j] = expF32(x[xi + j]);
    }
    for (let p = start + len4; p < start + len; p++) out[o + p] = expF32(x[xi + p]);
  }
  return true;
}

/**
 * exp of arena operands in parts on the helper threads: each part one kernel call over its whole
 * range, listing the groups of 4 it cannot vouch for in a block of its own; then this thread
 * redoes the listed groups and the last n % 4 elements with `expF32`. False when no helper is ready.
 */
function simdExpSplit(out: Float32Array, o: number, x: Float32Array, xi: number, n: number): boolean {
  const n4 = n - (n % 4);
  // room for every group of the range: n4 / 4 entries (the kernel writes at most one per group)
  const lists = scratchInt32(0, n4 / 4 + 4);
  if (lists === null) return false;
  const bounds: [number, number][] = [];
  const listed = runSplit(MIN_PART, n4, (i, count) => {
    const [s, e] = (bounds[i] = partBounds(n4, i, count, 4));
    // part i lists into lists[s / 4 …]: at most (e − s) / 4 entries
    return ['exp_f32', [out.byteOffset + 4 * (o + s), x.byteOffset + 4 * (xi + s), e - s, lists.byteOffset + s]];
  });
  if (listed === null) return false;
  listed.forEach((count, i) => {
    const s = bounds[i][0];
    for (let k = 0; k < count; k++) {
      const p = s + lists[s / 4 + k];
      for (let j = p; j < p + 4; j++) out[o + j] = expF32(x[xi + j]);
    }
  });
  for (let p = n4; p < n; p++) out[o + p] = expF32(x[xi + p]);
  return true;
}

/** `out[o + i] = x[xi + i]` for int32 x and float32 out, with the SIMD kernel (false when it does not apply). */
export function simdInt32ToFloat32(out: TypedArray, o: number, x: TypedArray, xi: number, n: number): boolean {
  if (!enabled || kernels === null || n < MIN_ELEMENTS || !(x instanceof Int32Array) || !(out instanceof Float32Array)) return false;
  if (isArenaArray(x) && isArenaArray(out)) {
    const n4 = n - (n % 4);
    kernels.i32ToF32(out.byteOffset + 4 * o, x.byteOffset + 4 * xi, n4);
    for (let p = n4; p < n; p++) out[o + p] = x[xi + p];
    return true;
  }
  for (let start = 0; start < n; start += CHUNK) {
    const len = Math.min(CHUNK, n - start);
    const len4 = len - (len % 4);
    copy.i32.set(x.subarray(xi + start, xi + start + len4), A);
    copyKernels!.i32ToF32(REGION.out, REGION.a, len4);
    out.set(copy.f32.subarray(OUT, OUT + len4), o + start);
    for (let p = start + len4; p < start + len; p++) out[o + p] = x[xi + p];
  }
  return true;
}
