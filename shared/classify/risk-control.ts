import type { AbstainMetric } from "./artifact-schema.ts";
import type { AbstainInputs, ThresholdChoice } from "./abstain.ts";

/**
 * Risk-controlled abstention (Learn then Test, Angelopoulos et al. 2021; selective
 * classification with guaranteed risk, Geifman & El-Yaniv 2017). Candidate rules answer the k
 * most certain calibration examples, k at each boundary between distinct scores. For each, the
 * null hypothesis "answered error rate > ε = 1 − target" is tested with the exact binomial
 * (Clopper–Pearson) p-value P(Bin(k, ε) <= errors_k). The candidates are tested in a fixed
 * sequence, most certain first, starting at the smallest k that could reject with no error
 * (⌈log δ / log(1 − ε)⌉, fixed before the labels are seen), and stop at the first that is not
 * rejected; fixed-sequence testing controls the family-wise error at δ, so the answered accuracy
 * is >= target with probability >= 1 − δ over the calibration draw.
 */

/** log P(Bin(n, p) <= k), summed in log space from the i = 0 term by the ratio of successive terms. */
export function logBinomialCdf(k: number, n: number, p: number): number {
  if (k >= n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return -Infinity;
  let term = n * Math.log1p(-p);
  let total = term;
  const ratio = Math.log(p) - Math.log1p(-p);
  for (let i = 0; i < k; i++) {
    term += Math.log(n - i) - Math.log(i + 1) + ratio;
    total = total > term ? total + Math.log1p(Math.exp(term - total)) : term + Math.log1p(Math.exp(total - term));
  }
  return Math.min(0, total);
}

/** Clopper–Pearson upper confidence bound on an error rate after `errors` in n (level 1 − delta), by bisection. */
export function clopperPearsonUpper(errors: number, n: number, delta: number): number {
  if (errors >= n) return 1;
  let lo = errors / n;
  let hi = 1;
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    if (logBinomialCdf(errors, n, mid) > Math.log(delta)) lo = mid;
    else hi = mid;
  }
  return hi;
}

export interface RiskControlledChoice extends ThresholdChoice {
  delta: number;
  /** Clopper–Pearson upper bound (level 1 − δ) on the answered error rate at the threshold; 1 when nothing is answered. */
  errorBound: number;
}

export function riskControlledThreshold(
  metric: AbstainMetric,
  scores: readonly AbstainInputs[],
  correct: readonly boolean[],
  targetAccuracy: number,
  delta: number,
): RiskControlledChoice {
  const epsilon = 1 - targetAccuracy;
  const u = scores.map((s) => uncertaintyOf(s, metric));
  const order = u.map((_, i) => i).sort((a, b) => u[a]! - u[b]!);
  const n = order.length;
  const start = epsilon > 0 ? Math.ceil(Math.log(delta) / Math.log1p(-epsilon) - 1e-9) : 1;
  let best = 0;
  let errors = 0;
  let bestErrors = 0;
  for (let k = 1; k <= n; k++) {
    if (!correct[order[k - 1]!]) errors++;
    const boundary = k === n || u[order[k]!]! > u[order[k - 1]!]!;
    if (!boundary || k < start) continue;
    if (logBinomialCdf(errors, k, epsilon) > Math.log(delta)) break;
    [best, bestErrors] = [k, errors];
  }
  const threshold = best === 0 ? nothingAnswered(metric) : midpoint(u, order, best);
  return {
    metric,
    threshold: metric === "maxProb" ? -threshold : threshold,
    coverage: n === 0 ? 0 : best / n,
    accuracy: best === 0 ? NaN : 1 - bestErrors / best,
    delta,
    errorBound: best === 0 ? 1 : clopperPearsonUpper(bestErrors, best, delta),
  };
}

/** In "uncertainty" space (maxProb negated): a threshold no score clears. */
const nothingAnswered = (metric: AbstainMetric) => (metric === "maxProb" ? -1.5 : -1);

/**
 * Midway between the k-th and (k+1)-th most certain scores, so that a last-bit difference
 * between runtimes cannot move an example across it; past the last score when all are answered.
 */
export function midpoint(u: readonly number[], order: readonly number[], k: number): number {
  const last = u[order[k - 1]!]!;
  if (k < order.length) return last + (u[order[k]!]! - last) / 2;
  return last + Math.max(0.5, Math.abs(last));
}

/** The metric's value in "uncertainty" space (maxProb negated, so lower is surer for every metric). */
export function uncertaintyOf(s: AbstainInputs, metric: AbstainMetric): number {
  if (metric === "maxProb") return -s.maxProb;
  const v = s[metric];
  if (v === undefined) throw new RangeError(`abstention on ${metric} needs its score`);
  return v;
}
