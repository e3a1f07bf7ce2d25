import { shuffled } from "../spam-lpft/spam-data.ts";
import { standardNormal, type Rng } from "../../shared/numeric/rng.ts";
import { Adam } from "./adam.ts";
import { addLogitGradient, headProbsInto, parameterCount, rowsOf, type FeatureData } from "./linear-head.ts";

/**
 * A deep ensemble of heads (Lakshminarayanan et al. 2017) on fixed features: M linear softmax
 * heads, each from its own seeded random initialisation and seeded mini-batch order, trained by
 * Adam on cross-entropy + (decay/2)‖W‖² for a fixed number of epochs. The loss is convex in one
 * head, so the members differ only as far as the initialisation and the batch order have not
 * been forgotten: on one set of features the ensemble's spread is small by construction.
 */
export interface EnsembleOptions {
  members: number;
  epochs: number;
  batch: number;
  rate: number;
  decay: number;
  initStd: number;
}

export function fitDeepEnsemble(rng: Rng, d: FeatureData, o: EnsembleOptions): Float64Array[] {
  const P = parameterCount(d);
  const C = d.classes;
  const n = rowsOf(d);
  const p = new Float64Array(C);
  const dz = new Float64Array(C);
  const logits = new Float64Array(C);
  const grad = new Float64Array(P);
  return Array.from({ length: o.members }, () => {
    const theta = Float64Array.from({ length: P }, () => o.initStd * standardNormal(rng));
    const opt = new Adam(P, o.rate);
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const order = shuffled(
        rng.nextUint32(),
        Array.from({ length: n }, (_, i) => i),
      );
      for (let start = 0; start < n; start += o.batch) {
        const rows = order.slice(start, start + o.batch);
        grad.fill(0);
        for (const i of rows) {
          headProbsInto(theta, d, i, p, 0, logits);
          for (let c = 0; c < C; c++) dz[c] = p[c]! - (c === d.y[i] ? 1 : 0);
          addLogitGradient(grad, d, i, dz, 1 / rows.length);
        }
        // Weight decay on W only (the bias is not shrunk), scaled per example.
        for (let k = 0; k < C * d.features; k++) grad[k]! += (o.decay * theta[k]!) / n;
        opt.step(theta, grad);
      }
    }
    return theta;
  });
}
