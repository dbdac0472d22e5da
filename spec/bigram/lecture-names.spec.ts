// The embedded copy of the lecture's names.txt: byte for byte the file of karpathy/makemore.
// The SHA-256 below was computed with `sha256sum` on ../shared/data/names.txt (not by this code);
// CI (.ci/run) also compares the text with that file byte for byte when it is beside the clone.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LECTURE_NAMES_TEXT, lectureNames } from '../../bigram/index.js';

describe('embedded lecture names', () => {
  it('is the original names.txt byte for byte (SHA-256)', () => {
    const digest = createHash('sha256').update(LECTURE_NAMES_TEXT, 'utf8').digest('hex');
    expect(digest).toBe('0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d');
  });
  it('has the 32,033 names, first emma and last zzyzx', () => {
    const words = lectureNames();
    expect(words.length).toBe(32033);
    expect(words.slice(0, 3)).toEqual(['emma', 'olivia', 'ava']);
    expect(words[words.length - 1]).toBe('zzyzx');
  });
  it('returns a fresh array each call', () => {
    const a = lectureNames();
    a.pop();
    expect(lectureNames().length).toBe(32033);
  });
});
