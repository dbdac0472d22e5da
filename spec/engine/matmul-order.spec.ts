/**
 * The opt-in x86 summation order of `mm` (engine/ops/matmul-order.ts) against PyTorch 1.13.1's
 * own results on x86 (spec/fixtures/mlp/sgemm-x86.json, recorded by scripts/fixtures/sgemm_x86.py:
 * OpenBLAS 0.3.21 sgemm, core Zen): the six products of the MLP step, transposed operands as
 * autograd passes them, bit for bit. The operands are regenerated with the engine's AVX2 randn,
 * which the fixture's first bits confirm.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Generator, randn, tensor, type Tensor } from '../../engine/index.js';
import { fma32 } from '../../engine/random/fma32.js';
import { mmSgemmX86, sgemmX86TwoChains } from '../../engine/ops/matmul-order.js';
import { bitsOfF32, repoRoot } from '../support/shared.js';

interface Case {
  what: string; seed: number; m: number; k: number; n: number; transA: boolean; transB: boolean;
  a_first_bits: string[]; b_first_bits: string[]; c_f32le_base64: string;
}
const fx = JSON.parse(readFileSync(resolve(repoRoot, 'spec/fixtures/mlp/sgemm-x86.json'), 'utf8')) as { cases: Case[] };
const hex = (t: Tensor) => Array.from(t.contiguous().toTypedArray()).slice(0, 4).map((v) => bitsOfF32(v));
const torchResult = (c: Case) => {
  const buf = Buffer.from(c.c_f32le_base64, 'base64');
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
};

/** An in-order FMA chain for every element: what the kernel would give without its two-chain tiles. */
function inOrderFma(a: Tensor, b: Tensor): Float32Array {
  const [n, k] = a.shape, m = b.shape[1];
  const A = a.contiguous().toTypedArray(), B = b.contiguous().toTypedArray();
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    let acc = 0;
    for (let p = 0; p < k; p++) acc = fma32(A[i * k + p], B[p * m + j], acc);
    out[i * m + j] = acc;
  }
  return out;
}

describe('mm with PyTorch 1.13.1\'s x86 summation order (OpenBLAS sgemm, Zen kernel)', () => {
  for (const c of fx.cases) {
    it(`${c.what}: ${c.m}x${c.k} @ ${c.k}x${c.n} equals torch.mm bit for bit`, () => {
      const g = new Generator({ normalKernel: 'avx2' }).manualSeed(c.seed);
      const A = randn(c.transA ? [c.k, c.m] : [c.m, c.k], { generator: g });
      const B = randn(c.transB ? [c.n, c.k] : [c.k, c.n], { generator: g });
      expect(hex(A)).toEqual(c.a_first_bits);
      expect(hex(B)).toEqual(c.b_first_bits);
      const a = c.transA ? A.transpose(0, 1) : A, b = c.transB ? B.transpose(0, 1) : B;
      const want = torchResult(c);
      const got = mmSgemmX86(a, b).toTypedArray();
      let differ = 0;
      for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) differ++;
      expect(differ).toBe(0);
      // the two-chain tiles matter: a plain FMA chain misses some of PyTorch's bits whenever they exist
      if (sgemmX86TwoChains(c.m, c.n).some((v) => v === 1) && c.k >= 8) {
        const plain = inOrderFma(a, b);
        expect(plain.some((v, i) => !Object.is(v, want[i]))).toBe(true);
      }
    });
  }

  it('marks the two-chain tiles where the kernel has them', () => {
    // 4 rows: one m8n4 tile per full group of 8 columns, the column tail (m4/m2/m1) one chain
    expect(Array.from(sgemmX86TwoChains(4, 11)).join('')).toBe('11111111000'.repeat(4));
    // 12 rows, 16 columns: H tile (rows 0–5, columns 0–7), then T(L) tile (rows 0–5, columns 8–15)
    const mask = sgemmX86TwoChains(12, 16);
    const row = (r: number) => Array.from(mask.subarray(r * 16, r * 16 + 16)).join('');
    expect(row(0)).toBe('1'.repeat(16));
    expect(row(6)).toBe('0'.repeat(16));
    // 12 rows, 8 columns (< 16): one m8n12 tile, one chain
    expect(sgemmX86TwoChains(12, 8).every((v) => v === 0)).toBe(true);
  });

  it('rejects operands it does not handle, naming them', () => {
    expect(() => mmSgemmX86(tensor([1, 2], { dtype: 'float32' }), tensor([[1]], { dtype: 'float32' }))).toThrow(/2-D float32.*\[2\]/);
    expect(() => mmSgemmX86(tensor([[1, 2]], { dtype: 'float32' }), tensor([[1, 2]], { dtype: 'float32' }))).toThrow(/1x2 and 1x2/);
  });
});
