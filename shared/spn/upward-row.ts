import {
  type CompiledMember,
  type CompiledSpn,
  KIND_DISCRETE_LEAF,
  KIND_GAUSSIAN_LEAF,
  KIND_MVN_LEAF,
  KIND_PRODUCT,
} from "./compiled-spn.ts";
import { mvnLeafRow } from "./mvn-passes.ts";
import { fastExp } from "./fast-exp.ts";

/**
 * sumProductChunk specialised to one row (values[n] = log S_n): the batched loops cost more in
 * per-edge setup than they save when there is a single row, and single queries are the
 * latency-bound case. Same values up to rounding (it sums in a different order).
 */
export function sumProductRow(spn: CompiledSpn, member: CompiledMember, row: Float64Array, values: Float64Array): void {
  const { kind, childStart, childIndex, leafVariable, leafParamStart, nodeCount } = spn;
  const { logWeights, leafLogParams } = member;
  // Local copies: an imported binding is re-read (with a TDZ check) on every use in the loop.
  const discreteLeaf = KIND_DISCRETE_LEAF;
  const gaussianLeaf = KIND_GAUSSIAN_LEAF;
  const product = KIND_PRODUCT;
  for (let n = 0; n < nodeCount; n++) {
    const k = kind[n]!;
    if (k === discreteLeaf) {
      const x = row[leafVariable[n]!]!;
      values[n] = x !== x ? 0 : leafLogParams[leafParamStart[n]! + x]!;
    } else if (k === gaussianLeaf) {
      const x = row[leafVariable[n]!]!;
      const p = leafParamStart[n]!;
      const z = (x - leafLogParams[p]!) * leafLogParams[p + 2]!;
      values[n] = x !== x ? 0 : leafLogParams[p + 3]! - 0.5 * z * z;
    } else if (k === KIND_MVN_LEAF) {
      values[n] = mvnLeafRow(spn, member, n, row);
    } else if (k === product) {
      let total = 0;
      for (let e = childStart[n]!, to = childStart[n + 1]!; e < to; e++) total += values[childIndex[e]!]!;
      values[n] = total;
    } else {
      // Online max-shifted log-sum-exp: one pass, one exp per edge (of the new term against the
      // running max, or of the old max against the new term, which rescales the sum). A finite
      // floor instead of -Infinity keeps -Infinity terms at exp(-Infinity) = 0, never NaN; an
      // all-zero sum ends with acc = 0, hence log 0 = -Infinity.
      const from = childStart[n]!;
      const to = childStart[n + 1]!;
      let max = logWeights[from]! + values[childIndex[from]!]!;
      let acc = 1;
      if (max === -Infinity) {
        max = -Number.MAX_VALUE;
        acc = 0;
      }
      for (let e = from + 1; e < to; e++) {
        let t = logWeights[e]! + values[childIndex[e]!]!;
        const up = t > max;
        if (up) {
          const old = max;
          max = t;
          t = old;
        }
        const ex = fastExp(t - max);
        acc = up ? acc * ex + 1 : acc + ex;
      }
      values[n] = max + Math.log(acc);
    }
  }
}
