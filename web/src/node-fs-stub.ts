/**
 * Stands in for `node:fs` in the browser build (see web/vite.config.ts): bigram/data.ts imports
 * `readFileSync` for `loadNames(path)`, which the page never calls. If something did, it gets a
 * clear error instead of a missing-module crash at load time.
 */
export function readFileSync(path: string): never {
  throw new Error(`cannot read "${path}": there is no file system in the browser (load a file with the file picker)`);
}
