import type { CompiledSpn } from "./compiled-spn.ts";
import { escapePointerToken, QueryEvidenceOverlapError, ZeroProbabilityEvidenceError } from "./errors.ts";
import { logProbRow } from "./log-prob.ts";

export interface ConditionalResult {
  logProb: number;
}

/**
 * log p(q | e) = log p(q, e) - log p(e), two upward passes (Poon & Domingos 2011). `query` and
 * `evidence` are rows (NaN = absent) that must not share a variable. log p(e) = -Infinity makes
 * the conditional undefined: ZeroProbabilityEvidenceError at `evidencePointer`.
 */
export function conditional(
  spn: CompiledSpn,
  memberIndex: number,
  query: Float64Array,
  evidence: Float64Array,
  evidencePointer = "/evidence",
): ConditionalResult {
  const joint = evidence.slice();
  for (let v = 0; v < joint.length; v++) {
    if (Number.isNaN(query[v]!)) continue;
    if (!Number.isNaN(evidence[v]!)) {
      const name = spn.variables[v]!.name;
      throw new QueryEvidenceOverlapError(`/query/${escapePointerToken(name)}`, name);
    }
    joint[v] = query[v]!;
  }
  const logPe = logProbRow(spn, memberIndex, evidence);
  if (logPe === -Infinity) throw new ZeroProbabilityEvidenceError(evidencePointer);
  return { logProb: logProbRow(spn, memberIndex, joint) - logPe };
}
