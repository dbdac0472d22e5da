/**
 * Child script of wasm-fallback.spec.ts: computes the ops that have WebAssembly SIMD kernels
 * (matmul, one-hot matmul, exp, the four arithmetic ops with broadcasting, row and column sums,
 * int32 → float32, a training step's gradient), inside `tidy` (operands in the kernels' memory)
 * and outside (operands copied in), and prints one JSON line: whether SIMD is in use, and each
 * result's float32 bits as a SHA-256 digest.
 *
 * `node --import tsx wasm-fallback-probe.ts forbid` first makes WebAssembly compilation throw the
 * way a browser does under a Content-Security-Policy without 'wasm-unsafe-eval' (the module
 * constructor throws a CompileError, compile/instantiate reject), then loads the engine.
 */
import { createHash } from 'node:crypto';

type Wasm = { Module: unknown; compile: unknown; instantiate: unknown; CompileError: new (m: string) => Error };

if (process.argv[2] === 'forbid') {
  const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
  const refuse = () => new wasm.CompileError("WebAssembly.Module(): Refused to compile or instantiate WebAssembly module because 'wasm-unsafe-eval' is not an allowed source of script (probe)");
  wasm.Module = function Module() { throw refuse(); };
  wasm.compile = () => Promise.reject(refuse());
  wasm.instantiate = () => Promise.reject(refuse());
}

const { Generator, Tensor, isSimdEnabled, oneHot, randn, tidy } = await import('../../engine/index.js');
type Tensor = InstanceType<typeof Tensor>;

const digest = (t: Tensor) => {
  const a = t.contiguous().toTypedArray();
  return createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex').slice(0, 16);
};

function ops(tag: string): Record<string, string> {
  const g = new Generator().manualSeed(2147483647);
  const a = randn([300, 70], { generator: g }), b = randn([70, 90], { generator: g });
  const row = randn([300, 1], { generator: g }), col = randn([70], { generator: g }), c = randn([300, 70], { generator: g });
  const xs = Tensor.fromArray(Int32Array.from({ length: 600 }, (_, i) => (i * 7919) % 27), [600], 'int32');
  const W = randn([27, 27], { generator: g, requiresGrad: true });
  const counts = oneHot(xs, 27).float().matmul(W).exp();
  const probs = counts.div(counts.sum(1, true));
  const loss = probs.log().mean().neg();
  loss.backward();
  const out: Record<string, Tensor> = {
    matmul: a.matmul(b), exp: a.exp(), addRow: a.add(row), subCol: a.sub(col), mul: a.mul(c), div: a.div(c.add(3)),
    scalar: a.mul(0.37), sum1: a.sum(1), sum0: a.sum(0), float: xs.mul(1000).float(), probs, loss, grad: W.grad!,
  };
  return Object.fromEntries(Object.entries(out).map(([k, t]) => [`${tag}.${k}`, digest(t)]));
}

const results = { ...ops('outside'), ...tidy(() => ops('tidy')) };
console.log(JSON.stringify({ simd: isSimdEnabled(), wasm: typeof (globalThis as { WebAssembly?: unknown }).WebAssembly, results }));
