import {
  addLogitGradient,
  headProbsInto,
  parameterCount,
  rowsOf,
  softmaxBackward,
  type FeatureData,
} from "./linear-head.ts";

/**
 * The data term of the rBER objective of Futami et al. (arXiv 2206.01606) in its λ·variance
 * form, for classification with the squared (Brier) loss on the probability vector, over M
 * members θ_1..θ_M of q (Monte-Carlo draws or particles):
 *   L_i = [ ‖y_i − p̄(x_i)‖² + λ Σ_c Var_m p_m(c | x_i) ] / (2 v²),
 * p̄ = mean_m p_m. Since ‖y − p̄‖² + Σ_c Var_m p_m(c) = mean_m ‖y − p_m‖² (the Gibbs risk),
 * λ = 1 is plain VI's expected loss, and λ < 1 stops penalising the spread in full: the paper's
 * λ ≈ 0.05 keeps the posterior's predictive variance, which is the squared-loss Bayesian excess
 * risk (its epistemic uncertainty). Each member's gradient:
 *   ∂L_i/∂p_m = −[(1 − λ)(y − p̄) + λ (y − p_m)] / (M v²).
 */
export interface RberSettings {
  lambda: number;
  /** v² of the Gaussian noise on the one-hot label; 1/(2v²) weighs the data against the KL. */
  noiseVariance: number;
}

export interface RberValue {
  /** Σ_i L_i over the rows. */
  loss: number;
  /** ∂(Σ_i L_i)/∂θ_m for every member. */
  gradients: Float64Array[];
}

export function rberDataTerm(thetas: readonly Float64Array[], d: FeatureData, s: RberSettings): RberValue {
  const M = thetas.length;
  const C = d.classes;
  const P = parameterCount(d);
  const gradients = thetas.map(() => new Float64Array(P));
  const p = new Float64Array(M * C);
  const mean = new Float64Array(C);
  const g = new Float64Array(C);
  const dz = new Float64Array(C);
  const logits = new Float64Array(C);
  const scale = 1 / (2 * s.noiseVariance);
  let loss = 0;
  for (let i = 0; i < rowsOf(d); i++) {
    mean.fill(0);
    for (let m = 0; m < M; m++) {
      headProbsInto(thetas[m]!, d, i, p, m * C, logits);
      for (let c = 0; c < C; c++) mean[c]! += p[m * C + c]! / M;
    }
    const y = d.y[i]!;
    let fit = 0;
    let spread = 0;
    for (let c = 0; c < C; c++) {
      const r = (c === y ? 1 : 0) - mean[c]!;
      fit += r * r;
      for (let m = 0; m < M; m++) {
        const e = p[m * C + c]! - mean[c]!;
        spread += (e * e) / M;
      }
    }
    loss += (fit + s.lambda * spread) * scale;
    for (let m = 0; m < M; m++) {
      for (let c = 0; c < C; c++) {
        const target = c === y ? 1 : 0;
        g[c] = (-2 * scale * ((1 - s.lambda) * (target - mean[c]!) + s.lambda * (target - p[m * C + c]!))) / M;
      }
      softmaxBackward(p, m * C, g, C, dz);
      addLogitGradient(gradients[m]!, d, i, dz);
    }
  }
  return { loss, gradients };
}
