import { isMissing } from "./table-read.ts";

/**
 * Density baselines for spn:score on a table of named cells, fitted on a training file by maximum
 * likelihood: every discrete column an independent categorical (add-one smoothing), the numeric
 * columns either independent Gaussians or one full-covariance Gaussian (marginalised to the
 * observed cells of each row, as the SPN is). Returns mean log-likelihood per row, nats.
 */
export interface BaselineColumn {
  name: string;
  kind: "discrete" | "gaussian";
  states: readonly string[];
}

type Rows = readonly (readonly string[])[];
const HALF_LOG_TWO_PI = 0.9189385332046728; // = 0.5 * log(2 pi)

/** Lower-triangular L with L L^T = A (A symmetric positive definite, n x n, row-major). */
function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (s <= 0) return null;
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j]!;
    }
  }
  return l;
}

/** log N(x; mu, Sigma) restricted to the indices `obs`. */
export function gaussianLog(
  x: readonly number[],
  mu: Float64Array,
  cov: Float64Array,
  D: number,
  obs: readonly number[],
): number {
  const n = obs.length;
  if (n === 0) return 0;
  const sub = new Float64Array(n * n);
  obs.forEach((p, i) => obs.forEach((q, j) => (sub[i * n + j] = cov[p * D + q]!)));
  const l = cholesky(sub, n);
  if (l === null) return -Infinity;
  const z = new Float64Array(n);
  let logDet = 0;
  let quad = 0;
  for (let i = 0; i < n; i++) {
    let s = x[obs[i]!]! - mu[obs[i]!]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * z[k]!;
    z[i] = s / l[i * n + i]!;
    quad += z[i]! ** 2;
    logDet += Math.log(l[i * n + i]!);
  }
  return -n * HALF_LOG_TWO_PI - logDet - quad / 2;
}

/**
 * Means and ML covariance of the numeric columns over rows (pairwise-complete cells), made positive
 * definite: with cells missing in different rows, pairwise covariances need not form a covariance
 * matrix (vega-datasets' movies.json: the full-covariance baseline was -Infinity, printed as null).
 * The off-diagonals are then scaled by 1 - shrinkage, the smallest shrinkage (to 1/256) that makes
 * the whole matrix positive definite, so every observed sub-block is too; variances have a floor.
 */
export function fitGaussian(
  rows: Rows,
  numeric: readonly number[],
): { mu: Float64Array; cov: Float64Array; shrinkage: number } {
  const D = numeric.length;
  const x = rows.map((r) => numeric.map((c) => (isMissing(r[c]!) ? NaN : Number(r[c]))));
  const mu = new Float64Array(D);
  const seen = new Float64Array(D);
  for (const v of x) for (let i = 0; i < D; i++) if (!Number.isNaN(v[i]!)) (mu[i]! += v[i]!), seen[i]!++;
  for (let i = 0; i < D; i++) mu[i]! /= Math.max(1, seen[i]!);
  const cov = new Float64Array(D * D);
  const count = new Float64Array(D * D);
  for (const v of x)
    for (let i = 0; i < D; i++)
      for (let j = 0; j < D; j++) {
        const a = v[i]! - mu[i]!;
        const b = v[j]! - mu[j]!;
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        cov[i * D + j]! += a * b;
        count[i * D + j]!++;
      }
  for (let i = 0; i < D * D; i++) cov[i] = cov[i]! / Math.max(1, count[i]!);
  // A column constant on its training cells would make every density infinite or zero.
  for (let i = 0; i < D; i++) cov[i * D + i] = Math.max(cov[i * D + i]!, 1e-12 * (1 + mu[i]! ** 2));
  return { mu, ...shrunkToPositiveDefinite(cov, D) };
}

/** cov with off-diagonals times (1 - shrinkage), shrinkage the smallest multiple of 1/256 giving a positive-definite matrix. */
function shrunkToPositiveDefinite(cov: Float64Array, D: number): { cov: Float64Array; shrinkage: number } {
  const shrink = (lambda: number): Float64Array =>
    cov.map((v, k) => (k % (D + 1) === 0 ? v : v * (1 - lambda))) as Float64Array;
  if (cholesky(cov, D) !== null) return { cov, shrinkage: 0 };
  let lo = 0; // not positive definite
  let hi = 256; // diagonal: positive definite
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cholesky(shrink(mid / 256), D) !== null) hi = mid;
    else lo = mid;
  }
  return { cov: shrink(hi / 256), shrinkage: hi / 256 };
}

/** log p(cell) of one discrete column over rows, add-one smoothed; a missing cell scores 0. */
export function categoricalLogP(rows: Rows, column: number, states: readonly string[]): (cell: string) => number {
  const freq = new Map(states.map((s) => [s, 1]));
  for (const r of rows) if (!isMissing(r[column]!)) freq.set(r[column]!, (freq.get(r[column]!) ?? 1) + 1);
  const total = [...freq.values()].reduce((s, v) => s + v, 0);
  return (cell) => (isMissing(cell) ? 0 : Math.log((freq.get(cell) ?? 0) / total));
}

export function gaussianBaselines(
  columns: readonly BaselineColumn[],
  train: Rows,
  test: Rows,
): { independent: number; fullCovariance: number; fullCovarianceShrinkage: number } {
  const numeric = columns.map((c, i) => (c.kind === "gaussian" ? i : -1)).filter((i) => i >= 0);
  const D = numeric.length;
  const { mu, cov, shrinkage } = fitGaussian(train, numeric);
  const num = (row: readonly string[], i: number): number =>
    isMissing(row[numeric[i]!]!) ? NaN : Number(row[numeric[i]!]);
  const diag = new Float64Array(D * D);
  for (let i = 0; i < D; i++) diag[i * D + i] = cov[i * D + i]!;
  const discrete = columns
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.kind === "discrete")
    .map(({ c, i }) => ({ i, logP: categoricalLogP(train, i, c.states) }));
  let independent = 0;
  let full = 0;
  for (const row of test) {
    const x = Array.from({ length: D }, (_, i) => num(row, i));
    const obs = x.map((v, i) => (Number.isNaN(v) ? -1 : i)).filter((i) => i >= 0);
    const disc = discrete.reduce((s, d) => s + d.logP(row[d.i]!), 0);
    independent += disc + gaussianLog(x, mu, diag, D, obs);
    full += disc + gaussianLog(x, mu, cov, D, obs);
  }
  return {
    independent: independent / test.length,
    fullCovariance: full / test.length,
    fullCovarianceShrinkage: shrinkage,
  };
}
