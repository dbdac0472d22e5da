/**
 * A 4×4 block of floats transposed by shuffles, for the kernels that turn rows into columns
 * (`pack_rows8_f32` in pack-panels8.ts, `transpose_f32` in transpose.ts).
 */
import type { Code, Local } from '../wasm-encoder.js';

/**
 * Byte lanes of an i8x16.shuffle taking floats `f` (0–3: the first operand, 4–7: the second).
 * @example floats(0, 4, 1, 5) // lanes of (a0, b0, a1, b1)
 */
export const floats = (...f: number[]): number[] => f.flatMap((x) => [4 * x, 4 * x + 1, 4 * x + 2, 4 * x + 3]);

/**
 * Transpose the block whose row i is `v[i]` (four f32x4 locals), using the four locals `t`:
 * `store(q, column)` is called for q = 0 … 3 and must emit its store around `column()`, which
 * pushes column q of the block, `(v0[q], v1[q], v2[q], v3[q])`.
 * @example transpose4(code, v, t, (q, column) => { code.get(d); column(); code.v128Store(16 * q); })
 */
export function transpose4(code: Code, v: Local[], t: Local[], store: (q: number, column: () => void) => void): void {
  code.get(v[0]).get(v[1]).i8x16Shuffle(floats(0, 4, 1, 5)).set(t[0]); // v0[0] v1[0] v0[1] v1[1]
  code.get(v[0]).get(v[1]).i8x16Shuffle(floats(2, 6, 3, 7)).set(t[1]); // v0[2] v1[2] v0[3] v1[3]
  code.get(v[2]).get(v[3]).i8x16Shuffle(floats(0, 4, 1, 5)).set(t[2]);
  code.get(v[2]).get(v[3]).i8x16Shuffle(floats(2, 6, 3, 7)).set(t[3]);
  for (let q = 0; q < 4; q++) {
    const [x, y] = q < 2 ? [t[0], t[2]] : [t[1], t[3]];
    store(q, () => code.get(x).get(y).i8x16Shuffle(q % 2 === 0 ? floats(0, 1, 4, 5) : floats(2, 3, 6, 7)));
  }
}
