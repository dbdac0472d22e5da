/**
 * The layer between the engine and models: functional ops and losses, modules with parameters,
 * an optimiser, and state-dict files. Built only on the engine's public API (engine/index.ts).
 *
 * @example
 * ```ts
 * import { Linear, SGD, crossEntropy } from './nn/index.js';
 * const layer = new Linear(27, 27, { bias: false, generator: g });
 * const opt = new SGD(layer.parameters(), { lr: 50 });
 * const loss = crossEntropy(layer.forward(oneHot(xs, 27).float()), ys);
 * opt.zeroGrad(); loss.backward(); opt.step();
 * ```
 * @packageDocumentation
 */
export { softmax, logSoftmax } from './functional/softmax.js';
export { nllLoss, crossEntropy, mseLoss, type NllLossOptions, type CrossEntropyOptions, type MseLossOptions } from './functional/losses.js';
export { type Reduction } from './functional/checks.js';
export { oneHot } from '../engine/index.js';
export { Parameter } from './parameter.js';
export { Module, StateDictError, type LoadStateDictOptions, type LoadStateDictResult } from './module.js';
export * as init from './init.js';
export { Linear, type LinearOptions } from './linear.js';
export { Embedding, type EmbeddingOptions } from './embedding.js';
export { SGD, type SGDOptions } from './sgd.js';
export { saveStateDict, loadStateDictFile, readStateDict, stateDictToSafetensors, stateDictFromSafetensors } from './serialization.js';
export {
  writeSafetensors, parseSafetensors, readSafetensors,
  SafetensorsError, type SafetensorsTensor, type SafetensorsF32, type SafetensorsF64, type SafetensorsFile, type SafetensorsDtype,
} from './safetensors.js';
export { saveSafetensorsFile, parseSafetensorsFile, loadSafetensorsFile } from './safetensors-file.js';
// activations, containers, normalisation, dropout
export { Tanh, ReLU, Sigmoid } from './activations.js';
export { Sequential, type Layer } from './sequential.js';
export { BatchNorm1d, type BatchNorm1dOptions } from './batchnorm.js';
export { Flatten } from './flatten.js';
export { Dropout, type DropoutLayerOptions } from './dropout.js';
export { dropout, type DropoutOptions } from './functional/dropout.js';
export { softplus } from './functional/softplus.js';
export { binaryCrossEntropy, type BinaryCrossEntropyOptions } from './functional/binary-cross-entropy.js';
