/**
 * The kernels' module validates wherever the runtime has WebAssembly SIMD, and a module that does
 * not validate is reported as a mistake (`invalid-module`, naming the kernel, with the runtime's
 * reason), never taken for a runtime without SIMD (which would silently run the plain loops).
 */
import { describe, expect, it } from 'vitest';
import { SIMD_PROBE, kernelFunctions, kernelStatus, kernels, moduleStatus, type WasmApi } from '../../engine/fast/kernels.js';
import { defineKernel } from '../../engine/fast/define-kernel.js';
import { KERNELS, isKernel, kernelList } from '../../engine/fast/kernel-list.js';
import { HELPER_KERNELS } from '../../engine/fast/threads.js';
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

  it('the registry is the one list: each entry of kernels is its export, with its parameter count, and threads dispatch by the same names', () => {
    const list = kernelList();
    const names = list.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length); // no export name twice
    expect(kernelFunctions().map((f) => f.name)).toEqual(names);
    expect(HELPER_KERNELS).toEqual(names);
    const k = kernels!;
    expect(Object.keys(k.exports)).toEqual(names);
    for (const kernel of list) expect({ name: kernel.name, params: k.exports[kernel.name].length }).toEqual({ name: kernel.name, params: kernel.arity });
    for (const [key, entry] of Object.entries(KERNELS)) {
      const fn = (k as unknown as Record<string, unknown>)[key];
      if (isKernel(entry)) expect(fn).toBe(k.exports[entry.name]);
      else for (const member of Object.values(entry)) expect((fn as Record<string, unknown>)[member.name]).toBe(k.exports[member.name]);
    }
  });
});
