// `makemore-bigram counts --samples 20000 | head -1`: the reader of the output goes away while the
// script still writes. Before exitQuietlyWhenOutputCloses the script died with Node's
// "Unhandled 'error' event ... write EPIPE" stack trace and status 1; now it ends quietly, status 0
// (what `seq 100000 | head -1` does, less the signal).
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitQuietlyWhenOutputCloses } from '../../bigram/command-line.js';
import { repoRoot } from '../support/shared.js';

describe('a script whose output is closed early', () => {
  it('ends with status 0 and nothing on stderr (bigram/cli.ts counts | head -1)', async () => {
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'bigram/cli.ts'), 'counts', '--samples', '20000'], {
      cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let first = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').once('data', (d: string) => {
      first = d;
      child.stdout.destroy(); // the reader goes away; 160 KB of names are still to be written
    });
    const status = await new Promise<number | null>((ok) => child.on('close', ok));
    expect(first).toMatch(/^data: /);
    expect(stderr).toBe('');
    expect(status).toBe(0);
  }, 120_000);

  it('other write errors are still thrown', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    exitQuietlyWhenOutputCloses(stream, (code) => exits.push(code));
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toEqual([0]);
    expect(() => stream.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' }))).toThrow('write EIO');
    expect(exits).toEqual([0]);
  });
});
