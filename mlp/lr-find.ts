/**
 * The notebook's learning-rate finder schedule: `lre = torch.linspace(-3, 0, steps)`,
 * `lrs = 10**lre`, step i trains with `lrs[i]`.
 *
 * @module
 */

/**
 * The exponents and rates of the finder, in float32 as PyTorch's `linspace` computes them
 * (`start + i·step` for the first half, `end − (steps−1−i)·step` for the second).
 *
 * @example lrFinderRates(1000).rates[999] // 1
 */
export function lrFinderRates(steps: number, start = -3, end = 0): {
  /** The exponents `lre`, from `start` to `end`. */
  exponents: Float32Array;
  /** The learning rates `10 ** lre`. */
  rates: Float32Array;
} {
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`lrFinderRates: steps must be an integer ≥ 2, got ${steps}`);
  const f = Math.fround;
  const step = f((end - start) / (steps - 1));
  const half = Math.floor(steps / 2);
  const exponents = new Float32Array(steps);
  for (let i = 0; i < steps; i++) exponents[i] = i < half ? f(start + f(step * i)) : f(end - f(step * (steps - 1 - i)));
  const rates = exponents.map((e) => f(10 ** e));
  return { exponents, rates };
}
