import type { Rng } from "../../shared/numeric/rng.ts";
import type { Dataset } from "../classifier-demo/dataset.ts";
import { trainMlp, type Mlp, type SgdOptions } from "../classifier-demo/mlp.ts";

/**
 * Weight balancing for long-tailed labels (Alshammari et al., CVPR 2022; analysed by Hasegawa &
 * Sato, ICLR 2024): stage 1 learns features with plain cross-entropy under weight decay and
 * MaxNorm; stage 2 re-trains only the classifier layer with a class-balanced loss under its own
 * weight decay and MaxNorm, from the stage-1 head. Hasegawa & Sato attribute stage 1's gain to a
 * larger Fisher discriminant ratio of the features (WD + CE) and stage 2's to an implicit logit
 * adjustment (WD + class-balanced loss).
 */
export interface WeightBalancing {
  stage1: { weightDecay: number; maxNorm: number; epochs: number };
  stage2: { weightDecay: number; maxNorm: number; epochs: number };
}

export const SGD_BASE = { batch: 32, learningRate: 0.02, momentum: 0.9 } as const;

/** Class counts of a label vector. */
export function classCounts(y: Int32Array, classes: number): Float64Array {
  const counts = new Float64Array(classes);
  for (const label of y) counts[label]!++;
  return counts;
}

/**
 * Class-balanced cross-entropy weights w_c ∝ 1 / n_c (the limit β → 1 of Cui et al. 2019),
 * scaled so the training set's mean weight is 1 (Σ_c n_c w_c = N): the loss stays on the scale
 * of plain cross-entropy, so learning rate and weight decay keep their meaning. A class absent
 * from training gets weight 0 (nothing to weigh).
 */
export function classBalancedWeights(counts: Float64Array): Float64Array {
  const n = counts.reduce((s, v) => s + v, 0);
  const present = counts.filter((v) => v > 0).length;
  return counts.map((v) => (v > 0 ? n / (present * v) : 0));
}

/** Both stages in place on `mlp`; returns the last epoch's training loss of each stage. */
export function trainWeightBalanced(
  rng: Rng,
  mlp: Mlp,
  data: Dataset,
  o: WeightBalancing,
): { stage1Loss: number; stage2Loss: number } {
  const s1: SgdOptions = { ...SGD_BASE, ...o.stage1 };
  const stage1 = trainMlp(rng, mlp, data, s1);
  const weights = classBalancedWeights(classCounts(data.y, mlp.classes));
  const s2: SgdOptions = { ...SGD_BASE, ...o.stage2, classWeights: weights, headOnly: true };
  const stage2 = trainMlp(rng, mlp, data, s2);
  return { stage1Loss: stage1.at(-1)!, stage2Loss: stage2.at(-1)! };
}
