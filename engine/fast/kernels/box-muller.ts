/**
 * `box_muller_f32`: the float32 Box–Muller of PyTorch's scalar `normal_fill_16` as
 * `random/normal.ts` computes it (`fill16Scalar`), on `blocks` blocks of 16 floats in place (`stdBits`, `meanBits`: the bits of float32 std and mean),
 * four lanes at a time (as two pairs of doubles). For j < 8 of a block `d`:
 *
 *   u1 = 1 − d[j] (exact), u2 = d[j + 8]
 *   radius = fround(√(−2 · fround(log u1))),  θ = fround(2π · u2)
 *   d[j] = fround(fround(radius · fround(cos θ)) · std) + mean   (float32 operations)
 *   d[j + 8] = the same with fround(sin θ)
 *
 * log, cos and sin are computed in double with fdlibm's algorithms (the ones of V8's `Math.log`,
 * `Math.cos`, `Math.sin`): log as `e_log.c` (x = 2^k·(1 + f), log(1 + f) from s = f/(2 + f) and
 * the Lg1…Lg7 polynomial), cos and sin by reduction to r = θ − k·π/2 (three-part π/2, exact for
 * θ < 2π) and `__kernel_cos` / `__kernel_sin` with the quadrant's swaps and signs. Each result d
 * is within a few units in the last place of double, so `fround(d)` is `fround(Math.f(x))`
 * unless the exact value lies within that distance of a float32 rounding midpoint: every
 * double is tested, `fround(d·(1 + 2^-40)) = fround(d·(1 − 2^-40))`, and a block with a value
 * that fails the test is not written but listed (its index at `list`) for the driver to compute
 * with the TypeScript loop. Checked against `fill16Scalar` over every float32 uniform (all 2^24
 * values of u1 and of u2, spec/fast-paths/box-muller.spec.ts). Returns the number of listed
 * blocks. Driver: `simdBoxMuller` in `fast/normal-fill.ts`.
 */
import { defineKernel } from '../define-kernel.js';
import { I32, V128, type Local } from '../wasm-encoder.js';

/** A double whose 64 bits are `hi·2^32 + lo` (to splat bit masks as f64 constants). */
function fromBits(hi: number, lo: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, hi >>> 0);
  view.setUint32(4, lo >>> 0);
  return view.getFloat64(0);
}

// fdlibm e_log.c
const LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
const LG = [6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01, 1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01];
// fdlibm k_sin.c, k_cos.c, e_rem_pio2.c
const S = [-1.66666666666666324348e-01, 8.33333333332248946124e-03, -1.98412698298579493134e-04, 2.75573137070700676789e-06, -2.50507602534068634195e-08, 1.58969099521155010221e-10];
const C = [4.16666666666666019037e-02, -1.38888888888741095749e-03, 2.48015872894767294178e-05, -2.75573143513906633035e-07, 2.08757232129817482790e-09, -1.13596475577881948265e-11];
const INV_PIO2 = 6.36619772367581382433e-01, PIO2_1 = 1.57079632673412561417e+00, PIO2_2 = 6.07710050630396597660e-11, PIO2_2T = 2.02226624879595063154e-21;
/** 2π as a double (the scalar kernel multiplies the float uniform by it in double). */
const TWO_PI = 6.283185307179586;
/** Bit masks and integers as the bits of doubles: the significand, fdlibm's 0x95f64 (high word), bit 52, 1023 and 1 (i64), the sign. */
const MANT = fromBits(0x000fffff, 0xffffffff), ADD = fromBits(0x00095f64, 0), BIT52 = fromBits(0x00100000, 0);
const BIAS = fromBits(0, 1023), ONE_I64 = fromBits(0, 1), SIGN = -0;
/** The relative distance of the rounding test (see the file comment). */
const EPS = 2 ** -40;
/** Low i32 lanes of two i64 lanes (0 and 2) moved to lanes 0 and 1. */
const LOW_HALVES = [0, 1, 2, 3, 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11];
/** Lanes 0, 1 of a and 0, 1 of b (two demoted pairs into one f32x4). */
const JOIN_PAIRS = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];

export const boxMuller = defineKernel({
  name: 'box_muller_f32',
  params: { d: I32, blocks: I32, stdBits: I32, meanBits: I32, list: I32 },
  results: [I32],
  locals: {
    b: I32, p: I32, count: I32,
    u1: V128, u2: V128, x: V128, kd: V128, f: V128, s: V128, z: V128, w: V128, hfsq: V128, r: V128, q: V128,
    sin: V128, cos: V128, radius: V128, ok: V128, stdv: V128, meanv: V128,
  },
  body: (c, v) => {
    const { d, blocks, stdBits, meanBits, list, b, p, count, u1, u2, x, kd, f, s, z, w, hfsq, r, q, sin, cos, radius, ok, stdv, meanv } = v;
    // every constant splatted into a local once, before the loop (k(value) pushes it)
    const constants = new Map<number, Local>();
    const k = (value: number) => {
      const local = constants.get(value);
      if (local === undefined) throw new Error(`box_muller_f32: the constant ${value} was not splatted`);
      return c.get(local);
    };
    for (const value of [LN2_HI, LN2_LO, ...LG, ...S, ...C, INV_PIO2, PIO2_1, PIO2_2, PIO2_2T, TWO_PI, 1 + EPS, 1 - EPS, 0.5, 1, 2, -2, MANT, ADD, BIT52, BIAS, ONE_I64, SIGN]) {
      if (constants.has(value)) continue;
      const local = c.local(`k${constants.size}`, V128);
      constants.set(value, local);
      c.f64Const(value).f64x2Splat().set(local);
    }
    // results of the two groups of a block: out[j] (cos side) and out[j + 8] (sin side), 4 lanes each
    const outs = [0, 1].map((g) => [c.local(`cos${g}`, V128), c.local(`sin${g}`, V128)]);
    const pairs = [0, 1].map((h) => ({ radius: c.local(`radius${h}`, V128), cos: c.local(`cosf${h}`, V128), sin: c.local(`sinf${h}`, V128) }));

    /** ok &= (fround(y·(1 + ε)) = fround(y·(1 − ε))) for the pair in local y. */
    const checkRounding = (y: Local) => {
      c.get(ok).get(y); k(1 + EPS); c.f64x2Mul().f32x4DemoteF64x2Zero().get(y); k(1 - EPS); c.f64x2Mul().f32x4DemoteF64x2Zero().f32x4Eq().v128And().set(ok);
    };
    /** Horner: acc = coef[0] + t·(coef[1] + t·(…)), evaluated innermost first; left on the stack. */
    const horner = (t: Local, coef: number[]) => {
      k(coef[coef.length - 1]);
      for (let i = coef.length - 2; i >= 0; i--) {
        c.get(t).f64x2Mul();
        k(coef[i]);
        c.f64x2Add();
      }
    };
    /** log of the pair in local x (fdlibm's e_log.c, the general formula), left in local x. */
    const log = () => {
      // m = the significand scaled into [√2/2, √2): exponent 0x3ff, or 0x3fe when its top bits ≥ 0x6a09c
      c.get(x); k(MANT); c.v128And().set(f);
      c.get(f); k(ADD); c.i64x2Add(); k(BIT52); c.v128And().set(q);
      // k = (exponent − 1023) + (the bit above), as doubles
      c.get(x).i32Const(52).i64x2ShrS(); k(BIAS); c.i64x2Sub().get(q).i32Const(52).i64x2ShrS().i64x2Add().set(kd);
      c.get(kd).get(kd).i8x16Shuffle(LOW_HALVES).f64x2ConvertLowI32x4S().set(kd);
      c.get(f); k(1); c.get(q).v128Xor().v128Or(); k(1); c.f64x2Sub().set(f);
      // s = f / (2 + f), z = s², w = z²
      c.get(f); k(2); c.get(f).f64x2Add().f64x2Div().set(s);
      c.get(s).get(s).f64x2Mul().set(z);
      c.get(z).get(z).f64x2Mul().set(w);
      // R = z·(Lg1 + w·(Lg3 + w·(Lg5 + w·Lg7))) + w·(Lg2 + w·(Lg4 + w·Lg6))
      c.get(z);
      horner(w, [LG[0], LG[2], LG[4], LG[6]]);
      c.f64x2Mul().get(w);
      horner(w, [LG[1], LG[3], LG[5]]);
      c.f64x2Mul().f64x2Add().set(r);
      // hfsq = 0.5·f·f; log = k·ln2_hi − ((hfsq − (s·(hfsq + R) + k·ln2_lo)) − f)
      k(0.5); c.get(f).f64x2Mul().get(f).f64x2Mul().set(hfsq);
      c.get(kd); k(LN2_HI); c.f64x2Mul();
      c.get(hfsq).get(s).get(hfsq).get(r).f64x2Add().f64x2Mul().get(kd); k(LN2_LO); c.f64x2Mul().f64x2Add().f64x2Sub().get(f).f64x2Sub();
      c.f64x2Sub().set(x);
    };
    /** sin and cos of the pair in local x (0 ≤ x < 2π), into locals sin and cos. */
    const sinCos = () => {
      // n = nearest(x·2/π); r = ((x − n·p1) − n·p2) − n·p2t (n·p1, n·p2 exact; x − n·p1 exact)
      c.get(x); k(INV_PIO2); c.f64x2Mul().f64x2Nearest().set(kd);
      c.get(x).get(kd); k(PIO2_1); c.f64x2Mul().f64x2Sub().get(kd); k(PIO2_2); c.f64x2Mul().f64x2Sub().get(kd); k(PIO2_2T); c.f64x2Mul().f64x2Sub().set(r);
      c.get(r).get(r).f64x2Mul().set(z);
      // __kernel_sin(r): r + r·z·(S1 + z·(S2 + … + z·S6))
      c.get(r).get(z).get(r).f64x2Mul();
      horner(z, S);
      c.f64x2Mul().f64x2Add().set(sin);
      // __kernel_cos(r): 1 − (0.5·z − z·(z·(C1 + z·(C2 + … + z·C6))))
      k(1);
      k(0.5); c.get(z).f64x2Mul().get(z).get(z);
      horner(z, C);
      c.f64x2Mul().f64x2Mul().f64x2Sub().f64x2Sub().set(cos);
      // the quadrant n mod 4 (as i64 lanes): odd swaps sin and cos; sin negated for 2, 3; cos for 1, 2
      c.get(kd).i32x4TruncSatF64x2SZero().i64x2ExtendLowI32x4S().set(q);
      c.get(q).i32Const(63).i64x2Shl().i32Const(63).i64x2ShrS().set(w); // all ones where n is odd
      c.get(cos).get(sin).get(w).v128Bitselect();
      c.get(sin).get(cos).get(w).v128Bitselect().set(cos);
      c.set(sin);
      c.get(sin).get(q).i32Const(62).i64x2Shl(); k(SIGN); c.v128And().v128Xor().set(sin);
      c.get(cos).get(q); k(ONE_I64); c.i64x2Add().i32Const(62).i64x2Shl(); k(SIGN); c.v128And().v128Xor().set(cos);
    };
    // std and mean come as the bits of their float32 values (helper threads pass int32 arguments)
    c.get(stdBits).i32x4Splat().set(stdv);
    c.get(meanBits).i32x4Splat().set(meanv);
    c.i32Const(0).set(count);
    c.forRange(b, 0, blocks, 1, () => {
      c.elementAddress(d, () => c.get(b).i32Const(4).i32Shl(), 4).set(p); // d + 64·b
      c.i32Const(-1).i32x4Splat().set(ok);
      for (let g = 0; g < 2; g++) {
        // u1 = 1 − d[j], u2 = d[j + 8] for the 4 lanes j = 4g … 4g + 3
        c.i32Const(0x3f800000).i32x4Splat().get(p).v128Load(16 * g).f32x4Sub().set(u1);
        c.get(p).v128Load(32 + 16 * g).set(u2);
        for (let h = 0; h < 2; h++) {
          const half = (lanes: Local) => (h === 0 ? c.get(lanes) : c.get(lanes).get(lanes).i8x16Shuffle([8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7]));
          half(u1);
          c.f64x2PromoteLowF32x4().set(x);
          log();
          checkRounding(x);
          // radius = fround(√(−2 · fround(log u1)))
          k(-2); c.get(x).f32x4DemoteF64x2Zero().f64x2PromoteLowF32x4().f64x2Mul().f64x2Sqrt().f32x4DemoteF64x2Zero().set(pairs[h].radius);
          // θ = fround(2π · u2), as a double
          k(TWO_PI); half(u2);
          c.f64x2PromoteLowF32x4().f64x2Mul().f32x4DemoteF64x2Zero().f64x2PromoteLowF32x4().set(x);
          sinCos();
          checkRounding(sin);
          checkRounding(cos);
          c.get(cos).f32x4DemoteF64x2Zero().set(pairs[h].cos);
          c.get(sin).f32x4DemoteF64x2Zero().set(pairs[h].sin);
        }
        // the two pairs joined: radius, cos, sin for the 4 lanes; then the float32 affine map
        c.get(pairs[0].radius).get(pairs[1].radius).i8x16Shuffle(JOIN_PAIRS).set(radius);
        for (const [side, out] of [['cos', outs[g][0]], ['sin', outs[g][1]]] as const) {
          c.get(radius).get(pairs[0][side]).get(pairs[1][side]).i8x16Shuffle(JOIN_PAIRS).f32x4Mul().get(stdv).f32x4Mul().get(meanv).f32x4Add().set(out);
        }
      }
      // written when every rounding was safe, else listed
      c.get(ok).i32x4AllTrue();
      c.ifThen(() => {
        for (let g = 0; g < 2; g++) {
          c.get(p).get(outs[g][0]).v128Store(16 * g);
          c.get(p).get(outs[g][1]).v128Store(32 + 16 * g);
        }
      }, () => {
        c.elementAddress(list, count, 4).get(b).i32Store();
        c.get(count).i32Const(1).i32Add().set(count);
      });
    });
    c.get(count);
  },
});
