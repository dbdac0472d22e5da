/**
 * One history per base: how autograd follows in-place writes through views (PyTorch's
 * `CopySlices`, `rebase_history` and the regeneration of a view's `grad_fn`).
 *
 * A view and its base share memory, so they must share history too. After `y.mul_(w)`, a view
 * `v = y.unsqueeze(0)` taken before holds the new values, so its gradient must flow through the
 * `MulBackward0` of the write. PyTorch's rule, followed here:
 *
 * - the BASE owns the history. An in-place op on the base replaces the base's `gradFn`. An
 *   in-place op through a view replaces the base's `gradFn` with a `CopySlices` node: "the base,
 *   except that the view's region went through the op" (`copySlices`).
 * - a VIEW remembers the version of the shared counter at which its `gradFn` was made. When the
 *   counter has moved on (someone wrote in place), the view's `gradFn` is made again from the
 *   base's current one: an `AsStridedBackward0` node that takes the view's region out of the
 *   base's gradient (`asStridedGradFn`).
 *
 * ```
 *  before y.mul_(w):  x ─ MulBackward0 ─ y ─ UnsqueezeBackward0 ─ v
 *  after:             x ─ MulBackward0 ─ MulBackward0(·w) ─ y ─ AsStridedBackward0 ─ v
 * ```
 *
 * The gradients are laid out in memory as the base is (same strides, offsets relative to the
 * base's), so the view's region is found by the view's own strides and offset: no per-op
 * inverse is needed, whatever chain of views produced it.
 */
import { Tensor } from '../tensor.js';
import { Storage } from '../storage.js';
import { forEachRow } from '../iterate.js';
import { Node, type BackwardFn } from './node.js';

/** A zero-filled buffer with the base's layout, and the view's region in it. */
interface GradLayout {
  /** Zeros with the base's shape and strides. */
  base: Tensor;
  /** The view's elements inside `base`'s buffer (same strides as the view). */
  region: Tensor;
}

/**
 * Zeros laid out like `base` (its strides, offsets relative to the lowest position either
 * tensor touches), with `view`'s region in the same buffer. O(ndim) apart from the allocation.
 */
function gradLayout(base: Tensor, view: Tensor, dtype: Tensor['dtype']): GradLayout {
  const span = (t: Tensor): [number, number] => {
    let hi = t.offset;
    for (let d = 0; d < t.ndim; d++) hi += Math.max(0, t.shape[d] - 1) * t.strides[d];
    return [t.offset, hi];
  };
  const [b0, b1] = span(base);
  const [v0, v1] = span(view);
  const lo = Math.min(b0, v0);
  const st = Storage.alloc(dtype, Math.max(b1, v1) - lo + 1);
  return {
    base: new Tensor(st, base.shape, base.strides, base.offset - lo),
    region: new Tensor(st, view.shape, view.strides, view.offset - lo),
  };
}

/** `region += g` element by element (the region may repeat cells: an expanded view sums). */
function addInto(region: Tensor, g: Tensor): void {
  const rd = region.storage.data;
  const gc = g.isContiguous() ? g : g.contiguous();
  const gd = gc.storage.data;
  let k = gc.offset;
  forEachRow(region.shape, [region.strides], [region.offset], (n, p, s) => {
    for (let i = 0; i < n; i++, p += s) rd[p] += gd[k++];
  });
}

/**
 * The `gradFn` of a view made again from its base's current history (PyTorch's
 * `AsStridedBackward0`): the gradient of the view, placed in its region of zeros shaped like
 * the base. d view/d base = 1 on the view's cells, 0 elsewhere (an expanded view's repeated
 * cells add up).
 */
export function asStridedGradFn(view: Tensor, base: Tensor): Node {
  return new Node('AsStridedBackward0', [base], (g) => {
    const { base: gb, region } = gradLayout(base, view, g.dtype);
    addInto(region, g);
    return [gb];
  }, []);
}

/**
 * The base's new `gradFn` after an in-place op wrote through `view` (PyTorch's `CopySlices`).
 * `opBackward` is the in-place op's own backward in the view's coordinates: given the gradient
 * of the view's new values it returns [gradient of the view's old values, gradients of the
 * op's other inputs...]. The gradient of the base's old values is the incoming gradient with the
 * view's region replaced by the op's gradient for the old view values (zeros if null: `copy_`
 * and `fill_` forget the old values); the other inputs get the op's gradients.
 *
 *   grad_old_base = g, with g[view] := opBackward(g[view])[0]
 *   grad_input_k  = opBackward(g[view])[k]
 */
export function copySlices(
  base: Tensor, oldBase: Tensor | null, view: Tensor, others: readonly (Tensor | null)[], opBackward: BackwardFn, saved: readonly Tensor[],
): Node {
  // only the view's geometry is needed later, not its (changing) history or values
  const geometry = new Tensor(view.storage, view.shape, view.strides, view.offset);
  const baseGeometry = new Tensor(base.storage, base.shape, base.strides, base.offset);
  return new Node('CopySlices', [oldBase, ...others], (g) => {
    const { base: gb, region } = gradLayout(baseGeometry, geometry, g.dtype);
    gb.copy_(g);
    const res = opBackward(region.clone());
    if (res[0]) region.copy_(res[0]);
    else region.fill_(0);
    return [gb, ...res.slice(1)];
  }, saved);
}
