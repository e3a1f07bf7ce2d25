import type { SpnArtifact } from "../shared/spn/artifact-schema.ts";

/**
 * The baseline: a straightforward recursive evaluator over node objects, the way a typical
 * Python SPN library (or a first JavaScript port) is written. Each node is an object holding its
 * children and parameters; evaluation recurses from the root, memoised per row by node id so it
 * is linear in the edges, and sums use a max-shifted log-sum-exp over a fresh array. Nothing is
 * deliberately slowed down; nothing is compiled or batched either.
 */
interface NaiveNode {
  id: number;
  kind: "leaf" | "product" | "sum";
  children: NaiveNode[];
  logWeights: number[];
  variable: number;
  /** Leaf probabilities per state (discrete) or [mean, std] (gaussian). */
  params: number[];
  gaussian: boolean;
}

export interface NaiveSpn {
  root: NaiveNode;
  nodeCount: number;
}

export function buildNaive(artifact: SpnArtifact, member = 0): NaiveSpn {
  const { weights, leafParams } = artifact.members[member]!;
  const nodes: NaiveNode[] = [];
  let w = 0;
  let p = 0;
  artifact.nodes.forEach((spec, id) => {
    if (spec.kind === "mvn") throw new Error("the naive evaluator has no multivariate Gaussian leaves");
    const node: NaiveNode = {
      id,
      kind: spec.kind,
      children: [],
      logWeights: [],
      variable: -1,
      params: [],
      gaussian: false,
    };
    if (spec.kind === "leaf") {
      const v = artifact.variables[spec.variable]!;
      node.variable = spec.variable;
      node.gaussian = v.type === "gaussian";
      if (v.type === "bernoulli") node.params = [1 - leafParams[p]!, leafParams[p++]!];
      else if (v.type === "categorical") node.params = leafParams.slice(p, (p += v.states.length));
      else node.params = leafParams.slice(p, (p += 2));
    } else {
      node.children = spec.children.map((c) => nodes[c]!);
      if (spec.kind === "sum") node.logWeights = spec.children.map(() => Math.log(weights[w++]!));
    }
    nodes.push(node);
  });
  return { root: nodes[nodes.length - 1]!, nodeCount: nodes.length };
}

/** log p(row) for each row; a row maps variable index to value, undefined = absent. */
export function naiveLogProb(spn: NaiveSpn, rows: readonly (readonly (number | undefined)[])[]): number[] {
  return rows.map((row) => {
    const memo = new Map<number, number>();
    return evaluate(spn.root, row, memo);
  });
}

function evaluate(node: NaiveNode, row: readonly (number | undefined)[], memo: Map<number, number>): number {
  const cached = memo.get(node.id);
  if (cached !== undefined) return cached;
  let result: number;
  if (node.kind === "leaf") {
    const x = row[node.variable];
    if (x === undefined) result = 0;
    else if (node.gaussian) {
      const [mean, std] = node.params as [number, number];
      result = -0.5 * ((x - mean) / std) ** 2 - Math.log(std) - 0.5 * Math.log(2 * Math.PI);
    } else result = Math.log(node.params[x]!);
  } else if (node.kind === "product") {
    result = 0;
    for (const child of node.children) result += evaluate(child, row, memo);
  } else {
    const terms = node.children.map((child, i) => node.logWeights[i]! + evaluate(child, row, memo));
    const max = Math.max(...terms);
    result = max === -Infinity ? -Infinity : max + Math.log(terms.reduce((acc, t) => acc + Math.exp(t - max), 0));
  }
  memo.set(node.id, result);
  return result;
}
