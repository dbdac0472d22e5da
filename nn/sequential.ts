/**
 * `Sequential`: modules applied one after the other (PyTorch's `nn.Sequential`). The modules are
 * registered under the names `0`, `1`, … so that parameter names (`0.weight`, `2.bias`) and the
 * printed tree are PyTorch's.
 */
import { Tensor } from '../engine/index.js';
import { Module } from './module.js';

/**
 * A module with a one-tensor `forward`: what {@link Sequential} chains.
 *
 * @example const layer: Layer = new Linear(3, 2);
 */
export type Layer = Module & {
  /** The layer's computation on one tensor. */
  forward(x: Tensor): Tensor;
};

/**
 * A chain of layers: `forward(x)` passes `x` through each in order.
 *
 * @example
 * ```ts
 * const mlp = new Sequential(new Linear(30, 200, { generator: g }), new Tanh(), new Linear(200, 27, { generator: g }));
 * mlp.forward(x);                                  // [n, 27]
 * mlp.namedParameters().map(([name]) => name);     // ['0.weight', '0.bias', '2.weight', '2.bias']
 * ```
 */
export class Sequential extends Module {
  [index: number]: Layer;

  /**
   * @param layers - the modules, in order; each must have a `forward(x)`.
   * @throws TypeError naming the position of an argument that is not a module with `forward`.
   */
  constructor(...layers: Layer[]) {
    super();
    layers.forEach((m, i) => this.append(m, i));
  }

  /**
   * Add a layer at the end (PyTorch's `append`).
   *
   * @returns this container.
   * @example new Sequential(new Linear(2, 3)).append(new ReLU()).length // 2
   */
  append(layer: Layer, position = this.length): this {
    if (!(layer instanceof Module) || typeof (layer as { forward?: unknown }).forward !== 'function') {
      throw new TypeError(`Sequential: argument ${position} must be a Module with a forward(x) method, got ${layer === null ? 'null' : layer instanceof Module ? layer.constructor.name : typeof layer}`);
    }
    this[this.length] = layer;
    return this;
  }

  /**
   * The number of layers.
   * @example new Sequential(new Linear(2, 3), new Tanh()).length // 2
   */
  get length(): number {
    let n = 0;
    while (Object.hasOwn(this, n)) n++;
    return n;
  }

  /**
   * The layer at `i` (negative counts from the end).
   *
   * @throws RangeError for an index out of range.
   * @example new Sequential(new Linear(2, 3), new Tanh()).at(-1) // the Tanh
   */
  at(i: number): Layer {
    const n = this.length;
    if (!Number.isInteger(i) || i < -n || i >= n) throw new RangeError(`Sequential: index ${i} is out of range for ${n} layers`);
    return this[i < 0 ? i + n : i];
  }

  /**
   * Iterate over the layers in order.
   * @example for (const layer of model) console.log(String(layer));
   */
  *[Symbol.iterator](): IterableIterator<Layer> {
    for (let i = 0; i < this.length; i++) yield this[i];
  }

  /**
   * Apply each layer in turn: `layerN(… layer1(layer0(x)))`.
   *
   * @example new Sequential(new Linear(30, 200), new Tanh()).forward(zeros([5, 30])).shape // [5, 200]
   */
  forward(x: Tensor): Tensor {
    let h = x;
    for (const layer of this) h = layer.forward(h);
    return h;
  }
}
