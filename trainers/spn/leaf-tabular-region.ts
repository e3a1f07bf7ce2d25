import { mvnLogDensity } from "./leaf-mvn-predictive.ts";
import { tabularLeafLogDensity, type TabularLeaves } from "./leaf-tabular.ts";
import type { RegionGraph } from "./region-graph.ts";

/** A leaf region's components on a mixed table: products of cell predictives and MVN blocks. */

/** log prod over the scope of leaf component k of leaf region r. */
export function tabularComponentLog(
  g: RegionGraph,
  tab: TabularLeaves,
  r: number,
  k: number,
  x: Uint8Array,
  values: Float64Array | undefined,
  row: number,
): number {
  const len = g.scopeLength[r]!;
  const vs = g.scopeStart[r]!;
  const base = g.leafStart[r]! + k * len;
  const mvn = tab.mvn;
  let total = 0;
  if (mvn !== null && mvn.p[r]! > 0) {
    for (let i = 0; i < len; i++)
      if (mvn.inBlock[vs + i] === 0)
        total += tabularLeafLogDensity(tab, x, values, row, base + i, g.scopeVars[vs + i]!);
    return total + mvnLogDensity(mvn, g.compStart[r]! + k, r, values!, row);
  }
  for (let i = 0; i < len; i++) total += tabularLeafLogDensity(tab, x, values, row, base + i, g.scopeVars[vs + i]!);
  return total;
}

/** Values of leaf region r's components, divided by the largest; returns its log (the region's scale). */
export function tabularRegionValues(
  g: RegionGraph,
  tab: TabularLeaves,
  r: number,
  x: Uint8Array,
  values: Float64Array | undefined,
  row: number,
  lin: Float64Array,
  at: number,
): number {
  const K = g.size[r]!;
  let logMax = -Infinity;
  for (let k = 0; k < K; k++) {
    lin[at + k] = tabularComponentLog(g, tab, r, k, x, values, row);
    if (lin[at + k]! > logMax) logMax = lin[at + k]!;
  }
  for (let k = 0; k < K; k++) lin[at + k] = Math.exp(lin[at + k]! - logMax);
  return logMax;
}
