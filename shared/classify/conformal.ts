import type { Conformal, ConformalScore } from "./artifact-schema.ts";

/**
 * Split conformal prediction sets (Vovk et al. 2005; Angelopoulos & Bates 2021): with n
 * exchangeable calibration examples and the quantile at index k = ⌈(n+1)(1−α)⌉ of their scores
 * s(x_i, y_i), the set {y : s(x, y) <= q̂} holds the true label of a new example with probability
 * >= 1 − α (and < 1 − α + 1/(n+1) without ties). Mondrian (label-conditional) sets take the
 * quantile within each label's examples, so the guarantee holds per label.
 *
 * Scores, from the served mean distribution p̄ (in log space):
 *   lac  −log p̄_y (least ambiguous sets, Sadinle et al. 2019; monotone in 1 − p̄_y, and it keeps
 *        the resolution that 1 − p̄_y loses when p̄_y rounds to 1);
 *   aps  the mass of the labels ranked at or above y (Romano et al. 2020, not randomised: the
 *        API is deterministic, so coverage is >= 1 − α but may exceed it);
 *   raps aps + lambda · max(0, rank(y) − kReg) (Angelopoulos et al. 2021), rank 1-based.
 */
export interface ScoreParams {
  score: ConformalScore;
  lambda: number;
  kReg: number;
}

/** The score of every label for one example, from its C log-probabilities, into out[0, C). */
export function labelScoresInto(
  params: ScoreParams,
  logMean: ArrayLike<number>,
  classes: number,
  out: Float64Array,
): void {
  if (params.score === "lac") {
    for (let c = 0; c < classes; c++) out[c] = -logMean[c]!;
    return;
  }
  // Ranks by p̄, ties to the lower label index, so the order is deterministic.
  const order = Array.from({ length: classes }, (_, c) => c).sort((a, b) => logMean[b]! - logMean[a]! || a - b);
  let mass = 0;
  order.forEach((c, r) => {
    mass += Math.exp(logMean[c]!);
    out[c] = Math.min(mass, 1) + (params.score === "raps" ? params.lambda * Math.max(0, r + 1 - params.kReg) : 0);
  });
}

/**
 * The threshold at index k = ⌈(n+1)(1−α)⌉ (1-based) of the sorted scores, or null when k > n (the
 * set must then hold every label). The threshold sits midway to the next score, so a last-bit
 * difference between runtimes (float32 in onnxruntime-node and -web) cannot flip the k-th example.
 */
export function conformalThreshold(scores: ArrayLike<number>, alpha: number): number | null {
  const sorted = Float64Array.from(scores).sort();
  const n = sorted.length;
  const k = Math.ceil((n + 1) * (1 - alpha) - 1e-9);
  if (k > n || n === 0) return null;
  const at = sorted[k - 1]!;
  if (k < n) return at + (sorted[k]! - at) / 2;
  const gap = n > 1 ? at - sorted[n - 2]! : 0;
  return at + (gap > 0 ? gap / 2 : Math.max(1e-12, Math.abs(at) * 1e-9));
}

/**
 * Fits the stored quantiles: `scores` are the N × C label scores of the calibration examples,
 * `labels` their true labels. Mondrian takes one quantile per label from that label's examples.
 */
export function fitConformal(
  params: ScoreParams,
  scores: Float64Array,
  labels: ArrayLike<number>,
  classes: number,
  alphas: readonly number[],
  mondrian: boolean,
): Conformal {
  const n = labels.length;
  const own = (keep: (y: number) => boolean) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (keep(labels[i]!)) out.push(scores[i * classes + labels[i]!]!);
    return out;
  };
  const sets = alphas.map((alpha) => ({
    alpha,
    thresholds: mondrian
      ? Array.from({ length: classes }, (_, c) =>
          conformalThreshold(
            own((y) => y === c),
            alpha,
          ),
        )
      : [
          conformalThreshold(
            own(() => true),
            alpha,
          ),
        ],
  }));
  return { score: params.score, mondrian, lambda: params.lambda, kReg: params.kReg, examples: n, sets };
}

/** The label indices in the set: score(x, y) <= the threshold of y (or of all labels). */
export function predictionSet(
  thresholds: readonly (number | null)[],
  labelScores: ArrayLike<number>,
  classes: number,
): number[] {
  const out: number[] = [];
  for (let c = 0; c < classes; c++) {
    const t = thresholds.length === 1 ? thresholds[0]! : thresholds[c]!;
    if (t === null || labelScores[c]! <= t) out.push(c);
  }
  return out;
}
