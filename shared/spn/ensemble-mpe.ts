import type { CompiledSpn } from "./compiled-spn.ts";
import { ZeroProbabilityEvidenceError } from "./errors.ts";
import type { EvidenceBatch } from "./evidence.ts";
import { logProbBatch } from "./log-prob.ts";
import { maxProductBacktrack, maxProductRow } from "./max-product.ts";
import { drawSets, memberSets } from "./parameter-sets.ts";
import { column, summariseRows } from "./row-summaries.ts";
import { sliceRows } from "./slice-rows.ts";
import { logMeanExp, type Uncertainty } from "./spread.ts";
import { weightedSpread } from "./weighted-spread.ts";
import { scratch } from "./workspace.ts";

/** Slack (in log space) under which a candidate counts as reaching the upper bound: rounding only. */
const EXACT_TOLERANCE = 1e-9;

export interface EnsembleMpe {
  assignment: Float64Array;
  /** log of the mixture density at the assignment, log (1/S) Σ_s p_s(x). */
  logProb: number;
  /**
   * True when the assignment is proven to maximise the mixture: every member is selective, so each
   * member's max-product value M_s is its exact maximum, and the mixture value reaches the bound
   * (1/S) Σ_s M_s >= max_x (1/S) Σ_s p_s(x) (within 1e-9 relative). Always true for one selective
   * member; for S > 1 when the members' MPEs coincide. False means "not guaranteed".
   */
  exact: boolean;
  /** Spread of log p(assignment) over the parameter sets. */
  uncertainty: Uncertainty | null;
  parameterUncertainty: boolean;
}

/**
 * MPE of the posterior-predictive mixture for every evidence row: each member's max-product MPE
 * (Poon & Domingos 2011; exact per member when selective, Peharz et al. 2017) is a candidate, every
 * candidate is scored under the mixture in one batched pass per member, and the best is kept.
 */
export function ensembleMpe(
  spn: CompiledSpn,
  evidence: EvidenceBatch,
  evidencePointer: (row: number) => string = () => "/evidence",
): EnsembleMpe[] {
  const S = spn.members.length;
  const B = evidence.rowCount;
  const V = spn.variables.length;
  const values = scratch(spn, "max", spn.nodeCount);
  const candidates = new Float64Array(B * S * V).fill(NaN); // variable-major batch of B x S rows
  const logBound = new Float64Array(B);
  const rootMax = new Float64Array(B * S); // [r * S + s]
  const row = new Float64Array(V);
  const possible = new Uint8Array(B * S); // member s has an MPE candidate for row r (p_s(e) > 0)
  // Member by member (all rows of one member, then the next), so that the cached factors of an
  // mvn leaf's missing pattern (one slot per leaf, mvn-pattern.ts) serve a whole member's rows.
  for (let s = 0; s < S; s++) {
    for (let r = 0; r < B; r++) {
      for (let v = 0; v < V; v++) row[v] = evidence.values[v * B + r]!;
      maxProductRow(spn, s, row, values);
      const max = (rootMax[r * S + s] = values[spn.root]!);
      possible[r * S + s] = max === -Infinity ? 0 : 1;
      const assignment = max === -Infinity ? row : maxProductBacktrack(spn, s, row, values);
      for (let v = 0; v < V; v++) candidates[v * B * S + r * S + s] = assignment[v]!;
    }
  }
  for (let r = 0; r < B; r++) {
    logBound[r] = logMeanExp(rootMax.subarray(r * S, (r + 1) * S));
    if (logBound[r] === -Infinity) throw new ZeroProbabilityEvidenceError(evidencePointer(r));
  }
  // Members often agree on the MPE: each distinct candidate of a row is scored once.
  const { slot, batch } = distinctCandidates(candidates, possible, B, S, V);
  const perMember = spn.members.map((_, s) => logProbBatch(spn, s, batch));
  const memberLogP = new Float64Array(S);
  const best = new Float64Array(B * V);
  const out: EnsembleMpe[] = [];
  for (let r = 0; r < B; r++) {
    let bestLogP = -Infinity;
    let bestC = r * S;
    for (let c = r * S; c < (r + 1) * S; c++) {
      const k = slot[c]!;
      if (k < 0) continue;
      for (let s = 0; s < S; s++) memberLogP[s] = perMember[s]![k]!;
      const logP = logMeanExp(memberLogP);
      if (logP > bestLogP) [bestLogP, bestC] = [logP, c];
    }
    const assignment = Float64Array.from({ length: V }, (_, v) => candidates[v * B * S + bestC]!);
    assignment.forEach((x, v) => (best[v * B + r] = x));
    const exact = spn.selective && bestLogP >= logBound[r]! - EXACT_TOLERANCE;
    out.push({ assignment, logProb: bestLogP, exact, uncertainty: null, parameterUncertainty: false });
  }
  const bestBatch = { rowCount: B, values: best };
  const evaluate = (
    s: CompiledSpn,
    m: number,
    r0: number,
    len: number,
    vals: Float64Array,
    logW: Float64Array,
  ): void => {
    vals.set(logProbBatch(s, m, sliceRows(bestBatch, r0, len)));
    logW.fill(0); // p(x) of a full assignment: no evidence re-weights the sets
  };
  const draws = drawSets(spn, B);
  const sets = draws ?? memberSets(spn);
  if (sets.count > 1) {
    summariseRows(sets, B, 1, evaluate, (r, rowSets) => {
      out[r]!.uncertainty = weightedSpread(column(rowSets, 0), rowSets.weights);
      out[r]!.parameterUncertainty = sets.parameterUncertainty;
    });
  }
  return out;
}

/**
 * The distinct candidates of each row as one variable-major batch: slot[r * S + s] is candidate
 * (r, s)'s row in it, or -1 when member s has none (p_s(e) = 0) or an earlier member of the same
 * row proposed the same assignment (the first keeps the place, so ties resolve as before).
 */
function distinctCandidates(
  candidates: Float64Array,
  possible: Uint8Array,
  B: number,
  S: number,
  V: number,
): { slot: Int32Array; batch: EvidenceBatch } {
  const slot = new Int32Array(B * S).fill(-1);
  const same = (a: number, b: number) => {
    for (let v = 0; v < V; v++) if (candidates[v * B * S + a] !== candidates[v * B * S + b]) return false;
    return true;
  };
  let count = 0;
  for (let c = 0; c < B * S; c++) {
    if (possible[c] === 0) continue;
    let twin = false;
    for (let d = c - (c % S); d < c && !twin; d++) twin = slot[d]! >= 0 && same(c, d);
    if (!twin) slot[c] = count++;
  }
  const values = new Float64Array(count * V);
  for (let c = 0; c < B * S; c++) {
    const k = slot[c]!;
    if (k >= 0) for (let v = 0; v < V; v++) values[v * count + k] = candidates[v * B * S + c]!;
  }
  return { slot, batch: { rowCount: count, values } };
}
