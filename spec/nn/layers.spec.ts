/**
 * nn/linear.ts, nn/embedding.ts, nn/init.ts: PyTorch 1.13's initialisation reproduced from the
 * generator's documented uniform stream (torch-rng.md §2), forward passes and gradients against
 * plain loops, and the argument errors.
 *
 * How the expected initial values are computed, independently of nn/ and of the engine's
 * uniform_ kernel: `rand(k)` from a fresh generator with the same seed gives the raw float32
 * uniforms u (one MT19937 word each, low 24 bits · 2⁻²⁴). PyTorch maps each to
 * `u·(hi − lo) + lo` in float32 with `lo = f32(−bound)`, `range = f32(f32(bound) − lo)`:
 * - the `scalar` kernel (`ATEN_CPU_CAPABILITY=default`) rounds twice: `f32(f32(u·range) + lo)`;
 * - the `avx2` kernel contracts into one FMA, `f32(u·range + lo)` rounded once. In double,
 *   u·range (24 × 24 bits) is exact, and adding lo stays exact (every term is a multiple of
 *   range's ulp·2⁻²⁴ and below 2²⁶ of them), so `Math.fround(u * range + lo)` is that FMA.
 * The weight ([out, in], row-major) takes the first out·in draws, then the bias the next out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Generator, Tensor, rand, randn, tensor, zeros, type NormalKernel } from '../../engine/index.js';
import { Embedding, Linear, init } from '../../nn/index.js';
import { expectClose, fromRows, ints, rowsOf } from './helpers.js';

/** PyTorch's `kaiming_uniform_(a=√5)` bound, as its Python code computes it (in double). */
function kaimingBound(fanIn: number): number {
  const a = Math.sqrt(5);
  const gain = Math.sqrt(2.0 / (1 + a ** 2)); // calculate_gain('leaky_relu', a)
  const std = gain / Math.sqrt(fanIn);
  return Math.sqrt(3.0) * std;
}

/** The float32 values uniform_(−bound, bound) makes of the raw uniforms `u` in `kernel`. */
function mapUniforms(u: ArrayLike<number>, bound: number, kernel: NormalKernel): number[] {
  const lo = Math.fround(-bound);
  const range = Math.fround(Math.fround(bound) - lo);
  return Array.from(u, (x) => (kernel === 'avx2' ? Math.fround(x * range + lo) : Math.fround(Math.fround(x * range) + lo)));
}

describe('Linear: PyTorch 1.13 initialisation', () => {
  for (const kernel of ['scalar', 'avx2'] as const) {
    it(`${kernel} kernel: weight then bias from the generator's uniform stream, row-major, bit for bit`, () => {
      fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (inF, outF, seed) => {
        const layer = new Linear(inF, outF, { generator: new Generator({ normalKernel: kernel }).manualSeed(seed) });
        const u = rand(outF * inF + outF, { generator: new Generator().manualSeed(seed) }).toTypedArray();
        const w = mapUniforms(u.subarray(0, outF * inF), kaimingBound(inF), kernel);
        const b = mapUniforms(u.subarray(outF * inF), 1 / Math.sqrt(inF), kernel);
        expect(Array.from(layer.weight.toTypedArray())).toEqual(w);
        expect(Array.from(layer.bias!.toTypedArray())).toEqual(b);
        expect(layer.weight.shape).toEqual([outF, inF]);
      }));
    });
  }

  it('the two kernels round differently (375 of the 729 weights of Linear(27, 27) differ), so the test above tells them apart', () => {
    const w = (normalKernel: NormalKernel) => new Linear(27, 27, { generator: new Generator({ normalKernel }).manualSeed(2147483647) }).weight.toTypedArray();
    const a = w('scalar'), b = w('avx2');
    expect(a.filter((v, i) => v !== b[i]).length).toBe(375);
  });

  it('draws exactly out·in + out words (bias: false draws out·in), so the next draw continues the stream', () => {
    const g = new Generator().manualSeed(7);
    new Linear(5, 3, { generator: g });
    const g2 = new Generator().manualSeed(7);
    new Linear(5, 3, { bias: false, generator: g2 });
    const stream = rand(20, { generator: new Generator().manualSeed(7) }).toTypedArray();
    expect(rand(1, { generator: g }).item()).toBe(stream[18]);
    expect(rand(1, { generator: g2 }).item()).toBe(stream[15]);
  });

  it('the kaiming bound is 1/√fan_in up to the last bits of the double, so the float32 bounds agree', () => {
    for (let fanIn = 1; fanIn <= 1000; fanIn++) {
      expect(Math.abs(kaimingBound(fanIn) * Math.sqrt(fanIn) - 1)).toBeLessThan(1e-15);
      expect(init.leakyReluGain(Math.sqrt(5)) / Math.sqrt(fanIn) * Math.sqrt(3)).toBe(kaimingBound(fanIn));
    }
  });

  it('matches what PyTorch prints for torch.manual_seed(42); nn.Linear(3, 2)', () => {
    const layer = new Linear(3, 2, { generator: new Generator().manualSeed(42) });
    expectClose(rowsOf(layer.weight), [[0.4414, 0.4792, -0.1353], [0.5304, -0.1265, 0.1165]], 5e-5, 0);
    expectClose(layer.bias!.tolist(), [-0.2811, 0.3391], 5e-5, 0);
  });

  it('uses the default generator when none is given, and every value lies in [−1/√in, 1/√in)', () => {
    const layer = new Linear(27, 27);
    for (const v of layer.weight.toTypedArray()) expect(v >= -1 / Math.sqrt(27) - 1e-7 && v < 1 / Math.sqrt(27) + 1e-7).toBe(true);
  });

  it('a layer with no inputs has an empty weight and a zero bias (as PyTorch)', () => {
    const layer = new Linear(0, 3, { generator: new Generator() });
    expect(layer.weight.shape).toEqual([3, 0]);
    expect(layer.bias!.tolist()).toEqual([0, 0, 0]);
  });
});

describe('Linear: forward and gradients', () => {
  it('forward is x @ Wᵀ + b (plain loops), for 2-D, 1-D and 3-D inputs', () => {
    const layer = new Linear(3, 2, { generator: new Generator().manualSeed(3), dtype: 'float64' });
    const W = rowsOf(layer.weight), b = layer.bias!.tolist() as number[];
    const lin = (x: number[]) => W.map((row, j) => row.reduce((a, w, i) => a + w * x[i], 0) + b[j]);
    const rows = [[1, 2, 3], [-0.5, 0, 4]];
    expectClose(rowsOf(layer.forward(fromRows(rows, 'float64'))), rows.map(lin), 1e-14);
    expectClose(layer.forward(tensor([1, 2, 3], { dtype: 'float64' })).tolist(), lin([1, 2, 3]), 1e-14);
    const x3 = Tensor.fromArray(Float64Array.from([1, 2, 3, -0.5, 0, 4, 1, 1, 1, 0, 0, 0]), [2, 2, 3], 'float64');
    expectClose(layer.forward(x3).tolist(), [rows.map(lin), [lin([1, 1, 1]), lin([0, 0, 0])]], 1e-14);
  });

  it('gradients: dW = Gᵀ·x, db = Σ_rows G, dx = G·W (plain loops)', () => {
    const layer = new Linear(3, 2, { generator: new Generator().manualSeed(5), dtype: 'float64' });
    const rows = [[1, 2, 3], [-0.5, 0, 4], [2, -1, 0.5]];
    const x = fromRows(rows, 'float64', true);
    const G = [[1, -2], [0.5, 3], [-1, 1]];
    layer.forward(x).mul(fromRows(G, 'float64')).sum().backward();
    const W = rowsOf(layer.weight);
    expectClose(rowsOf(layer.weight.grad!), [0, 1].map((j) => [0, 1, 2].map((i) => G.reduce((a, g, n) => a + g[j] * rows[n][i], 0))), 1e-14);
    expectClose(layer.bias!.grad!.tolist(), [0, 1].map((j) => G.reduce((a, g) => a + g[j], 0)), 1e-14);
    expectClose(rowsOf(x.grad!), G.map((g) => [0, 1, 2].map((i) => g[0] * W[0][i] + g[1] * W[1][i])), 1e-14);
  });

  it('rejects an input whose last dimension is not inFeatures, naming the shapes', () => {
    const layer = new Linear(27, 5, { generator: new Generator() });
    expect(() => layer.forward(zeros([4, 26]))).toThrow("Linear: the input's last dimension must be inFeatures = 27, got input of shape [4, 26] (weight is [5, 27] = [out, in])");
    expect(() => new Linear(2.5, 3)).toThrow('Linear: inFeatures must be a non-negative integer, got 2.5');
    expect(() => new Linear(2, -1)).toThrow('Linear: outFeatures must be a non-negative integer, got -1');
  });
});

describe('Embedding', () => {
  it('is initialised from N(0, 1) like PyTorch: equal to randn([num, dim]) from the same seed, in both kernels', () => {
    for (const normalKernel of ['scalar', 'avx2'] as const) {
      for (const [num, dim] of [[27, 27], [3, 2], [10, 16]]) {
        const emb = new Embedding(num, dim, { generator: new Generator({ normalKernel }).manualSeed(2147483647) });
        const ref = randn([num, dim], { generator: new Generator({ normalKernel }).manualSeed(2147483647) });
        expect(Array.from(emb.weight.toTypedArray())).toEqual(Array.from(ref.toTypedArray()));
      }
    }
  });

  it('forward gathers rows: out[..., :] = weight[ix[...]], any index shape', () => {
    const emb = new Embedding(5, 3, { generator: new Generator().manualSeed(1) });
    const W = rowsOf(emb.weight);
    expect(rowsOf(emb.forward(ints([4, 0, 4])))).toEqual([W[4], W[0], W[4]]);
    const ix = Tensor.fromArray(Int32Array.from([1, 2, 3, 1]), [2, 2], 'int32');
    expect(emb.forward(ix).tolist()).toEqual([[W[1], W[2]], [W[3], W[1]]]);
  });

  it('backward scatters the gradient into the used rows, summing repeated indices (plain loops)', () => {
    const emb = new Embedding(4, 2, { generator: new Generator().manualSeed(1), dtype: 'float64' });
    const ix = [3, 0, 3, 3];
    const G = [[1, 2], [3, 4], [5, 6], [7, 8]];
    emb.forward(ints(ix)).mul(fromRows(G, 'float64')).sum().backward();
    const expected = [[0, 0], [0, 0], [0, 0], [0, 0]];
    ix.forEach((r, n) => G[n].forEach((g, j) => (expected[r][j] += g)));
    expect(rowsOf(emb.weight.grad!)).toEqual(expected);
  });

  it('rejects float or out-of-range indices with clear messages', () => {
    const emb = new Embedding(5, 3, { generator: new Generator() });
    expect(() => emb.forward(tensor([1, 2], { dtype: 'float32' }))).toThrow('Embedding: indices must be an int32 tensor, got float32 of shape [2]');
    expect(() => emb.forward(ints([1, 5]))).toThrow('Embedding: index 5 at position 1 is out of range for a table of 5 rows (valid: 0…4)');
    expect(() => emb.forward(ints([-1]))).toThrow(/index -1 at position 0 is out of range/);
    expect(() => new Embedding(-1, 3)).toThrow(/numEmbeddings must be a non-negative integer/);
  });
});

describe('init', () => {
  it('fans: [out, in] gives fan_in = in, fan_out = out; receptive fields multiply; 1-D is an error', () => {
    expect(init.fans(zeros([27, 5]))).toEqual({ fanIn: 5, fanOut: 27 });
    expect(init.fans(zeros([4, 3, 2, 2]))).toEqual({ fanIn: 12, fanOut: 16 });
    expect(() => init.fans(zeros([3]))).toThrow('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (shape [3])');
  });

  it('kaimingUniform_ with a = 0 uses gain √2 (bound √(6 / fan_in)), from the uniform stream', () => {
    const t = zeros([4, 6]);
    init.kaimingUniform_(t, { generator: new Generator().manualSeed(11) });
    const u = rand(24, { generator: new Generator().manualSeed(11) }).toTypedArray();
    expect(Array.from(t.toTypedArray())).toEqual(mapUniforms(u, Math.sqrt(3.0) * (Math.sqrt(2.0) / Math.sqrt(6)), 'scalar'));
  });

  it('initialisers work on parameters that require grad and record nothing', () => {
    const layer = new Linear(3, 3, { generator: new Generator() });
    init.normal_(layer.weight, 0, 0.02, { generator: new Generator().manualSeed(0) });
    init.uniform_(layer.bias!, -1, 1, { generator: new Generator().manualSeed(0) });
    expect(layer.weight.isLeaf && layer.bias!.isLeaf).toBe(true);
    for (const v of layer.weight.toTypedArray()) expect(Math.abs(v)).toBeLessThan(0.2);
  });
});
