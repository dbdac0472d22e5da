/**
 * The registry of the engine's WebAssembly kernels: every kernel is listed here once, under the
 * name its driver calls it by (`kernels.exp(…)`, `kernels.binary.add_FR(…)`). The module's
 * functions and exports (in this order), the typed `kernels` object (`kernels.ts`), the helper
 * threads' dispatch table (`threads.ts`) and docs/kernels.wat are all derived from this list.
 *
 * To add a kernel: write it in a file of its own under `kernels/` with `defineKernel`, add it
 * here, and write its driver (which calls `kernels.<name>` and may split the call across threads
 * with `runSplit`, naming the kernel by its export name).
 */
import type { Kernel } from './define-kernel.js';
import { allFinite } from './kernels/all-finite.js';
import { binaryKernels } from './kernels/binary.js';
import { rowVectorKernels } from './kernels/binary-row-vector.js';
import { boxMuller } from './kernels/box-muller.js';
import { cascadeRowSum } from './kernels/cascade-row-sum.js';
import { colSum } from './kernels/col-sum.js';
import { expF32 } from './kernels/exp.js';
import { fillZero } from './kernels/fill-zero.js';
import { gemmF32 } from './kernels/gemm-f32.js';
import { gemmKIJ } from './kernels/gemm-kij.js';
import { gemmSparseA } from './kernels/gemm-sparse-a.js';
import { gemmTiles64 } from './kernels/gemm-tiles64.js';
import { i32ToF32 } from './kernels/i32-to-f32.js';
import { mtTemper, mtTwist, mtUniformF32, wordsToF64 } from './kernels/mt19937.js';
import { rowSum } from './kernels/row-sum.js';
import { logF32 } from './kernels/log.js';
import { tanhF32 } from './kernels/tanh.js';
import { sqrtF32 } from './kernels/sqrt.js';
import { divBackwardRows } from './kernels/div-backward-rows.js';
import { gemmOneHotRows } from './kernels/gemm-one-hot-rows.js';
import { gemmKIJOneHot } from './kernels/gemm-kij-one-hot.js';
import { oneHotI32 } from './kernels/one-hot.js';
import { packPanels64Kernels } from './kernels/pack-panels64.js';
import { packPanels8Kernels } from './kernels/pack-panels8.js';
import { tanhBackwardF32 } from './kernels/tanh-backward.js';
import { demoteRowsF32 } from './kernels/demote-rows.js';
import { transposeF32 } from './kernels/transpose.js';

/** Every kernel, by the name its driver uses: a kernel, or a family of kernels by export name. */
export const KERNELS = {
  binary: binaryKernels,
  fillZero,
  i32ToF32,
  exp: expF32,
  gemmSparseA,
  gemmKIJ,
  gemmF32,
  rowSum,
  allFinite,
  colSum,
  cascadeRowSum,
  boxMuller,
  mtTwist,
  mtUniformF32,
  mtTemper,
  wordsToF64,
  log: logF32,
  tanh: tanhF32,
  sqrt: sqrtF32,
  gemmTiles64,
  divBackwardRows,
  rowVector: rowVectorKernels,
  gemmOneHotRows,
  gemmKIJOneHot,
  oneHotI32,
  packPanels64: packPanels64Kernels,
  packPanels8: packPanels8Kernels,
  tanhBackward: tanhBackwardF32,
  demoteRows: demoteRowsF32,
  transpose: transposeF32,
} satisfies Record<string, Kernel | Readonly<Record<string, Kernel>>>;

/** The kernels in module order (families flattened): function i of the module is kernel i. */
export function kernelList(): Kernel[] {
  return Object.values(KERNELS).flatMap((entry) => (isKernel(entry) ? [entry] : Object.values(entry)));
}

/** Whether a registry entry is one kernel (not a family). */
export function isKernel(entry: Kernel | Readonly<Record<string, Kernel>>): entry is Kernel {
  return typeof (entry as Kernel).build === 'function';
}
