/**
 * The tape, by hand: a micrograd-sized expression, its recorded graph, backward, and the same
 * gradients derived with the chain rule. Then accumulation (a tensor used twice) and
 * broadcasting (a gradient summed back to the input's shape).
 *
 *     npx tsx docs/examples/autograd-by-hand.ts
 */
import { graphOf, noGrad, tensor, type Tensor } from '../../engine/index.js';

const leaf = (v: number, label: string) => {
  const t = tensor(v, { requiresGrad: true });
  t.label = label;
  return t;
};

// L = (a*b + c) * f, as in micrograd
const a = leaf(2, 'a'), b = leaf(-3, 'b'), c = leaf(10, 'c'), f = leaf(-2, 'f');
const e = a.mul(b);
const d = e.add(c);
const L = d.mul(f);
console.log(`L = ${L}`);

// what the ops recorded: one Node per op, output first (a topological order)
console.log('the tape, output first:');
for (const { node, inputs } of graphOf(L)) {
  const from = inputs.map((x) => (x === null ? 'number' : x.kind === 'node' ? x.node.name : (x.tensor as Tensor).label));
  console.log(`  ${node.name.padEnd(14)} inputs: ${from.join(', ')}`);
}

L.backward();
const g = (t: Tensor) => t.grad!.item();
console.log('backward:        dL/da = %d, dL/db = %d, dL/dc = %d, dL/df = %d', g(a), g(b), g(c), g(f));
// by hand: dL/dd = f, dd/de = 1, de/da = b, de/db = a; dL/df = d
const [av, bv, cv, fv] = [2, -3, 10, -2];
console.log('chain rule:      dL/da = %d, dL/db = %d, dL/dc = %d, dL/df = %d', fv * bv, fv * av, fv, av * bv + cv);

// a tensor used twice gets the SUM of both paths: y = x*x + x, dy/dx = 2x + 1
const x = tensor([3], { requiresGrad: true });
x.mul(x).add(x).sum().backward();
console.log(`y = x*x + x at x = 3: x.grad = ${x.grad} (2x + 1 = 7)`);
// and .grad accumulates across backward calls until reset
x.mul(x).add(x).sum().backward();
console.log(`after a second backward without resetting: x.grad = ${x.grad}`);
x.grad = null;

// broadcasting: bias [3] was added to each of the 2 rows, so its gradient is summed over them
const w = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
const bias = tensor([10, 20, 30], { requiresGrad: true });
const col = tensor([[1], [2]], { requiresGrad: true });
w.add(bias).mul(col).sum().backward();
console.log(`sum((w + bias) * col), w [2, 3], bias [3], col [2, 1]:`);
console.log(`  bias.grad = ${bias.grad}   (col summed over the 2 rows: 1 + 2)`);
console.log(`  col.grad = ${String(col.grad).replace(/\n\s*/g, ' ')}   (row sums of w + bias: 66, 75)`);
console.log(`  w.grad = ${String(w.grad).replace(/\n\s*/g, ' ')}`);

// backward frees the graph's saved tensors; a second backward through it needs retainGraph
x.grad = null;
const z = x.mul(x).sum();
z.backward();
try {
  z.backward();
} catch (e) {
  console.log(`a second z.backward(): ${(e as Error).message.slice(0, 60)}...`);
}
x.grad = null;
const z2 = x.mul(x).sum();
z2.backward({ retainGraph: true });
z2.backward();
console.log(`with retainGraph both run and accumulate: x.grad = ${x.grad} (twice 2x at x = 3)`);

// turning the tape off
const q = noGrad(() => x.mul(2));
console.log(`noGrad(() => x.mul(2)): requiresGrad ${q.requiresGrad}, gradFn ${q.gradFn}`);
const dx = x.detach();
console.log(`x.detach(): requiresGrad ${dx.requiresGrad}, shares x's storage ${dx.storage === x.storage}`);
