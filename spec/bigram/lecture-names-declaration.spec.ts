// The type declaration a TypeScript user of the package gets for the embedded names: the text is
// typed `string`, not the 228 KB names.txt as a string-literal type (which made
// dist/bigram/lecture-names.d.ts 260 KB, shipped in the tarball and loaded by every consumer's tsc).
// The declaration is emitted here by TypeScript itself (transpileDeclaration, as `tsc -d` would).
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

describe('bigram/lecture-names.ts declaration', () => {
  it('declares LECTURE_NAMES_TEXT as string and stays small', () => {
    const source = readFileSync(new URL('../../bigram/lecture-names.ts', import.meta.url), 'utf8');
    const { outputText } = ts.transpileDeclaration(source, { fileName: 'lecture-names.ts', compilerOptions: { strict: true } });
    expect(outputText).toContain('export declare const LECTURE_NAMES_TEXT: string;');
    expect(outputText).not.toContain('zzyzx');
    expect(outputText.length).toBeLessThan(4096);
  });
});
