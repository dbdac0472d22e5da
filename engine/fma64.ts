/**
 * `fma64(a, b, c)`: `a·b + c` rounded once to double (C's `fma`), in plain JS.
 *
 * gcc contracts `x + y*z` into one fused multiply-add in PyTorch's AVX2 kernels (compiled with
 * `-mfma`), so code that wants their bits must round once too. The common case uses error-free
 * transformations: `a·b = p + ep` exactly (Dekker's product), `p + c = s + es` exactly (TwoSum),
 * and when `es + ep` is itself exact (`t`), the exact value is `s + t` and one IEEE addition
 * rounds it correctly. Otherwise the exact value is formed with BigInt and rounded by
 * `Number(bigint)`, which rounds to nearest, ties to even. For float32 operands see
 * `random/fma32.ts`.
 *
 * @module
 */

const view = new DataView(new ArrayBuffer(8));

/** `x` as an exact `[integer mantissa, exponent]` pair: x = m · 2^e (x finite, non-zero). */
function decompose(x: number): [bigint, number] {
  view.setFloat64(0, x);
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) m |= 1n << 52n; // the hidden bit of a normal number
  const e = (biased === 0 ? 1 : biased) - 1075;
  return [hi >>> 31 ? -m : m, e];
}

/** Round the exact value `m · 2^e` to the nearest double (ties to even). */
function roundExact(m: bigint, e: number): number {
  if (m === 0n) return 0;
  const neg = m < 0n;
  let a = neg ? -m : m;
  const bits = a.toString(2).length;
  if (bits > 200) {
    // keep 200 bits plus a sticky bit: enough to round to 53 bits correctly
    const shift = bits - 200;
    const sticky = (a & ((1n << BigInt(shift)) - 1n)) !== 0n;
    a = (a >> BigInt(shift)) | (sticky ? 1n : 0n);
    e += shift;
  }
  // Number(a) rounds to nearest even; scaling by a power of two is exact in the normal range
  const r = e >= -1022 ? Number(a) * 2 ** e : Number(a) * 2 ** (e + 600) * 2 ** -600;
  return neg ? -r : r;
}

/** Veltkamp's split of `x` into two halves of at most 26 bits each: `x = hi + lo`. */
function split(x: number): [number, number] {
  const t = 134217729 * x; // 2^27 + 1
  const hi = t - (t - x);
  return [hi, x - hi];
}

/** Dekker's exact error of a double product: `a·b − p` for `p = fl(a·b)` (no over/underflow). */
function productError(a: number, b: number, p: number): number {
  const [ah, al] = split(a), [bh, bl] = split(b);
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * `a·b + c` with a single rounding to double, for finite results in the normal range.
 *
 * @param a - a double.
 * @param b - a double.
 * @param c - a double.
 * @returns the double nearest to the exact `a·b + c`.
 */
export function fma64(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  // a zero operand leaves one rounding (or none); non-finite values need no exactness
  if (!Number.isFinite(s) || a === 0 || b === 0 || c === 0) return s;
  if (Math.abs(a) < 1e150 && Math.abs(b) < 1e150 && Math.abs(p) > 1e-290 && Math.abs(c) < 1e300) {
    const ep = productError(a, b, p);
    const bb = s - p, es = p - (s - bb) + (c - bb); // TwoSum: p + c = s + es
    const t = es + ep;
    const tb = t - es, et = es - (t - tb) + (ep - tb); // TwoSum: es + ep = t + et
    if (et === 0) return s + t; // exact = s + t: one correctly rounded addition
  }
  const [ma, ea] = decompose(a), [mb, eb] = decompose(b), [mc, ec] = decompose(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  const exact = ((ma * mb) << BigInt(ep - e)) + (mc << BigInt(ec - e));
  return roundExact(exact, e);
}
