/**
 * Memory: what `backward()` and `tidy` give back, what they keep, and why a training loop in
 * `tidy` asks for no fresh memory after its first step.
 *
 *     npx tsx docs/examples/memory-tidy.ts
 */
import { Tensor, arange, isSimdEnabled, keep, memoryStats, oneHot, resetMemoryStats, tidy } from '../../engine/index.js';

const n = 100_000; // 400 kB of float32: "large" (the pool and the arena take 64 KiB and more)
const x = arange(n).float().div(n); // made outside any tidy: ordinary memory

// tidy keeps what the function returns and gives back everything else it made
let inner: Tensor | null = null;
const total = tidy(() => {
  inner = x.exp(); // large, made inside, not returned: given back when tidy ends
  return inner.mul(2).sum(); // returned: kept
});
console.log(`sum of 2·exp(i/n), i < n: ${total.item().toFixed(1)}`);
try {
  inner!.sum();
} catch (e) {
  console.log(`using a tensor tidy gave back: ${(e as Error).message.split('(')[0].trim()}`);
}
const kept = tidy(() => keep(x.mul(3))); // keep(): survives every enclosing tidy
console.log(`a kept tensor is still there: ${kept.storage.released === false}`);

// a small training loop: W (27×27) is made outside; each step's large tensors live in the
// arena and are given back at the end of the step, so the next step reuses the same memory
const V = 27;
const xs = Tensor.fromArray(Int32Array.from({ length: n }, (_, i) => i % V), [n], 'int32');
const ys = Tensor.fromArray(Int32Array.from({ length: n }, (_, i) => (i * 7) % V), [n], 'int32');
const W = Tensor.fromArray(new Float32Array(V * V), [V, V], 'float32').requiresGrad_();
const fresh: number[] = [];
for (let step = 0; step < 4; step++) {
  resetMemoryStats();
  tidy(() => {
    const logits = oneHot(xs, V).float().matmul(W);
    const counts = logits.exp();
    const probs = counts.div(counts.sum(1, true));
    const loss = probs.index(arange(n), ys).log().mean().neg();
    W.grad = null;
    loss.backward(); // W.grad is kept: it belongs to W, made outside
    W.data.add_(W.grad!.mul(-10));
  });
  fresh.push(memoryStats().fresh);
}
console.log(`fresh large allocations per step: ${fresh.join(' ')}`);
console.log(`W.grad after the loop: shape [${W.grad!.shape.join(', ')}], released: ${W.grad!.storage.released}`);
console.log(`SIMD kernels in use: ${isSimdEnabled()}`);
