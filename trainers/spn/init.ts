import { uniformInt, type Rng } from "../../shared/numeric/rng.ts";
import { updateTree, type SamplerState } from "./state.ts";
import { pushFactorRegions, startRegionWalk } from "./tree-walk.ts";

/**
 * Random initial trees: every visited sum picks a child uniformly (the prior predictive with no
 * counts). Every sampler starts from this same state for a given seed, so comparisons are fair.
 */
export function initRandomTrees(rng: Rng, st: SamplerState): void {
  const g = st.graph;
  const stack = st.stack;
  for (let n = 0; n < st.data.rows; n++) {
    let top = startRegionWalk(g, stack);
    while (top > 0) {
      const r = stack[--top]!;
      if (g.isLeaf[r] === 1) continue;
      const c = uniformInt(rng, g.childCount[r]!);
      st.choice[n * g.regions + r] = c;
      top = pushFactorRegions(g, stack, top, r, c);
    }
    updateTree(st, n, 1);
  }
}
