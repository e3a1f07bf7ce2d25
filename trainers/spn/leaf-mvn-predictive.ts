import { choleskyInto, choleskyRankOne, forwardSolveNormSq, halfLogDet } from "../../shared/numeric/cholesky.ts";
import { setMvnPrior, type MvnBlocks } from "./leaf-mvn.ts";
import { logGamma } from "./special.ts";

const LOG_PI = 1.1447298858494002; // = log(pi)

/**
 * log of the multivariate Student-t t_df(x | mu, c Psi) in q dimensions, given ||L^-1 (x - mu)||^2
 * and sum log L_ii of Psi = L L^T (Murphy 2007, "Conjugate Bayesian analysis of the Gaussian",
 * eq. 258: the NIW posterior predictive, df = nu_n - p + 1, c = (kappa_n + 1) / (kappa_n df)).
 */
function studentTLog(q: number, df: number, c: number, halfLogDetL: number, maha: number): number {
  return (
    logGamma((df + q) / 2) -
    logGamma(df / 2) -
    (q / 2) * (Math.log(df) + LOG_PI) -
    (q / 2) * Math.log(c) -
    halfLogDetL -
    ((df + q) / 2) * Math.log1p(maha / (c * df))
  );
}

function setConstants(b: MvnBlocks, c: number, r: number): void {
  const p = b.p[r]!;
  const kappa = b.kappa0[r]! + b.n[c]!;
  const df = b.nu0[r]! + b.n[c]! - p + 1;
  const cf = (kappa + 1) / (kappa * df);
  b.logConst[c] = studentTLog(p, df, cf, halfLogDet(b.chol, b.sqAt[c]!, p), 0);
  b.invScale[c] = 1 / (cf * df);
  b.expo[c] = -(df + p) / 2;
}

/**
 * Recomputes component c's posterior (mu_n, chol Psi_n) and predictive from its exact statistics:
 * Psi_n = Psi0 + (S - n xbar xbar^T) + kappa0 n / kappa_n (xbar - mu0)(xbar - mu0)^T (Murphy 2007,
 * eq. 254), every term positive semi-definite, so the factorisation cannot fail while Psi0 > 0.
 */
export function refreshMvnComponent(b: MvnBlocks, c: number, r: number): void {
  const p = b.p[r]!;
  const n = b.n[c]!;
  const k0 = b.kappa0[r]!;
  const kn = k0 + n;
  const lin = b.linAt[c]!;
  const sq = b.sqAt[c]!;
  const v0 = b.varStart[r]!;
  const a = b.scratch; // [d (p) | Psi_n (p x p)]
  for (let i = 0; i < p; i++) {
    const xbar = n > 0 ? b.sum[lin + i]! / n : 0;
    a[i] = xbar - b.mu0[v0 + i]!;
    b.mean[lin + i] = (k0 * b.mu0[v0 + i]! + b.sum[lin + i]!) / kn;
  }
  const shrink = n > 0 ? (k0 * n) / kn : 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      const scatter = n > 0 ? b.outer[sq + i * p + j]! - (b.sum[lin + i]! * b.sum[lin + j]!) / n : 0;
      a[p + i * p + j] = (i === j ? b.psi0[v0 + i]! : 0) + scatter + shrink * a[i]! * a[j]!;
    }
  }
  if (!choleskyInto(a, p, p, b.chol, sq))
    throw new Error(`NIW scale matrix of component ${c} is not positive definite`);
  setConstants(b, c, r);
}

/**
 * Adds (sign 1) or removes (-1) one fully observed row (block values at values[row + vars[i]])
 * to component c in O(p^2): adding x to (kappa, mu, Psi) gives
 * Psi + kappa / (kappa + 1) (x - mu)(x - mu)^T, and removing it Psi - kappa / (kappa - 1) (x - mu)(x - mu)^T
 * (both with the current mu), a rank-one Cholesky update or downdate. A downdate that rounding
 * makes fail, and an emptied component, are refactored from the exact statistics instead.
 */
export function updateMvnComponent(
  b: MvnBlocks,
  c: number,
  r: number,
  values: Float64Array,
  row: number,
  sign: 1 | -1,
): void {
  const p = b.p[r]!;
  const lin = b.linAt[c]!;
  const sq = b.sqAt[c]!;
  const v0 = b.varStart[r]!;
  const z = b.scratch;
  const kappa = b.kappa0[r]! + b.n[c]!;
  const n = (b.n[c] = b.n[c]! + sign);
  for (let i = 0; i < p; i++) {
    const xi = values[row + b.vars[v0 + i]!]!;
    z[p + i] = xi;
    z[i] = xi - b.mean[lin + i]!;
  }
  for (let i = 0; i < p; i++) {
    // Reset at zero so that add/remove rounding never accumulates across a chain.
    b.sum[lin + i] = n === 0 ? 0 : b.sum[lin + i]! + sign * z[p + i]!;
    for (let j = 0; j < p; j++)
      b.outer[sq + i * p + j] = n === 0 ? 0 : b.outer[sq + i * p + j]! + sign * z[p + i]! * z[p + j]!;
  }
  if (n === 0) return refreshMvnComponent(b, c, r);
  const w = Math.sqrt(sign === 1 ? kappa / (kappa + 1) : kappa / (kappa - 1));
  for (let i = 0; i < p; i++) {
    b.mean[lin + i] = (kappa * b.mean[lin + i]! + sign * z[p + i]!) / (kappa + sign);
    z[i] = z[i]! * w;
  }
  if (!choleskyRankOne(b.chol, sq, p, z, 0, sign)) return refreshMvnComponent(b, c, r);
  setConstants(b, c, r);
}

/**
 * Log collapsed predictive of a row's block under component c: the Student-t above over the
 * observed block cells (a multivariate t's marginal keeps df and takes the sub-matrix of the scale),
 * 0 when all are missing. O(p^2) with every cell observed; a missing cell refactors the observed
 * sub-matrix of Psi_n, O(p^3), which only rows scored with blanks pay.
 */
export function mvnLogDensity(b: MvnBlocks, c: number, r: number, values: Float64Array, row: number): number {
  const p = b.p[r]!;
  const lin = b.linAt[c]!;
  const v0 = b.varStart[r]!;
  const z = b.scratch;
  let q = 0;
  for (let i = 0; i < p; i++) {
    const xi = values[row + b.vars[v0 + i]!]!;
    z[i] = xi - b.mean[lin + i]!;
    if (xi === xi) q++;
  }
  if (q === p)
    return b.logConst[c]! + b.expo[c]! * Math.log1p(forwardSolveNormSq(b.chol, b.sqAt[c]!, p, z, 0) * b.invScale[c]!);
  if (q === 0) return 0;
  return marginalLog(b, c, r, q);
}

function marginalLog(b: MvnBlocks, c: number, r: number, q: number): number {
  const p = b.p[r]!;
  const sq = b.sqAt[c]!;
  const z = b.scratch; // [z (p) | z_O (p) | Psi_OO (p^2) | its factor (p^2)]
  const L = b.chol;
  const obs: number[] = [];
  for (let i = 0; i < p; i++) if (z[i] === z[i]) obs.push(i);
  const aAt = 2 * p;
  const lAt = 2 * p + p * p;
  obs.forEach((i, s) => {
    z[p + s] = z[i]!;
    obs.forEach((j, t) => {
      let v = 0;
      for (let k = 0, m = Math.min(i, j); k <= m; k++) v += L[sq + i * p + k]! * L[sq + j * p + k]!;
      z[aAt + s * q + t] = v;
    });
  });
  choleskyInto(z, aAt, q, z, lAt);
  const kappa = b.kappa0[r]! + b.n[c]!;
  const df = b.nu0[r]! + b.n[c]! - p + 1;
  const maha = forwardSolveNormSq(z, lAt, q, z, p);
  return studentTLog(q, df, (kappa + 1) / (kappa * df), halfLogDet(z, lAt, q), maha);
}

/** New priors (empirical-Bayes refit) or a new state: every component refactored from its statistics. */
export function refreshMvnBlocks(
  b: MvnBlocks,
  normalGamma: ArrayLike<number>,
  compStart: Int32Array,
  size: Int32Array,
): void {
  setMvnPrior(b, normalGamma);
  for (let r = 0; r < b.p.length; r++) {
    if (b.p[r] === 0) continue;
    for (let k = 0; k < size[r]!; k++) refreshMvnComponent(b, compStart[r]! + k, r);
  }
}
