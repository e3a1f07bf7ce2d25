import { softmaxInto } from "../../shared/calibration/softmax.ts";
import { forward, type Mlp } from "../classifier-demo/mlp.ts";
import type { Group } from "./group-scores.ts";

/**
 * Parameter saliency (Levin et al., "Where do models go wrong? Parameter-space saliency maps",
 * ICLR 2022): the gradient of the example's cross-entropy loss at its TRUE label, reduced to one
 * number per parameter group — here the L2 norm of the group's gradient (the "gradient norm of
 * a filter" that Wang & Sato analyse). Groups of the one-hidden-layer MLP:
 *   hidden neuron h — its incoming weights W1[h, ·], bias b1[h] and outgoing weights Wh[·, h]
 *                     (every weight attached to the unit, as a conv filter's weights are);
 *   output unit c   — the head row Wh[c, ·] and bias bh[c].
 * The two kinds overlap on Wh (an output unit's saliency grows with every feature's activation),
 * so groups are ranked within their layer, never across layers.
 */
export type { Group } from "./group-scores.ts";

export function parameterGroups(m: Mlp, labels: readonly string[]): Group[] {
  return [
    ...Array.from({ length: m.hidden }, (_, h) => ({ layer: "hidden" as const, name: `neuron ${h}` })),
    ...Array.from({ length: m.classes }, (_, c) => ({ layer: "output" as const, name: `unit ${labels[c] ?? c}` })),
  ];
}

export interface Saliency {
  /** Per group (hidden neurons, then output units). */
  values: Float64Array;
  logits: Float64Array;
  loss: number;
}

/** Saliency of every group for the input row `x[offset…]` with true label `y`. */
export function groupSaliency(m: Mlp, x: ArrayLike<number>, offset: number, y: number): Saliency {
  const features = new Float64Array(m.hidden);
  const logits = new Float64Array(m.classes);
  const p = new Float64Array(m.classes);
  forward(m, x, offset, features, logits);
  softmaxInto(logits, 0, m.classes, 1, p, 0);
  const delta = p.map((v, c) => v - (c === y ? 1 : 0)); // ∂L/∂z
  let xSq = 1; // the bias's "input" is 1
  for (let d = 0; d < m.inputs; d++) xSq += x[offset + d]! ** 2;
  const deltaSq = delta.reduce((s, v) => s + v * v, 0);
  const values = new Float64Array(m.hidden + m.classes);
  for (let h = 0; h < m.hidden; h++) {
    let back = 0; // ∂L/∂a_h
    for (let c = 0; c < m.classes; c++) back += delta[c]! * m.wh[c * m.hidden + h]!;
    const pre = features[h]! > 0 ? back : 0; // through the ReLU
    // ‖∂L/∂W1[h,·], ∂L/∂b1[h]‖² = pre² (‖x‖² + 1); ‖∂L/∂Wh[·,h]‖² = a_h² ‖δ‖².
    values[h] = Math.sqrt(pre * pre * xSq + features[h]! ** 2 * deltaSq);
  }
  let aSq = 1;
  for (let h = 0; h < m.hidden; h++) aSq += features[h]! ** 2;
  for (let c = 0; c < m.classes; c++) values[m.hidden + c] = Math.abs(delta[c]!) * Math.sqrt(aSq);
  return { values, logits, loss: -Math.log(Math.max(p[y]!, Number.MIN_VALUE)) };
}
