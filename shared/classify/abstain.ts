import type { AbstainMetric, AbstainRule } from "./artifact-schema.ts";
import { midpoint, uncertaintyOf } from "./risk-control.ts";

export { uncertaintyOf };

/**
 * Selective prediction (Geifman & El-Yaniv 2017): answer only when a confidence score clears
 * a threshold chosen on held-out data so that the answered part reaches a target accuracy.
 * The score is the epistemic (MI), squared-loss excess-risk or total uncertainty (abstain above the threshold) or the top
 * predictive probability (abstain below it).
 */
export interface AbstainInputs {
  epistemic: number;
  total: number;
  maxProb: number;
  /** Σ_c Var_m p_m(c); only callers that may rule on it need to supply it. */
  excessRisk?: number;
}

export function shouldAbstain(rule: AbstainRule, s: AbstainInputs): boolean {
  return rule.metric === "maxProb" ? s.maxProb < rule.threshold : uncertaintyOf(s, rule.metric) > rule.threshold;
}

export interface ThresholdChoice extends AbstainRule {
  /** Fraction of the examples answered at the threshold. */
  coverage: number;
  /** Accuracy on the answered examples (NaN when none is answered). */
  accuracy: number;
}

/**
 * The threshold that answers as many examples as possible while their accuracy stays at or
 * above `targetAccuracy`. Ties in the score are kept together, since one threshold cannot
 * split them. When no threshold reaches the target, the rule abstains on everything. The
 * threshold sits midway between the last answered score and the next, so float32 rounding of one
 * validation example's score cannot flip it. No finite-sample guarantee: see risk-control.ts.
 */
export function chooseThreshold(
  metric: AbstainMetric,
  scores: readonly AbstainInputs[],
  correct: readonly boolean[],
  targetAccuracy: number,
): ThresholdChoice {
  // Sort by "uncertainty", most certain first: negate maxProb so that lower is surer for all.
  const u = scores.map((s) => uncertaintyOf(s, metric));
  const order = u.map((_, i) => i).sort((a, b) => u[a]! - u[b]!);
  let best = 0;
  let right = 0;
  let bestAccuracy = NaN;
  for (let k = 1; k <= order.length; k++) {
    if (correct[order[k - 1]!]) right++;
    const boundary = k === order.length || u[order[k]!]! > u[order[k - 1]!]!;
    if (boundary && right / k >= targetAccuracy) [best, bestAccuracy] = [k, right / k];
  }
  const n = order.length;
  // Nothing answered: a threshold no score can clear (scores are >= 0, maxProb <= 1).
  const cut = best === 0 ? (metric === "maxProb" ? -1.5 : -1) : midpoint(u, order, best);
  const threshold = metric === "maxProb" ? -cut : cut;
  return { metric, threshold, coverage: n === 0 ? 0 : best / n, accuracy: bestAccuracy };
}
