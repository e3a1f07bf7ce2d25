import { InvalidArtifactError } from "../errors.ts";
import type { SpnArtifact, SpnMember } from "./artifact-schema.ts";
import { mvnMemberProblem, mvnNodeProblem } from "./validate-mvn.ts";
import { computeScopes, ScopeViolation } from "./scopes.ts";
import { posteriorProblem } from "./validate-posterior.ts";

/** Sum-node weights and categorical leaf parameters must sum to 1 within this. */
export const NORMALISATION_TOLERANCE = 1e-6;

/**
 * Semantic validation of a schema-valid artifact (docs/spn-artifact.md). Throws
 * InvalidArtifactError whose message names the offending node (and member) and what is wrong.
 * Linear in the graph size except the scope check, O(edges * variables / 32).
 */
export function validateSpn(artifact: SpnArtifact, model = "spn"): void {
  const fail = (detail: string): never => {
    throw new InvalidArtifactError(model, detail);
  };
  checkVariables(artifact, fail);
  checkStructure(artifact, fail);
  artifact.members.forEach((member, m) => checkMember(artifact, member, m, fail));
  try {
    computeScopes(artifact);
  } catch (error) {
    if (error instanceof ScopeViolation) fail(error.detail);
    throw error;
  }
}

type Fail = (detail: string) => never;

function checkVariables({ variables }: SpnArtifact, fail: Fail): void {
  const seen = new Set<string>();
  variables.forEach((v, i) => {
    if (seen.has(v.name)) fail(`variable ${i}: name "${v.name}" is used twice`);
    seen.add(v.name);
    if (v.type !== "gaussian" && v.states !== undefined && new Set(v.states).size !== v.states.length) {
      fail(`variable ${i} ("${v.name}"): state names must be distinct`);
    }
  });
}

function checkStructure({ nodes, variables }: SpnArtifact, fail: Fail): void {
  const hasLeaf = new Uint8Array(variables.length);
  nodes.forEach((node, n) => {
    if (node.kind === "leaf") {
      if (node.variable >= variables.length) {
        fail(`node ${n} (leaf): variable ${node.variable} out of range (${variables.length} variables)`);
      }
      hasLeaf[node.variable] = 1;
      return;
    }
    if (node.kind === "mvn") {
      const problem = mvnNodeProblem(variables, node.variables);
      if (problem !== null) fail(`node ${n} (mvn): ${problem}`);
      for (const v of node.variables) hasLeaf[v] = 1;
      return;
    }
    for (const c of node.children) {
      if (c >= n) fail(`node ${n} (${node.kind}): child ${c} does not precede its parent`);
    }
  });
  // Children precede parents, so one sweep from the root down marks everything reachable.
  const reached = new Uint8Array(nodes.length);
  reached[nodes.length - 1] = 1;
  for (let n = nodes.length - 1; n >= 0; n--) {
    const node = nodes[n]!;
    if (reached[n] === 0) fail(`node ${n} (${node.kind}): not reachable from the root (node ${nodes.length - 1})`);
    if (node.kind === "sum" || node.kind === "product") for (const c of node.children) reached[c] = 1;
  }
  variables.forEach((v, i) => {
    if (hasLeaf[i] === 0) fail(`variable ${i} ("${v.name}"): no leaf; the root must cover every variable`);
  });
}

function checkMember(artifact: SpnArtifact, member: SpnMember, m: number, fail: Fail): void {
  const { nodes, variables } = artifact;
  const { weights, leafParams } = member;
  let w = 0;
  let p = 0;
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n]!;
    const at = `member ${m}, node ${n} (${node.kind})`;
    if (node.kind === "sum") {
      const k = node.children.length;
      if (w + k > weights.length) fail(`${at}: weights array too short (${weights.length} values)`);
      let total = 0;
      for (let i = w; i < w + k; i++) {
        if (!(weights[i]! >= 0)) fail(`${at}: weight ${weights[i]} of child ${node.children[i - w]} is negative`);
        total += weights[i]!;
      }
      if (Math.abs(total - 1) > NORMALISATION_TOLERANCE) fail(`${at}: weights sum to ${round(total)}, not 1`);
      w += k;
    } else if (node.kind === "leaf") {
      const v = variables[node.variable]!;
      const k = v.type === "categorical" ? v.states.length : v.type === "gaussian" ? 2 : 1;
      if (p + k > leafParams.length) fail(`${at}: leafParams array too short (${leafParams.length} values)`);
      const params = leafParams.slice(p, p + k);
      const what = `${at} over "${v.name}" (${v.type})`;
      if (v.type === "bernoulli" && !(params[0]! >= 0 && params[0]! <= 1)) {
        fail(`${what}: p = ${params[0]} is not in [0, 1]`);
      } else if (v.type === "gaussian" && !(params[1]! > 0)) {
        fail(`${what}: std = ${params[1]} is not positive`);
      } else if (v.type === "categorical") {
        if (params.some((x) => !(x >= 0))) fail(`${what}: a probability is negative`);
        const total = params.reduce((a, b) => a + b, 0);
        if (Math.abs(total - 1) > NORMALISATION_TOLERANCE) fail(`${what}: probabilities sum to ${round(total)}, not 1`);
      }
      p += k;
    }
  }
  if (w !== weights.length) fail(`member ${m}: ${weights.length} weights, expected ${w}`);
  if (p !== leafParams.length) fail(`member ${m}: ${leafParams.length} leafParams, expected ${p}`);
  const problem = member.posterior ? posteriorProblem(artifact, member.posterior, w) : null;
  if (problem !== null) fail(`member ${m}: ${problem}`);
  const mvnProblem = mvnMemberProblem(nodes, member.mvn);
  if (mvnProblem !== null) fail(`member ${m}: ${mvnProblem}`);
}

/** A sum for a message: 12 significant digits, so 0.3 + 0.6 shows as 0.9. */
function round(x: number): number {
  return Number(x.toPrecision(12));
}
