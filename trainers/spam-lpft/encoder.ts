import * as tf from "@tensorflow/tfjs";
import { gatherRows } from "./tf-backend.ts";

/**
 * A small pre-LayerNorm transformer encoder (Vaswani et al. 2017; pre-LN after Xiong et al.
 * 2020, which trains without warm-up tricks at this size) with learned positions and tanh-GELU.
 * The pooled feature phi(x) is the masked mean of the final normalised states; the classifier
 * is f(x) = V phi(x) + b (Kumar et al. 2022; Tomihari & Sato 2024, arXiv 2405.16747).
 * trainers/onnx/transformer-graph.ts writes the same computation as ONNX.
 */
export interface EncoderConfig {
  vocab: number;
  dim: number;
  layers: number;
  heads: number;
  ffn: number;
  maxTokens: number;
}

export interface LayerWeights {
  ln1g: tf.Variable;
  ln1b: tf.Variable;
  wq: tf.Variable;
  bq: tf.Variable;
  wk: tf.Variable;
  bk: tf.Variable;
  wv: tf.Variable;
  bv: tf.Variable;
  wo: tf.Variable;
  bo: tf.Variable;
  ln2g: tf.Variable;
  ln2b: tf.Variable;
  w1: tf.Variable;
  b1: tf.Variable;
  w2: tf.Variable;
  b2: tf.Variable;
}

export interface EncoderWeights {
  config: EncoderConfig;
  tokens: tf.Variable; // [V, D]
  positions: tf.Variable; // [S, D]
  layers: LayerWeights[];
  lnfg: tf.Variable;
  lnfb: tf.Variable;
}

export const LN_EPSILON = 1e-5; // ONNX LayerNormalization's default
export const MASK_NEGATIVE = -1e4; // large enough to zero a padded key after softmax in float32
const GELU_C = Math.sqrt(2 / Math.PI);

/** `prefix` keeps tfjs variable names unique when several copies (LP, FT, LP-FT) coexist. */
export function initEncoder(config: EncoderConfig, seed: number, prefix = "enc"): EncoderWeights {
  let s = seed;
  // BERT's N(0, 0.02) initialiser, seeded per tensor.
  const normal = (shape: number[], name: string) =>
    tf.variable(tf.truncatedNormal(shape, 0, 0.02, "float32", s++), true, `${prefix}.${name}`);
  const ones = (n: number, name: string) => tf.variable(tf.ones([n]), true, `${prefix}.${name}`);
  const zeros = (n: number, name: string) => tf.variable(tf.zeros([n]), true, `${prefix}.${name}`);
  const { dim: d, ffn } = config;
  const layers = Array.from(
    { length: config.layers },
    (_, l): LayerWeights => ({
      ln1g: ones(d, `l${l}.ln1g`),
      ln1b: zeros(d, `l${l}.ln1b`),
      wq: normal([d, d], `l${l}.wq`),
      bq: zeros(d, `l${l}.bq`),
      wk: normal([d, d], `l${l}.wk`),
      bk: zeros(d, `l${l}.bk`),
      wv: normal([d, d], `l${l}.wv`),
      bv: zeros(d, `l${l}.bv`),
      wo: normal([d, d], `l${l}.wo`),
      bo: zeros(d, `l${l}.bo`),
      ln2g: ones(d, `l${l}.ln2g`),
      ln2b: zeros(d, `l${l}.ln2b`),
      w1: normal([d, ffn], `l${l}.w1`),
      b1: zeros(ffn, `l${l}.b1`),
      w2: normal([ffn, d], `l${l}.w2`),
      b2: zeros(d, `l${l}.b2`),
    }),
  );
  return {
    config,
    tokens: normal([config.vocab, d], "tokens"),
    positions: normal([config.maxTokens, d], "positions"),
    layers,
    lnfg: ones(d, "lnfg"),
    lnfb: zeros(d, "lnfb"),
  };
}

export function encoderVariables(w: EncoderWeights): tf.Variable[] {
  return [w.tokens, w.positions, ...w.layers.flatMap((l) => Object.values(l) as tf.Variable[]), w.lnfg, w.lnfb];
}

/** A trainable copy (the same pretrained start for FT and LP-FT). */
export function cloneEncoder(w: EncoderWeights, prefix: string): EncoderWeights {
  const copy = (v: tf.Variable) => tf.variable(v.clone(), true, `${prefix}.${v.name.slice(v.name.indexOf(".") + 1)}`);
  const layers = w.layers.map(
    (l) =>
      Object.fromEntries(Object.entries(l).map(([k, v]) => [k, copy(v as tf.Variable)])) as unknown as LayerWeights,
  );
  return {
    config: w.config,
    tokens: copy(w.tokens),
    positions: copy(w.positions),
    layers,
    lnfg: copy(w.lnfg),
    lnfb: copy(w.lnfb),
  };
}

export function disposeEncoder(w: EncoderWeights): void {
  for (const v of encoderVariables(w)) v.dispose();
}

export function parameterCount(w: EncoderWeights): number {
  return encoderVariables(w).reduce((n, v) => n + v.size, 0);
}

export function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const mean = tf.mean(x, -1, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), -1, true);
  return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, LN_EPSILON))), g), b);
}

export function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), GELU_C);
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
}

const dense = (x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor) => tf.add(tf.matMul(x, w as tf.Tensor2D), b) as tf.Tensor2D;

/** Final normalised hidden states [B*S, D] for ids and mask [B, S] (int32). */
export function encode(w: EncoderWeights, ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D {
  const [B, S] = ids.shape;
  const { dim: D, heads: H } = w.config;
  const dh = D / H;
  const embedded = gatherRows(w.tokens as tf.Tensor as tf.Tensor2D, tf.reshape(ids, [-1]) as tf.Tensor1D);
  let x = tf.reshape(tf.add(tf.reshape(embedded, [B, S, D]), tf.slice(w.positions, [0, 0], [S, D])), [
    B * S,
    D,
  ]) as tf.Tensor2D;
  const maskBias = tf.reshape(tf.mul(tf.sub(1, tf.cast(mask, "float32")), MASK_NEGATIVE), [B, 1, 1, S]);
  const split = (t: tf.Tensor2D) => tf.transpose(tf.reshape(t, [B, S, H, dh]), [0, 2, 1, 3]);
  for (const l of w.layers) {
    const h = layerNorm(x, l.ln1g, l.ln1b) as tf.Tensor2D;
    const q = split(dense(h, l.wq, l.bq));
    const k = split(dense(h, l.wk, l.bk));
    const v = split(dense(h, l.wv, l.bv));
    const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)), maskBias);
    const ctx = tf.reshape(tf.transpose(tf.matMul(tf.softmax(scores), v), [0, 2, 1, 3]), [B * S, D]) as tf.Tensor2D;
    x = tf.add(x, dense(ctx, l.wo, l.bo));
    const h2 = layerNorm(x, l.ln2g, l.ln2b) as tf.Tensor2D;
    x = tf.add(x, dense(gelu(dense(h2, l.w1, l.b1)) as tf.Tensor2D, l.w2, l.b2));
  }
  return layerNorm(x, w.lnfg, w.lnfb) as tf.Tensor2D;
}

/** phi(x): the masked mean of the final states over real tokens, [B, D]. */
export function pooledFeatures(w: EncoderWeights, ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D {
  const [B, S] = ids.shape;
  const states = tf.reshape(encode(w, ids, mask), [B, S, w.config.dim]);
  const m = tf.expandDims(tf.cast(mask, "float32"), 2);
  return tf.div(tf.sum(tf.mul(states, m), 1), tf.sum(m, 1)) as tf.Tensor2D;
}
