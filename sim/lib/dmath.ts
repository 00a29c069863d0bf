/**
 * Deterministic elementary functions. JavaScript engines may round Math.exp, Math.log,
 * Math.pow, Math.sin and Math.cos differently in the last bit (Node 20 and current Chromium
 * differ on 3–10 % of arguments), which would break "same seed, same bytes" between a Node
 * run and a browser run. These versions use only operations IEEE 754 defines exactly
 * (+, −, ×, ÷ and bit manipulation), so every engine gives the same bits.
 *
 * exp and log are ports of fdlibm 5.3 (e_exp.c, e_log.c; Sun Microsystems, freely
 * redistributable), accurate to < 1 ulp; pow(x, y) = exp(y·log x) for x > 0, with a
 * relative error of about |y·log x|·2⁻⁵³ on top, ample for a simulation.
 */

const buf = new Float64Array(1);
const words = new Uint32Array(buf.buffer);
/** Index of the high 32-bit word of a double in `words` (platform byte order). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** 2^k for −1022 ≤ k ≤ 1023, exactly. */
const pow2 = (k: number): number => {
  words[LO] = 0;
  words[HI] = ((k + 1023) << 20) >>> 0;
  return buf[0];
};

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;
const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.45133219101941108420e2;
const TWO_M1000 = 9.33263618503218878990e-302;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;

/** The double whose high word is `hi` and low word 0. */
const fromHigh = (hi: number): number => {
  words[LO] = 0;
  words[HI] = hi >>> 0;
  return buf[0];
};
/**
 * fdlibm branches on the high word of |x|; for a non-NaN x, `hx ≥ H` is `|x| ≥ fromHigh(H)`
 * and `hx > H` is `|x| ≥ fromHigh(H + 1)`, so these thresholds give the same branches with
 * plain comparisons (no store and reload of x's bits on every call).
 */
const EXP_BIG = fromHigh(0x40862e42);
const EXP_REDUCE = fromHigh(0x3fd62e43);
const EXP_ONE_STEP = fromHigh(0x3ff0a2b2);
const EXP_TINY = fromHigh(0x3e300000);
/** 2^k for −1022 ≤ k ≤ 1023, exactly (index k + 1022). */
const POW2 = Float64Array.from({ length: 2046 }, (_, j) => pow2(j - 1022));

/** 2^k for −1074 ≤ k ≤ 1023, exactly (index k + POW2_ALL_ZERO; halving below 2^−1022 is exact). */
const POW2_ALL_ZERO = 1074;
const POW2_ALL = new Float64Array(1074 + 1024);
POW2_ALL.set(POW2, 1074 - 1022);
for (let j = 1074 - 1023; j >= 0; j--) POW2_ALL[j] = POW2_ALL[j + 1] / 2;

/**
 * The arguments and result of exp, log and pow. Their bodies are too large for the optimiser
 * to inline anywhere, and a double passed to or returned from a call that is not inlined is
 * boxed on the heap (a few million times a run); the exported functions are small wrappers,
 * inlined into their callers, that pass both through this array to the bodies (expRange,
 * logRange on its first entry; powInPlace) instead. Results are the same: the same
 * operations on the same values.
 */
const io = new Float64Array(2);

/** e^x (fdlibm __ieee754_exp). */
export function exp(x: number): number {
  io[0] = x;
  expRange(io, 0, 1);
  return io[0];
}

/**
 * a[j] ← e^a[j] for from ≤ j < to: exp's body, in a loop so that a caller with many arguments
 * (the month's rating-noise factors) pays one call for all of them; exp(x) is this on io[0].
 */
export function expRange(a: Float64Array, from: number, to: number): void {
  for (let j = from; j < to; j++) {
    const x = a[j];
    const ax = x < 0 ? -x : x;
    if (!(ax < EXP_BIG)) {
      if (x !== x) {
        a[j] = x + x;
        continue;
      }
      if (ax === Infinity) {
        a[j] = x > 0 ? x : 0;
        continue;
      }
      if (x > O_THRESHOLD) {
        a[j] = Infinity;
        continue;
      }
      if (x < U_THRESHOLD) {
        a[j] = 0;
        continue;
      }
    }
    if (ax < EXP_REDUCE) {
      if (ax < EXP_TINY) {
        a[j] = 1 + x;
        continue;
      }
      const t = x * x;
      const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
      a[j] = 1 - ((x * c) / (c - 2) - x);
      continue;
    }
    // x = k·ln2 + r, r = hi − lo. fdlibm takes k = ±1 below EXP_ONE_STEP and writes that case
    // as hi = x ∓ LN2_HI, lo = ±LN2_LO: the same numbers as the general k·LN2_HI and k·LN2_LO
    // (a product by ±1 is exact), which this computes in one place. Written with branches, V8
    // merged lo's cases as a boxed number, one allocation per call.
    const negative = x < 0;
    const k = ax < EXP_ONE_STEP ? (negative ? -1 : 1) : (INV_LN2 * x + (negative ? -0.5 : 0.5)) | 0;
    const hi = x - k * LN2_HI;
    const lo = k * LN2_LO;
    const r = hi - lo;
    const t = r * r;
    const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    const y = 1 - (lo - (r * c) / (2 - c) - hi);
    if (k >= -1021) {
      a[j] = k === 1024 ? y * 2 * POW2[1023 + 1022] : y * POW2[k + 1022];
      continue;
    }
    a[j] = y * POW2[k + 1000 + 1022] * TWO_M1000;
  }
}

const TWO54 = 1.80143985094819840000e16;
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** Natural logarithm (fdlibm __ieee754_log). */
export function log(x: number): number {
  io[0] = x;
  logRange(io, 0, 1);
  return io[0];
}

/** a[j] ← log(a[j]) for from ≤ j < to (as expRange for exp; log(x) is this on io[0]). */
export function logRange(a: Float64Array, from: number, to: number): void {
  for (let at = from; at < to; at++) {
    let x = a[at];
    // x's words are read once (one 64-bit store, two 32-bit loads).
    buf[0] = x;
    let hx = words[HI] | 0;
    const lx = words[LO];
    let k = 0;
    if (hx < 0x00100000) {
      if (((hx & 0x7fffffff) | lx) === 0) {
        a[at] = -Infinity;
        continue;
      }
      if (hx < 0) {
        a[at] = NaN;
        continue;
      }
      k -= 54;
      x *= TWO54;
      buf[0] = x;
      hx = words[HI] | 0;
    }
    if (hx >= 0x7ff00000) {
      a[at] = x + x;
      continue;
    }
    const e = (hx >> 20) - 1023;
    hx &= 0x000fffff;
    const i0 = (hx + 0x95f64) & 0x100000;
    // fdlibm sets x's exponent to 0 (or −1 when i0 is set) by rewriting its high word; scaling
    // by the exact power of two gives the same bits without reloading a half-written double.
    const scale = e + (i0 >> 20);
    x *= POW2_ALL[POW2_ALL_ZERO - scale];
    k += scale;
    const f = x - 1;
    const dk = k;
    if ((0x000fffff & (2 + hx)) < 3) {
      if (f === 0) {
        a[at] = k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
        continue;
      }
      const R = f * f * (0.5 - 0.33333333333333333 * f);
      a[at] = k === 0 ? f - R : dk * LN2_HI - (R - dk * LN2_LO - f);
      continue;
    }
    const s = f / (2 + f);
    const z = s * s;
    let i = hx - 0x6147a;
    const w = z * z;
    const j = 0x6b851 - hx;
    const t1 = w * (LG2 + w * (LG4 + w * LG6));
    const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    i |= j;
    const R = t2 + t1;
    if (i > 0) {
      const hfsq = 0.5 * f * f;
      a[at] = k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
      continue;
    }
    a[at] = k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
  }
}

/** x^y. Exact for y = 0, x = 1 and y = 1; for x < 0 only integer y is defined. */
export function pow(x: number, y: number): number {
  io[0] = x;
  io[1] = y;
  powInPlace();
  return io[0];
}

/** io[0] ← pow(io[0], io[1]): exp(y·log x) for x > 0. */
function powInPlace(): void {
  const x = io[0];
  const y = io[1];
  if (y === 0 || x === 1) {
    io[0] = 1;
    return;
  }
  if (y === 1) return; // io[0] is x
  if (Number.isNaN(x) || Number.isNaN(y)) {
    io[0] = NaN;
    return;
  }
  if (x === 0) {
    io[0] = y > 0 ? 0 : Infinity;
    return;
  }
  if (x < 0) {
    if (!Number.isInteger(y)) {
      io[0] = NaN;
      return;
    }
    io[0] = -x;
    logRange(io, 0, 1);
    io[0] = y * io[0];
    expRange(io, 0, 1);
    if (y % 2 !== 0) io[0] = -io[0];
    return;
  }
  logRange(io, 0, 1); // io[0] is x
  io[0] = y * io[0];
  expRange(io, 0, 1);
}
