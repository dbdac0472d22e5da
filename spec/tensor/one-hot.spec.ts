/**
 * oneHot's errors (PyTorch 1.13's `F.one_hot`, whose messages are quoted in each test: checked with
 * torch 1.13.1) and its values on a small case computed by hand.
 *
 *   F.one_hot(tensor([0, -1]), 3)        RuntimeError: Class values must be non-negative.
 *   F.one_hot(tensor([0, 3]), 3)         RuntimeError: Class values must be smaller than num_classes.
 *   F.one_hot(tensor([], dtype=long))    RuntimeError: Can not infer total number of classes from empty tensor.
 *   F.one_hot(tensor([0., 1.]), 3)       RuntimeError: one_hot is only applicable to index tensor.
 *   F.one_hot(tensor([0, 1]), 0)         RuntimeError: Class values must be smaller than num_classes.
 */
import { describe, expect, it } from 'vitest';
import { oneHot, tensor } from '../../engine/index.js';

describe('oneHot', () => {
  it('encodes each index as a row with one 1 (shape [...indices.shape, numClasses], int32)', () => {
    const y = oneHot(tensor([[0, 2], [1, 1]]));
    expect(y.shape).toEqual([2, 2, 3]);
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.toTypedArray())).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0]);
  });

  it('refuses a negative class value, naming it and its position', () => {
    expect(() => oneHot(tensor([0, -1]), 3)).toThrow(/non-negative, got -1 at position 1/);
  });

  it('refuses a class value not smaller than numClasses, naming both', () => {
    expect(() => oneHot(tensor([0, 3]), 3)).toThrow(/smaller than num_classes \(3\), got 3/);
  });

  it('refuses to infer numClasses from an empty tensor', () => {
    expect(() => oneHot(tensor([], { dtype: 'int32' }))).toThrow(/can not infer total number of classes from empty tensor/);
  });

  it('refuses a float tensor and a non-tensor, naming what it got', () => {
    expect(() => oneHot(tensor([0, 1], { dtype: 'float32' }), 3)).toThrow(/only applicable to index tensor.*got float32/);
    expect(() => oneHot([0, 1] as never, 3)).toThrow(/only applicable to index tensor.*got object/);
  });

  it('refuses numClasses that is not a positive integer or -1 (PyTorch reports these as values too large)', () => {
    expect(() => oneHot(tensor([0, 1]), 0)).toThrow(/numClasses must be a positive integer or -1, got 0/);
    expect(() => oneHot(tensor([0, 1]), -2)).toThrow(/numClasses must be a positive integer or -1, got -2/);
    expect(() => oneHot(tensor([0, 1]), 2.5)).toThrow(/numClasses must be a positive integer or -1, got 2.5/);
  });

  it('leaves its input untouched when it fails', () => {
    const x = tensor([0, 5, 1]);
    expect(() => oneHot(x, 3)).toThrow();
    expect(Array.from(x.toTypedArray())).toEqual([0, 5, 1]);
    expect(x.version).toBe(0);
  });
});
