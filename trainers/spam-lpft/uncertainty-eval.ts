import { memberProbabilities, type HeadMembers } from "../../shared/classify/head.ts";
import { uncertaintyScores } from "../../shared/uncertainty/scores.ts";
import { aurc, auroc } from "./selective.ts";

/**
 * Scores every example as the server does (docs/classifier-artifact.md): member logits
 * W_m f + b_m, p_m = softmax(logits_m / T), then the decomposition of shared/uncertainty/scores.ts
 * (Futami et al., arXiv 2206.01606): total H(p̄), epistemic (mutual information), variance.
 */

export interface ScoredSet {
  total: Float64Array;
  epistemic: Float64Array;
  variance: Float64Array;
  maxProb: Float64Array;
  correct: boolean[];
  /** Mean member probabilities [N × C]. */
  probs: Float64Array;
}

export function scoreSet(features: Float64Array, labels: Int32Array, h: HeadMembers, temperature: number): ScoredSet {
  const { members: M, classes: C } = h;
  const F = h.weights.length / (M * C);
  const n = labels.length;
  const out: ScoredSet = {
    total: new Float64Array(n),
    epistemic: new Float64Array(n),
    variance: new Float64Array(n),
    maxProb: new Float64Array(n),
    correct: [],
    probs: new Float64Array(n * C),
  };
  const probs = new Float64Array(M * C);
  for (let i = 0; i < n; i++) {
    memberProbabilities(h, features, i * F, 1 / temperature, probs);
    const s = uncertaintyScores(probs, M, C);
    out.total[i] = s.total;
    out.epistemic[i] = s.epistemic;
    out.variance[i] = s.variance;
    out.maxProb[i] = s.mean[s.predicted]!;
    out.correct.push(s.predicted === labels[i]);
    out.probs.set(s.mean, i * C);
  }
  return out;
}

export interface UncertaintySummary {
  accuracy: number;
  aurocEpistemic: number;
  aurocVariance: number;
  aurocTotal: number;
  aurcTotal: number;
  aurcEpistemic: number;
}

/** AUROC of telling `shifted` from `inDist` by each score; AURC on `shifted` (selective prediction). */
export function summarise(inDist: ScoredSet, shifted: ScoredSet): UncertaintySummary {
  const acc = shifted.correct.filter(Boolean).length / Math.max(1, shifted.correct.length);
  return {
    accuracy: acc,
    aurocEpistemic: auroc(inDist.epistemic, shifted.epistemic),
    aurocVariance: auroc(inDist.variance, shifted.variance),
    aurocTotal: auroc(inDist.total, shifted.total),
    aurcTotal: aurc(shifted.total, shifted.correct),
    aurcEpistemic: aurc(shifted.epistemic, shifted.correct),
  };
}
