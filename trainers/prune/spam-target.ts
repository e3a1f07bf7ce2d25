import * as tf from "@tensorflow/tfjs";
import { uniformInt, type Rng } from "../../shared/numeric/rng.ts";
import { encoderVariables, pooledFeatures } from "../spam-lpft/encoder.ts";
import type { Pretrained } from "../spam-lpft/checkpoint.ts";
import { batchTensors, extractFeatures, headLogits, type Encoded } from "../spam-lpft/features.ts";
import { L2_GRID, type LinearHead } from "../spam-lpft/linear-probe.ts";
import { ScheduledAdam } from "../spam-lpft/optimiser.ts";
import type { PruneTarget } from "./target.ts";

export interface SpamPruneOptions {
  /** Optimiser steps per round (fine-tuning only: pretraining is the rewind point). */
  steps: number;
  batch: number;
  rate: number;
  chunk: number;
}

/** The matrices IMP prunes: token embeddings and every attention and feed-forward matrix. */
const PRUNABLE = /(^tokens$|\.(wq|wk|wv|wo|w1|w2)$)/;

function rowsOf(e: Encoded, from: number, to: number): Encoded {
  const S = e.length;
  return {
    ids: e.ids.subarray(from * S, to * S),
    mask: e.mask.subarray(from * S, to * S),
    rows: to - from,
    length: S,
    labels: e.labels.subarray(from, to),
  };
}

function errorOf(logits: Float64Array, labels: Int32Array): number {
  let wrong = 0;
  for (let i = 0; i < labels.length; i++) wrong += Number((logits[2 * i + 1]! > logits[2 * i]! ? 1 : 0) !== labels[i]);
  return wrong / labels.length;
}

/**
 * The spam encoder as a pruning target. Rewinding goes to the start of LP-FT (the MLM-pretrained
 * encoder and the linear-probe head, Kumar et al. 2022): only fine-tuning is redone per round.
 * The bound is computed on the validation split: the rewind point depends on the training split
 * (the vocabulary and the probe were fitted on it), and on validation only through the probe's
 * L2 strength, picked from L2_GRID (a union bound over its values).
 */
export function spamTarget(
  rng: Rng,
  pre: Pretrained,
  probe: LinearHead,
  sets: { train: Encoded; valid: Encoded; test: Encoded },
  o: SpamPruneOptions,
): PruneTarget {
  const w = pre.encoder;
  const v = tf.variable(tf.tensor2d(Float32Array.from(probe.v), [2, w.config.dim]), true, "prune.head.v");
  const b = tf.variable(tf.tensor1d(Float32Array.from(probe.b)), true, "prune.head.b");
  const vars = [...encoderVariables(w), v, b];
  const names = vars.map((x) => x.name.slice(x.name.indexOf(".") + 1));
  const rewindPoint = vars.map((x) => x.dataSync().slice() as Float32Array);
  let version = 0;
  let cachedValid: { version: number; logits: Float64Array } | null = null;
  const logitsOf = (e: Encoded) => headLogits(extractFeatures(w, e, "prune eval"), v.dataSync(), b.dataSync(), 2);
  const validLogits = () => {
    if (cachedValid?.version !== version) cachedValid = { version, logits: logitsOf(sets.valid) };
    return cachedValid.logits;
  };
  const chunks = Math.floor(sets.valid.rows / o.chunk);
  return {
    tensors: vars.map((x, i) => ({ name: names[i]!, size: x.size, prunable: PRUNABLE.test(names[i]!) })),
    rewindPoint,
    getWeights: () => vars.map((x) => x.dataSync().slice() as Float32Array),
    setWeights: (weights) => {
      version++;
      vars.forEach((x, i) => x.assign(tf.tensor(weights[i]!, x.shape)));
    },
    train: (masks) => {
      version++;
      const opt = new ScheduledAdam(o.rate, o.steps);
      const maskTensors = masks.map((m, i) => tf.tensor(Float32Array.from(m), vars[i]!.shape));
      for (let s = 0; s < o.steps; s++) {
        const rows = Array.from({ length: o.batch }, () => uniformInt(rng, sets.train.rows));
        const y = Int32Array.from(rows, (r) => sets.train.labels[r]!);
        opt.step(() => {
          const { ids, mask } = batchTensors(sets.train, rows);
          const logits = tf.add(tf.matMul(pooledFeatures(w, ids, mask), v, false, true), b);
          return tf.neg(
            tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(tf.tensor1d(y, "int32"), 2)), 1)),
          ) as tf.Scalar;
        }, vars);
        // Adam's moments would revive pruned weights: they are put back to zero after each step.
        tf.tidy(() => vars.forEach((x, i) => x.assign(tf.mul(x, maskTensors[i]!))));
      }
      opt.dispose();
      maskTensors.forEach((t) => t.dispose());
    },
    test: () => {
      const error = errorOf(logitsOf(sets.test), sets.test.labels);
      return { error, figures: { accuracy: 1 - error } };
    },
    validation: () => 1 - errorOf(validLogits(), sets.valid.labels),
    validationName: "valid accuracy",
    boundExamples: chunks * o.chunk,
    boundChunks: chunks,
    chunkError: (c) => {
      const part = rowsOf(sets.valid, c * o.chunk, (c + 1) * o.chunk);
      const logits =
        cachedValid?.version === version
          ? cachedValid.logits.subarray(2 * c * o.chunk, 2 * (c + 1) * o.chunk)
          : logitsOf(part);
      return errorOf(logits, part.labels);
    },
    priorChoices: L2_GRID.length,
    boundSample: `the validation split (${chunks * o.chunk} e-mails; the rewind point's only use of it: the probe's L2 from ${L2_GRID.length} values)`,
  };
}
