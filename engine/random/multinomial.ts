/**
 * `torch.multinomial` of PyTorch 1.13.1 on the CPU (`torch-rng.md` §5), at the typed-array level:
 *
 * - `replacement = true` (any `numSamples`, including 1): per row, a float32 (input dtype)
 *   running sum normalised into a CDF, then one double uniform per sample and a binary search
 *   for the leftmost `cum[i] >= u` (§5.3). `k` single-sample calls consume exactly what one
 *   `k`-sample call does.
 * - `replacement = false`: the "exponential race": `q = p / Exp(1)` over the whole input
 *   (one `random64` per element, all rows, row-major), then `argmax` (k = 1) or
 *   `topk(k, sorted)` per row (§5.4), with a port of the libstdc++ (GCC 12) `partial_sort` /
 *   `nth_element` + `sort` that PyTorch's `topk` uses, so ties come out in torch's order.
 *
 * Only the 1.13 branch choice is implemented; torch >= 2.0 also routes `numSamples == 1` with
 * replacement to the exponential path (§5.2).
 *
 * @module
 */
import { fillExponential } from './exponential.js';
import type { Generator } from './generator.js';

/** Largest category count torch accepts (float32's largest consecutive integer). */
const MAX_CATEGORIES = 1 << 24;

const MSG_NEGATIVE = 'invalid multinomial distribution (encountering probability entry < 0)';
const MSG_NONFINITE = 'invalid multinomial distribution (encountering probability entry = infinity or NaN)';
const MSG_SUM = 'invalid multinomial distribution (sum of probabilities <= 0)';
const MSG_FAST_INVALID = 'probability tensor contains either `inf`, `nan` or element < 0';

/**
 * The argument checks `torch.multinomial` runs before any value check, in torch's order and with
 * its exact messages (§5.1).
 *
 * @param ndim - the input's number of dimensions (must be 1 or 2).
 * @param dtypeIsFloating - whether the input's dtype is floating point.
 * @param dtypeName - the dtype name torch would print for a non-floating input, e.g. `'Long'`
 *   or `'Int'`.
 * @param numSamples - requested samples per row (must be > 0).
 * @param replacement - sampling with replacement.
 * @param ncat - number of categories, `input.size(-1)` (at most 2^24; without replacement at
 *   least `numSamples`).
 * @throws Error with the first failing check's message.
 */
export function checkMultinomialArgs(
  ndim: number,
  dtypeIsFloating: boolean,
  dtypeName: string,
  numSamples: number,
  replacement: boolean,
  ncat: number,
): void {
  if (!(ndim > 0 && ndim <= 2)) throw new Error('prob_dist must be 1 or 2 dim');
  if (!dtypeIsFloating) {
    throw new Error(`multinomial only supports floating-point dtypes for input, got: ${dtypeName}`);
  }
  if (!(numSamples > 0)) throw new Error('cannot sample n_sample <= 0 samples');
  if (!replacement && numSamples > ncat) {
    throw new Error('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  }
  if (ncat > MAX_CATEGORIES) throw new Error('number of categories cannot exceed 2^24');
}

/**
 * Draw `numSamples` category indices per row of a row-major `nrows x ncat` probability matrix
 * (unnormalised weights are fine), exactly as `torch.multinomial(input, numSamples, replacement,
 * generator=g)` does in PyTorch 1.13.1 on the CPU. A 1-D input is `nrows = 1`.
 *
 * Consumption: with replacement, one `random64` per sample, row after row (a row that fails its
 * value check throws after earlier rows consumed theirs); without replacement,
 * `nrows * ncat` `random64` whatever `numSamples` is, after all value checks passed.
 *
 * @param g - the generator.
 * @param probs - the weights, float32 (torch's float) or float64 (double, same algorithm in
 *   double; only float32 is verified against torch).
 * @param nrows - number of distributions (rows).
 * @param ncat - categories per row.
 * @param numSamples - samples per row.
 * @param replacement - sample with replacement (CDF kernel) or without (exponential race).
 * @returns the indices, row-major `nrows x numSamples`.
 * @throws Error for malformed sizes, the argument checks of {@link checkMultinomialArgs} that do
 *   not depend on rank/dtype, and torch's value errors: with replacement, a negative or NaN entry
 *   (`... entry < 0`), an infinite entry (`... = infinity or NaN`), a row sum <= 0; without
 *   replacement, any inf/NaN/negative entry anywhere (`probability tensor contains ...`), then an
 *   all-zero row (`... sum of probabilities <= 0`).
 */
export function multinomialKernel(
  g: Generator,
  probs: Float32Array | Float64Array,
  nrows: number,
  ncat: number,
  numSamples: number,
  replacement: boolean,
): Int32Array {
  checkCount('nrows', nrows);
  checkCount('ncat', ncat);
  checkCount('numSamples', numSamples);
  if (probs.length !== nrows * ncat) {
    throw new Error(
      `multinomialKernel: probs has ${probs.length} elements, expected nrows * ncat = ${nrows} * ${ncat} = ${nrows * ncat}`,
    );
  }
  checkMultinomialArgs(1, true, '', numSamples, replacement, ncat);
  const out = new Int32Array(nrows * numSamples);
  if (out.length === 0) return out;
  if (replacement) sampleWithReplacementAt(g, probs, 0, nrows, ncat, numSamples, out);
  else sampleWithoutReplacement(g, probs, nrows, ncat, numSamples, out);
  return out;
}

function checkCount(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new Error(`multinomialKernel: ${name} must be a non-negative integer, got ${v}`);
}

/**
 * The CDF of one row, reused from call to call (a sampling loop draws one character at a time:
 * no new array per draw). Only used inside one synchronous call of `sampleWithReplacementAt`.
 */
let cumF32 = new Float32Array(64);
let cumF64 = new Float64Array(64);
/** Uniforms drawn ahead for the samples of a row (a batch at a time, the same draws in order). */
const UNIFORM_BATCH = 4096;
const uniformBatch = new Float64Array(UNIFORM_BATCH);

/**
 * §5.3, the with-replacement kernel: per row, the running sum in the input dtype, the CDF
 * `cum[j] / sum` rounded to the input dtype with its last entry set to 1, then per sample one
 * `random64` (a double uniform u) and a binary search for the leftmost CDF entry >= u.
 *
 * The rows may sit anywhere in a typed array: row r is
 * `probs[offset + r·ncat … offset + (r+1)·ncat)`, so a row of a tensor's storage is sampled in
 * place (no copy). Draws and errors are exactly those of {@link multinomialKernel} with
 * `replacement = true` on those rows; unlike it, no argument checks: the caller has made those
 * of {@link checkMultinomialArgs} and gives `out` room for `nrows * numSamples` indices.
 *
 * @param g - the generator.
 * @param probs - holds the weights (float32, or float64 computed in double).
 * @param offset - where row 0 starts in `probs`.
 * @param nrows - number of rows.
 * @param ncat - categories per row.
 * @param numSamples - samples per row.
 * @param out - receives the indices, row-major `nrows x numSamples`.
 *
 * @example
 * ```ts
 * const out = new Int32Array(1);
 * sampleWithReplacementAt(g, P.storage.data as Float32Array, ix * 27, 1, 27, 1, out); // multinomial(P.index(ix), 1, { replacement: true, generator: g })
 * ```
 */
export function sampleWithReplacementAt(
  g: Generator,
  probs: Float32Array | Float64Array,
  offset: number,
  nrows: number,
  ncat: number,
  numSamples: number,
  out: Int32Array,
): void {
  const isF32 = probs instanceof Float32Array;
  if (isF32 && cumF32.length < ncat) cumF32 = new Float32Array(ncat);
  if (!isF32 && cumF64.length < ncat) cumF64 = new Float64Array(ncat);
  const cum = isF32 ? cumF32 : cumF64;
  for (let row = 0; row < nrows; row++) {
    const base = offset + row * ncat;
    let sum = 0;
    for (let j = 0; j < ncat; j++) {
      const val = probs[base + j];
      if (!(val >= 0)) throw new Error(MSG_NEGATIVE);
      if (val === Infinity) throw new Error(MSG_NONFINITE);
      sum = isF32 ? Math.fround(sum + val) : sum + val;
      cum[j] = sum;
    }
    if (!(sum > 0)) throw new Error(MSG_SUM);
    for (let j = 0; j < ncat; j++) cum[j] = cum[j] / sum; // rounded to the dtype on store
    const last = ncat - 1;
    const o = row * numSamples;
    cum[last] = 1;
    // the uniforms drawn in batches (the same draws, in order), then searched
    for (let s0 = 0; s0 < numSamples; s0 += UNIFORM_BATCH) {
      const m = Math.min(UNIFORM_BATCH, numSamples - s0);
      g.fillFloat64Uniforms(uniformBatch, 0, m);
      for (let s = 0; s < m; s++) {
        const u = uniformBatch[s];
        let lo = 0;
        let hi = ncat;
        while (hi > lo) {
          const mid = lo + ((hi - lo) >>> 1);
          if (cum[mid] < u) lo = mid + 1;
          else hi = mid;
        }
        out[o + s0 + s] = lo;
      }
    }
  }
}

/** §5.4: `q = p / Exp(1)`, then argmax or topk per row. */
function sampleWithoutReplacement(
  g: Generator,
  p: Float32Array | Float64Array,
  nrows: number,
  ncat: number,
  k: number,
  out: Int32Array,
): void {
  const n = p.length;
  // (max < inf) & (min >= 0) over the whole tensor; NaN fails both.
  for (let i = 0; i < n; i++) {
    const v = p[i];
    if (!(v >= 0 && v < Infinity)) throw new Error(MSG_FAST_INVALID);
  }
  for (let row = 0; row < nrows; row++) {
    let allZero = true;
    for (let j = row * ncat, end = j + ncat; j < end; j++) {
      if (p[j] !== 0) {
        allZero = false;
        break;
      }
    }
    if (allZero) throw new Error(MSG_SUM);
  }
  const q = p instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  fillExponential(g, q, 1);
  for (let i = 0; i < n; i++) q[i] = p[i] / q[i]; // IEEE division, rounded to the dtype on store
  if (k === 1) {
    for (let row = 0; row < nrows; row++) {
      const base = row * ncat;
      let best = 0;
      let bv = q[base];
      if (bv === bv) {
        for (let j = 1; j < ncat; j++) {
          const v = q[base + j];
          if (v !== v) {
            best = j; // the first NaN wins
            break;
          }
          if (v > bv) {
            best = j;
            bv = v;
          }
        }
      }
      out[row] = best;
    }
    return;
  }
  const sorter = new TopKSorter(ncat);
  for (let row = 0; row < nrows; row++) sorter.topk(q, row * ncat, k, out, row * k);
}

/** Comparator of torch's `topk(largest=true)`: NaN first, then larger values first. */
function before(a: number, b: number): boolean {
  return (a !== a && b === b) || a > b;
}

/** `std::__lg(n)`: floor(log2(n)) for n >= 1. */
function lg(n: number): number {
  return 31 - Math.clz32(n);
}

/** libstdc++'s `_S_threshold` for introsort. */
const SORT_THRESHOLD = 16;

/**
 * A port of the GCC 12 libstdc++ algorithms behind PyTorch's CPU `topk` (`TopKImpl.h`), on
 * (value, index) pairs held in two parallel arrays. Every comparison, swap and move is in
 * libstdc++'s order, so elements that compare equal end up where torch puts them.
 */
class TopKSorter {
  private readonly v: Float64Array;
  private readonly ix: Int32Array;

  constructor(n: number) {
    this.v = new Float64Array(n);
    this.ix = new Int32Array(n);
  }

  /** Indices of the `k` largest of `src[off .. off+n)`, sorted, written to `dst[dOff ..]`. */
  topk(src: Float32Array | Float64Array, off: number, k: number, dst: Int32Array, dOff: number): void {
    const { v, ix } = this;
    const n = v.length;
    for (let j = 0; j < n; j++) {
      v[j] = src[off + j];
      ix[j] = j;
    }
    if (k * 64 <= n) {
      this.partialSort(0, k, n);
    } else {
      this.nthElement(0, k - 1, n);
      this.sort(0, k - 1);
    }
    for (let j = 0; j < k; j++) dst[dOff + j] = ix[j];
  }

  private swap(a: number, b: number): void {
    const { v, ix } = this;
    const tv = v[a];
    v[a] = v[b];
    v[b] = tv;
    const ti = ix[a];
    ix[a] = ix[b];
    ix[b] = ti;
  }

  private move(dst: number, src: number): void {
    this.v[dst] = this.v[src];
    this.ix[dst] = this.ix[src];
  }

  // ---- std::nth_element / __introselect ----------------------------------------------------
  private nthElement(first: number, nth: number, last: number): void {
    if (first === last || nth === last) return;
    let depth = lg(last - first) * 2;
    while (last - first > 3) {
      if (depth === 0) {
        this.heapSelect(first, nth + 1, last);
        this.swap(first, nth); // place the nth element in its final position
        return;
      }
      depth--;
      const cut = this.unguardedPartitionPivot(first, last);
      if (cut <= nth) first = cut;
      else last = cut;
    }
    this.insertionSort(first, last);
  }

  // ---- std::sort / __introsort_loop / __final_insertion_sort ------------------------------
  private sort(first: number, last: number): void {
    if (first === last) return;
    this.introsortLoop(first, last, lg(last - first) * 2);
    if (last - first > SORT_THRESHOLD) {
      this.insertionSort(first, first + SORT_THRESHOLD);
      for (let i = first + SORT_THRESHOLD; i < last; i++) this.unguardedLinearInsert(i);
    } else {
      this.insertionSort(first, last);
    }
  }

  private introsortLoop(first: number, last: number, depth: number): void {
    while (last - first > SORT_THRESHOLD) {
      if (depth === 0) {
        this.partialSort(first, last, last);
        return;
      }
      depth--;
      const cut = this.unguardedPartitionPivot(first, last);
      this.introsortLoop(cut, last, depth);
      last = cut;
    }
  }

  // ---- partitioning --------------------------------------------------------------------------
  private unguardedPartitionPivot(first: number, last: number): number {
    const mid = first + ((last - first) >> 1);
    this.moveMedianToFirst(first, first + 1, mid, last - 1);
    return this.unguardedPartition(first + 1, last, first);
  }

  private moveMedianToFirst(result: number, a: number, b: number, c: number): void {
    const v = this.v;
    if (before(v[a], v[b])) {
      if (before(v[b], v[c])) this.swap(result, b);
      else if (before(v[a], v[c])) this.swap(result, c);
      else this.swap(result, a);
    } else if (before(v[a], v[c])) this.swap(result, a);
    else if (before(v[b], v[c])) this.swap(result, c);
    else this.swap(result, b);
  }

  private unguardedPartition(first: number, last: number, pivot: number): number {
    const v = this.v;
    for (;;) {
      while (before(v[first], v[pivot])) first++;
      last--;
      while (before(v[pivot], v[last])) last--;
      if (!(first < last)) return first;
      this.swap(first, last);
      first++;
    }
  }

  // ---- insertion sorts -----------------------------------------------------------------------
  private insertionSort(first: number, last: number): void {
    if (first === last) return;
    const { v, ix } = this;
    for (let i = first + 1; i < last; i++) {
      if (before(v[i], v[first])) {
        const val = v[i];
        const vi = ix[i];
        for (let j = i; j > first; j--) this.move(j, j - 1); // move_backward
        v[first] = val;
        ix[first] = vi;
      } else {
        this.unguardedLinearInsert(i);
      }
    }
  }

  private unguardedLinearInsert(last: number): void {
    const { v, ix } = this;
    const val = v[last];
    const vi = ix[last];
    let next = last - 1;
    while (before(val, v[next])) {
      this.move(last, next);
      last = next;
      next--;
    }
    v[last] = val;
    ix[last] = vi;
  }

  // ---- heaps (std::__partial_sort, __heap_select, __make_heap, __pop_heap, ...) --------------
  private partialSort(first: number, middle: number, last: number): void {
    this.heapSelect(first, middle, last);
    // __sort_heap
    let end = middle;
    while (end - first > 1) {
      end--;
      this.popHeap(first, end, end);
    }
  }

  private heapSelect(first: number, middle: number, last: number): void {
    this.makeHeap(first, middle);
    const v = this.v;
    for (let i = middle; i < last; i++) {
      if (before(v[i], v[first])) this.popHeap(first, middle, i);
    }
  }

  private makeHeap(first: number, last: number): void {
    const len = last - first;
    if (len < 2) return;
    let parent = (len - 2) >> 1;
    for (;;) {
      this.adjustHeap(first, parent, len, this.v[first + parent], this.ix[first + parent]);
      if (parent === 0) return;
      parent--;
    }
  }

  private popHeap(first: number, last: number, result: number): void {
    const val = this.v[result];
    const vi = this.ix[result];
    this.move(result, first);
    this.adjustHeap(first, 0, last - first, val, vi);
  }

  private adjustHeap(first: number, hole: number, len: number, val: number, vi: number): void {
    const v = this.v;
    const top = hole;
    let second = hole;
    while (second < (len - 1) >> 1) {
      second = 2 * (second + 1);
      if (before(v[first + second], v[first + second - 1])) second--;
      this.move(first + hole, first + second);
      hole = second;
    }
    if ((len & 1) === 0 && second === (len - 2) >> 1) {
      second = 2 * (second + 1);
      this.move(first + hole, first + second - 1);
      hole = second - 1;
    }
    // __push_heap
    let parent = ((hole - 1) / 2) | 0;
    while (hole > top && before(v[first + parent], val)) {
      this.move(first + hole, first + parent);
      hole = parent;
      parent = ((hole - 1) / 2) | 0;
    }
    v[first + hole] = val;
    this.ix[first + hole] = vi;
  }
}

/**
 * The libstdc++-exact `topk(largest=true, sorted=true)` index order PyTorch 1.13.1's CPU kernel
 * produces for one row (exported for tests and for a future `topk` op).
 *
 * @param values - the row.
 * @param k - how many, 1..values.length.
 * @returns the indices of the `k` largest values (NaN largest), ties in torch's order.
 */
export function topkIndices(values: Float32Array | Float64Array, k: number): Int32Array {
  if (!Number.isInteger(k) || k < 1 || k > values.length) {
    throw new Error(`topkIndices: k must be an integer in [1, ${values.length}], got ${k}`);
  }
  const out = new Int32Array(k);
  new TopKSorter(values.length).topk(values, 0, k, out, 0);
  return out;
}
