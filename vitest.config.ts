import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['spec/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // two threads on any runner, so the tests of the helper threads (spec/fast-paths/threads.spec.ts)
    // always run; an explicit MAKEMORE_THREADS wins
    env: { MAKEMORE_THREADS: process.env.MAKEMORE_THREADS || '2' },
  },
});
