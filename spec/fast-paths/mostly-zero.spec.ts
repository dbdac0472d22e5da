/**
 * fastGemm's choice between the dense and the mostly-zero loops (`mostlyZero` in
 * engine/fast/gemm.ts, which stops counting once the answer is known): an A with exactly half of
 * its samples zero or fewer takes the dense kernel, one zero more the one-hot kernel, wherever the zeros
 * lie (first, last, interleaved). Both give the plain loop's bits; the spies pin the rule.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyKernels, kernels } from '../../engine/fast/kernels.js';
import { fastGemm } from '../../engine/fast/gemm.js';
import { plainGemm } from '../../engine/ops/matmul.js';

afterEach(() => vi.restoreAllMocks());

/** How often the kernel `name` ran (on either memory) during `f`. */
function calls(name: 'gemmF32' | 'gemmOneHotRows', f: () => void): number {
  const all = [kernels, copyKernels].filter((k, i, xs) => k !== null && xs.indexOf(k) === i);
  const spies = all.map((ks) => vi.spyOn(ks as unknown as Record<string, () => number>, name));
  f();
  return spies.reduce((s, spy) => s + spy.mock.calls.length, 0);
}

describe('fastGemm: the mostly-zero rule (more than half of A\'s samples zero)', () => {
  const n = 15, k = 31, m = 16; // 465 samples (an odd count): every element of A; mostly zero from 233 zeros
  const B = Float32Array.from({ length: k * m }, (_, i) => Math.fround(Math.sin(i) * 3));
  // the zeros go to the positions with the highest keys
  const arrangements: Record<string, (i: number) => number> = {
    'zeros last': (i) => i,
    'zeros first': (i) => n * k - 1 - i,
    interleaved: (i) => (i % 2) * (n * k) + i,
  };
  for (const [what, order] of Object.entries(arrangements)) {
    for (const zeros of [232, 233]) {
      it(`${zeros} zeros of 465, ${what}: ${zeros === 232 ? 'dense' : 'one-hot'} kernel, the plain loop's bits`, () => {
        // the positions by key, the last `zeros` of them zero
        const rank = Array.from({ length: n * k }, (_, i) => i).sort((a, b) => order(a) - order(b));
        const A = new Float32Array(n * k).fill(1.5);
        for (let r = n * k - zeros; r < n * k; r++) A[rank[r]] = r % 3 === 0 ? -0 : 0;
        const fast = new Float32Array(n * m), plain = new Float32Array(n * m);
        const dense = calls('gemmF32', () => {
          const sparse = calls('gemmOneHotRows', () => fastGemm('float32', false, n, k, m, A, 0, k, 1, B, 0, m, 1, fast, 0));
          expect(sparse).toBe(zeros === 232 ? 0 : 1);
        });
        expect(dense).toBe(zeros === 232 ? 1 : 0);
        plainGemm('float32', false, n, k, m, A, 0, k, 1, B, 0, m, 1, plain, 0);
        expect(Array.from(fast, (x) => (Object.is(x, -0) ? '-0' : String(x)))).toEqual(Array.from(plain, (x) => (Object.is(x, -0) ? '-0' : String(x))));
      });
    }
  }
});
