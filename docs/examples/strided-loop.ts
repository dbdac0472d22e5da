/**
 * The strided loop behind every elementwise op, copy and reduction (engine/iterate.ts).
 * `forEachRow` is internal (not exported from engine/index.ts); this example imports it to show
 * the runs it hands to an op's inner loop: (length n, start position p, step s) per operand.
 *
 *     npx tsx docs/examples/strided-loop.ts
 */
import { Tensor, arange, zeros } from '../../engine/index.js';
import { forEachRow } from '../../engine/iterate.js';

const dims = (a: readonly number[]) => `[${a.join(', ')}]`;

/** The runs forEachRow makes for these operands (all of the first one's shape). */
function runs(label: string, ...ts: Tensor[]): void {
  const shape = ts[0].shape;
  const calls: string[] = [];
  forEachRow(shape, ts.map((t) => t.strides), ts.map((t) => t.offset), (n, p0, s0, p1, s1) => {
    calls.push(ts.length === 1 ? `(n=${n}, p=${p0}, s=${s0})` : `(n=${n}, out p=${p0} s=${s0}, in p=${p1} s=${s1})`);
  });
  const geometry = ts.map((t) => `shape ${dims(t.shape)} strides ${dims(t.strides)}`).join(' | ');
  console.log(`${label}\n  ${geometry}\n  ${calls.length} run(s): ${calls.join(' ')}`);
}

const x = arange(24).view(2, 3, 4);
runs('contiguous x: one run of all 24 elements (the fast path)', x);
runs('x.narrow(2, 0, 2): dims 0 and 1 merge (stride 12 = 3 * 4), so 6 runs of 2, not a 2x3 odometer', x.narrow(2, 0, 2));
runs('x.transpose(0, 2): nothing merges; the odometer walks dims 0 and 1, the inner run steps by 12', x.transpose(0, 2));
const row = arange(4).view(1, 4).expand(3, 4);
runs('a row expanded to [3, 4]: the outer step is 0, so the same 4 cells are read 3 times', row);
runs('out = row + 0 (two operands): dims merge only if they merge in EVERY operand; the row\'s stride 0 stops it', zeros([3, 4]), row);
