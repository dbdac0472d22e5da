/**
 * nn/safetensors.ts and nn/safetensors-file.ts: the safetensors format, written and read bit for bit, every corrupt
 * file rejected with a clear message, and the PyTorch-side reference file read exactly.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MAX_HEADER_BYTES,
  SafetensorsError,
  type SafetensorsTensor,
  parseSafetensors,
  readSafetensors,
  writeSafetensors,
} from '../../nn/safetensors.js';
import { loadSafetensorsFile, parseSafetensorsFile, saveSafetensorsFile } from '../../nn/safetensors-file.js';
import { describeIfFile, loadReference, referencePath } from '../support/shared.js';

const tmp = mkdtempSync(join(tmpdir(), 'bigram-safetensors-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The raw bits of each element (so NaN payloads and -0 compare exactly). */
function bitsOf(t: SafetensorsTensor): string[] {
  if (t.dtype === 'F32') return Array.from(new Uint32Array(t.data.buffer, t.data.byteOffset, t.data.length), (b) => b.toString(16));
  return Array.from(new BigUint64Array(t.data.buffer, t.data.byteOffset, t.data.length), (b) => b.toString(16));
}

/** A float32 array holding exactly the given bit patterns. */
function f32Bits(bits: number[]): Float32Array {
  return new Float32Array(new Uint32Array(bits).buffer);
}

/**
 * The bytes of a (possibly broken) file: 8-byte length, header text, data. `header` is
 * JSON-encoded unless it is a string; `declared` overrides the length field.
 */
function makeFile(header: unknown, data: Uint8Array = new Uint8Array(0), declared?: bigint): Uint8Array {
  const text = typeof header === 'string' ? header : JSON.stringify(header);
  const json = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, declared ?? BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

/** A header entry for an F32 tensor. */
function f32(shape: number[], begin: number, end: number) {
  return { dtype: 'F32', shape, data_offsets: [begin, end] };
}

/** Expect parsing to fail with a SafetensorsError whose message contains `message`. */
function expectCorrupt(bytes: Uint8Array, message: string): void {
  expect(() => parseSafetensors(bytes)).toThrow(SafetensorsError);
  expect(() => parseSafetensors(bytes)).toThrow(message);
}

describe('writeSafetensors: the layout', () => {
  it('writes what the reference implementation writes (its serialization test vectors)', () => {
    const data = new Float32Array([0, 1, 2, 3, 4, 5]);
    const out = writeSafetensors({ 'attn.0': { dtype: 'F32', shape: [1, 2, 3], data } });
    // prettier-ignore
    expect(Array.from(out)).toEqual([
      64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
      116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
      58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
      101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
      0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
    ]);
    expect(Array.from(writeSafetensors({}))).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]);
    // prettier-ignore
    expect(Array.from(writeSafetensors({}, { framework: 'pt' }))).toEqual([
      40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
      95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
      116, 34, 125, 125, 32, 32, 32, 32, 32,
    ]);
  });

  it('pads the header with spaces to a multiple of 8 bytes, counting UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }), (name) => {
        fc.pre(name !== '__metadata__');
        const out = writeSafetensors({ [name]: { dtype: 'F32', shape: [1], data: new Float32Array([1]) } });
        const n = Number(new DataView(out.buffer).getBigUint64(0, true));
        expect(n % 8).toBe(0);
        expect(out.length).toBe(8 + n + 4);
        const json = new TextEncoder().encode(JSON.stringify({ [name]: f32([1], 0, 4) }));
        expect(out.subarray(8, 8 + json.length)).toEqual(json);
        expect(n - json.length).toBeLessThan(8);
        expect(Array.from(out.subarray(8 + json.length, 8 + n)).every((b) => b === 0x20)).toBe(true);
      }),
    );
  });

  it('writes data little-endian', () => {
    const out = writeSafetensors({ x: { dtype: 'F32', shape: [], data: new Float32Array([1]) } });
    expect(Array.from(out.subarray(out.length - 4))).toEqual([0x00, 0x00, 0x80, 0x3f]);
    const out64 = writeSafetensors({ x: { dtype: 'F64', shape: [1], data: new Float64Array([1]) } });
    expect(Array.from(out64.subarray(out64.length - 8))).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
  });

  it('lays tensors out F64 first, then by name, back to back', () => {
    const out = writeSafetensors({
      b: { dtype: 'F32', shape: [2], data: new Float32Array(2) },
      a: { dtype: 'F32', shape: [3], data: new Float32Array(3) },
      z: { dtype: 'F64', shape: [1], data: new Float64Array(1) },
    });
    const n = Number(new DataView(out.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(out.subarray(8, 8 + n)));
    expect(header.z.data_offsets).toEqual([0, 8]);
    expect(header.a.data_offsets).toEqual([8, 20]);
    expect(header.b.data_offsets).toEqual([20, 28]);
  });

  it('writes only __metadata__ when there is metadata', () => {
    const out = writeSafetensors({ w: { dtype: 'F32', shape: [0], data: new Float32Array(0) } }, {});
    expect(new TextDecoder().decode(out)).not.toContain('__metadata__');
  });
});

describe('writeSafetensors: refuses bad input', () => {
  it('a shape that does not match the data', () => {
    expect(() => writeSafetensors({ W: { dtype: 'F32', shape: [27, 27], data: new Float32Array(27) } })).toThrow(
      'tensor "W": shape [27, 27] has 729 elements but the data has 27',
    );
  });
  it('a shape that is not a list of non-negative integers', () => {
    expect(() => writeSafetensors({ W: { dtype: 'F32', shape: [-1], data: new Float32Array(0) } })).toThrow(
      'tensor "W": shape must be a list of non-negative integers',
    );
  });
  it('a dtype that does not match the array, or is not supported', () => {
    const bad = { dtype: 'F64', shape: [1], data: new Float32Array(1) } as unknown as SafetensorsTensor;
    expect(() => writeSafetensors({ W: bad })).toThrow('tensor "W": dtype F64 needs its data in a Float64Array');
    const f16 = { dtype: 'F16', shape: [1], data: new Uint16Array(1) } as unknown as SafetensorsTensor;
    expect(() => writeSafetensors({ W: f16 })).toThrow('dtype "F16" cannot be written (supported: F32, F64)');
  });
  it('a reserved or empty name', () => {
    const t: SafetensorsTensor = { dtype: 'F32', shape: [0], data: new Float32Array(0) };
    expect(() => writeSafetensors({ __metadata__: t })).toThrow('a tensor cannot be named "__metadata__"');
    expect(() => writeSafetensors({ '': t })).toThrow('a tensor cannot be named ""');
  });
  it('a metadata value that is not a string', () => {
    expect(() => writeSafetensors({}, { steps: 100 as unknown as string })).toThrow('metadata "steps" must be a string');
  });
});

describe('round trip', () => {
  const shape = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 });
  // every float32 bit pattern is possible, and the special ones are drawn often
  const special32 = [0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00001, 0x7f800001, 0x00000001];
  const bits32 = fc.oneof(fc.constantFrom(...special32), fc.integer({ min: 0, max: 0xffffffff }));
  const special64 = [0n, 0x8000000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0x7ff0000000000001n];
  const bits64 = fc.oneof(fc.constantFrom(...special64), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }));

  const tensor: fc.Arbitrary<SafetensorsTensor> = fc.oneof(
    shape.chain((s) =>
      fc.array(bits32, { minLength: s.reduce((a, b) => a * b, 1), maxLength: s.reduce((a, b) => a * b, 1) }).map(
        (bits): SafetensorsTensor => ({ dtype: 'F32', shape: s, data: f32Bits(bits) }),
      ),
    ),
    shape.chain((s) =>
      fc.array(bits64, { minLength: s.reduce((a, b) => a * b, 1), maxLength: s.reduce((a, b) => a * b, 1) }).map(
        (bits): SafetensorsTensor => ({ dtype: 'F64', shape: s, data: new Float64Array(new BigUint64Array(bits).buffer) }),
      ),
    ),
  );
  const name = fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s !== '__metadata__');
  const tensors = fc.dictionary(name, tensor, { maxKeys: 5 });
  const metadata = fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 });

  it('read(write(tensors, metadata)) gives back every bit, shape, dtype and string', () => {
    fc.assert(
      fc.property(tensors, metadata, (ts, md) => {
        const back = parseSafetensors(writeSafetensors(ts, md));
        expect(Object.keys(back.tensors).sort()).toEqual(Object.keys(ts).sort());
        for (const [k, t] of Object.entries(ts)) {
          const u = back.tensors[k];
          expect(u.dtype).toBe(t.dtype);
          expect(u.shape).toEqual(t.shape);
          expect(u.data.constructor).toBe(t.data.constructor);
          expect(bitsOf(u)).toEqual(bitsOf(t));
        }
        expect(back.metadata).toEqual(md);
      }),
      { numRuns: 200 },
    );
  });

  it('reads tensors that are not 8-byte aligned in the input buffer', () => {
    const bytes = writeSafetensors({ x: { dtype: 'F64', shape: [2], data: new Float64Array([1.5, -0]) } });
    const shifted = new Uint8Array(bytes.length + 3).subarray(3);
    shifted.set(bytes);
    const x = readSafetensors(shifted).x;
    expect(Array.from(x.data)).toEqual([1.5, -0]);
    expect(Object.is(x.data[1], -0)).toBe(true);
  });

  it('keeps -0, infinities and NaN payloads', () => {
    const data = f32Bits([0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc12345, 0x7f800001]);
    const back = readSafetensors(writeSafetensors({ x: { dtype: 'F32', shape: [6], data } })).x;
    expect(bitsOf(back)).toEqual(['80000000', '7f800000', 'ff800000', '7fc00000', 'ffc12345', '7f800001']);
  });

  it('keeps names and metadata keys that are special to JavaScript objects', () => {
    const ts: Record<string, SafetensorsTensor> = Object.create(null);
    for (const name of ['__proto__', 'constructor', 'toString', '0']) {
      ts[name] = { dtype: 'F32', shape: [1], data: new Float32Array([name.length]) };
    }
    const md: Record<string, string> = Object.create(null);
    md['__proto__'] = 'p';
    const back = parseSafetensors(writeSafetensors(ts, md));
    expect(Object.keys(back.tensors).sort()).toEqual(['0', '__proto__', 'constructor', 'toString']);
    expect(Array.from(back.tensors['__proto__'].data)).toEqual([9]);
    expect(Object.keys(back.metadata)).toEqual(['__proto__']);
  });

  it('accepts scalars (shape []) and empty tensors (a 0 in the shape)', () => {
    const ts: Record<string, SafetensorsTensor> = {
      s: { dtype: 'F32', shape: [], data: new Float32Array([7]) },
      e: { dtype: 'F32', shape: [3, 0], data: new Float32Array(0) },
    };
    const back = readSafetensors(writeSafetensors(ts));
    expect(back.s.shape).toEqual([]);
    expect(Array.from(back.s.data)).toEqual([7]);
    expect(back.e.shape).toEqual([3, 0]);
    expect(back.e.data.length).toBe(0);
  });

  it('reads a header in any key order, with whitespace and a tensor entry listed before the others', () => {
    const data = new Uint8Array(new Float32Array([1, 2, 3]).buffer);
    const header = `{ "b" : ${JSON.stringify(f32([2], 4, 12))},\n "a": ${JSON.stringify(f32([], 0, 4))} }   `;
    const back = readSafetensors(makeFile(header, data));
    expect(Array.from(back.a.data)).toEqual([1]);
    expect(Array.from(back.b.data)).toEqual([2, 3]);
  });
});

describe('parseSafetensors: corrupt files', () => {
  const four = new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer); // 16 bytes

  it('a file shorter than 8 bytes', () => {
    for (let n = 0; n < 8; n++) {
      expectCorrupt(new Uint8Array(n), `file is only ${n} bytes long; a safetensors file starts with an 8-byte header length`);
    }
  });

  it('a header length beyond the end of the file', () => {
    const good = makeFile({ x: f32([4], 0, 16) }, four);
    const n = good.length - 8;
    expectCorrupt(makeFile({ x: f32([4], 0, 16) }, four, BigInt(n + 1)), `header length ${n + 1} bytes goes past the end of the file (${good.length} bytes`);
    expectCorrupt(makeFile({}, new Uint8Array(0), 2n ** 64n - 1n), 'over the 100000000-byte limit');
    expectCorrupt(makeFile({}, new Uint8Array(0), BigInt(MAX_HEADER_BYTES + 1)), 'over the 100000000-byte limit');
  });

  it('a header that is not UTF-8', () => {
    const bytes = makeFile('{"x":1}');
    bytes[10] = 0xff;
    expectCorrupt(bytes, 'header is not valid UTF-8');
  });

  it('a header that is not JSON, or not a JSON object', () => {
    expectCorrupt(makeFile('{"x": {"dtype": "F32",'), 'header is not valid JSON');
    expectCorrupt(makeFile(''), 'header is not valid JSON');
    expectCorrupt(makeFile('[1, 2]'), 'header must be a JSON object, got an array');
    expectCorrupt(makeFile('null'), 'header must be a JSON object, got null');
  });

  it('a name given twice', () => {
    const entry = JSON.stringify(f32([4], 0, 16));
    expectCorrupt(makeFile(`{"x": ${entry}, "x": ${entry}}`, four), 'header names "x" twice');
    expectCorrupt(makeFile(`{"x": ${entry}, "\\u0078" : ${entry}}`, four), 'header names "x" twice');
    // the same key in different nested objects, or a key-like string value, is fine
    expect(() => parseSafetensors(makeFile(`{"__metadata__": {"x": "x:"}, "x": ${entry}}`, four))).not.toThrow();
  });

  it('bad __metadata__', () => {
    expectCorrupt(makeFile({ __metadata__: ['pt'] }), '"__metadata__" must be an object of strings');
    expectCorrupt(makeFile({ __metadata__: { steps: 100 } }), '"__metadata__"."steps" must be a string, got 100');
  });

  it('an entry that is not an object, or lacks a field', () => {
    expectCorrupt(makeFile({ x: [0, 16] }, four), 'tensor "x": header entry must be an object');
    expectCorrupt(makeFile({ x: { shape: [4], data_offsets: [0, 16] } }, four), 'tensor "x": "dtype" must be a string');
    expectCorrupt(makeFile({ x: { dtype: 'F32', data_offsets: [0, 16] } }, four), 'tensor "x": "shape" must be a list');
    expectCorrupt(makeFile({ x: { dtype: 'F32', shape: [4] } }, four), 'tensor "x": "data_offsets" must be [begin, end]');
  });

  it('an unknown or unsupported dtype, named', () => {
    expectCorrupt(makeFile({ x: { ...f32([4], 0, 16), dtype: 'F99' } }, four), 'tensor "x": unknown dtype "F99"');
    expectCorrupt(
      makeFile({ x: { ...f32([8], 0, 16), dtype: 'F16' } }, four),
      'tensor "x": dtype "F16" is not supported (this reader supports F32 and F64)',
    );
    expectCorrupt(makeFile({ x: { ...f32([2], 0, 16), dtype: 'I64' } }, four), 'dtype "I64" is not supported');
  });

  it('a bad shape or bad offsets', () => {
    expectCorrupt(makeFile({ x: f32([-4], 0, 16) }, four), 'tensor "x": "shape" must be a list of non-negative integers, got [-4]');
    expectCorrupt(makeFile({ x: f32([1.5], 0, 16) }, four), '"shape" must be a list of non-negative integers');
    expectCorrupt(makeFile({ x: { ...f32([4], 0, 16), data_offsets: [0] } }, four), '"data_offsets" must be [begin, end]');
    expectCorrupt(makeFile({ x: f32([4], -16, 0) }, four), '"data_offsets" must be [begin, end] with non-negative integers');
    expectCorrupt(makeFile({ x: f32([0], 16, 0) }, four), 'tensor "x": data_offsets [16, 0] end before they begin');
    expectCorrupt(makeFile({ x: f32([2 ** 40, 2 ** 40], 0, 16) }, four), 'tensor "x": shape [1099511627776, 1099511627776] is too large');
  });

  it('a shape that does not match the offsets (numel × 4 ≠ end − begin)', () => {
    expectCorrupt(
      makeFile({ W: f32([27, 27], 0, 2912) }, new Uint8Array(2912)),
      'tensor "W": shape [27, 27] of F32 needs 2916 bytes, but data_offsets [0, 2912] span 2912',
    );
  });

  it('offsets out of range', () => {
    expectCorrupt(
      makeFile({ x: f32([4], 0, 16), y: f32([4], 100, 116) }, four),
      'tensor "y": data_offsets [100, 116] are out of range: the data part holds 16 bytes',
    );
  });

  it('overlapping tensors', () => {
    expectCorrupt(makeFile({ x: f32([4], 0, 16), y: f32([2], 8, 16) }, four), 'tensors "x" [0, 16] and "y" [8, 16] overlap');
    expectCorrupt(makeFile({ x: f32([4], 0, 16), y: f32([4], 0, 16) }, four), 'overlap');
  });

  it('non-contiguous tensors: a gap, or data before the first', () => {
    expectCorrupt(
      makeFile({ x: f32([1], 0, 4), y: f32([2], 8, 16) }, four),
      'gap of 4 bytes between tensors "x" (ends at 4) and "y" (starts at 8): tensors must be contiguous',
    );
    expectCorrupt(makeFile({ y: f32([2], 8, 16) }, four), 'tensor "y" starts at byte 8 of the data, not 0');
  });

  it('truncated data', () => {
    const whole = writeSafetensors({ W: { dtype: 'F32', shape: [27, 27], data: new Float32Array(729) } });
    for (const cut of [1, 4, 2916]) {
      expectCorrupt(
        whole.subarray(0, whole.length - cut),
        `data is truncated: the header describes 2916 bytes of tensor data but only ${2916 - cut} follow the header`,
      );
    }
  });

  it('bytes after the last tensor', () => {
    const whole = writeSafetensors({ x: { dtype: 'F32', shape: [1], data: new Float32Array(1) } });
    const longer = new Uint8Array(whole.length + 3);
    longer.set(whole);
    expectCorrupt(longer, '3 bytes at the end of the file belong to no tensor');
  });

  it('never throws anything but a SafetensorsError on random damage to a good file', () => {
    const good = writeSafetensors(
      { a: { dtype: 'F32', shape: [2, 3], data: new Float32Array(6) }, b: { dtype: 'F64', shape: [2], data: new Float64Array(2) } },
      { format: 'pt' },
    );
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(good.length), (at, byte, len) => {
        const bad = good.slice(0, Math.max(len, at + 1));
        bad[at] = byte;
        try {
          parseSafetensors(bad);
        } catch (err) {
          expect(err).toBeInstanceOf(SafetensorsError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('files', () => {
  it('saves and loads', () => {
    const path = join(tmp, 'w.safetensors');
    const W = { dtype: 'F32' as const, shape: [2, 2], data: new Float32Array([1, -2, 3.5, -0]) };
    saveSafetensorsFile(path, { W }, { vocab: '.ab' });
    expect(loadSafetensorsFile(path).W).toEqual(W);
    expect(parseSafetensorsFile(path).metadata).toEqual({ vocab: '.ab' });
  });

  it('names the path when a file is missing or corrupt', () => {
    const missing = join(tmp, 'missing.safetensors');
    expect(() => loadSafetensorsFile(missing)).toThrow(`cannot read safetensors file "${missing}": no such file`);
    const corrupt = join(tmp, 'corrupt.safetensors');
    writeFileSync(corrupt, new Uint8Array(5));
    expect(() => loadSafetensorsFile(corrupt)).toThrow(`${corrupt}: file is only 5 bytes long`);
  });

  it('names the path when a file cannot be written', () => {
    const path = join(tmp, 'no-such-dir', 'w.safetensors');
    expect(() => saveSafetensorsFile(path, {})).toThrow(`cannot write safetensors file "${path}"`);
  });
});

const referenceFile = referencePath('torch/bigram-W-100-steps.safetensors');

describeIfFile(referenceFile, 'the reference file written with PyTorch (W after 100 steps)', () => {
  const lecture = loadReference<{ W_after_100_steps_bits: string[][] }>('torch/lecture.json');

  it('holds one 27×27 F32 tensor "W" equal to the lecture W bit for bit', () => {
    const { tensors, metadata } = parseSafetensorsFile(referenceFile);
    expect(Object.keys(tensors)).toEqual(['W']);
    const W = tensors.W;
    expect(W.dtype).toBe('F32');
    expect(W.shape).toEqual([27, 27]);
    expect(bitsOf(W).map((b) => b.padStart(8, '0'))).toEqual(lecture.W_after_100_steps_bits.flat());
    expect(metadata.format).toBe('pt');
  });

  it('is written back byte for byte identical', () => {
    const bytes = readFileSync(referenceFile);
    const { tensors, metadata } = parseSafetensors(bytes);
    expect(Buffer.from(writeSafetensors(tensors, metadata)).equals(bytes)).toBe(true);
  });
});
