import * as tf from "@tensorflow/tfjs";
import { createRng, standardNormal } from "../../shared/numeric/rng.ts";
import { encoderVariables, pooledFeatures, type EncoderWeights } from "./encoder.ts";
import { batchTensors, extractFeatures, headLogits, type Encoded } from "./features.ts";
import { meanNll } from "./linear-probe.ts";
import { ScheduledAdam } from "./optimiser.ts";
import { Progress } from "../common/progress.ts";
import { shuffled } from "./spam-data.ts";

/**
 * Full fine-tuning of encoder and head by cross-entropy with Adam, keeping the checkpoint with
 * the best validation accuracy (ties: lower NLL), as in Tomihari & Sato 2024 (arXiv 2405.16747)
 * section 5. Started from a random head it is FT; started from the linear-probe head it is LP-FT
 * (Kumar et al. 2022): the near-optimal head leaves small gradients for the features, which
 * is why LP-FT distorts the pretrained features less and transfers better under shift.
 */
export interface FineTuneOptions {
  epochs: number;
  batch: number;
  rate: number;
  seed: number;
  label: string;
}

export interface FineTuned {
  v: Float64Array;
  b: Float64Array;
  bestEpoch: number;
  history: { epoch: number; loss: number; validAccuracy: number; validNll: number }[];
  seconds: number;
}

function accuracy(logits: Float64Array, y: Int32Array): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) ok += Number((logits[2 * i + 1]! > logits[2 * i]! ? 1 : 0) === y[i]);
  return ok / y.length;
}

export function fineTune(
  w: EncoderWeights,
  head: { v: Float64Array; b: Float64Array },
  train: Encoded,
  valid: Encoded,
  o: FineTuneOptions,
): FineTuned {
  const C = head.b.length;
  const F = w.config.dim;
  const v = tf.variable(tf.tensor2d(Float32Array.from(head.v), [C, F]), true, `${o.label}.head.v`);
  const b = tf.variable(tf.tensor1d(Float32Array.from(head.b)), true, `${o.label}.head.b`);
  const vars = [...encoderVariables(w), v, b];
  const stepsPerEpoch = Math.ceil(train.rows / o.batch);
  const opt = new ScheduledAdam(o.rate, stepsPerEpoch * o.epochs);
  const snapshot = () => vars.map((x) => x.dataSync().slice());
  let best = { acc: -1, nll: Infinity, epoch: 0, values: snapshot() };
  const history: FineTuned["history"] = [];
  const start = performance.now();
  const progress = new Progress(o.label, stepsPerEpoch * o.epochs);
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const order = shuffled(
      o.seed + epoch,
      Array.from({ length: train.rows }, (_, i) => i),
    );
    let lossSum = 0;
    for (let s = 0; s < stepsPerEpoch; s++) {
      const rows = order.slice(s * o.batch, (s + 1) * o.batch);
      const y = Int32Array.from(rows, (r) => train.labels[r]!);
      lossSum += opt.step(() => {
        const { ids, mask } = batchTensors(train, rows);
        const logits = tf.add(tf.matMul(pooledFeatures(w, ids, mask), v, false, true), b);
        return tf.neg(
          tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(tf.tensor1d(y, "int32"), C)), 1)),
        ) as tf.Scalar;
      }, vars);
      progress.update((epoch - 1) * stepsPerEpoch + s + 1, `epoch ${epoch} loss ${(lossSum / (s + 1)).toFixed(4)}`);
    }
    const feats = extractFeatures(w, valid, `${o.label} valid`);
    const logits = headLogits(feats, v.dataSync(), b.dataSync(), C);
    const acc = accuracy(logits, valid.labels);
    const nll = meanNll(logits, valid.labels, C);
    history.push({ epoch, loss: lossSum / stepsPerEpoch, validAccuracy: acc, validNll: nll });
    if (acc > best.acc || (acc === best.acc && nll < best.nll)) best = { acc, nll, epoch, values: snapshot() };
  }
  vars.forEach((x, i) => x.assign(tf.tensor(best.values[i]!, x.shape)));
  const out = {
    v: Float64Array.from(v.dataSync()),
    b: Float64Array.from(b.dataSync()),
    bestEpoch: best.epoch,
    history,
    seconds: (performance.now() - start) / 1000,
  };
  opt.dispose();
  v.dispose();
  b.dispose();
  return out;
}

/** A seeded N(0, 0.02²) head, the usual random start of plain FT. */
export function randomHead(seed: number, classes: number, features: number): { v: Float64Array; b: Float64Array } {
  const rng = createRng(seed);
  const v = Float64Array.from({ length: classes * features }, () => 0.02 * standardNormal(rng));
  return { v, b: new Float64Array(classes) };
}
