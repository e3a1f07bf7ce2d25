import {
  type CompiledSpn,
  KIND_DISCRETE_LEAF,
  KIND_GAUSSIAN_LEAF,
  KIND_MVN_LEAF,
  KIND_PRODUCT,
  KIND_SUM,
} from "./compiled-spn.ts";
import { mvnLeafComplete, mvnLeafMax } from "./mvn-passes.ts";

/**
 * Upward max-product pass for one row (Poon & Domingos 2011 Sec. 3; Peharz et al. 2017): sums
 * become weighted maxima; an unobserved leaf takes its mode (the most probable state, or the
 * gaussian's density at its mean; an mvn leaf's density at the conditional mean of its absent
 * variables). values[n] = log of the max-product value of node n.
 */
export function maxProductRow(spn: CompiledSpn, memberIndex: number, row: Float64Array, values: Float64Array): void {
  const { kind, childStart, childIndex, leafVariable, leafParamStart, stateCount } = spn;
  const { logWeights, leafLogParams } = spn.members[memberIndex]!;
  const product = KIND_PRODUCT; // local: imported bindings are re-checked on every use in a loop
  for (let n = 0; n < spn.nodeCount; n++) {
    const k = kind[n]!;
    const p = leafParamStart[n]!;
    if (k === KIND_DISCRETE_LEAF) {
      const x = row[leafVariable[n]!]!;
      const state = x !== x ? modeState(leafLogParams, p, stateCount[leafVariable[n]!]!) : x;
      values[n] = leafLogParams[p + state]!;
    } else if (k === KIND_GAUSSIAN_LEAF) {
      const x = row[leafVariable[n]!]!;
      const z = x !== x ? 0 : (x - leafLogParams[p]!) * leafLogParams[p + 2]!;
      values[n] = leafLogParams[p + 3]! - 0.5 * z * z;
    } else if (k === KIND_MVN_LEAF) {
      values[n] = mvnLeafMax(spn, spn.members[memberIndex]!, n, row);
    } else {
      const from = childStart[n]!;
      const to = childStart[n + 1]!;
      let acc = k === product ? 0 : -Infinity;
      if (k === product) for (let e = from; e < to; e++) acc += values[childIndex[e]!]!;
      else for (let e = from; e < to; e++) acc = Math.max(acc, logWeights[e]! + values[childIndex[e]!]!);
      values[n] = acc;
    }
  }
}

/**
 * The backtracking stack, reused by every call in the isolate (calls never interleave): an MPE
 * batch backtracks rows x members times, and a fresh nodeCount-sized stack each time allocated
 * 220 MB of typed arrays in one 1,794-row wdbc request.
 */
let backtrackStack = new Int32Array(0);

/**
 * Backtracking from the root over the max-product values: the first maximising child at each sum,
 * every child at a product, the mode at each unobserved leaf. Returns `row` completed: observed
 * variables keep their values. Decomposability makes each variable's leaf unique on the path.
 */
export function maxProductBacktrack(
  spn: CompiledSpn,
  memberIndex: number,
  row: Float64Array,
  values: Float64Array,
): Float64Array {
  const { kind, childStart, childIndex, leafVariable, leafParamStart, stateCount } = spn;
  const { logWeights, leafLogParams } = spn.members[memberIndex]!;
  const assignment = row.slice();
  if (backtrackStack.length < spn.nodeCount) backtrackStack = new Int32Array(spn.nodeCount);
  const stack = backtrackStack;
  let top = 0;
  stack[top++] = spn.root;
  while (top > 0) {
    const n = stack[--top]!;
    const k = kind[n]!;
    if (k === KIND_SUM) {
      let best = childStart[n]!;
      for (let e = best + 1; e < childStart[n + 1]!; e++) {
        if (logWeights[e]! + values[childIndex[e]!]! > logWeights[best]! + values[childIndex[best]!]!) best = e;
      }
      stack[top++] = childIndex[best]!;
    } else if (k === KIND_PRODUCT) {
      for (let e = childStart[n]!; e < childStart[n + 1]!; e++) stack[top++] = childIndex[e]!;
    } else if (k === KIND_MVN_LEAF) {
      mvnLeafComplete(null, spn, spn.members[memberIndex]!, n, row, assignment, 0);
    } else {
      const v = leafVariable[n]!;
      if (!Number.isNaN(row[v]!)) continue;
      const p = leafParamStart[n]!;
      assignment[v] = k === KIND_GAUSSIAN_LEAF ? leafLogParams[p]! : modeState(leafLogParams, p, stateCount[v]!);
    }
  }
  return assignment;
}

function modeState(logP: Float64Array, from: number, k: number): number {
  let best = 0;
  for (let s = 1; s < k; s++) if (logP[from + s]! > logP[from + best]!) best = s;
  return best;
}
