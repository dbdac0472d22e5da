/**
 * Argument checks shared by the functional ops. Each throws before anything is computed, with a
 * message that names the op, the argument and the shapes involved.
 */
import { Tensor } from '../../engine/index.js';

/**
 * How a loss combines its per-example values: PyTorch's `reduction`.
 *
 * @example crossEntropy(logits, ys, { reduction: 'none' }) // one loss per example
 */
export type Reduction = 'mean' | 'sum' | 'none';

/**
 * A shape as the error messages print it.
 *
 * @example fmt([5, 27]) // '[5, 27]'
 */
export function fmt(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Throw unless `t` is a floating-point Tensor.
 *
 * @example checkFloating('softmax', 'input', logits)
 */
export function checkFloating(op: string, name: string, t: unknown): asserts t is Tensor {
  if (!(t instanceof Tensor)) throw new TypeError(`${op}: ${name} must be a Tensor, got ${t === null ? 'null' : typeof t}`);
  if (t.dtype !== 'float32' && t.dtype !== 'float64') {
    throw new TypeError(`${op}: ${name} must be a floating-point tensor (float32 or float64), got ${t.dtype} of shape ${fmt(t.shape)}; convert it with .float()`);
  }
}

/**
 * Throw unless `reduction` is `'mean'`, `'sum'` or `'none'`.
 *
 * @example checkReduction('mseLoss', 'sum')
 */
export function checkReduction(op: string, reduction: unknown): asserts reduction is Reduction {
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new RangeError(`${op}: reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(reduction)}`);
  }
}

/**
 * Check a classification batch: `input` is a floating `[N, C]` tensor and `targets` an int32
 * `[N]` tensor of class indices in `0 … C−1`.
 *
 * @example checkClassTargets('crossEntropy', logits, ys) // logits [5, 27], ys int32 [5]
 * @throws TypeError for a non-floating input or non-int32 targets; RangeError for wrong ranks,
 * mismatched batch sizes, or a target outside `0 … C−1`.
 */
export function checkClassTargets(op: string, input: unknown, targets: unknown): void {
  checkFloating(op, 'input', input);
  if (input.ndim !== 2) {
    throw new RangeError(
      `${op}: expected a 2-D input of shape [N, C] (N examples, C classes), got ${input.ndim}-D ${fmt(input.shape)}` +
        (input.ndim === 1 ? '; for a single example use input.unsqueeze(0) and a target of shape [1]' : ''),
    );
  }
  const [n, c] = input.shape;
  if (!(targets instanceof Tensor)) throw new TypeError(`${op}: targets must be a Tensor of class indices, got ${targets === null ? 'null' : typeof targets}`);
  if (targets.dtype !== 'int32') {
    throw new TypeError(
      `${op}: targets must be an int32 tensor of class indices (shape [N]), got ${targets.dtype} of shape ${fmt(targets.shape)}` +
        (targets.dtype === 'float32' || targets.dtype === 'float64' ? '; class-probability targets are not supported: pass indices (e.g. ys.int())' : ''),
    );
  }
  if (targets.ndim !== 1 || targets.shape[0] !== n) {
    throw new RangeError(
      `${op}: expected targets of shape [${n}] (one class index per row of the input ${fmt(input.shape)}), got ${fmt(targets.shape)}` +
        (targets.ndim === 1 ? `: input batch size ${n} does not match target batch size ${targets.shape[0]}` : ''),
    );
  }
  const ys = targets.toTypedArray();
  for (let i = 0; i < ys.length; i++) {
    if (ys[i] < 0 || ys[i] >= c) {
      throw new RangeError(`${op}: target ${ys[i]} at position ${i} is out of bounds: the input ${fmt(input.shape)} has ${c} classes (valid targets are 0…${c - 1})`);
    }
  }
}
