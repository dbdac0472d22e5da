/**
 * The computation graph of the lecture's loss, read from the real tape (notes N18–N21):
 *
 *     loss = -probs[arange(n), ys].log().mean() + 0.01 * (W**2).mean()
 *
 * built by bigram/neural.ts for the five bigrams of "emma".
 *
 *     npx tsx docs/examples/lecture-loss-graph.ts          # the tape, listed
 *     npx tsx docs/examples/lecture-loss-graph.ts --dot    # Graphviz DOT, for `dot -Tsvg`
 */
import { Generator, graphOf, tensor, toDot } from '../../engine/index.js';
import { initWeights, loss } from '../../bigram/neural.js';

const W = initWeights(27, new Generator().manualSeed(2147483647)); // randn((27, 27), generator=g, requires_grad=True)
W.label = 'W';
const xs = tensor([0, 5, 13, 13, 1]); // emma: . e m m a
const ys = tensor([5, 13, 13, 1, 0]); //       e m m a .
const L = loss(W, xs, ys, 0.01);
L.label = 'loss';

// the leaf that does not require grad is xenc = oneHot(xs, 27).float(): name it for the picture
for (const { inputs } of graphOf(L)) {
  for (const input of inputs) if (input?.kind === 'constant') input.tensor.label = 'xenc = oneHot(xs, 27).float()';
}

if (process.argv.includes('--dot')) {
  console.log(toDot(L));
} else {
  const dims = (a: readonly number[]) => `[${a.join(', ')}]`;
  console.log(`loss = ${L}`);
  console.log(`without the regulariser: ${loss(W, xs, ys, 0)}`);
  console.log('\nthe tape, output first (each node runs before the nodes that produced its inputs):');
  graphOf(L).forEach(({ node, inputs, saved }, k) => {
    const from = inputs.map((x) => (x === null ? 'number' : x.kind === 'node' ? x.node.name : `${x.tensor.label} ${dims(x.tensor.shape)}`));
    const keeps = saved.length ? `   saves ${saved.map((s) => dims(s.shape)).join(' ')}` : '';
    console.log(`  ${String(k).padStart(2)} ${node.name.padEnd(15)} <- ${from.join(', ')}${keeps}`);
  });
}
