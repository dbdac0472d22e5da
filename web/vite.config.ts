/**
 * Vite configuration of the playground (`npm run web`, `npm run web:build` → web/dist).
 *
 * - `base: './'`: every URL in the built page is relative, so web/dist works from any folder of
 *   any static host, offline (nothing is fetched from elsewhere).
 * - `virtual:engine-lines`: the line of engine code that computes each op's backward, looked up
 *   in the engine's sources at build time (the build fails if one cannot be found, so the page
 *   never shows a stale line number).
 */
import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { engineLines } from './src/engine-lines.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

function engineLinesPlugin(): Plugin {
  const id = 'virtual:engine-lines';
  return {
    name: 'engine-lines',
    resolveId: (source) => (source === id ? '\0' + id : undefined),
    load(loadId) {
      if (loadId !== '\0' + id) return undefined;
      const lines = engineLines(repo);
      for (const l of lines) this.addWatchFile(`${repo}/${l.file}`);
      return `export default ${JSON.stringify(lines)};`;
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [engineLinesPlugin()],
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1200 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
