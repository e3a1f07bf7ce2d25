import { GAUSSIAN_SLOTS, mvnSlots } from "../../shared/spn/compiled-spn.ts";
import type { ServedShape } from "../../shared/spn/served-load.ts";
import { inMvnBlock } from "./artifact-mvn.ts";
import type { MvnBlocks } from "./leaf-mvn.ts";
import type { RegionGraph } from "./region-graph.ts";
import type { ColumnSpec } from "./table-columns.ts";

/**
 * The compiled shape of the artifact serializeSpn writes for graph g (shared/spn/compile.ts's
 * node count, edge count and leaf parameter slots), from the graph, the column kinds and the mvn
 * blocks alone, so that the search can size a candidate's members before writing it. A leaf
 * region's component is its univariate leaves (and its block's mvn leaf) under one product, or the
 * single leaf itself; an internal region has one two-child product per partition and pair of child
 * components, and `size` sums over all of them.
 */
export function servedShape(
  g: RegionGraph,
  members: number,
  columns?: readonly ColumnSpec[] | null,
  blocks?: MvnBlocks | null,
): ServedShape {
  const slots = (d: number): number => {
    const c = columns?.[d];
    return !c || c.kind === "binary" ? 2 : c.kind === "categorical" ? c.states.length : GAUSSIAN_SLOTS;
  };
  let nodes = 0;
  let edges = 0;
  let paramSlots = 0;
  for (let r = 0; r < g.regions; r++) {
    const size = g.size[r]!;
    if (g.isLeaf[r] === 1) {
      let leaves = 0;
      let perComponent = 0;
      for (let i = 0; i < g.scopeLength[r]!; i++) {
        if (inMvnBlock(blocks, g, r, i)) continue;
        leaves++;
        perComponent += slots(g.scopeVars[g.scopeStart[r]! + i]!);
      }
      if (blocks && blocks.p[r]! > 0) leaves++, (perComponent += mvnSlots(blocks.p[r]!));
      const product = leaves > 1 ? 1 : 0;
      nodes += size * (leaves + product);
      edges += size * product * leaves;
      paramSlots += size * perComponent;
      continue;
    }
    let products = 0;
    for (let p = g.partStart[r]!; p < g.partStart[r]! + g.partCount[r]!; p++)
      products += g.size[g.partLeft[p]!]! * g.size[g.partRight[p]!]!;
    nodes += products + size;
    edges += 2 * products + size * products;
  }
  return { nodes, edges, paramSlots, members, mvn: blocks ? blocks.p.some((p) => p > 0) : false };
}
