/**
 * Python's `repr` of a float, for module reprs that print hyperparameters as PyTorch does
 * (`eps=1e-05`, `momentum=0.1`, `p=0.5`).
 */

/**
 * `repr(x)` for a Python float: the shortest digits that round-trip (as JavaScript's), written in
 * fixed notation when the decimal exponent is in [−4, 16) (`0.0001`, `5.0`) and in scientific
 * notation otherwise, with at least two exponent digits (`1e-05`, `1e+16`).
 *
 * @example pythonFloatRepr(1e-5) // '1e-05'
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mant, expStr] = Math.abs(x).toExponential().split('e'); // shortest round-trip digits
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1) || '0';
  return `${sign}${intPart}.${frac}`;
}
