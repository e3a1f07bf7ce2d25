import { createRng } from "../../../shared/numeric/rng.ts";
import type { BinaryData } from "../../../trainers/spn/dataset.ts";
import {
  buildRegionGraph,
  partitionOf,
  type RegionGraph,
  type StructureOptions,
} from "../../../trainers/spn/region-graph.ts";
import { mutualInformation } from "../../../trainers/spn/mutual-information.ts";
import { createState, updateTree, type SamplerState } from "../../../trainers/spn/state.ts";

/** Tiny binary data sets small enough to enumerate every assignment Z of every datum's tree. */
export function tinyData(rows: number[][]): BinaryData {
  return { rows: rows.length, cols: rows[0]!.length, x: Uint8Array.from(rows.flat()) };
}

export function tinyState(data: BinaryData, structure: StructureOptions, alpha = 0.5, beta = 0.5): SamplerState {
  const graph = buildRegionGraph(
    createRng(7),
    data.cols,
    structure,
    structure.split === "mi" ? mutualInformation(data) : undefined,
  );
  const hyper = { a: new Float64Array(data.cols).fill(beta), b: new Float64Array(data.cols).fill(beta), alpha };
  return createState(graph, data, hyper);
}

/** Every induced tree of the region graph, as a choice row (-1 where a region is not visited). */
export function enumerateTrees(g: RegionGraph): Int32Array[] {
  const expand = (r: number, rows: Int32Array[]): Int32Array[] => {
    if (g.isLeaf[r] === 1) return rows;
    const out: Int32Array[] = [];
    for (const row of rows) {
      for (let c = 0; c < g.childCount[r]!; c++) {
        const p = partitionOf(g, r, c);
        const next = row.slice();
        next[r] = c;
        out.push(...expand(g.partRight[p]!, expand(g.partLeft[p]!, [next])));
      }
    }
    return out;
  };
  return expand(g.root, [new Int32Array(g.regions).fill(-1)]);
}

/** Installs the given trees (one row per datum) as the sampler state, counts built from scratch. */
export function setTrees(st: SamplerState, trees: readonly Int32Array[]): void {
  const fresh = createState(st.graph, st.data, st.hyper, st.tab?.mvn != null);
  trees.forEach((row, n) => fresh.choice.set(row, n * st.graph.regions));
  for (let n = 0; n < st.data.rows; n++) updateTree(fresh, n, 1);
  Object.assign(st, { ...fresh, stack: st.stack });
}

const rising = (x: number, n: number): number => {
  let v = 1;
  for (let i = 0; i < n; i++) v *= x + i;
  return v;
};

/**
 * Exact collapsed joint p(Z | alpha) p(X | Z, a, b) (Trapp et al. 2019; notes Sec. 2) computed
 * independently of the sampler: counts by walking each tree with Maps, Gamma ratios as rising
 * factorials Gamma(x + n) / Gamma(x) = x (x + 1) ... (x + n - 1).
 */
export function exactJoint(st: SamplerState, trees: readonly Int32Array[]): number {
  const g = st.graph;
  const { a, b, alpha } = st.hyper;
  const sumEdges = new Map<number, number>();
  const sumTotals = new Map<number, number>();
  const leafM = new Map<string, [number, number, number]>();
  trees.forEach((row, n) => {
    const walk = (r: number, k: number): void => {
      if (g.isLeaf[r] === 1) {
        for (let i = 0; i < g.scopeLength[r]!; i++) {
          const d = g.scopeVars[g.scopeStart[r]! + i]!;
          const key = `${r}/${k}/${d}`;
          const cell = leafM.get(key) ?? [d, 0, 0];
          cell[1] += st.data.x[n * st.data.cols + d]!;
          cell[2] += 1;
          leafM.set(key, cell);
        }
        return;
      }
      const c = row[r]!;
      const s = g.sumStart[r]! + k;
      const e = g.edgeStart[r]! + k * g.childCount[r]! + c;
      sumEdges.set(e, (sumEdges.get(e) ?? 0) + 1);
      sumTotals.set(s, (sumTotals.get(s) ?? 0) + 1);
      const p = partitionOf(g, r, c);
      const local = c - g.partChildStart[p]!;
      const K2 = g.size[g.partRight[p]!]!;
      walk(g.partLeft[p]!, Math.floor(local / K2));
      walk(g.partRight[p]!, local % K2);
    };
    walk(g.root, 0);
  });
  let joint = 1;
  for (const count of sumEdges.values()) joint *= rising(alpha, count);
  for (const [s, total] of sumTotals) {
    let r = 0;
    while (g.isLeaf[r] === 1 || s < g.sumStart[r]! || s >= g.sumStart[r]! + g.size[r]!) r++;
    joint /= rising(g.childCount[r]! * alpha, total);
  }
  for (const [d, ones, m] of leafM.values()) {
    joint *= (rising(a[d]!, ones) * rising(b[d]!, m - ones)) / rising(a[d]! + b[d]!, m);
  }
  return joint;
}

export const treeKey = (row: ArrayLike<number>): string => Array.from(row).join(",");

/** Total-variation distance between an empirical histogram and an exact distribution. */
export function totalVariation(counts: Map<string, number>, exact: Map<string, number>): number {
  const total = [...counts.values()].reduce((x, y) => x + y, 0);
  let tv = 0;
  for (const [key, p] of exact) tv += Math.abs((counts.get(key) ?? 0) / total - p);
  for (const [key, c] of counts) if (!exact.has(key)) tv += c / total;
  return tv / 2;
}
