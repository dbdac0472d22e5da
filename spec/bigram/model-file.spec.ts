/**
 * bigram/model-file.ts: a model that gives no probabilities (NaN or infinite weights, or weights
 * whose exp overflows float32) is never written and never loaded; the errors name the cell.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tensor } from '../../engine/index.js';
import { Vocabulary } from '../../bigram/data.js';
import { loadModel, saveModel, weightsProblem } from '../../bigram/model-file.js';
import { writeSafetensors } from '../../nn/safetensors.js';

const tmp = mkdtempSync(join(tmpdir(), 'bigram-model-file-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const vocab = new Vocabulary(['.', 'a', 'b']);
const W = (rows: number[][]) => tensor(rows, { dtype: 'float32' });

describe('weightsProblem', () => {
  it('accepts finite weights whose exp stays finite (88 < log(float32 max) ≈ 88.72)', () => {
    expect(weightsProblem(W([[0, 1, 2], [-3, 88, 0], [-80, -80, -80]]))).toBeUndefined();
  });

  it('names the first non-finite value and counts them', () => {
    expect(weightsProblem(W([[0, NaN, 0], [Infinity, 0, 0], [0, 0, -Infinity]]))).toBe('3 of the 9 values of W are not finite (the first, W[0, 1], is NaN)');
    expect(weightsProblem(W([[0, 0, 0], [0, 0, 0], [0, -Infinity, 0]]))).toBe('1 of the 9 values of W is not finite (the first, W[2, 1], is -Infinity)');
  });

  it('a weight whose exp overflows float32 (e^89 > 3.4e38), or a row whose exp all underflow to 0', () => {
    expect(weightsProblem(W([[0, 0, 0], [0, 1, 89], [0, 0, 0]]))).toBe('the probabilities of row 1 are not finite: exp(W[1, 2] = 89) overflows float32');
    // e^-200 underflows to 0 in float32: 0 / 0
    expect(weightsProblem(W([[0, 0, 0], [0, 0, 0], [-200, -300, -250]]))).toBe(
      'the probabilities of row 2 are not finite: exp of every value of the row underflows to 0 (the largest is W[2, 0] = -200)',
    );
  });
});

describe('saveModel and loadModel', () => {
  it('save refuses such a W and writes nothing', () => {
    const path = join(tmp, 'nan.safetensors');
    expect(() => saveModel(path, W([[0, 0, 0], [0, NaN, 0], [0, 0, 0]]), vocab)).toThrow(
      `saveModel: 1 of the 9 values of W is not finite (the first, W[1, 1], is NaN); nothing was written to "${path}"`,
    );
    expect(existsSync(path)).toBe(false);
  });

  it('load refuses a file with such a W (written by another program), naming the file', () => {
    const path = join(tmp, 'huge.safetensors');
    const data = new Float32Array([0, 0, 0, 1e30, 0, 0, 0, 0, 0]);
    writeFileSync(path, writeSafetensors({ W: { dtype: 'F32', shape: [3, 3], data } }, { itos: JSON.stringify(vocab.itos) }));
    expect(() => loadModel(path)).toThrow(
      `${path}: the probabilities of row 1 are not finite: exp(W[1, 0] = 1.0000000150474662e+30) overflows float32; the model is unusable`,
    );
  });

  it('a usable W goes through unchanged; a folder or a missing folder as path is a clear error', () => {
    const path = join(tmp, 'ok.safetensors');
    saveModel(path, W([[0, 1, 2], [3, 4, 5], [6, 7, -8]]), vocab);
    const m = loadModel(path);
    expect(m.vocab.itos).toEqual(['.', 'a', 'b']);
    expect(m.W.tolist()).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, -8]]);
    expect(() => saveModel(tmp, m.W, vocab)).toThrow(`cannot write model file "${tmp}": it is a folder, not a file`);
    const missing = join(tmp, 'no', 'W.safetensors');
    expect(() => saveModel(missing, m.W, vocab)).toThrow(`cannot write model file "${missing}": the folder "${join(tmp, 'no')}" does not exist`);
  });
});
