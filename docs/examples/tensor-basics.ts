/**
 * What a tensor is: one flat storage plus shape, strides and offset. Then the N8/N9 sums.
 *
 *     npx tsx docs/examples/tensor-basics.ts
 */
import { tensor } from '../../engine/index.js';

const dims = (a: readonly number[]) => `[${a.join(', ')}]`;

const x = tensor([[1, 2], [3, 4], [5, 6]]);
console.log(`x = ${x}`);
console.log(`dtype ${x.dtype}, shape ${dims(x.shape)}, strides ${dims(x.strides)}, offset ${x.offset}`);
console.log(`storage: ${dims(Array.from(x.storage.data))}`);

// element (i, j) lives at offset + i*strides[0] + j*strides[1]
const [i, j] = [2, 1];
const pos = x.offset + i * x.strides[0] + j * x.strides[1];
console.log(`x[${i}, ${j}] is storage[${pos}] = ${x.storage.data[pos]} (x.index(${i}, ${j}).item() = ${x.index(i, j).item()})`);

// N8: sum of everything; N9: sum over one dim, with and without keepdim
console.log(`x.sum() = ${x.sum()}`);
for (const dim of [0, 1]) {
  for (const keepdim of [true, false]) {
    const s = x.sum(dim, keepdim);
    console.log(`x.sum(${dim}, ${keepdim}) shape ${dims(s.shape)}: ${String(s).replace(/\n\s*/g, ' ')}`);
  }
}

// JavaScript has one number type: 1.0 and 1 are the same value, so whole numbers give int32.
console.log(`tensor([1.0, 2.0]).dtype = ${tensor([1.0, 2.0]).dtype}`);
console.log(`tensor([1.0, 2.0], { dtype: 'float32' }) = ${tensor([1.0, 2.0], { dtype: 'float32' })}`);
console.log(`tensor([1, 2], { requiresGrad: true }) = ${tensor([1, 2], { requiresGrad: true })}`);
console.log(`tensor([0.5, 2]).dtype = ${tensor([0.5, 2]).dtype}`);

// getting numbers out
console.log(`x.tolist() = ${JSON.stringify(x.tolist())}, x.sum().item() = ${x.sum().item()}`);
