/**
 * The short road for the commonest small op: `a op b` in float32 with both operands contiguous
 * and of the output's shape (the MLP's `[32, 200] + [32, 200]`), at most one chunk of the scratch
 * memory long, outside the arena. It does what `simdBinary` (`elementwise.ts`) does for these
 * operands (copy both into the copy kernels' scratch memory, one call of the `_FF` kernel, copy
 * the result out: the same kernel, so the same bits) without its general layout analysis (the
 * expanded strides, the layout of each operand, the kernel looked up by a built name, closures per
 * call), which cost about as much as the arithmetic at this size.
 *
 * Returns false when it does not apply; the caller then goes on to `simdBinary` and the plain
 * loop. spec/fast-paths/small-binary.spec.ts checks it against the plain loop bit for bit.
 */
import type { Tensor } from '../tensor.js';
import { isRowMajor } from '../shape.js';
import { CHUNK, REGION, copyKernels, copyView, type KernelFunction } from './kernels.js';
import { isSimdEnabled } from './elementwise.js';
import { isArenaArray } from '../memory/arena.js';

/** Below this many elements the plain loop is used (as `simdBinary`). */
const MIN_ELEMENTS = 256;
const A = REGION.a / 4, B = REGION.b / 4, OUT = REGION.out / 4;

/** The `_FF` kernels of the copy module by op, looked up once. */
const FF: Readonly<Record<string, KernelFunction | undefined>> = copyKernels === null ? {} : {
  add: copyKernels.binary.add_FF, sub: copyKernels.binary.sub_FF, mul: copyKernels.binary.mul_FF, div: copyKernels.binary.div_FF,
};

/** True when `t` has exactly `shape` and is row-major without gaps. */
function contiguousOfShape(t: Tensor, shape: readonly number[]): boolean {
  const s = t.shape;
  if (s.length !== shape.length) return false;
  for (let d = 0; d < s.length; d++) if (s[d] !== shape[d]) return false;
  return isRowMajor(s, t.strides);
}

/**
 * `out = a op b` for float32 `a` and `b` contiguous with `out`'s shape (`out` new and contiguous),
 * 256 … 16,384 elements, none in the arena; false when that is not the case. `op` is add, sub,
 * mul or div.
 * @example simdSmallSameShape('add', out, h, h) // out = h + h for h [32, 200]
 */
export function simdSmallSameShape(op: string, out: Tensor, a: Tensor, b: Tensor): boolean {
  const kernel = FF[op];
  if (kernel === undefined || !isSimdEnabled()) return false;
  if (out.dtype !== 'float32' || a.dtype !== 'float32' || b.dtype !== 'float32') return false;
  const n = out.numel();
  if (n < MIN_ELEMENTS || n > CHUNK) return false;
  const od = out.storage.data, ad = a.storage.data, bd = b.storage.data;
  if (isArenaArray(od) || isArenaArray(ad) || isArenaArray(bd)) return false; // simdBinary works in place there
  if (out.offset !== 0 || od.length !== n || a.storage === out.storage || b.storage === out.storage) return false;
  const shape = out.shape;
  if (!contiguousOfShape(a, shape) || !contiguousOfShape(b, shape)) return false;
  const copy = copyView.f32;
  // x + x, x · x: one copy serves as both operands (as in simdBinary)
  const same = ad === bd && a.offset === b.offset;
  copy.set(ad.subarray(a.offset, a.offset + n), A);
  if (!same) copy.set(bd.subarray(b.offset, b.offset + n), B);
  kernel(REGION.out, REGION.a, same ? REGION.a : REGION.b, 1, n, 1); // scratch: no overlap
  od.set(copy.subarray(OUT, OUT + n));
  return true;
}
