import type * as tfTypes from "@tensorflow/tfjs";
import { heatmapSide } from "../../shared/lesion-detect/detector-spec.ts";
import { randomPermutation, type Rng } from "../../shared/numeric/rng.ts";
import { detectExamples } from "./detect.ts";
import type { DetectorExample } from "./examples.ts";
import { froc } from "./froc.ts";
import { concat, type DetectorNet, type DetectorWeights } from "./network.ts";

export interface EpochOptions {
  epochs: number;
  batch: number;
  /** Weight of lesion cells in the cross-entropy (lesions cover ~1–3 % of the heatmap). */
  positiveWeight: number;
}

/** Weighted sigmoid cross-entropy plus a soft Dice term (so that tiny lesions still pull); also trainers/prune. */
export function loss(
  tf: typeof tfTypes,
  logits: tfTypes.Tensor4D,
  target: tfTypes.Tensor4D,
  positiveWeight: number,
): tfTypes.Scalar {
  const weights = tf.add(1, tf.mul(positiveWeight - 1, target));
  const bce = tf.losses.sigmoidCrossEntropy(target, logits, weights) as tfTypes.Scalar;
  const p = tf.sigmoid(logits);
  const dice = tf.sub(
    1,
    tf.div(tf.add(tf.mul(2, tf.sum(tf.mul(p, target))), 1), tf.add(tf.add(tf.sum(p), tf.sum(target)), 1)),
  );
  return tf.add(bce, dice) as tfTypes.Scalar;
}

/**
 * Trains `net` for o.epochs on `train` from its current weights, and keeps the epoch whose FAUC
 * on `valid` is best (the paper keeps the best epoch on the simulated validation set).
 */
export function trainEpochs(
  tf: typeof tfTypes,
  rng: Rng,
  net: DetectorNet,
  optimizer: tfTypes.Optimizer,
  train: readonly DetectorExample[],
  valid: readonly DetectorExample[],
  side: number,
  o: EpochOptions,
): { validFauc: number; losses: number[] } {
  const h = heatmapSide(side);
  let best: { fauc: number; weights: DetectorWeights } | null = null;
  const losses: number[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = randomPermutation(rng, train.length);
    let total = 0;
    for (let at = 0; at < order.length; at += o.batch) {
      const part = Array.from(order.subarray(at, at + o.batch), (i) => train[i]!);
      const cost = optimizer.minimize(
        () => {
          const x = tf.tensor4d(concat(part.map((e) => e.input)), [part.length, side, side, 1]);
          const y = tf.tensor4d(concat(part.map((e) => e.target)), [part.length, h, h, 1]);
          return loss(tf, net.logits(x), y, o.positiveWeight);
        },
        true,
        [...net.filters, ...net.biases],
      );
      total += cost!.dataSync()[0]! * part.length;
      cost!.dispose();
    }
    losses.push(total / train.length);
    const fauc = froc(
      detectExamples(net, valid, side),
      valid.map((e) => e.boxes),
    ).fauc;
    if (best === null || fauc > best.fauc) best = { fauc, weights: net.weights() };
  }
  net.assign(best!.weights);
  return { validFauc: best!.fauc, losses };
}
