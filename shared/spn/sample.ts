import { type Rng, standardNormal } from "../numeric/rng.ts";
import { checkCap, MAX_SAMPLES } from "./caps.ts";
import { type CompiledSpn, KIND_GAUSSIAN_LEAF, KIND_MVN_LEAF, KIND_PRODUCT, KIND_SUM } from "./compiled-spn.ts";
import { mvnLeafComplete } from "./mvn-passes.ts";
import { ZeroProbabilityEvidenceError } from "./errors.ts";
import { emptyRow } from "./evidence.ts";
import { fastExp } from "./fast-exp.ts";
import { upwardValues } from "./log-prob.ts";

/**
 * n draws from p(x | evidence) (from p(x) without evidence) of one member, as a row-major
 * Float64Array: draw i, variable v at [i * V + v] (state index, or the gaussian value).
 * Conditional ancestral sampling: one upward pass with the evidence, then per draw a top-down walk
 * choosing child c of sum n with probability w_c S_c(e) / S_n(e), all children of a product, and
 * at each leaf its evidence value or a draw from the leaf distribution. This samples the
 * posterior over induced trees exactly, hence x exactly from p(x | e) (Poon & Domingos 2011;
 * Peharz et al. 2017 Sec. 4). Same rng state, same draws.
 */
export function sample(
  rng: Rng,
  spn: CompiledSpn,
  memberIndex: number,
  n: number,
  evidence: Float64Array = emptyRow(spn),
  pointers: { n: string; evidence: string } = { n: "/n", evidence: "/evidence" },
): Float64Array {
  checkCap(pointers.n, "MAX_SAMPLES (samples per request)", MAX_SAMPLES, n);
  const values = upwardValues(spn, memberIndex, evidence);
  if (values[spn.root] === -Infinity) throw new ZeroProbabilityEvidenceError(pointers.evidence);
  const V = spn.variables.length;
  const out = new Float64Array(n * V);
  const stack = new Int32Array(spn.nodeCount);
  for (let i = 0; i < n; i++) drawInto(rng, spn, memberIndex, values, evidence, out, i * V, stack);
  return out;
}

/**
 * One top-down draw into out[offset .. offset + V) given the member's upward `values` for
 * `evidence`. `stack` needs nodeCount entries: decomposability means a draw's induced tree visits
 * each node at most once.
 */
export function drawInto(
  rng: Rng,
  spn: CompiledSpn,
  memberIndex: number,
  values: Float64Array,
  evidence: Float64Array,
  out: Float64Array,
  offset: number,
  stack: Int32Array,
): void {
  const { kind, childStart, childIndex, leafVariable, leafParamStart, stateCount } = spn;
  const { logWeights, leafLogParams } = spn.members[memberIndex]!;
  out.set(evidence, offset);
  let top = 0;
  stack[top++] = spn.root;
  while (top > 0) {
    const n = stack[--top]!;
    const k = kind[n]!;
    if (k === KIND_SUM) {
      const logSn = values[n]!;
      const to = childStart[n + 1]!;
      let u = rng.nextFloat();
      let chosen = -1;
      for (let e = childStart[n]!; e < to; e++) {
        const p = fastExp(logWeights[e]! + values[childIndex[e]!]! - logSn);
        if (p > 0) chosen = e; // rounding may leave u >= 0 at the end: keep the last possible child
        u -= p;
        if (u < 0) break;
      }
      stack[top++] = childIndex[chosen]!;
    } else if (k === KIND_PRODUCT) {
      for (let e = childStart[n]!; e < childStart[n + 1]!; e++) stack[top++] = childIndex[e]!;
    } else if (k === KIND_MVN_LEAF) {
      mvnLeafComplete(rng, spn, spn.members[memberIndex]!, n, evidence, out, offset);
    } else {
      const v = leafVariable[n]!;
      if (!Number.isNaN(evidence[v]!)) continue;
      const p = leafParamStart[n]!;
      out[offset + v] =
        k === KIND_GAUSSIAN_LEAF
          ? leafLogParams[p]! + leafLogParams[p + 1]! * standardNormal(rng)
          : drawState(rng, leafLogParams, p, stateCount[v]!);
    }
  }
}

function drawState(rng: Rng, logP: Float64Array, from: number, k: number): number {
  let u = rng.nextFloat();
  let chosen = 0;
  for (let s = 0; s < k; s++) {
    const p = Math.exp(logP[from + s]!);
    if (p > 0) chosen = s;
    u -= p;
    if (u < 0) break;
  }
  return chosen;
}
