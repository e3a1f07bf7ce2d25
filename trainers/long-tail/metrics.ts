import type { Dataset } from "../classifier-demo/dataset.ts";
import { forward, type Mlp } from "../classifier-demo/mlp.ts";

/** Per-class recall and their mean (balanced accuracy; equals accuracy on a balanced set). */
export interface BalancedScores {
  balancedAccuracy: number;
  recall: number[];
  accuracy: number;
}

/** Arg-max predictions of the MLP on a split. */
export function predict(m: Mlp, data: Dataset): Int32Array {
  const features = new Float64Array(m.hidden);
  const logits = new Float64Array(m.classes);
  const out = new Int32Array(data.n);
  for (let i = 0; i < data.n; i++) {
    forward(m, data.x, i * m.inputs, features, logits);
    let best = 0;
    for (let c = 1; c < m.classes; c++) if (logits[c]! > logits[best]!) best = c;
    out[i] = best;
  }
  return out;
}

export function balancedScores(predicted: Int32Array, y: Int32Array, classes: number): BalancedScores {
  const hits = new Float64Array(classes);
  const totals = new Float64Array(classes);
  let correct = 0;
  y.forEach((label, i) => {
    totals[label]!++;
    if (predicted[i] === label) hits[label]!++, correct++;
  });
  const recall = Array.from(hits, (h, c) => (totals[c]! > 0 ? h / totals[c]! : NaN));
  const present = recall.filter((r) => !Number.isNaN(r));
  return {
    balancedAccuracy: present.reduce((s, r) => s + r, 0) / present.length,
    recall,
    accuracy: correct / y.length,
  };
}
