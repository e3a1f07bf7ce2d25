import { type CompiledSpn, KIND_PRODUCT, KIND_SUM } from "./compiled-spn.ts";
import { fastExp } from "./fast-exp.ts";

/**
 * Downward (derivative) pass of Darwiche 2003 in normalised form: given the upward log-values of
 * one row, writes flow[n] = (dS_root/dS_n) * S_n / S_root, the posterior probability that node n
 * lies in the induced tree that generated the row (root 1; a sum passes w_c S_c / S_n of its flow
 * to child c; a product passes all of it to every child). This is the derivative scaled by
 * S_n / S_root, which keeps every quantity in [0, 1]: no logs, one exp per sum edge. Requires
 * S_root > 0.
 */
export function flowPass(
  spn: CompiledSpn,
  memberIndex: number,
  values: Float64Array,
  flow: Float64Array,
): void {
  const { kind, childStart, childIndex, root } = spn;
  const { logWeights } = spn.members[memberIndex]!;
  const sum = KIND_SUM;
  const product = KIND_PRODUCT;
  flow.fill(0);
  flow[root] = 1;
  for (let n = root; n >= 0; n--) {
    const f = flow[n]!;
    if (f === 0) continue;
    const k = kind[n]!;
    if (k === sum) {
      const logSn = values[n]!;
      for (let e = childStart[n]!, to = childStart[n + 1]!; e < to; e++) {
        const c = childIndex[e]!;
        flow[c] += f * fastExp(logWeights[e]! + values[c]! - logSn);
      }
    } else if (k === product) {
      for (let e = childStart[n]!, to = childStart[n + 1]!; e < to; e++) flow[childIndex[e]!] += f;
    }
  }
}
