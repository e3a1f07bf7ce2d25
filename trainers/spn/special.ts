/**
 * Trainer-only special functions for the empirical-Bayes fits (Minka 2000, "Estimating a
 * Dirichlet distribution": the fixed points need digamma, the objectives log-gamma).
 */

// Lanczos coefficients for g = 7, n = 9 (Numerical Recipes / Godfrey): ~1e-15 relative accuracy.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.9189385332046728; // = log(2 * pi) / 2

/** log Gamma(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let acc = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) acc += LANCZOS[i]! / (y + i);
  const t = y + 7.5;
  return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(acc);
}

/** digamma(x) = d/dx log Gamma(x) for x > 0: recurrence up to x >= 6, then the asymptotic series. */
export function digamma(x: number): number {
  let acc = 0;
  while (x < 6) {
    acc -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // Bernoulli-number series: 1/12, 1/120, 1/252, 1/240, 1/132.
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))));
  return acc + Math.log(x) - 0.5 / x - series;
}
