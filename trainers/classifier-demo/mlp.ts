import { softmaxInto } from "../../shared/calibration/softmax.ts";
import { standardNormal, uniformInt, type Rng } from "../../shared/numeric/rng.ts";
import type { Dataset } from "./dataset.ts";

/**
 * A one-hidden-layer ReLU MLP, D → H → C, trained by mini-batch SGD with momentum on the
 * softmax cross-entropy plus L2 weight decay. Weights are row-major (W1: H × D, Wh: C × H),
 * the layout of the exported Gemm nodes (trainers/onnx/mlp-graph.ts).
 */
export interface Mlp {
  inputs: number;
  hidden: number;
  classes: number;
  w1: Float64Array;
  b1: Float64Array;
  wh: Float64Array;
  bh: Float64Array;
}

export interface SgdOptions {
  epochs: number;
  batch: number;
  learningRate: number;
  momentum: number;
  weightDecay: number;
}

/** He initialisation (He et al. 2015) for the ReLU layer, Glorot-like for the head. */
export function initMlp(rng: Rng, inputs: number, hidden: number, classes: number): Mlp {
  const normal = (n: number, std: number) => Float64Array.from({ length: n }, () => std * standardNormal(rng));
  return {
    inputs,
    hidden,
    classes,
    w1: normal(hidden * inputs, Math.sqrt(2 / inputs)),
    b1: new Float64Array(hidden),
    wh: normal(classes * hidden, Math.sqrt(1 / hidden)),
    bh: new Float64Array(classes),
  };
}

/** features = Relu(W1 x + b1) and logits = Wh features + bh for the row x = xs[offset…]. */
export function forward(
  m: Mlp,
  xs: ArrayLike<number>,
  offset: number,
  features: Float64Array,
  logits: Float64Array,
): void {
  for (let h = 0; h < m.hidden; h++) {
    let s = m.b1[h]!;
    for (let d = 0; d < m.inputs; d++) s += m.w1[h * m.inputs + d]! * xs[offset + d]!;
    features[h] = s > 0 ? s : 0;
  }
  for (let c = 0; c < m.classes; c++) {
    let s = m.bh[c]!;
    for (let h = 0; h < m.hidden; h++) s += m.wh[c * m.hidden + h]! * features[h]!;
    logits[c] = s;
  }
}

/** Trains in place; returns the mean training loss of each epoch. */
export function trainMlp(rng: Rng, m: Mlp, data: Dataset, o: SgdOptions): number[] {
  const params = [m.w1, m.b1, m.wh, m.bh];
  const grads = params.map((p) => new Float64Array(p.length));
  const velocity = params.map((p) => new Float64Array(p.length));
  const features = new Float64Array(m.hidden);
  const logits = new Float64Array(m.classes);
  const p = new Float64Array(m.classes);
  const dHidden = new Float64Array(m.hidden);
  const order = Int32Array.from({ length: data.n }, (_, i) => i);
  const losses: number[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = uniformInt(rng, i + 1); // Fisher–Yates
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0;
    for (let start = 0; start < data.n; start += o.batch) {
      const end = Math.min(data.n, start + o.batch);
      for (const g of grads) g.fill(0);
      for (let k = start; k < end; k++) {
        const row = order[k]! * m.inputs;
        const y = data.y[order[k]!]!;
        forward(m, data.x, row, features, logits);
        softmaxInto(logits, 0, m.classes, 1, p, 0);
        loss -= Math.log(Math.max(p[y]!, Number.MIN_VALUE));
        dHidden.fill(0);
        for (let c = 0; c < m.classes; c++) {
          const dz = p[c]! - (c === y ? 1 : 0);
          grads[3]![c]! += dz;
          for (let h = 0; h < m.hidden; h++) {
            grads[2]![c * m.hidden + h]! += dz * features[h]!;
            dHidden[h]! += dz * m.wh[c * m.hidden + h]!;
          }
        }
        for (let h = 0; h < m.hidden; h++) {
          if (features[h]! <= 0) continue; // ReLU gradient
          grads[1]![h]! += dHidden[h]!;
          for (let d = 0; d < m.inputs; d++) grads[0]![h * m.inputs + d]! += dHidden[h]! * data.x[row + d]!;
        }
      }
      const size = end - start;
      params.forEach((w, t) => {
        const decay = t % 2 === 0 ? o.weightDecay : 0; // decay weights, not biases
        for (let i = 0; i < w.length; i++) {
          velocity[t]![i] = o.momentum * velocity[t]![i]! - o.learningRate * (grads[t]![i]! / size + decay * w[i]!);
          w[i]! += velocity[t]![i]!;
        }
      });
    }
    losses.push(loss / data.n);
  }
  return losses;
}

/** Rounds every weight to float32 in place, so the TS forward pass sees the exported weights. */
export function roundToFloat32(m: Mlp): void {
  for (const w of [m.w1, m.b1, m.wh, m.bh]) for (let i = 0; i < w.length; i++) w[i] = Math.fround(w[i]!);
}
