/**
 * Views: new shape, strides and offset over the SAME storage. No element is copied, so a view
 * costs O(1) whatever the tensor's size, and a write through a view lands in the base.
 *
 *     npx tsx docs/examples/views-and-strides.ts
 */
import { Tensor, arange, slice, zeros } from '../../engine/index.js';

const dims = (a: readonly number[]) => `[${a.join(', ')}]`;
const x = arange(6).view(2, 3); // storage [0 1 2 3 4 5], shape [2, 3], strides [3, 1]

function describe(expr: string, t: Tensor): void {
  const shares = t.storage === x.storage ? 'same storage' : 'NEW storage';
  const cont = t.isContiguous() ? 'contiguous' : 'non-contiguous';
  console.log(`${expr.padEnd(34)} shape ${dims(t.shape).padEnd(9)} strides ${dims(t.strides).padEnd(9)} offset ${t.offset}  ${cont.padEnd(14)} ${shares}  ${JSON.stringify(t.tolist())}`);
}

console.log(`x = ${x}`);
describe('x', x);
describe('x.T', x.T);
describe('x.index(1)            (x[1])', x.index(1));
describe('x.index(null, 1)      (x[:, 1])', x.index(null, 1));
describe('x.index(null, slice(0, 3, 2))', x.index(null, slice(0, 3, 2)));
describe('x.narrow(1, 1, 2)     (x[:, 1:3])', x.narrow(1, 1, 2));
describe('x.unsqueeze(0)', x.unsqueeze(0));
describe('x.index(0).expand(4, 3)', x.index(0).expand(4, 3));
describe('x.view(3, 2)', x.view(3, 2));

// view needs strides that describe the new shape; the transpose has none for [6]
try {
  x.T.view(6);
} catch (e) {
  console.log(`x.T.view(6) throws: ${(e as Error).message}`);
}
describe('x.T.reshape(6)        (a copy)', x.T.reshape(6));
describe('x.T.contiguous()      (a copy)', x.T.contiguous());

// a write through a view is a write into the base
x.T.index(2, 1).fill_(50); // x.T[2, 1] is x[1, 2]
console.log(`after x.T.index(2, 1).fill_(50): x = ${String(x).replace(/\n\s*/g, ' ')}, version ${x.version}`);

// N3: counting bigrams through 0-d views, N[ix1, ix2] += 1
const N = zeros([3, 3], { dtype: 'int32' });
for (const [a, b] of [[0, 1], [1, 2], [0, 1], [2, 0]]) N.index(a, b).add_(1);
console.log(`N after 4 bigrams = ${String(N).replace(/\n\s*/g, ' ')}`);
