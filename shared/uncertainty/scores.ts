import { CoreError } from "../errors.ts";

/** Tolerance on sum(p) = 1 for a member's probabilities. */
export const SUM_TOLERANCE = 1e-6;

export interface UncertaintyScores {
  /** Predictive distribution p̄ = mean_m p_m. */
  mean: Float64Array;
  /** argmax of p̄. */
  predicted: number;
  /** H(p̄), nats. */
  total: number;
  /** mean_m H(p_m), nats. */
  aleatoric: number;
  /** Mutual information H(p̄) − mean_m H(p_m) ≥ 0, nats. */
  epistemic: number;
  /** Var_m[p_m(ŷ)] of the predicted class's probability across members (population variance). */
  variance: number;
  /**
   * Σ_c Var_m[p_m(c)]: the Bayesian excess risk of p̄ under the squared loss, E_q‖p_θ − p̄‖²
   * (Futami et al., arXiv 2206.01606 §3; the mutual information is its log-loss counterpart).
   * For two classes it is 2 · variance.
   */
  excessRisk: number;
}

function entropy(p: ArrayLike<number>, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) if (p[i]! > 0) h -= p[i]! * Math.log(p[i]!);
  return h;
}

/**
 * Epistemic-uncertainty decomposition over M members' predictive distributions, stored
 * row-major in `probs` (M × C). Futami et al. 2022 (arXiv 2206.01606) §2: total = aleatoric +
 * epistemic, the epistemic part being the mutual information between label and parameters.
 */
export function uncertaintyScores(probs: Float64Array, members: number, classes: number): UncertaintyScores {
  const mean = new Float64Array(classes);
  let aleatoric = 0;
  for (let m = 0; m < members; m++) {
    const row = m * classes;
    for (let c = 0; c < classes; c++) mean[c]! += probs[row + c]! / members;
    aleatoric += entropy(probs, row, row + classes) / members;
  }
  let predicted = 0;
  for (let c = 1; c < classes; c++) if (mean[c]! > mean[predicted]!) predicted = c;
  let variance = 0;
  let excessRisk = 0;
  for (let m = 0; m < members; m++) {
    for (let c = 0; c < classes; c++) {
      // d * d, not d ** 2: Math.pow differs between V8 versions, and answers must be byte-identical.
      const d = probs[m * classes + c]! - mean[c]!;
      excessRisk += (d * d) / members;
      if (c === predicted) variance += (d * d) / members;
    }
  }
  const total = entropy(mean, 0, classes);
  // Jensen guarantees total >= aleatoric; clamp only the last-bit rounding.
  const epistemic = Math.max(0, total - aleatoric);
  return { mean, predicted, total, aleatoric: Math.min(aleatoric, total), epistemic, variance, excessRisk };
}

/**
 * Checks an M × C table of probabilities (finite, >= 0, rows summing to 1 within tolerance)
 * and packs it row-major; `pointer` addresses the table in the request.
 */
export function packProbabilities(rows: readonly (readonly number[])[], pointer: string): Float64Array {
  const classes = rows[0]?.length ?? 0;
  const out = new Float64Array(rows.length * classes);
  rows.forEach((row, m) => {
    if (row.length !== classes) throw invalid(`${pointer}/${m}`, `has ${row.length} classes; member 0 has ${classes}`);
    let sum = 0;
    row.forEach((p, c) => {
      if (!Number.isFinite(p) || p < 0)
        throw invalid(`${pointer}/${m}/${c}`, `probability ${p} is not a finite number >= 0`);
      sum += p;
      out[m * classes + c] = p;
    });
    if (Math.abs(sum - 1) > SUM_TOLERANCE)
      throw invalid(`${pointer}/${m}`, `probabilities sum to ${sum}, not 1 (tolerance ${SUM_TOLERANCE})`);
  });
  return out;
}

/** Softmax of each row of an M × C table of logits, packed row-major. */
export function packLogits(rows: readonly (readonly number[])[], pointer: string): Float64Array {
  const classes = rows[0]?.length ?? 0;
  const out = new Float64Array(rows.length * classes);
  rows.forEach((row, m) => {
    if (row.length !== classes) throw invalid(`${pointer}/${m}`, `has ${row.length} classes; member 0 has ${classes}`);
    let max = -Infinity;
    row.forEach((z, c) => {
      if (!Number.isFinite(z)) throw invalid(`${pointer}/${m}/${c}`, `logit ${z} is not finite`);
      max = Math.max(max, z);
    });
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += out[m * classes + c] = Math.exp(row[c]! - max);
    for (let c = 0; c < classes; c++) out[m * classes + c]! /= sum;
  });
  return out;
}

function invalid(pointer: string, detail: string): CoreError {
  return new CoreError("invalid-probabilities", `${pointer} ${detail}`, [{ pointer, detail }]);
}
