import type * as tfTypes from "@tensorflow/tfjs";
import { heatmapSide } from "../../shared/lesion-detect/detector-spec.ts";
import { PRESET_NAMES } from "../../shared/lesion/index.ts";
import { randomPermutation, type Rng } from "../../shared/numeric/rng.ts";
import type { BackgroundPools } from "../lesion-detector/backgrounds-split.ts";
import { detectExamples } from "../lesion-detector/detect.ts";
import type { EvalSets } from "../lesion-detector/eval-sets.ts";
import { makeExamples, type DetectorExample } from "../lesion-detector/examples.ts";
import { boxDice, froc, HIT_DICE } from "../lesion-detector/froc.ts";
import { concat, DetectorNet, initialWeights, type DetectorWeights } from "../lesion-detector/network.ts";
import { loss } from "../lesion-detector/train-epochs.ts";
import type { PruneTarget } from "./target.ts";

export interface DetectorPruneOptions {
  side: number;
  /** Images that train the rewind point only (the prior must not see the bound's sample). */
  earlyImages: number;
  earlyEpochs: number;
  /** Images every round trains on; the bound is computed on them. */
  trainImages: number;
  epochs: number;
  batch: number;
  learningRate: number;
  positiveWeight: number;
  chunk: number;
}

/**
 * The image-level loss in [0, 1] the bound is about (every image here has lesions): 1 when the
 * image's highest-scoring candidate hits no lesion (box Dice ≥ HIT_DICE, the FROC's hit rule) or
 * there is no candidate. It needs no score threshold, and is the FROC's first point per image.
 */
export function imageErrors(
  detections: readonly (readonly { bbox: [number, number, number, number]; score: number }[])[],
  examples: readonly DetectorExample[],
): number {
  let wrong = 0;
  detections.forEach((boxes, i) => {
    const top = boxes.reduce<(typeof boxes)[number] | undefined>(
      (a, b) => (a === undefined || b.score > a.score ? b : a),
      undefined,
    );
    wrong += top !== undefined && examples[i]!.boxes.some((t) => boxDice(top.bbox, t) >= HIT_DICE) ? 0 : 1;
  });
  return wrong / examples.length;
}

/** Preset lesions (the validation and test distribution) over training backgrounds, presets in turn. */
function presetExamples(rng: Rng, pools: BackgroundPools, n: number, side: number): DetectorExample[] {
  return Array.from(
    { length: n },
    (_, i) => makeExamples(rng, pools.train, 1, { preset: PRESET_NAMES[i % PRESET_NAMES.length]! }, side)[0]!,
  );
}

/**
 * The lesion detector (one member of the shipped ensemble's architecture) as a pruning target:
 * the rewind point is the He-initialised network after `earlyEpochs` on `earlyImages` images of
 * its own, so the prior centred there is independent of the `trainImages` the bound is computed
 * on (a data-dependent prior, Dziugaite et al. 2021); every round trains on `trainImages`.
 */
export function detectorTarget(
  rng: Rng,
  tf: typeof tfTypes,
  pools: BackgroundPools,
  sets: EvalSets,
  o: DetectorPruneOptions,
): PruneTarget & { net: DetectorNet } {
  const net = new DetectorNet(tf, initialWeights(rng));
  const early = presetExamples(rng, pools, o.earlyImages, o.side);
  const train = presetExamples(rng, pools, o.trainImages - (o.trainImages % o.chunk), o.side);
  const flat = (w: DetectorWeights) => w.flatMap((l) => [l.filter, l.bias]);
  const unflat = (a: readonly Float32Array[]): DetectorWeights =>
    Array.from({ length: a.length / 2 }, (_, i) => ({ filter: a[2 * i]!, bias: a[2 * i + 1]! }));
  const h = heatmapSide(o.side);
  const epochs = (set: readonly DetectorExample[], n: number, masks: readonly Uint8Array[] | null) => {
    const optimizer = tf.train.adam(o.learningRate);
    const vars = net.filters.flatMap((f, i) => [f, net.biases[i]!]);
    const maskTensors = masks?.map((m, i) => tf.tensor(Float32Array.from(m), vars[i]!.shape));
    for (let e = 0; e < n; e++) {
      const order = randomPermutation(rng, set.length);
      for (let at = 0; at < order.length; at += o.batch) {
        const part = Array.from(order.subarray(at, at + o.batch), (i) => set[i]!);
        const cost = optimizer.minimize(
          () => {
            const x = tf.tensor4d(concat(part.map((p) => p.input)), [part.length, o.side, o.side, 1]);
            const y = tf.tensor4d(concat(part.map((p) => p.target)), [part.length, h, h, 1]);
            return loss(tf, net.logits(x), y, o.positiveWeight);
          },
          true,
          vars,
        );
        cost?.dispose();
        // Adam's moments would revive pruned weights: they are put back to zero after each step.
        if (maskTensors) tf.tidy(() => vars.forEach((v, i) => v.assign(tf.mul(v, maskTensors[i]!))));
      }
    }
    optimizer.dispose();
    maskTensors?.forEach((t) => t.dispose());
  };
  epochs(early, o.earlyEpochs, null);
  const rewindPoint = flat(net.weights());
  const faucOf = (set: readonly DetectorExample[]) =>
    froc(
      detectExamples(net, set, o.side),
      set.map((e) => e.boxes),
    ).fauc;
  return {
    net,
    tensors: rewindPoint.map((w, i) => ({
      name: i % 2 === 0 ? `conv${i / 2 + 1}.filter` : `conv${(i - 1) / 2 + 1}.bias`,
      size: w.length,
      prunable: i % 2 === 0,
    })),
    rewindPoint,
    getWeights: () => flat(net.weights()),
    setWeights: (w) => net.assign(unflat(w)),
    train: (masks) => epochs(train, o.epochs, masks),
    test: () => {
      const detections = detectExamples(net, sets.test, o.side);
      const f = froc(
        detections,
        sets.test.map((e) => e.boxes),
      );
      return { error: imageErrors(detections, sets.test), figures: { fauc: f.fauc, sensitivityAt1: f.sensitivityAt1 } };
    },
    validation: () => faucOf(sets.valid),
    validationName: "valid FAUC",
    boundExamples: train.length,
    boundChunks: train.length / o.chunk,
    chunkError: (c) => {
      const part = train.slice(c * o.chunk, (c + 1) * o.chunk);
      return imageErrors(detectExamples(net, part, o.side), part);
    },
    priorChoices: 1,
    boundSample: `the ${train.length} training images (train backgrounds, preset lesions); the rewind point saw only its own ${o.earlyImages}`,
  };
}
