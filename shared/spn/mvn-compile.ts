import type { SpnMvnParams, SpnNode } from "./artifact-schema.ts";
import type { CompiledMvn, CompiledSpn } from "./compiled-spn.ts";

/**
 * The mvn leaves of an artifact's nodes in the compiled layout (CompiledMvn), or null when there
 * are none. `position` (parallel to variableLeaves) is filled by compile.ts as it lays them out.
 */
export function mvnLayout(nodes: readonly SpnNode[], variableLeafCount: number): CompiledMvn | null {
  const ordinal = new Int32Array(nodes.length).fill(-1);
  const p: number[] = [];
  const varStart: number[] = [];
  const vars: number[] = [];
  nodes.forEach((node, n) => {
    if (node.kind !== "mvn") return;
    ordinal[n] = p.length;
    p.push(node.variables.length);
    varStart.push(vars.length);
    vars.push(...node.variables);
  });
  if (p.length === 0) return null;
  return {
    ordinal,
    p: Int32Array.from(p),
    varStart: Int32Array.from(varStart),
    vars: Int32Array.from(vars),
    position: new Int32Array(variableLeafCount).fill(-1),
    maxP: Math.max(...p),
    variables: Int32Array.from(new Set(vars)).sort(),
  };
}

type Layout = Pick<CompiledSpn, "nodeCount" | "leafParamStart"> & { mvn?: CompiledMvn | null };

/**
 * One member's served mvn leaves into `params` (from each leaf's leafParamStart): the mean mu_n,
 * then the lower Cholesky factor of the NIW Student-t predictive's covariance
 * Psi_n (kappa_n + 1) / (kappa_n (nu_n - p - 1)) (Murphy 2007, eq. 258), i.e. the stored factor of
 * Psi_n times the square root of that scale, and two zero slots. nu_n - p - 1 = nuOffset + n.
 */
export function fillMvnMember(spn: Layout, m: SpnMvnParams, params: Float64Array): void {
  forEachMvnLeaf(spn, m, (at, n, p, from) => {
    const kappaN = m.kappa0 + n;
    const scale = Math.sqrt((kappaN + 1) / (kappaN * (m.nuOffset + n)));
    for (let i = 0; i < p; i++) params[at + i] = m.leaves[from + i]!;
    const packed = (p * (p + 1)) / 2;
    for (let i = 0; i < packed; i++) params[at + p + i] = scale * m.leaves[from + p + i]!;
    params[at + p + packed] = 0;
    params[at + p + packed + 1] = 0;
  });
}

/** One member's NIW posteriors into `out`: mu_n, the factor of Psi_n, kappa_n, nu_n = p + 1 + nuOffset + n. */
export function fillMvnPosterior(spn: Layout, m: SpnMvnParams, out: Float64Array): void {
  forEachMvnLeaf(spn, m, (at, n, p, from) => {
    const packed = (p * (p + 1)) / 2;
    for (let i = 0; i < p + packed; i++) out[at + i] = m.leaves[from + i]!;
    out[at + p + packed] = m.kappa0 + n;
    out[at + p + packed + 1] = p + 1 + m.nuOffset + n;
  });
}

/** visit(param offset, n, p, offset of mu_n in m.leaves) for every mvn leaf in node order. */
function forEachMvnLeaf(
  spn: Layout,
  m: SpnMvnParams,
  visit: (at: number, n: number, p: number, from: number) => void,
): void {
  const mvn = spn.mvn!;
  let from = 0;
  for (let node = 0; node < spn.nodeCount; node++) {
    const j = mvn.ordinal[node]!;
    if (j < 0) continue;
    const p = mvn.p[j]!;
    visit(spn.leafParamStart[node]!, m.leaves[from]!, p, from + 1);
    from += 1 + p + (p * (p + 1)) / 2;
  }
}
