import { choleskyInto } from "../numeric/cholesky.ts";
import { logGammaVariate } from "../numeric/gamma.ts";
import { type Rng, standardNormal } from "../numeric/rng.ts";

/**
 * The scratch of one NIW draw for blocks of up to `maxP` dimensions (row-major, stride p): made
 * once per isolate and reused by every leaf of every parameter set, so drawing S x R sets of a
 * model with hundreds of mvn leaves allocates nothing per leaf (each draw used to make five p x p
 * arrays, which left tens of MB of resident garbage behind the draw cache).
 */
export interface NiwWork {
  /** Lower factor of the block's Psi_n, filled by the caller (its upper triangle is never read). */
  readonly psiChol: Float64Array;
  readonly a: Float64Array;
  readonly m: Float64Array;
  /** The drawn covariance Sigma, its lower factor and the drawn mean: the result. */
  readonly cov: Float64Array;
  readonly chol: Float64Array;
  readonly mean: Float64Array;
  readonly z: Float64Array;
}

export function niwWork(maxP: number): NiwWork {
  const square = () => new Float64Array(maxP * maxP);
  return {
    psiChol: square(),
    a: square(),
    m: square(),
    cov: square(),
    chol: square(),
    mean: new Float64Array(maxP),
    z: new Float64Array(maxP),
  };
}

/**
 * One draw (mean, Sigma) from a Normal–Inverse-Wishart posterior NIW(mu_n, kappa_n, nu_n, Psi_n)
 * (Murphy 2007, eq. 250) into w.mean, w.cov and w.chol (Sigma's lower factor), with Psi_n = L L^T
 * given as w.psiChol and mu_n as muN[muAt ..]: Sigma^-1 ~ Wishart(nu_n, Psi_n^-1) by the Bartlett
 * decomposition (A lower, A_ii^2 ~ chi^2(nu_n - i), A_ij ~ N(0, 1) below), so
 * Sigma = (L A^-T)(L A^-T)^T; then mean ~ N(mu_n, Sigma / kappa_n). For the epistemic spread.
 */
export function drawNiwInto(
  rng: Rng,
  p: number,
  muN: ArrayLike<number>,
  muAt: number,
  kappaN: number,
  nuN: number,
  w: NiwWork,
): void {
  const { psiChol, a, m, cov, chol, mean, z } = w;
  for (let i = 0; i < p; i++) {
    a[i * p + i] = Math.sqrt(2 * Math.exp(logGammaVariate(rng, (nuN - i) / 2)));
    for (let j = 0; j < i; j++) a[i * p + j] = standardNormal(rng);
  }
  // M = L A^-T: solve M A^T = L row by row (A^T upper triangular: forward over columns).
  for (let r = 0; r < p; r++) {
    for (let c = 0; c < p; c++) {
      let s = c <= r ? psiChol[r * p + c]! : 0;
      for (let k = 0; k < c; k++) s -= m[r * p + k]! * a[c * p + k]!;
      m[r * p + c] = s / a[c * p + c]!;
    }
  }
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += m[i * p + k]! * m[j * p + k]!;
      cov[i * p + j] = s;
    }
  choleskyInto(cov, 0, p, chol, 0);
  for (let i = 0; i < p; i++) z[i] = standardNormal(rng) / Math.sqrt(kappaN);
  for (let i = 0; i < p; i++) {
    let s = muN[muAt + i]!;
    for (let k = 0; k <= i; k++) s += chol[i * p + k]! * z[k]!;
    mean[i] = s;
  }
}
