/**
 * PyTorch's float32 summation order for a contiguous row (`cascade_sum` in ATen's SumKernel,
 * 1.13, single-threaded), so that `x.sum(-1)` of a float32 tensor gives PyTorch's bits, not
 * just a close value. The order matters: float addition is not associative, and the lecture's
 * full-precision prints (`0.012286253273487091`) depend on it.
 *
 * A row of n ≥ 8 floats is read as ⌊n/8⌋ vectors of 8 lanes plus a scalar tail:
 * - the vectors are summed lane-wise by `rowSum` (4 interleaved accumulators, each a
 *   `multiRowSum` with up to 4 cascade levels, so long rows add partial sums of similar size);
 * - the result is `((tail[0] + tail[1]) + …) + lane[0] + … + lane[7]`, left to right.
 * A row of n < 8 floats goes through the same `rowSum` with scalar elements.
 * Every addition is rounded to float32 (`Math.fround`).
 */

const f = Math.fround;

/** ⌈log2(n)⌉ (0 for n ≤ 1). */
function ceilLog2(n: number): number {
  return n <= 1 ? 0 : Math.ceil(Math.log2(n));
}

// Scratch accumulators (float32 storage rounds every sum to float32 on store): 4 levels × up to
// 4 rows × 8 lanes, and the 8 lanes of a row sum. Reused: no allocation per row.
const ACC = new Float32Array(4 * 4 * 8);
const LANES = new Float32Array(8);

/**
 * ATen's `multi_row_sum`: `nrows` interleaved sums over `size` rows, each element a vector of
 * `lanes` floats at `d[base + i*rowStride + k*colStride + lane]`. Partial sums cascade through 4
 * levels every `2^levelPower` rows. Leaves the `nrows × lanes` sums at the start of `ACC`.
 */
function multiRowSum(d: ArrayLike<number>, base: number, rowStride: number, colStride: number, size: number, nrows: number, lanes: number): void {
  const levels = 4;
  const levelPower = Math.max(4, Math.floor(ceilLog2(size) / levels));
  const levelStep = 1 << levelPower;
  const levelMask = levelStep - 1;
  const width = nrows * lanes;
  ACC.fill(0, 0, levels * width);
  let i = 0;
  const addRows = (end: number) => {
    for (; i < end; i++) {
      const b = base + i * rowStride;
      for (let k = 0; k < nrows; k++) {
        const bk = b + k * colStride, ak = k * lanes;
        for (let l = 0; l < lanes; l++) ACC[ak + l] += d[bk + l];
      }
    }
  };
  while (i + levelStep <= size) {
    addRows(i + levelStep);
    for (let j = 1; j < levels; j++) {
      for (let q = 0; q < width; q++) {
        ACC[j * width + q] += ACC[(j - 1) * width + q];
        ACC[(j - 1) * width + q] = 0;
      }
      if ((i & (levelMask << (j * levelPower))) !== 0) break;
    }
  }
  addRows(size);
  for (let j = 1; j < levels; j++) for (let q = 0; q < width; q++) ACC[q] += ACC[j * width + q];
}

/** ATen's `row_sum`: 4 interleaved accumulators, the leftover elements, then the 4 combined (into `LANES`). */
function rowSum(d: ArrayLike<number>, base: number, stride: number, size: number, lanes: number): void {
  const ilp = 4;
  const sizeIlp = Math.floor(size / ilp);
  multiRowSum(d, base, stride * ilp, stride, sizeIlp, ilp, lanes);
  for (let i = sizeIlp * ilp; i < size; i++) {
    for (let l = 0; l < lanes; l++) ACC[l] += d[base + i * stride + l];
  }
  for (let k = 1; k < ilp; k++) for (let l = 0; l < lanes; l++) ACC[l] += ACC[k * lanes + l];
  for (let l = 0; l < lanes; l++) LANES[l] = ACC[l];
}

/** Sum of the float32 values `d[base … base+n-1]` in PyTorch's order (see the file comment). */
export function cascadeSumF32(d: ArrayLike<number>, base: number, n: number): number {
  const VEC = 8;
  if (n < VEC) {
    rowSum(d, base, 1, n, 1);
    return LANES[0];
  }
  const nvec = Math.floor(n / VEC);
  if (nvec < 4) {
    // fewer than 4 vectors: rowSum reduces to adding the vectors in order (the 3 other
    // interleaved accumulators stay 0; adding them only turns -0 into +0)
    for (let l = 0; l < VEC; l++) {
      let a = 0;
      for (let v = 0; v < nvec; v++) a = f(a + d[base + v * VEC + l]);
      LANES[l] = a + 0;
    }
  } else rowSum(d, base, VEC, nvec, VEC);
  let acc = 0;
  for (let k = nvec * VEC; k < n; k++) acc = f(acc + d[base + k]);
  for (let l = 0; l < VEC; l++) acc = f(acc + LANES[l]);
  return acc;
}

/**
 * The column sums of a contiguous float32 `[n, m]` matrix at `d[base …]` in the order of ATen's
 * `cascade_sum` for an outer reduction (`x.sum(0)`) on AVX2, written to `out[0 … m−1]`: PyTorch's
 * x86 bits, used by the `'pytorch-x86'` arithmetic (float32-arithmetic.ts). With m ≥ 8,
 * `vectorized_outer_sum`: blocks of 32 columns (4 vectors of 8) each summed down all n rows by
 * `multiRowSum`, then every other column by `rowSum` (4 interleaved accumulators over every 4th
 * row). With m < 8, `scalar_outer_sum`: groups of 4 columns by `multiRowSum`, the rest by `rowSum`.
 *
 * @example outerSumF32([1, 2, 3, 4], 0, 2, 2, out) // out = [4, 6]
 */
export function outerSumF32(d: ArrayLike<number>, base: number, n: number, m: number, out: { [i: number]: number }): void {
  const group = m >= 8 ? 32 : 4;
  let j = 0;
  for (; j + group <= m; j += group) {
    multiRowSum(d, base + j, m, group / 4, n, 4, group / 4);
    for (let q = 0; q < group; q++) out[j + q] = ACC[q];
  }
  for (; j < m; j++) {
    rowSum(d, base + j, m, n, 1);
    out[j] = LANES[0];
  }
}
