import type { Rng } from "../numeric/rng.ts";
import { binOf, ECE_BINS } from "./metrics.ts";

/**
 * The ECE that a perfectly calibrated model would still show on n examples: keep the model's
 * top-class confidences, draw "correct" with probability equal to each confidence, and measure
 * the binned ECE of the draw (Guo et al. 2017's estimator). Its mean is the estimator's sampling
 * floor for this test-set size and confidence profile: with a few hundred examples at 98 %
 * accuracy it is around 1 %, so an ECE near it says "calibrated as far as this set can tell".
 */
export interface EceFloor {
  mean: number;
  /** 90th percentile of the draws: an observed ECE above it is evidence of mis-calibration. */
  p90: number;
}

export function eceFloor(confidences: ArrayLike<number>, rng: Rng, draws = 400, bins = ECE_BINS): EceFloor {
  const n = confidences.length;
  if (n === 0) return { mean: 0, p90: 0 };
  const bin = Int32Array.from(confidences, (c) => binOf(c, bins));
  const confSum = new Float64Array(bins);
  for (let i = 0; i < n; i++) confSum[bin[i]!]! += confidences[i]!;
  const eces = new Float64Array(draws);
  const correct = new Float64Array(bins);
  for (let d = 0; d < draws; d++) {
    correct.fill(0);
    for (let i = 0; i < n; i++) if (rng.nextFloat() < confidences[i]!) correct[bin[i]!]!++;
    let ece = 0;
    for (let m = 0; m < bins; m++) ece += Math.abs(correct[m]! - confSum[m]!) / n; // |B|/n · |acc − conf|
    eces[d] = ece;
  }
  eces.sort();
  return { mean: eces.reduce((a, b) => a + b, 0) / draws, p90: eces[Math.floor(0.9 * (draws - 1))]! };
}
