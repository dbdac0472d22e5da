/**
 * The engine's float32 arithmetic mode: its own rules (the default) or PyTorch 1.13.1's on x86,
 * bit for bit, for the operations of the MLP's training step (docs/mlp.md, "Why they drift").
 *
 * `'pytorch-x86'` makes these float32 ops compute exactly what Debian's PyTorch 1.13.1 computes on
 * an AVX2 + FMA x86 core (1 thread); each op checks the mode with a one-line hook and the variant
 * lives in `engine/ops/x86/`:
 * - `matmul` (forward and backward): OpenBLAS's sgemm order (`setFloat32MatmulOrder('sgemm-x86')`, matmul-order.ts);
 * - `tanh`: SLEEF's `tanhf8_u10`; its backward `g · fma(−y, y, 1)` (x86/tanh.ts);
 * - `logSoftmax(x, 1)` of a float32 `[N, C ≥ 8]` and its backward, `nllLoss` / `crossEntropy`
 *   (mean or sum): SLEEF's exp and log, ATen's AVX2 lane sums and `nll_loss`'s cascade (x86/log-softmax-rows.ts);
 * - `sum` over the leading dims of a contiguous float32 tensor with at least 8 columns (the bias
 *   gradients): ATen's `vectorized_outer_sum` (`outerSumF32`, cascade-sum.ts).
 * Every other op, dtype and layout computes as in the default mode (for the MLP step: gather,
 * `+ b`, the embedding gradient's accumulation and the update already give PyTorch's bits).
 *
 * @module
 */
import { setFloat32MatmulOrder } from './matmul-order.js';

/** How float32 ops compute: the engine's own rules, or PyTorch 1.13.1's on x86 (AVX2). */
export type Float32Arithmetic = 'engine' | 'pytorch-x86';

let x86 = false;

/**
 * Select the float32 arithmetic from now on: `'engine'` (the default) or `'pytorch-x86'`
 * (PyTorch 1.13.1's bits on x86 for matmul, tanh, logSoftmax / crossEntropy and sums over leading
 * dims, forward and backward; see the module comment). Returns the previous setting so a caller
 * can restore it. Slower: the x86 variants are plain scalar loops.
 *
 * @throws RangeError for any other value.
 * @example
 * ```ts
 * const previous = setFloat32Arithmetic('pytorch-x86');
 * try { trainStep(p, data.train, 32, 0.1, g); } finally { setFloat32Arithmetic(previous); }
 * ```
 */
export function setFloat32Arithmetic(mode: Float32Arithmetic): Float32Arithmetic {
  if (mode !== 'engine' && mode !== 'pytorch-x86') {
    throw new RangeError(`setFloat32Arithmetic: mode must be 'engine' or 'pytorch-x86', got ${JSON.stringify(mode)}`);
  }
  const previous = float32Arithmetic();
  x86 = mode === 'pytorch-x86';
  setFloat32MatmulOrder(x86 ? 'sgemm-x86' : 'engine');
  return previous;
}

/**
 * The float32 arithmetic in effect ({@link setFloat32Arithmetic}).
 * @example float32Arithmetic() // 'engine'
 */
export function float32Arithmetic(): Float32Arithmetic {
  return x86 ? 'pytorch-x86' : 'engine';
}

/**
 * Whether float32 ops follow PyTorch's x86 arithmetic: the ops' one-line hook.
 * @example if (pytorchX86()) return tanhX86(x);
 */
export function pytorchX86(): boolean {
  return x86;
}
