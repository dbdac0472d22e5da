/**
 * nn/serialization.ts: a module's state dict through a safetensors file and back, bit for bit;
 * the file as PyTorch's safetensors expects it; loading errors; PyTorch's own file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Generator } from '../../engine/index.js';
import { parseSafetensorsFile } from '../../nn/safetensors-file.js';
import { BigramModel } from '../../bigram/bigram-model.js';
import {
  Embedding, Linear, Module, SafetensorsError, StateDictError, loadStateDictFile, readStateDict, saveStateDict, stateDictFromSafetensors, stateDictToSafetensors,
} from '../../nn/index.js';
import { describeIfFile, f32FromBits, loadReference, referencePath } from '../support/shared.js';

const tmp = mkdtempSync(join(tmpdir(), 'nn-serialization-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

class Net extends Module {
  emb = new Embedding(27, 4, { generator: new Generator().manualSeed(1) });
  head = new Linear(4, 27, { generator: new Generator().manualSeed(2) });
}

const bits = (m: Module) => m.namedParameters().map(([n, p]) => [n, Array.from(new Uint32Array((p.toTypedArray() as Float32Array).buffer))]);

describe('saveStateDict / loadStateDictFile', () => {
  it('round-trips every parameter bit for bit under its dotted name', () => {
    const path = join(tmp, 'net.safetensors');
    const a = new Net();
    saveStateDict(a, path);
    const b = new Net();
    b.head.resetParameters(new Generator().manualSeed(3));
    expect(loadStateDictFile(b, path)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(bits(b)).toEqual(bits(a));
  });

  it('writes F32 tensors with their shapes and {"format": "pt"} metadata (what safetensors.torch reads)', () => {
    const path = join(tmp, 'meta.safetensors');
    saveStateDict(new Net(), path);
    const file = parseSafetensorsFile(path);
    expect(file.metadata).toEqual({ format: 'pt' });
    expect(Object.fromEntries(Object.entries(file.tensors).map(([k, t]) => [k, [t.dtype, t.shape]]))).toEqual({
      'emb.weight': ['F32', [27, 4]],
      'head.weight': ['F32', [27, 4]],
      'head.bias': ['F32', [27]],
    });
  });

  it('float64 parameters are saved as F64 and loaded exactly', () => {
    const path = join(tmp, 'f64.safetensors');
    const a = new Linear(3, 2, { generator: new Generator().manualSeed(4), dtype: 'float64' });
    saveStateDict(a, path);
    expect(parseSafetensorsFile(path).tensors.weight.dtype).toBe('F64');
    const b = new Linear(3, 2, { dtype: 'float64', generator: new Generator() });
    loadStateDictFile(b, path);
    expect(b.weight.tolist()).toEqual(a.weight.tolist());
  });

  it('a file for another architecture fails with the shapes and keys named; strict: false loads what matches', () => {
    const path = join(tmp, 'other.safetensors');
    saveStateDict(new Linear(4, 27, { generator: new Generator() }), path);
    const net = new Net();
    expect(() => loadStateDictFile(net, path)).toThrow(StateDictError);
    // unexpected keys in the file's order (the writer sorts by name)
    expect(() => loadStateDictFile(net, path)).toThrow(
      'Error(s) in loading state_dict for Net:\n\tMissing key(s) in state_dict: "emb.weight", "head.weight", "head.bias".\n\tUnexpected key(s) in state_dict: "bias", "weight".',
    );
    const small = new Linear(4, 26, { generator: new Generator() });
    expect(() => loadStateDictFile(small, path, { strict: false })).toThrow('size mismatch for weight: copying a param with shape [27, 4] from checkpoint, the shape in current model is [26, 4].');
  });

  it('a missing file is an error naming the path', () => {
    expect(() => loadStateDictFile(new Net(), join(tmp, 'nope.safetensors'))).toThrow(/cannot read safetensors file ".*nope.safetensors": no such file/);
  });
});

describe('stateDictToSafetensors / stateDictFromSafetensors (bytes, no file system)', () => {
  it('the bytes are exactly those saveStateDict writes to the file', () => {
    const path = join(tmp, 'bytes.safetensors');
    const net = new Net();
    saveStateDict(net, path);
    expect(stateDictToSafetensors(net)).toEqual(new Uint8Array(readFileSync(path)));
    expect(stateDictToSafetensors(net, { note: 'x' })).not.toEqual(new Uint8Array(readFileSync(path)));
  });

  it('round-trips every parameter bit for bit', () => {
    const a = new Net();
    const b = new Net();
    b.head.resetParameters(new Generator().manualSeed(3));
    expect(b.loadStateDict(stateDictFromSafetensors(stateDictToSafetensors(a)))).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(bits(b)).toEqual(bits(a));
  });

  it('corrupt bytes are a SafetensorsError saying what is wrong', () => {
    expect(() => stateDictFromSafetensors(new Uint8Array(3))).toThrow(SafetensorsError);
    expect(() => stateDictFromSafetensors(new Uint8Array(3))).toThrow('file is only 3 bytes long');
  });
});

describeIfFile(referencePath('torch/bigram-W-100-steps.safetensors'), "PyTorch's safetensors file of the lecture's W", () => {
  it('reads as a state dict and loads into a BigramModel as linear.weight = Wᵀ', () => {
    const sd = readStateDict(referencePath('torch/bigram-W-100-steps.safetensors'));
    expect(Object.keys(sd)).toEqual(['W']);
    const model = BigramModel.fromLectureWeights(sd.W);
    expect(model.linear.weight.index(5, 13).item()).toBe(sd.W.index(13, 5).item());
    expect(() => model.loadStateDict(sd)).toThrow('Error(s) in loading state_dict for BigramModel:\n\tMissing key(s) in state_dict: "linear.weight".\n\tUnexpected key(s) in state_dict: "W".');
  });

  it("its bytes, read without the file functions, give PyTorch's W bit for bit (lecture.json)", () => {
    const sd = stateDictFromSafetensors(new Uint8Array(readFileSync(referencePath('torch/bigram-W-100-steps.safetensors'))));
    const expected = loadReference<{ W_after_100_steps_bits: string[][] }>('torch/lecture.json').W_after_100_steps_bits.flat().map(f32FromBits);
    expect(Array.from(sd.W.toTypedArray())).toEqual(expected);
  });
});
