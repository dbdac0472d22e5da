// MAKEMORE_THREADS=0 (or abc, -1, 1.5) is ignored with ONE warning: the start-up count is read by
// both kernels.ts and threads.ts, and each read used to warn, so every script printed the same
// "(node:…) Warning: MAKEMORE_THREADS="0" is not a positive integer" twice.
import { describe, expect, it, vi } from 'vitest';
import { startupThreads } from '../../engine/fast/thread-count.js';

describe('MAKEMORE_THREADS warning', () => {
  it('is given once per bad value, however often the count is read', () => {
    const saved = process.env.MAKEMORE_THREADS;
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      process.env.MAKEMORE_THREADS = 'zero';
      startupThreads();
      startupThreads();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toContain('MAKEMORE_THREADS="zero" is not a positive integer');
      process.env.MAKEMORE_THREADS = '-3';
      startupThreads();
      startupThreads();
      expect(warn).toHaveBeenCalledTimes(2);
      expect(String(warn.mock.calls[1][0])).toContain('MAKEMORE_THREADS="-3"');
    } finally {
      warn.mockRestore();
      if (saved === undefined) delete process.env.MAKEMORE_THREADS;
      else process.env.MAKEMORE_THREADS = saved;
    }
  });
});
