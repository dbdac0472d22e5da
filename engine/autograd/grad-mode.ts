/**
 * Grad mode: whether ops record themselves on the tape. `noGrad(fn)` runs `fn` without recording
 * (PyTorch's `with torch.no_grad():`), `enableGrad(fn)` turns recording back on inside it.
 */

let enabled = true;

/**
 * True when ops on tensors that require grad record a backward node.
 * @example noGrad(() => isGradEnabled()) // false
 */
export function isGradEnabled(): boolean {
  return enabled;
}

function withMode<T>(mode: boolean, fn: () => T): T {
  const prev = enabled;
  enabled = mode;
  try {
    return fn();
  } finally {
    enabled = prev;
  }
}

/**
 * Run `fn` without recording a graph: results do not require grad, and in-place updates of
 * leaves that require grad are allowed (the optimiser's update step).
 *
 * @example noGrad(() => W.sub_(W.grad!.mul(0.1)))
 */
export function noGrad<T>(fn: () => T): T {
  return withMode(false, fn);
}

/**
 * Run `fn` with recording enabled, even inside `noGrad`.
 * @example noGrad(() => enableGrad(() => isGradEnabled())) // true
 */
export function enableGrad<T>(fn: () => T): T {
  return withMode(true, fn);
}
