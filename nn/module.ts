/**
 * `Module`: the base class of layers and models (PyTorch's `nn.Module`).
 *
 * A module finds its parameters and submodules by looking at its own properties, in the order
 * they were assigned (as PyTorch's `__setattr__` registers them):
 *
 * ```text
 *   class Bigram extends Module { linear = new Linear(27, 27) }
 *     property linear  → a Module     → its parameters, named "linear.weight", "linear.bias"
 *   class Linear extends Module { weight: Parameter; bias: Parameter | null }
 *     property weight  → a Parameter  → "weight"
 *     arrays of modules or parameters → "layers.0.weight", …
 * ```
 *
 * Anything else (numbers, plain tensors, null) is ignored: to be trained and saved, a tensor
 * must be a {@link Parameter}, or a buffer registered with `registerBuffer` (state that is saved
 * but not trained, such as BatchNorm's running statistics).
 *
 * `String(module)` prints the module tree as PyTorch's `repr(module)` does: the class name, the
 * module's `extraRepr()` and its children, indented.
 */
import { Tensor, noGrad } from '../engine/index.js';
import { Parameter } from './parameter.js';

/**
 * Options of {@link Module.loadStateDict}.
 *
 * @example model.loadStateDict(state, { strict: false })
 */
export interface LoadStateDictOptions {
  /** Require the keys to match exactly (default true). Shapes must match either way. */
  strict?: boolean;
}

/**
 * What {@link Module.loadStateDict} did not match (both empty after a strict load).
 *
 * @example const { missingKeys, unexpectedKeys } = model.loadStateDict(state, { strict: false });
 */
export interface LoadStateDictResult {
  /** Parameters of the module that the state dict does not have. */
  missingKeys: string[];
  /** Keys of the state dict that are not parameters of the module. */
  unexpectedKeys: string[];
}

/**
 * An error from {@link Module.loadStateDict}: every problem found, one per line.
 *
 * @example try { model.loadStateDict(state); } catch (e) { if (e instanceof StateDictError) console.error(e.message); }
 */
export class StateDictError extends Error {
  /** The error's class name. */
  override name = 'StateDictError';
}

function fmt(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Where a module keeps the names of its buffers (a non-enumerable own property). */
const BUFFERS = Symbol('buffers');

/**
 * PyTorch's `Module.__repr__`: `Name(` + the extra line alone, or the extra lines and the
 * `(name): child` lines one per line, indented by two (a child's own lines are indented too).
 */
function reprLines(name: string, extra: string[], children: [string, string][]): string {
  const lines = [...extra, ...children.map(([key, repr]) => `(${key}): ${repr.split('\n').join('\n  ')}`)];
  if (lines.length === 0) return `${name}()`;
  if (extra.length === 1 && children.length === 0) return `${name}(${extra[0]})`;
  return `${name}(\n  ${lines.join('\n  ')}\n)`;
}

/**
 * The base class of layers and models. Subclasses assign {@link Parameter}s and submodules to
 * properties and write their own `forward`.
 *
 * @example
 * ```ts
 * class TwoLayer extends Module {
 *   hidden = new Linear(2, 8, { generator: g });
 *   out = new Linear(8, 1, { generator: g });
 *   forward(x: Tensor): Tensor { return this.out.forward(this.hidden.forward(x).tanh()); }
 * }
 * const net = new TwoLayer();
 * net.namedParameters().map(([name]) => name); // ['hidden.weight', 'hidden.bias', 'out.weight', 'out.bias']
 * ```
 */
export class Module {
  /** True in training mode (the default), false after {@link Module.eval}. */
  training = true;

  /**
   * The direct submodules, with their property names (arrays give `name.0`, `name.1`, …).
   *
   * @example new TwoLayer().namedChildren().map(([name]) => name) // ['hidden', 'out']
   */
  namedChildren(): [string, Module][] {
    return this.members().filter((m): m is [string, Module] => m[1] instanceof Module);
  }

  /**
   * Every parameter of this module and its submodules, with dotted names (`linear.weight`), in
   * registration order. A parameter shared by two submodules is listed once, under its first name.
   *
   * @example new Linear(27, 27).namedParameters().map(([name, p]) => [name, p.shape]) // [['weight', [27, 27]], ['bias', [27]]]
   */
  namedParameters(): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    const seen = new Set<Tensor>();
    const visiting = new Set<Module>();
    const walk = (module: Module, prefix: string) => {
      if (visiting.has(module)) return; // a module referring back to an ancestor
      visiting.add(module);
      for (const [name, value] of module.members()) {
        if (value instanceof Module) walk(value, `${prefix}${name}.`);
        else if (!seen.has(value)) {
          seen.add(value);
          out.push([prefix + name, value]);
        }
      }
      visiting.delete(module);
    };
    walk(this, '');
    return out;
  }

  /**
   * Every parameter (see {@link Module.namedParameters}), e.g. to give to an optimiser.
   *
   * @example const opt = new SGD(model.parameters(), { lr: 0.1 });
   */
  parameters(): Parameter[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /**
   * Clear the gradients of every parameter: zero them in place (PyTorch 1.13's default), or
   * drop them with `setToNone: true` (the lecture's `W.grad = None`).
   *
   * @example model.zeroGrad(); loss.backward();
   */
  zeroGrad(opts: { setToNone?: boolean } = {}): void {
    for (const p of this.parameters()) {
      if (p.grad === null) continue;
      if (opts.setToNone) p.grad = null;
      else p.grad.zero_();
    }
  }

  /**
   * Set training mode (`mode = true`) or evaluation mode on this module and every submodule.
   *
   * @returns this module.
   * @example model.train(); // model.training === true
   */
  train(mode = true): this {
    const visit = (m: Module, seen: Set<Module>) => {
      if (seen.has(m)) return;
      seen.add(m);
      m.training = mode;
      for (const [, child] of m.namedChildren()) visit(child, seen);
    };
    visit(this, new Set());
    return this;
  }

  /**
   * Evaluation mode: `train(false)`.
   *
   * @returns this module.
   * @example model.eval(); // model.training === false, and so for every submodule
   */
  eval(): this {
    return this.train(false);
  }

  /**
   * The parameters by dotted name, detached (they share storage with the parameters: no copy),
   * as PyTorch's `state_dict()`.
   *
   * @example Object.keys(new Linear(3, 2).stateDict()) // ['weight', 'bias']
   */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [name, t] of this.namedState()) out[name] = t.detach();
    return out;
  }

  /**
   * Every buffer of this module and its submodules (see `registerBuffer`), with dotted names,
   * e.g. a BatchNorm1d's `running_mean`, `running_var` and `num_batches_tracked`.
   *
   * @example new BatchNorm1d(3).namedBuffers().map(([name]) => name) // ['running_mean', 'running_var', 'num_batches_tracked']
   */
  namedBuffers(): [string, Tensor][] {
    const params = new Set<Tensor>(this.parameters());
    return this.namedState().filter(([, t]) => !params.has(t));
  }

  /**
   * Register the tensor held by property `name` as a buffer: saved by `stateDict()` under `key`
   * (default: the property name) and restored by `loadStateDict()`, but not a parameter
   * (PyTorch's `register_buffer`). A property holding null is skipped.
   *
   * @example this.registerBuffer('runningMean', 'running_mean'); // after this.runningMean = zeros([n])
   */
  protected registerBuffer(name: string, key = name): void {
    if (!Object.hasOwn(this, BUFFERS)) Object.defineProperty(this, BUFFERS, { value: [], enumerable: false });
    const names = (this as unknown as Record<symbol, [string, string][]>)[BUFFERS];
    if (!names.some(([n]) => n === name)) names.push([name, key]);
  }

  /**
   * The lines inside this module's parentheses when printed (PyTorch's `extra_repr`): empty by
   * default; layers override it (`in_features=30, out_features=200, bias=True`).
   *
   * @example new Linear(30, 200).extraRepr() // 'in_features=30, out_features=200, bias=True'
   */
  extraRepr(): string {
    return '';
  }

  /**
   * The module tree as PyTorch prints it (`repr(module)`): `Name(extra)` for a module without
   * children, otherwise one `(name): child` line per child, indented by two spaces. An array of
   * modules prints as PyTorch's `ModuleList`.
   *
   * @example
   * ```ts
   * String(new Sequential(new Linear(30, 200), new Tanh()));
   * // Sequential(
   * //   (0): Linear(in_features=30, out_features=200, bias=True)
   * //   (1): Tanh()
   * // )
   * ```
   */
  toString(): string {
    const children: [string, string][] = [];
    for (const [name, value] of Object.entries(this)) {
      if (value instanceof Module) children.push([name, value.toString()]);
      else if (Array.isArray(value) && value.some((v) => v instanceof Module)) {
        const items = value.flatMap((v, i) => (v instanceof Module ? [[String(i), v.toString()] as [string, string]] : []));
        children.push([name, reprLines('ModuleList', [], items)]);
      }
    }
    const extra = this.extraRepr();
    return reprLines(this.constructor.name, extra ? extra.split('\n') : [], children);
  }

  /**
   * Copy values into the parameters by name (converted to each parameter's dtype).
   *
   * Every problem is collected first and reported together in one {@link StateDictError}, and
   * nothing is copied unless all checks pass (PyTorch copies the good entries before raising).
   * A shape mismatch is always an error; missing and unexpected keys are errors when `strict`
   * (the default), and are returned otherwise.
   *
   * @param state - name → tensor, e.g. from {@link Module.stateDict} or a safetensors file.
   * @param opts - `strict` (default true).
   * @returns the missing and unexpected keys (both empty after a strict load).
   * @throws StateDictError listing the missing keys, unexpected keys and shape mismatches.
   *
   * @example
   * ```ts
   * const copy = new Linear(3, 2);
   * copy.loadStateDict(original.stateDict());
   * ```
   */
  loadStateDict(state: Record<string, Tensor>, opts: LoadStateDictOptions = {}): LoadStateDictResult {
    const strict = opts.strict ?? true;
    if (state === null || typeof state !== 'object') throw new TypeError(`loadStateDict: expected an object of name → Tensor, got ${state === null ? 'null' : typeof state}`);
    const params = new Map<string, Tensor>(this.namedState());
    const missingKeys = [...params.keys()].filter((k) => !Object.hasOwn(state, k));
    const unexpectedKeys = Object.keys(state).filter((k) => !params.has(k));
    const problems: string[] = [];
    if (strict && missingKeys.length > 0) problems.push(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}.`);
    if (strict && unexpectedKeys.length > 0) problems.push(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}.`);
    for (const [name, p] of params) {
      if (!Object.hasOwn(state, name)) continue;
      const value = state[name];
      if (!(value instanceof Tensor)) {
        problems.push(`value for "${name}" must be a Tensor, got ${value === null ? 'null' : typeof value}.`);
      } else if (value.ndim !== p.ndim || value.shape.some((d, i) => d !== p.shape[i])) {
        problems.push(`size mismatch for ${name}: copying a param with shape ${fmt(value.shape)} from checkpoint, the shape in current model is ${fmt(p.shape)}.`);
      }
    }
    if (problems.length > 0) {
      throw new StateDictError(`Error(s) in loading state_dict for ${this.constructor.name}:\n\t${problems.join('\n\t')}`);
    }
    noGrad(() => {
      for (const [name, p] of params) if (Object.hasOwn(state, name)) p.data.copy_(state[name]);
    });
    return { missingKeys, unexpectedKeys };
  }

  /**
   * Parameters and buffers with dotted names in PyTorch's `state_dict` order for the layers here:
   * a module's members in order (parameters, submodules), then its own buffers.
   */
  private namedState(): [string, Tensor][] {
    const params = new Map<Parameter, string>();
    for (const [name, p] of this.namedParameters()) params.set(p, name);
    const out: [string, Tensor][] = [];
    const seen = new Set<Tensor>();
    const visiting = new Set<Module>();
    const walk = (module: Module, prefix: string) => {
      if (visiting.has(module)) return;
      visiting.add(module);
      for (const [name, value] of module.members()) {
        if (value instanceof Module) walk(value, `${prefix}${name}.`);
        else if (!seen.has(value)) {
          seen.add(value);
          out.push([params.get(value) ?? prefix + name, value]);
        }
      }
      const buffers = (module as unknown as Record<symbol, [string, string][] | undefined>)[BUFFERS] ?? [];
      for (const [name, key] of buffers) {
        const t = (module as unknown as Record<string, unknown>)[name];
        if (t instanceof Tensor && !seen.has(t)) {
          seen.add(t);
          out.push([prefix + key, t]);
        }
      }
      visiting.delete(module);
    };
    walk(this, '');
    return out;
  }

  /** Own properties that are parameters or modules (arrays expanded to `name.i`), in order. */
  private members(): [string, Parameter | Module][] {
    const out: [string, Parameter | Module][] = [];
    for (const [name, value] of Object.entries(this)) {
      if (value instanceof Parameter || value instanceof Module) out.push([name, value]);
      else if (Array.isArray(value)) {
        value.forEach((v, i) => {
          if (v instanceof Parameter || v instanceof Module) out.push([`${name}.${i}`, v]);
        });
      }
    }
    return out;
  }
}
