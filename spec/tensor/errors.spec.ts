/**
 * Every error of the tensor core, with its message checked, and the promise that a failing op
 * leaves its inputs untouched (values, shape, strides and version).
 */
import { describe, expect, it } from 'vitest';
import { Tensor, arange, matmul, ones, slice, tensor, zeros } from '../../engine/index.js';

/** Run `f`, expecting it to throw; return the error. */
function caught(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** Values, geometry and version of a tensor, to compare before and after a failing op. */
function snapshot(t: Tensor) {
  return { values: Array.from(t.toTypedArray()), shape: [...t.shape], strides: [...t.strides], offset: t.offset, version: t.version, dtype: t.dtype };
}

describe('error messages', () => {
  it('broadcast error: names the op, both sizes and the dimension, and shows the shapes aligned from the right', () => {
    const e = caught(() => ones([3, 2]).div(ones([3])));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toMatch(/^div: /);
    expect(e.message).toContain('the size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1');
    expect(e.message).toContain('a: [3  2]');
    expect(e.message).toContain('b: [   3]');
    expect(e.message).toContain('dimension 1 (counting from the left of the result, -1 from the right) has 2 vs 3');
  });

  it('matmul shape error: "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)"', () => {
    const e = caught(() => ones([2, 3]).matmul(ones([2, 3])));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toContain('mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)');
    expect(caught(() => matmul(ones([4, 2, 3]), ones([4, 2, 3]))).message).toContain('cannot be multiplied ([4, 2, 3] and [4, 2, 3])');
    expect(caught(() => ones([3]).matmul(ones([4]))).message).toMatch(/inconsistent tensor size.*\[3\].*\[4\]/);
    expect(caught(() => ones([3]).matmul(tensor(1, { dtype: 'float32' }))).message).toMatch(/both arguments need at least 1 dimension/);
    expect(caught(() => ones([2, 2, 3]).matmul(ones([3, 3, 2]))).message).toMatch(/^matmul \(batch dimensions\): the size of tensor a \(2\) must match the size of tensor b \(3\)/);
  });

  it('index out of range: for integers (select), index tensors and arrays', () => {
    const x = zeros([2, 3]);
    expect(caught(() => x.index(0, 5)).message).toBe('select: index 5 is out of bounds for dimension 0 with size 3 (tensor of shape [3])');
    expect(caught(() => x.index(-3)).message).toMatch(/index -3 is out of bounds for dimension 0 with size 2/);
    expect(caught(() => x.index(null, tensor([0, 3]))).message).toMatch(/^index 3 is out of bounds for dimension 1 with size 3/);
    expect(caught(() => x.index([2])).message).toMatch(/^index 2 is out of bounds for dimension 0 with size 2/);
    expect(caught(() => x.index(0, 0, 0)).message).toMatch(/too many indices for tensor of dimension 2/);
    expect(caught(() => x.select(1, 3))).toBeInstanceOf(RangeError);
    expect(caught(() => x.narrow(1, 2, 2)).message).toMatch(/start \(2\) \+ length \(2\) exceeds dimension size \(3\)/);
  });

  it('bad dims: "dimension out of range (expected to be in range of [-2, 1], but got 2)"', () => {
    const x = zeros([2, 3]);
    const msg = 'dimension out of range (expected to be in range of [-2, 1], but got 2)';
    expect(caught(() => x.sum(2)).message).toBe(`sum: ${msg}`);
    expect(caught(() => x.mean([0, 2])).message).toBe(`mean: ${msg}`);
    expect(caught(() => x.max(2)).message).toBe(`max: ${msg}`);
    expect(caught(() => x.argmax(-3)).message).toBe('argmax: dimension out of range (expected to be in range of [-2, 1], but got -3)');
    expect(caught(() => x.transpose(0, 2)).message).toBe(`transpose: ${msg}`);
    expect(caught(() => x.size(2)).message).toBe(`size: ${msg}`);
    expect(caught(() => x.unsqueeze(3)).message).toBe('unsqueeze: dimension out of range (expected to be in range of [-3, 2], but got 3)');
    expect(caught(() => x.permute(0, 0)).message).toMatch(/repeated dim/);
    expect(caught(() => x.permute(0)).message).toMatch(/input.dim\(\) = 2 is not equal to len\(dims\) = 1/);
    expect(caught(() => x.sum(2))).toBeInstanceOf(RangeError);
  });

  it('view on a non-viewable layout', () => {
    const e = caught(() => zeros([2, 3]).T.view(6));
    expect(e.message).toBe(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces): " +
        'cannot view shape [3, 2] with strides [1, 3] as [6]. Use .reshape(...) instead.',
    );
    expect(caught(() => zeros([2, 3]).view(4)).message).toBe("view: shape '[4]' is invalid for input of size 6 (input shape [2, 3])");
    expect(caught(() => zeros([2, 3]).view(-1, -1)).message).toMatch(/only one dimension can be inferred/);
  });

  it('item() on many elements', () => {
    const e = caught(() => zeros([2, 3]).item());
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toBe('a Tensor with 6 elements cannot be converted to Scalar (item() needs exactly one element; shape is [2, 3])');
    expect(zeros([1, 1]).item()).toBe(0); // one element in any shape is fine
  });

  it('float indices: numbers, arrays and float tensors are refused', () => {
    const x = zeros([2, 3]);
    expect(caught(() => x.select(0, 1.5))).toBeInstanceOf(TypeError);
    expect(caught(() => x.select(0, 1.5)).message).toBe('select: index must be an integer, got 1.5');
    expect(caught(() => x.index([0.5])).message).toBe('index: tensors used as indices must be integer tensors; argument 0 contains 0.5');
    expect(caught(() => x.index(tensor([0.5, 1]))).message).toBe('index: tensors used as indices must be long, int, byte or bool tensors; argument 0 is float32');
    expect(caught(() => x.index(null, slice(0.5))).message).toMatch(/slice bounds must be integers or null, got 0.5/);
    expect(caught(() => x.index(slice(0, 2, 0))).message).toMatch(/slice step must be a positive integer, got 0/);
  });

  it('in-place write into an expanded view: "more than one element of the written-to tensor refers to a single memory location"', () => {
    const base = zeros([3, 1]);
    const e = base.expand(3, 4);
    for (const f of [() => e.fill_(1), () => e.add_(1), () => e.mul_(2), () => e.copy_(ones([3, 4])), () => e.zero_()]) {
      const err = caught(f);
      expect(err.message).toContain('unsupported operation: more than one element of the written-to tensor refers to a single memory location');
      expect(err.message).toContain('Please clone() the tensor before performing the operation.');
    }
    expect(e.clone().fill_(1).tolist()).toEqual([[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]]); // the advice works
  });

  it('in-place op that would broadcast the target', () => {
    const e = caught(() => zeros([3]).add_(ones([2, 3])));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toBe("add_: output with shape [3] doesn't match the broadcast shape [2, 3]");
    expect(caught(() => zeros([3]).copy_(ones([2, 3]))).message).toBe("copy_: output with shape [3] doesn't match the broadcast shape [2, 3]");
    expect(caught(() => zeros([3]).mul_(ones([2]))).message).toMatch(/^mul_: the size of tensor a \(3\) must match the size of tensor b \(2\)/);
  });

  it('int tensor add_ float (and div_, which is true division): the result type cannot be cast back', () => {
    expect(caught(() => tensor([1, 2]).add_(0.5)).message).toBe("add_: result type float32 can't be cast to the desired output type int32");
    expect(caught(() => tensor([1, 2]).add_(tensor([0.5, 1]))).message).toBe("add_: result type float32 can't be cast to the desired output type int32");
    expect(caught(() => tensor([4, 2]).div_(2)).message).toBe("div_: result type float32 can't be cast to the desired output type int32");
    expect(caught(() => tensor([true]).add_(1)).message).toBe("add_: result type int32 can't be cast to the desired output type bool");
    // allowed: int into float, float64 into float32 (same category)
    expect(tensor([1.5, 2.5]).add_(tensor([1, 1])).tolist()).toEqual([2.5, 3.5]);
    expect(tensor([1.5], { dtype: 'float32' }).add_(tensor([0.1], { dtype: 'float64' })).tolist()).toEqual([Math.fround(1.5 + 0.1)]);
  });

  it('other refusals name what to do', () => {
    expect(caught(() => tensor([1, 2]).mean()).message).toMatch(/mean\(\): could not infer output dtype.*Got: int32 \(convert with \.float\(\) first\)/);
    expect(caught(() => tensor([true]).sub(tensor([true]))).message).toMatch(/Subtraction, the `-` operator, with two bool tensors is not supported. Use the `\^` or `logical_xor\(\)` operator instead/);
    expect(caught(() => tensor([2]).pow(-1)).message).toMatch(/integers to negative integer powers are not allowed/);
    expect(caught(() => ones([2, 3]).expand(3, 3)).message).toBe(
      'The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [3, 3].  Tensor sizes: [2, 3]',
    );
    expect(caught(() => arange(0, 5, 0)).message).toBe('arange: step must be nonzero');
    expect(caught(() => arange(5, 0)).message).toMatch(/upper bound and larger bound inconsistent with step sign/);
    expect(caught(() => zeros([2, -1])).message).toMatch(/invalid shape \[2, -1\]: every size must be a non-negative integer, got -1/);
    expect(caught(() => tensor([1]).to('float16' as never)).message).toMatch(/unknown dtype "float16"/);
    expect(caught(() => tensor([[1, 2], [3]])).message).toMatch(/expected sequence of length 2 at dim 1 \(got 1\)/);
  });
});

describe('a failing op leaves its inputs untouched', () => {
  const cases: [string, () => Tensor[], (ts: Tensor[]) => unknown][] = [
    ['add with a broadcast error', () => [ones([3, 2]), ones([3])], ([a, b]) => a.add(b)],
    ['matmul with a shape error', () => [ones([2, 3]), ones([2, 3])], ([a, b]) => a.matmul(b)],
    ['add_ that would broadcast the target', () => [zeros([3]), ones([2, 3])], ([a, b]) => a.add_(b)],
    ['add_ of a float into an int tensor', () => [tensor([1, 2, 3]), tensor([0.5, 0.5, 0.5])], ([a, b]) => a.add_(b)],
    ['div_ of an int tensor', () => [tensor([4, 6]), tensor([2, 2])], ([a, b]) => a.div_(b)],
    ['copy_ with a broadcast error', () => [zeros([2, 2]), ones([3])], ([a, b]) => a.copy_(b)],
    ['view of a transposed tensor', () => [arange(6).view(2, 3).T], ([a]) => a.view(6)],
    ['index out of range (after a valid index tensor)', () => [arange(6).view(2, 3), tensor([0, 1, 7])], ([a, i]) => a.index(null, i)],
    ['sum over a bad dim', () => [arange(6).view(2, 3)], ([a]) => a.sum(2)],
  ];
  for (const [name, make, op] of cases) {
    it(name, () => {
      const ts = make();
      const before = ts.map(snapshot);
      expect(() => op(ts)).toThrow();
      expect(ts.map(snapshot)).toEqual(before);
    });
  }

  it('fill_ into an expanded view of a tensor changes neither (values and version)', () => {
    const base = tensor([[1], [2], [3]], { dtype: 'float32' });
    const e = base.expand(3, 4);
    const before = [snapshot(base), snapshot(e)];
    expect(() => e.fill_(9)).toThrow();
    expect([snapshot(base), snapshot(e)]).toEqual(before);
  });
});
