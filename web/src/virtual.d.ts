/** The table built by web/vite.config.ts from web/src/engine-lines.ts at build time. */
declare module 'virtual:engine-lines' {
  import type { EngineLine } from './engine-lines.js';
  const lines: EngineLine[];
  export default lines;
}
