import type { CompiledSpn } from "./compiled-spn.ts";
import { ZeroProbabilityEvidenceError } from "./errors.ts";
import type { EvidenceBatch } from "./evidence.ts";
import { marginalLayout, marginalsEvaluator } from "./marginals-batch.ts";
import { drawSets, memberSets } from "./parameter-sets.ts";
import { column, type RowSets, summariseRows, weightedMean } from "./row-summaries.ts";
import type { Uncertainty } from "./spread.ts";
import { weightedSpread } from "./weighted-spread.ts";

export type EnsembleMarginal =
  | {
      variable: number;
      kind: "discrete";
      observed: boolean;
      /** p(X = state | e) of the mixture: Σ_s w_s p_s(X = state | e), w_s ∝ p_s(e). */
      probabilities: Float64Array;
      /** Per state: w-weighted spread over the parameter sets. */
      uncertainty: Uncertainty[] | null;
    }
  | {
      variable: number;
      kind: "gaussian";
      observed: boolean;
      /** Mean and variance of the mixture posterior Σ_s w_s p_s(X | e) (law of total variance). */
      mean: number;
      variance: number;
      /** Spread of the sets' means and of their variances. */
      uncertainty: { mean: Uncertainty; variance: Uncertainty } | null;
    };

export interface EnsembleMarginals {
  marginals: EnsembleMarginal[];
  parameterUncertainty: boolean;
}

/**
 * Single-variable posteriors of the posterior-predictive mixture for every evidence row, by batched
 * upward and downward passes per parameter set (marginals-batch.ts). `variables` defaults to all.
 * Only evidence the mixture gives probability zero is an error.
 */
export function ensembleMarginals(
  spn: CompiledSpn,
  evidence: EvidenceBatch,
  variables: readonly number[] = spn.variables.map((_, v) => v),
  evidencePointer: (row: number) => string = () => "/evidence",
): EnsembleMarginals[] {
  const layout = marginalLayout(spn, variables);
  const evaluate = marginalsEvaluator(evidence, layout);
  const B = evidence.rowCount;
  const out: EnsembleMarginals[] = [];
  summariseRows(memberSets(spn), B, layout.width, evaluate, (r, row) => {
    if (row.logMeanWeight === -Infinity) throw new ZeroProbabilityEvidenceError(evidencePointer(r));
    out.push({
      marginals: answers(spn, evidence, r, layout.variables, layout.offset, row),
      parameterUncertainty: false,
    });
  });
  const draws = drawSets(spn, B);
  if (draws !== null) {
    summariseRows(draws, B, layout.width, evaluate, (r, row) => {
      if (row.logMeanWeight === -Infinity) return;
      const spread = answers(spn, evidence, r, layout.variables, layout.offset, row);
      out[r]!.marginals.forEach((m, i) => (m.uncertainty = spread[i]!.uncertainty));
      out[r]!.parameterUncertainty = true;
    });
  }
  return out;
}

function answers(
  spn: CompiledSpn,
  evidence: EvidenceBatch,
  r: number,
  variables: readonly number[],
  offset: Int32Array,
  row: RowSets,
): EnsembleMarginal[] {
  const many = row.count > 1;
  return variables.map((v, i): EnsembleMarginal => {
    const at = offset[i]!;
    const observed = !Number.isNaN(evidence.values[v * evidence.rowCount + r]!);
    const k = spn.stateCount[v]!;
    if (k > 0) {
      const probabilities = Float64Array.from({ length: k }, (_, s) => weightedMean(row, at + s));
      const uncertainty = many
        ? Array.from({ length: k }, (_, s) => weightedSpread(column(row, at + s), row.weights))
        : null;
      return { variable: v, kind: "discrete", observed, probabilities, uncertainty };
    }
    const mean = weightedMean(row, at);
    let variance = 0;
    for (let s = 0; s < row.count; s++) {
      if (row.weights[s]! > 0)
        variance += row.weights[s]! * (row.valueAt(s, at + 1) + (row.valueAt(s, at) - mean) ** 2);
    }
    const uncertainty = many
      ? {
          mean: weightedSpread(column(row, at), row.weights),
          variance: weightedSpread(column(row, at + 1), row.weights),
        }
      : null;
    return { variable: v, kind: "gaussian", observed, mean, variance, uncertainty };
  });
}
