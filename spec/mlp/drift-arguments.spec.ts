// mlp/drift.ts (docs/mlp.md, "Why they drift") checks its arguments before it trains anything.
// Before: `--help` and a missing parameters file ended in "ENOENT: no such file or directory"
// with a stack trace, and `--losses abc` printed `[]` (Number('abc') is NaN: zero steps) with status 0.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectUserError, runScript } from '../support/cli-child.js';
import { repoRoot } from '../support/shared.js';

const drift = (args: string[]) => runScript('mlp/drift.ts', args);

describe('mlp/drift.ts arguments', () => {
  it('--help, a bad N or MODE, a missing file, an unknown option', async () => {
    const [help, n, mode, file, option] = await Promise.all([
      drift(['--help']),
      drift(['--losses', 'abc']),
      drift(['--losses', '2', 'bogus']),
      drift([join(repoRoot, 'no-such-drift.json')]),
      drift(['--verbose']),
    ]);
    expect(help.status).toBe(0);
    expect(help.stdout[0]).toMatch(/^usage: npx tsx mlp\/drift\.ts /);
    expectUserError(n, /^drift: /, /--losses must be a non-negative integer, got "abc"/);
    expectUserError(mode, /^drift: /, /MODE must be one of engine, sgemm-x86, pytorch-x86, x86-step, got "bogus"/);
    expectUserError(file, /^drift: /, /cannot read PyTorch parameters file \(written by scripts\/mlp_drift\.py\) ".*no-such-drift\.json": no such file/);
    expectUserError(option, /^drift: /, /unknown option "--verbose"/);
  }, 120_000);
});
