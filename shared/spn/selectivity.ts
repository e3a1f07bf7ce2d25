import { type CompiledMember, type CompiledSpn, KIND_DISCRETE_LEAF, KIND_SUM } from "./compiled-spn.ts";

/** Above this many (variable x graph) steps the check gives up and reports "not proven". */
const MAX_SELECTIVITY_WORK = 2e8;

/**
 * Sufficient check of selectivity (Peharz et al. 2014/2017): a sum node is deterministic when
 * some discrete variable in its scope splits its children, i.e. the children's supports over that
 * variable's states are pairwise disjoint. Supports are bitmasks over states (0 = variable not in
 * scope), united over all members, so a pass proves every member selective. Children whose weight
 * is 0 in every member never contribute and are ignored. Sums split only on a conjunction of
 * variables, or on a gaussian, are not recognised: the answer is then false ("not proven").
 */
export function isSelective(
  spn: Omit<CompiledSpn, "members" | "selective">,
  members: readonly CompiledMember[],
): boolean {
  const { nodeCount, kind, childStart, childIndex, stateCount, variables } = spn;
  const live = liveEdges(spn, members);
  const maxStates = Math.max(0, ...stateCount);
  let sums = 0;
  for (let n = 0; n < nodeCount; n++) {
    if (kind[n] !== KIND_SUM) continue;
    sums++;
    let children = 0;
    for (let e = childStart[n]!; e < childStart[n + 1]!; e++) children += live[e]!;
    if (children > maxStates) return false; // no variable has enough states to split them
  }
  if (sums === 0) return true;
  const discrete = variables.map((_, v) => v).filter((v) => stateCount[v]! > 0);
  if (discrete.length * (nodeCount + spn.edgeCount) > MAX_SELECTIVITY_WORK) return false;

  const decided = new Uint8Array(nodeCount);
  const support = new Int32Array(nodeCount);
  for (const v of discrete) {
    for (let n = 0; n < nodeCount; n++) {
      if (kind[n] === KIND_DISCRETE_LEAF) {
        support[n] = spn.leafVariable[n] === v ? leafSupport(spn, members, n) : 0;
        continue;
      }
      let union = 0;
      let disjoint = true;
      for (let e = childStart[n]!; e < childStart[n + 1]!; e++) {
        if (live[e] === 0) continue;
        const s = support[childIndex[e]!]!;
        if ((union & s) !== 0) disjoint = false;
        union |= s;
      }
      support[n] = union;
      if (kind[n] === KIND_SUM && union !== 0 && disjoint && decided[n] === 0) {
        decided[n] = 1;
        sums--;
      }
    }
    if (sums === 0) return true;
  }
  return false;
}

/** 1 for an edge with a positive weight in some member (product edges are always live). */
function liveEdges(spn: Omit<CompiledSpn, "members" | "selective">, members: readonly CompiledMember[]): Uint8Array {
  const live = new Uint8Array(spn.edgeCount);
  for (let n = 0; n < spn.nodeCount; n++) {
    const isSum = spn.kind[n] === KIND_SUM;
    for (let e = spn.childStart[n]!; e < spn.childStart[n + 1]!; e++) {
      live[e] = !isSum || members.some((m) => m.logWeights[e]! > -Infinity) ? 1 : 0;
    }
  }
  return live;
}

/** States with positive probability in some member; all bits when there are more than 32. */
function leafSupport(
  spn: Omit<CompiledSpn, "members" | "selective">,
  members: readonly CompiledMember[],
  leaf: number,
): number {
  const k = spn.stateCount[spn.leafVariable[leaf]!]!;
  if (k > 32) return -1;
  const at = spn.leafParamStart[leaf]!;
  let mask = 0;
  for (let s = 0; s < k; s++) {
    if (members.some((m) => m.leafLogParams[at + s]! > -Infinity)) mask |= 1 << s;
  }
  return mask;
}
