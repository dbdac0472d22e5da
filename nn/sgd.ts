/**
 * `SGD`: stochastic gradient descent with momentum, dampening, weight decay and Nesterov
 * momentum, with PyTorch 1.13's update rule (`torch.optim.SGD`, `_single_tensor_sgd`). For each
 * parameter p with a gradient g, with buf the momentum buffer:
 *
 * ```text
 *   d = g + weightDecay · p                       (if weightDecay ≠ 0)
 *   buf = d                         first step    (if momentum ≠ 0: a copy, no dampening)
 *   buf = momentum · buf + (1 − dampening) · d    later steps
 *   d = d + momentum · buf  (nesterov)   or   d = buf
 *   p = p − lr · d                  (p + lr · d with maximize)
 * ```
 *
 * With the defaults this is the lecture's step `W.data += -lr * W.grad` (notes N22).
 * Every operation rounds to the parameter's dtype; PyTorch's vectorised CPU kernel fuses
 * `p + α·d` into one FMA, so float32 results can differ from PyTorch's in the last bit.
 */
import { type Tensor, keep, noGrad } from '../engine/index.js';

/**
 * Options of {@link SGD} (PyTorch's names in camelCase).
 *
 * @example new SGD(params, { lr: 0.1, momentum: 0.9, weightDecay: 1e-4, nesterov: true })
 */
export interface SGDOptions {
  /** Learning rate (≥ 0). */
  lr: number;
  /** Momentum factor (default 0: plain gradient descent). */
  momentum?: number;
  /** Dampening for momentum (default 0). */
  dampening?: number;
  /** L2 penalty added to the gradient as `weightDecay · p` (default 0). */
  weightDecay?: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening = 0). */
  nesterov?: boolean;
  /** Maximise the objective instead of minimising it (default false). */
  maximize?: boolean;
}

function checkNumber(name: string, v: number, what: string): void {
  if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) throw new RangeError(`SGD: Invalid ${what}: ${v} (${name} must be a finite number >= 0)`);
}

/**
 * Stochastic gradient descent over a list of parameters.
 *
 * @example
 * ```ts
 * const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 * for (let step = 0; step < 100; step++) {
 *   const loss = crossEntropy(model.forward(xs), ys);
 *   opt.zeroGrad();
 *   loss.backward();
 *   opt.step();
 * }
 * ```
 */
export class SGD {
  /** The parameters, in the order given. */
  readonly params: readonly Tensor[];
  /** The options, with defaults filled in (`lr` may be changed between steps, as in PyTorch). */
  readonly options: Required<SGDOptions>;
  private readonly buffers = new Map<Tensor, Tensor>();

  /**
   * @param params - leaf tensors that require grad (e.g. `model.parameters()`).
   * @param opts - see {@link SGDOptions}; `lr` is required.
   * @throws RangeError for an empty parameter list, negative hyper-parameters, or Nesterov
   * without momentum or with dampening; TypeError for a tensor that is not a trainable leaf.
   */
  constructor(params: Iterable<Tensor>, opts: SGDOptions) {
    const list = [...params];
    if (list.length === 0) throw new RangeError('SGD: optimizer got an empty parameter list');
    list.forEach((p, i) => {
      if (!p || typeof p !== 'object' || !('requiresGrad' in p)) throw new TypeError(`SGD: parameter ${i} is not a Tensor`);
      if (!p.isLeaf) throw new TypeError(`SGD: can't optimize a non-leaf Tensor (parameter ${i}, produced by ${p.gradFn?.name})`);
      if (!p.requiresGrad) throw new TypeError(`SGD: parameter ${i} (shape [${p.shape.join(', ')}]) does not require grad, so it would never be updated`);
    });
    if (new Set(list).size !== list.length) throw new RangeError('SGD: some parameters appear more than once');
    if (opts === undefined || opts.lr === undefined) throw new RangeError('SGD: lr is required (e.g. { lr: 0.1 })');
    this.options = {
      lr: opts.lr,
      momentum: opts.momentum ?? 0,
      dampening: opts.dampening ?? 0,
      weightDecay: opts.weightDecay ?? 0,
      nesterov: opts.nesterov ?? false,
      maximize: opts.maximize ?? false,
    };
    checkNumber('lr', this.options.lr, 'learning rate');
    checkNumber('momentum', this.options.momentum, 'momentum value');
    checkNumber('weightDecay', this.options.weightDecay, 'weight_decay value');
    if (typeof this.options.dampening !== 'number' || !Number.isFinite(this.options.dampening)) {
      throw new RangeError(`SGD: Invalid dampening value: ${this.options.dampening}`);
    }
    if (this.options.nesterov && (this.options.momentum <= 0 || this.options.dampening !== 0)) {
      throw new RangeError(`SGD: Nesterov momentum requires a momentum and zero dampening (got momentum ${this.options.momentum}, dampening ${this.options.dampening})`);
    }
    this.params = list;
  }

  /**
   * The momentum buffer of `p` (PyTorch's `state[p]['momentum_buffer']`), null before the first
   * step or without momentum.
   *
   * @example opt.momentumBuffer(layer.weight)?.shape // [27, 27] after one step with momentum
   */
  momentumBuffer(p: Tensor): Tensor | null {
    return this.buffers.get(p) ?? null;
  }

  /**
   * Update every parameter that has a gradient (see the file comment), in place and outside
   * the graph. Parameters whose `grad` is null are skipped.
   *
   * @example loss.backward(); opt.step();
   */
  step(): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = this.options;
    noGrad(() => {
      for (const p of this.params) {
        if (p.grad === null) continue;
        let d = p.grad;
        if (weightDecay !== 0) d = d.add(p.mul(weightDecay));
        if (momentum !== 0) {
          let buf = this.buffers.get(p);
          if (buf === undefined) {
            buf = keep(d.clone()); // state that outlives the step, also inside tidy()
            this.buffers.set(p, buf);
          } else {
            buf.mul_(momentum).add_(dampening === 0 ? d : d.mul(1 - dampening));
          }
          d = nesterov ? d.add(buf.mul(momentum)) : buf;
        }
        p.data.add_(d.mul(maximize ? lr : -lr));
      }
    });
  }

  /**
   * Clear the gradients of the parameters: zero them in place (PyTorch 1.13's default) or drop
   * them with `setToNone: true`.
   *
   * @example opt.zeroGrad(); loss.backward(); opt.step();
   */
  zeroGrad(opts: { setToNone?: boolean } = {}): void {
    for (const p of this.params) {
      if (p.grad === null) continue;
      if (opts.setToNone) p.grad = null;
      else p.grad.zero_();
    }
  }
}
