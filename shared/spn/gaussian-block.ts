import { choleskyInto, forwardSolveNormSq, halfLogDet } from "../numeric/cholesky.ts";
import { type Rng, standardNormal } from "../numeric/rng.ts";
import { drawNiwInto, niwWork } from "./niw-draw.ts";

const HALF_LOG_TWO_PI = 0.9189385332046728; // = 0.5 * log(2 * pi)

/**
 * A multivariate Gaussian over a block of p gaussian variables, N(mean, L L^T), as a standalone
 * object (tests/unit/spn/gaussian-block.test.ts; bench/spn-mvn-served.ts). The engine's "mvn" node
 * kind evaluates its leaves from the compiled parameter arrays instead (mvn-leaf.ts) and draws
 * their NIW posterior parameters with drawNiwInto (niw-draw.ts, mvn-draw.ts).
 *
 * Queries see a block through the evidence values of its variables, NaN = missing. Every
 * operation on a missing pattern needs the factor of the observed sub-matrix, so factors are
 * cached per pattern (a bit mask of the observed dimensions; p <= 30), not recomputed per row.
 */
export interface GaussianBlock {
  readonly p: number;
  readonly mean: Float64Array;
  /** Lower Cholesky factor of the covariance, row-major p x p. */
  readonly chol: Float64Array;
  /** Full covariance L L^T (row-major), for sub-matrices. */
  readonly cov: Float64Array;
  readonly patterns: Map<number, ObservedPattern>;
}

/** The observed dimensions of one missing pattern and what conditioning on them needs. */
export interface ObservedPattern {
  readonly observed: Int32Array;
  readonly hidden: Int32Array;
  /** Factor of Sigma_OO (q x q) and sum log of its diagonal. */
  readonly chol: Float64Array;
  readonly halfLogDet: number;
  /** Sigma_UO Sigma_OO^-1 (hidden x observed, row-major): the conditional mean's gain. */
  readonly gain: Float64Array;
  /** Factor of the conditional covariance Sigma_UU - gain Sigma_OU (hidden x hidden). */
  readonly condChol: Float64Array;
}

export const MAX_BLOCK_DIMENSIONS = 30;

export function createGaussianBlock(mean: ArrayLike<number>, cov: ArrayLike<number>): GaussianBlock {
  const p = mean.length;
  if (p > MAX_BLOCK_DIMENSIONS)
    throw new RangeError(`a gaussian block has at most ${MAX_BLOCK_DIMENSIONS} dimensions, got ${p}`);
  const chol = new Float64Array(p * p);
  if (!choleskyInto(cov, 0, p, chol, 0)) throw new RangeError("the block covariance is not positive definite");
  return { p, mean: Float64Array.from(mean), chol, cov: Float64Array.from(cov), patterns: new Map() };
}

/** The pattern of which of x[0..p) are observed (not NaN), factored once and cached on the block. */
export function patternOf(b: GaussianBlock, x: ArrayLike<number>): ObservedPattern {
  let mask = 0;
  for (let i = 0; i < b.p; i++) if (x[i] === x[i]) mask |= 1 << i;
  const hit = b.patterns.get(mask);
  if (hit) return hit;
  const observed: number[] = [];
  const hidden: number[] = [];
  for (let i = 0; i < b.p; i++) ((mask >> i) & 1 ? observed : hidden).push(i);
  const q = observed.length;
  const h = hidden.length;
  const { cov, p } = b;
  const soo = new Float64Array(q * q);
  observed.forEach((i, s) => observed.forEach((j, t) => (soo[s * q + t] = cov[i * p + j]!)));
  const chol = new Float64Array(q * q);
  choleskyInto(soo, 0, q, chol, 0); // a principal sub-matrix of a positive-definite matrix is one
  // gain = Sigma_UO Sigma_OO^-1, row by row: solve L L^T g^T = Sigma_OU[:, u].
  const gain = new Float64Array(h * q);
  const col = new Float64Array(q);
  hidden.forEach((u, a) => {
    observed.forEach((o, s) => (col[s] = cov[u * p + o]!));
    solveSpd(chol, q, col);
    gain.set(col, a * q);
  });
  const cond = new Float64Array(h * h);
  hidden.forEach((u, a) =>
    hidden.forEach((v, c) => {
      let s = cov[u * p + v]!;
      observed.forEach((o, t) => (s -= gain[a * q + t]! * cov[o * p + v]!));
      cond[a * h + c] = s;
    }),
  );
  const condChol = new Float64Array(h * h);
  choleskyInto(cond, 0, h, condChol, 0);
  const pattern = {
    observed: Int32Array.from(observed),
    hidden: Int32Array.from(hidden),
    chol,
    halfLogDet: halfLogDet(chol, 0, q),
    gain,
    condChol,
  };
  b.patterns.set(mask, pattern);
  return pattern;
}

/** Solves (L L^T) y = b in place. */
function solveSpd(l: Float64Array, q: number, b: Float64Array): void {
  forwardSolveNormSq(l, 0, q, b, 0);
  for (let i = q - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < q; k++) s -= l[k * q + i]! * b[k]!;
    b[i] = s / l[i * q + i]!;
  }
}

/** log N(x_O; mean_O, Sigma_OO) over the observed entries of x[0..p); 0 when none is observed (marginalised). */
export function blockLogDensity(b: GaussianBlock, x: ArrayLike<number>, scratch: Float64Array): number {
  const pat = patternOf(b, x);
  const q = pat.observed.length;
  if (q === 0) return 0;
  for (let s = 0; s < q; s++) scratch[s] = x[pat.observed[s]!]! - b.mean[pat.observed[s]!]!;
  return -q * HALF_LOG_TWO_PI - pat.halfLogDet - 0.5 * forwardSolveNormSq(pat.chol, 0, q, scratch, 0);
}

/**
 * The hidden entries' conditional mean given the observed ones, written into out[hidden]
 * (mean_U + gain (x_O - mean_O)); observed entries are copied. This is the block's MPE completion
 * (a Gaussian's mode is its mean) and, with blockConditionalVariance, each hidden variable's
 * single-variable posterior within the leaf.
 */
export function blockConditionalMean(b: GaussianBlock, x: ArrayLike<number>, out: Float64Array): ObservedPattern {
  const pat = patternOf(b, x);
  const q = pat.observed.length;
  pat.observed.forEach((o) => (out[o] = x[o]!));
  pat.hidden.forEach((u, a) => {
    let m = b.mean[u]!;
    for (let t = 0; t < q; t++) m += pat.gain[a * q + t]! * (x[pat.observed[t]!]! - b.mean[pat.observed[t]!]!);
    out[u] = m;
  });
  return pat;
}

/** Conditional variance of hidden dimension u (given the pattern's observed ones): (L_c L_c^T)_uu. */
export function blockConditionalVariance(pat: ObservedPattern, a: number): number {
  const h = pat.hidden.length;
  let s = 0;
  for (let k = 0; k <= a; k++) s += pat.condChol[a * h + k]! ** 2;
  return s;
}

/** Draws the hidden entries from their conditional Gaussian into out (observed ones copied). */
export function blockConditionalSample(rng: Rng, b: GaussianBlock, x: ArrayLike<number>, out: Float64Array): void {
  const pat = blockConditionalMean(b, x, out);
  const h = pat.hidden.length;
  const z = Float64Array.from({ length: h }, () => standardNormal(rng));
  pat.hidden.forEach((u, a) => {
    let s = 0;
    for (let k = 0; k <= a; k++) s += pat.condChol[a * h + k]! * z[k]!;
    out[u] = out[u]! + s;
  });
}

/**
 * One draw (mean, Sigma) from a Normal–Inverse-Wishart posterior NIW(mu_n, kappa_n, nu_n, Psi_n)
 * as a standalone block (drawNiwInto, niw-draw.ts), psiChol the lower factor of Psi_n (p x p).
 */
export function drawNiwBlock(
  rng: Rng,
  muN: ArrayLike<number>,
  kappaN: number,
  nuN: number,
  psiChol: Float64Array,
): GaussianBlock {
  const p = muN.length;
  const w = niwWork(p);
  w.psiChol.set(psiChol.subarray(0, p * p));
  drawNiwInto(rng, p, muN, 0, kappaN, nuN, w);
  return { p, mean: w.mean, chol: w.chol, cov: w.cov, patterns: new Map() };
}
