import { compileHead, memberProbabilities } from "../../shared/classify/head.ts";
import type { Head } from "../../shared/classify/artifact-schema.ts";
import { uncertaintyScores } from "../../shared/uncertainty/scores.ts";

/**
 * The served pipeline on a whole split, with the same code as the worker (head members,
 * softmax(z / T), uncertainty decomposition), for fitting and reporting.
 */
export interface SplitScores {
  /** n × C predictive probabilities (member mean). */
  probs: Float64Array;
  predicted: Int32Array;
  total: Float64Array;
  aleatoric: Float64Array;
  epistemic: Float64Array;
  maxProb: Float64Array;
}

export function scoreSplit(head: Head, features: Float64Array, n: number, beta: number): SplitScores {
  const compiled = compileHead(head);
  const C = head.classes;
  const members = new Float64Array(head.members * C);
  const out: SplitScores = {
    probs: new Float64Array(n * C),
    predicted: new Int32Array(n),
    total: new Float64Array(n),
    aleatoric: new Float64Array(n),
    epistemic: new Float64Array(n),
    maxProb: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    memberProbabilities(compiled, features, i * head.features, beta, members);
    const s = uncertaintyScores(members, head.members, C);
    out.probs.set(s.mean, i * C);
    out.predicted[i] = s.predicted;
    out.total[i] = s.total;
    out.aleatoric[i] = s.aleatoric;
    out.epistemic[i] = s.epistemic;
    out.maxProb[i] = s.mean[s.predicted]!;
  }
  return out;
}

/** Area under the ROC curve of `positive` scoring above `negative` (ties count one half). */
export function auroc(negative: ArrayLike<number>, positive: ArrayLike<number>): number {
  const all = [...Array.from(negative, (v) => [v, 0] as const), ...Array.from(positive, (v) => [v, 1] as const)];
  all.sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]![0] === all[i]![0]) j++;
    const rank = (i + j + 1) / 2; // mean 1-based rank of the tie group
    for (let k = i; k < j; k++) if (all[k]![1] === 1) rankSum += rank;
    i = j;
  }
  const nPos = positive.length;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * negative.length);
}
