/**
 * A small independent reader for spn.json used by the trainer tests: checks what the serving
 * engine checks (children before parents, single root sum, weights normalised, complete sums,
 * decomposable products) and evaluates log p(x) by plain recursion for cross-checks.
 */
export interface SpnJson {
  format: string;
  formatVersion: number;
  variables: { name: string; type: string; states: string[] }[];
  nodes: ({ kind: "leaf"; variable: number } | { kind: "product" | "sum"; children: number[] })[];
  members: StoredMember[];
}

interface StoredMember {
  weights?: number[];
  leafParams?: number[];
  posterior?: { sumAlpha: number; sumCounts: number[]; leafPriors: number[][]; leafStats: number[] };
}

/**
 * A member's weights and Bernoulli parameters: stored, or (binary models, which store only their
 * counts) the posterior means recomputed here without the engine's code or its rounding.
 */
function parametersOf(spn: SpnJson, m: StoredMember): { weights: number[]; leafParams: number[] } {
  if (m.weights && m.leafParams) return { weights: m.weights, leafParams: m.leafParams };
  const { sumAlpha, sumCounts, leafPriors, leafStats } = m.posterior!;
  const weights: number[] = [];
  const leafParams: number[] = [];
  for (const node of spn.nodes) {
    if (node.kind === "sum") {
      const counts = sumCounts.slice(weights.length, weights.length + node.children.length);
      const n = counts.reduce((x, y) => x + y, 0);
      for (const c of counts) weights.push((c + sumAlpha) / (n + counts.length * sumAlpha));
    } else if (node.kind === "leaf") {
      const [a, b] = leafPriors[node.variable]!;
      const [m0, m1] = [leafStats[2 * leafParams.length]!, leafStats[2 * leafParams.length + 1]!];
      leafParams.push((a! + m1) / (a! + b! + m0 + m1));
    }
  }
  return { weights, leafParams };
}

export function checkArtifact(spn: SpnJson): string[] {
  const problems: string[] = [];
  const scopes: Set<number>[] = [];
  let sumEdges = 0;
  let leaves = 0;
  spn.nodes.forEach((node, i) => {
    if (node.kind === "leaf") {
      leaves++;
      scopes.push(new Set([node.variable]));
      if (node.variable < 0 || node.variable >= spn.variables.length) problems.push(`node ${i}: bad variable`);
      return;
    }
    if (node.children.some((c) => c >= i)) problems.push(`node ${i}: a child does not precede its parent`);
    const childScopes = node.children.map((c) => scopes[c]!);
    const union = new Set(childScopes.flatMap((s) => [...s]));
    if (node.kind === "product" && union.size !== childScopes.reduce((n, s) => n + s.size, 0))
      problems.push(`node ${i}: product not decomposable`);
    if (node.kind === "sum") {
      sumEdges += node.children.length;
      if (childScopes.some((s) => s.size !== union.size || [...s].some((v) => !union.has(v))))
        problems.push(`node ${i}: sum not complete`);
    }
    scopes.push(union);
  });
  const root = spn.nodes[spn.nodes.length - 1]!;
  if (root.kind !== "sum") problems.push("the last node is not a sum");
  if (scopes[scopes.length - 1]!.size !== spn.variables.length) problems.push("root scope is not every variable");
  spn.members.forEach((stored, s) => {
    const m = parametersOf(spn, stored);
    if (m.weights.length !== sumEdges)
      problems.push(`member ${s}: ${m.weights.length} weights for ${sumEdges} sum edges`);
    if (m.leafParams.length !== leaves)
      problems.push(`member ${s}: ${m.leafParams.length} leafParams for ${leaves} leaves`);
    let at = 0;
    for (const node of spn.nodes) {
      if (node.kind !== "sum") continue;
      const block = m.weights.slice(at, (at += node.children.length));
      const total = block.reduce((x, y) => x + y, 0);
      if (Math.abs(total - 1) > 1e-9 || block.some((w) => !(w > 0)))
        problems.push(`member ${s}: a weight block sums to ${total}`);
    }
    if (m.leafParams.some((p) => !(p > 0 && p < 1))) problems.push(`member ${s}: a leaf parameter outside (0, 1)`);
  });
  return problems;
}

/** log p(x) under member s, recursion over the node list (no scaling: tiny models only). */
export function naiveLogProb(spn: SpnJson, s: number, x: ArrayLike<number>): number {
  const m = parametersOf(spn, spn.members[s]!);
  const value: number[] = [];
  let w = 0;
  let l = 0;
  for (const node of spn.nodes) {
    if (node.kind === "leaf") {
      const p = m.leafParams[l++]!;
      value.push(x[node.variable] === 1 ? p : 1 - p);
    } else if (node.kind === "product") {
      value.push(node.children.reduce((acc, c) => acc * value[c]!, 1));
    } else {
      value.push(node.children.reduce((acc, c) => acc + m.weights[w++]! * value[c]!, 0));
    }
  }
  return Math.log(value[value.length - 1]!);
}
