import type { SpnArtifact } from "./artifact-schema.ts";
import {
  type CompiledMember,
  type CompiledSpn,
  GAUSSIAN_SLOTS,
  KIND_DISCRETE_LEAF,
  KIND_GAUSSIAN_LEAF,
  KIND_MVN_LEAF,
  KIND_PRODUCT,
  KIND_SUM,
  mvnSlots,
  type SpnVariable,
} from "./compiled-spn.ts";
import { fillMvnMember, mvnLayout } from "./mvn-compile.ts";
import { compilePosteriors } from "./posterior.ts";
import { isSelective } from "./selectivity.ts";

const HALF_LOG_TWO_PI = 0.9189385332046728; // = 0.5 * log(2 * pi)

/**
 * Flattens an artifact that passed validateSpn into a CompiledSpn. Weights and categorical
 * parameters are renormalised exactly (validation allows 1e-6 slack) so that the joint sums to 1.
 */
export function compileSpn(artifact: SpnArtifact): CompiledSpn {
  const variables: SpnVariable[] = artifact.variables.map((v) => ({
    name: v.name,
    type: v.type,
    states: v.type === "gaussian" ? [] : v.type === "bernoulli" ? (v.states ?? ["0", "1"]) : v.states,
  }));
  const stateCount = Int32Array.from(variables, (v) => v.states.length);
  const { nodes } = artifact;
  const nodeCount = nodes.length;
  const kind = new Uint8Array(nodeCount);
  const childStart = new Int32Array(nodeCount + 1);
  const leafVariable = new Int32Array(nodeCount).fill(-1);
  const leafParamStart = new Int32Array(nodeCount).fill(-1);
  const leafCount = new Int32Array(variables.length + 1);
  let edges = 0;
  let params = 0;
  let maxFanIn = 0;
  for (let n = 0; n < nodeCount; n++) {
    const node = nodes[n]!;
    childStart[n] = edges;
    if (node.kind === "leaf") {
      const v = node.variable;
      kind[n] = stateCount[v] === 0 ? KIND_GAUSSIAN_LEAF : KIND_DISCRETE_LEAF;
      leafVariable[n] = v;
      leafParamStart[n] = params;
      params += stateCount[v] === 0 ? GAUSSIAN_SLOTS : stateCount[v]!;
      leafCount[v + 1]!++;
    } else if (node.kind === "mvn") {
      kind[n] = KIND_MVN_LEAF;
      leafParamStart[n] = params;
      params += mvnSlots(node.variables.length);
      for (const v of node.variables) leafCount[v + 1]!++;
    } else {
      kind[n] = node.kind === "sum" ? KIND_SUM : KIND_PRODUCT;
      edges += node.children.length;
      maxFanIn = Math.max(maxFanIn, node.children.length);
    }
  }
  childStart[nodeCount] = edges;
  const childIndex = new Int32Array(edges);
  for (let n = 0; n < nodeCount; n++) {
    const node = nodes[n]!;
    if (node.kind === "sum" || node.kind === "product") childIndex.set(node.children, childStart[n]);
  }
  for (let v = 0; v < variables.length; v++) leafCount[v + 1]! += leafCount[v]!;
  const variableLeafStart = leafCount.slice();
  const variableLeaves = new Int32Array(variableLeafStart[variables.length]!);
  const mvn = mvnLayout(nodes, variableLeaves.length);
  for (let n = 0; n < nodeCount; n++) {
    const node = nodes[n]!;
    if (leafVariable[n]! >= 0) variableLeaves[leafCount[leafVariable[n]!]!++] = n;
    else if (node.kind === "mvn") {
      node.variables.forEach((v, i) => {
        mvn!.position[leafCount[v]!] = i;
        variableLeaves[leafCount[v]!++] = n;
      });
    }
  }

  const spn: Omit<CompiledSpn, "members" | "selective"> = {
    variables,
    variableIndex: new Map(variables.map((v, i) => [v.name, i])),
    stateCount,
    nodeCount,
    edgeCount: edges,
    root: nodeCount - 1,
    kind,
    childStart,
    childIndex,
    maxFanIn,
    leafVariable,
    leafParamStart,
    variableLeafStart,
    variableLeaves,
    mvn,
  };
  const members = artifact.members.map((m) => {
    const member = compileMember(spn, m.weights, m.leafParams, params);
    if (mvn) fillMvnMember(spn, m.mvn!, member.leafLogParams);
    return member;
  });
  return {
    ...spn,
    members,
    selective: isSelective(spn, members),
    posteriors: compilePosteriors(spn, artifact, params),
  };
}

function compileMember(
  spn: Omit<CompiledSpn, "members" | "selective">,
  weights: readonly number[],
  leafParams: readonly number[],
  paramCount: number,
): CompiledMember {
  const logWeights = new Float64Array(spn.edgeCount);
  const leafLogParams = new Float64Array(paramCount);
  let w = 0;
  let p = 0;
  for (let n = 0; n < spn.nodeCount; n++) {
    const k = spn.kind[n]!;
    if (k === KIND_SUM) {
      const from = spn.childStart[n]!;
      const count = spn.childStart[n + 1]! - from;
      logNormalised(weights, w, count, logWeights, from);
      w += count;
    } else if (k === KIND_DISCRETE_LEAF) {
      const v = spn.leafVariable[n]!;
      const at = spn.leafParamStart[n]!;
      if (spn.variables[v]!.type === "bernoulli") {
        const p1 = leafParams[p++]!;
        leafLogParams[at] = Math.log1p(-p1);
        leafLogParams[at + 1] = Math.log(p1);
      } else {
        logNormalised(leafParams, p, spn.stateCount[v]!, leafLogParams, at);
        p += spn.stateCount[v]!;
      }
    } else if (k === KIND_GAUSSIAN_LEAF) {
      const at = spn.leafParamStart[n]!;
      const mean = leafParams[p++]!;
      const std = leafParams[p++]!;
      leafLogParams.set([mean, std, 1 / std, -Math.log(std) - HALF_LOG_TWO_PI], at);
    }
  }
  return { logWeights, leafLogParams };
}

function logNormalised(src: readonly number[], from: number, count: number, dst: Float64Array, at: number): void {
  let total = 0;
  for (let i = 0; i < count; i++) total += src[from + i]!;
  const logTotal = Math.log(total);
  for (let i = 0; i < count; i++) dst[at + i] = Math.log(src[from + i]!) - logTotal;
}
