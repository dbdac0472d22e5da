/**
 * PyTorch 1.13.1's CPU random number generation, bit for bit, on typed arrays.
 * See `docs/random.md` for the walk-through and `torch-rng.md` for the specification.
 *
 * @module
 */
export { MT19937, MT_N, MT_M, temper, twist, initGenrand } from './mt19937.js';
export {
  Generator,
  DEFAULT_SEED,
  defaultGenerator,
  manualSeed,
  type GeneratorOptions,
  type GeneratorState,
  type NormalKernel,
} from './generator.js';
export { fma32 } from './fma32.js';
export { cephesLogF32, cephesSinCosF32 } from './cephes-f32.js';
export { fillUniform } from './uniform.js';
export { fillNormal, nextDoubleNormal } from './normal.js';
export { fillExponential } from './exponential.js';
export { multinomialKernel, sampleWithReplacementAt, checkMultinomialArgs, topkIndices } from './multinomial.js';
