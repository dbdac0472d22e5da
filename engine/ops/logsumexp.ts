/**
 * `logsumexp(x, dim, keepdim)` = log Σ exp(x) along `dim`, computed stably as PyTorch 1.13 does:
 * m = amax(x, dim) (set to 0 where it is ±∞), then log(Σ exp(x − m)) + m. Integers compute in
 * float32. Every step is an engine op (`exp`, `sum` with PyTorch's float32 summation order,
 * `log`), so the float32 result has PyTorch's bits wherever `exp` and `log` do.
 */
import type { Tensor } from '../tensor.js';
import { isFloating } from '../dtype.js';
import { record } from '../autograd/node.js';
import { noGrad } from '../autograd/grad-mode.js';
import { amax } from './minmax.js';
import { reductionDims } from './reduce.js';
import { mapUnary } from './map.js';
import { toDType } from './cast.js';

/**
 * log Σ exp(x) over `dim` (a dim or a list of dims).
 * d logsumexp/dx_i = exp(x_i) / Σ exp(x) = exp(x_i − out)  →  grad = g · exp(x − out).
 *
 * @example logsumexp(tensor([[0, 0], [1, 2]]).float(), 1) // tensor([0.6931, 2.3133])
 */
export function logsumexp(x: Tensor, dim: number | readonly number[], keepdim = false): Tensor {
  const dims = reductionDims('logsumexp', x, dim);
  const xf = isFloating(x.dtype) ? x.detach() : toDType(x, 'float32');
  const out = noGrad(() => {
    if (xf.numel() === 0) return xf.exp().sum(dims, keepdim).log();
    const m = amax(xf, dims, true);
    const finiteM = mapUnary(m, m.dtype, (o, oi, p, pi, ps, n) => {
      for (let i = 0; i < n; i++, pi += ps) o[oi + i] = Math.abs(p[pi]) === Infinity ? 0 : p[pi];
    });
    const s = xf.sub(finiteM).exp().sum(dims, keepdim).log();
    return s.add(keepdim ? finiteM : finiteM.reshape(s.shape));
  });
  return record(out, 'LogsumexpBackward0', [x], (g) => {
    const keepShape = x.shape.map((d, i) => (dims.includes(i) ? 1 : d));
    return [g.reshape(keepShape).mul(x.sub(out.reshape(keepShape)).exp())];
  }, [x, out]);
}
