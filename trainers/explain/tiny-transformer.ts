import * as tf from "@tensorflow/tfjs";
import { uniformInt, type Rng } from "../../shared/numeric/rng.ts";
import { TFJS_SEED_OFFSET } from "../common/tfjs-seed.ts";
import { encoderVariables, initEncoder, type EncoderConfig } from "../spam-lpft/encoder.ts";
import { ScheduledAdam } from "../spam-lpft/optimiser.ts";
import type { TokenRows } from "./transformer-explain.ts";
import { forward, plainHead, type ExplainedTransformer } from "./transformer-model.ts";

/**
 * A tiny transformer of the spam encoder's builder (trainers/spam-lpft/encoder.ts) trained on a
 * synthetic task, for the planted-fault check: sequences of `length` tokens over `vocab`, label
 * 1 when most tokens are from the lower half of the vocabulary (length is odd: no ties).
 */
export const TINY_CONFIG: EncoderConfig = { vocab: 10, dim: 16, layers: 2, heads: 2, ffn: 32, maxTokens: 9 };

export function majorityTask(rng: Rng, n: number, c: EncoderConfig = TINY_CONFIG): TokenRows & { labels: Int32Array } {
  const S = c.maxTokens;
  const ids = Int32Array.from({ length: n * S }, () => uniformInt(rng, c.vocab));
  const labels = Int32Array.from({ length: n }, (_, i) => {
    let low = 0;
    for (let s = 0; s < S; s++) low += ids[i * S + s]! < c.vocab / 2 ? 1 : 0;
    return low > S / 2 ? 1 : 0;
  });
  return { rows: n, length: S, ids, mask: new Int32Array(n * S).fill(1), labels };
}

let copies = 0;

/** A seeded tiny model after `steps` full-batch Adam steps on the task (cross-entropy). */
export function trainTiny(
  seed: number,
  task: TokenRows & { labels: Int32Array },
  steps = 80,
  c: EncoderConfig = TINY_CONFIG,
): ExplainedTransformer {
  const prefix = `tiny${copies++}`;
  const encoder = initEncoder(c, TFJS_SEED_OFFSET + seed, prefix);
  const weights = tf.variable(
    tf.randomNormal([2, c.dim], 0, 0.1, "float32", TFJS_SEED_OFFSET + seed + 99),
    true,
    `${prefix}.V`,
  );
  const bias = tf.variable(tf.zeros([2]), true, `${prefix}.b`);
  const model = plainHead(encoder, weights as tf.Tensor as tf.Tensor2D, bias as tf.Tensor as tf.Tensor1D);
  const ids = tf.tensor2d(task.ids, [task.rows, task.length], "int32");
  const mask = tf.tensor2d(task.mask, [task.rows, task.length], "int32");
  const target = tf.oneHot(tf.tensor1d(task.labels, "int32"), 2);
  const opt = new ScheduledAdam(0.01, steps, 0.06, 5);
  for (let s = 0; s < steps; s++)
    opt.step(
      () => tf.neg(tf.mean(tf.sum(tf.mul(forward(model, ids, mask).logProbs, target), 1))) as tf.Scalar,
      [...encoderVariables(encoder), weights, bias],
    );
  opt.dispose();
  tf.dispose([ids, mask, target]);
  return model;
}

/** Predicted labels of every row. */
export function predictRows(m: ExplainedTransformer, t: TokenRows): Int32Array {
  return tf.tidy(() => {
    const out = forward(
      m,
      tf.tensor2d(t.ids, [t.rows, t.length], "int32"),
      tf.tensor2d(t.mask, [t.rows, t.length], "int32"),
    );
    return Int32Array.from(tf.argMax(out.logProbs, 1).dataSync());
  });
}

/**
 * A copy of the model with FFN neuron j of layer l corrupted: its incoming weights w1[:, j] and
 * bias b1[j] multiplied by `factor` (the corrupted "filter" of the paper's experiments).
 */
export function plantNeuron(m: ExplainedTransformer, layer: number, j: number, factor: number): ExplainedTransformer {
  const prefix = `planted${copies++}`;
  const layers = m.encoder.layers.map((l, i) =>
    Object.fromEntries(
      Object.entries(l).map(([k, v]) => {
        let t: tf.Tensor = (v as tf.Variable).clone();
        if (i === layer && (k === "w1" || k === "b1")) {
          const column = tf.oneHot([j], m.encoder.config.ffn).reshape([m.encoder.config.ffn]);
          t = tf.mul(t, tf.add(1, tf.mul(column, factor - 1)));
        }
        return [k, tf.variable(t, true, `${prefix}.l${i}.${k}`)];
      }),
    ),
  ) as unknown as ExplainedTransformer["encoder"]["layers"];
  return { ...m, encoder: { ...m.encoder, layers } };
}
