/**
 * `Parameter`: a tensor a {@link Module} owns and trains. It is an ordinary leaf tensor that
 * requires grad; being a `Parameter` (rather than any tensor) is what makes a module list it in
 * `parameters()` and `stateDict()`, as in PyTorch.
 */
import { Tensor } from '../engine/index.js';

/**
 * A leaf tensor that requires grad (by default) and that modules register: PyTorch's
 * `nn.Parameter`. It shares `data`'s storage (no copy) but not its history: a parameter is
 * always a leaf.
 *
 * @example
 * ```ts
 * const W = new Parameter(randn([27, 27], { generator: g }));
 * W.requiresGrad; // true
 * W.isLeaf;       // true
 * ```
 */
export class Parameter extends Tensor {
  /**
   * @param data - the initial values (floating dtype); the parameter is a view of its storage.
   * @param requiresGrad - default true.
   * @throws TypeError for a non-Tensor or a non-floating tensor that should require grad.
   */
  constructor(data: Tensor, requiresGrad = true) {
    if (!(data instanceof Tensor)) throw new TypeError(`Parameter: data must be a Tensor, got ${data === null ? 'null' : typeof data}`);
    super(data.storage, data.shape, data.strides, data.offset);
    if (requiresGrad) this.requiresGrad_(true);
  }

  /**
   * PyTorch's repr: `Parameter containing:` and the tensor.
   * @example String(new Parameter(zeros([2]))) // 'Parameter containing:\ntensor([0., 0.], requires_grad=True)'
   */
  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}
