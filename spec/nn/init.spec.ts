/**
 * nn.init: kaimingNormal_, kaimingUniform_, xavierUniform_ draw PyTorch 1.13.1's values bit for
 * bit for a seed (float32, the AVX2 normal kernel and fused uniform rounding this fixture was
 * recorded with; scripts/fixtures/nn.py), calculateGain is PyTorch's, the bounds and standard
 * deviations follow the formulas, zeros_/ones_, and the errors.
 */
import { describe, expect, it } from 'vitest';
import { empty, Generator, randn, tensor, Tensor, zeros } from '../../engine/index.js';
import { init } from '../../nn/index.js';
import { bitDiffs, bitsOf, fromBits, torchNn } from '../support/torch-bits.js';

type InitFn = (t: Tensor, o: object) => Tensor;
const fns: Record<string, InitFn> = {
  kaiming_normal_: init.kaimingNormal_,
  kaiming_uniform_: init.kaimingUniform_,
  xavier_uniform_: init.xavierUniform_,
};

/** PyTorch's keyword arguments in this project's spelling (same names, nonlinearity strings). */
function options(kwargs: Record<string, unknown>, generator: Generator): object {
  return { ...kwargs, generator };
}

describe('init against PyTorch 1.13.1', () => {
  it('float32 draws are bit for bit (every case), and the generator ends where PyTorch\'s does', () => {
    const cases = torchNn.init.filter((c: { dtype: string }) => c.dtype === 'float32');
    expect(cases.length).toBe(9);
    for (const c of cases) {
      const g = new Generator({ normalKernel: 'avx2' }).manualSeed(c.seed);
      const t = fns[c.fn](empty(c.shape), options(c.kwargs, g));
      expect(bitDiffs(bitsOf(t), c.bits), `${c.fn}(${JSON.stringify(c.shape)}, ${JSON.stringify(c.kwargs)})`).toEqual([]);
      expect(bitsOf(tensor([g.nextFloat32Uniform()], { dtype: 'float32' }))).toEqual(c.next_rand);
    }
  });

  it('float64: kaiming_normal_ is bit for bit; uniform draws are within one ulp (PyTorch\'s AVX2 build fuses u·(hi − lo) + lo into one FMA, uniform_ here rounds twice)', () => {
    for (const c of torchNn.init.filter((c: { dtype: string }) => c.dtype === 'float64')) {
      const g = new Generator({ normalKernel: 'avx2' }).manualSeed(c.seed);
      const t = fns[c.fn](empty(c.shape, { dtype: 'float64' }), options(c.kwargs, g));
      if (c.fn === 'kaiming_normal_') {
        expect(bitDiffs(bitsOf(t), c.bits)).toEqual([]);
        continue;
      }
      const got = Array.from(t.toTypedArray());
      c.bits.forEach((h: string, i: number) => {
        const want = fromBits(h);
        expect(Math.abs(got[i] - want), `${c.fn} [${i}]`).toBeLessThanOrEqual(Number.EPSILON * Math.max(Math.abs(want), 0.5));
      });
    }
  });

  it("calculateGain equals PyTorch's calculate_gain", () => {
    for (const [key, want] of Object.entries(torchNn.gains as Record<string, number>)) {
      const [name, param] = key.split(':');
      expect(init.calculateGain(name as init.Nonlinearity, param === undefined ? undefined : Number(param)), key).toBe(want);
    }
  });
});

describe('init formulas', () => {
  it('kaimingNormal_ has std gain/√fan (fan_in or fan_out); kaimingUniform_ bound √3·gain/√fan; xavierUniform_ bound gain·√(6/(in + out))', () => {
    const g = new Generator().manualSeed(0);
    const w = init.kaimingNormal_(empty([400, 300]), { nonlinearity: 'relu', mode: 'fan_out', generator: g });
    const v = Array.from(w.toTypedArray());
    const sd = Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
    expect(Math.abs(sd - Math.sqrt(2) / Math.sqrt(400))).toBeLessThan(0.01 * sd); // 120,000 draws: sd within 1%
    const u = Array.from(init.kaimingUniform_(empty([50, 30]), { nonlinearity: 'tanh', generator: g }).toTypedArray());
    const bound = (Math.sqrt(3) * (5 / 3)) / Math.sqrt(30);
    expect(Math.max(...u.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...u.map(Math.abs))).toBeGreaterThan(0.99 * bound);
    const x = Array.from(init.xavierUniform_(empty([20, 10, 3]), { gain: 2, generator: g }).toTypedArray());
    const xb = 2 * Math.sqrt(6 / (10 * 3 + 20 * 3)); // receptive field 3
    expect(Math.max(...x.map(Math.abs))).toBeLessThanOrEqual(xb);
    expect(Math.max(...x.map(Math.abs))).toBeGreaterThan(0.95 * xb);
  });

  it('the same seed gives the same values as normal_/uniform_ with the computed std / bound', () => {
    const a = init.kaimingNormal_(empty([7, 5]), { a: 0.1, generator: new Generator().manualSeed(9) });
    const b = empty([7, 5]).normal_(0, Math.sqrt(2 / (1 + 0.01)) / Math.sqrt(5), { generator: new Generator().manualSeed(9) });
    expect(a.tolist()).toEqual(b.tolist());
  });

  it('zeros_ and ones_ fill in place without recording; a zero-size tensor is left alone', () => {
    const p = randn([2, 3], { requiresGrad: true });
    expect(init.zeros_(p)).toBe(p);
    expect([p.tolist(), p.gradFn]).toEqual([[[0, 0, 0], [0, 0, 0]], null]);
    expect(init.ones_(p).tolist()).toEqual([[1, 1, 1], [1, 1, 1]]);
    const g = new Generator().manualSeed(1);
    const before = g.getState();
    init.kaimingNormal_(zeros([0, 3]), { generator: g });
    init.kaimingUniform_(zeros([3, 0]), { generator: g });
    expect(g.getState()).toEqual(before);
  });

  it("errors carry PyTorch's messages", () => {
    const e = torchNn.errors;
    const strip = (s: string) => s.replace(/^\w+Error: /, '');
    expect(() => init.kaimingNormal_(empty([3, 4]), { mode: 'fan_avg' as never })).toThrow(strip(e.kaiming_mode));
    expect(() => init.kaimingNormal_(empty([3, 4]), { nonlinearity: 'gelu' as never })).toThrow(strip(e.kaiming_nonlinearity));
    expect(() => init.xavierUniform_(empty([3]))).toThrow(strip(e.fans_1d));
    expect(() => init.calculateGain('leaky_relu', NaN)).toThrow('negative_slope NaN not a valid number');
  });
});
