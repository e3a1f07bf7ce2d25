import type { SpnArtifact, SpnPosterior } from "./artifact-schema.ts";

/** Values per variable prior and per leaf statistic (docs/spn-artifact.md, `posterior`). */
const GAUSSIAN_PRIOR_LENGTH = 4; // [mu0, kappa0, a0, b0]
const GAUSSIAN_STATS_LENGTH = 3; // [n, mean, m2]

/**
 * Checks one member's optional `posterior` against the structure: sumCounts parallel to weights,
 * one prior per variable of its kind's length with positive concentrations, leafStats of the
 * implied length with non-negative counts. Returns a message, or null when it is valid.
 */
export function posteriorProblem(artifact: SpnArtifact, p: SpnPosterior, weightCount: number): string | null {
  const { variables, nodes } = artifact;
  if (p.sumCounts.length !== weightCount)
    return `posterior.sumCounts has ${p.sumCounts.length} values, expected ${weightCount} (one per weight)`;
  if (p.leafPriors.length !== variables.length)
    return `posterior.leafPriors has ${p.leafPriors.length} entries, expected ${variables.length} (one per variable)`;
  for (let v = 0; v < variables.length; v++) {
    const spec = variables[v]!;
    const prior = p.leafPriors[v]!;
    const want = spec.type === "gaussian" ? GAUSSIAN_PRIOR_LENGTH : spec.type === "bernoulli" ? 2 : spec.states.length;
    const at = `posterior.leafPriors[${v}] ("${spec.name}", ${spec.type})`;
    if (prior.length !== want) return `${at} has ${prior.length} values, expected ${want}`;
    const positive = spec.type === "gaussian" ? prior.slice(1) : prior;
    if (!prior.every(Number.isFinite) || !positive.every((x) => x > 0))
      return `${at}: concentrations must be finite and positive`;
  }
  let expected = 0;
  for (const node of nodes) {
    if (node.kind !== "leaf") continue;
    const spec = variables[node.variable]!;
    expected += spec.type === "gaussian" ? GAUSSIAN_STATS_LENGTH : spec.type === "bernoulli" ? 2 : spec.states.length;
  }
  if (p.leafStats.length !== expected)
    return `posterior.leafStats has ${p.leafStats.length} values, expected ${expected}`;
  let at = 0;
  for (const node of nodes) {
    if (node.kind !== "leaf") continue;
    const spec = variables[node.variable]!;
    if (spec.type === "gaussian") {
      const [n, mean, m2] = [p.leafStats[at]!, p.leafStats[at + 1]!, p.leafStats[at + 2]!];
      if (!(n >= 0) || !Number.isFinite(mean) || !(m2 >= 0))
        return `posterior.leafStats at ${at}: gaussian [n, mean, m2] needs n >= 0, finite mean, m2 >= 0`;
      at += GAUSSIAN_STATS_LENGTH;
    } else {
      const k = spec.type === "bernoulli" ? 2 : spec.states.length;
      for (let i = at; i < at + k; i++)
        if (!(p.leafStats[i]! >= 0)) return `posterior.leafStats[${i}] = ${p.leafStats[i]} is not a count >= 0`;
      at += k;
    }
  }
  return null;
}
