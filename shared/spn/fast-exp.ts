/**
 * exp(x) for the hot loops. Math.exp is a call into C++ in V8 (about 7.5 ns here); this is plain
 * arithmetic that TurboFan inlines, at a few ulp of relative error (tests/unit/spn/fast-exp.test.ts).
 * Method (Tang 1989, "Table-driven implementation of the exponential function"):
 * x = (256 m + j) ln2/256 + r with |r| <= ln2/512, exp(x) = 2^m * 2^(j/256) * p(r), where p is the
 * degree-4 Taylor polynomial (truncation error < r^5/5! ~ 3.8e-17) evaluated by Estrin's scheme
 * (shorter dependency chain than Horner), and ln2/256 is split Cody-Waite style so that
 * k * LN2_256_HI is exact for |k| < 2^20.
 */
const INV_LN2_256 = 369.3299304675746; // = 256 / ln 2
const LN2_256_HI = 6.9314718036912382e-1 / 256; // fdlibm ln2_hi (low 32 bits zero) / 256
const LN2_256_LO = 1.9082149292705877e-10 / 256; // fdlibm ln2_lo / 256
const ROUND_SHIFT = 6755399441055744; // = 1.5 * 2 ** 52: adding it rounds to the nearest integer
const MIN_EXPONENT = -1100; // 2^m for m below -1074 is 0

// Tables built without Math.pow: its results differ in the last bits between V8 versions (Node 20
// vs workerd), and answers must be byte-identical on both. Math.exp agrees on both, and powers of
// two made by halving and doubling are exact.
const TWO_POW_J_256 = Float64Array.from({ length: 256 }, (_, j) => Math.exp((j / 256) * Math.LN2));
const TWO_POW_M = Float64Array.from({ length: 1024 - MIN_EXPONENT }, (_, i) => exactPowerOfTwo(i + MIN_EXPONENT));

function exactPowerOfTwo(exponent: number): number {
  let value = 1;
  for (let e = 0; e < exponent; e++) value *= 2;
  for (let e = 0; e > exponent; e--) value /= 2;
  return value;
}

export function fastExp(x: number): number {
  // The fast path needs 2^m to be a normal number; outside it (and for -Infinity, NaN) defer.
  if (!(x > -708 && x < 709)) return Math.exp(x);
  const kf = x * INV_LN2_256 + ROUND_SHIFT - ROUND_SHIFT;
  const r = x - kf * LN2_256_HI - kf * LN2_256_LO;
  const k = kf | 0;
  const j = k & 255;
  const r2 = r * r;
  const p = 1 + r + r2 * (0.5 + r * (1 / 6) + r2 * (1 / 24));
  return TWO_POW_M[((k - j) >> 8) - MIN_EXPONENT]! * TWO_POW_J_256[j]! * p;
}
