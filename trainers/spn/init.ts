import { uniformInt, type Rng } from "../../shared/numeric/rng.ts";
import { partitionOf } from "./region-graph.ts";
import { updateTree, type SamplerState } from "./state.ts";

/**
 * Random initial trees: every visited sum picks a child uniformly (the prior predictive with no
 * counts). Every sampler starts from this same state for a given seed, so comparisons are fair.
 */
export function initRandomTrees(rng: Rng, st: SamplerState): void {
  const g = st.graph;
  const pending: number[] = [];
  for (let n = 0; n < st.data.rows; n++) {
    pending.push(g.root);
    while (pending.length > 0) {
      const r = pending.pop()!;
      if (g.isLeaf[r] === 1) continue;
      const c = uniformInt(rng, g.childCount[r]!);
      st.choice[n * g.regions + r] = c;
      const p = partitionOf(g, r, c);
      pending.push(g.partLeft[p]!, g.partRight[p]!);
    }
    updateTree(st, n, 1);
  }
}
