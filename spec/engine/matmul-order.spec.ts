/**
 * The opt-in x86 summation order of `mm` (engine/ops/matmul-order.ts) against PyTorch 1.13.1's
 * own results on x86 (spec/fixtures/mlp/sgemm-x86.json, recorded by scripts/fixtures/sgemm_x86.py:
 * OpenBLAS 0.3.21 sgemm, core Zen): the six products of the MLP step, transposed operands as
 * autograd passes them, bit for bit. The operands are regenerated with the engine's AVX2 randn,
 * which the fixture's first bits confirm. `setFloat32MatmulOrder('sgemm-x86')` routes `matmul` and
 * its backward through it; the default stays the engine's rule.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Generator, randn, tensor, type Tensor } from '../../engine/index.js';
import { fma32 } from '../../engine/random/fma32.js';
import { float32MatmulOrder, mmSgemmX86, setFloat32MatmulOrder, sgemmX86TwoChains } from '../../engine/ops/matmul-order.js';
import { bitsOfF32, repoRoot } from '../support/shared.js';

interface Case {
  what: string; seed: number; m: number; k: number; n: number; transA: boolean; transB: boolean;
  a_first_bits: string[]; b_first_bits: string[]; c_f32le_base64: string;
}
const fx = JSON.parse(readFileSync(resolve(repoRoot, 'spec/fixtures/mlp/sgemm-x86.json'), 'utf8')) as { cases: Case[] };
const hex = (t: Tensor) => Array.from(t.contiguous().toTypedArray()).slice(0, 4).map((v) => bitsOfF32(v));
const operands = (c: Case) => {
  const g = new Generator({ normalKernel: 'avx2' }).manualSeed(c.seed);
  const A = randn(c.transA ? [c.k, c.m] : [c.m, c.k], { generator: g });
  const B = randn(c.transB ? [c.n, c.k] : [c.k, c.n], { generator: g });
  return { A, B };
};
const byName = (what: string) => fx.cases.find((c) => c.what === what)!;
const countDiffering = (got: ArrayLike<number>, want: ArrayLike<number>) => {
  let d = 0;
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) d++;
  return d;
};
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
      const { A, B } = operands(c);
      expect(hex(A)).toEqual(c.a_first_bits);
      expect(hex(B)).toEqual(c.b_first_bits);
      const a = c.transA ? A.transpose(0, 1) : A, b = c.transB ? B.transpose(0, 1) : B;
      const want = torchResult(c);
      expect(countDiffering(mmSgemmX86(a, b).toTypedArray(), want)).toBe(0);
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

  it("setFloat32MatmulOrder('sgemm-x86') routes matmul and its backward through it; 'engine' restores the default bits", () => {
    const fwd = byName('emb @ W1'), gradH = byName('dlogits @ W2T'), gradW2 = byName('hT @ dlogits');
    const { A: emb, B: W1 } = operands(fwd);
    const before = emb.matmul(W1).toTypedArray();
    expect(countDiffering(before, torchResult(fwd))).toBeGreaterThan(0); // the engine's own rule differs from torch
    expect(float32MatmulOrder()).toBe('engine');
    const previous = setFloat32MatmulOrder('sgemm-x86');
    try {
      expect(previous).toBe('engine');
      expect(countDiffering(emb.matmul(W1).toTypedArray(), torchResult(fwd))).toBe(0);
      // y = h @ W2, y.backward(G): h.grad = G @ W2ᵀ and W2.grad = hᵀ @ G, as PyTorch's autograd computes them
      const { A: G1, B: W2 } = operands(gradH); // G1 [32, 27], W2 drawn as [200, 27]
      const h1 = randn([32, 200], { requiresGrad: true });
      h1.matmul(W2).backward(G1);
      expect(countDiffering(h1.grad!.toTypedArray(), torchResult(gradH))).toBe(0);
      const { A: h2, B: G2 } = operands(gradW2); // h drawn as [32, 200], G2 [32, 27]
      const W2b = randn([200, 27], { requiresGrad: true });
      h2.matmul(W2b).backward(G2);
      expect(countDiffering(W2b.grad!.toTypedArray(), torchResult(gradW2))).toBe(0);
    } finally {
      setFloat32MatmulOrder(previous);
    }
    expect(Array.from(emb.matmul(W1).toTypedArray())).toEqual(Array.from(before));
    expect(() => setFloat32MatmulOrder('fma' as never)).toThrow(/'engine' or 'sgemm-x86', got fma/);
  });

  it('rejects operands it does not handle, naming them', () => {
    expect(() => mmSgemmX86(tensor([1, 2], { dtype: 'float32' }), tensor([[1]], { dtype: 'float32' }))).toThrow(/2-D float32.*\[2\]/);
    expect(() => mmSgemmX86(tensor([[1, 2]], { dtype: 'float32' }), tensor([[1, 2]], { dtype: 'float32' }))).toThrow(/1x2 and 1x2/);
  });
});
