/**
 * The kernels' module validates wherever the runtime has WebAssembly SIMD, and a module that does
 * not validate is reported as a mistake (`invalid-module`, with the runtime's reason), never
 * taken for a runtime without SIMD (which would silently run the plain loops).
 */
import { describe, expect, it } from 'vitest';
import { SIMD_PROBE, kernelStatus, kernels, moduleStatus, type WasmApi } from '../../engine/fast/kernels.js';
import { Code, I32, encodeModule } from '../../engine/fast/wasm-encoder.js';

const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

describe('the kernels module', () => {
  it('this runtime has WebAssembly SIMD (the hand-written probe validates), so the kernels were built', () => {
    expect(wasm.validate(SIMD_PROBE)).toBe(true);
    expect(kernelStatus).toEqual({ state: 'ok' });
    expect(kernels).not.toBeNull();
  });

  it('a well-formed module made by the encoder is ok', () => {
    const body = new Code().get(0).get(1).i32Add();
    const bytes = encodeModule({ minPages: 1, maxPages: 1, shared: false }, [{ name: 'add', params: [I32, I32], results: [I32], locals: [], body }]);
    expect(moduleStatus(wasm, bytes)).toEqual({ state: 'ok' });
  });

  it('a module with an encoding mistake is an invalid module, with the runtime\'s reason (not "no SIMD")', () => {
    // i32.add with one operand on the stack: a type error
    const body = new Code().get(0).i32Add();
    const bytes = encodeModule({ minPages: 1, maxPages: 1, shared: false }, [{ name: 'bad', params: [I32], results: [I32], locals: [], body }]);
    const status = moduleStatus(wasm, bytes);
    expect(status.state).toBe('invalid-module');
    expect(status.state === 'invalid-module' && status.reason.length > 10).toBe(true);
  });
});
