/**
 * Broadcasting (notes N10–N12): shapes are aligned from the RIGHT. That is why P / P.sum(1)
 * runs without error on a square P and still divides by the wrong sums.
 *
 *     npx tsx docs/examples/broadcasting-keepdim.ts
 */
import { broadcastShapes, explainBroadcast, tensor } from '../../engine/index.js';

const dims = (a: readonly number[]) => `[${a.join(', ')}]`;
const oneLine = (t: unknown) => String(t).replace(/\n\s*/g, ' ');

// N11: [27, 27] / [27] is legal, [3, 2] / [3] is not
console.log(`broadcastShapes([27, 27], [27]) = ${dims(broadcastShapes([27, 27], [27]))}`);
try {
  broadcastShapes([3, 2], [3]);
} catch (e) {
  console.log(`broadcastShapes([3, 2], [3]) throws:\n${(e as Error).message}`);
}

// N12: the notes' matrix
const P = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]], { dtype: 'float32' });
const s = P.sum(1); //                  [6, 15, 24], shape [3]: a row once broadcast
const sk = P.sum(1, true); //           [[6], [15], [24]], shape [3, 1]: a column
console.log(`\nP.sum(1) = ${s}, shape ${dims(s.shape)}`);
console.log(`P.sum(1, true) = ${oneLine(sk)}, shape ${dims(sk.shape)}`);

console.log('\nP / P.sum(1):');
console.log(explainBroadcast(P, s));
console.log(`the row sums, as broadcast (strides ${dims(s.expand(3, 3).strides)}): ${oneLine(s.expand(3, 3))}`);
const wrong = P.div(s);
console.log(`P / P.sum(1) = ${oneLine(wrong)}`);
console.log(`its rows sum to ${wrong.sum(1)}   <- N12's bug: column j was divided by the sum of row j`);

console.log('\nP / P.sum(1, true):');
console.log(explainBroadcast(P, sk));
console.log(`the row sums, as broadcast (strides ${dims(sk.expand(3, 3).strides)}): ${oneLine(sk.expand(3, 3))}`);
const right = P.div(sk);
console.log(`P / P.sum(1, true) = ${oneLine(right)}`);
console.log(`its rows sum to ${right.sum(1)}`);
