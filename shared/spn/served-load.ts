import type { CompiledSpn } from "./compiled-spn.ts";

/** What a compiled SPN holds per isolate: its graph and S members' parameters (compile.ts). */
export interface ServedShape {
  nodes: number;
  /** CSR edges, sum and product (each member keeps a log-weight per edge). */
  edges: number;
  /** Leaf parameter slots per member. */
  paramSlots: number;
  members: number;
  /** Whether it has multivariate Gaussian leaves (evaluated in JS, with NIW posteriors to draw from). */
  mvn: boolean;
}

/**
 * The peak MiB a deployed isolate is predicted to reach serving this model alone, over its
 * endpoints at their request caps: 59.7 + 2.7 per MB of member parameters (float64, held in JS and
 * again in the wasm evaluator) + 1.29 per 1,000 nodes (parse, compile, the marginals' flow buffers
 * and draw cache). Fitted on workerd's peaks (`bench:memory:workerd`, resident growth + request
 * peak, the largest of logprob, conditional, MPE, sample and marginals; 2 Dec 2026,
 * docs/spn-artifact.md "Served peak") of nltcs, plants and an accidents-shaped graph (45,741 nodes)
 * at 3, 4, 6 and 10 members: measured 78, 118.7, 134.3, 131, 130.7 and 154.1 MiB, the fit within
 * 8.3 of each. A model with mvn leaves costs 6.0 per MB of member parameters instead (its members
 * are mostly Cholesky factors evaluated in JS, with their NIW posteriors and draws): from wdbc,
 * whose largest endpoint measured 93-108 MiB over eleven runs.
 */
export function servedPeakMiB({ nodes, edges, paramSlots, members, mvn }: ServedShape): number {
  const memberMB = (members * (edges + paramSlots) * 8) / 1e6;
  return 59.7 + (mvn ? 6.0 : 2.7) * memberMB + 1.29 * (nodes / 1e3);
}

/** The most a model may be predicted to reach: 128 MiB less 8 for the fit's error and run-to-run noise. */
export const SERVED_PEAK_BUDGET_MIB = 120;

/** The most members (at most `wanted`) predicted to stay within `budgetMiB`; 0 if not even one is. */
export function membersThatFit(
  shape: Omit<ServedShape, "members">,
  wanted: number,
  budgetMiB = SERVED_PEAK_BUDGET_MIB,
): number {
  let members = wanted;
  while (members > 0 && servedPeakMiB({ ...shape, members }) > budgetMiB) members--;
  return members;
}

/** The served shape of a compiled model. */
export const servedShapeOf = (spn: CompiledSpn): ServedShape => ({
  nodes: spn.nodeCount,
  edges: spn.edgeCount,
  paramSlots: spn.members[0]!.leafLogParams.length,
  members: spn.members.length,
  mvn: (spn.mvn ?? null) !== null,
});
