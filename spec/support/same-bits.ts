/**
 * `expectSameBits(got, want, what)`: two float32 arrays hold the same values element by element,
 * `Object.is` equal (so −0 differs from +0, and NaN equals NaN), with the first differing
 * element named in the failure.
 */
import { expect } from 'vitest';

/** Fail at the first element where `got` and `want` differ (`Object.is`), naming `what`. */
export function expectSameBits(got: Float32Array, want: Float32Array, what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < got.length; i++) {
    if (!Object.is(got[i], want[i])) expect.fail(`${what}: element ${i}: got ${got[i]}, expected ${want[i]}`);
  }
}
