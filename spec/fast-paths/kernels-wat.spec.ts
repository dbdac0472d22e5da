/**
 * docs/kernels.wat: the kernels' module as WebAssembly text (engine/fast/wat-printer.ts), so that
 * a learner can read the instructions. This test regenerates the text and fails when the file
 * differs; `UPDATE_KERNELS_WAT=1 npx vitest run spec/fast-paths/kernels-wat.spec.ts` rewrites it.
 *
 * The printer is checked independently of the code that records the instructions: a small kernel
 * printed exactly as written out by hand below, and every kernel's printed instruction count
 * against a count of the instructions decoded from its encoded bytes (a decoder written here from
 * the binary format). Once, by hand, the printed file was also assembled by WABT's wat2wasm
 * (npm `wabt` 1.0.39): the 41 functions' locals and instruction bytes equal the engine's.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernelFunctions } from '../../engine/fast/kernels.js';
import { defineKernel } from '../../engine/fast/define-kernel.js';
import { F32, I32 } from '../../engine/fast/wasm-encoder.js';
import { printFunction, printModule } from '../../engine/fast/wat-printer.js';
import { repoRoot } from '../support/shared.js';

const WAT_FILE = resolve(repoRoot, 'docs/kernels.wat');
const UPDATE = 'UPDATE_KERNELS_WAT=1 npx vitest run spec/fast-paths/kernels-wat.spec.ts';

const HEADER = `;; The engine's WebAssembly kernels as text: engine/fast/kernels/*.ts, registered in
;; engine/fast/kernel-list.ts, printed by engine/fast/wat-printer.ts. Generated: do not edit;
;; spec/fast-paths/kernels-wat.spec.ts checks it is current (${UPDATE} rewrites it).
;; The memory is shown as Node.js gets it with helper threads (1 GiB, shared); a runtime that
;; cannot reserve that much gets a smaller one, and one thread an unshared one (engine/fast/kernels.ts).
`;

/** The text docs/kernels.wat should hold. */
function kernelsWat(): string {
  return HEADER + printModule({ minPages: 16384, maxPages: 16384, shared: true }, kernelFunctions());
}

/**
 * The number of instructions in a function body's bytes (without its final `end`), decoded from
 * the binary format's opcodes and immediates (only those the kernels use; anything else throws).
 */
function countInstructions(bytes: number[]): number {
  let p = 0, count = 0;
  const uleb = () => {
    let b;
    do b = bytes[p++]; while (b & 0x80);
  };
  const memarg = () => { uleb(); uleb(); };
  while (p < bytes.length) {
    const op = bytes[p++];
    count++;
    if (op === 0x02 || op === 0x03 || op === 0x04) p++; // block type
    else if (op === 0x0c || op === 0x0d || (op >= 0x20 && op <= 0x22) || op === 0x41) uleb(); // depth, local, i32 (LEB)
    else if (op >= 0x28 && op <= 0x3e) memarg();
    else if (op === 0x43) p += 4;
    else if (op === 0x44) p += 8;
    else if (op === 0xfc) {
      uleb();
      p++; // memory.fill: memory index
    } else if (op === 0xfd) {
      let sub = 0, shift = 0, b;
      do { b = bytes[p++]; sub |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
      if (sub <= 0x0b) memarg();
      else if (sub === 0x0c || sub === 0x0d) p += 16; // v128.const, i8x16.shuffle
      else if (sub >= 0x15 && sub <= 0x22) p++; // lane index
      else if (sub >= 0x54 && sub <= 0x5b) { memarg(); p++; }
      else if (sub === 0x5c || sub === 0x5d) memarg();
    } else if (!(op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1b || (op >= 0x45 && op <= 0xc4))) {
      throw new Error(`countInstructions: opcode 0x${op.toString(16)} at byte ${p - 1} is not known here`);
    }
  }
  return count;
}

describe('docs/kernels.wat', () => {
  it('is the current text of the kernels module', () => {
    const text = kernelsWat();
    if (process.env.UPDATE_KERNELS_WAT === '1') writeFileSync(WAT_FILE, text);
    const current = existsSync(WAT_FILE) ? readFileSync(WAT_FILE, 'utf8') : '';
    if (current !== text) {
      expect.fail(`docs/kernels.wat is not the current text of the kernels (a kernel changed?): run ${UPDATE} and commit the file`);
    }
  });

  it('prints a small kernel exactly as written out by hand', () => {
    const scale = defineKernel({
      name: 'scale_or_zero',
      params: { out: I32, n: I32, s: F32 },
      results: [I32],
      locals: { i: I32 },
      body: (c, { out, n, s, i }) => {
        c.forRange(i, 0, n, 1, () => {
          c.get(s).f32Const0().f32Ne();
          c.ifThen(() => c.elementAddress(out, i, 4).elementAddress(out, i, 4).f32Load(16).get(s).f32Mul().f32Store(16), () => c.i32Const(-1).return());
        });
        c.get(n);
      },
    });
    expect(printFunction(scale.build())).toBe(`(func $scale_or_zero (export "scale_or_zero") (param $out i32) (param $n i32) (param $s f32) (result i32)
  (local $i i32)
  i32.const 0
  local.set $i
  block
    loop
      local.get $i
      local.get $n
      i32.ge_s
      br_if 1
      local.get $s
      f32.const 0
      f32.ne
      if
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        f32.load offset=16
        local.get $s
        f32.mul
        f32.store offset=16
      else
        i32.const -1
        return
      end
      local.get $i
      i32.const 1
      i32.add
      local.set $i
      br 0
    end
  end
  local.get $n)`);
  });

  it('prints one line per instruction of every kernel: as many as its encoded bytes hold', () => {
    const functions = kernelFunctions();
    expect(functions.length).toBeGreaterThan(30);
    for (const f of functions) {
      const lines = printFunction(f).split('\n');
      const localLines = f.code.locals.length - f.code.paramCount;
      const printed = lines.length - 1 - localLines;
      expect({ name: f.name, printed }).toEqual({ name: f.name, printed: countInstructions(f.code.bytes) });
    }
  });
});
