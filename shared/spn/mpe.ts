import type { CompiledSpn } from "./compiled-spn.ts";
import { ZeroProbabilityEvidenceError } from "./errors.ts";
import { logProbRow } from "./log-prob.ts";
import { maxProductBacktrack, maxProductRow } from "./max-product.ts";
import { scratch } from "./workspace.ts";

export interface MpeResult {
  /** Every variable: the evidence where observed, the MPE completion elsewhere. */
  assignment: Float64Array;
  /** log p(assignment) from a regular sum-product pass, not the max-product value. */
  logProb: number;
  /** True only for a selective SPN, where max-product is the exact MPE (Peharz et al. 2017). */
  exact: boolean;
}

/**
 * Most probable explanation of the unobserved variables given `evidence` by max-product and
 * backtracking. Exact when the SPN is selective (detected at compile time, see selectivity.ts);
 * otherwise the standard approximation (it maximises over induced trees, not over the sum of
 * them), reported as exact: false. Zero-probability evidence has no MPE and throws.
 */
export function mpe(
  spn: CompiledSpn,
  memberIndex: number,
  evidence: Float64Array,
  evidencePointer = "/evidence",
): MpeResult {
  const values = scratch(spn, "max", spn.nodeCount);
  maxProductRow(spn, memberIndex, evidence, values);
  if (values[spn.root] === -Infinity) throw new ZeroProbabilityEvidenceError(evidencePointer);
  const assignment = maxProductBacktrack(spn, memberIndex, evidence, values);
  return { assignment, logProb: logProbRow(spn, memberIndex, assignment), exact: spn.selective };
}
