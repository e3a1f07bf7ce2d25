import * as tf from "@tensorflow/tfjs";
import {
  disposeEncoder,
  encoderVariables,
  initEncoder,
  parameterCount,
  pooledFeatures,
  type EncoderWeights,
} from "../spam-lpft/encoder.ts";
import { ScheduledAdam } from "../spam-lpft/optimiser.ts";
import { TFJS_SEED_OFFSET } from "../common/tfjs-seed.ts";
import type { MemoryTask } from "./task.ts";

/**
 * The tiny preset: our spam encoder's blocks (trainers/spam-lpft/encoder.ts) with one layer and
 * one head, width d, feed-forward 4d, mean-pooled, then a linear classifier. This is the
 * "one self-attention layer with feed-forward networks" shape of Kajitsuka & Sato (ICLR 2024).
 */
export interface MemoryModel {
  encoder: EncoderWeights;
  head: tf.Variable; // [d, classes]
  bias: tf.Variable; // [classes]
}

export function initMemoryModel(task: MemoryTask, dim: number, seed: number): MemoryModel {
  const prefix = `mem${seed}d${dim}n${task.n}`;
  const encoder = initEncoder(
    { vocab: task.vocab, dim, layers: 1, heads: 1, ffn: 4 * dim, maxTokens: task.seqLength },
    TFJS_SEED_OFFSET + seed,
    prefix,
  );
  const head = tf.variable(
    tf.randomNormal([dim, task.classes], 0, 1 / Math.sqrt(dim), "float32", TFJS_SEED_OFFSET + seed + 1000),
    true,
    `${prefix}.head`,
  );
  const bias = tf.variable(tf.zeros([task.classes]), true, `${prefix}.bias`);
  return { encoder, head, bias };
}

export function modelParameters(m: MemoryModel): number {
  return parameterCount(m.encoder) + m.head.size + m.bias.size;
}

export function disposeMemoryModel(m: MemoryModel): void {
  disposeEncoder(m.encoder);
  m.head.dispose();
  m.bias.dispose();
}

function logits(m: MemoryModel, ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D {
  return tf.add(
    tf.matMul(pooledFeatures(m.encoder, ids, mask), m.head as tf.Tensor as tf.Tensor2D),
    m.bias,
  ) as tf.Tensor2D;
}

export interface FitResult {
  accuracy: number; // training accuracy after the last step
  steps: number; // steps taken (training stops early at 100 %)
}

/** Full-batch Adam (warm-up, linear decay) for at most `steps` steps; checks accuracy every 25. */
export function fitMemory(m: MemoryModel, task: MemoryTask, steps: number, rate: number): FitResult {
  const ids = tf.tensor2d(task.ids, [task.n, task.seqLength], "int32");
  const mask = tf.onesLike(ids) as tf.Tensor2D;
  const target = tf.oneHot(tf.tensor1d(task.labels, "int32"), task.classes);
  const variables = [...encoderVariables(m.encoder), m.head, m.bias];
  const opt = new ScheduledAdam(rate, steps, 0.02, 5);
  const accuracy = () =>
    tf.tidy(
      () =>
        tf
          .mean(tf.cast(tf.equal(tf.argMax(logits(m, ids, mask), 1), tf.tensor1d(task.labels, "int32")), "float32"))
          .dataSync()[0]!,
    );
  let acc = 0;
  let step = 0;
  try {
    while (step < steps) {
      opt.step(() => tf.losses.softmaxCrossEntropy(target, logits(m, ids, mask)) as tf.Scalar, variables);
      step++;
      if (step % 25 === 0 || step === steps) {
        acc = accuracy();
        if (acc === 1) break;
      }
    }
  } finally {
    opt.dispose();
    ids.dispose();
    mask.dispose();
    target.dispose();
  }
  return { accuracy: acc, steps: step };
}
