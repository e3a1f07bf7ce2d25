import type { SpnMvnParams, SpnNode, SpnVariableSpec } from "./artifact-schema.ts";

/** What is wrong with an mvn node's variable list (distinct gaussian variables in range), or null. */
export function mvnNodeProblem(variables: readonly SpnVariableSpec[], vars: readonly number[]): string | null {
  const seen = new Set<number>();
  for (const v of vars) {
    if (v >= variables.length) return `variable ${v} out of range (${variables.length} variables)`;
    if (variables[v]!.type !== "gaussian")
      return `variable ${v} ("${variables[v]!.name}") is ${variables[v]!.type}; an mvn leaf needs gaussian variables`;
    if (seen.has(v)) return `variable ${v} ("${variables[v]!.name}") is listed twice`;
    seen.add(v);
  }
  return null;
}

/**
 * What is wrong with a member's `mvn` parameters (docs/spn-artifact.md), or null: present exactly
 * when the graph has mvn nodes, `leaves` of the length the nodes imply, n >= 0, finite means and a
 * Cholesky factor with a positive diagonal (so Psi_n is positive definite).
 */
export function mvnMemberProblem(nodes: readonly SpnNode[], mvn: SpnMvnParams | undefined): string | null {
  const blocks = nodes.flatMap((node, n) => (node.kind === "mvn" ? [{ n, p: node.variables.length }] : []));
  if (blocks.length === 0) return mvn === undefined ? null : "mvn parameters given but the graph has no mvn node";
  if (mvn === undefined) return "the graph has mvn nodes but the member has no mvn parameters";
  const expected = blocks.reduce((acc, b) => acc + 1 + b.p + (b.p * (b.p + 1)) / 2, 0);
  if (mvn.leaves.length !== expected) return `mvn.leaves has ${mvn.leaves.length} values, expected ${expected}`;
  let at = 0;
  for (const { n, p } of blocks) {
    const where = `mvn.leaves at ${at} (node ${n})`;
    if (!(mvn.leaves[at]! >= 0)) return `${where}: n = ${mvn.leaves[at]} is not >= 0`;
    for (let i = 1; i <= p; i++)
      if (!Number.isFinite(mvn.leaves[at + i]!)) return `${where}: mean ${i - 1} is not finite`;
    let c = at + 1 + p;
    for (let i = 0; i < p; i++) {
      for (let j = 0; j <= i; j++, c++) {
        const x = mvn.leaves[c]!;
        if (!Number.isFinite(x) || (i === j && !(x > 0)))
          return `${where}: Cholesky entry (${i}, ${j}) = ${x} must be finite${i === j ? " and positive" : ""}`;
      }
    }
    at = c;
  }
  return null;
}
