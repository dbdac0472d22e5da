/**
 * `t.grad = g` is checked as PyTorch 1.13 checks it (`THPVariable_set_grad`): null, or a tensor
 * that is not `t` itself, of `t`'s dtype and shape. The messages begin with PyTorch's own
 * (recorded from torch 1.13: "can't assign Variable as its own grad", "assigned grad has data of
 * a different type", "assigned grad has data of a different size", "assigned grad expected to be
 * a Tensor or None but got grad of type list"). A refused assignment changes nothing; an accepted
 * one is where backward adds in place.
 */
import { describe, expect, it } from 'vitest';
import { tensor, zeros } from '../../engine/index.js';

describe('assigning .grad', () => {
  it("refuses the tensor itself, another dtype, another shape, a non-tensor; the old .grad stays", () => {
    const w = zeros([2]).requiresGrad_();
    const old = tensor([5, 6]).float();
    w.grad = old;
    expect(() => { w.grad = w; }).toThrow("can't assign Variable as its own grad");
    expect(() => { w.grad = zeros([2], { dtype: 'float64' }); }).toThrow('assigned grad has data of a different type: the tensor is float32, the grad float64');
    expect(() => { w.grad = zeros([3]); }).toThrow('assigned grad has data of a different size: the tensor is [2], the grad [3]');
    expect(() => { w.grad = zeros([2, 1]); }).toThrow('assigned grad has data of a different size: the tensor is [2], the grad [2, 1]');
    expect(() => { (w as { grad: unknown }).grad = [1, 2]; }).toThrow('assigned grad expected to be a Tensor or null but got grad of type Array');
    expect(() => { (w as { grad: unknown }).grad = undefined; }).toThrow('got grad of type undefined');
    expect(w.grad).toBe(old);
    w.grad = null;
    expect(w.grad).toBeNull();
  });

  it('accepts a tensor of the same dtype and shape, also on a tensor that does not require grad, and backward adds into it', () => {
    const x = zeros([3]);
    const g = tensor([1, 2, 3]).float();
    x.grad = g;
    expect(x.grad).toBe(g);
    const w = zeros([2]).requiresGrad_();
    const buf = tensor([10, 20]).float();
    w.grad = buf;
    w.mul(tensor([1, 2]).float()).sum().backward();
    expect(w.grad).toBe(buf);
    expect(buf.tolist()).toEqual([11, 22]);
  });

  it('an int32 .grad on a float leaf, which once made backward throw after other leaves were written, is refused at assignment', () => {
    const a = zeros([2]).requiresGrad_(), b = zeros([2]).requiresGrad_();
    expect(() => { b.grad = zeros([2], { dtype: 'int32' }); }).toThrow('different type: the tensor is float32, the grad int32');
    a.add(b).sum().backward();
    expect([a.grad!.tolist(), b.grad!.tolist()]).toEqual([[1, 1], [1, 1]]);
  });
});
