/**
 * The engine's public API: tensors, ops, autograd, random numbers. Nothing else.
 * @packageDocumentation
 */
export { Tensor, type TensorLike, type NestedArray, type MaxResult } from './tensor.js';
export { type DType, type TypedArray, promoteTypes } from './dtype.js';
export { Storage, type StorageRecipe } from './storage.js';
export { tidy, keep } from './memory/tidy.js';
export { setSimdEnabled, isSimdEnabled } from './fast/elementwise.js';
export { setTableRows } from './fast/table-rows.js';
export { setNumThreads, getNumThreads, startHelperThreads } from './fast/threads.js';
export { memoryStats, resetMemoryStats, emptyCache, setMemoryPoolLimit, type MemoryStats } from './memory/pool.js';
export { broadcastShapes, explainBroadcast, type Shape } from './shape.js';
export { tensor, zeros, ones, full, empty, arange, type TensorOptions, type ShapeArg } from './creation.js';
export { add, sub, mul, div, neg, pow } from './ops/arithmetic.js';
export { exp, log, sqrt, tanh, relu } from './ops/math.js';
export { eq, ne, gt, ge, lt, le } from './ops/compare.js';
export { sum, mean, argmax } from './ops/reduce.js';
export { matmul } from './ops/matmul.js';
export { setFloat32Arithmetic, float32Arithmetic, type Float32Arithmetic } from './ops/float32-arithmetic.js';
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
export { cat, stack } from './ops/join.js';
export { split, chunk } from './ops/split.js';
export { flatten, unflatten } from './ops/flatten.js';
export { flip, repeat } from './ops/flip-repeat.js';
export { tril, triu } from './ops/triangular.js';
export { eye } from './creation.js';
export { where, maskedFill } from './ops/where.js';
export { gather, scatter, scatterAdd, scatter_, scatterAdd_ } from './ops/gather-scatter.js';
export { indexSelect, indexAdd_, type IndexAddOptions } from './ops/index-select.js';
export { indexPut_ } from './ops/index-put.js';
export { newaxis, type NewAxis } from './ops/indexing.js';

// more elementwise math and reductions
export { abs, sign } from './ops/abs-sign.js';
export { log2, log1p, expm1 } from './ops/log-exp.js';
export { sin, cos } from './ops/trig.js';
export { floor, ceil, round, trunc } from './ops/rounding.js';
export { clamp } from './ops/clamp.js';
export { maximum, minimum, min, max, argmin, amax, amin } from './ops/minmax.js';
export { remainder, floorDivide } from './ops/division.js';
export { isnan, isinf, isfinite } from './ops/float-classes.js';
export { logicalNot, logicalAnd, logicalOr } from './ops/logical.js';
export { reciprocal, rsqrt, square } from './ops/powers.js';
export { prod } from './ops/product.js';
export { variance, std, type VarOptions } from './ops/statistics.js';
export { logsumexp } from './ops/logsumexp.js';
export { cumsum, cumprod } from './ops/scan.js';
export { any, all } from './ops/any-all.js';
export { norm } from './ops/norm.js';
export { sort, topk, type SortResult } from './ops/sort.js';
export { allclose, equal } from './ops/closeness.js';
export { sigmoid } from './ops/sigmoid.js';
export { logSoftmaxRows, logSoftmaxRowsBackward, nllRows, nllRowsGradient } from './ops/log-softmax-rows.js';

// creation helpers and more random sampling
export { zerosLike, onesLike, fullLike, randLike, randnLike } from './creation-like.js';
export { linspace, logspace } from './ranges.js';

// randint, randperm
export { randint, fillRandint, type RandintOptions } from './random/randint.js';
export { randperm, fillRandperm, type RandpermOptions } from './random/randperm.js';
