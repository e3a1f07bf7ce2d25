import { type CompiledSpn, KIND_PRODUCT, KIND_SUM } from "./compiled-spn.ts";
import { fastExp } from "./fast-exp.ts";
import { upwardValues } from "./log-prob.ts";
import { chooseWasm } from "./wasm/choose.ts";
import { wasmRowFlows } from "./wasm/flows.ts";
import { scratch } from "./workspace.ts";

/**
 * log p(row) and the flows (flowPass) of one row, in the model's scratch "flow" buffer (valid
 * until the next evaluation on this model; untouched when p(row) = 0): one upward and one
 * downward pass, in the wasm kernels where available (wasm/choose.ts), else in JS below.
 */
export function rowFlows(
  spn: CompiledSpn,
  memberIndex: number,
  row: Float64Array,
  allowWasm = true,
): { logP: number; flow: Float64Array } {
  const flow = scratch(spn, "flow", spn.nodeCount);
  const wasm = allowWasm ? chooseWasm(spn) : null;
  if (wasm !== null) {
    const logP = wasmRowFlows(wasm, memberIndex, row, flow);
    if (logP !== null) return { logP, flow };
  }
  const values = upwardValues(spn, memberIndex, row);
  const logP = values[spn.root]!;
  if (logP !== -Infinity) flowPass(spn, memberIndex, values, flow);
  return { logP, flow };
}

/**
 * Downward (derivative) pass of Darwiche 2003 in normalised form: given the upward log-values of
 * one row, writes flow[n] = (dS_root/dS_n) * S_n / S_root, the posterior probability that node n
 * lies in the induced tree that generated the row (root 1; a sum passes w_c S_c / S_n of its flow
 * to child c; a product passes all of it to every child). This is the derivative scaled by
 * S_n / S_root, which keeps every quantity in [0, 1]: no logs, one exp per sum edge. Requires
 * S_root > 0.
 */
export function flowPass(spn: CompiledSpn, memberIndex: number, values: Float64Array, flow: Float64Array): void {
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
