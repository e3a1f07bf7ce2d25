import { fitEnsembleTemperature } from "../../shared/calibration/ensemble-temperature.ts";
import { memberLogits, memberProbabilities, type HeadMembers } from "../../shared/classify/head.ts";
import { uncertaintyScores } from "../../shared/uncertainty/scores.ts";
import type { FeatureSet } from "./comparison-sets.ts";

/**
 * Per-input uncertainty scores of an M-member head as the server computes them (member logits
 * / T, softmax, average), with the excess-risk reading of Futami et al. (arXiv 2206.01606,
 * §3): the Bayesian excess risk of the posterior predictive p̄ — what q's members lose on
 * average against p̄ when the label is drawn from a member — is, for the log loss,
 *   BER_log(x) = E_q KL(p_θ ‖ p̄) = H(p̄) − E_q H(p_θ)   (the mutual information),
 * and for the squared loss
 *   BER_sq(x) = E_q ‖p_θ − p̄‖² = Σ_c Var_q p_θ(c | x),
 * the two epistemic scores the paper relates to the true excess risk (shared/uncertainty/scores.ts
 * computes both, for the server and for this comparison alike). "entropy" is H(p̄), the
 * total uncertainty; with one member it is plain softmax entropy and both BERs are 0.
 */
export const SCORES = ["entropy", "mi", "berSq"] as const;
export type ScoreName = (typeof SCORES)[number];

export interface Scored {
  scores: Record<ScoreName, Float64Array>;
  correct: boolean[];
}

/** T on the member-average NLL of a split the head was not fitted on, as calibrate would fit it. */
export function fitTemperature(head: HeadMembers, calibrate: FeatureSet): number {
  return fitEnsembleTemperature(memberLogits(head, calibrate.features), calibrate.labels, head.members, head.classes)
    .temperature;
}

export function scoreHead(head: HeadMembers, temperature: number, set: FeatureSet): Scored {
  const { members: M, classes: C } = head;
  const n = set.labels.length;
  const F = set.features.length / Math.max(1, n);
  const scores = { entropy: new Float64Array(n), mi: new Float64Array(n), berSq: new Float64Array(n) };
  const correct: boolean[] = [];
  const probs = new Float64Array(M * C);
  for (let i = 0; i < n; i++) {
    memberProbabilities(head, set.features, i * F, 1 / temperature, probs);
    const s = uncertaintyScores(probs, M, C);
    scores.entropy[i] = s.total;
    scores.mi[i] = s.epistemic;
    scores.berSq[i] = s.excessRisk;
    correct.push(s.predicted === set.labels[i]);
  }
  return { scores, correct };
}
