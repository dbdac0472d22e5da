/**
 * Driver of the row-vector kernels (`kernels/binary-row-vector.ts`): `a op b` in float32 where one
 * operand is full and the other one row repeated for every row, the bias of a linear layer
 * (`h @ W + b`: `[32, 200] + [200]`, or `[B, T, C] + [T, C]`). `simdBinary` (`elementwise.ts`)
 * takes full, per-row and scalar operands; before this driver a row vector went to the op's plain
 * loop, element by element through the strided iterator (~7 ns per element for the MLP's
 * `[32, 200] + [200]`). Same bits as the plain loop (one float32 operation per element).
 *
 * Like the other drivers it returns false when it does not apply (SIMD off, another dtype or
 * op, fewer than 256 elements, an output that shares memory with an operand, other layouts); the
 * op then runs its plain loop. Operands in the arena are used in place; others are copied into
 * the scratch memory a chunk of rows at a time. spec/fast-paths/row-vector-binary.spec.ts checks
 * it against the plain loop bit for bit.
 */
import type { Tensor } from '../tensor.js';
import { expandStrides, isRowMajor, type Shape } from '../shape.js';
import { CHUNK, REGION, copyKernels, copyView, kernels, memoryView } from './kernels.js';
import { isSimdEnabled } from './elementwise.js';
import { isArenaArray } from '../memory/arena.js';

/** Below this many elements the plain loop is used (as `simdBinary`). */
const MIN_ELEMENTS = 256;

/**
 * The length of the row that `strides` (an operand's strides expanded to `shape`) repeats: the
 * operand is broadcast over some leading dimensions (stride 0) and row-major without gaps over
 * the rest; 0 when it is not laid out so (or is not broadcast at all, or is a single value).
 */
function rowVectorLength(shape: Shape, strides: readonly number[]): number {
  let k = 0;
  let broadcast = false;
  while (k < shape.length && (strides[k] === 0 || shape[k] === 1)) {
    if (shape[k] !== 1) broadcast = true;
    k++;
  }
  if (!broadcast || k === shape.length) return 0;
  const rest = shape.slice(k);
  if (!isRowMajor(rest, strides.slice(k))) return 0;
  return rest.reduce((p, d) => p * d, 1);
}

/**
 * `out = a op b` (float32; `out` new and contiguous with the broadcast shape) when one operand is
 * full and the other a row vector, with the SIMD kernels; false when they do not apply. `op` is
 * add, sub, mul or div.
 * @example simdRowVectorBinary('add', out, h, b) // out = h + b for h [32, 200], b [200]
 */
export function simdRowVectorBinary(op: string, out: Tensor, a: Tensor, b: Tensor): boolean {
  if (!isSimdEnabled() || kernels === null || copyKernels === null) return false;
  if (op !== 'add' && op !== 'sub' && op !== 'mul' && op !== 'div') return false;
  if (out.dtype !== 'float32' || a.dtype !== 'float32' || b.dtype !== 'float32') return false;
  const numel = out.numel();
  if (numel < MIN_ELEMENTS || !out.isContiguous() || a.storage === out.storage || b.storage === out.storage) return false;
  const shape = out.shape;
  const as = expandStrides(a.shape, a.strides, shape), bs = expandStrides(b.shape, b.strides, shape);
  const aFull = isRowMajor(shape, as), bFull = isRowMajor(shape, bs);
  if (aFull === bFull) return false;
  const cols = aFull ? rowVectorLength(shape, bs) : rowVectorLength(shape, as);
  if (cols === 0 || cols > CHUNK) return false;
  const layout = aFull ? 'FV' : 'VF';
  const name = `${op}_${layout}`;
  const rows = numel / cols;
  const [full, vec] = aFull ? [a, b] : [b, a];
  const od = out.storage.data as Float32Array, fd = full.storage.data as Float32Array, vd = vec.storage.data as Float32Array;
  const vector = vd.subarray(vec.offset, vec.offset + cols);
  // the regions of the full operand and of the vector in the scratch memory: a's and b's
  const [fullRegion, vecRegion] = aFull ? [REGION.a, REGION.b] : [REGION.b, REGION.a];
  if (isArenaArray(od) && isArenaArray(fd)) {
    // in the kernels' memory: one call in place (the vector copied into its region unless it is there too)
    let v = vector.byteOffset;
    if (!isArenaArray(vd)) {
      memoryView.f32.set(vector, vecRegion / 4);
      v = vecRegion;
    }
    const f = fd.byteOffset + 4 * full.offset;
    kernels.rowVector[name](od.byteOffset + 4 * out.offset, aFull ? f : v, aFull ? v : f, rows, cols);
    return true;
  }
  const kernel = copyKernels.rowVector[name];
  const copy = copyView.f32;
  copy.set(vector, vecRegion / 4);
  const rowsPerChunk = Math.floor(CHUNK / cols);
  for (let r0 = 0; r0 < rows; r0 += rowsPerChunk) {
    const n = Math.min(rowsPerChunk, rows - r0) * cols;
    const start = r0 * cols;
    copy.set(fd.subarray(full.offset + start, full.offset + start + n), fullRegion / 4);
    kernel(REGION.out, REGION.a, REGION.b, n / cols, cols);
    od.set(copy.subarray(REGION.out / 4, REGION.out / 4 + n), out.offset + start);
  }
  return true;
}
