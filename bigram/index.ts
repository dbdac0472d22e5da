/**
 * The bigram character language model of the first makemore lecture: data and vocabulary, the
 * counting model, the neural model, model files, plots. The scripts (`lecture.ts`, `cli.ts`) are
 * built on these; they are exported from `makemore-ts/node` (node/index.ts), so that this entry
 * bundles for a browser (`resolveDataset`'s file reading looks up Node's file system when called).
 * @packageDocumentation
 */
export { BOUNDARY, parseNames, loadNames, Vocabulary, bigramPairs, type BigramPairs } from './data.js';
export { LECTURE_NAMES_TEXT, LECTURE_NAMES_SOURCE, lectureNames } from './lecture-names.js';
export { resolveDataset, type Dataset } from './dataset.js';
export { countBigramsLoop, countBigrams, probabilities, sampleWith, sampleNames, evaluate, formatBigramScore, type BigramScore, type Evaluation } from './counts.js';
export { trainingSet, initWeights, forward, loss, train, sampleFromNet, type TrainingSet, type TrainOptions } from './neural.js';
export { saveModel, loadModel, weightsProblem, vocabularyFromItos, type LoadedModel } from './model-file.js';
export {
  writeSafetensors, parseSafetensors, readSafetensors, saveSafetensorsFile, parseSafetensorsFile, loadSafetensorsFile,
  SafetensorsError, type SafetensorsTensor, type SafetensorsF32, type SafetensorsF64, type SafetensorsFile, type SafetensorsDtype,
} from '../nn/index.js';
export { BigramModel, trainBigram, type BigramModelOptions, type TrainBigramOptions } from './bigram-model.js';
export { pyFloat } from './pyrepr.js';
export { countsFigureSvg, lossCurveSvg, bluesColor, type CountsFigureOptions, type LossCurveOptions } from './plot.js';
