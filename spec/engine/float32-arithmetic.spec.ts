/**
 * The 'pytorch-x86' float32 arithmetic (engine/ops/float32-arithmetic.ts): the engine's own ops
 * and autograd give PyTorch 1.13.1's x86 bits, per op (spec/fixtures/mlp/x86-arithmetic.json,
 * recorded by scripts/fixtures/float32_x86_arithmetic.py: tanh, log_softmax, cross_entropy, sum(0)
 * and a bias gradient, forward and backward), and for the whole MLP training program: the
 * ordinary trainStep (mlp/model.ts) reproduces PyTorch's recorded losses (the reference run,
 * spec/fixtures/mlp/reference-mlp-200k.json). The default mode keeps the engine's bits.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Generator, randint, randn, zeros, type Tensor } from '../../engine/index.js';
import { float32Arithmetic, setFloat32Arithmetic } from '../../engine/ops/float32-arithmetic.js';
import { float32MatmulOrder } from '../../engine/ops/matmul-order.js';
import { crossEntropy, logSoftmax } from '../../nn/index.js';
import { lectureNames } from '../../bigram/index.js';
import { initMlp, LECTURE_CONFIG, lectureLr, mlpData, trainStep } from '../../mlp/index.js';
import { bitsOfF32, repoRoot } from '../support/shared.js';

interface Base { seed: number; shape: number[]; x_first_bits: string[] }
interface Fixture {
  tanh: (Base & { out: string; grad: string })[];
  log_softmax: (Base & { targets: number[]; out: string; grad: string; ce_mean: string; ce_sum: string; ce_mean_grad: string; ce_sum_grad: string })[];
  sum0: (Base & { dims: number[]; sum: string; bias_grad: string })[];
}
const fx = JSON.parse(readFileSync(resolve(repoRoot, 'spec/fixtures/mlp/x86-arithmetic.json'), 'utf8')) as Fixture;
const ref = JSON.parse(readFileSync(resolve(repoRoot, 'spec/fixtures/mlp/reference-mlp-200k.json'), 'utf8')) as { loss_first_1000: number[] };
const floats = (b64: string) => {
  const buf = Buffer.from(b64, 'base64');
  return Array.from(new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4));
};
const values = (t: Tensor) => Array.from(t.contiguous().toTypedArray());
const differing = (got: number[], want: number[]) => got.filter((v, i) => !Object.is(v, want[i])).length;
/** x = 4·randn(shape) and G = randn(shape) from one AVX2 generator, as the fixture script draws them. */
function draw(c: Base) {
  const g = new Generator({ normalKernel: 'avx2' }).manualSeed(c.seed);
  const x = randn(c.shape, { generator: g }).mul(4).detach().requiresGrad_();
  const G = randn(c.shape, { generator: g });
  expect(values(x).slice(0, 2).map((v) => bitsOfF32(v))).toEqual(c.x_first_bits);
  return { g, x, G };
}
/** Run `fn` in the 'pytorch-x86' arithmetic. */
function x86<T>(fn: () => T): T {
  const previous = setFloat32Arithmetic('pytorch-x86');
  try { return fn(); } finally { setFloat32Arithmetic(previous); }
}

afterEach(() => expect(float32Arithmetic()).toBe('engine'));

describe("setFloat32Arithmetic('pytorch-x86'): the engine's ops give PyTorch's x86 bits", () => {
  it('switches matmul to the sgemm-x86 order and back, and rejects other modes', () => {
    expect(float32Arithmetic()).toBe('engine');
    x86(() => {
      expect(float32Arithmetic()).toBe('pytorch-x86');
      expect(float32MatmulOrder()).toBe('sgemm-x86');
    });
    expect(float32MatmulOrder()).toBe('engine');
    expect(() => setFloat32Arithmetic('x86' as never)).toThrow(/mode must be 'engine' or 'pytorch-x86', got "x86"/);
    expect(float32Arithmetic()).toBe('engine');
  });

  for (const c of fx.tanh) {
    it(`tanh ${JSON.stringify(c.shape)}: forward and TanhBackward0 equal torch's (the default mode does not)`, () => {
      const { x, G } = draw(c);
      const y = x86(() => x.tanh());
      x86(() => y.backward(G));
      expect(differing(values(y), floats(c.out))).toBe(0);
      expect(differing(values(x.grad!), floats(c.grad))).toBe(0);
      if (c.shape[0] === 2048) {
        x.grad = null;
        const y0 = x.tanh();
        y0.backward(G);
        expect(differing(values(y0), floats(c.out)) + differing(values(x.grad!), floats(c.grad))).toBeGreaterThan(0);
      }
    });
  }

  for (const c of fx.log_softmax) {
    it(`logSoftmax and crossEntropy (mean, sum) ${JSON.stringify(c.shape)}: forward and backward equal torch's`, () => {
      const { g, x, G } = draw(c);
      const y = randint(0, c.shape[1], [c.shape[0]], { generator: g });
      expect(Array.from(y.toTypedArray())).toEqual(c.targets);
      const lp = x86(() => logSoftmax(x, 1));
      x86(() => lp.backward(G));
      expect(differing(values(lp), floats(c.out))).toBe(0);
      expect(differing(values(x.grad!), floats(c.grad))).toBe(0);
      for (const red of ['mean', 'sum'] as const) {
        x.grad = null;
        const loss = x86(() => crossEntropy(x, y, { reduction: red }));
        x86(() => loss.backward());
        expect(bitsOfF32(loss.item())).toBe(c[`ce_${red}`]);
        expect(differing(values(x.grad!), floats(c[`ce_${red}_grad`]))).toBe(0);
      }
    });
  }

  for (const c of fx.sum0) {
    it(`sum over leading dims ${JSON.stringify(c.shape)} and a broadcast bias's gradient equal torch's`, () => {
      const { x, G } = draw(c);
      const b = zeros(c.shape.slice(1), { requiresGrad: true });
      expect(differing(values(x86(() => x.detach().sum(c.dims))), floats(c.sum))).toBe(0);
      const s = x86(() => x.detach().add(b));
      x86(() => s.backward(G));
      expect(differing(values(b.grad!), floats(c.bias_grad))).toBe(0);
    });
  }

  it('the default mode differs from torch on these fixtures (so the tests above can fail)', () => {
    let lsm = 0, sums = 0;
    for (const c of fx.log_softmax) {
      const { x, G } = draw(c);
      const lp = logSoftmax(x, 1);
      lp.backward(G);
      lsm += differing(values(lp), floats(c.out)) + differing(values(x.grad!), floats(c.grad));
    }
    for (const c of fx.sum0) sums += differing(values(draw(c).x.detach().sum(c.dims)), floats(c.sum));
    expect(lsm).toBeGreaterThan(0);
    expect(sums).toBeGreaterThan(0);
  });

  it("the engine's MLP training program (trainStep: ops + autograd) gives PyTorch's losses of steps 0–29 bit for bit", () => {
    const data = mlpData(lectureNames(), 3);
    const g = new Generator({ normalKernel: 'avx2' }).manualSeed(2147483647);
    const p = initMlp(LECTURE_CONFIG, g);
    const losses = x86(() => Array.from({ length: 30 }, (_, i) => trainStep(p, data.train, 32, lectureLr(i), g)));
    expect(losses).toEqual(ref.loss_first_1000.slice(0, 30));
  }, 120_000);
});
