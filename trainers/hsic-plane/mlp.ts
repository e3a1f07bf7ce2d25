import * as tf from "@tensorflow/tfjs";
import { TFJS_SEED_OFFSET } from "../common/tfjs-seed.ts";

/**
 * A tanh MLP whose every hidden layer also owns a linear classifier head. End-to-end training
 * uses only the last head and backpropagates through all layers; layer-wise training (the
 * non-E2E baseline of Sakamoto & Sato) trains each layer with its own head on the previous
 * layer's output held constant, so no error crosses a layer boundary.
 */
export interface Mlp {
  weights: tf.Variable[];
  biases: tf.Variable[];
  heads: tf.Variable[];
  headBiases: tf.Variable[];
}

export function initMlp(
  inputDim: number,
  width: number,
  layers: number,
  classes: number,
  seed: number,
  prefix: string,
): Mlp {
  const glorot = (fanIn: number, fanOut: number, name: string, s: number) =>
    tf.variable(
      tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / (fanIn + fanOut)), "float32", TFJS_SEED_OFFSET + s),
      true,
      `${prefix}.${name}`,
    );
  const m: Mlp = { weights: [], biases: [], heads: [], headBiases: [] };
  for (let l = 0; l < layers; l++) {
    m.weights.push(glorot(l === 0 ? inputDim : width, width, `w${l}`, 100 * seed + 2 * l));
    m.biases.push(tf.variable(tf.zeros([width]), true, `${prefix}.b${l}`));
    m.heads.push(glorot(width, classes, `h${l}`, 100 * seed + 2 * l + 1));
    m.headBiases.push(tf.variable(tf.zeros([classes]), true, `${prefix}.hb${l}`));
  }
  return m;
}

export function disposeMlp(m: Mlp): void {
  for (const v of [...m.weights, ...m.biases, ...m.heads, ...m.headBiases]) v.dispose();
}

export function layerForward(m: Mlp, l: number, input: tf.Tensor2D): tf.Tensor2D {
  return tf.tanh(tf.add(tf.matMul(input, m.weights[l] as tf.Tensor as tf.Tensor2D), m.biases[l]!)) as tf.Tensor2D;
}

export function headLogits(m: Mlp, l: number, hidden: tf.Tensor2D): tf.Tensor2D {
  return tf.add(tf.matMul(hidden, m.heads[l] as tf.Tensor as tf.Tensor2D), m.headBiases[l]!) as tf.Tensor2D;
}

/** Every hidden layer's activations for x (the caller disposes them). */
export function activations(m: Mlp, x: tf.Tensor2D): tf.Tensor2D[] {
  const out: tf.Tensor2D[] = [];
  let h = x;
  for (let l = 0; l < m.weights.length; l++) {
    h = tf.tidy(() => layerForward(m, l, h));
    out.push(h);
  }
  return out;
}

export type TrainingMode = "end-to-end" | "layer-wise";

/**
 * One full-batch step in either mode; returns the loss of the last head. `opts` holds one
 * optimiser per layer: tfjs's Adam keeps its moments by position in the variable list, so each
 * distinct list needs its own (end-to-end uses opts[0] alone).
 */
export function trainStep(
  m: Mlp,
  mode: TrainingMode,
  x: tf.Tensor2D,
  target: tf.Tensor2D,
  opts: tf.Optimizer[],
): number {
  const last = m.weights.length - 1;
  if (mode === "end-to-end") {
    const vars = [...m.weights, ...m.biases, m.heads[last]!, m.headBiases[last]!];
    const loss = opts[0]!.minimize(
      () => {
        let h = x;
        for (let l = 0; l <= last; l++) h = layerForward(m, l, h);
        return tf.losses.softmaxCrossEntropy(target, headLogits(m, last, h)) as tf.Scalar;
      },
      true,
      vars,
    )!;
    const v = loss.dataSync()[0]!;
    loss.dispose();
    return v;
  }
  // Layer-wise: the input to layer l is a constant tensor, so gradients stay inside the layer.
  let input = x;
  let lastLoss = 0;
  for (let l = 0; l <= last; l++) {
    const vars = [m.weights[l]!, m.biases[l]!, m.heads[l]!, m.headBiases[l]!];
    const frozen = input;
    const loss = opts[l]!.minimize(
      () => tf.losses.softmaxCrossEntropy(target, headLogits(m, l, layerForward(m, l, frozen))) as tf.Scalar,
      true,
      vars,
    )!;
    lastLoss = loss.dataSync()[0]!;
    loss.dispose();
    const next = tf.tidy(() => layerForward(m, l, frozen));
    if (input !== x) input.dispose();
    input = next;
  }
  if (input !== x) input.dispose();
  return lastLoss;
}

/** Accuracy of the last head. */
export function accuracy(m: Mlp, x: tf.Tensor2D, labels: Int32Array): number {
  return tf.tidy(() => {
    let h = x;
    for (let l = 0; l < m.weights.length; l++) h = layerForward(m, l, h);
    const pred = tf.argMax(headLogits(m, m.weights.length - 1, h), 1).dataSync();
    let right = 0;
    for (let i = 0; i < labels.length; i++) if (pred[i] === labels[i]) right++;
    return right / labels.length;
  });
}
