import type { CompiledSpn } from "./compiled-spn.ts";
import { conditional } from "./conditional.ts";
import { ZeroProbabilityEvidenceError } from "./errors.ts";
import type { EvidenceBatch } from "./evidence.ts";
import { logProbBatch, logProbRow } from "./log-prob.ts";
import { maxProductBacktrack, maxProductRow } from "./max-product.ts";
import { logMeanExp, spread, type Uncertainty } from "./spread.ts";
import { scratch } from "./workspace.ts";

export { ensembleMarginals, type EnsembleMarginal } from "./ensemble-marginals.ts";
export { ensembleSample } from "./ensemble-sample.ts";

/**
 * Bayesian SPN ensembles: S members are posterior samples (Trapp et al. 2019; Yokoi & Sato 2024).
 * Each answer is the posterior mean over members; `uncertainty` is the spread across members
 * (spread.ts), null when there is a single member.
 */
export interface EnsembleLogProb {
  /** log (1/S) sum_s p_s(row): the posterior predictive density. */
  logProb: number;
  /** Spread of the member log-densities log p_s(row). */
  uncertainty: Uncertainty | null;
}

export function ensembleLogProb(spn: CompiledSpn, rows: EvidenceBatch): EnsembleLogProb[] {
  const S = spn.members.length;
  const perMember = spn.members.map((_, s) => logProbBatch(spn, s, rows));
  const column = new Float64Array(S);
  return Array.from({ length: rows.rowCount }, (_, r) => {
    for (let s = 0; s < S; s++) column[s] = perMember[s]![r]!;
    return { logProb: logMeanExp(column), uncertainty: S > 1 ? spread(column) : null };
  });
}

export interface EnsembleConditional {
  /** Posterior mean over members of p_s(q | e). */
  prob: number;
  logProb: number;
  /** Spread of the member probabilities p_s(q | e). */
  uncertainty: Uncertainty | null;
}

/** Mean of the member conditionals; every member must give the evidence positive probability. */
export function ensembleConditional(
  spn: CompiledSpn,
  query: Float64Array,
  evidence: Float64Array,
  evidencePointer = "/evidence",
): EnsembleConditional {
  const probs = Float64Array.from(spn.members, (_, s) =>
    Math.exp(conditional(spn, s, query, evidence, evidencePointer).logProb),
  );
  const prob = probs.reduce((a, b) => a + b, 0) / probs.length;
  return { prob, logProb: Math.log(prob), uncertainty: probs.length > 1 ? spread(probs) : null };
}

export interface EnsembleMpe {
  assignment: Float64Array;
  /** log of the mixture density at the assignment, log (1/S) sum_s p_s(x). */
  logProb: number;
  /** Only a single selective member gives the exact MPE; a mixture of selective SPNs is not selective. */
  exact: boolean;
  /** Spread of the member log-densities at the assignment. */
  uncertainty: Uncertainty | null;
}

/**
 * Max-product MPE on the uniform mixture of the members: its root is a sum with weights 1/S over
 * the members' roots, so the maximising branch is the member with the largest max-product value,
 * and backtracking continues inside that member.
 */
export function ensembleMpe(spn: CompiledSpn, evidence: Float64Array, evidencePointer = "/evidence"): EnsembleMpe {
  const S = spn.members.length;
  const values = scratch(spn, "max", spn.nodeCount);
  let best = -1;
  let bestValue = -Infinity;
  for (let s = 0; s < S; s++) {
    maxProductRow(spn, s, evidence, values);
    if (values[spn.root]! > bestValue) {
      best = s;
      bestValue = values[spn.root]!;
    }
  }
  if (best < 0) throw new ZeroProbabilityEvidenceError(evidencePointer);
  maxProductRow(spn, best, evidence, values);
  const assignment = maxProductBacktrack(spn, best, evidence, values);
  const memberLogP = Float64Array.from(spn.members, (_, s) => logProbRow(spn, s, assignment));
  return {
    assignment,
    logProb: logMeanExp(memberLogP),
    exact: S === 1 && spn.selective,
    uncertainty: S > 1 ? spread(memberLogP) : null,
  };
}
