/**
 * The kernels' module validates wherever the runtime has WebAssembly SIMD, and a module that does
 * not validate is reported as a mistake (`invalid-module`, naming the kernel, with the runtime's
 * reason), never taken for a runtime without SIMD (which would silently run the plain loops).
 */
import { describe, expect, it } from 'vitest';
import { SIMD_PROBE, kernelFunctions, kernelStatus, kernels, moduleStatus, type WasmApi } from '../../engine/fast/kernels.js';
import { defineKernel } from '../../engine/fast/define-kernel.js';
import { I32, encodeModule } from '../../engine/fast/wasm-encoder.js';

const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

describe('the kernels module', () => {
  it('this runtime has WebAssembly SIMD (the hand-written probe validates), so the kernels were built', () => {
    expect(wasm.validate(SIMD_PROBE)).toBe(true);
    expect(kernelStatus).toEqual({ state: 'ok' });
    expect(kernels).not.toBeNull();
  });

  it('the module of every registered kernel validates and compiles', () => {
    const functions = kernelFunctions();
    expect(moduleStatus(wasm, functions)).toEqual({ state: 'ok' });
    expect(() => new wasm.Module(encodeModule({ minPages: 1, maxPages: 1, shared: false }, functions))).not.toThrow();
  });

  it('a well-formed kernel made with defineKernel is ok', () => {
    const add = defineKernel({ name: 'add', params: { a: I32, b: I32 }, results: [I32], body: (c, { a, b }) => c.get(a).get(b).i32Add() });
    expect(moduleStatus(wasm, [add.build()])).toEqual({ state: 'ok' });
  });

  it('a kernel with an encoding mistake makes an invalid module, naming the kernel, with the runtime\'s reason (not "no SIMD")', () => {
    const good = defineKernel({ name: 'good', params: { a: I32 }, results: [I32], body: (c, { a }) => c.get(a) });
    // i32.add with one operand on the stack: a type error
    const bad = defineKernel({ name: 'broken_add', params: { a: I32 }, results: [I32], body: (c, { a }) => c.get(a).i32Add() });
    const status = moduleStatus(wasm, [good.build(), bad.build()]);
    expect(status.state).toBe('invalid-module');
    const reason = status.state === 'invalid-module' ? status.reason : '';
    expect(reason.startsWith('kernel broken_add: ')).toBe(true);
    expect(reason.length).toBeGreaterThan('kernel broken_add: '.length + 10);
  });
});
