/**
 * The engine's public API: tensors, ops, autograd, random numbers. Nothing else.
 * @packageDocumentation
 */
export { Tensor, type TensorLike, type NestedArray, type MaxResult } from './tensor.js';
export { type DType, type TypedArray, promoteTypes } from './dtype.js';
export { Storage } from './storage.js';
export { tidy, keep } from './tidy.js';
export { setSimdEnabled, isSimdEnabled } from './simd/elementwise.js';
export { setNumThreads, getNumThreads, startHelperThreads } from './simd/threads.js';
export { memoryStats, resetMemoryStats, emptyCache, setMemoryPoolLimit, type MemoryStats } from './memory-pool.js';
export { broadcastShapes, explainBroadcast, type Shape } from './shape.js';
export { tensor, zeros, ones, full, empty, arange, type TensorOptions, type ShapeArg } from './creation.js';
export { add, sub, mul, div, neg, pow } from './ops/arithmetic.js';
export { exp, log, sqrt, tanh, relu } from './ops/math.js';
export { eq, ne, gt, ge, lt, le } from './ops/compare.js';
export { sum, mean, argmax } from './ops/reduce.js';
export { matmul } from './ops/matmul.js';
export { slice, type Slice, type IndexArg } from './ops/indexing.js';
export { oneHot } from './ops/one-hot.js';
export { bincount, type BincountOptions } from './ops/bincount.js';
export { formatTensor, type PrintDType, type FormatOptions } from './format.js';
export { noGrad, enableGrad, isGradEnabled } from './autograd/grad-mode.js';
export { Node, type BackwardFn, type SavedTensor } from './autograd/node.js';
export { type BackwardOptions } from './autograd/backward.js';
export { graphOf, toDot, type GraphEntry, type GraphInput, type GraphNodeInput, type GraphTensorInput, type DotOptions } from './autograd/graph.js';
export { gradcheck, type GradcheckOptions, type GradcheckResult, type GradcheckEntry } from './autograd/gradcheck.js';
export { Generator, defaultGenerator, manualSeed, type NormalKernel, type GeneratorState, type GeneratorOptions } from './random/generator.js';
export { rand, randn, multinomial, sampleRow, uniform_, normal_, exponential_, type RandomOptions, type MultinomialOptions } from './random/sampling.js';
// joining, splitting, selection

// more elementwise math and reductions

// creation helpers and more random sampling

// randint, randperm
export { randint, fillRandint, type RandintOptions } from './random/randint.js';
export { randperm, fillRandperm, type RandpermOptions } from './random/randperm.js';
