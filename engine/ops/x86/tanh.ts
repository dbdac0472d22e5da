/**
 * `tanh` of a float32 tensor as PyTorch 1.13.1 computes it on x86 (the `'pytorch-x86'` arithmetic,
 * float32-arithmetic.ts): SLEEF's `Sleef_tanhf8_u10` forward (`sleefTanhF32`), and the backward
 * `tanh_backward` as g++ compiles it, with `1 − y·y` fused into one FMA:
 *
 *     d tanh(x)/dx = 1 − tanh(x)²  →  grad = fl(g · fma(−y, y, 1))      (y = out)
 *
 * @module
 */
import { Tensor } from '../../tensor.js';
import { Storage } from '../../storage.js';
import { record } from '../../autograd/node.js';
import { mapUnary } from '../map.js';
import { sleefTanhF32 } from '../sleef-f32.js';
import { fma32 } from '../../random/fma32.js';

/**
 * `tanh(x)` of a float32 tensor (any layout) with PyTorch's x86 bits, forward and backward.
 * @example tanhX86(tensor([0.5])) // tensor([0.4621]), torch.tanh's float32 bits on x86
 */
export function tanhX86(x: Tensor): Tensor {
  const out = mapUnary(x, 'float32', (o, oi, p, pi, ps, n) => {
    for (let i = 0; i < n; i++, pi += ps) o[oi + i] = sleefTanhF32(p[pi]);
  });
  return record(out, 'TanhBackward0', [x], (g) => {
    const gc = g.contiguous(), gd = gc.storage.data, go = gc.offset;
    const y = out.storage.data; // out is contiguous (mapUnary's result), g has its shape
    const grad = Storage.allocUnfilled('float32', y.length);
    const d = grad.data;
    for (let i = 0; i < y.length; i++) d[i] = gd[go + i] * fma32(-y[i], y[i], 1);
    return [new Tensor(grad, out.shape)];
  }, [out]);
}
