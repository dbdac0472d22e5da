/**
 * The playground's browser tests (`npm run web:test`, run by .ci/run after `npm test`): they
 * build web/dist, serve it on 127.0.0.1 and drive the system's headless Chromium. Kept out of
 * `npm test` (spec/**\/*.spec.ts) because they need Chromium and a build.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['spec/web/**/*.browser.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
