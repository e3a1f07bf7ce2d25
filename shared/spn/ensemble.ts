import type { CompiledSpn } from "./compiled-spn.ts";
import type { EvidenceBatch } from "./evidence.ts";
import { logProbBatch } from "./log-prob.ts";
import { sliceRows } from "./slice-rows.ts";
import { drawSets, memberSets } from "./parameter-sets.ts";
import { column, summariseRows } from "./row-summaries.ts";
import { logMeanExp, type Uncertainty } from "./spread.ts";
import { weightedSpread } from "./weighted-spread.ts";

export { ensembleConditional, type EnsembleConditional } from "./ensemble-conditional.ts";
export { ensembleMarginals, type EnsembleMarginal } from "./ensemble-marginals.ts";
export { ensembleMpe, type EnsembleMpe } from "./ensemble-mpe.ts";
export { ensembleSample } from "./ensemble-sample.ts";

/**
 * Bayesian SPN ensembles: S members are posterior samples of the latent trees (Trapp et al. 2019;
 * Yokoi & Sato 2024), each with posterior-mean parameters, so the uniform mixture of the members
 * is the posterior predictive p(x | data). Every answer is that mixture's: conditionals and
 * marginals weight member s by w_s ∝ p_s(e) (Bayes' rule on the mixture). `uncertainty` is the
 * w-weighted spread of the answer over S x R parameter sets drawn from each member's posterior
 * when the artifact carries posterior statistics (parameterUncertainty: true), else over the S
 * members; null when there is a single set.
 */
export interface EnsembleLogProb {
  /** log (1/S) sum_s p_s(row): the posterior predictive density. */
  logProb: number;
  /** Spread of the log-densities log p(row) over the parameter sets. */
  uncertainty: Uncertainty | null;
  parameterUncertainty: boolean;
}

export function ensembleLogProb(spn: CompiledSpn, rows: EvidenceBatch): EnsembleLogProb[] {
  const B = rows.rowCount;
  const out: EnsembleLogProb[] = [];
  const evaluate = (
    s: CompiledSpn,
    m: number,
    r0: number,
    len: number,
    values: Float64Array,
    logW: Float64Array,
  ): void => {
    values.set(logProbBatch(s, m, sliceRows(rows, r0, len)));
    logW.fill(0); // the answer is p(row) itself: no evidence re-weights the posterior
  };
  summariseRows(memberSets(spn), B, 1, evaluate, (r, row) => {
    const logs = column(row, 0);
    out.push({
      logProb: logMeanExp(logs),
      uncertainty: row.count > 1 ? weightedSpread(logs, row.weights) : null,
      parameterUncertainty: false,
    });
  });
  const draws = drawSets(spn, B);
  if (draws !== null) {
    summariseRows(draws, B, 1, evaluate, (r, row) => {
      out[r]!.uncertainty = weightedSpread(column(row, 0), row.weights);
      out[r]!.parameterUncertainty = true;
    });
  }
  return out;
}
