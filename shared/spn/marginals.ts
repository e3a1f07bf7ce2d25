import type { CompiledSpn } from "./compiled-spn.ts";
import { rowFlows } from "./downward.ts";
import { ZeroProbabilityEvidenceError } from "./errors.ts";
import { leafMoment, mvnRowMoments } from "./mvn-passes.ts";
import { scratch } from "./workspace.ts";

export type VariableMarginal =
  | { variable: number; kind: "discrete"; observed: boolean; probabilities: Float64Array }
  | { variable: number; kind: "gaussian"; observed: boolean; mean: number; variance: number };

/**
 * All single-variable posteriors p(X_v | e) from one upward and one downward pass (Darwiche 2003;
 * Poon & Domingos 2011 Sec. 3), not one pass per variable. For an unobserved X every induced tree
 * holds exactly one leaf of X, so p(X = x | e) = sum over leaves L of X of flow_L * p_L(x): a
 * mixture of the leaf distributions with the flows as weights. A gaussian X is summarised by that
 * mixture's exact mean and variance; an mvn leaf contributes the conditional of X given the leaf's
 * observed variables (p(x | e) = sum_L flow_L p_L(x | e_L), since p_L(x, e_L) = p_L(e_L) p_L(x | e_L)).
 * An observed variable gets probability 1 on its value (a
 * gaussian: its value, variance 0). `variables` defaults to all, in artifact order.
 */
export function marginals(
  spn: CompiledSpn,
  memberIndex: number,
  evidence: Float64Array,
  variables: readonly number[] = spn.variables.map((_, v) => v),
  evidencePointer = "/evidence",
): VariableMarginal[] {
  const { logP, flow } = rowFlows(spn, memberIndex, evidence);
  if (logP === -Infinity) throw new ZeroProbabilityEvidenceError(evidencePointer);
  const { leafLogParams } = spn.members[memberIndex]!;
  const moments = mvnMomentsOfRow(spn, memberIndex, evidence, flow, 0, 1);
  return variables.map((v) => {
    const observed = evidence[v]!;
    const k = spn.stateCount[v]!;
    const from = spn.variableLeafStart[v]!;
    const to = spn.variableLeafStart[v + 1]!;
    if (k === 0) {
      if (!Number.isNaN(observed))
        return { variable: v, kind: "gaussian", observed: true, mean: observed, variance: 0 };
      let mean = 0;
      for (let i = from; i < to; i++)
        mean += flow[spn.variableLeaves[i]!]! * leafMoment(spn, leafLogParams, moments, i, 0);
      let variance = 0; // law of total variance, centred at the mean: no cancellation
      for (let i = from; i < to; i++) {
        const d = leafMoment(spn, leafLogParams, moments, i, 0) - mean;
        variance += flow[spn.variableLeaves[i]!]! * (leafMoment(spn, leafLogParams, moments, i, 1) + d * d);
      }
      return { variable: v, kind: "gaussian", observed: false, mean, variance };
    }
    const probabilities = new Float64Array(k);
    if (!Number.isNaN(observed)) {
      probabilities[observed] = 1;
      return { variable: v, kind: "discrete", observed: true, probabilities };
    }
    for (let i = from; i < to; i++) {
      const leaf = spn.variableLeaves[i]!;
      const f = flow[leaf]!;
      if (f === 0) continue;
      const p = spn.leafParamStart[leaf]!;
      for (let s = 0; s < k; s++) probabilities[s]! += f * Math.exp(leafLogParams[p + s]!);
    }
    return { variable: v, kind: "discrete", observed: false, probabilities };
  });
}

/**
 * The mvn leaves' conditional moments for one row (mvnRowMoments; rows laid out ev[v * stride +
 * col], flows flow[node * flowStride + flowAt]) in the model's scratch, or null without mvn leaves.
 */
export function mvnMomentsOfRow(
  spn: CompiledSpn,
  memberIndex: number,
  ev: Float64Array,
  flow: Float64Array,
  col: number,
  stride: number,
  flowStride = 1,
  flowAt = 0,
): Float64Array | null {
  if (!spn.mvn) return null;
  const moments = scratch(spn, "mvn-moments", 2 * spn.mvn.vars.length).fill(0);
  mvnRowMoments(spn, spn.members[memberIndex]!, ev, stride, col, moments, (node) => flow[node * flowStride + flowAt]!);
  return moments;
}
