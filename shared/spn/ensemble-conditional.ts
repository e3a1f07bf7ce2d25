import type { CompiledSpn } from "./compiled-spn.ts";
import { ZeroProbabilityEvidenceError } from "./errors.ts";
import type { EvidenceBatch } from "./evidence.ts";
import { logProbBatch } from "./log-prob.ts";
import { sliceRows } from "./slice-rows.ts";
import { drawSets, memberSets } from "./parameter-sets.ts";
import { column, summariseRows, weightedMean } from "./row-summaries.ts";
import type { Uncertainty } from "./spread.ts";
import { weightedSpread } from "./weighted-spread.ts";

export interface EnsembleConditional {
  /** p(q | e) = Σ_s p_s(q, e) / Σ_s p_s(e): the posterior predictive conditional. */
  prob: number;
  logProb: number;
  /** w-weighted spread of p_set(q | e) over the parameter sets, w_set ∝ p_set(e). */
  uncertainty: Uncertainty | null;
  parameterUncertainty: boolean;
}

/**
 * p(q | e_r) for every evidence row (query and evidence must not share a variable; the parser
 * checks). One batched pass per parameter set over the evidence rows and the joint rows (q ∪ e_r).
 * Only evidence the mixture gives probability zero is an error (at evidencePointer(r)); a member
 * with p_s(e) = 0 just gets weight 0.
 */
export function ensembleConditional(
  spn: CompiledSpn,
  query: Float64Array,
  evidence: EvidenceBatch,
  evidencePointer: (row: number) => string = () => "/evidence",
): EnsembleConditional[] {
  const B = evidence.rowCount;
  const both = withJointRows(query, evidence);
  const evaluate = (
    s: CompiledSpn,
    m: number,
    r0: number,
    len: number,
    values: Float64Array,
    logW: Float64Array,
  ): void => {
    const lp = logProbBatch(s, m, r0 === 0 && len === B ? both : withJointRows(query, sliceRows(evidence, r0, len)));
    for (let r = 0; r < len; r++) {
      logW[r] = lp[r]!;
      values[r] = Math.exp(lp[len + r]! - lp[r]!);
    }
  };
  const out: EnsembleConditional[] = [];
  summariseRows(memberSets(spn), B, 1, evaluate, (r, row) => {
    if (row.logMeanWeight === -Infinity) throw new ZeroProbabilityEvidenceError(evidencePointer(r));
    const prob = Math.min(1, weightedMean(row, 0));
    const uncertainty = row.count > 1 ? weightedSpread(column(row, 0), row.weights) : null;
    out.push({ prob, logProb: Math.log(prob), uncertainty, parameterUncertainty: false });
  });
  const draws = drawSets(spn, 2 * B);
  if (draws !== null) {
    summariseRows(draws, B, 1, evaluate, (r, row) => {
      if (row.logMeanWeight === -Infinity) return; // every draw excludes e: keep the members' spread
      out[r]!.uncertainty = weightedSpread(column(row, 0), row.weights);
      out[r]!.parameterUncertainty = true;
    });
  }
  return out;
}

/** The evidence rows followed by the same rows with the query's values filled in (2B rows). */
function withJointRows(query: Float64Array, evidence: EvidenceBatch): EvidenceBatch {
  const B = evidence.rowCount;
  const values = new Float64Array(2 * evidence.values.length);
  for (let v = 0; v < query.length; v++) {
    const src = evidence.values.subarray(v * B, (v + 1) * B);
    values.set(src, v * 2 * B);
    if (Number.isNaN(query[v]!)) values.set(src, v * 2 * B + B);
    else values.fill(query[v]!, v * 2 * B + B, (v + 1) * 2 * B);
  }
  return { rowCount: 2 * B, values };
}
