/**
 * The MLP character language model of makemore part 2 (Bengio et al. 2003): CPython's shuffle,
 * the 80/10/10 split with contexts, the hand-written model and its training loop, model files,
 * the learning-rate finder and the embedding plot. The scripts (`lecture.ts`, `cli.ts`) are
 * built on these; they run in Node only and are exported by `makemore-ts/node`
 * (`runMlpCli`, `runMlpLecture`). This entry also bundles for a browser: the file functions
 * (`saveMlp`, `loadMlp`) look up Node's file system when called.
 * @packageDocumentation
 */
export { PythonRandom, initByArray } from './python-random.js';
export { buildDataset, shuffleAndSplit, mlpData, type MlpSplit, type ShuffledWords, type MlpData } from './data.js';
export {
  LECTURE_CONFIG, initMlp, mlpParameters, mlpLogits, splitLoss, trainStep, trainMlp, lectureLr, sampleMlp,
  type MlpConfig, type MlpParams, type TrainMlpOptions,
} from './model.js';
export { saveMlp, loadMlp, mlpParamsProblem, type LoadedMlp } from './model-file.js';
export { lrFinderRates } from './lr-find.js';
export { embeddingSvg } from './embedding-plot.js';
