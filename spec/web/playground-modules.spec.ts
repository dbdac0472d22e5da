/**
 * The playground's DOM-free modules, in Node (the page itself is tested in Chromium by
 * spec/web/playground.browser.ts, `npm run web:test`): the checks on an uploaded names file,
 * the shape parser of the broadcasting panel, and the table of engine lines behind the graph
 * panel, which must cover every node of the lecture's loss.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Generator, graphOf } from '../../engine/index.js';
import { initWeights, loss, trainingSet } from '../../bigram/neural.js';
import { checkUploadSize, datasetFromBytes, lectureDataset, MAX_UPLOAD_BYTES } from '../../web/src/dataset.js';
import { parseShape } from '../../web/src/shape-input.js';
import { BACKWARD_OPS, engineLines } from '../../web/src/engine-lines.js';
import { repoRoot } from '../support/shared.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('an uploaded names file', () => {
  it('loads a good file whole: names, vocabulary, description', () => {
    const d = datasetFromBytes(bytes('\uFEFFemma\r\nava\n\n  zoë \n'), 'mine.txt');
    expect(d.words).toEqual(['emma', 'ava', 'zoë']);
    expect(d.vocab.itos).toEqual(['.', 'a', 'e', 'm', 'o', 'v', 'z', 'ë']);
    expect(d.description).toBe('"mine.txt": 3 names, 7 distinct characters');
  });

  it('the lecture data set is names.txt: 32,033 names, 27 symbols', () => {
    const d = lectureDataset();
    expect(d.words.length).toBe(32033);
    expect(d.vocab.size).toBe(27);
  });

  it.each([
    ['', /"f.txt" is empty \(0 bytes\)/],
    ['\n \n\r\n', /no names in "f.txt": it has only blank lines/],
    ['emma\nan.na\n', /name 2 \("an\.na"\) is not usable: it contains "\."/],
    ['emma\nan\u0000na\n', /name 2 of "f.txt" \("an\\u0000na"\) contains the control character U\+0000/],
  ])('refuses %j with a message naming the problem', (text, message) => {
    expect(() => datasetFromBytes(bytes(text), 'f.txt')).toThrow(message);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(() => datasetFromBytes(new Uint8Array([0x61, 0xff, 0x0a]), 'f.bin')).toThrow(/"f\.bin" is not UTF-8 text/);
  });

  it('refuses a file larger than the limit before reading it, and one with too many symbols', () => {
    expect(() => checkUploadSize(MAX_UPLOAD_BYTES + 1, 'big.txt')).toThrow(/"big\.txt" is 5\.0 MB: the playground takes files up to 5 MB/);
    expect(() => checkUploadSize(MAX_UPLOAD_BYTES, 'ok.txt')).not.toThrow();
    // 70 distinct letters (Greek and Cyrillic), one name each
    const many = Array.from({ length: 70 }, (_, i) => String.fromCodePoint(0x3b1 + (i % 25) + Math.floor(i / 25) * 0x90)).join('\n');
    expect(() => datasetFromBytes(bytes(many), 'many.txt')).toThrow(/uses 70 distinct characters: the playground draws at most 63/);
  });
});

describe('shapes typed in the broadcasting panel', () => {
  it('reads the usual spellings', () => {
    expect(parseShape('27, 27')).toEqual([27, 27]);
    expect(parseShape('[27, 1]')).toEqual([27, 1]);
    expect(parseShape('(3×2)')).toEqual([3, 2]);
    expect(parseShape(' 5 27 ')).toEqual([5, 27]);
    expect(parseShape('')).toEqual([]);
  });
  it('names what is not a size', () => {
    expect(() => parseShape('27, -1')).toThrow('"-1" is not a size');
    expect(() => parseShape('27,,3')).toThrow('"" is not a size');
    expect(() => parseShape('2.5')).toThrow('"2.5" is not a size');
  });
});

describe('the engine lines behind the graph panel', () => {
  const lines = engineLines(repoRoot);

  it('every node of the lecture loss on "emma" has its formula and engine line', () => {
    const vocab = lectureDataset().vocab;
    const { xs, ys } = trainingSet(['emma'], vocab);
    const l = loss(initWeights(27, new Generator().manualSeed(2147483647)), xs, ys, 0.01);
    const names = new Set(graphOf(l).map((e) => e.node.name));
    expect([...names].sort()).toEqual(BACKWARD_OPS.map((o) => o.name).sort());
  });

  it('each line is the one that records the node under that name', () => {
    for (const l of lines) {
      const text = readFileSync(join(repoRoot, l.file), 'utf8').split('\n')[l.line - 1];
      expect(text.trim()).toBe(l.code);
      expect(text).toMatch(/record\(|const name = /);
      // the name is on the line itself, or is built there from its stem ('SumBackward' + …)
      expect(text.includes(`'${l.name}'`) || text.includes(`'${l.name.replace(/\d$/, '')}' +`), `${l.name} at ${l.file}:${l.line}`).toBe(true);
    }
  });

  it('a needle that is not in the file is an error naming the op', () => {
    expect(() => engineLines(repoRoot, [{ name: 'FooBackward0', forward: '', formula: '', file: 'engine/ops/math.ts', needle: "'FooBackward0'" }]))
      .toThrow(/FooBackward0: no line of engine\/ops\/math\.ts contains "'FooBackward0'"/);
  });
});
