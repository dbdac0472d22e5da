/**
 * Activation modules: `Tanh`, `ReLU`, `Sigmoid` (PyTorch's `nn.Tanh`, `nn.ReLU`, `nn.Sigmoid`).
 * Each wraps the engine's elementwise op of the same name; they have no parameters, and print
 * as `Tanh()`, `ReLU()`, `Sigmoid()`.
 */
import { Tensor } from '../engine/index.js';
import { Module } from './module.js';

function checkInput(name: string, x: unknown): asserts x is Tensor {
  if (!(x instanceof Tensor)) throw new TypeError(`${name}: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
}

/**
 * `tanh(x)` as a layer (the makemore MLP's nonlinearity).
 *
 * @example new Sequential(new Linear(30, 200), new Tanh()).forward(x)
 */
export class Tanh extends Module {
  /**
   * `x.tanh()`.
   * @example new Tanh().forward(tensor([0, 1])) // tensor([0.0000, 0.7616])
   */
  forward(x: Tensor): Tensor {
    checkInput('Tanh', x);
    return x.tanh();
  }
}

/**
 * `relu(x) = max(x, 0)` as a layer.
 *
 * @example new ReLU().forward(tensor([-1, 2])) // tensor([0, 2])
 */
export class ReLU extends Module {
  /**
   * `x.relu()`.
   * @example new ReLU().forward(tensor([-1.5, 2])) // tensor([0., 2.])
   */
  forward(x: Tensor): Tensor {
    checkInput('ReLU', x);
    return x.relu();
  }
}

/**
 * `sigmoid(x) = 1 / (1 + e^−x)` as a layer.
 *
 * @example new Sigmoid().forward(tensor([0])) // tensor([0.5000])
 */
export class Sigmoid extends Module {
  /**
   * `x.sigmoid()`.
   * @example new Sigmoid().forward(tensor([-1, 1])) // tensor([0.2689, 0.7311])
   */
  forward(x: Tensor): Tensor {
    checkInput('Sigmoid', x);
    return x.sigmoid();
  }
}
