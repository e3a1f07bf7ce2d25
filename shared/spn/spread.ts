/**
 * Epistemic spread of one answer across posterior members: the standard deviation of the member
 * values (population form, dividing by S: the members are the posterior, not a sample from which
 * to extrapolate one) and the central 95% interval of their empirical distribution.
 */
export interface Uncertainty {
  std: number;
  interval95: [number, number];
}

export function spread(values: ArrayLike<number>): Uncertainty {
  const sorted = Float64Array.from(values).sort();
  return { std: populationStd(sorted), interval95: [quantile(sorted, 0.025), quantile(sorted, 0.975)] };
}

/** 0 when all values are equal (including all -Infinity); Infinity when only some are infinite. */
export function populationStd(values: ArrayLike<number>): number {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  if (!Number.isFinite(mean)) return allEqual(values) ? 0 : Infinity;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (values[i]! - mean) ** 2;
  return Math.sqrt(sq / n);
}

/**
 * Quantile of sorted values by Hyndman & Fan (1996) type 6 (numpy's "weibull"): the k-th of n
 * order statistics sits at p = k / (n + 1), linearly interpolated, clamped to the extremes. Why
 * not type 7 (numpy's default, k - 1 = (n - 1) p): if the truth is exchangeable with the n
 * parameter-set answers (what a calibrated posterior promises), it falls below the k-th of them
 * with probability exactly k / (n + 1), so type 6 intervals have their nominal coverage, while
 * type 7 ones are narrower (90 % nominal: 88.6 % for the served 130 draws, 73 % for 10 members).
 * Measured on synthetic data (docs/spn-api.md, "Calibration"): +0.015 coverage, 4 % wider.
 */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = Math.min(Math.max((n + 1) * p - 1, 0), n - 1);
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  // a === b also covers a pair of equal infinities, where a + 0 * (b - a) would be NaN.
  return a === b || h === lo ? a : a === -Infinity ? -Infinity : a + (h - lo) * (b - a);
}

/** log of the mean of exp(logValues): the log of the posterior predictive probability. */
export function logMeanExp(logValues: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < logValues.length; i++) if (logValues[i]! > max) max = logValues[i]!;
  if (max === -Infinity) return -Infinity;
  let acc = 0;
  for (let i = 0; i < logValues.length; i++) acc += Math.exp(logValues[i]! - max);
  return max + Math.log(acc / logValues.length);
}

function allEqual(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}
