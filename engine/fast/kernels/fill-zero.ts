/** `fill_zero`: sets `bytes` bytes from byte offset `at` to zero (`memory.fill`: typed-array `fill` is slow on shared memory). Used by the arena (`memory/arena.ts`). */
import { defineKernel } from '../define-kernel.js';
import { I32 } from '../wasm-encoder.js';

export const fillZero = defineKernel({
  name: 'fill_zero',
  params: { at: I32, bytes: I32 },
  body: (c, { at, bytes }) => c.get(at).i32Const(0).get(bytes).memoryFill(),
});
