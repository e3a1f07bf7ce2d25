import { choleskyInto } from "../../shared/numeric/cholesky.ts";
import type { MvnBlocks } from "./leaf-mvn.ts";
import type { Member } from "./member.ts";
import type { RegionGraph } from "./region-graph.ts";
import type { ColumnSpec } from "./table-columns.ts";

const SIGNIFICANT_DIGITS = 7;
const round = (x: number): number => Number(x.toPrecision(SIGNIFICANT_DIGITS));

/** True when leaf region r's scope position i is served by the region's multivariate block. */
export function inMvnBlock(b: MvnBlocks | null | undefined, g: RegionGraph, r: number, i: number): boolean {
  return !!b && b.p[r]! > 0 && b.inBlock[g.scopeStart[r]! + i] === 1;
}

/** The artifact node of region r's block: `{"kind":"mvn","variables":[...]}`. */
export function mvnNodeJson(b: MvnBlocks, r: number): string {
  return `{"kind":"mvn","variables":[${Array.from(b.vars.subarray(b.varStart[r]!, b.varStart[r]! + b.p[r]!)).join(",")}]}`;
}

/**
 * members[s].mvn of spn.json (docs/spn-artifact.md, "mvn"): the NIW posterior of every block
 * component, compactly — per mvn node in node order [n, mu_n (p), the lower Cholesky factor of
 * Psi_n packed row by row (p (p + 1) / 2)], plus the prior's kappa0 and nuOffset (nu0 = p + 1 +
 * nuOffset). The served Gaussian (its mean and the Student-t predictive's covariance) and the
 * parameter draws both follow from these, so nothing is stored twice. Psi_n's factor rather than
 * the scatter's: Psi_n is positive definite even for a component with n <= p rows, and any rounded
 * factor L still gives a positive semi-definite L L^T. User units: x = shift + scale z, so
 * mu = shift + scale mu_z and chol(Psi) = diag(scale) chol(Psi_z).
 */
export function mvnMemberJson(b: MvnBlocks, g: RegionGraph, m: Member, columns: readonly ColumnSpec[]): string {
  const s = m.stats!.mvn!;
  const out: number[] = [];
  const work = new Float64Array(2 * b.maxP * b.maxP + b.maxP);
  for (let r = 0; r < g.regions; r++) {
    const p = b.p[r]!;
    if (g.isLeaf[r] === 0 || p === 0) continue;
    const v0 = b.varStart[r]!;
    for (let k = 0; k < g.size[r]!; k++) {
      const c = g.compStart[r]! + k;
      const n = s.n[c]!;
      const k0 = b.kappa0[r]!;
      const kn = k0 + n;
      const lin = b.linAt[c]!;
      const sq = b.sqAt[c]!;
      const dev = work.subarray(2 * p * p, 2 * p * p + p);
      out.push(n);
      for (let i = 0; i < p; i++) {
        const col = columns[b.vars[v0 + i]!]!;
        const muZ = (k0 * b.mu0[v0 + i]! + s.sum[lin + i]!) / kn;
        dev[i] = n > 0 ? s.sum[lin + i]! / n - b.mu0[v0 + i]! : 0;
        out.push(round(col.shift + col.scale * muZ));
      }
      const psi = work.subarray(0, p * p);
      for (let i = 0; i < p; i++) {
        for (let j = 0; j < p; j++) {
          const scatter = n > 0 ? s.outer[sq + i * p + j]! - (s.sum[lin + i]! * s.sum[lin + j]!) / n : 0;
          psi[i * p + j] = (i === j ? b.psi0[v0 + i]! : 0) + scatter + ((k0 * n) / kn) * dev[i]! * dev[j]!;
        }
      }
      const chol = work.subarray(p * p, 2 * p * p);
      if (!choleskyInto(psi, 0, p, chol, 0))
        throw new Error(`mvn block of region ${r}, component ${k}: Psi_n is not positive definite`);
      for (let i = 0; i < p; i++) {
        const scale = columns[b.vars[v0 + i]!]!.scale;
        for (let j = 0; j <= i; j++) out.push(round(scale * chol[i * p + j]!));
      }
    }
  }
  return `{"kappa0":${round(b.sharedKappa0)},"nuOffset":${round(b.nuExtra)},"leaves":${JSON.stringify(out)}}`;
}

/** Leaf parameters in forEachLeaf order without the leaves a multivariate block replaces. */
export function univariateOnly(
  g: RegionGraph,
  b: MvnBlocks,
  params: Float64Array,
  columns: readonly ColumnSpec[],
): number[] {
  const out: number[] = [];
  let at = 0;
  forEachLeafPosition(g, (r, i, d) => {
    const c = columns[d]!;
    const width = c.kind === "continuous" ? 2 : c.kind === "binary" ? 1 : c.states.length;
    if (!inMvnBlock(b, g, r, i)) for (let k = 0; k < width; k++) out.push(round(params[at + k]!));
    at += width;
  });
  return out;
}

/** forEachLeaf with the leaf's region and scope position, which say whether a block serves it. */
export function forEachLeafPosition(
  g: RegionGraph,
  visit: (region: number, position: number, variable: number, leaf: number) => void,
): void {
  for (let r = 0; r < g.regions; r++) {
    if (g.isLeaf[r] === 0) continue;
    const len = g.scopeLength[r]!;
    for (let l = g.leafStart[r]!, i = 0; i < len * g.size[r]!; i++, l++)
      visit(r, i % len, g.scopeVars[g.scopeStart[r]! + (i % len)]!, l);
  }
}
