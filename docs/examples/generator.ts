/**
 * The random generator, seeded as in the lecture (notes N5, N6): the same seed gives the same
 * numbers as PyTorch 1.13.1, bit for bit. See docs/random.md for how.
 *
 *     npx tsx docs/examples/generator.ts
 */
import { Generator, multinomial, rand, randn } from '../../engine/index.js';

// N5: g = torch.Generator().manual_seed(2147483647); p = torch.rand(3, generator=g); p = p / p.sum()
const g = new Generator().manualSeed(2147483647);
const u = rand(3, { generator: g });
const p = u.div(u.sum());
console.log(`rand(3) = ${u}`);
console.log(`p = ${p}`);

// N6: 20 draws from p, with replacement (on average 12.1 zeros, 6.1 ones, 1.8 twos)
const draws = multinomial(p, 20, { replacement: true, generator: g });
console.log(`multinomial(p, 20, { replacement: true, generator: g }) = ${draws}`);
const counts = [0, 1, 2].map((k) => draws.eq(k).sum().item());
console.log(`counts of 0, 1, 2: ${counts.join(', ')}`);

// a fresh generator with the same seed replays the same stream; a saved state replays from there
const again = rand(3, { generator: new Generator().manualSeed(2147483647) });
console.log(`same seed, same numbers: ${again.eq(u).sum().item() === 3}`);
const state = g.getState();
const a = rand(2, { generator: g });
g.setState(state);
const b = rand(2, { generator: g });
console.log(`after setState, the same draws: ${a} ${b}`);

// the lecture's W: randn((27, 27), generator=g). Two PyTorch kernels (scalar and AVX2) give
// slightly different normals for the same seed; the default here is the lecture's (scalar).
const W = randn([27, 27], { generator: new Generator().manualSeed(2147483647) });
const Wx86 = randn([27, 27], { generator: new Generator({ normalKernel: 'avx2' }).manualSeed(2147483647) });
console.log(`W[0, :4] = ${W.index(0).narrow(0, 0, 4)}`);
const diff = Math.max(...Array.from(W.sub(Wx86).toTypedArray(), Math.abs));
const differ = W.ne(Wx86).sum().item();
console.log(`scalar vs avx2 kernel: ${differ} of 729 values differ in their float32 bits, by at most ${diff.toExponential(1)}`);
