import { type CompiledMember, type CompiledSpn, KIND_PRODUCT, KIND_SUM } from "./compiled-spn.ts";
import { fastExp } from "./fast-exp.ts";

/**
 * flowPass (downward.ts) for R rows at once over the node-major upward values of sumProductChunk:
 * flow[n * R + r] = posterior probability that node n lies in the induced tree of row r (root 1;
 * a sum passes w_c S_c / S_n of its flow to child c, a product all of it). The inner loops run
 * over rows, contiguous in memory. A row whose node has zero flow passes nothing (its values may be
 * -Infinity). Rows with S_root = 0 get flows that must be ignored.
 */
export function flowChunk(
  spn: CompiledSpn,
  member: CompiledMember,
  values: Float64Array,
  R: number,
  flow: Float64Array,
): void {
  const { kind, childStart, childIndex, root } = spn;
  const { logWeights } = member;
  const sum = KIND_SUM; // locals: imported bindings are re-checked on every use in a loop
  const product = KIND_PRODUCT;
  flow.fill(0, 0, spn.nodeCount * R);
  flow.fill(1, root * R, root * R + R);
  for (let n = root; n >= 0; n--) {
    const k = kind[n]!;
    if (k !== sum && k !== product) continue;
    const at = n * R;
    for (let e = childStart[n]!, to = childStart[n + 1]!; e < to; e++) {
      const c = childIndex[e]! * R;
      if (k === product) {
        for (let r = 0; r < R; r++) flow[c + r] += flow[at + r]!;
        continue;
      }
      const lw = logWeights[e]!;
      for (let r = 0; r < R; r++) {
        const f = flow[at + r]!;
        if (f !== 0) flow[c + r] += f * fastExp(lw + values[c + r]! - values[at + r]!);
      }
    }
  }
}
