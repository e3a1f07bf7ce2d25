/**
 * Peaks-over-threshold (POT) tail model for one group's reference saliencies (Wang & Sato,
 * "Understanding parameter saliency via extreme value theory"): above a high threshold u (the
 * (1 − tail) empirical quantile) the excesses follow a generalised Pareto distribution
 * (Pickands–Balkema–de Haan), fitted here by probability-weighted moments (Hosking & Wallis
 * 1987). The POT score of a saliency s is −log10 P(S ≥ s): the GPD tail above u, the empirical
 * tail below it. Unlike the z-score it assumes no normality of the saliency distribution.
 */
export interface TailModel {
  /** Reference saliencies, ascending. */
  sorted: Float64Array;
  mean: number;
  std: number;
  threshold: number;
  /** Fraction of the reference above the threshold (ζ_u). */
  exceedRate: number;
  /** GPD shape ξ and scale σ of the excesses (NaN when there are too few to fit). */
  shape: number;
  scale: number;
}

export const MIN_EXCESSES = 10;

/** Hosking & Wallis PWM: a0 = mean, a1 = E[X (1 − F)], k = a0/(a0 − 2a1) − 2, ξ = −k. */
export function fitGpd(excesses: Float64Array): { shape: number; scale: number } {
  const x = Float64Array.from(excesses).sort();
  const n = x.length;
  let a0 = 0,
    a1 = 0;
  for (let j = 0; j < n; j++) {
    a0 += x[j]!;
    a1 += ((n - 1 - j) / (n - 1)) * x[j]!;
  }
  a0 /= n;
  a1 /= n;
  const k = a0 / (a0 - 2 * a1) - 2;
  return { shape: -k, scale: (2 * a0 * a1) / (a0 - 2 * a1) };
}

export function tailModel(reference: Float64Array, tail = 0.1): TailModel {
  const sorted = Float64Array.from(reference).sort();
  const n = sorted.length;
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const std = Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, n - 1));
  const threshold = sorted[Math.min(n - 1, Math.floor(n * (1 - tail)))]!;
  const excesses = sorted.filter((v) => v > threshold).map((v) => v - threshold);
  const fit = excesses.length >= MIN_EXCESSES ? fitGpd(excesses) : { shape: NaN, scale: NaN };
  return { sorted, mean, std, threshold, exceedRate: excesses.length / n, ...fit };
}

/** P(S ≥ s) under the tail model (Laplace-smoothed empirical below the threshold). */
export function tailProbability(t: TailModel, s: number): number {
  const n = t.sorted.length;
  if (s <= t.threshold || !(t.scale > 0)) {
    let lo = 0,
      hi = n; // first index with sorted[i] >= s
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t.sorted[mid]! < s) lo = mid + 1;
      else hi = mid;
    }
    return (n - lo + 1) / (n + 1);
  }
  const z = (s - t.threshold) / t.scale;
  const survival = Math.abs(t.shape) < 1e-9 ? Math.exp(-z) : Math.max(0, 1 + t.shape * z) ** (-1 / t.shape);
  return t.exceedRate * survival;
}

/** −log10 of the tail probability, capped at 300 (beyond a bounded GPD's end point it is 0). */
export function potScore(t: TailModel, s: number): number {
  return Math.min(300, -Math.log10(Math.max(tailProbability(t, s), 1e-300)));
}

/** The z-score baseline of Levin et al.: (s − mean) / std of the reference. */
export function zScore(t: TailModel, s: number): number {
  return (s - t.mean) / (t.std || 1);
}
