/**
 * dtypes and type promotion. Four dtypes: float32 (the default float), float64, int32 (plays
 * PyTorch's int64: the default integer type) and bool.
 *
 *     npx tsx docs/examples/dtypes-and-promotion.ts
 */
import { full, promoteTypes, tensor } from '../../engine/index.js';

const show = (expr: string, f: () => { dtype: string; toString(): string }) => {
  try {
    const t = f();
    console.log(`${expr.padEnd(44)} ${t.dtype.padEnd(8)} ${String(t).replace(/\n\s*/g, ' ')}`);
  } catch (e) {
    console.log(`${expr.padEnd(44)} error: ${(e as Error).message}`);
  }
};
const i = tensor([1, 2, 3]); // int32
const f = tensor([1, 2, 3], { dtype: 'float32' });

console.log('creation: JavaScript cannot tell 1.0 from 1');
show('tensor([1.0, 2.0])', () => tensor([1.0, 2.0]));
show("tensor([1.0, 2.0], { dtype: 'float32' })", () => tensor([1.0, 2.0], { dtype: 'float32' }));
show('tensor([1, 2], { requiresGrad: true })', () => tensor([1, 2], { requiresGrad: true }));
show('tensor([1.5, 2])', () => tensor([1.5, 2]));
show('tensor([true, false])', () => tensor([true, false]));

console.log('\ntwo tensors: the larger dtype wins (bool < int32 < float32 < float64)');
show('i.add(f)', () => i.add(f));
show("f.add(tensor([1], { dtype: 'float64' }))", () => f.add(tensor([1], { dtype: 'float64' })));
show('i.div(i)      (true division)', () => i.div(i));
console.log(`promoteTypes('int32', 'float32') = ${promoteTypes('int32', 'float32')}`);

console.log('\na tensor and a number: the number raises the category, never the width');
show('i.mul(2)', () => i.mul(2));
show('i.mul(0.5)', () => i.mul(0.5));
show('tensor([true]).add(1)', () => tensor([true]).add(1));
show('f.mul(0.1)    (0.1 rounded to float32 first)', () => f.mul(0.1));
console.log(`  its exact values: ${JSON.stringify(f.mul(0.1).tolist())}`);
show("tensor([1], { dtype: 'float64' }).mul(0.1)", () => tensor([1], { dtype: 'float64' }).mul(0.1));
show('f.gt(1.5)     (comparisons give bool)', () => f.gt(1.5));

console.log('\nin place: the result must fit the target');
show('i.add_(0.5)', () => i.add_(0.5));
show('f.add_(i)', () => f.add_(i));

console.log('\nint32 is 32 bits: PyTorch\'s int64 would print 3221225472 here; a sum that does not fit is an error');
show("full([3], 2 ** 30, { dtype: 'int32' }).sum()", () => full([3], 2 ** 30, { dtype: 'int32' }).sum());
