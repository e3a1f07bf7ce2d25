import * as tf from "@tensorflow/tfjs";
import { pooledFeatures, type EncoderWeights } from "../spam-lpft/encoder.ts";

/**
 * The transformer classifier an explanation is about, as tfjs tensors: the encoder of
 * trainers/spam-lpft/encoder.ts (the builder the served ONNX graph was written from), the
 * served head's M members (W_m, b_m) on its pooled features, and the served temperature. The
 * served probability of label c is p(c) = (1/M) Σ_m softmax(z_m / T)_c with z_m = W_m φ + b_m
 * (shared/classify/classifier.ts); the explained loss is −log p(y) of that mixture, so the
 * gradient is of the prediction the user was given, members and temperature included.
 */
export interface ExplainedTransformer {
  encoder: EncoderWeights;
  /** Member weights [M·C, F] (member-major, as head.json) and biases [M·C]. */
  headWeights: tf.Tensor2D;
  headBias: tf.Tensor1D;
  members: number;
  classes: number;
  /** 1 / temperature. */
  beta: number;
}

export interface ForwardOut {
  /** Pooled features φ [B, F] (the ONNX graph's "features" output). */
  features: tf.Tensor2D;
  /** log p(c) of the member mixture [B, C]. */
  logProbs: tf.Tensor2D;
}

/** ids and mask are [B, S] int32 (the served tokenizer's rows). */
export function forward(m: ExplainedTransformer, ids: tf.Tensor2D, mask: tf.Tensor2D): ForwardOut {
  const features = pooledFeatures(m.encoder, ids, mask);
  const B = features.shape[0];
  const z = tf.add(tf.matMul(features, m.headWeights, false, true), m.headBias); // [B, M·C]
  const member = tf.logSoftmax(tf.reshape(tf.mul(z, m.beta), [B, m.members, m.classes]), -1);
  const logProbs = tf.sub(tf.logSumExp(member, 1), Math.log(m.members)) as tf.Tensor2D;
  return { features, logProbs };
}

/** A single-member head (W [C, F], b [C]) at temperature 1: plain softmax cross-entropy. */
export function plainHead(encoder: EncoderWeights, weights: tf.Tensor2D, bias: tf.Tensor1D): ExplainedTransformer {
  return { encoder, headWeights: weights, headBias: bias, members: 1, classes: bias.shape[0], beta: 1 };
}
