/**
 * The parts of makemore-ts that only run in Node.js: the lecture script and the command-line
 * tools as functions (the bigram's `runLecture`, `runCli`; the MLP's `runMlpLecture`, `runMlpCli`).
 * Everything else (`makemore-ts`, `makemore-ts/nn`, `makemore-ts/bigram`, `makemore-ts/mlp`) also
 * bundles for a browser; their file functions (`loadNames`, `saveStateDict`, `saveModel`,
 * `saveMlp`, …) look up Node's file system when called.
 *
 * @example
 * ```ts
 * import { runLecture } from 'makemore-ts/node';
 * runLecture({ steps: 10 }, (line) => console.log(line));
 * ```
 * @packageDocumentation
 */
export { runLecture, type LectureOptions } from '../bigram/lecture.js';
export { run as runCli, usage as cliUsage, UsageError } from '../bigram/cli.js';
export { runMlpLecture, type MlpLectureOptions } from '../mlp/lecture.js';
export { run as runMlpCli, mlpUsage, MLP_DEFAULTS, UsageError as MlpUsageError } from '../mlp/cli.js';
