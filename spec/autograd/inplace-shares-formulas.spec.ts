/**
 * In-place arithmetic uses arithmetic's loops and backward formulas (engine/ops/inplace.ts reuses
 * engine/ops/arithmetic.ts): `t.clone().div_(y)` gives y the gradient of `t.div(y)`, bit for bit,
 * both equal to PyTorch's order −g·((x/y)/y) computed here in plain float32 steps; likewise mul_.
 */
import { describe, expect, it } from 'vitest';
import { Generator, randn } from '../../engine/index.js';

const f32 = Math.fround;
const bits = (xs: ArrayLike<number>) => Array.from(xs, (x) => (Object.is(x, -0) ? '-0' : String(x)));

describe('in-place ops share arithmetic\'s backward formulas', () => {
  it('div_: grad of the divisor is −g·((x/y)/y) rounded step by step, as for div', () => {
    const g = new Generator().manualSeed(5);
    const x = randn([2000], { generator: g });
    const yIn = () => {
      const t = randn([2000], { generator: new Generator().manualSeed(1) });
      t.requiresGrad = true;
      return t;
    };
    const a = yIn(), b = yIn();
    x.clone().div_(a).sum().backward();
    x.div(b).sum().backward();
    const xs = x.toTypedArray(), ys = a.detach().toTypedArray();
    const want = Array.from(xs, (xi, i) => f32(f32(f32(xi / ys[i]) / -ys[i]) * 1));
    expect(bits(a.grad!.toTypedArray())).toEqual(bits(want));
    expect(bits(b.grad!.toTypedArray())).toEqual(bits(want));
  });

  it('div_ with an upstream gradient g ≠ 1: the divisor\'s grad is (−g)·((x/y)/y), PyTorch\'s order, as for div', () => {
    const x = randn([2000], { generator: new Generator().manualSeed(5) });
    const w = randn([2000], { generator: new Generator().manualSeed(7) });
    const yIn = () => {
      const t = randn([2000], { generator: new Generator().manualSeed(1) });
      t.requiresGrad = true;
      return t;
    };
    const a = yIn(), b = yIn();
    x.clone().div_(a).backward(w);
    x.div(b).backward(w);
    const xs = x.toTypedArray(), ys = a.detach().toTypedArray(), ws = w.toTypedArray();
    const want = Array.from(xs, (xi, i) => f32(-ws[i] * f32(f32(xi / ys[i]) / ys[i])));
    expect(bits(a.grad!.toTypedArray())).toEqual(bits(want));
    expect(bits(b.grad!.toTypedArray())).toEqual(bits(want));
  });

  it('the old in-place order −g·x/(y·y) differs in the last bit for some inputs (the test can tell them apart)', () => {
    const g = new Generator().manualSeed(5);
    const xs = randn([2000], { generator: g }).toTypedArray();
    const ys = randn([2000], { generator: new Generator().manualSeed(1) }).toTypedArray();
    let differ = 0;
    for (let i = 0; i < xs.length; i++) if (f32(f32(xs[i] / ys[i]) / -ys[i]) !== f32(f32(-xs[i]) / f32(ys[i] * ys[i]))) differ++;
    expect(differ).toBeGreaterThan(0);
  });

  it('mul_: grads of target and other are g·other and g·old_target, as for mul', () => {
    const gen = new Generator().manualSeed(9);
    const x0 = randn([300], { generator: gen });
    const yv = randn([300], { generator: gen });
    const x = x0.clone(); x.requiresGrad = true;
    const y = yv.clone(); y.requiresGrad = true;
    x.mul(1).mul_(y).sum().backward();
    const xs = x0.toTypedArray(), ys = yv.toTypedArray();
    expect(bits(x.grad!.toTypedArray())).toEqual(bits(Array.from(ys, (v) => f32(v))));
    expect(bits(y.grad!.toTypedArray())).toEqual(bits(Array.from(xs, (v) => f32(v))));
  });
});
