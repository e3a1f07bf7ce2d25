import * as tf from "@tensorflow/tfjs";
import type { EncoderConfig, LayerWeights } from "../spam-lpft/encoder.ts";
import type { Group } from "./group-scores.ts";
import { forward, type ExplainedTransformer } from "./transformer-model.ts";

/**
 * Parameter saliency (Levin et al. 2022) of a transformer encoder: the gradient of the example's
 * loss −log p(y) reduced to the L2 norm per parameter group. Groups, per layer l:
 *   attention head h — the Q, K, V columns of the head (wq/wk/wv[:, h·dh … (h+1)·dh) with their
 *                      biases) and the rows of the output projection that read the head
 *                      (wo[h·dh … (h+1)·dh, :]): every weight only that head uses;
 *   FFN neuron j     — w1[:, j], b1[j] and w2[j, :] (a hidden unit's in and out weights).
 * LayerNorms, the shared biases bo, b2 and the embeddings belong to no group. Heads and neurons
 * differ in size, so they are ranked in separate "layers" (group-scores.ts), one per kind and depth.
 */
const GROUPED = ["wq", "bq", "wk", "bk", "wv", "bv", "wo", "w1", "b1", "w2"] as const;

export function transformerGroups(config: EncoderConfig): Group[] {
  return Array.from({ length: config.layers }, (_, l) => [
    ...Array.from({ length: config.heads }, (_, h) => ({ layer: `L${l} heads`, name: `L${l} head ${h}` })),
    ...Array.from({ length: config.ffn }, (_, j) => ({ layer: `L${l} FFN`, name: `L${l} neuron ${j}` })),
  ]).flat();
}

export interface TransformerSaliency {
  /** Per group, in transformerGroups order. */
  values: Float64Array;
  /** log p(c) of the served mixture. */
  logProbs: Float64Array;
  features: Float64Array;
  loss: number;
}

/** Sum of squares of the column block [c0, c1) of a row-major [rows, cols] matrix. */
function columnBlockSq(g: Float32Array, cols: number, c0: number, c1: number): number {
  let s = 0;
  for (let r = 0; r < g.length / cols; r++) for (let c = c0; c < c1; c++) s += g[r * cols + c]! ** 2;
  return s;
}

function rowBlockSq(g: Float32Array, cols: number, r0: number, r1: number): number {
  let s = 0;
  for (let i = r0 * cols; i < r1 * cols; i++) s += g[i]! ** 2;
  return s;
}

function layerGroupNorms(g: Record<(typeof GROUPED)[number], Float32Array>, c: EncoderConfig, out: number[]): void {
  const { dim: D, heads: H, ffn: F } = c;
  const dh = D / H;
  for (let h = 0; h < H; h++) {
    const [a, b] = [h * dh, (h + 1) * dh];
    let sq = rowBlockSq(g.wo, D, a, b);
    for (const k of ["wq", "wk", "wv"] as const) sq += columnBlockSq(g[k], D, a, b);
    for (const k of ["bq", "bk", "bv"] as const) sq += columnBlockSq(g[k], D, a, b);
    out.push(Math.sqrt(sq));
  }
  for (let j = 0; j < F; j++)
    out.push(Math.sqrt(columnBlockSq(g.w1, F, j, j + 1) + g.b1[j]! ** 2 + rowBlockSq(g.w2, D, j, j + 1)));
}

/** Saliency of every group for one tokenised example (ids, mask: the served row) at label y. */
export function transformerSaliency(
  m: ExplainedTransformer,
  ids: Int32Array,
  mask: Int32Array,
  y: number,
): TransformerSaliency {
  const variables = m.encoder.layers.flatMap((l) => GROUPED.map((k) => l[k as keyof LayerWeights]));
  const S = ids.length;
  let logProbs: tf.Tensor | undefined;
  let features: tf.Tensor | undefined;
  const { value, grads } = tf.tidy(() =>
    tf.variableGrads(() => {
      const out = forward(m, tf.tensor2d(ids, [1, S], "int32"), tf.tensor2d(mask, [1, S], "int32"));
      logProbs = tf.keep(out.logProbs);
      features = tf.keep(out.features);
      // A one-hot product, not gather: the wasm backend lacks gather's gradient kernel.
      return tf.neg(tf.sum(tf.mul(out.logProbs, tf.oneHot([y], m.classes)))) as tf.Scalar;
    }, variables),
  );
  const values: number[] = [];
  m.encoder.layers.forEach((l) => {
    const g = Object.fromEntries(GROUPED.map((k) => [k, grads[l[k].name]!.dataSync() as Float32Array]));
    layerGroupNorms(g as Record<(typeof GROUPED)[number], Float32Array>, m.encoder.config, values);
  });
  const result = {
    values: Float64Array.from(values),
    logProbs: Float64Array.from(logProbs!.dataSync()),
    features: Float64Array.from(features!.dataSync()),
    loss: value.dataSync()[0]!,
  };
  tf.dispose([value, ...Object.values(grads), logProbs!, features!]);
  return result;
}
