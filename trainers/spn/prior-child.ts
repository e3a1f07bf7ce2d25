import type { Rng } from "../../shared/numeric/rng.ts";
import { fenwickFind } from "./fenwick.ts";
import type { SamplerState } from "./state.ts";

/**
 * Draws the child of sum k in region r from the collapsed prior predictive,
 * (n_{s,c} + alpha) / (n_s + C alpha), with one uniform: the count part by Fenwick descent, the
 * alpha part uniformly. Shared by the top-down proposal and the neighbour sampler, which must
 * consume the generator identically (same seed → same artifact).
 */
export function drawPriorChild(rng: Rng, st: SamplerState, r: number, k: number): number {
  const g = st.graph;
  const alpha = st.hyper.alpha;
  const C = g.childCount[r]!;
  const nTotal = st.sumTotal[g.sumStart[r]! + k]!;
  const u = rng.nextFloat() * (nTotal + C * alpha);
  return u < nTotal
    ? fenwickFind(st.fenwick, g.edgeStart[r]! + k * C, C, g.fenwickMask[r]!, Math.floor(u))
    : Math.min(C - 1, Math.floor((u - nTotal) / alpha));
}
